/**
 * `npm run bench:metrics`: `compareRegions` at national scale over HTTP, with no response cache — every
 * county (~2,850) × every metric for one year; the same while a full rebuild of the facts runs (they must
 * not wait for it); and how long a write takes to show in a comparison.
 *
 * The national synthetic set (seeds/national) is generated on the first run into an embedded PostgreSQL
 * kept under BENCH_DATA_DIR (.data/bench-national; about 8 GB, a few minutes) and reused afterwards. The
 * server runs as its own process against it.
 *
 * Options (environment): BENCH_DATA_DIR, BENCH_CALLS (100), BENCH_YEAR (2025), BENCH_WRITES (10);
 * BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=…" profiles the server.
 */
import 'reflect-metadata';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { Agent, request } from 'undici';
import { projectRoot } from '../../server/config.js';
import { EmbeddedCluster, freePort } from '../../server/db/embedded-cluster.js';
import { migrate } from '../../server/db/migrate.js';
import { appRoleName, databaseName, ensureRolesAndDatabase, ownerRoleName, rolePasswords } from '../../server/db/roles.js';
import { loadScale, scaleCounties } from '../../seeds/national/load-scale.js';
import { signIn, spawnServer, type ServerProcess } from '../support/server-process.js';
import { createUserWith, testPassword } from '../support/test-users.js';
import { percentile } from './latency.js';
import { metricCatalog } from '../../server/metrics/catalog.js';
import { catalogSignature } from '../../server/metrics/refresher.js';

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const calls = setting('BENCH_CALLS', 100);
const year = setting('BENCH_YEAR', 2025);
const writes = setting('BENCH_WRITES', 10);
const dataDir = path.resolve(projectRoot, process.env.BENCH_DATA_DIR ?? '.data/bench-national');

const ms = (value: number) => `${value.toFixed(1)} ms`;
const out = (line: string) => process.stdout.write(`${line}\n`);

await fs.mkdir(dataDir, { recursive: true });
const cluster = await EmbeddedCluster.start(dataDir);
let server: ServerProcess | undefined;
try {
  const passwords = await rolePasswords(path.join(dataDir, 'postgres-roles.json'));
  await ensureRolesAndDatabase(cluster.connectionOptions('postgres'), passwords);
  await migrate(cluster.url({ user: ownerRoleName, password: passwords.owner }, databaseName));
  const owner = new pg.Client({ connectionString: cluster.url({ user: ownerRoleName, password: passwords.owner }, databaseName) });
  owner.on('error', () => undefined);
  await owner.connect();
  const { rows } = await owner.query(`select count(*)::int as counties from region where level = 'COUNTY' and code like '9%'`);
  if (rows[0].counties === 0) {
    out(`loading the national synthetic data set into ${path.relative(projectRoot, dataDir)} (first run only) …`);
    await loadScale(owner, { counties: scaleCounties('national')!, output: process.stdout });
  } else out(`national data set present: ${rows[0].counties} counties`);
  await createUserWith(owner, { username: 'bench', role: 'ADMIN' });

  server = spawnServer(
    {
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_USER: '0',
      RATE_LIMIT_PER_IP: '0',
      DATABASE_URL: cluster.url({ user: appRoleName, password: passwords.app }, databaseName),
    },
    { nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) },
  );
  await server.waitUntilReady(120_000);
  const url = server.url;
  const cookie = await signIn(url, 'bench', testPassword);

  // A comparison from the records nationally takes long: no header timeout.
  const dispatcher = new Agent({ connections: 4, headersTimeout: 0, bodyTimeout: 0 });
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await request(`${url}/graphql`, { method: 'POST', dispatcher, headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query, variables }) });
    const body = (await response.body.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
    return body.data;
  };

  const catalog = (await gql(`{ metricCatalog { key } }`)).metricCatalog.map((metric: { key: string }) => metric.key);
  const nationalQuery = `query($metrics: [String!]!, $years: [Int!]) {
    compareRegions(metrics: $metrics, level: COUNTY, years: $years) { metrics rows { region { id name code } year values } medians { year values } parents { region { id name } values } } }`;

  // The server builds the facts in the background at start (or after a load); until then comparisons read the records.
  // Facts of another catalog (an upgrade changed it) count as not built: the server rebuilds them and until then
  // answers from the records.
  const signature = catalogSignature(metricCatalog);
  const builtAt = async () => (await owner.query(`select built_at from metric_state where signature = $1`, [signature])).rows[0]?.built_at?.getTime() as number | undefined;
  const awaitBuild = async (after: number | undefined) => {
    const started = performance.now();
    for (;;) {
      const built = await builtAt();
      const pending = (await owner.query(`select count(*)::int as n from metric_dirty where region_id is null`)).rows[0].n;
      if (built !== undefined && built !== after && pending === 0) return performance.now() - started;
      const failed = /metric facts rebuild failed[^\n]*/.exec(server!.output());
      if (failed) throw new Error(failed[0]);
      if (performance.now() - started > 15 * 60_000) throw new Error('the facts were not built within 15 minutes');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const comparison = () => gql(nationalQuery, { metrics: catalog, years: [year] });
  const timeComparisons = async (count: number, until?: () => boolean) => {
    const latencies: number[] = [];
    for (let i = 0; i < count && !until?.(); i++) {
      const started = performance.now();
      await comparison();
      latencies.push(performance.now() - started);
    }
    return latencies.sort((a, b) => a - b);
  };
  const summary = (latencies: number[]) => `p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, max ${ms(latencies.at(-1)!)} (${latencies.length} calls)`;

  if ((await owner.query(`select count(*)::int as n from metric_state`)).rows[0].n === 0 || !/metric facts/.test(server.output())) {
    // Starts the build if the server has not. Facts of another catalog are never read, so until they are built this
    // one is answered from the records, which nationally may run past the statement limit: that answer is not timed.
    await comparison().catch((error: Error) => out(`first comparison before the facts: ${error.message.slice(0, 120)}`));
  }
  const waited = await awaitBuild(undefined);
  out(`facts ready after ${ms(waited)} of waiting (${/metric facts rebuilt in \d+ ms/.exec(server.output())?.[0] ?? 'built before this run'})`);
  const first = await comparison();
  const bytes = JSON.stringify(first).length;
  out(`answer: ${first.compareRegions.rows.length} counties × ${catalog.length} metrics, ${first.compareRegions.parents.length} parents, ${(bytes / 1024).toFixed(0)} KiB`);

  const latencies = await timeComparisons(calls);
  out(`compareRegions, all counties × all metrics, ${year}, sequential calls: ${summary(latencies)}`);

  // A full rebuild (here: the region tree marked changed, as moving a township does) while comparisons go on:
  // they read the previous facts until the new ones are swapped in.
  const before = await builtAt();
  const rebuildLine = /metric facts rebuilt in \d+ ms[^\n]*/g;
  const rebuildsLogged = () => [...server!.output().matchAll(rebuildLine)].map((match) => match[0]);
  const loggedBefore = rebuildsLogged().length;
  await owner.query(`insert into metric_dirty (region_id) values (null)`);
  const rebuildStarted = performance.now();
  let rebuilt = false;
  const during = awaitBuild(before).then((ms) => {
    rebuilt = true;
    return ms;
  });
  const whileRebuilding = await timeComparisons(Number.MAX_SAFE_INTEGER, () => rebuilt);
  const rebuildMs = await during;
  out(`full rebuild while comparing: done in ${ms(rebuildMs)} (${ms(performance.now() - rebuildStarted)} to the first comparison after it); comparisons meanwhile: ${summary(whileRebuilding)}`);
  // The server logs the build (with its phases) just after it commits, which the wait above may see first.
  for (const until = performance.now() + 10_000; rebuildsLogged().length === loggedBefore && performance.now() < until;) await new Promise((resolve) => setTimeout(resolve, 100));
  out(`  server: ${rebuildsLogged().slice(loggedBefore).join('; ') || 'no rebuild logged'}`);

  // Write to fresh: a voter reception recorded through the API, then comparisons until it shows.
  const county = first.compareRegions.rows[Math.floor(first.compareRegions.rows.length / 2)].region;
  const one = `query($ids: [ID!]) { compareRegions(metrics: ["votersReceived"], level: COUNTY, regionIds: $ids, years: [${year}]) { rows { values } } }`;
  const fresh: number[] = [];
  for (let i = 0; i < writes; i++) {
    const before = (await gql(one, { ids: [county.id] })).compareRegions.rows[0].values[0];
    const started = performance.now();
    await gql(`mutation($input: ActivityCreateInput!) { createActivity(input: $input) { id } }`, {
      input: { kind: 'VOTER_RECEPTION', title: '基准测试接待日', heldOn: `${year}-06-01`, regionId: county.id, votersReceived: 3 },
    });
    for (;;) {
      const now = (await gql(one, { ids: [county.id] })).compareRegions.rows[0].values[0];
      if (now === before + 3) break;
    }
    fresh.push(performance.now() - started);
  }
  fresh.sort((a, b) => a - b);
  out(`write to fresh (create an activity, then compare until it shows), ${writes} writes in ${county.name}: p50 ${ms(percentile(fresh, 50))}, max ${ms(fresh.at(-1)!)}`);
  await owner.end();
} finally {
  server?.child.kill('SIGTERM');
  await server?.exited;
  await cluster.stop();
}
