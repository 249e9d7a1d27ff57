/**
 * The query cost estimator on the real schema: fields count 1, pages multiply by their limit (argument,
 * variable or default), other lists by a fixed size, statistics add their scan; and `queryCost` over HTTP
 * answers the same number with the configured limit.
 */
import { parse, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraphQLSchema } from '../../server/graphql/schema.js';
import { costWeights, estimateCost } from '../../server/workbench/query-cost.js';
import { useTestServer } from '../support/test-server.js';

let schema: GraphQLSchema;
const env = useTestServer();

beforeAll(async () => {
  schema = await buildGraphQLSchema();
});

const cost = (query: string, variables?: Record<string, unknown>) => estimateCost(schema, parse(query), variables);

describe('the query cost', () => {
  it('counts each field once and multiplies a page by its limit', () => {
    // deputies (1) + totalCount (1) + nodes (1 + 10 × (id 1 + termNumber 1))
    expect(cost(`{ deputies(limit: 10) { totalCount nodes { id termNumber } } }`).cost).toBe(1 + 1 + (1 + 10 * 2));
    expect(cost(`{ deputies { nodes { id } } }`).cost).toBe(1 + (1 + 25 * 1));
    expect(cost(`query ($n: Int) { deputies(limit: $n) { nodes { id } } }`, { n: 4 }).cost).toBe(1 + (1 + 4 * 1));
  });

  it('counts what execution runs: a field or fragment left out by @skip or @include costs nothing, whatever it nests', () => {
    const base = cost(`{ deputies(limit: 10) { nodes { id } } }`).cost;
    const heavy = `memberships(limit: 100) { nodes { group { name } } }`;
    expect(cost(`query ($no: Boolean!) { deputies(limit: 10) { nodes { id ${heavy.replace('(limit: 100)', '(limit: 100) @include(if: $no)')} } } }`, { no: false }).cost).toBe(base);
    expect(cost(`{ deputies(limit: 10) { nodes { id ... @skip(if: true) { ${heavy} } } } }`).cost).toBe(base);
    expect(cost(`query ($no: Boolean!) { deputies(limit: 10) { nodes { id ...M @skip(if: $no) } } } fragment M on Deputy { ${heavy} }`, { no: true }).cost).toBe(base);
    expect(cost(`query ($no: Boolean!) { deputies(limit: 10) { nodes { id ...M @skip(if: $no) } } } fragment M on Deputy { ${heavy} }`, { no: false }).cost).toBeGreaterThan(base * 100);
  });

  it('multiplies nested pages and counts through fragments', () => {
    const nested = cost(`{ deputies(limit: 10) { nodes { ...seat } } } fragment seat on Deputy { person { name } memberships(limit: 5) { nodes { role } } }`);
    // deputies 1 + nodes (1 + 10 × (person (1 + name 1) + memberships (1 + nodes (1 + 5 × role 1))))
    expect(nested.cost).toBe(1 + (1 + 10 * (2 + (1 + (1 + 5 * 1)))));
    expect(nested.depth).toBe(5);
  });

  it('adds the scan of statistics and a fixed size for other lists', () => {
    expect(cost(`{ deputiesAggregate(groupBy: [{ field: level }]) { count } }`).cost).toBe(1 + costWeights.statisticCost + costWeights.otherListSize * 1);
    expect(cost(`{ metricCatalog { key } }`).cost).toBe(1 + costWeights.otherListSize * 1);
  });

  it('counts filter conditions, a search, and an in list as one per hundred values', () => {
    const ids = Array.from({ length: 250 }, (_, index) => `"${index + 1}"`).join(', ');
    const filtered = cost(`{ deputies(limit: 0, where: { q: "王", level: { eq: COUNTY }, OR: [{ termNumber: { gt: 10 } }, { id: { in: [${ids}] } }] }) { totalCount } }`);
    // q 1, level.eq 1, OR's items: termNumber.gt 1, id.in 1 + 2 (250 values)
    expect(filtered.filterTerms).toBe(1 + 1 + 1 + 3);
    expect(filtered.cost).toBe(1 + 1 + filtered.filterTerms * costWeights.filterTerm + costWeights.search);
    // Inside a page's nodes, a nested list's filter counts once per document (its text), its cost per row.
    const nested = cost(`{ deputies(limit: 10) { nodes { memberships(limit: 0, where: { role: { eq: LEADER } }) { totalCount } } } }`);
    expect(nested.filterTerms).toBe(1);
    expect(nested.cost).toBe(1 + (1 + 10 * (1 + costWeights.filterTerm + 1)));
  });

  it('walks a named fragment once however often it is spread, and still counts every spread', () => {
    const levels = 20;
    const fragments = Array.from({ length: levels }, (_, index) => `fragment F${index} on Query { ...F${index + 1} ...F${index + 1} }`).join(' ');
    const started = performance.now();
    const doubled = cost(`query { ...F0 } ${fragments} fragment F${levels} on Query { metricCatalog { key } }`);
    expect(performance.now() - started).toBeLessThan(100);
    expect(doubled.cost).toBe(2 ** levels * (1 + costWeights.otherListSize));
  });

  it('is answered by queryCost with the limit, and refuses a malformed query clearly', async () => {
    const query = `{ deputies(limit: 10) { totalCount nodes { id termNumber } } }`;
    const answer = await env.server.gql(`query ($q: String!) { queryCost(query: $q) { cost limit depth filterTerms filterTermLimit } }`, { q: query });
    expect(answer.data.queryCost).toEqual({ cost: 23, limit: 100_000, depth: 3, filterTerms: 0, filterTermLimit: 100 });
    const malformed = await env.server.gql(`query ($q: String!) { queryCost(query: $q) { cost } }`, { q: '{ deputies { ' });
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
  });
});
