/**
 * Aggregates answered as text (server/api/record-response.ts, `…Aggregate`) answer exactly what ordinary
 * execution answers — the same values, keys and key order, withheld small cells (`count` null, `suppressed`,
 * `countBelow`), labels in both languages — for every served model's aggregate, every role, a count alone,
 * every measure of every numeric field, and a grouping by every groupable field (enums, flags, references and
 * regions rolled up to a level, numbers, terms, dates and date-times whole and by year, quarter and month). A
 * directive on a root field sends the same query through ordinary execution, to compare against (an aggregate
 * beside other root fields, and a term's label, always go that way); the
 * statements are watched, so that each comparison is known to compare the text path with execution.
 * And the statement computes only what is selected: a count alone no sum, avg, min or max.
 */
import { ApolloServer } from '@apollo/server';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { servedEntities } from '../../schema/entities.js';
import { modelOf, type FieldMeta, type ModelMeta } from '../../schema/model/registry.js';
import { inflection } from '../../schema/shared/inflection.js';
import { targetOf } from '../../schema/model/relations.js';
import { typesOf } from '../../server/api/types/model-types.js';
import { demoRoles, loadDemoInto } from '../support/demo-database.js';
import { useTestServer, type Gql } from '../support/test-server.js';

const env = useTestServer(loadDemoInto);
const models = servedEntities.map((entity) => modelOf(entity)).filter((model) => model.operations.includes('aggregate'));

/** The statements every pool of the server runs while `work` runs. */
async function statementsOf<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const db = env.server.db;
  const statements: string[] = [];
  const stops = [db.readPool!, db.heavyPool!, db.analystPool!].map((pool) => pool.onQuery((text) => statements.push(text)));
  try {
    return { result: await work(), statements };
  } finally {
    stops.forEach((stop) => stop());
  }
}
const isTextStatement = (text: string) => text.startsWith('select row_to_json(d)::text as result');

const numbers = (model: ModelMeta) => typesOf(model).numericFields;

/** Every measure of every numeric field, through an alias, a fragment and a skipped field. */
function measuresSelection(model: ModelMeta): string {
  const fields = numbers(model).map((field) => field.name);
  if (!fields.length) return '';
  const all = fields.join(' ');
  return `sum { __typename ${all} } avg { ${all} } minimum: min { ${all} } ...Max${model.name} skippedSum: sum @skip(if: true) { ${fields[0]} }`;
}
const measuresFragment = (model: ModelMeta) =>
  numbers(model).length
    ? `fragment Max${model.name} on ${inflection.aggregateGroup(model)} { max { ${numbers(model)
        .map((field) => field.name)
        .join(' ')} } }`
    : '';

/** What a group's row answers: its keys (a term's label only the ordinary way writes), counts, suppression and measures. */
function rowSelection(model: ModelMeta, field?: FieldMeta): string {
  const label = field?.display === 'term' ? '' : 'label';
  return `__typename key { __typename field part value ${label} } count suppressed countBelow aliasedCount: count ${measuresSelection(model)}`;
}

type Root = { alias: string; kind: string; args: string; field?: FieldMeta };

/** A count alone, every measure, and one grouping per groupable field (dates also by each part, regions also by county). */
function rootsOf(model: ModelMeta): Root[] {
  const roots: Root[] = [
    { alias: 'countOnly', kind: 'count', args: '' },
    { alias: 'everything', kind: 'measures', args: '' },
  ];
  for (const field of typesOf(model).groupableFields) {
    const kind = field.display === 'term' ? 'term' : field.kind;
    roots.push({ alias: `by_${field.name}`, kind, args: `(groupBy: [{ field: ${field.name} }])`, field });
    if (field.kind === 'date' || field.kind === 'datetime') {
      for (const part of ['YEAR', 'QUARTER', 'MONTH'])
        roots.push({ alias: `by_${field.name}_${part}`, kind: `${field.kind} ${part}`, args: `(groupBy: [{ field: ${field.name}, part: ${part} }])`, field });
    }
    if (field.kind === 'reference' && targetOf(field).name === 'Region') {
      roots.push({ alias: `by_${field.name}_county`, kind: 'region level', args: `(groupBy: [{ field: ${field.name}, level: COUNTY }])`, field });
    }
  }
  return roots;
}

function rootText(model: ModelMeta, root: Root, ordinary: boolean): string {
  const directive = ordinary ? ' @include(if: true)' : '';
  const selection = root.kind === 'count' ? 'count' : rowSelection(model, root.field);
  return `${root.alias}: ${inflection.aggregate(model)}${root.args}${directive} { ${selection} }`;
}

const query = (model: ModelMeta, roots: Root[], ordinary: boolean) =>
  `{ ${roots.map((root) => rootText(model, root, ordinary)).join(' ')} } ${roots.some((root) => root.kind !== 'count') ? measuresFragment(model) : ''}`;

type Coverage = { kinds: Set<string>; suppressed: number; published: number; roots: number };

/** Roots execution answers in one request (a few aliases each: the aliases limit is 30). */
const perRequest = 6;

/**
 * Each root answered as text (alone: an aggregate beside other root fields goes to execution) against execution's
 * answer (a few roots per request; each alone when one of them is refused or fails, which takes the data of all);
 * what the text path answered is counted.
 */
async function compare(gql: Gql, model: ModelMeta, roots: Root[], headers: Record<string, string>, coverage: Coverage): Promise<void> {
  const ordinary = async (some: Root[]) => {
    const plain = await statementsOf(() => gql(query(model, some, true), undefined, headers));
    expect(plain.statements.some(isTextStatement), `${model.name} ordinary`).toBe(false);
    return plain.result;
  };
  const together = await ordinary(roots);
  // Every statistic answers in time, for every role: a clerk's over persons ran past the limit while the region
  // walk's to-many steps had no index it could use (server/db/scope-indexes.ts).
  expect(
    (together.errors ?? []).filter((error) => error.extensions.limit === 'time').map((error) => error.message),
    `${model.name} ${JSON.stringify(headers)}`,
  ).toEqual([]);
  for (const root of roots) {
    const plain = together.errors ? await ordinary([root]) : { data: { [root.alias]: together.data[root.alias] }, errors: undefined };
    const text = await statementsOf(() => gql(query(model, [root], false), undefined, headers));
    const names = `${model.name} ${root.alias} ${JSON.stringify(headers)}`;
    expect(JSON.stringify(text.result.data ?? null), names).toBe(JSON.stringify(plain.data ?? null));
    expect(
      text.result.errors?.map((error) => error.extensions.code),
      names,
    ).toEqual(plain.errors?.map((error) => error.extensions.code));
    if (!text.statements.some(isTextStatement) || !text.result.data) continue;
    coverage.kinds.add(root.kind);
    coverage.roots += 1;
    for (const row of text.result.data[root.alias] as { suppressed?: boolean }[]) {
      if (row.suppressed === true) coverage.suppressed += 1;
      if (row.suppressed === false) coverage.published += 1;
    }
  }
}

const roles = demoRoles(env);

const languages: Record<string, string>[] = [{}, { 'accept-language': 'en' }];

describe('aggregates answered as text', () => {
  it.each(roles)(
    'answer every model’s aggregate as ordinary execution does, for %s, in both languages',
    async (_, user) => {
      const gql = await user();
      const coverage: Coverage = { kinds: new Set(), suppressed: 0, published: 0, roots: 0 };
      for (const model of models) {
        const roots = rootsOf(model);
        for (const headers of languages) {
          // Only enums' and flags' labels are words in a language: in English, the groupings by them.
          const asked = headers['accept-language'] ? roots.filter((root) => root.kind === 'enum' || root.kind === 'boolean') : roots;
          for (let start = 0; start < asked.length; start += perRequest) await compare(gql, model, asked.slice(start, start + perRequest), headers, coverage);
        }
      }
      // Not a vacuous pass: every kind of key, counts alone and measures were answered as text.
      const expected = ['count', 'measures', 'enum', 'boolean', 'reference', 'region level', 'int', 'term', 'date', 'datetime'];
      for (const part of ['YEAR', 'QUARTER', 'MONTH']) expected.push(`date ${part}`, `datetime ${part}`);
      expect([...coverage.kinds].sort()).toEqual(expect.arrayContaining(expected));
      expect(coverage.published).toBeGreaterThan(0);
    },
    300_000,
  );

  it('withholds small cells on the text path as execution does (a leader sees people masked)', async () => {
    const leader = await env.server.as('LEADER');
    const coverage: Coverage = { kinds: new Set(), suppressed: 0, published: 0, roots: 0 };
    const deputy = models.find((model) => model.name === 'Deputy')!;
    const roots = rootsOf(deputy).filter((root) => ['by_region', 'by_electedOn_MONTH', 'by_status', 'by_composition'].includes(root.alias));
    await compare(leader, deputy, roots, {}, coverage);
    expect(coverage.roots).toBe(roots.length);
    expect(coverage.suppressed).toBeGreaterThan(0);
    expect(coverage.published).toBeGreaterThan(0);
  });

  it('leaves an aggregate beside other root fields to execution (which runs their statements side by side)', async () => {
    const deputy = models.find((model) => model.name === 'Deputy')!;
    const roots = rootsOf(deputy).filter((root) => ['countOnly', 'by_level'].includes(root.alias));
    const both = await statementsOf(() => env.server.gql(query(deputy, roots, false)));
    expect(both.result.errors).toBeUndefined();
    expect(both.statements.some(isTextStatement)).toBe(false);
    const alone = await statementsOf(() => env.server.gql(query(deputy, roots.slice(0, 1), false)));
    expect(alone.statements.some(isTextStatement)).toBe(true);
    expect(alone.result.data.countOnly).toEqual(both.result.data.countOnly);
  });

  it('leaves a term’s label (第十八届, written by JavaScript) to execution', async () => {
    const termLabel = await statementsOf(() => env.server.gql(`{ deputiesAggregate(groupBy: [{ field: termNumber }]) { key { value label } count } }`));
    expect(termLabel.statements.some(isTextStatement)).toBe(false);
    expect(termLabel.result.data.deputiesAggregate[0].key[0].label).toMatch(/^第.+届$/);
    const termValue = await statementsOf(() => env.server.gql(`{ deputiesAggregate(groupBy: [{ field: termNumber }]) { key { value } count } }`));
    expect(termValue.statements.some(isTextStatement)).toBe(true);
  });
});

describe('the aggregate statement', () => {
  const apolloCalls = vi.spyOn(ApolloServer.prototype, 'executeHTTPGraphQLRequest');
  afterEach(() => apolloCalls.mockClear());
  afterAll(() => apolloCalls.mockRestore());

  async function one(query: string, headers: Record<string, string> = {}) {
    await env.server.gql(query, undefined, headers); // the session looked up, the document known
    apolloCalls.mockClear();
    const run = await statementsOf(() => env.server.gql(query, undefined, headers));
    const { result } = run;
    // The session is looked up again when the machine is slow enough that a second passed since the first request.
    const statements = run.statements.filter((text) => !/from user_session/.test(text));
    expect(result.errors).toBeUndefined();
    expect(statements, query).toHaveLength(1);
    return { statement: statements[0], reachedApollo: apolloCalls.mock.calls.length > 0 };
  }
  const measured = /\b(sum|avg|min|max)\s*\(/i;

  it('computes no sum, avg, min or max for a count alone, on the text path (the fast path, without Apollo) and by execution', async () => {
    const text = await one(`{ deputiesAggregate(where: { region: { id: { eq: "1" } } }) { count } }`);
    expect(isTextStatement(text.statement)).toBe(true);
    expect(text.reachedApollo).toBe(false);
    expect(text.statement).not.toMatch(measured);
    const plain = await one(`{ deputiesAggregate(where: { region: { id: { eq: "1" } } }) @include(if: true) { count } }`);
    expect(isTextStatement(plain.statement)).toBe(false);
    expect(plain.reachedApollo).toBe(true);
    expect(plain.statement).not.toMatch(measured);
  });

  it('computes exactly the measures selected, and reference titles only when a label is', async () => {
    for (const directive of ['', ' @include(if: true)']) {
      const { statement } = await one(`{ livelihoodProjectsAggregate(groupBy: [{ field: region }])${directive} { key { value } sum { budget } maximum: max { votesFor } } }`);
      expect(statement).toMatch(/"sum_budget"/);
      expect(statement).toMatch(/"max_votesFor"/);
      expect(statement).not.toMatch(/"(avg|min)_|"sum_votesFor"|"max_budget"/);
      expect(statement).not.toMatch(/ l where /);
      const labelled = await one(`{ livelihoodProjectsAggregate(groupBy: [{ field: region }])${directive} { key { label } count } }`);
      expect(labelled.statement).toMatch(/ l where /);
      expect(labelled.statement).not.toMatch(measured);
    }
  });

  it('answers labels as text in the request’s language on the fast path', async () => {
    const query = `{ deputiesAggregate(groupBy: [{ field: level }]) { key { label } count } }`;
    const chinese = await one(query);
    const english = await one(query, { 'accept-language': 'en' });
    expect([chinese.reachedApollo, english.reachedApollo]).toEqual([false, false]);
    const [zh, en] = [await env.server.gql(query), await env.server.gql(query, undefined, { 'accept-language': 'en' })];
    expect(zh.data.deputiesAggregate.map((row: { key: { label: string }[] }) => row.key[0].label)).toContain('县人大代表');
    expect(en.data.deputiesAggregate.map((row: { key: { label: string }[] }) => row.key[0].label)).toContain('County');
  });
});
