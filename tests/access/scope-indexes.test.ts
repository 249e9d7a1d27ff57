/**
 * Every correlated step of a region scope can use an index: the walk (server/access/region-scope.ts) ignores soft
 * deletion, so a to-many step `exists (select 1 from child s where s.fk = parent.id …)` needs a full index on the
 * child's column — a partial list index does not serve it, and without one a county clerk's statistics over persons
 * scanned every deputy per person (past the statement limit on the demo data). Read from the SQL the scopes of every
 * model actually produce, against the indexes of a migrated database, so a path added later is covered.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedEntities } from '../../schema/entities.js';
import { modelOf } from '../../schema/model/registry.js';
import { alongPathsSql } from '../../server/access/region-scope.js';
import { createTestDatabase, type TestDatabase } from '../support/test-cluster.js';

let database: TestDatabase;
let owner: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = new pg.Client({ connectionString: database.ownerUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await database?.drop();
});

/** The (table, column) pairs a condition correlates a to-many step on: `from "child" sN where "sN"."column" = "…"."id"`. */
function correlatedSteps(text: string): { table: string; column: string }[] {
  return [...text.matchAll(/from "(\w+)" (\w+) where "\2"\."(\w+)" = "\w+"\."id"/g)].map((match) => ({ table: match[1], column: match[3] }));
}

describe('the region scopes’ indexes', () => {
  it('give every to-many step of every model’s region paths a full index led by its column', async () => {
    const { rows } = await owner.query<{ table: string; definition: string }>(`select tablename as table, indexdef as definition from pg_indexes where schemaname = 'public'`);
    const served = (table: string, column: string) =>
      rows.some((index) => index.table === table && !/ WHERE /i.test(index.definition) && new RegExp(`\\((?:"?)${column}(?:"?)[,)]`).test(index.definition));
    const steps = servedEntities.flatMap((entity) => {
      const model = modelOf(entity);
      return correlatedSteps(alongPathsSql(model, 't', '620822').compile().text).map((step) => ({ model: model.name, ...step }));
    });
    // Not vacuous: persons reach their county through seats and appointments.
    expect(steps).toEqual(expect.arrayContaining([expect.objectContaining({ model: 'Person', table: 'deputy', column: 'person_id' })]));
    expect(steps.filter((step) => !served(step.table, step.column))).toEqual([]);
  });
});
