/**
 * The text search `q` is read from the search indexes (server/db/search-indexes.ts), not from the whole table:
 * the list statement the API really sends, with its values, is explained on a few thousand analysed rows,
 * and its plan must scan the GIN index of the searched column — for persons by name, for deputies through
 * their person, for suggestions by title — for a query of one, two and three Chinese characters and a Latin
 * one in another case. Both the plan for the values and the generic plan (a prepared statement's, after its
 * fifth run) are checked. And the indexes follow the models: one per text search field, stale ones dropped.
 */
import { describe, expect, it } from 'vitest';
import { Deputy } from '../../schema/entities/deputy.entity.js';
import { Person } from '../../schema/entities/person.entity.js';
import { Suggestion } from '../../schema/entities/suggestion.entity.js';
import { servedEntities } from '../../schema/entities.js';
import { modelOf } from '../../schema/model/registry.js';
import { inflection } from '../../schema/shared/inflection.js';
import { installDerivedIndexes } from '../../server/db/derived-indexes.js';
import { searchIndexes } from '../../server/db/search-indexes.js';
import { planted, seedSearchData } from '../support/search-data.js';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer(async (database) => {
  const client = await database.superClient();
  try {
    await seedSearchData(client, { persons: 6000, suggestions: 4000, tricky: 0.02, seed: 'search-plans' });
  } finally {
    await client.end();
  }
});

type PlanNode = { 'Node Type': string; 'Index Name'?: string; Plans?: PlanNode[] };
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

/** The index on `field` of `model`'s table. */
const indexOn = (model: ReturnType<typeof modelOf>, field: string) => searchIndexes(model).find((index) => index.column === model.fields.find((candidate) => candidate.name === field)!.column)!.name;

const queries = [
  ['one Chinese character', planted.one],
  ['two Chinese characters', planted.two],
  ['three Chinese characters', planted.three],
  ['Latin, in another case', planted.latin.toLowerCase().slice(1, 4)],
] as const;

const cases = [
  ['persons by name', modelOf(Person), indexOn(modelOf(Person), 'name')],
  ['deputies through their person', modelOf(Deputy), indexOn(modelOf(Person), 'name')],
  ['suggestions by title', modelOf(Suggestion), indexOn(modelOf(Suggestion), 'title')],
] as const;

/** The list statement the API sends for `q`, and its values, as the server's read pool saw them. */
async function listStatement(list: string, q: string): Promise<{ text: string; values: readonly unknown[]; found: number }> {
  const seen: { text: string; values: readonly unknown[] }[] = [];
  const stop = env.server.db.readPool!.onQuery((text, values) => seen.push({ text, values }));
  const answer = await env.server.gql(`query($q: String!) { ${list}(where: { q: $q }, limit: 25) { totalCount nodes { id } } }`, { q });
  stop();
  expect(answer.errors).toBeUndefined();
  const statement = seen.find((candidate) => candidate.text.includes('crc_search_keys'));
  expect(statement).toBeDefined();
  return { ...statement!, found: answer.data[list].totalCount };
}

async function indexesScanned(explain: string, values: readonly unknown[]): Promise<string[]> {
  const client = await env.database.superClient();
  try {
    const { rows } = await client.query(explain, values as unknown[]);
    const plan = nodes((rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan);
    return plan.filter((node) => node['Node Type'] === 'Bitmap Index Scan').map((node) => node['Index Name']!);
  } finally {
    await client.end();
  }
}

describe('the text search q', () => {
  for (const [caseName, model, index] of cases) {
    it.each(queries)(`${caseName}: a query of %s is read from the search index`, async (_label, q) => {
      const statement = await listStatement(inflection.list(model), q);
      // Something to find, and not much of the table: a selective search, as a name or a title is.
      expect(statement.found).toBeGreaterThan(0);
      expect(statement.found).toBeLessThan(25);
      expect(await indexesScanned(`explain (format json) ${statement.text}`, statement.values)).toContain(index);
      expect(await indexesScanned(`explain (generic_plan, format json) ${statement.text}`, [])).toContain(index);
    });
  }

  it('has an index for every text search field of every model, and none for a field no longer searched', async () => {
    const client = await env.database.superClient();
    try {
      const present = async () =>
        new Set((await client.query(`select indexname from pg_indexes where schemaname = 'public' and indexname ~ '_search_[0-9a-f]{8}$'`)).rows.map((row) => row.indexname as string));
      const wanted = servedEntities.flatMap((entity) => searchIndexes(modelOf(entity)).map((index) => index.name));
      expect(wanted).toContain(indexOn(modelOf(Person), 'workplace'));
      expect([...(await present())].sort()).toEqual([...wanted].sort());
      // A search field dropped from a model leaves its index behind: the next migrate removes it.
      await client.query(`create index person_search_00000000 on person using gin (crc_search_grams(address))`);
      const tables = new Set((await client.query(`select tablename from pg_tables where schemaname = 'public'`)).rows.map((row) => row.tablename as string));
      await installDerivedIndexes(async (statement) => (await client.query(statement)).rows, tables, 'search', searchIndexes);
      expect([...(await present())].sort()).toEqual([...wanted].sort());
    } finally {
      await client.end();
    }
  });
});
