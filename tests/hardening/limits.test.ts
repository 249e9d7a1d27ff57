/**
 * Abusive queries: depth, aliases, tokens, directives and cost each refused with the limit named, in the
 * request's language; the cost refused is the cost the workbench shows; no field suggestions, no landing
 * page, no batches.
 */
import { describe, expect, it } from 'vitest';
import { defaultQueryLimits } from '../../server/graphql/query-limits.js';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();

const nest = (depth: number) => `{ regions(limit: 1) { nodes { ${'parent { '.repeat(depth)}id${' }'.repeat(depth)} } } }`;

describe('limits on every operation', () => {
  it('refuse a query nested too deep, naming the limit', async () => {
    expect((await env.server.gql(nest(8))).errors).toBeUndefined();
    const answer = await env.server.gql(nest(defaultQueryLimits.depth));
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'depth' });
    expect(answer.errors?.[0].message).toBe(`查询嵌套 ${defaultQueryLimits.depth + 3} 层，超过上限 ${defaultQueryLimits.depth} 层`);
    const english = await env.server.gql(nest(defaultQueryLimits.depth), {}, { 'accept-language': 'en' });
    expect(english.errors?.[0].message).toBe(`Syntax Error: Query depth limit of ${defaultQueryLimits.depth} exceeded, found ${defaultQueryLimits.depth + 3}.`);
  });

  it('refuse too many aliases, tokens and directives', async () => {
    const aliases = `{ ${Array.from({ length: defaultQueryLimits.aliases + 1 }, (_, index) => `a${index}: metricCatalog { key }`).join(' ')} }`;
    expect((await env.server.gql(aliases)).errors?.[0].extensions.limit).toBe('aliases');
    const tokens = `{ metricCatalog { ${'key '.repeat(defaultQueryLimits.tokens)} } }`;
    const long = await env.server.gql(tokens);
    expect(long.status).toBe(400);
    expect(long.errors?.[0]).toMatchObject({ message: `查询过长，超过 ${defaultQueryLimits.tokens} 个词法单元`, extensions: { code: 'BAD_USER_INPUT', limit: 'tokens' } });
    const directives = `{ metricCatalog { key ${'@include(if: true) '.repeat(defaultQueryLimits.directives + 1)} } }`;
    expect((await env.server.gql(directives)).errors?.[0].extensions.limit).toBe('directives');
  });

  it('refuse a query above the cost limit, with its variables, at the cost the workbench shows', async () => {
    const query = `query ($n: Int) { deputies(limit: $n) { nodes { memberships(limit: 1000) { nodes { group { name } } } } } }`;
    const variables = { n: 1000 };
    const shown = (await env.server.gql(`query ($q: String!, $v: JSON) { queryCost(query: $q, variables: $v) { cost limit } }`, { q: query, v: variables })).data.queryCost;
    expect(shown.cost).toBeGreaterThan(shown.limit);
    const refused = await env.server.gql(query, variables);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'cost', cost: shown.cost, max: shown.limit });
    expect(refused.errors?.[0].message).toMatch(/^查询代价 \d+ 超过上限 \d+/);
    const cheap = await env.server.gql(query, { n: 1 });
    expect(cheap.errors).toBeUndefined();
  });

  it('explain a mistyped field in Chinese without suggesting what exists', async () => {
    const answer = await env.server.gql(`{ regions { nodes { nmae } } }`);
    expect(answer.errors?.[0].message).toBe('类型 Region 没有字段 nmae');
    expect(JSON.stringify(answer.errors)).not.toMatch(/Did you mean/);
  });

  it('serve no landing page and refuse batches', async () => {
    const page = await fetch(`${env.server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/sandbox|apollographql\.com|cdn/i);
    const admin = await env.server.as('ADMIN');
    const batch = await fetch(`${env.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie },
      body: JSON.stringify([{ query: '{ metricCatalog { key } }' }, { query: '{ metricCatalog { key } }' }]),
    });
    expect(batch.status).toBe(400);
  });
});
