/**
 * No single user or request can slow the service for the others (issue 16): each of the seven reported
 * cases, replayed as the hostile insider did it. A stalled database has a cluster of its own (case 7);
 * the others share one test database, each with a server configured as the case needs.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIntrospectionQuery } from 'graphql';
import { startOwnCluster, type OwnCluster } from '../support/own-cluster.js';
import { sampleIdNumber } from '../support/samples.js';
import { startTestServer, testPassword, useTestServer, type TestServer } from '../support/test-server.js';

const env = useTestServer();

/** `{ ...F0 }` where each fragment spreads the next twice: 2ⁿ paths in a document of n lines. */
function doubling(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, index) => `fragment F${index} on Query { ...F${index + 1} ...F${index + 1} }`);
  return `query { ...F0 } ${fragments.join(' ')} fragment F${levels} on Query { __typename regions(limit: 1) { totalCount } }`;
}

/** How long `work` takes, in ms. */
async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await work();
  return { result, ms: performance.now() - start };
}

beforeAll(async () => {
  const gql = env.server.gql;
  const province = (await gql(`mutation { createRegion(input: { code: "990000", name: "测试省", kind: PROVINCE }) { id } }`)).data.createRegion.id;
  const county = (await gql(`mutation { createRegion(input: { code: "990011", name: "测试县", kind: COUNTY, parentId: "${province}" }) { id } }`)).data.createRegion.id;
  for (let seed = 1; seed <= 30; seed += 1) {
    await gql(`mutation { createPerson(input: { name: "人员${seed}", idNumber: "${sampleIdNumber(seed).idNumber}", regionId: "${county}" }) { id } }`);
  }
  // Enough people that fifty substring searches take a while, and an export has many pages (loaded behind
  // the triggers, as bulk loads are).
  const loader = await env.database.superClient();
  await loader.query(`set session_replication_role = replica`);
  await loader.query(`insert into person (name, workplace) select '张' || i, '单位' || i from generate_series(1, 150000) as i`);
  await loader.query(`analyze person`);
  await loader.end();
}, 120_000);

describe('issue 16, as reported', () => {
  it('1. fragments that each spread the next twice cost what they would do, and are refused in time linear in the text', async () => {
    const analyst = await env.server.as('ANALYST');
    const healthz = timed(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return fetch(`${env.server.url}/healthz`);
    });
    const { result: answer, ms } = await timed(() => analyst(doubling(40)));
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'cost' });
    expect(ms).toBeLessThan(2_000);
    expect((await healthz).ms).toBeLessThan(1_000);
    // queryCost shows the same number, as quickly; its text is held to the token limit like any document.
    const shown = await timed(() => analyst(`query ($q: String!) { queryCost(query: $q) { cost limit } }`, { q: doubling(40) }));
    expect(shown.result.data.queryCost.cost).toBe(2_147_483_647); // 2⁴⁰ and more, saturated at GraphQL's largest Int
    expect(shown.ms).toBeLessThan(2_000);
    const huge = await analyst(`query ($q: String!) { queryCost(query: $q) { cost } }`, { q: `{ ${'regions { totalCount } '.repeat(2_000)} }` });
    expect(huge.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'tokens' });
    // A modest document of the same shape still runs (four levels: the list read 16 times).
    const modest = await analyst(doubling(4));
    expect(modest.errors).toBeUndefined();
    expect(modest.data.regions.totalCount).toBe(2);
  });

  it('2. introspection has a cost: thirty aliased schema walks are refused, the console’s own introspection is not', async () => {
    const analyst = await env.server.as('ANALYST');
    const walk = '__schema { types { name fields { name type { name kind ofType { name kind ofType { name } } } } } }';
    const thirty = await analyst(`{ ${Array.from({ length: 30 }, (_, index) => `a${index}: ${walk}`).join(' ')} }`);
    expect(thirty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'cost' });
    const cost = (await analyst(`query ($q: String!) { queryCost(query: $q) { cost } }`, { q: `{ ${walk} }` })).data.queryCost.cost;
    expect(cost).toBeGreaterThan(1_000);
    const full = await analyst(getIntrospectionQuery());
    expect(full.errors).toBeUndefined();
    expect(full.data.__schema.types.length).toBeGreaterThan(100);
  });

  it('3. filters are bounded: thousands of terms are refused by name, long value lists travel as one parameter', async () => {
    const leader = await env.server.as('LEADER');
    const terms = (count: number) => ({ OR: Array.from({ length: count }, (_, index) => ({ q: `张${index}` })) });
    const persons = `query ($where: PersonFilter) { persons(where: $where) { totalCount } }`;
    // In variables, past the token limit of the text: 20,000 searches (a 500 before), then just over the limit.
    for (const count of [20_000, 101]) {
      const refused = await leader(persons, { where: terms(count) });
      expect(refused.status, String(count)).toBe(400);
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'filterTerms', max: 100 });
      expect(refused.errors?.[0].message).toContain('超过上限 100');
    }
    const fine = await leader(persons, { where: terms(50) });
    expect(fine.errors).toBeUndefined();
    // In the text itself, the token limit comes first.
    const inline = await leader(
      `{ persons(where: { OR: [${terms(2_000)
        .OR.map((term) => `{ q: "${term.q}" }`)
        .join(', ')}] }) { totalCount } }`,
    );
    expect(inline.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'tokens' });
    // An `in` list of 5,000 values: one array parameter, so the statement's text is that of a two-value one.
    const texts: string[] = [];
    const stop = env.server.db.heavyPool!.onQuery((text) => texts.push(text));
    const stopInteractive = env.server.db.readPool!.onQuery((text) => texts.push(text));
    const ids = (count: number) => Array.from({ length: count }, (_, index) => String(index + 1));
    for (const count of [2, 5_000]) {
      const answer = await leader(`query ($ids: [ID!]) { persons(where: { id: { in: $ids } }) { totalCount } }`, { ids: ids(count) });
      expect(answer.errors, String(count)).toBeUndefined();
    }
    stop();
    stopInteractive();
    expect(texts).toHaveLength(2);
    expect(texts[1]).toBe(texts[0]);
  });

  it('4. a read-only user’s heavy requests wait on the heavy pool; a clerk reads and writes meanwhile', async () => {
    const leader = await env.server.as('LEADER');
    const clerk = await env.server.as('CLERK', '990011');
    // Twenty heavy requests at once (fifty searches each): they queue for the heavy pool, not staff's.
    const heavy = `{ persons(where: { OR: [${Array.from({ length: 50 }, (_, index) => `{ q: "王${index}" }`).join(', ')}] }) { totalCount } }`;
    const waiting = Array.from({ length: 20 }, () => leader(heavy));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const region = (await clerk(`{ regions(where: { code: { eq: "990011" } }) { nodes { id version } } }`)).data.regions.nodes[0];
    const read = await timed(() => clerk(`{ regions { totalCount nodes { name } } }`));
    expect(read.result.errors).toBeUndefined();
    expect(read.ms).toBeLessThan(1_000);
    const write = await timed(() => clerk(`mutation { updateRegion(id: "${region.id}", version: ${region.version}, input: { population: 123456 }) { population } }`));
    expect(write.result.errors).toBeUndefined();
    expect(write.result.data.updateRegion.population).toBe(123456);
    expect(write.ms).toBeLessThan(1_500);
    // The heavy ones end as they may: answered, or SERVICE_UNAVAILABLE (no connection free in time) — never another 5xx.
    for (const answer of await Promise.all(waiting)) expect([200, 503]).toContain(answer.status);
  }, 120_000);

  it('5. rate limits are per user (not per session), kept in PostgreSQL, and shared by two server processes', async () => {
    const settings = { rateLimit: { perUser: 5, perIp: 0, heavyPerUser: 0 } };
    const [first, second] = [await startTestServer(env.database, settings), await startTestServer(env.database, settings)];
    try {
      await Promise.all([first.db.whenConnected(), second.db.whenConnected()]);
      await first.as('ANALYST'); // the user exists
      const cookies = [await first.signIn('test_analyst', testPassword), await second.signIn('test_analyst', testPassword)].map((signedIn) => signedIn.cookie!);
      expect(cookies[0]).not.toBe(cookies[1]);
      const ask = (server: TestServer, cookie: string) =>
        fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query: '{ regions { totalCount } }' }) });
      const statuses: number[] = [];
      for (let round = 0; round < 3; round += 1) {
        statuses.push((await ask(first, cookies[0])).status, (await ask(second, cookies[1])).status);
      }
      // Five requests a minute for this user, whichever process and session they come through.
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const refused = await ask(first, cookies[0]);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // Unknown cookies add nothing anywhere: the table holds one row per address or user counted, not per cookie.
      for (let index = 0; index < 50; index += 1) await ask(first, `crc_session=unknown-${index}`);
      const client = await env.database.superClient();
      const { rows } = await client.query(`select count(*)::int as n from rate_limit where key like 'user:%'`);
      await client.end();
      expect(rows[0].n).toBe(1);
    } finally {
      await first.stop();
      await second.stop();
    }
  });

  it('5b. heavy operations are few per user and minute; an export, however many pages, is one', async () => {
    const server = await startTestServer(env.database, { rateLimit: { perUser: 0, perIp: 0, heavyPerUser: 2 } });
    try {
      await server.db.whenConnected();
      const leader = await server.as('LEADER');
      const heavy = `{ persons(limit: 1000) { nodes { id name gender ethnicity education politicalStatus workplace } } }`;
      const statuses = [];
      for (let index = 0; index < 3; index += 1) statuses.push((await leader(heavy)).status);
      expect(statuses).toEqual([200, 200, 429]);
      const refused = await leader(heavy);
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'heavy' });
      // Cheap reads go on.
      expect((await leader(`{ regions { totalCount } }`)).status).toBe(200);
      // An analyst's export of 150,030 persons: 151 heavy pages, counted as one.
      const analyst = await server.as('ANALYST');
      const response = await fetch(`${server.url}/export`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: analyst.cookie },
        body: JSON.stringify({ query: heavy, format: 'json' }),
      });
      expect(response.status).toBe(200);
      expect((JSON.parse(await response.text()) as unknown[]).length).toBeGreaterThan(150_000);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('6. of a hundred parallel guesses at one password, at most ten are checked', async () => {
    const server = await startTestServer(env.database, { trustProxy: 'loopback' });
    try {
      await server.db.whenConnected();
      await server.as('CLERK', '990011');
      const guesses = await Promise.all(Array.from({ length: 100 }, (_, index) => server.signIn('test_clerk_990011', `wrong-password-${index}`, { 'x-forwarded-for': '10.16.6.6' })));
      const statuses = guesses.map((guess) => guess.status);
      expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(10);
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(90);
      // Locked for that address only; the right password from elsewhere still signs in.
      expect((await server.signIn('test_clerk_990011', testPassword, { 'x-forwarded-for': '10.16.6.6' })).status).toBe(429);
      expect((await server.signIn('test_clerk_990011', testPassword, { 'x-forwarded-for': '10.16.6.7' })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

describe('issue 16, case 7: a stalled database', () => {
  let own: OwnCluster;
  let server: TestServer;

  beforeAll(async () => {
    own = await startOwnCluster('stall');
    server = await startTestServer(own.database, {
      database: { statementTimeoutMs: 2_000, analystStatementTimeoutMs: 2_000, analystConnections: 2, heavyStatementTimeoutMs: 2_000, heavyConnections: 2 },
    });
    await server.db.whenConnected();
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await own?.cluster.stop();
    await own?.remove();
  });

  /** Every process of the cluster — the postmaster and its children (each backend in a session of its own) — stopped or resumed. */
  async function signalCluster(signal: 'SIGSTOP' | 'SIGCONT'): Promise<void> {
    const postmaster = Number((await fs.readFile(path.join(own.baseDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const children: number[] = [];
    for (const entry of await fs.readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = await fs.readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
      // pid (comm) state ppid …: the parent id is the second field after the command's closing parenthesis.
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster) children.push(Number(entry));
    }
    for (const pid of [postmaster, ...children]) {
      // A child may end between the scan and the signal (a parallel worker, an autovacuum worker): nothing to stop then.
      try {
        process.kill(pid, signal);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    }
  }

  it('7. answers every request within its timeout and 2 s, and /readyz within 2 s, while PostgreSQL is stopped', async () => {
    const admin = await server.as('ADMIN');
    expect((await admin(`{ regions { totalCount } }`)).errors).toBeUndefined();
    await signalCluster('SIGSTOP');
    try {
      const [read, write, ready] = await Promise.all([
        timed(() => admin(`{ regions { totalCount } }`)),
        timed(() => admin(`mutation { createRegion(input: { code: "990000", name: "测试省", kind: PROVINCE }) { id } }`)),
        timed(() => fetch(`${server.url}/readyz`)),
      ]);
      expect(ready.result.status).toBe(503);
      expect(ready.ms).toBeLessThan(2_000);
      for (const [name, answer] of [
        ['read', read],
        ['write', write],
      ] as const) {
        expect(answer.ms, name).toBeLessThan(2_000 + 2_000 + 500);
        expect(answer.result.errors?.[0].extensions.code, name).toBe('SERVICE_UNAVAILABLE');
      }
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await signalCluster('SIGCONT');
    }
    // Served again once it resumes.
    let served = false;
    for (let attempt = 0; attempt < 50 && !served; attempt += 1) {
      served = !(await admin(`{ regions { totalCount } }`)).errors;
      if (!served) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(served).toBe(true);
  }, 60_000);
});
