/**
 * Starts the real server in-process against a test database, on a free port, and talks GraphQL to it —
 * signed in, as a super administrator unless a test asks for another user (`as`).
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { UserRole } from '../../schema/shared/enums.js';
import { createUser, testHashCost, testPassword } from './test-users.js';
import { readConfig, type Config } from '../../server/config.js';
import { startServer, type RunningServer, type ServerHooks } from '../../server/server.js';
import { setLogLevel } from '../../server/log.js';
import { createTestDatabase, type TestDatabase } from './test-cluster.js';

export type Gql = <T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GqlResponse<T>>;

export type TestServer = RunningServer & {
  url: string;
  /** GraphQL as the test's super administrator. */
  gql: Gql;
  /** GraphQL with no session at all. */
  anonymous: Gql;
  /** A user of `role` (bound to the region coded `regionCode`; a handler to that region's first organisation), created on first use and signed in. */
  as: (role: UserRole, regionCode?: string | null) => Promise<Gql & { cookie: string; username: string }>;
  /** Signs in; the session cookie, or the refusal. */
  signIn: (username: string, password: string, headers?: Record<string, string>) => Promise<{ status: number; cookie?: string; body: any }>;
  /** The test database's owner connection string, for records only system work writes (deadline notices). */
  ownerUrl: string | undefined;
};

function client(url: string, cookie: string | undefined): Gql {
  return async (query, variables, headers) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };
}

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
    passwordHashCost: testHashCost,
    // Tests fire requests faster than any person: rate limits are tested on their own (tests/hardening).
    rateLimit: { perUser: 0, perIp: 0, heavyPerUser: 0 },
    // Tests anchor the audit chain themselves (tests/access/audit-chain.test.ts), never into the project's .data.
    auditAnchor: { logPath: '/nonexistent/audit-anchors.log', keyPath: '/nonexistent/audit-anchor.key', minutes: 0 },
    // Scans run when a test asks (tests/workflow/deadlines.test.ts), not at whatever hour the test runs.
    deadlineScan: { hour: 1, checkMinutes: 0 },
    ...overrides,
  };
  const server = await startServer(config, hooks);
  const url = `http://127.0.0.1:${server.port}`;
  const signIn: TestServer['signIn'] = async (username, password, headers = {}) => {
    const response = await fetch(`${url}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ username, password }),
    });
    const cookie = response.headers.get('set-cookie')?.split(';')[0];
    return { status: response.status, cookie, body: await response.json() };
  };
  const users = new Map<string, Gql & { cookie: string; username: string }>();
  const as: TestServer['as'] = async (role, regionCode = null) => {
    const username = `test_${role.toLowerCase()}${regionCode ? `_${regionCode}` : ''}`;
    let user = users.get(username);
    if (!user) {
      if (!database) throw new Error('signing in needs a test database');
      await server.db.whenConnected();
      await createUser(database.ownerUrl, { username, role, regionCode });
      const { cookie, status, body } = await signIn(username, testPassword);
      if (!cookie) throw new Error(`could not sign in as ${username}: ${status} ${JSON.stringify(body)}`);
      user = Object.assign(client(url, cookie), { cookie, username });
      users.set(username, user);
    }
    return user;
  };
  let superAdmin: Gql | undefined;
  return {
    ...server,
    url,
    gql: async (query, variables, headers) => {
      superAdmin ??= await as('ADMIN');
      return superAdmin(query, variables, headers);
    },
    anonymous: client(url, undefined),
    as,
    ownerUrl: database?.ownerUrl,
    signIn,
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

export { createUser, createUserWith, testHashCost, testPassword } from './test-users.js';

/** A record created through the API as the server's super administrator (`create<Entity>`), refused on any error: its id and version. */
export async function createRecord(server: TestServer, entity: string, input: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const response = await server.gql(`mutation($input: ${entity}CreateInput!) { create${entity}(input: $input) { id version } }`, { input });
  expect(response.errors, `create${entity}`).toBeUndefined();
  return response.data[`create${entity}`];
}
