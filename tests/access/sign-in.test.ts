/**
 * Sign-in and sessions against the real server: the same refusal for an unknown user and a wrong password
 * (both verifying a hash), lockout per (user, IP), session rotation, sign-out, timeouts, password policy.
 */
import crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Passwords } from '../../server/access/passwords.js';
import { createTestDatabase } from '../support/test-cluster.js';
import { startTestServer, testPassword, useTestServer, type TestServer } from '../support/test-server.js';

const env = useTestServer();

async function withServer(overrides: Parameters<typeof startTestServer>[1], run: (server: TestServer) => Promise<void>) {
  const database = await createTestDatabase();
  const server = await startTestServer(database, overrides);
  await server.db.whenConnected();
  try {
    await run(server);
  } finally {
    await server.stop();
    await database.drop();
  }
}

afterEach(() => vi.restoreAllMocks());

/** The stored id of a session: the SHA-256 of the cookie's token (the table never holds the token). */
const sessionId = (cookie: string) =>
  crypto
    .createHash('sha256')
    .update(decodeURIComponent(cookie.split('=')[1]))
    .digest('hex');

/** How long until `cookie`'s session is refused (asked every 50 ms; gives up after 3 s). */
async function secondsUntilRefused(url: string, cookie: string): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < 3_000) {
    if ((await fetch(`${url}/auth/session`, { headers: { cookie } })).status === 401) return (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Infinity;
}

describe('signing in', () => {
  it('refuses every GraphQL operation, introspection included, without a session (401 UNAUTHENTICATED)', async () => {
    for (const query of ['{ __schema { queryType { name } } }', '{ metadata { entities { name } } }', '{ regions { totalCount } }']) {
      const answer = await env.server.anonymous(query);
      expect(answer.status).toBe(401);
      expect(answer.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(answer.errors?.[0].message).toBe('尚未登录或登录已过期，请重新登录');
    }
  });

  it('gives an unknown user and a wrong password the same status and message, each after verifying a hash', async () => {
    await env.server.as('LEADER');
    const dummy = vi.spyOn(Passwords.prototype, 'verifyDummy');
    const real = vi.spyOn(Passwords.prototype, 'verify');
    const unknown = await env.server.signIn('nobody_here', 'whatever-password');
    expect(dummy).toHaveBeenCalledTimes(1);
    const wrong = await env.server.signIn('test_leader', 'wrong-password-1');
    expect(real.mock.calls.length).toBeGreaterThanOrEqual(2); // the dummy's own verification, then the user's hash
    expect(dummy).toHaveBeenCalledTimes(1);
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
    expect(unknown.body.error.message).toBe('用户名或密码不正确');
    expect(unknown.body.error.code).toBe('UNAUTHENTICATED');
    expect(unknown.cookie).toBeUndefined();
  });

  it('sets an HttpOnly, SameSite=Strict cookie, Secure behind https, and a new session id at every sign-in', async () => {
    await withServer({ trustProxy: 'loopback' }, async (server) => {
      await server.as('ANALYST');
      const plain = await fetch(`${server.url}/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'test_analyst', password: testPassword }),
      });
      const header = plain.headers.get('set-cookie')!;
      expect(header).toMatch(/HttpOnly/);
      expect(header).toMatch(/SameSite=Strict/);
      expect(header).not.toMatch(/Secure/);
      const first = header.split(';')[0];
      const https = await server.signIn('test_analyst', testPassword, { 'x-forwarded-proto': 'https', cookie: first });
      expect(https.status).toBe(200);
      const second = https.cookie!;
      expect(second).not.toBe(first);
      // The session the browser brought ended at the new sign-in.
      const old = await fetch(`${server.url}/auth/session`, { headers: { cookie: first } });
      expect(old.status).toBe(401);
      const current = await fetch(`${server.url}/auth/session`, { headers: { cookie: second } });
      expect(((await current.json()) as any).user.role).toBe('ANALYST');
    });
  });

  it('locks a (user, IP) pair after ten failures for 15 minutes, not the user everywhere', async () => {
    await withServer({ trustProxy: 'loopback' }, async (server) => {
      await server.as('ANALYST');
      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      for (let attempt = 1; attempt <= 10; attempt++) {
        const answer = await server.signIn('test_analyst', `wrong-password-${attempt}`, from('10.0.0.1'));
        expect(answer.status, `attempt ${attempt}`).toBe(401);
      }
      const locked = await server.signIn('test_analyst', testPassword, from('10.0.0.1'));
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('RATE_LIMITED');
      expect(locked.body.error.message).toMatch(/请 1[45] 分钟后再试/);
      const elsewhere = await server.signIn('test_analyst', testPassword, from('10.0.0.2'));
      expect(elsewhere.status).toBe(200);
      // Another name from the locked address is not locked either.
      await server.as('LEADER');
      expect((await server.signIn('test_leader', testPassword, from('10.0.0.1'))).status).toBe(200);
    });
  });

  it('ends the session at sign-out, after the idle limit and after the absolute limit', async () => {
    const user = await env.server.as('ANALYST');
    const fresh = await env.server.signIn(user.username, testPassword);
    const cookie = fresh.cookie!;
    const session = () => fetch(`${env.server.url}/auth/session`, { headers: { cookie } }).then((response) => response.status);
    expect(await session()).toBe(200);
    await fetch(`${env.server.url}/auth/sign-out`, { method: 'POST', headers: { cookie } });
    expect(await session()).toBe(401);

    const client = await env.database.superClient();
    try {
      // Ended in the database behind the server's back (as another process would): refused within a second.
      const idle = (await env.server.signIn(user.username, testPassword)).cookie!;
      await client.query(`update user_session set last_seen_at = now() - interval '31 minutes' where id = $1`, [sessionId(idle)]);
      expect(await secondsUntilRefused(env.server.url, idle)).toBeLessThanOrEqual(1.1);
      const old = (await env.server.signIn(user.username, testPassword)).cookie!;
      await client.query(`update user_session set expires_at = now() - interval '1 second' where id = $1`, [sessionId(old)]);
      expect(await secondsUntilRefused(env.server.url, old)).toBeLessThanOrEqual(1.1);
    } finally {
      await client.end();
    }
  });

  it('takes a session found live as live for at most a second: ended on one process, refused by every process within it, and never written with', async () => {
    const other = await startTestServer(env.database);
    await other.db.whenConnected();
    try {
      const user = await env.server.as('ADMIN');
      const { cookie } = await env.server.signIn(user.username, testPassword);
      const otherGql = (query: string) =>
        fetch(`${other.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookie! }, body: JSON.stringify({ query }) }).then(async (response) => ({
          status: response.status,
          body: (await response.json()) as { data?: any; errors?: { extensions: { code: string } }[] },
        }));
      // The other process finds the session live and remembers it.
      expect((await otherGql(`{ regions(limit: 1) { totalCount } }`)).status).toBe(200);
      await fetch(`${env.server.url}/auth/sign-out`, { method: 'POST', headers: { cookie: cookie! } });
      // Refused at once by the process that ended it …
      expect((await fetch(`${env.server.url}/auth/session`, { headers: { cookie: cookie! } })).status).toBe(401);
      // … and no write goes through on the other while it may still take the session as live: the database
      // derives the writer from the live session the transaction names.
      const write = await otherGql(`mutation { createRegion(input: { code: "990000", name: "不该保存", kind: PROVINCE }) { id } }`);
      expect(write.body.data?.createRegion ?? null).toBeNull();
      expect(write.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      const superClient = await env.database.superClient();
      try {
        expect((await superClient.query(`select count(*)::int as n from region where name = '不该保存'`)).rows[0].n).toBe(0);
      } finally {
        await superClient.end();
      }
      // … and every process refuses it within a second.
      expect(await secondsUntilRefused(other.url, cookie!)).toBeLessThanOrEqual(1.1);
    } finally {
      await other.stop();
    }
  });

  it('lets an administrator create users under the password policy and reset passwords, which ends the sessions', async () => {
    const short = await env.server.gql(`mutation { createUser(input: { username: "new_clerk", displayName: "新工作人员", role: ANALYST }, password: "short") { id } }`);
    expect(short.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    const named = await env.server.gql(`mutation { createUser(input: { username: "new_clerk", displayName: "新工作人员", role: ANALYST }, password: "xx-new_clerk-xx") { id } }`);
    expect(named.errors?.[0].message).toBe('密码不能包含用户名');
    const created = await env.server.gql(`mutation { createUser(input: { username: "New_Analyst", displayName: "新分析员", role: ANALYST }, password: "a-long-password-1") { id username version } }`);
    expect(created.data.createUser.username).toBe('new_analyst');
    const signedIn = await env.server.signIn('new_analyst', 'a-long-password-1');
    expect(signedIn.status).toBe(200);
    const { id, version } = created.data.createUser;
    const reset = await env.server.gql(`mutation { resetUserPassword(id: "${id}", version: ${version}, password: "another-password-2") { version } }`);
    expect(reset.data.resetUserPassword.version).toBe(version + 1);
    expect((await fetch(`${env.server.url}/auth/session`, { headers: { cookie: signedIn.cookie! } })).status).toBe(401);
    expect((await env.server.signIn('new_analyst', 'a-long-password-1')).status).toBe(401);
    expect((await env.server.signIn('new_analyst', 'another-password-2')).status).toBe(200);
    const byAnalyst = await (await env.server.as('ANALYST'))(`mutation { createUser(input: { username: "sneaky", displayName: "x", role: ADMIN }, password: "a-long-password-1") { id } }`);
    expect(byAnalyst.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it("records a sign-in in the sign-in log (operation SIGN_IN), not in the account's history (issue 18, defect 9)", async () => {
    const created = await env.server.gql(`mutation { createUser(input: { username: "log_reader", displayName: "看日志", role: LEADER }, password: "a-long-password-9") { id } }`);
    const { id } = created.data.createUser;
    expect((await env.server.signIn('log_reader', 'a-long-password-9')).status).toBe(200);
    const log = await env.server.gql(`query ($id: ID) { auditEntries(where: { entity: "User", recordId: $id, operation: "SIGN_IN" }) { nodes { actorName changes } } }`, { id });
    expect(log.data.auditEntries.nodes).toEqual([{ actorName: 'log_reader', changes: { lastSignInAt: { before: null, after: expect.any(String) } } }]);
    const history = await env.server.gql(`query ($id: ID!) { recordHistory(entity: "User", id: $id) { operation changes } }`, { id });
    const entries = history.data.recordHistory as { operation: string; changes: Record<string, unknown> }[];
    expect(entries[0].operation).toBe('CREATE');
    expect(entries.filter((entry) => entry.operation === 'SIGN_IN' || 'lastSignInAt' in entry.changes)).toEqual([]);
  });
});
