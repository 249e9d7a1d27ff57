/**
 * Names found by pinyin and pinyin initials (issue 22): `q: "dingbo"` and `q: "db"` find 丁波, as a person, as a
 * deputy through their person, and the same for regions and organisations by their names; the pinyin follows a
 * rename; what the pinyin forms do not hold finds nothing; rows written behind the API's back are filled by the
 * routine the migration runs (without an audit entry each); and the search reads the pinyin's own index.
 */
import { describe, expect, it } from 'vitest';
import { Person } from '../../schema/entities/person.entity.js';
import { modelOf } from '../../schema/model/registry.js';
import { pinyinForms, searchKeyOfPinyin } from '../../schema/shared/pinyin.js';
import { fillPinyin } from '../../server/db/pinyin.js';
import { searchIndexes } from '../../server/db/search-indexes.js';
import { pinyinMayContain } from '../../server/api/text-search.js';
import { raw } from '../../server/sql/sql.js';
import { seedSearchData } from '../support/search-data.js';
import { actAsTest } from '../support/test-cluster.js';
import { useTestServer } from '../support/test-server.js';
import pg from 'pg';
import { Dataset } from '../../seeds/dataset.js';
import { loadDataset } from '../../seeds/load.js';
import { actAsSystem } from '../../server/audit/bulk.js';

const env = useTestServer(async (database) => {
  const client = await database.superClient();
  try {
    // Written behind the API's back, as a database that held rows before the pinyin columns did: filled below.
    await seedSearchData(client, { persons: 6000, suggestions: 10, tricky: 0, seed: 'pinyin-search' });
    await client.query('begin');
    await fillPinyin(async (statement) => (await client.query(statement)).rows);
    await client.query('commit');
    await client.query('analyze person');
  } finally {
    await client.end();
  }
});

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await env.database.superClient();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const createPerson = async (name: string): Promise<{ id: string; version: number }> => {
  const response = await env.server.gql(`mutation ($name: String!) { createPerson(input: { name: $name }) { id version } }`, { name });
  expect(response.errors).toBeUndefined();
  return response.data.createPerson;
};

/** The ids among `ids` that the list `list` finds for `q`. */
async function found(list: string, q: string, ids: string[]): Promise<string[]> {
  const response = await env.server.gql(`query ($q: String!, $ids: [ID!]) { rows: ${list}(where: { q: $q, id: { in: $ids } }, withDeleted: true) { nodes { id } } }`, { q, ids });
  expect(response.errors).toBeUndefined();
  return response.data.rows.nodes.map((node: { id: string }) => node.id);
}

describe('pinyin forms', () => {
  it('are the full pinyin and the initials, lower-case, without tones and spaces, ü as v', () => {
    expect(pinyinForms('丁波', 'personName')).toBe('dingbo db');
    expect(pinyinForms('吕 布', 'personName')).toBe('lvbu lb');
    expect(pinyinForms('平凉市', 'words')).toBe('pingliangshi pls');
    expect(pinyinForms('重庆市', 'words')).toBe('chongqingshi cqs');
    expect(pinyinForms('Admin', 'personName')).toBeNull();
    expect(pinyinForms(null, 'words')).toBeNull();
  });

  it('read a surname as a surname, and as the plain word beside it', () => {
    expect(pinyinForms('单雄信', 'personName')).toBe('shanxiongxin sxx danxiongxin dxx');
    expect(pinyinForms('曾国藩', 'personName')?.split(' ')).toContain('zengguofan');
    expect(pinyinForms('解缙', 'words')).toBe('jiejin jj');
  });

  it('are looked up by the trigrams of a query that few names hold, or all of them when none is rare', () => {
    const keys = (key: string) => pinyinMayContain(raw('c'), key).compile().values[0];
    expect(keys('dingbo')).toEqual(['din', 'ngb', 'gbo']);
    expect(keys('jjj')).toEqual(['jjj']);
    expect(keys('wang')).toEqual(['wan']);
    expect(keys('ang')).toEqual(['ang']);
    // Shorter than a trigram: its bigram, its letter.
    expect(keys('an')).toEqual(['an']);
    expect(keys('d')).toEqual(['d']);
  });

  it('take from a query its letters, or nothing when it is no pinyin', () => {
    expect(searchKeyOfPinyin(' Ding Bo ')).toBe('dingbo');
    expect(searchKeyOfPinyin("xi'an")).toBe('xian');
    expect(searchKeyOfPinyin('lü')).toBe('lv');
    expect(searchKeyOfPinyin('丁波')).toBeNull();
    expect(searchKeyOfPinyin('620800')).toBeNull();
  });
});

describe('q by pinyin', () => {
  it('finds 丁波 by full pinyin and by initials, in any case and spacing; a string the forms lack finds nothing', async () => {
    const { id } = await createPerson('丁波');
    for (const q of ['dingbo', 'db', 'DingBo', 'Ding Bo', 'D B', 'ding', 'gbo']) expect(await found('persons', q, [id]), q).toEqual([id]);
    for (const q of ['dingbu', 'bd', 'dingbodb', 'bod', 'dbx']) expect(await found('persons', q, [id]), q).toEqual([]);
    const negated = await env.server.gql(`query ($id: ID!) { persons(where: { id: { eq: $id }, NOT: { q: "db" } }) { totalCount } }`, { id });
    expect(negated.data.persons.totalCount).toBe(0);
    const stored = await withClient(async (client) => (await client.query(`select name_pinyin from person where id = $1`, [id])).rows[0].name_pinyin);
    expect(stored).toBe('dingbo db');
  });

  it('counts exactly the persons whose name, workplace or pinyin holds the query', async () => {
    await createPerson('丁波');
    // dingbo, ning and an: with the bigrams most names hold (in, ng, an) left out of the index's keys, or only those.
    for (const q of ['wang', 'zhang', 'lij', 'wf', 'dingbo', 'ning', 'an']) {
      const response = await env.server.gql(`query ($q: String!) { persons(where: { q: $q }, limit: 1) { totalCount } }`, { q });
      expect(response.errors).toBeUndefined();
      const expected = await withClient(
        async (client) =>
          (await client.query(`select count(*)::int as n from person where deleted_at is null and (name ilike $1 or workplace ilike $1 or name_pinyin like $1)`, [`%${q}%`])).rows[0].n as number,
      );
      expect(expected, q).toBeGreaterThan(0);
      expect(response.data.persons.totalCount, q).toBe(expected);
    }
  });

  it('follows a rename: the old pinyin finds the person no more, the new one does', async () => {
    const { id, version } = await createPerson('丁波');
    const response = await env.server.gql(`mutation ($id: ID!, $version: Int!) { updatePerson(id: $id, version: $version, input: { name: "王芳" }) { id } }`, { id, version });
    expect(response.errors).toBeUndefined();
    expect(await found('persons', 'dingbo', [id])).toEqual([]);
    expect(await found('persons', 'wangfang', [id])).toEqual([id]);
    expect(await found('persons', 'wf', [id])).toEqual([id]);
    const stored = await withClient(async (client) => (await client.query(`select name_pinyin from person where id = $1`, [id])).rows[0].name_pinyin);
    expect(stored).toBe('wangfang wf');
    // The history shows the rename, not the pinyin the server derived from it.
    const history = await env.server.gql(`query ($id: ID!) { recordHistory(entity: "Person", id: $id) { operation changes } }`, { id });
    expect(history.errors).toBeUndefined();
    const changes = (history.data.recordHistory as { operation: string; changes: Record<string, unknown> }[]).map((entry) => Object.keys(entry.changes));
    expect(changes.at(-1)).toEqual(['name']);
    expect(changes.flat()).not.toContain('name_pinyin');
    expect(changes.flat()).toContain('name');
  });

  it('finds a deputy through their person, a region and an organisation by their names', async () => {
    const seat = await withClient(
      async (client) =>
        (await client.query(`select d.id::text as id, p.name from deputy d join person p on p.id = d.person_id where d.deleted_at is null and p.deleted_at is null order by d.id limit 1`)).rows[0] as {
          id: string;
          name: string;
        },
    );
    const initials = pinyinForms(seat.name, 'personName')!.split(' ')[1];
    expect(await found('deputies', initials, [seat.id])).toEqual([seat.id]);
    expect(await found('deputies', `${initials}qq`, [seat.id])).toEqual([]);

    // 检索县, written in SQL by the seed and filled since.
    const region = await withClient(async (client) => (await client.query(`select id::text as id from region where code = '990101'`)).rows[0].id as string);
    expect(await found('regions', 'jiansuoxian', [region])).toEqual([region]);
    expect(await found('regions', 'jsx', [region])).toEqual([region]);
    expect(await found('regions', 'jsxx', [region])).toEqual([]);

    const created = await env.server.gql(`mutation ($region: ID!) { createOrganisation(input: { name: "灵台县农业农村局", kind: GOVERNMENT_DEPT, regionId: $region }) { id } }`, { region });
    expect(created.errors).toBeUndefined();
    const organisation = created.data.createOrganisation.id as string;
    expect(await found('organisations', 'ltxnyncj', [organisation])).toEqual([organisation]);
    expect(await found('organisations', 'lingtaixian', [organisation])).toEqual([organisation]);
    expect(await found('organisations', 'pingliang', [organisation])).toEqual([]);
  });
});

describe('the pinyin columns kept', () => {
  it('are filled for every name with Chinese, whatever the ids (batches follow the ids, not their text: 9 before 10)', async () => {
    // The setup's 6,000 persons, more than one batch of 5,000, ids of one to four digits: filled above.
    const empty = await withClient(async (client) => (await client.query(`select count(*)::int as n from person where name_pinyin is null and name ~ '[一-龥]'`)).rows[0].n);
    const withChinese = await withClient(async (client) => (await client.query(`select count(*)::int as n from person where name ~ '[一-龥]'`)).rows[0].n);
    expect(withChinese).toBeGreaterThan(5000);
    expect(empty).toBe(0);
  });

  it('are filled where plain SQL left them empty, without an audit entry per row', async () => {
    const ids = await withClient(async (client) => {
      await actAsTest(client);
      return (await client.query(`insert into person (name) values ('单雄信'), ('吕布') returning id::text as id`)).rows.map((row) => row.id as string);
    });
    expect(await found('persons', 'lvbu', ids)).toEqual([]);
    // Seats for the two, so that an update of them is one a metric's marking sees (its regions: the seats').
    await withClient(async (client) => {
      await actAsTest(client);
      const region = (await client.query(`insert into region (code, name, kind, level) values ('979901', '拼音县', 'COUNTY', 'COUNTY') returning id`)).rows[0].id;
      for (const id of ids) await client.query(`insert into deputy (person_id, region_id, level, term_number, elected_on) values ($1, $2, 'COUNTY', 1, '2021-11-25')`, [id, region]);
      await client.query(`delete from metric_dirty`);
    });
    const [entriesBefore, empty, written, entriesAfter, marked] = await withClient(async (client) => {
      const count = async () => (await client.query(`select count(*)::int as n from audit_entry`)).rows[0].n as number;
      const before = await count();
      // Every empty one with a Chinese name: these two, and any other test's rows written in plain SQL.
      const names = (await client.query(`select name from person where name_pinyin is null`)).rows.map((row) => row.name as string);
      await client.query('begin');
      const filled = await fillPinyin(async (statement) => (await client.query(statement)).rows);
      await client.query('commit');
      const marks = (await client.query(`select count(*)::int as n from metric_dirty`)).rows[0].n as number;
      return [before, names.filter((name) => pinyinForms(name, 'personName') !== null).length, filled, await count(), marks];
    });
    expect(empty).toBeGreaterThanOrEqual(2);
    expect(written.person).toBe(empty);
    expect(entriesAfter).toBe(entriesBefore);
    // Nor a metric's region marked stale: the pinyin feeds no metric (a national fill marked 31,000 regions).
    expect(marked).toBe(0);
    expect(await found('persons', 'lvbu', ids)).toEqual([ids[1]]);
    expect(await found('persons', 'danxiongxin', ids)).toEqual([ids[0]]);
    // The audit triggers are on again: a later plain write is audited.
    const triggers = await withClient(
      async (client) => (await client.query(`select count(*)::int as n from pg_trigger where tgrelid = 'person'::regclass and tgname like 'crc_audit_%' and tgenabled = 'O'`)).rows[0].n,
    );
    expect(triggers).toBe(3);
    // And the marking of the metric facts: a later plain update of a person with a seat marks its region.
    const marks = await withClient(async (client) => {
      await actAsTest(client);
      await client.query(`update person set name = name where id = $1`, [ids[0]]);
      return (await client.query(`select count(*)::int as n from metric_dirty`)).rows[0].n as number;
    });
    expect(marks).toBeGreaterThan(0);
  });

  it('are written by the bulk loader with the names it copies (the demo data set)', async () => {
    const dataset = new Dataset();
    dataset.add('region', { code: '990198', name: '重庆市', kind: 'CITY', level: 'CITY' });
    dataset.add('person', { name: '单雄信' });
    const owner = new pg.Client({ connectionString: env.database.ownerUrl });
    await owner.connect();
    try {
      await owner.query('begin');
      await actAsSystem(owner, 'test');
      await loadDataset(owner, dataset, 'pinyin test');
      await owner.query('commit');
      const region = (await owner.query(`select name_pinyin from region where code = '990198'`)).rows[0].name_pinyin;
      const person = (await owner.query(`select name_pinyin from person where name = '单雄信' order by id desc limit 1`)).rows[0].name_pinyin;
      expect([region, person]).toEqual(['chongqingshi cqs', 'shanxiongxin sxx danxiongxin dxx']);
    } finally {
      await owner.end();
    }
  });

  it('are read from their own search index', async () => {
    const index = searchIndexes(modelOf(Person)).find((candidate) => candidate.column === 'name_pinyin')!.name;
    const seen: { text: string; values: readonly unknown[] }[] = [];
    const stop = env.server.db.readPool!.onQuery((text, values) => seen.push({ text, values }));
    const answer = await env.server.gql(`{ persons(where: { q: "dingbo" }, limit: 25) { totalCount } }`);
    stop();
    expect(answer.errors).toBeUndefined();
    const statement = seen.find((candidate) => candidate.text.includes('name_pinyin'))!;
    expect(statement).toBeDefined();
    type PlanNode = { 'Node Type': string; 'Index Name'?: string; Plans?: PlanNode[] };
    const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];
    const scanned = await withClient(async (client) => {
      const { rows } = await client.query(`explain (format json) ${statement.text}`, statement.values as unknown[]);
      return nodes((rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan)
        .filter((node) => node['Node Type'] === 'Bitmap Index Scan')
        .map((node) => node['Index Name']);
    });
    expect(scanned).toContain(index);
  });
});
