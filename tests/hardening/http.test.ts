/** The HTTP surface: CORS for configured origins only, bodies up to 1 MB, compression for whoever takes it, one copy of graphql installed. */
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/config.js';
import { createTestDatabase, type TestDatabase } from '../support/test-cluster.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database, { corsOrigins: ['https://console.example.cn'] });
  await server.db.whenConnected();
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describe('the HTTP surface', () => {
  it('answers CORS for the configured origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    const allowed = await preflight('https://console.example.cn');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://console.example.cn');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await preflight('https://evil.example.com');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a body over 1 MB', async () => {
    const admin = await server.as('ADMIN');
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie },
      body: JSON.stringify({ query: `{ metricCatalog { key } }`, variables: { padding: 'x'.repeat(1_100_000) } }),
    });
    expect(response.status).toBe(413);
  });

  it('compresses a large answer for a client that takes an encoding, and sends it plain, untagged, to one that takes none', async () => {
    const admin = await server.as('ADMIN');
    // node:http, not fetch: fetch asks for an encoding itself, and decodes it out of sight.
    const post = (headers: Record<string, string>) =>
      new Promise<{ encoding: string | undefined; etag: string | undefined; bytes: number }>((resolve, reject) => {
        const body = JSON.stringify({ query: `{ metricCatalog { key labelZh labelEn descriptionZh descriptionEn } }` });
        const request = http.request(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin.cookie, ...headers } }, (response) => {
          let bytes = 0;
          response.on('data', (chunk: Buffer) => (bytes += chunk.length));
          response.on('end', () => resolve({ encoding: response.headers['content-encoding'], etag: response.headers.etag, bytes }));
        });
        request.on('error', reject);
        request.end(body);
      });
    const plain = await post({});
    const compressed = await post({ 'accept-encoding': 'gzip' });
    expect(plain.encoding).toBeUndefined();
    expect(compressed.encoding).toBe('gzip');
    expect(compressed.bytes).toBeLessThan(plain.bytes / 2);
    expect(plain.etag).toBeUndefined();
  });

  it('runs on one copy of graphql (a second would break instanceof checks and validation)', () => {
    const resolveFrom = (pkg: string) => createRequire(path.join(projectRoot, 'node_modules', pkg, 'package.json')).resolve('graphql');
    const copies = new Set(['@apollo/server', 'type-graphql', '@escape.tech/graphql-armor', 'graphql-scalars'].map(resolveFrom));
    expect([...copies]).toEqual([createRequire(path.join(projectRoot, 'package.json')).resolve('graphql')]);
  });
});
