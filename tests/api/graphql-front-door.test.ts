/**
 * The layer in front of Express for POST /graphql (server/http/graphql-front-door.ts) does what Express's chain
 * does, and no more: CORS, a body that is not JSON, a body too large, compression, a shutdown begun, other methods,
 * a body in pieces, and a request it read and handed on — which reaches Apollo with the same body, counted once by
 * the rate limiter. Whether Express saw a request is seen on Express itself (its app's handle), whether Apollo did
 * on Apollo: each case knows which layer answered.
 */
import net from 'node:net';
import { Readable } from 'node:stream';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ApolloServer } from '@apollo/server';
import express from 'express';
import pg from 'pg';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-cluster.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const allowedOrigin = 'https://console.example.org';
/** Requests Express's app took (set before any app is made: each app copies express.application's functions). */
const expressCalls = vi.spyOn(express.application as unknown as { handle: (...args: unknown[]) => void }, 'handle');
/** Requests that reached Apollo's pipeline. */
const apolloCalls = vi.spyOn(ApolloServer.prototype, 'executeHTTPGraphQLRequest');
afterEach(() => {
  expressCalls.mockClear();
  apolloCalls.mockClear();
});

let database: TestDatabase;
let server: TestServer;
let cookie: string;
const rateLimit = { perUser: 100_000, perIp: 100_000, heavyPerUser: 1_000 };

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database, { corsOrigins: [allowedOrigin], rateLimit });
  await server.db.whenConnected();
  cookie = (await server.as('ADMIN')).cookie;
});
afterAll(async () => {
  // The test files share a process (vitest.config.ts `isolate: false`): the next one gets the functions unspied.
  apolloCalls.mockRestore();
  expressCalls.mockRestore();
  await server?.stop();
  await database?.drop();
});

/** A record read the fast path answers once its text is known. */
const known = { query: `query Flat($limit: Int!) { deputies(limit: $limit, orderBy: [{ field: id }]) { totalCount nodes { id level } } }`, variables: { limit: 5 } };

type Answer = { status: number; headers: Record<string, unknown>; body: string; express: boolean; apollo: boolean };

/**
 * A request to /graphql and who saw it. `chunked` sends the body as a stream of unknown length, which the layer
 * leaves to Express: the ordinary way with the same headers, to compare with.
 */
async function post(body: string, headers: Record<string, string>, chunked = false, method = 'POST'): Promise<Answer> {
  expressCalls.mockClear();
  apolloCalls.mockClear();
  const response = await request(`${server.url}/graphql`, {
    method: method as 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: method !== 'POST' ? undefined : chunked ? Readable.from([Buffer.from(body)]) : body,
  });
  const raw = Buffer.from(await response.body.arrayBuffer());
  const encoding = response.headers['content-encoding'];
  const text = (encoding === 'gzip' ? gunzipSync(raw) : encoding === 'br' ? brotliDecompressSync(raw) : raw).toString('utf8');
  const kept = Object.fromEntries(Object.entries(response.headers).filter(([name]) => name !== 'date' && name !== 'transfer-encoding'));
  return {
    status: response.statusCode,
    headers: kept,
    body: text.replace(/"requestId":"[0-9a-f-]{36}"/g, '"requestId":"…"'),
    express: expressCalls.mock.calls.length > 0,
    apollo: apolloCalls.mock.calls.length > 0,
  };
}

const without = ({ express: _express, apollo: _apollo, ...answer }: Answer) => answer;

/** The total of every rate limit count (rate_limit, rate-limits.ts): what one request adds. */
async function countedPoints(): Promise<number> {
  const owner = new pg.Client({ connectionString: database.ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query<{ total: string | null }>('select sum(points) as total from rate_limit');
    return Number(rows[0].total ?? 0);
  } finally {
    await owner.end();
  }
}

describe('the layer in front of Express for POST /graphql', () => {
  it('answers a known record read itself, counted once by the rate limiter, and as Express and Apollo answer it', async () => {
    const body = JSON.stringify(known);
    await post(body, { cookie });
    const before = await countedPoints();
    const fast = await post(body, { cookie });
    // One for the address, one for the user.
    expect(await countedPoints()).toBe(before + 2);
    expect([fast.express, fast.apollo]).toEqual([false, false]);
    const ordinary = await post(body, { cookie, accept: 'application/json, */*;q=0.5' }, true);
    expect([ordinary.express, ordinary.apollo]).toEqual([true, true]);
    expect(without(fast)).toEqual(without(ordinary));
  });

  it('hands on a request it read to Apollo with the same body, counted once, finished as Express and Apollo finish it', async () => {
    const body = { query: 'mutation Nothing($job: ID!) { cancelImport(job: $job) { id } }', variables: { job: '987654321' }, operationName: 'Nothing' };
    const before = await countedPoints();
    const handedOn = await post(JSON.stringify(body), { cookie, 'accept-language': 'en' });
    expect(await countedPoints()).toBe(before + 2);
    expect([handedOn.express, handedOn.apollo]).toEqual([true, true]);
    expect((apolloCalls.mock.calls[0][0] as { httpGraphQLRequest: { body: unknown } }).httpGraphQLRequest.body).toEqual(body);
    const ordinary = await post(JSON.stringify(body), { cookie, 'accept-language': 'en' }, true);
    expect(without(handedOn)).toEqual(without(ordinary));
    expect(JSON.parse(handedOn.body).errors[0].extensions.code).toBeDefined();
  });

  it('takes a body sent in several pieces', async () => {
    const body = Buffer.from(JSON.stringify(known));
    const head = `POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\ncookie: ${cookie}\r\nconnection: close\r\n\r\n`;
    expressCalls.mockClear();
    apolloCalls.mockClear();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1');
      const received: Buffer[] = [];
      socket.on('data', (data) => received.push(data));
      socket.on('end', () => resolve(Buffer.concat(received).toString('utf8')));
      socket.on('error', reject);
      socket.write(head);
      const pieces = [body.subarray(0, 7), body.subarray(7, 40), body.subarray(40)];
      pieces.forEach((piece, index) => setTimeout(() => socket.write(piece), 30 * (index + 1)));
    });
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({ data: { deputies: { totalCount: 0, nodes: [] } } });
    expect([expressCalls.mock.calls.length, apolloCalls.mock.calls.length]).toEqual([0, 0]);
  });

  it('says a body that is not JSON is not, in both languages, as express.json’s refusal is said', async () => {
    for (const language of ['zh', 'en']) {
      for (const body of ['{"query": ', 'query { deputies { totalCount } }', '  x']) {
        const fast = await post(body, { cookie, 'accept-language': language });
        expect([fast.status, fast.express, fast.apollo], body).toEqual([400, false, false]);
        expect(JSON.parse(fast.body).errors[0].extensions.code).toBe('BAD_REQUEST');
        expect(without(fast), body).toEqual(without(await post(body, { cookie, 'accept-language': language }, true)));
      }
    }
    // What express.json takes that is not an object (nothing at all, a batch, a leading byte order mark) is Apollo's to judge, as ever.
    for (const body of ['', '[1, 2]', `\uFEFF${JSON.stringify(known)}`, ` \n${JSON.stringify(known)}`]) {
      const handedOn = await post(body, { cookie });
      const ordinary = await post(body, { cookie }, true);
      expect(without(handedOn), JSON.stringify(body)).toEqual(without(ordinary));
    }
  });

  it('refuses a body over 1 MB as {errors}, however it is sent, and whoever is not signed in before the body', async () => {
    const huge = JSON.stringify({ query: `{ deputies(limit: 1) { nodes { id } } }`, variables: { padding: 'x'.repeat(1_100_000) } });
    for (const chunked of [false, true]) {
      const answer = await post(huge, { cookie, 'accept-language': 'en' }, chunked);
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BODY_TOO_LARGE' });
      expect(answer.apollo).toBe(false);
    }
    for (const headers of [{}, { cookie: 'crc_session=made-up' }] as Record<string, string>[]) {
      const fast = await post(JSON.stringify(known), { ...headers, 'accept-language': 'en' });
      expect([fast.status, fast.express, fast.apollo]).toEqual([401, false, false]);
      expect(without(fast)).toEqual(without(await post(JSON.stringify(known), { ...headers, 'accept-language': 'en' }, true)));
    }
  });

  it('sends CORS headers to an allowed origin only, and leaves the preflight to Express', async () => {
    for (const origin of [allowedOrigin, 'https://elsewhere.example.com']) {
      const fast = await post(JSON.stringify(known), { cookie, origin });
      expect([fast.status, fast.express, fast.apollo]).toEqual([200, false, false]);
      expect(fast.headers['access-control-allow-origin']).toBe(origin === allowedOrigin ? origin : undefined);
      expect(without(fast)).toEqual(without(await post(JSON.stringify(known), { cookie, origin, accept: 'application/json, */*;q=0.5' }, true)));
    }
    expressCalls.mockClear();
    const preflight = await request(`${server.url}/graphql`, { method: 'OPTIONS', headers: { origin: allowedOrigin, 'access-control-request-method': 'POST' } });
    await preflight.body.dump();
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(allowedOrigin);
    expect(expressCalls).toHaveBeenCalled();
  });

  it('leaves compression to Express, which answers brotli or gzip as before (a known read still without Apollo)', async () => {
    // Under the 1 kB threshold (not compressed, but said to vary) and over it (compressed).
    for (const [encoding, expected] of [
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['gzip, deflate, br', 'br'],
    ] as const) {
      const small = await post(JSON.stringify(known), { cookie, 'accept-encoding': encoding });
      expect([small.express, small.apollo]).toEqual([true, false]);
      expect(small.headers['content-encoding']).toBeUndefined();
      expect(small.headers.vary).toBe('Accept-Encoding');
      const introspection = await post(JSON.stringify({ query: '{ __schema { types { name fields { name } } } }' }), { cookie, 'accept-encoding': encoding });
      expect([introspection.status, introspection.express, introspection.apollo, introspection.headers['content-encoding']]).toEqual([200, true, true, expected]);
      expect(JSON.parse(introspection.body).data.__schema.types.length).toBeGreaterThan(10);
    }
  });

  it('leaves GET and HEAD /graphql to Express and Apollo', async () => {
    const query = encodeURIComponent('{ deputies(limit: 1) { totalCount } }');
    expressCalls.mockClear();
    const get = await request(`${server.url}/graphql?query=${query}`, { headers: { cookie, 'apollo-require-preflight': 'true' } });
    expect([get.statusCode, await get.body.json()]).toEqual([200, { data: { deputies: { totalCount: 0 } } }]);
    expect(expressCalls).toHaveBeenCalledTimes(1);
    for (const method of ['GET', 'HEAD']) {
      const answer = await post('', { cookie }, false, method);
      expect(answer.express, method).toBe(true);
      expect(answer.status, method).toBeGreaterThanOrEqual(400);
    }
  });
});

describe('the layer in front of Express while the server shuts down', () => {
  it('finishes a request admitted before the shutdown began, and refuses one that came after with 503', async () => {
    const stopping = await startTestServer(database, { rateLimit });
    await stopping.db.whenConnected();
    // Sessions live in the database: the first server's is good here too.
    const signedIn = cookie;
    // A request the fast path hands on (a mutation), its body held back until the shutdown began; then one more on the same connection.
    const first = Buffer.from(JSON.stringify({ query: 'mutation { cancelImport(job: "987654321") { id } }' }));
    const second = Buffer.from(JSON.stringify(known));
    const head = (length: number, close: boolean) =>
      `POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${length}\r\ncookie: ${signedIn}\r\n${close ? 'connection: close\r\n' : ''}\r\n`;
    const answers = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(stopping.port, '127.0.0.1');
      const received: Buffer[] = [];
      socket.on('data', (data) => received.push(data));
      socket.on('end', () => resolve(Buffer.concat(received).toString('utf8')));
      socket.on('error', reject);
      socket.write(head(first.length, false));
      socket.write(first.subarray(0, 5));
      setTimeout(() => {
        void stopping.stop();
        setTimeout(() => socket.write(Buffer.concat([first.subarray(5), Buffer.from(head(second.length, true)), second])), 50);
      }, 300);
    });
    const statusLines = answers.match(/HTTP\/1\.1 \d{3} [^\r]*/g);
    expect(statusLines).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 503 Service Unavailable']);
    expect(answers).toContain('{"status":"shutting down"}');
    await stopping.stop();
  });
});
