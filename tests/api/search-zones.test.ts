/**
 * Search zones (server/db/search-zones.ts): a ranked page's other matches are read from the zones of the default
 * order whose grams hold the query's keys. Built here in zones of 64 rows, so that a few thousand persons make dozens:
 * every query breadth finds exactly what the plain test finds, ranked, over pages; rows written after the zones were
 * built (inserted in the middle, first and last in the order; renamed into another zone; a workplace changed; a
 * deleted row restored) are found, and a write adding a gram does not wait for a dry run adding it; every row's grams are in its
 * zone (the invariant the skipping rests on), for every zoned model; a query whose matches cluster late in the order
 * reads the zones that hold them, not the order before them; and the application may read the zones, not write them.
 */
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { pinyinForms, searchKeyOfPinyin } from '../../schema/shared/pinyin.js';
import { fillPinyin } from '../../server/db/pinyin.js';
import { rebuildSearchZones, zonedOrders, type ZonedOrder } from '../../server/db/search-zones.js';
import { missingGramsSql } from '../support/search-zones.js';
import { planted, seedSearchData } from '../support/search-data.js';
import { actAsTest } from '../support/test-cluster.js';
import { useTestServer } from '../support/test-server.js';

const zoneRows = 64;
/** Two characters no generated name or workplace holds: planted in the workplaces of persons named late in the order. */
const clustered = '彧鬯';
/** Two characters only a deleted person's workplace holds. */
const restored = '彤彣';

const env = useTestServer(async (database) => {
  const client = await database.superClient();
  try {
    await seedSearchData(client, { persons: 3000, suggestions: 0, tricky: 0.05, seed: 'search-zones' });
    await actAsTest(client);
    // Late in the order by strokes (龘: 48 strokes), 40 persons whose workplaces alone hold the clustered text.
    await client.query(`insert into person (name, workplace) select '龘' || chr(19968 + n), '龘镇' || $1 || n from generate_series(1, 40) n`, [clustered]);
    // Deleted before the zones are built (which read live rows), restored by a test.
    await client.query(`insert into person (name, workplace, deleted_at) values ('王伟', $1, now())`, [restored]);
    await client.query('begin');
    await fillPinyin(async (statement) => (await client.query(statement)).rows);
    for (const zoned of zonedOrders()) await rebuildSearchZones(async (statement) => (await client.query(statement)).rows, zoned, zoneRows);
    await client.query('commit');
  } finally {
    await client.end();
  }
});

/** The test's own pattern: the query as a literal substring (LIKE's escape is the backslash). */
const containing = (q: string) => `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

async function superQuery<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = await env.database.superClient();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Every live match's id, ranked as search-rank.ts says (name, full pinyin or initials equal to the query first), written out by hand. */
async function expected(q: string): Promise<string[]> {
  const key = searchKeyOfPinyin(q);
  const rows = await superQuery<{ id: string }>(
    `select p.id::text as id from person p
      where deleted_at is null and (name ilike $1 or coalesce(name_pinyin like $2::text, false) or workplace ilike $1)
      order by case when name = $3 or coalesce(split_part(name_pinyin, ' ', 1) = $4 or split_part(name_pinyin, ' ', 2) = $4, false) then 0 else 1 end,
               name collate zh_stroke, p.id`,
    [containing(q), key === null ? null : containing(key), q, key],
  );
  return rows.map((row) => row.id);
}

async function page(q: string, offset: number, limit = 25): Promise<{ ids: string[]; statements: string[] }> {
  const statements: string[] = [];
  const stop = env.server.db.readPool!.onQuery((text) => statements.push(text));
  const answer = await env.server.gql(`query($q: String!, $offset: Int!, $limit: Int!) { persons(where: { q: $q }, offset: $offset, limit: $limit) { nodes { id } } }`, { q, offset, limit });
  stop();
  expect(answer.errors).toBeUndefined();
  return { ids: answer.data.persons.nodes.map((node: { id: string }) => node.id), statements };
}

/** Live rows whose grams are missing from their zone: none, if the zones may skip what they skip. */
async function missingGrams(zoned: ZonedOrder): Promise<number> {
  const [row] = await superQuery<{ missing: number }>(missingGramsSql(zoned));
  return row.missing;
}

describe('a ranked search read through the zones', () => {
  beforeAll(async () => {
    const [row] = await superQuery<{ n: number }>(`select count(*)::int as n from person_search_zone`);
    expect(row.n).toBeGreaterThan(40);
  });

  // Of one or two characters, read through the zones: letters, two letters (broad), a surname, a township's 镇 (in
  // most workplaces), initials, the planted rarities (one and two characters, Latin in mixed case), LIKE's wildcard,
  // an umlaut (lowered as the index lowers it), the clustered text. Longer ones are read the planner's way (the
  // search indexes' matches sorted), the same rows either way.
  const queries = ['w', 'zh', 'an', '王', '镇', 'db', planted.one, planted.two, 'ZY', '%', 'Ä', clustered, 'wang', planted.three, planted.latin, '龘镇彧'];
  it.each(queries)('finds for "%s" what the plain test finds, ranked, over two pages', async (q) => {
    const rows = await expected(q);
    expect(rows.length).toBeGreaterThan(0);
    for (const offset of [0, 25]) {
      const { ids, statements } = await page(q, offset);
      expect(ids, `offset ${offset}`).toEqual(rows.slice(offset, offset + 25));
      expect(statements.join('\n').includes('person_search_zone')).toBe([...q].length <= 2);
    }
  });

  it('reads, for matches clustered late in the order, the zones that hold them — not the rows before them', async () => {
    const statement = (await page(clustered, 0)).statements.find((text) => text.includes('person_search_zone'))!;
    const seen: { text: string; values: readonly unknown[] }[] = [];
    const stop = env.server.db.readPool!.onQuery((text, values) => seen.push({ text, values }));
    await page(clustered, 0);
    stop();
    const { values } = seen.find((candidate) => candidate.text === statement)!;
    const [plan] = await superQuery<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`explain (analyze, format json) ${statement}`, values as unknown[]);
    const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];
    const walked = nodes(plan['QUERY PLAN'][0].Plan).filter((node) => node['Index Name'] === 'person_default_sort_idx');
    const read = walked.reduce((sum, node) => sum + (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)) * node['Actual Loops'], 0);
    const [before] = await superQuery<{ n: number }>(
      `select count(*)::int as n from person where deleted_at is null and name collate zh_stroke < (select min(name collate zh_stroke) from person where workplace like $1)`,
      [containing(clustered)],
    );
    expect(walked.length).toBeGreaterThan(0);
    expect(before.n).toBeGreaterThan(2500);
    // Its 40 rows lie in a zone or two (and a zone whose tricky texts hold its keys may be walked in vain): a few zones'
    // rows read, where a walk of the order read the 2,500 before them first.
    expect(read).toBeLessThanOrEqual(4 * zoneRows);
  });

  /** Each query finds one row, through the zones, the one the plain test finds. */
  async function findsAlone(queries: string[]) {
    for (const q of queries) {
      const found = await expected(q);
      expect(found, q).toHaveLength(1);
      const { ids, statements } = await page(q, 0);
      expect(ids, q).toEqual(found);
      expect(statements.join('\n'), q).toContain('person_search_zone');
    }
  }

  // Two characters each (read through the zones), each written with its pinyin (as the server writes a person), so
  // that no later update adds their grams for them.
  it('finds rows inserted after the zones were built: in the middle, first and last in the order', async () => {
    const client = await env.database.superClient();
    try {
      await actAsTest(client);
      const rows = [
        ['王伟', '鼖鼗'],
        ['一', '鼘鼙'],
        ['龘龘龘', '鼚鼛'],
      ];
      for (const [name, workplace] of rows) {
        await client.query(`insert into person (name, name_pinyin, workplace) values ($1, $2, $3)`, [name, pinyinForms(name, 'personName'), `新厂${workplace}`]);
      }
      await findsAlone(rows.map(([, q]) => q));
    } finally {
      await client.end();
    }
  });

  it('finds a row renamed into another zone, one whose workplace alone changed, and one restored', async () => {
    const client = await env.database.superClient();
    try {
      await actAsTest(client);
      // The first person of the order moved to its end; one in the middle given a new workplace.
      const first = `select id from person where deleted_at is null order by name collate zh_stroke, id limit 1`;
      await client.query(`update person set name = '龘龘', name_pinyin = $1, workplace = '齀齁' where id = (${first})`, [pinyinForms('龘龘', 'personName')]);
      await client.query(`update person set workplace = '齂齃' where id = (select id from person where deleted_at is null order by name collate zh_stroke, id offset 1500 limit 1)`);
      // A person deleted when the zones were built, restored.
      await client.query(`update person set deleted_at = null where workplace = $1`, [restored]);
      await findsAlone(['齀齁', '齂齃', restored]);
    } finally {
      await client.end();
    }
  });

  // An import's dry run holds its rows (and the grams they added) in a transaction for minutes: a save beside it adding
  // the same gram must not wait for it (a unique key on the pairs made it wait until the lock timeout refused it).
  it('lets a write add a gram a dry run is adding, without waiting for it', async () => {
    const [dryRun, beside] = [await env.database.superClient(), await env.database.superClient()];
    try {
      for (const client of [dryRun, beside]) await actAsTest(client);
      const gram = '疌疍';
      await dryRun.query('begin');
      await dryRun.query(`select set_config('crc.dry_run', 'on', true)`);
      await dryRun.query(`insert into person (name, name_pinyin, workplace) values ('王伟', $1, $2)`, [pinyinForms('王伟', 'personName'), `${gram}一`]);
      await beside.query(`set lock_timeout = '2s'`);
      await beside.query(`insert into person (name, name_pinyin, workplace) values ('王伟', $1, $2)`, [pinyinForms('王伟', 'personName'), `${gram}二`]);
      await dryRun.query('rollback');
      const found = await expected(gram);
      expect(found).toHaveLength(1);
      expect((await page(gram, 0)).ids).toEqual(found);
    } finally {
      await dryRun.query('rollback').catch(() => undefined);
      await Promise.all([dryRun.end(), beside.end()]);
    }
  });

  it.each(zonedOrders().map((zoned) => [zoned.model.name, zoned] as const))('keeps every row’s grams in its zone (%s)', async (_, zoned) => {
    expect(await missingGrams(zoned)).toBe(0);
  });

  it('lets the application read the zones, not write them', async () => {
    const client = new pg.Client({ connectionString: env.database.appUrl });
    await client.connect();
    try {
      expect((await client.query(`select count(*)::int as n from person_search_zone_gram`)).rows[0].n).toBeGreaterThan(0);
      for (const statement of [
        `insert into person_search_zone_gram (gram, zone) values ('zz', 0)`,
        `delete from person_search_zone_gram`,
        `update person_search_zone set hi_key = null`,
        `truncate person_search_zone`,
      ]) {
        await expect(client.query(statement), statement).rejects.toThrow(/permission denied/);
      }
    } finally {
      await client.end();
    }
  });
});

type PlanNode = { 'Index Name'?: string; 'Actual Rows': number; 'Actual Loops': number; 'Rows Removed by Filter'?: number; Plans?: PlanNode[] };
