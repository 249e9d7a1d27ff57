/**
 * `npm run bench:peer`: our API beside a peer, PostGraphile 5 (Amber preset), over the same database — the
 * synthetic province set in a throwaway PostgreSQL — on pairs of equivalent requests (tests/bench/peer/pairs.ts).
 * Both answers of a pair must hold the same number of leaf values, or the pair is refused; then, after a
 * warm-up, the two servers' runs alternate, and each pair's req/s per round, p50, p99 and ratio are printed.
 * The peer is installed with its own Node 22 into .data/bench-peer on the first run (peer/peer-process.ts).
 * A benchmark, not a test: `.ci/run` does not run it.
 *
 * Options (environment): BENCH_SECONDS (5), BENCH_ROUNDS (3), BENCH_CONCURRENCY (8), BENCH_WARMUP (3),
 * BENCH_SCALE (province: 95 counties; or a number of counties), BENCH_PEER_DIR (.data/bench-peer).
 */
import 'reflect-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { Agent, request } from 'undici';
import { projectRoot } from '../../server/config.js';
import { freePort } from '../../server/db/embedded-cluster.js';
import { appRoleName, databaseName, ownerRoleName } from '../../server/db/roles.js';
import { loadScale, scaleCounties } from '../../seeds/national/load-scale.js';
import { gql, productionNodeArgs } from '../support/server-process.js';
import { cpuMeasured, cpuMs, cpuMsBetween, parentOf } from './peer/cpu.js';
import { drive, summarise, type Run, type Target } from './peer/load.js';
import { leafValues, noFairPeer, pairs } from './peer/pairs.js';
import { preparePeerData } from './peer/peer-data.js';
import { installPeer, startPeer } from './peer/peer-process.js';
import { runBench } from './bench-cluster.js';

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const seconds = setting('BENCH_SECONDS', 5);
const rounds = setting('BENCH_ROUNDS', 3);
const connections = setting('BENCH_CONCURRENCY', 8);
const warmUp = setting('BENCH_WARMUP', 3);
const scale = process.env.BENCH_SCALE ?? 'province';
const counties = scaleCounties(scale);
const peerDir = path.resolve(projectRoot, process.env.BENCH_PEER_DIR ?? '.data/bench-peer');
const poolMax = 10; // the peer's pool, as large as our server's main pool
const out = (line: string) => process.stdout.write(`${line}\n`);
const version = async (name: string) => JSON.parse(await fs.readFile(path.join(projectRoot, 'node_modules', name, 'package.json'), 'utf8')).version as string;
const fixed = (value: number, width: number, digits = 1) => value.toFixed(digits).padStart(width);

if (counties === undefined) throw new Error(`BENCH_SCALE takes province or a number of counties, not "${scale}"`);
const install = await installPeer(peerDir, out);
await runBench('bench-peer', async (bench) => {
  const owner = new pg.Client({ connectionString: bench.ownerUrl });
  owner.on('error', () => undefined);
  await owner.connect();
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  const loaded = await loadScale(owner, { counties, output: quiet });
  const data = await preparePeerData(owner);
  await bench.createBenchUser(owner);
  await owner.end();
  const superuser = new pg.Client(bench.cluster.connectionOptions(databaseName));
  await superuser.connect();
  // Vacuumed now, or autovacuum does it (the load's inserts set it off) a minute or two in, in the middle of
  // whichever pair runs then; then the load's writes flushed before anything is measured.
  await superuser.query('vacuum (analyze)');
  await superuser.query('checkpoint');
  // The postmaster, whose children (the backends) spend the database's CPU time.
  const postmaster = parentOf((await superuser.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid);
  await superuser.end();

  const server = await bench.startServer();
  const cookie = await bench.signInAsBench(server);
  // The metric facts are built in the background after a start on new data: a comparison waits for them, so none is being built while we measure.
  const metric = (await gql(server.url, '{ metricCatalog { key } }', cookie)).data.metricCatalog[0].key;
  const facts = await gql(server.url, `{ compareRegions(level: COUNTY, metrics: ["${metric}"]) { metrics } }`, cookie);
  if (facts.errors) throw new Error(`compareRegions: ${JSON.stringify(facts.errors).slice(0, 300)}`);
  const peer = await startPeer(install, { databaseUrl: bench.ownerUrl, port: await freePort(), poolMax });
  bench.onFailure(() => peer.output());
  bench.onStop(async () => {
    peer.child.kill('SIGTERM');
    await peer.exited;
  });

  const peerNode = /on Node (v[\d.]+)/.exec(peer.output())?.[1] ?? install.versions.nodeBinary;
  out(
    `bench:peer  our API and PostGraphile 5 over the same database, ${connections} connections, ${rounds} alternating rounds of ${seconds} s per server and pair ` +
      `(after ${warmUp} s of warm-up each), on ${os.cpus().length} cores; load average ${os.loadavg()[0].toFixed(2)} before it (other work on the machine skews the figures)`,
  );
  out(
    `  data: synthetic set of ${loaded.counties} counties: ${loaded.totalRows.toLocaleString('en-US')} rows, ${loaded.databaseSize}, loaded in ${loaded.seconds.toFixed(1)} s; ` +
      `${data.deputies.toLocaleString('en-US')} deputies, with one person added holding 10 seats`,
  );
  out(
    `  ours: Apollo Server ${await version('@apollo/server')}, type-graphql ${await version('type-graphql')}, MikroORM ${await version('@mikro-orm/core')}, graphql ${await version('graphql')} ` +
      `on Node ${process.version} (${productionNodeArgs.join(' ')}); signed in as ADMIN (super administrator: every row, nothing masked), its session checked on each request; ` +
      `connects as ${appRoleName} (pool 10)`,
  );
  out(
    `  peer: PostGraphile ${install.versions.postgraphile} (Amber preset; grafast ${install.versions.grafast}, grafserv ${install.versions.grafserv} on node:http), graphql ${install.versions.graphql} ` +
      `on Node ${peerNode}; no authentication; connects as ${ownerRoleName}, the tables' owner (pool ${poolMax})`,
  );
  out(`  indexes added for the peer (it exposes a relation or condition only over a non-partial index; ours are partial, WHERE deleted_at IS NULL): ${data.indexes.join(', ')}`);
  out(`  no row is soft-deleted, so the peer, which knows nothing of deleted_at, reads the same rows`);

  const agent = new Agent({ connections, pipelining: 1 });
  const ask = async (target: Target) => {
    const response = await request(target.url, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', ...target.headers }, body: target.body });
    const answer = (await response.body.json()) as { data?: unknown; errors?: unknown[] };
    if (response.statusCode !== 200 || answer.errors) throw new Error(`${target.url}: ${response.statusCode} ${JSON.stringify(answer).slice(0, 500)}`);
    return leafValues(answer.data);
  };
  const refused: string[] = [];
  for (const [index, pair] of pairs({ personId: data.personId, regionId: data.region.id }).entries()) {
    const ours: Target = { url: `${server.url}/graphql`, headers: { cookie }, body: JSON.stringify(pair.ours) };
    const theirs: Target = { url: `${peer.url}/graphql`, headers: {}, body: JSON.stringify(pair.peer) };
    out(`\n${index + 1}. ${pair.name}`);
    const [ourLeaves, peerLeaves] = [await ask(ours), await ask(theirs)];
    if (ourLeaves.length !== peerLeaves.length) {
      out(`   refused: the answers differ in leaf values (ours ${ourLeaves.length}, peer ${peerLeaves.length}); not measured`);
      refused.push(pair.name);
      continue;
    }
    const same = JSON.stringify([...ourLeaves].sort()) === JSON.stringify([...peerLeaves].sort());
    out(`   ${ourLeaves.length} leaf value${ourLeaves.length === 1 ? '' : 's'} on each side, ${same ? 'the same values' : 'not all the same values'}`);
    await drive(agent, ours, warmUp, connections);
    await drive(agent, theirs, warmUp, connections);
    const runs: { ours: Run[]; peer: Run[] } = { ours: [], peer: [] };
    // CPU milliseconds of each side's server and of the database while that side runs.
    const cpu = { ours: { server: 0, database: 0 }, peer: { server: 0, database: 0 } };
    const measured = async (side: 'ours' | 'peer', pid: number | undefined, target: Target) => {
      const reading = () => ({ server: pid ? cpuMs(pid) : new Map<number, number>(), database: postmaster ? cpuMs(postmaster, true) : new Map<number, number>() });
      const before = reading();
      const run = await drive(agent, target, seconds, connections);
      const after = reading();
      cpu[side].server += cpuMsBetween(before.server, after.server);
      cpu[side].database += cpuMsBetween(before.database, after.database);
      runs[side].push(run);
    };
    for (let round = 0; round < rounds; round++) {
      await measured('ours', server.child.pid, ours);
      await measured('peer', peer.child.pid, theirs);
    }
    const [a, b] = [summarise(runs.ours), summarise(runs.peer)];
    const ratios = a.perSecond.map((perSecond, round) => perSecond / b.perSecond[round]);
    const label = (text: string) => `   ${text.padEnd(10)}`;
    out(`${label('req/s')}${a.perSecond.map((_, round) => `round ${round + 1}`.padStart(9)).join('')}        p50        p99`);
    for (const [side, summary] of [
      ['ours', a],
      ['peer', b],
    ] as const) {
      out(`${label(side)}${summary.perSecond.map((perSecond) => fixed(perSecond, 9)).join('')}  ${fixed(summary.p50, 6)} ms  ${fixed(summary.p99, 6)} ms`);
    }
    out(`${label('ours/peer')}${ratios.map((ratio) => fixed(ratio, 9, 2)).join('')}  (range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`);
    if (cpuMeasured) {
      // What a request costs in CPU, the server's and the database's: other work on the machine moves req/s far more than this.
      const perRequest = (side: 'ours' | 'peer') => {
        const requests = runs[side].reduce((sum, run) => sum + run.requests, 0);
        return { server: (cpu[side].server * 1000) / requests, database: (cpu[side].database * 1000) / requests };
      };
      const [mine, theirs] = [perRequest('ours'), perRequest('peer')];
      const said = (each: { server: number; database: number }) => `${fixed(each.server + each.database, 5, 0)} µs (server ${fixed(each.server, 0, 0)} + database ${fixed(each.database, 0, 0)})`;
      out(`${label('CPU/req')}ours ${said(mine)}, peer ${said(theirs)}; peer/ours ${((theirs.server + theirs.database) / (mine.server + mine.database)).toFixed(2)}`);
    }
  }
  out('');
  for (const note of noFairPeer) out(`not paired: ${note}`);
  out(`(in data: the person with 10 seats is #${data.personId}; the county is ${data.region.name} ${data.region.code}, #${data.region.id}, with ${data.region.deputies} deputies)`);
  if (refused.length) {
    out(`refused (answers not equivalent): ${refused.join('; ')}`);
    process.exitCode = 1;
  }
  await agent.close();
});
