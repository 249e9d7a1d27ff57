/**
 * Comparisons answered as text (server/metrics/comparison-response.ts) answer exactly what ordinary
 * execution answers — the same values, keys and key order — for every source of values (facts of years, a
 * period of whole years, the records), levels, selections with aliases, fragments, directives and type
 * names, several comparisons at once, another role and a refusal; what the text cannot render runs the
 * ordinary way.
 * A directive on the root field sends the same query through ordinary execution, to compare against.
 */
import { parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildGraphQLSchema } from '../../server/graphql/schema.js';
import { log } from '../../server/log.js';
import { planComparisons } from '../../server/metrics/comparison-response.js';
// The query the console's 对比分析 page sends (admin/src/analysis/AnalysisPage.tsx), the flags `recomputing` and `catchingUp` with it.
import { comparisonQuery } from '../../admin/src/analysis/comparisonQuery.js';
import { loadDemoInto } from '../support/demo-database.js';
import { useTestServer, type Gql } from '../support/test-server.js';

const env = useTestServer(loadDemoInto);
let schema: GraphQLSchema;
let metrics: string[];
let pingliang: string;
let lingtai: string;
const logged = vi.spyOn(log, 'error');

const regionId = async (code: string): Promise<string> =>
  (await env.server.gql(`query($code: String!) { regions(where: { code: { eq: $code } }) { nodes { id } } }`, { code })).data.regions.nodes[0].id;

beforeAll(async () => {
  schema = await buildGraphQLSchema();
  metrics = (await env.server.gql(`{ metricCatalog { key } }`)).data.metricCatalog.map((metric: { key: string }) => metric.key);
  pingliang = await regionId('620800');
  lingtai = await regionId('620822');
});

afterAll(() => logged.mockRestore());

const plan = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  return planComparisons(schema, document, document.definitions[0] as OperationDefinitionNode, variables);
};

/** The query as given (text) and with `@include(if: true)` on each root comparison (ordinary execution). */
async function bothWays(gql: Gql, query: string, variables: Record<string, unknown>) {
  const ordinaryQuery = query.replace(/compareRegions\(([^)]*(?:\{[^}]*\}[^)]*)?)\)/g, 'compareRegions($1) @include(if: true)');
  expect(ordinaryQuery).not.toBe(query);
  expect(plan(query, variables)).not.toBeNull();
  expect(plan(ordinaryQuery, variables)).toBeNull();
  const [text, ordinary] = await Promise.all([gql(query, variables), gql(ordinaryQuery, variables)]);
  expect(text.errors).toBeUndefined();
  expect(ordinary.errors).toBeUndefined();
  return { text: text.data, ordinary: ordinary.data };
}

describe('comparisons answered as text', () => {
  it.each([
    ['the facts of two years, 平凉市’s counties', () => ({ level: 'COUNTY', parentId: pingliang, years: [2023, 2024] })],
    ['every county, one year', () => ({ level: 'COUNTY', years: [2024] })],
    ['a period of whole years (summed facts)', () => ({ level: 'COUNTY', period: { from: '2020-01-01', to: '2024-12-31' } })],
    ['a period of part of a year (the records)', () => ({ level: 'COUNTY', parentId: pingliang, period: { from: '2023-03-01', to: '2023-09-30' } })],
    ['years before the facts (the records)', () => ({ level: 'COUNTY', parentId: pingliang, years: [2001] })],
    ['a county’s townships', () => ({ level: 'TOWNSHIP', parentId: lingtai, years: [2024] })],
    ['regions picked by id, none of them there', () => ({ level: 'COUNTY', regionIds: [lingtai, '999999999'], years: [2024] })],
    ['no region at all', () => ({ level: 'PROVINCE', regionIds: ['999999999'], years: [2024] })],
  ])('answers the console’s comparison as ordinary execution does: %s', async (_, args) => {
    const { text, ordinary } = await bothWays(env.server.gql, comparisonQuery, { metrics, ...args() });
    expect(JSON.stringify(text)).toBe(JSON.stringify(ordinary));
    expect(text.compareRegions.metrics).toEqual(metrics);
  });

  it('draws real rows: 平凉市’s seven counties with values, their median and 平凉市 as parent', async () => {
    const { text } = await bothWays(env.server.gql, comparisonQuery, { metrics, level: 'COUNTY', parentId: pingliang, years: [2024] });
    expect(text.compareRegions.rows).toHaveLength(7);
    expect(text.compareRegions.rows.map((row: any) => row.region.name)).toContain('灵台县');
    expect(text.compareRegions.rows[0].values).toHaveLength(metrics.length);
    expect(text.compareRegions.medians).toEqual([{ year: 2024, values: expect.any(Array) }]);
    expect(text.compareRegions.parents.map((row: any) => row.region.name)).toEqual(['平凉市']);
  });

  it('keeps aliases, fragments, type names, @skip and @include in the order the query asks for them', async () => {
    const query = `query($metrics: [String!]!, $parentId: ID, $withCode: Boolean!, $noYear: Boolean!) {
      first: compareRegions(metrics: $metrics, level: COUNTY, parentId: $parentId, years: [2024]) {
        __typename
        keys: metrics
        table: rows { ...row place: region { label: name __typename code @include(if: $withCode) } }
        middle: medians { region { name } values __typename when: year }
        above: parents { values }
      }
      second: compareRegions(metrics: ["deputies"], level: COUNTY, parentId: $parentId, period: { from: "2021-01-01", to: "2024-12-31" }) {
        parents { year @skip(if: $noYear) values region { id } }
        rows { ... on ComparisonRow { values } }
      }
    }
    fragment row on ComparisonRow { values year @skip(if: $noYear) }`;
    for (const [withCode, noYear] of [
      [true, false],
      [false, true],
    ]) {
      const { text, ordinary } = await bothWays(env.server.gql, query, { metrics: metrics.slice(3, 9), parentId: pingliang, withCode, noYear });
      expect(JSON.stringify(text)).toBe(JSON.stringify(ordinary));
    }
  });

  it('answers another role the same as ordinary execution (an analyst; a clerk of 灵台县)', async () => {
    for (const gql of [await env.server.as('ANALYST'), await env.server.as('CLERK', '620822')]) {
      const { text, ordinary } = await bothWays(gql, comparisonQuery, { metrics, level: 'COUNTY', parentId: pingliang, years: [2024] });
      expect(JSON.stringify(text)).toBe(JSON.stringify(ordinary));
    }
  });

  it('answers a refused comparison with the ordinary error, in the request’s language', async () => {
    const query = `{ first: compareRegions(metrics: ["deputies"], level: COUNTY, period: { from: "2024-05-01", to: "2024-01-01" }) { rows { values } } }`;
    const ordinaryQuery = query.replace(') {', ') @include(if: true) {');
    expect(plan(query)).not.toBeNull();
    for (const language of ['zh', 'en']) {
      const headers = { 'accept-language': language };
      const [text, ordinary] = await Promise.all([env.server.gql(query, {}, headers), env.server.gql(ordinaryQuery, {}, headers)]);
      const withoutRequestId = (response: typeof text) => response.errors?.map(({ extensions: { requestId, ...extensions }, ...error }) => ({ ...error, extensions }));
      expect(withoutRequestId(text)).toEqual(withoutRequestId(ordinary));
      expect(text.data).toBeNull();
      expect(text.errors?.[0]).toMatchObject({
        message: language === 'zh' ? '期间结束日期不能早于开始日期（2024-05-01）' : 'The period cannot end before it starts (2024-05-01)',
        path: ['first'],
        extensions: { code: 'BAD_USER_INPUT', field: 'period.to', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      });
    }
  });

  it('leaves to ordinary execution what text cannot render the same, which answers it', async () => {
    const region = (selection: string) => `{ compareRegions(metrics: ["deputies"], level: COUNTY, years: [2024]) { rows { region { ${selection} } values } } }`;
    for (const query of [
      region('name parent { name }'), // a relation
      region('name stations { totalCount }'),
      `{ a: compareRegions(metrics: ["deputies"], level: COUNTY) { rows { year } other: rows { values } } }`, // rows under two keys
      `{ compareRegions(metrics: ["deputies"], level: COUNTY) { rows { values } } metricCatalog { key } }`, // another root field
      `mutation { __typename }`,
    ]) {
      expect(plan(query), query).toBeNull();
      if (query.startsWith('mutation')) continue;
      const response = await env.server.gql(query);
      expect(response.errors, query).toBeUndefined();
    }
    expect(plan(region('id name code level __typename population congressTerm'))).not.toBeNull();
  });

  it('renders a region’s dates and instants as ordinary execution writes them (the scalars record reads render too)', async () => {
    const query = `query($metrics: [String!]!) { compareRegions(metrics: $metrics, level: COUNTY, years: [2024]) { rows { region { id validFrom validTo createdAt updatedAt } values } } }`;
    const { text, ordinary } = await bothWays(env.server.gql, query, { metrics: metrics.slice(0, 2) });
    expect(JSON.stringify(text)).toBe(JSON.stringify(ordinary));
    expect(text.compareRegions.rows[0].region.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('logged no unexpected error in any of the above', () => {
    expect(logged).not.toHaveBeenCalled();
  });
});
