/**
 * What a client hears when the request itself is wrong (issue 18, API details): in the language it prefers
 * by weight, in Chinese for the scalar coercions too, with no "Did you mean …?", and with the codes clients
 * act on — PERSISTED_QUERY_NOT_FOUND for a persisted-query miss, BAD_REQUEST for a subscription.
 */
import { describe, expect, it } from 'vitest';
import { languageOf } from '../../server/graphql/language.js';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();

async function post(body: unknown, headers: Record<string, string> = {}) {
  const { cookie } = await env.server.as('ADMIN');
  const response = await fetch(`${env.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { errors?: { message: string; extensions: Record<string, any> }[] } };
}

describe('the language of an answer', () => {
  it.each([
    ['en;q=0.1, zh-CN;q=0.9', 'zh'],
    ['zh-CN;q=0.4, en-US;q=0.8', 'en'],
    ['fr-FR, en;q=0.5, zh;q=0.4', 'en'],
    ['fr-FR', 'zh'],
    ['en-GB, zh', 'en'],
    ['zh, en', 'zh'],
    ['en;q=0, zh;q=0.1', 'zh'],
    [undefined, 'zh'],
  ] as const)('%s → %s', (header, language) => {
    expect(languageOf(header)).toBe(language);
  });

  it('is Chinese for a client that weighs Chinese above English', async () => {
    const { body } = await post({ query: '{ regions(limit: "x") { totalCount } }' }, { 'accept-language': 'en;q=0.1, zh-CN;q=0.9' });
    expect(body.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('refusals of the request itself', () => {
  it('says in Chinese why a value does not fit its scalar', async () => {
    const { body } = await post({ query: 'query ($n: Int) { regions(limit: $n) { totalCount } }', variables: { n: 1.5 } });
    expect(body.errors?.[0]?.message).toBe('变量 $n 的值无效：1.5 不是整数');
    const literal = await post({ query: '{ regions(limit: 1.5) { totalCount } }' });
    expect(literal.body.errors?.[0]?.message).not.toMatch(/^请求有误/);
  });

  it('suggests no names, in either language', async () => {
    for (const language of ['zh', 'en']) {
      const { body } = await post({ query: '{ regions(orderBy: [{ field: nam }]) { totalCount } }' }, { 'accept-language': language });
      const error = body.errors?.[0];
      expect(error).toBeDefined();
      expect(JSON.stringify(error)).not.toMatch(/Did you mean/);
    }
  });

  it('answers a persisted-query miss with the code Apollo clients retry on, whatever the language', async () => {
    for (const language of ['zh', 'en']) {
      const { body } = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }, { 'accept-language': language });
      expect(body.errors?.[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    }
  });

  it('refuses a subscription as a bad request, not a server error', async () => {
    const { body } = await post({ query: 'subscription { regions { totalCount } }' });
    expect(body.errors?.[0]?.extensions.code).toBe('BAD_REQUEST');
    expect(body.errors?.[0]?.message).toMatch(/订阅/);
  });

  // A document whose operation cannot be told — a name none has, several and none named — for a query, a
  // comparison and a mutation alike (each has a plugin that plans its own answer): 400, in both languages, nothing run.
  it.each([
    ['a name no operation has (a query)', { query: '{ regions { totalCount } }', operationName: 'Nope' }, '请求中没有名为 Nope 的操作', 'The document has no operation named Nope'],
    [
      'a name no operation has (a mutation)',
      { query: 'mutation { createRegion(input: { code: "919999", name: "x", kind: COUNTY }) { id } }', operationName: 'X' },
      '请求中没有名为 X 的操作',
      'The document has no operation named X',
    ],
    [
      'several operations and none named',
      { query: 'query A { regions { totalCount } } query B { compareRegions(metrics: ["deputies"], level: COUNTY, years: [2024]) { metrics } }' },
      '请求含多个操作，请用 operationName 指明要执行哪一个',
      'The document holds several operations: name the one to run in operationName',
    ],
  ])('refuses %s as a bad request, not a server error', async (_case, body, zh, en) => {
    for (const [language, message] of [
      ['zh-CN', zh],
      ['en', en],
    ]) {
      const answer = await post(body, { 'accept-language': language });
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_REQUEST' } });
    }
    const { body: regions } = await post({ query: '{ regions(where: { code: { eq: "919999" } }) { totalCount } }' });
    expect(regions.errors).toBeUndefined();
    expect((regions as any).data.regions.totalCount).toBe(0);
  });
});

describe("an input's refusals", () => {
  it('come all at once: every field that is wrong, each with its path and both languages', async () => {
    const response = await env.server.gql(`mutation { createPerson(input: { name: "", idNumber: "110105194912310021", mobile: "12345" }) { id } }`);
    const error = response.errors?.[0];
    expect(response.errors).toHaveLength(1);
    expect(error?.extensions.code).toBe('BAD_USER_INPUT');
    expect(error?.extensions.fields.map((refusal: { field: string }) => refusal.field)).toEqual(['input.name', 'input.idNumber', 'input.mobile']);
    expect(error?.extensions.field).toBe('input.name');
    for (const refusal of error?.extensions.fields ?? []) expect(refusal.messages).toEqual({ zh: expect.any(String), en: expect.any(String) });
    expect(error?.message.split('；')).toHaveLength(3);
  });
});
