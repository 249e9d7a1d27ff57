/**
 * The index-served text search `q` finds exactly the rows the plain substring test finds (`ilike`, case
 * ignored, `%`, `_` and `\` literal): for random queries — pieces of stored texts in random case, and random
 * strings of an alphabet of what a search gets wrong — the API's list is compared with the test's own
 * `ilike` query, for persons (name, workplace), deputies (through their live person, and their electoral
 * district) and suggestions; also under `NOT` (where a null text keeps a row out, as it always has) and with
 * deleted rows included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deputy } from '../../schema/entities/deputy.entity.js';
import { Person } from '../../schema/entities/person.entity.js';
import { Suggestion } from '../../schema/entities/suggestion.entity.js';
import { modelOf, type ModelMeta } from '../../schema/model/registry.js';
import { inflection } from '../../schema/shared/inflection.js';
import { Random } from '../../seeds/random.js';
import { seedSearchData, trickyText } from '../support/search-data.js';
import { useTestServer } from '../support/test-server.js';
import type pg from 'pg';

const env = useTestServer(async (database) => {
  const client = await database.superClient();
  try {
    await seedSearchData(client, { persons: 2500, suggestions: 1500, tricky: 0.5, seed: 'search-semantics' });
  } finally {
    await client.end();
  }
});

/** The test's own pattern: the query as a literal substring (LIKE's escape is the backslash). */
const containing = (q: string) => `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/** Each model's `q` as the plain `ilike` it must equal, `$1` the pattern, on alias `t` of its table. */
const lists: [ModelMeta, string][] = [
  [modelOf(Person), `(t.name ilike $1 or t.workplace ilike $1)`],
  [modelOf(Deputy), `(exists (select 1 from person p where p.id = t.person_id and p.deleted_at is null and (p.name ilike $1 or p.workplace ilike $1)) or t.electoral_district ilike $1)`],
  [modelOf(Suggestion), `(t.title ilike $1 or t.number ilike $1)`],
];

type Variant = { label: string; where: (q: string) => Record<string, unknown>; withDeleted: boolean; condition: (match: string) => string };
const variants: Variant[] = [
  { label: 'q', where: (q) => ({ q }), withDeleted: false, condition: (match) => `t.deleted_at is null and ${match}` },
  { label: 'NOT q', where: (q) => ({ NOT: { q } }), withDeleted: false, condition: (match) => `t.deleted_at is null and not ${match}` },
  { label: 'q with deleted rows', where: (q) => ({ q }), withDeleted: true, condition: (match) => match },
];

/** Every id the API lists, page by page. */
async function listed(model: ModelMeta, variant: Variant, q: string): Promise<string[]> {
  const list = inflection.list(model);
  const ids: string[] = [];
  for (let offset = 0; ; offset += 1000) {
    const answer = await env.server.gql(
      `query($where: ${inflection.filter(model)}, $offset: Int!, $withDeleted: Boolean) { ${list}(where: $where, limit: 1000, offset: $offset, withDeleted: $withDeleted) { nodes { id } } }`,
      { where: variant.where(q), offset, withDeleted: variant.withDeleted },
    );
    expect(answer.errors).toBeUndefined();
    const page = answer.data[list].nodes as { id: string }[];
    ids.push(...page.map((node) => node.id));
    if (page.length < 1000) return ids.sort();
  }
}

let client: pg.Client;
let queries: string[];
beforeAll(async () => {
  client = await env.database.superClient();
  const random = new Random('search-semantics-queries');
  const { rows } = await client.query(
    `select text from (select name as text from person union all select workplace from person union all select electoral_district from deputy union all select title from suggestion) texts where text is not null`,
  );
  const texts = rows.map((row) => row.text as string);
  const flipCase = (text: string) => [...text].map((char) => (random.chance(0.5) ? char.toUpperCase() : char.toLowerCase())).join('');
  const pieces = Array.from({ length: 40 }, () => {
    const text = random.pick(texts);
    const start = random.int(0, text.length - 1);
    return flipCase(text.slice(start, start + random.int(1, 4)));
  });
  const strings = Array.from({ length: 25 }, () => trickyText(random, 1, 3));
  queries = [...new Set([...pieces, ...strings, '%', '_', '\\', 'a_', '%a', 'Ä', '丁波', '第1号', ' 丁'])].filter((q) => q.trim());
});
// Before the database is dropped (hooks after run in reverse order of registration).
afterAll(() => client?.end());

describe('the text search q', () => {
  for (const [model, match] of lists) {
    for (const variant of variants) {
      it(`lists the ${inflection.list(model)} a plain ilike finds: ${variant.label}`, async () => {
        let found = 0;
        for (const q of queries) {
          // `q` is trimmed, as the search does: the surrounding spaces are not part of the text searched.
          const { rows } = await client.query(`select t.id::text as id from ${model.table} t where ${variant.condition(match)} order by 1`, [containing(q.trim())]);
          const expected = rows.map((row) => row.id as string).sort();
          expect(await listed(model, variant, q), `${model.name} ${variant.label} ${JSON.stringify(q)}`).toEqual(expected);
          found += expected.length;
        }
        expect(found).toBeGreaterThan(queries.length);
      });
    }
  }
});
