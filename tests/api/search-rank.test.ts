/**
 * A page searched by `q` (issue 20): without an `orderBy`, exact matches first — the name, its full pinyin or its
 * initials equal to the query — then the other matches, each group in the default order (a person's: surname
 * strokes), across page boundaries; an asked order is kept; the rows found are those `q` always found. And
 * `countUpTo`: the count stops at the cap, and `totalCountIsLowerBound` says so from exactly one row past it, on
 * the text-rendered path and the ordinary one alike, in one statement; a cap that is no positive whole number is
 * refused in both languages.
 */
import { describe, expect, it } from 'vitest';
import { actAsTest } from '../support/test-cluster.js';
import { useTestServer } from '../support/test-server.js';
import { fillPinyin } from '../../server/db/pinyin.js';

/** Initials db exactly (丁波, 邓冰, 杜斌), db as a prefix (丁宝华), db inside (赵德波, 万德彬), and "DB" in a workplace. */
const dbNames = ['赵德波', '杜斌', '丁宝华', '邓冰', '万德彬', '丁波'];
const names = [...dbNames, '丁王芳', '王芳', '王芳华', '陈芳'];

const env = useTestServer(async (database) => {
  const client = await database.superClient();
  try {
    await actAsTest(client);
    await client.query(`insert into person (name, workplace) select unnest($1::text[]), null`, [names]);
    await client.query(`insert into person (name, workplace) values ('王五', 'DB 数据公司')`);
    await client.query('begin');
    await fillPinyin(async (statement) => (await client.query(statement)).rows);
    await client.query('commit');
  } finally {
    await client.end();
  }
});

type Page = { totalCount: number; totalCountIsLowerBound: boolean; nodes: { id: string; name: string }[] };

async function page(q: string, options: { orderBy?: unknown; offset?: number; limit?: number; countUpTo?: number | null; ordinary?: boolean } = {}): Promise<Page> {
  // A root field that is no record read sends the operation the ordinary way (record-response.ts answers the rest as text).
  const ordinary = options.ordinary ? 'metadata { viewer { username } }' : '';
  const response = await env.server.gql(
    `query ($q: String!, $orderBy: [PersonOrderBy!], $offset: Int, $limit: Int, $countUpTo: Int) {
      persons(where: { q: $q }, orderBy: $orderBy, offset: $offset, limit: $limit, countUpTo: $countUpTo) { totalCount totalCountIsLowerBound nodes { id name } } ${ordinary} }`,
    { q, orderBy: options.orderBy ?? null, offset: options.offset ?? 0, limit: options.limit ?? 100, countUpTo: options.countUpTo ?? null },
  );
  expect(response.errors).toBeUndefined();
  return response.data.persons;
}

/** The default order (surname strokes), as the list sorts when asked for it by name. */
const byName = [{ field: 'name' }, { field: 'id' }];

describe('q ranks exact matches first', () => {
  it('puts names whose initials equal the query first, then the other matches, each in the default order', async () => {
    const ranked = await page('db');
    const ordered = await page('db', { orderBy: byName });
    // The same rows as always: those q finds, the workplace's "DB" included.
    expect(ranked.nodes.map((node) => node.name).sort()).toEqual([...dbNames, '王五'].sort());
    const exact = new Set(['丁波', '邓冰', '杜斌']);
    const expected = [...ordered.nodes.filter((node) => exact.has(node.name)), ...ordered.nodes.filter((node) => !exact.has(node.name))];
    expect(ranked.nodes).toEqual(expected);
    // Not the default order: 邓冰 and 杜斌 come before 万德彬 and 王五, which precede them by strokes.
    expect(ranked.nodes).not.toEqual(ordered.nodes);
    expect(ranked.totalCount).toBe(7);
  });

  it('ranks an equal name and an equal full pinyin first too', async () => {
    const chinese = await page('王芳');
    expect(chinese.nodes.map((node) => node.name)).toEqual(['王芳', ...(await page('王芳', { orderBy: byName })).nodes.map((node) => node.name).filter((name) => name !== '王芳')]);
    expect(chinese.nodes.map((node) => node.name)).toContain('丁王芳');
    const full = await page('wangfang');
    expect(full.nodes[0].name).toBe('王芳');
    expect((await page('wangfang', { orderBy: byName })).nodes[0].name).toBe('丁王芳');
  });

  it('pages through the ranking: small pages put together are the whole ranked list', async () => {
    const whole = (await page('db')).nodes;
    for (const limit of [1, 2, 4]) {
      const pieces: Page['nodes'] = [];
      for (let offset = 0; offset < whole.length + limit; offset += limit) pieces.push(...(await page('db', { offset, limit })).nodes);
      expect(pieces, `limit ${limit}`).toEqual(whole);
    }
  });

  it('keeps an order that is asked for', async () => {
    const descending = await page('db', { orderBy: [{ field: 'name', direction: 'DESC' }] });
    expect(descending.nodes).toEqual([...(await page('db', { orderBy: byName })).nodes].reverse());
  });
});

describe('countUpTo', () => {
  for (const ordinary of [false, true]) {
    it(`stops the count at the cap and says so from one row past it (${ordinary ? 'ordinary execution' : 'answered as text'})`, async () => {
      const exact = await page('db', { ordinary });
      expect([exact.totalCount, exact.totalCountIsLowerBound]).toEqual([7, false]);
      const at = await page('db', { countUpTo: 7, ordinary });
      expect([at.totalCount, at.totalCountIsLowerBound]).toEqual([7, false]);
      const below = await page('db', { countUpTo: 6, ordinary });
      expect([below.totalCount, below.totalCountIsLowerBound]).toEqual([6, true]);
      const far = await page('db', { countUpTo: 1, ordinary });
      expect([far.totalCount, far.totalCountIsLowerBound]).toEqual([1, true]);
      // The rows are not capped: only their count.
      expect(far.nodes).toEqual(exact.nodes);
    });
  }

  it('answers a ranked page and its capped count in one statement', async () => {
    const statements: string[] = [];
    const stops = [env.server.db.readPool!, env.server.db.heavyPool!].map((pool) => pool.onQuery((text) => statements.push(text)));
    await page('db', { countUpTo: 5, limit: 2 });
    for (const stop of stops) stop();
    expect(statements).toHaveLength(1);
  });

  it('refuses a cap that is no positive whole number, in both languages', async () => {
    for (const language of ['zh', 'en']) {
      const response = await env.server.gql(`{ persons(where: { q: "db" }, countUpTo: 0) { totalCount } }`, undefined, { 'accept-language': language });
      expect(response.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].message).toBe(language === 'zh' ? '计数上限须为正整数' : 'countUpTo must be a positive whole number');
    }
  });
});
