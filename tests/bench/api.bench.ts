/**
 * `npm run bench:api`: throughput and latency of the 4-level nested list (deputies → memberships →
 * group → region, and assignments → station → region, with person and region) over HTTP, against the
 * server running as its own process on a generated data set in a throwaway PostgreSQL.
 *
 * Options (environment): BENCH_DEPUTIES (10000), BENCH_LIMIT (25), BENCH_CONCURRENCY (8), BENCH_SECONDS (20);
 * BENCH_QUERY=flat: a flat list instead (BENCH_LIMIT deputies × 4 columns), the small request whose fixed costs
 * dominate; BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=…" profiles the server.
 */
import 'reflect-metadata';
import os from 'node:os';
import pg from 'pg';
import { Agent } from 'undici';
import { databaseName } from '../../server/db/roles.js';
import { nestedQuery, seedNestedData } from '../support/nested-data.js';
import { postGraphql, runBench } from './bench-cluster.js';
import { percentile } from './latency.js';

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const deputies = setting('BENCH_DEPUTIES', 10_000);
const limit = setting('BENCH_LIMIT', 25);
const concurrency = setting('BENCH_CONCURRENCY', 8);
const seconds = setting('BENCH_SECONDS', 20);

await runBench('bench-api', async (bench) => {
  const client = new pg.Client(bench.cluster.connectionOptions(databaseName));
  client.on('error', () => undefined);
  await client.connect();
  const seeded = Date.now();
  await seedNestedData(client, { deputies, regions: 100 });
  await bench.createBenchUser(client);
  await client.end();
  process.stdout.write(`data: ${deputies} deputies, ${deputies * 2} memberships, ${deputies * 2} assignments (${Date.now() - seeded} ms)\n`);

  const server = await bench.startServer();
  const url = server.url;
  const cookie = await bench.signInAsBench(server);

  const agent = new Agent({ connections: concurrency, pipelining: 1 });
  const flat = process.env.BENCH_QUERY === 'flat';
  const query = flat ? 'query Flat($limit: Int!) { deputies(limit: $limit, orderBy: [{ field: id }]) { nodes { id level termNumber electoralDistrict } } }' : nestedQuery;
  const body = JSON.stringify({ query, variables: { limit } });
  const once = async () => {
    const started = performance.now();
    await postGraphql(agent, url, cookie, body);
    return performance.now() - started;
  };
  const run = async (durationMs: number) => {
    const latencies: number[] = [];
    const deadline = performance.now() + durationMs;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) latencies.push(await once());
      }),
    );
    return latencies;
  };
  await run(3_000); // warm-up: JIT, pools, PostgreSQL caches
  const started = performance.now();
  const latencies = await run(seconds * 1000);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  process.stdout.write(
    `bench:api  ${flat ? 'flat list (4 columns)' : '4-level nested list'}, limit ${limit}, concurrency ${concurrency}, ${seconds}s on ${os.cpus().length} cores\n` +
      `  requests  ${latencies.length}\n  req/s     ${(latencies.length / elapsed).toFixed(1)}\n` +
      `  p50       ${percentile(latencies, 50).toFixed(1)} ms\n  p99       ${percentile(latencies, 99).toFixed(1)} ms\n`,
  );
  await agent.close();
});
