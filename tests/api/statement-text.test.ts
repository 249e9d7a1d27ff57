/**
 * One alias allocator per statement (issue 20): a builder takes table aliases of its own, and each statement
 * names them from 1 when it is compiled — so the same statement built twice is the same text (one prepared
 * statement), whatever was built before it or in between, in any order. A module-level counter, reset only by
 * some callers, gave `s1` then `s2`: every such drift a new prepared statement, until the cap.
 */
import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { modelOf } from '../../schema/model/registry.js';
import { Person } from '../../schema/entities/person.entity.js';
import { Deputy } from '../../schema/entities/deputy.entity.js';
import { Access } from '../../server/access/access.js';
import { and, ident, sql, tableAlias } from '../../server/sql/sql.js';

const clerk = new Access({ id: '7', username: 'clerk', displayName: '书记员', role: 'CLERK', regionId: '42', regionCode: '620822', regionName: '灵台县' });

/** A read as the writer and the import build theirs: outside any list or aggregate builder. */
const scoped = (model = modelOf(Person)) => sql`select t."id" from ${ident(model.table)} t where ${and([sql`t."id" = ${'1'}`, clerk.readScope(model, 't')])}`;

describe('statement text', () => {
  it('is the same for the same statement, built again after others', () => {
    const first = scoped().compile().text;
    for (let index = 0; index < 5; index++) scoped(modelOf(Deputy)).compile();
    expect(scoped().compile().text).toBe(first);
    expect(scoped().compile('knex').text).toBe(scoped().compile('knex').text);
  });

  it('names a statement’s aliases from 1 in the order they appear, and keeps two aliases apart', () => {
    const [a, b] = [tableAlias('s'), tableAlias('s')];
    expect(a).not.toBe(b);
    const text = sql`select 1 from person ${ident(a)} join region ${ident(b)} on ${ident(b, 'id')} = ${ident(a, 'region_id')}`.compile().text;
    expect(text).toBe('select 1 from person "s1" join region "s2" on "s2"."id" = "s1"."region_id"');
    expect(sql`select ${ident(b, 'id')} from region ${ident(b)}`.inline()).toBe('select "s1"."id" from region "s1"');
  });
});
