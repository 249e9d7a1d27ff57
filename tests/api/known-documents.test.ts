/**
 * The known documents' fast path (server/http/known-documents.ts) answers exactly what the ordinary way
 * (Apollo's pipeline) answers: the same status, headers and body, for every served model's page and record
 * and every role, and for every refusal — not signed in, a session ended, over the cost limit, over the
 * tokens limit, a model the role may not read, a browser origin not allowed — in both languages, compressed
 * or not. The ordinary answer is asked with an Accept header the fast path leaves to Apollo's negotiation
 * (application/json with a lower-weighted wildcard beside it: Apollo still answers application/json); whether a request reached Apollo
 * is seen on Apollo itself, so each comparison is known to compare the two ways.
 */
import { gunzipSync } from 'node:zlib';
import { ApolloServer } from '@apollo/server';
import express from 'express';
import pg from 'pg';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { servedEntities } from '../../schema/entities.js';
import { modelOf, type ModelMeta } from '../../schema/model/registry.js';
import { storedFields } from '../../schema/model/relations.js';
import { inflection } from '../../schema/shared/inflection.js';
import type { UserRole } from '../../schema/shared/enums.js';
import { estimateQueryText } from '../../server/workbench/query-cost.js';
import { mayPerform } from '../../server/access/policy.js';
import { buildGraphQLSchema } from '../../server/graphql/schema.js';
import { defaultQueryLimits } from '../../server/graphql/query-limits.js';
import { loadDemoInto } from '../support/demo-database.js';
import { createTestDatabase, type TestDatabase } from '../support/test-cluster.js';
import { startTestServer, testPassword, type TestServer } from '../support/test-server.js';

const allowedOrigin = 'https://console.example.org';
let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoInto(database);
  // Rate limits counted (high enough for the test), and a browser origin allowed: both on the way of every request.
  server = await startTestServer(database, { corsOrigins: [allowedOrigin], rateLimit: { perUser: 100_000, perIp: 100_000, heavyPerUser: 1_000 } });
  await server.db.whenConnected();
});
afterAll(async () => {
  // The test files share a process (vitest.config.ts `isolate: false`): the next one gets the functions unspied.
  apolloCalls.mockRestore();
  expressCalls.mockRestore();
  await server?.stop();
  await database?.drop();
});

/** Requests that reached Apollo's pipeline. */
const apolloCalls = vi.spyOn(ApolloServer.prototype, 'executeHTTPGraphQLRequest');
/**
 * Requests Express's app took (spied before the app is made, which copies express.application's functions): the
 * fast path answers in front of Express (graphql-front-door.ts) unless compression is asked for, in Express's chain then.
 */
const expressCalls = vi.spyOn(express.application as unknown as { handle: (...args: unknown[]) => void }, 'handle');
afterEach(() => {
  apolloCalls.mockClear();
  expressCalls.mockClear();
});

type Answer = { status: number; headers: Record<string, unknown>; body: string };

/** An answer as it can be compared: the date and the random request ids taken out, the body decompressed. */
async function post(body: unknown, headers: Record<string, string>, ordinary: boolean): Promise<Answer> {
  // undici's request: headers as given (fetch would add its own Accept-Encoding) and the body as sent.
  const response = await request(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers, ...(ordinary ? { accept: 'application/json, */*;q=0.5' } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const raw = Buffer.from(await response.body.arrayBuffer());
  const text = response.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  const kept = Object.fromEntries(Object.entries(response.headers).filter(([name]) => name !== 'date'));
  return { status: response.statusCode, headers: kept, body: text.replace(/"requestId":"[0-9a-f-]{36}"/g, '"requestId":"…"') };
}

/**
 * The request both ways; the answers must be equal. `answeredFast`: the first was answered without Apollo;
 * `beforeExpress`: without Express either.
 */
async function bothWays(body: unknown, headers: Record<string, string> = {}) {
  apolloCalls.mockClear();
  expressCalls.mockClear();
  const fast = await post(body, headers, false);
  const reachedApollo = apolloCalls.mock.calls.length > 0;
  const reachedExpress = expressCalls.mock.calls.length > 0;
  apolloCalls.mockClear();
  const ordinary = await post(body, headers, true);
  // Nobody signed in is refused before either way reads the body (app.ts signedInBeforeBody): neither answers it,
  // and the two answers compared are that one refusal's (tests/hardening/routes-sign-in.test.ts tests it as such).
  const refusedFirst = ordinary.status === 401;
  expect(apolloCalls.mock.calls.length, refusedFirst ? 'nobody signed in never reaches Apollo' : 'the ordinary request reached Apollo').toBe(refusedFirst ? 0 : 1);
  return { fast, ordinary, answeredFast: !reachedApollo && !refusedFirst, beforeExpress: !reachedExpress };
}

const models = servedEntities.map((entity) => modelOf(entity)).filter((model) => model.operations.includes('list') && model.operations.includes('read'));

/** Every stored field, references by id and a title-like field; the first to-many list's count. */
function selection(model: ModelMeta): string {
  const parts = storedFields(model).map((field) => (field.kind === 'reference' ? `${field.name} { id }` : field.name));
  const list = model.fields.find((field) => field.kind === 'referenceList');
  if (list) parts.push(`${list.name}(limit: 2) { totalCount nodes { id } }`);
  return parts.join(' ');
}

const documents = (model: ModelMeta) => ({
  page: `query Page($limit: Int!) { page: ${inflection.list(model)}(limit: $limit) { totalCount nodes { __typename ${selection(model)} } } }`,
  // Two operations, one named by operationName: the request names which one runs.
  one: `query Other { ${inflection.list(model)}(limit: 1) { totalCount } } query One($id: ID!) { record: ${inflection.one(model)}(id: $id) { ${selection(model)} } }`,
});

const roles: [string, UserRole, string | null][] = [
  ['the super administrator', 'ADMIN', null],
  ['a county clerk (灵台县)', 'CLERK', '620822'],
  ['a city administrator (平凉市)', 'ADMIN', '620800'],
  ['a leader', 'LEADER', null],
  ['an analyst', 'ANALYST', null],
];

describe('the known documents’ fast path', () => {
  it.each(roles)('answers every model’s page and record as the ordinary way does, for %s', async (_, role, region) => {
    const user = await server.as(role, region);
    const headers = { cookie: user.cookie };
    let answeredFast = 0;
    let refused = 0;
    for (const model of models) {
      const { page, one } = documents(model);
      // Twice: the first time the text is new (parsed and validated), the second it is known.
      for (let round = 0; round < 2; round++) {
        const pages = await bothWays({ query: page, variables: { limit: 3 } }, headers);
        expect(pages.fast, `${model.name} page`).toEqual(pages.ordinary);
        // Answered fast means answered in front of Express (no compression asked for); handed on means through Express.
        expect(pages.beforeExpress, `${model.name} page`).toBe(pages.answeredFast);
        answeredFast += Number(pages.answeredFast);
        const answer = JSON.parse(pages.fast.body) as { data?: { page: { nodes: { id: string }[] } }; errors?: unknown[] };
        if (answer.errors) {
          refused += 1;
          expect(pages.answeredFast, `${model.name}: a refusal is the ordinary way's`).toBe(false);
          continue;
        }
        const id = answer.data?.page.nodes[0]?.id ?? '987654321';
        const record = await bothWays({ query: one, operationName: 'One', variables: { id } }, headers);
        expect(record.fast, `${model.name} record`).toEqual(record.ordinary);
        expect(record.beforeExpress, `${model.name} record`).toBe(record.answeredFast);
        answeredFast += Number(record.answeredFast);
      }
    }
    // The path is taken (most pages and records are text), and refusals are seen for those who may not read everything.
    expect(answeredFast).toBeGreaterThan(models.length);
    if (role !== 'ADMIN' || region) expect(refused + answeredFast).toBeGreaterThan(0);
  });

  it('answers in English, compressed, and to an allowed browser origin exactly as the ordinary way', async () => {
    const user = await server.as('ADMIN');
    const query = `query Flat($limit: Int!) { deputies(limit: $limit, orderBy: [{ field: id }]) { nodes { id level termNumber electedOn } } }`;
    const variants: Record<string, string>[] = [{ 'accept-language': 'en' }, { 'accept-encoding': 'gzip' }, { origin: allowedOrigin }, { origin: 'https://elsewhere.example.com' }];
    for (const headers of variants) {
      await bothWays({ query, variables: { limit: 50 } }, { cookie: user.cookie, ...headers });
      const { fast, ordinary, answeredFast, beforeExpress } = await bothWays({ query, variables: { limit: 50 } }, { cookie: user.cookie, ...headers });
      expect(fast, JSON.stringify(headers)).toEqual(ordinary);
      expect(answeredFast, JSON.stringify(headers)).toBe(true);
      // Compression is Express's: a request asking for it is answered fast in Express's chain, any other in front of it.
      expect(beforeExpress, JSON.stringify(headers)).toBe(!('accept-encoding' in headers));
      if ('accept-encoding' in headers) expect(fast.headers['content-encoding']).toBe('gzip');
      if (headers.origin === allowedOrigin) expect(fast.headers['access-control-allow-origin']).toBe(allowedOrigin);
    }
  });

  it('leaves every refusal to the ordinary way, which answers it as always', async () => {
    const user = await server.as('ADMIN');
    const signedIn = { cookie: user.cookie };
    const flat = `{ deputies(limit: 2) { nodes { id } } }`;
    const schema = await buildGraphQLSchema();
    const costOf = (query: string) => estimateQueryText(schema, query).cost;
    const tooCostly = `{ deputies(limit: 1000) { nodes { memberships(limit: 1000) { nodes { id } } assignments(limit: 1000) { nodes { id } } } } }`;
    expect(costOf(tooCostly)).toBeGreaterThan(defaultQueryLimits.cost);
    const heavy = `{ deputies(limit: 1000) { nodes { memberships(limit: 10) { nodes { id } } } } }`;
    expect(costOf(heavy)).toBeGreaterThanOrEqual(defaultQueryLimits.heavyCost);
    expect(costOf(heavy)).toBeLessThanOrEqual(defaultQueryLimits.cost);
    const tooLong = `{ deputies(limit: 1) { nodes { ${'id '.repeat(defaultQueryLimits.tokens)} } } }`;
    const cases: [string, unknown, Record<string, string>, number][] = [
      ['not signed in', { query: flat }, {}, 401],
      ['a made-up session', { query: flat }, { cookie: 'crc_session=made-up' }, 401],
      ['over the cost limit', { query: tooCostly }, signedIn, 400],
      ['over the tokens limit', { query: tooLong }, signedIn, 400],
      ['heavy: admitted, then read on the heavy pool', { query: heavy }, signedIn, 200],
      ['a syntax error', { query: '{ deputies(limit: 2) { nodes { id }' }, signedIn, 400],
      ['an unknown field', { query: '{ deputies(limit: 2) { nodes { nothing } } }' }, signedIn, 400],
      ['variables that do not fit', { query: 'query($limit: Int!) { deputies(limit: $limit) { nodes { id } } }', variables: { limit: 'many' } }, signedIn, 400],
      ['no operation of that name', { query: flat, operationName: 'Missing' }, signedIn, 400],
      ['a limit out of bounds', { query: '{ deputies(limit: 100000) { nodes { id } } }' }, signedIn, 400],
      ['a body that is not an object', '[1, 2]', signedIn, 400],
      ['extensions (Apollo reads them: persisted queries)', { query: flat, extensions: { note: 'any' } }, signedIn, 200],
    ];
    for (const [name, body, headers, status] of cases) {
      for (const language of ['zh', 'en']) {
        // Twice: the second time the text is known to the fast path, if it ever is.
        for (let round = 0; round < 2; round++) {
          const { fast, ordinary, answeredFast, beforeExpress } = await bothWays(body, { ...headers, 'accept-language': language });
          expect(fast, name).toEqual(ordinary);
          expect(fast.status, name).toBe(status);
          expect(answeredFast, name).toBe(false);
          // Nobody signed in is refused in front of Express, as in its chain; the rest is handed on to it.
          expect(beforeExpress, name).toBe(status === 401);
        }
      }
    }
  });

  it('leaves a statement that failed to the ordinary way, which says so without running it again', async () => {
    const user = await server.as('ADMIN');
    // No region has this division code: the database refuses the statement (CA004), a BAD_USER_INPUT in words.
    const query = `{ deputies(limit: 2, where: { region: { within: "999999" } }) { totalCount nodes { id } } }`;
    for (const language of ['zh', 'en']) {
      const statements: string[] = [];
      const stop = server.db.readPool!.onQuery((text) => statements.push(text));
      const { fast, ordinary, answeredFast } = await bothWays({ query }, { cookie: user.cookie, 'accept-language': language });
      stop();
      expect(fast).toEqual(ordinary);
      expect(JSON.parse(fast.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(answeredFast).toBe(false);
      // Once for the fast path (whose failure the ordinary way answers), once for the ordinary request.
      expect(statements, statements.map((text) => text.slice(0, 120)).join('\n')).toHaveLength(2);
    }
  });

  it('refuses a model the role may not read as the ordinary way does', async () => {
    const forbidden = roles.flatMap(([, role, region]) => models.filter((model) => !mayPerform({ role }, model, 'list')).map((model) => [role, region, model] as const));
    expect(forbidden.length, 'some role may not list some model').toBeGreaterThan(0);
    for (const [role, region, model] of forbidden) {
      const user = await server.as(role, region);
      const query = `{ ${inflection.list(model)}(limit: 2) { nodes { id } } }`;
      for (let round = 0; round < 2; round++) {
        const { fast, ordinary, answeredFast } = await bothWays({ query }, { cookie: user.cookie, 'accept-language': 'en' });
        expect(fast, `${role} ${model.name}`).toEqual(ordinary);
        expect(JSON.parse(fast.body).errors[0].extensions.code).toBe('FORBIDDEN');
        expect(answeredFast).toBe(false);
      }
    }
  });

  it('honours sessions ended at sign-out at once, and ended elsewhere within a second', async () => {
    const user = await server.as('ANALYST');
    const query = `{ regions(limit: 2) { nodes { id name } } }`;
    const cookieOf = async () => (await server.signIn(user.username, testPassword)).cookie!;
    const signedOut = await cookieOf();
    expect((await bothWays({ query }, { cookie: signedOut })).answeredFast).toBe(true);
    await fetch(`${server.url}/auth/sign-out`, { method: 'POST', headers: { cookie: signedOut } });
    const afterSignOut = await bothWays({ query }, { cookie: signedOut });
    expect(afterSignOut.fast).toEqual(afterSignOut.ordinary);
    expect(afterSignOut.fast.status).toBe(401);

    const endedElsewhere = await cookieOf();
    expect((await bothWays({ query }, { cookie: endedElsewhere })).answeredFast).toBe(true);
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    try {
      // As another process would end it (sign-out there, a deactivation): this one may take it as live ≤ 1 s.
      await owner.query(`delete from user_session where id = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, [decodeURIComponent(endedElsewhere.split('=')[1])]);
    } finally {
      await owner.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const afterASecond = await bothWays({ query }, { cookie: endedElsewhere });
    expect(afterASecond.fast).toEqual(afterASecond.ordinary);
    expect(afterASecond.fast.status).toBe(401);
  });

  it('answers a read of a remembered session with one statement (the rate limits count on a pool of their own)', async () => {
    const user = await server.as('ADMIN');
    const db = server.db;
    const pools = [db.readPool!, db.heavyPool!, db.analystPool!, db.controlPool!, db.signInPool!];
    const query = `query Flat($limit: Int!) { deputies(limit: $limit) { nodes { id level } } }`;
    const statementsOf = async () => {
      const statements: string[] = [];
      const stops = pools.map((pool) => pool.onQuery((text) => statements.push(text)));
      apolloCalls.mockClear();
      expressCalls.mockClear();
      const answer = await post({ query, variables: { limit: 5 } }, { cookie: user.cookie }, false);
      stops.forEach((stop) => stop());
      expect(answer.status).toBe(200);
      expect(apolloCalls).not.toHaveBeenCalled();
      expect(expressCalls).not.toHaveBeenCalled();
      return statements;
    };
    await statementsOf();
    expect(await statementsOf()).toHaveLength(1);
  });
});
