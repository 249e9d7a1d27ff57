/** Starts the real server in-process against a test database, on a free port, and talks GraphQL to it. */
import { readConfig, type Config } from '../../server/config.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { setLogLevel } from '../../server/log.js';
import type { TestDatabase } from './test-cluster.js';

export type TestServer = RunningServer & {
  url: string;
  gql: <T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GqlResponse<T>>;
};

export type GqlResponse<T> = { status: number; data?: T; errors?: { message: string; extensions: Record<string, any> }[] };

setLogLevel('error');

export async function startTestServer(database: TestDatabase | undefined, overrides: Partial<Config> = {}): Promise<TestServer> {
  const config: Config = {
    ...readConfig({}),
    port: 0,
    host: '127.0.0.1',
    databaseUrl: database?.appUrl,
    databaseOwnerUrl: database?.ownerUrl,
    shutdownGraceMs: 5_000,
    ...overrides,
  };
  const server = await startServer(config);
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
