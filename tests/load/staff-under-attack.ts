/**
 * `npm run test:load`: 40 simulated staff — 20 clerks saving records of their county, 10 leaders comparing
 * counties, 10 analysts querying — on the demo data for LOAD_SECONDS (120), first alone, then while one
 * hostile user sends each abusive shape of issue 16 in turn (fragments that double, aliased introspection,
 * filters of thousands of terms and of ever-different sizes, heavy searches in bursts, unknown cookies,
 * a hundred parallel password guesses). Loopback only, bounded in time and count.
 *
 * Reports p50/p95 per kind of staff in both runs and the largest private memory any PostgreSQL backend
 * reached; fails (exit 1) if any staff request got a 5xx or a kind's p95 under attack is more than double
 * its p95 alone.
 */
import 'reflect-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Agent, request } from 'undici';
import { EmbeddedCluster, freePort } from '../../server/db/embedded-cluster.js';
import { migrate } from '../../server/db/migrate.js';
import { appRoleName, databaseName, ensureRolesAndDatabase, ownerRoleName } from '../../server/db/roles.js';
import { loadDemo } from '../../seeds/demo/load-demo.js';
import { spawnServer, type ServerProcess } from '../support/server-process.js';
import { createUserWith, testPassword } from '../support/test-users.js';
import { percentile } from '../bench/latency.js';

const seconds = Number(process.env.LOAD_SECONDS ?? 120);
type Kind = 'clerk' | 'leader' | 'analyst';
type Sample = { kind: Kind; ms: number; status: number; code?: string };

const baseDir = await fs.mkdtemp(path.join(os.tmpdir(), 'crc-load-'));
const cluster = await EmbeddedCluster.start(baseDir);
const passwords = { owner: 'load-owner', app: 'load-app' };
const agent = new Agent({ connections: 100, pipelining: 1 });
let server: ServerProcess | undefined;

/** One POST to the server as `cookie` from `ip`: status, GraphQL error code, milliseconds. */
async function post(pathName: string, body: unknown, cookie: string, ip: string): Promise<{ status: number; code?: string; ms: number; json: any }> {
  const started = performance.now();
  const response = await request(`${server!.url}${pathName}`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', cookie, 'x-forwarded-for': ip },
    body: JSON.stringify(body),
  });
  const text = await response.body.text();
  const ms = performance.now() - started;
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, code: json?.errors?.[0]?.extensions?.code ?? json?.error?.code, ms, json };
}

async function signIn(username: string, ip: string): Promise<string> {
  const response = await request(`${server!.url}/auth/sign-in`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ username, password: testPassword }),
  });
  await response.body.text();
  const cookie = String(response.headers['set-cookie'] ?? '').split(';')[0];
  if (!cookie) throw new Error(`${username} could not sign in (${response.statusCode})`);
  return cookie;
}

/** A deterministic pseudo-random sequence (the same run every time). */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** The largest private (anonymous) memory of any PostgreSQL process of the cluster, sampled while `work` runs. */
async function watchBackends<T>(work: () => Promise<T>): Promise<{ result: T; maxKb: number }> {
  const postmaster = Number((await fs.readFile(path.join(baseDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
  let maxKb = 0;
  let watching = true;
  const sample = async () => {
    for (const entry of await fs.readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const status = await fs.readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
      if (!new RegExp(`^PPid:\\s+${postmaster}$`, 'm').test(status)) continue;
      const kb = Number(/^RssAnon:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      maxKb = Math.max(maxKb, kb);
    }
  };
  const sampler = (async () => {
    while (watching) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  })();
  const result = await work();
  watching = false;
  await sampler;
  return { result, maxKb };
}

type Staff = { kind: Kind; cookie: string; ip: string; county: { id: string; code: string } };

/** One staff member's next request, as their work would have it. */
function staffRequest(member: Staff, step: number, parentCity: string): unknown {
  if (member.kind === 'clerk') {
    if (step % 3 === 2) return { query: `{ regions(where: { code: { eq: "${member.county.code}" } }) { nodes { id version population } } }`, write: true };
    return step % 3 === 0
      ? { query: `{ deputies(where: { region: { code: { eq: "${member.county.code}" } } }, limit: 25) { totalCount nodes { id termNumber person { name mobile } region { name } } } }` }
      : { query: `{ persons(where: { region: { code: { eq: "${member.county.code}" } } }, limit: 25) { totalCount nodes { name idNumber } } }` };
  }
  if (member.kind === 'leader') {
    return step % 2 === 0
      ? {
          query: `query ($p: ID) { compareRegions(metrics: ["deputies", "stationEntryRate", "answerRate"], level: COUNTY, parentId: $p, years: [2024]) { rows { region { name } values } medians { values } } }`,
          variables: { p: parentCity },
        }
      : { query: `{ deputiesAggregate(where: { region: { code: { startsWith: "6208" } } }, groupBy: [{ field: level }, { field: status }]) { key { value label } count } }` };
  }
  return step % 2 === 0
    ? { query: `{ suggestions(where: { submittedOn: { gte: "2024-01-01", lt: "2025-01-01" } }, limit: 50) { totalCount nodes { number title status region { name } } } }` }
    : { query: `{ activitiesAggregate(groupBy: [{ field: kind }, { field: heldOn, part: YEAR }]) { key { value label } count sum { votersReceived } } }` };
}

/** Staff at work until `deadline`: a request, a pause to read it (0.5–1.5 s), and so on. */
async function work(staff: Staff[], deadline: number, parentCity: string): Promise<Sample[]> {
  const samples: Sample[] = [];
  await Promise.all(
    staff.map(async (member, index) => {
      const next = random(index + 1);
      for (let step = 0; performance.now() < deadline; step += 1) {
        const { write, ...body } = staffRequest(member, step, parentCity) as { write?: boolean; query: string };
        const answer = await post('/graphql', body, member.cookie, member.ip);
        samples.push({ kind: member.kind, ms: answer.ms, status: answer.status, code: answer.code });
        if (write && answer.json?.data?.regions?.nodes?.[0]) {
          const region = answer.json.data.regions.nodes[0];
          const saved = await post(
            '/graphql',
            { query: `mutation { updateRegion(id: "${region.id}", version: ${region.version}, input: { population: ${(region.population ?? 0) + 1} }) { version } }` },
            member.cookie,
            member.ip,
          );
          samples.push({ kind: member.kind, ms: saved.ms, status: saved.status, code: saved.code });
        }
        await new Promise((resolve) => setTimeout(resolve, 500 + next() * 1000));
      }
    }),
  );
  return samples;
}

/** The hostile user: each shape of issue 16 in turn, as fast as answers come, until `deadline`. */
async function attack(cookie: string, victim: string, deadline: number): Promise<Map<string, number>> {
  const outcomes = new Map<string, number>();
  const note = (shape: string, answer: { status: number; code?: string }) => {
    const key = `${shape}: ${answer.status}${answer.code ? ` ${answer.code}` : ''}`;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  };
  const ip = '10.66.6.6';
  const doubling = `query { ...F0 } ${Array.from({ length: 40 }, (_, index) => `fragment F${index} on Query { ...F${index + 1} ...F${index + 1} }`).join(' ')} fragment F40 on Query { __typename }`;
  const walk = '__schema { types { name fields { name type { name kind ofType { name kind ofType { name } } } } } }';
  const introspection = `{ ${Array.from({ length: 30 }, (_, index) => `a${index}: ${walk}`).join(' ')} }`;
  const searches = (count: number, offset = 0) => ({ OR: Array.from({ length: count }, (_, index) => ({ q: `王${index + offset}` })) });
  const persons = 'query ($w: PersonFilter) { persons(where: $w) { totalCount } }';
  // LOAD_SHAPES=1,4 sends only those shapes (to see which one costs staff what).
  const only = process.env.LOAD_SHAPES?.split(',').map(Number);
  const shape = (index: number) => !only || only.includes(index);
  for (let round = 0; performance.now() < deadline; round += 1) {
    if (shape(1)) note('doubling fragments', await post('/graphql', { query: doubling }, cookie, ip));
    if (shape(2)) note('30 introspections', await post('/graphql', { query: introspection }, cookie, ip));
    if (shape(3)) {
      note('20,000 searches', await post('/graphql', { query: persons, variables: { w: searches(20_000) } }, cookie, ip));
      for (let count = 60; count < 100 && performance.now() < deadline; count += 1) {
        note('distinct filter sizes', await post('/graphql', { query: persons, variables: { w: searches(count, round) } }, cookie, ip));
      }
    }
    if (shape(4)) {
      const burst = await Promise.all(Array.from({ length: 10 }, (_, index) => post('/graphql', { query: persons, variables: { w: searches(50, index) } }, cookie, ip)));
      for (const answer of burst) note('heavy searches ×10', answer);
    }
    if (shape(5)) {
      for (let index = 0; index < 200 && performance.now() < deadline; index += 1) {
        note('unknown cookies', await post('/graphql', { query: '{ __typename }' }, `crc_session=forged-${round}-${index}`, ip));
      }
    }
    if (shape(6)) {
      const guesses = await Promise.all(
        Array.from({ length: 100 }, (_, index) => post('/auth/sign-in', { username: victim, password: `guess-${round}-${index}` }, '', ip).catch(() => ({ status: 0, code: 'network' }))),
      );
      for (const answer of guesses) note('100 parallel guesses', answer);
    }
    if (!only?.length) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return outcomes;
}

function summary(samples: Sample[]): Map<Kind, { count: number; p50: number; p95: number; errors5xx: number; other: Map<string, number> }> {
  const result = new Map<Kind, { count: number; p50: number; p95: number; errors5xx: number; other: Map<string, number> }>();
  for (const kind of ['clerk', 'leader', 'analyst'] as const) {
    const mine = samples.filter((sample) => sample.kind === kind);
    const sorted = mine.map((sample) => sample.ms).sort((a, b) => a - b);
    const other = new Map<string, number>();
    for (const sample of mine) if (sample.code) other.set(sample.code, (other.get(sample.code) ?? 0) + 1);
    result.set(kind, { count: mine.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), errors5xx: mine.filter((sample) => sample.status >= 500).length, other });
  }
  return result;
}

let failed = false;
try {
  await ensureRolesAndDatabase(cluster.connectionOptions('postgres'), passwords);
  const ownerUrl = cluster.url({ user: ownerRoleName, password: passwords.owner }, databaseName);
  await migrate(ownerUrl);
  // The demo is loaded as the owner, as `npm start` loads it.
  const client = new pg.Client({ connectionString: ownerUrl });
  client.on('error', () => undefined);
  await client.connect();
  await loadDemo(client);
  const counties = (await client.query<{ id: string; code: string }>(`select id::text, code from region where level = 'COUNTY' and deleted_at is null order by code limit 20`)).rows;
  const parentCity = (await client.query<{ id: string }>(`select id::text from region where code = '620800'`)).rows[0].id;
  const users: { username: string; kind: Kind; county: { id: string; code: string } }[] = [];
  for (let index = 0; index < 20; index += 1) users.push({ username: `load_clerk_${index}`, kind: 'clerk', county: counties[index % counties.length] });
  for (let index = 0; index < 10; index += 1) users.push({ username: `load_leader_${index}`, kind: 'leader', county: counties[0] });
  for (let index = 0; index < 10; index += 1) users.push({ username: `load_analyst_${index}`, kind: 'analyst', county: counties[0] });
  for (const user of users)
    await createUserWith(client, {
      username: user.username,
      role: user.kind === 'clerk' ? 'CLERK' : user.kind === 'leader' ? 'LEADER' : 'ANALYST',
      regionCode: user.kind === 'clerk' ? user.county.code : null,
    });
  await createUserWith(client, { username: 'load_hostile', role: 'LEADER' });
  await client.end();

  server = spawnServer({
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    TRUST_PROXY: 'loopback',
    LOG_LEVEL: 'error',
    DEMO_DATA: 'off',
    DATABASE_URL: cluster.url({ user: appRoleName, password: passwords.app }, databaseName),
  });
  await server.waitUntilReady();
  const staff: Staff[] = [];
  for (const [index, user] of users.entries()) {
    const ip = `10.20.${Math.floor(index / 200)}.${(index % 200) + 1}`;
    staff.push({ kind: user.kind, cookie: await signIn(user.username, ip), ip, county: user.county });
  }
  const hostile = await signIn('load_hostile', '10.66.6.6');

  await work(staff, performance.now() + 10_000, parentCity); // warm-up: JIT, pools, caches, the metric facts
  const alone = await watchBackends(() => work(staff, performance.now() + seconds * 1000, parentCity));
  const attacked = await watchBackends(async () => {
    const deadline = performance.now() + seconds * 1000;
    const [samples, outcomes] = await Promise.all([work(staff, deadline, parentCity), attack(hostile, 'load_clerk_0', deadline)]);
    return { samples, outcomes };
  });

  const before = summary(alone.result);
  const after = summary(attacked.result.samples);
  const lines = [
    `test:load  40 staff for ${seconds} s alone, then ${seconds} s beside one hostile user, on ${os.cpus().length} cores`,
    '  kind      run       requests   p50 ms   p95 ms   5xx   other answers',
  ];
  for (const kind of ['clerk', 'leader', 'analyst'] as const) {
    for (const [run, figures] of [
      ['alone', before.get(kind)!],
      ['attacked', after.get(kind)!],
    ] as const) {
      const other = [...figures.other].map(([code, count]) => `${code} ${count}`).join(', ') || '—';
      lines.push(
        `  ${kind.padEnd(9)} ${run.padEnd(9)} ${String(figures.count).padStart(8)} ${figures.p50.toFixed(1).padStart(8)} ${figures.p95.toFixed(1).padStart(8)} ${String(figures.errors5xx).padStart(5)}   ${other}`,
      );
      if (figures.errors5xx > 0) failed = true;
    }
    if (after.get(kind)!.p95 > 2 * before.get(kind)!.p95) {
      lines.push(`  FAIL: ${kind} p95 ${after.get(kind)!.p95.toFixed(1)} ms is more than double ${before.get(kind)!.p95.toFixed(1)} ms`);
      failed = true;
    }
  }
  lines.push(`  largest PostgreSQL backend (private memory): alone ${(alone.maxKb / 1024).toFixed(1)} MiB, attacked ${(attacked.maxKb / 1024).toFixed(1)} MiB`);
  lines.push('  hostile user (shape: status code × count):');
  for (const [key, count] of [...attacked.result.outcomes].sort()) lines.push(`    ${key} × ${count}`);
  if (failed) lines.push('test:load FAILED: a staff request got a 5xx, or a p95 more than doubled under attack');
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (error) {
  process.stderr.write(`test:load failed: ${(error as Error).stack ?? String(error)}\n${server?.output().slice(-2000) ?? ''}\n`);
  failed = true;
} finally {
  await agent.close();
  server?.child.kill('SIGTERM');
  await server?.exited;
  await cluster.stop();
  await fs.rm(baseDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
