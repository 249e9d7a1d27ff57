/** Starts the real server in-process against a test database, on a free port, and talks GraphQL to it. */
import { afterAll, beforeAll } from 'vitest';
import { readConfig, type Config } from '../../server/config.js';
import { startServer, type RunningServer, type ServerHooks } from '../../server/server.js';
import { setLogLevel } from '../../server/log.js';
import { createTestDatabase, type TestDatabase } from './test-cluster.js';

export type TestServer = RunningServer & {
  url: string;
  gql: <T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GqlResponse<T>>;
};

export type GqlResponse<T> = { status: number; data?: T; errors?: { message: string; extensions: Record<string, any> }[] };

setLogLevel('error');

export async function startTestServer(database: TestDatabase | undefined, overrides: Partial<Config> = {}, hooks: ServerHooks = {}): Promise<TestServer> {
  const config: Config = {
    ...readConfig({}),
    port: 0,
    host: '127.0.0.1',
    databaseUrl: database?.appUrl,
    databaseOwnerUrl: database?.ownerUrl,
    shutdownGraceMs: 5_000,
    ...overrides,
  };
  const server = await startServer(config, hooks);
  const url = `http://127.0.0.1:${server.port}`;
  return {
    ...server,
    url,
    gql: async (query, variables, headers) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
  };
}

/**
 * A migrated database and the server on it, for the tests of one file or describe block: made before
 * they run (after `prepare` fills the database, if given), stopped and dropped after.
 */
export function useTestServer(prepare?: (database: TestDatabase) => Promise<void>): { database: TestDatabase; server: TestServer } {
  const handle = {} as { database: TestDatabase; server: TestServer };
  beforeAll(async () => {
    handle.database = await createTestDatabase();
    await prepare?.(handle.database);
    handle.server = await startTestServer(handle.database);
    await handle.server.db.whenConnected();
  });
  afterAll(async () => {
    await handle.server?.stop();
    await handle.database?.drop();
  });
  return handle;
}
