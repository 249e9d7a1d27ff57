/** The HTTP surface: CORS for configured origins only, bodies up to 1 MB, one copy of graphql installed. */
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

  it('runs on one copy of graphql (a second would break instanceof checks and validation)', () => {
    const resolveFrom = (pkg: string) => createRequire(path.join(projectRoot, 'node_modules', pkg, 'package.json')).resolve('graphql');
    const copies = new Set(['@apollo/server', 'type-graphql', '@escape.tech/graphql-armor', 'graphql-scalars'].map(resolveFrom));
    expect([...copies]).toEqual([createRequire(path.join(projectRoot, 'package.json')).resolve('graphql')]);
  });
});
