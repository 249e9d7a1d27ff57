/**
 * `npm run bench:search`: latency of the text search `q` (persons, deputies, suggestions) over HTTP, against the
 * server running as its own process on the synthetic province set (91,000 deputies) in a throwaway PostgreSQL.
 * Queries are drawn from the loaded texts (seeded): whole names, pieces of names and workplaces and titles of
 * one, two and three or more characters, and Latin text; each request asks a console list's page (25 rows and
 * the total). One request at a time, after a warm-up, so each figure is a request's own latency.
 * A benchmark, not a test: `.ci/run` does not run it.
 *
 * Options (environment): BENCH_SCALE (province: 95 counties; or a number of counties), BENCH_REQUESTS (100 per
 * entity and query length).
 */
import 'reflect-metadata';
import os from 'node:os';
import { Writable } from 'node:stream';
import pg from 'pg';
import { Agent } from 'undici';
import { loadScale, scaleCounties } from '../../seeds/national/load-scale.js';
import { Random } from '../../seeds/random.js';
import { postGraphql, runBench } from './bench-cluster.js';
import { percentile } from './latency.js';

const scale = process.env.BENCH_SCALE ?? 'province';
const counties = scaleCounties(scale);
const requests = Number(process.env.BENCH_REQUESTS ?? 100);
const out = (line: string) => process.stdout.write(`${line}\n`);

/** The lists searched and the texts their queries are cut from. */
const lists = [
  { list: 'persons', fields: 'id name workplace', texts: 'select name as text from person union all select workplace from person' },
  { list: 'deputies', fields: 'id electoralDistrict person { name }', texts: 'select p.name from deputy d join person p on p.id = d.person_id' },
  { list: 'suggestions', fields: 'id number title', texts: 'select title from suggestion' },
] as const;
const lengths = ['1 char', '2 chars', '3+ chars', 'Latin'] as const;
const latin = ['a', 'li', 'Wang', 'ZHANG', 'abc', 'No.1'];

if (counties === undefined) throw new Error(`BENCH_SCALE takes province or a number of counties, not "${scale}"`);
await runBench('bench-search', async (bench) => {
  const owner = new pg.Client({ connectionString: bench.ownerUrl });
  owner.on('error', () => undefined);
  await owner.connect();
  const loaded = await loadScale(owner, { counties, output: new Writable({ write: (_chunk, _encoding, done) => done() }) });
  await bench.createBenchUser(owner);
  const random = new Random('bench-search');
  const queries = new Map<string, string[]>();
  for (const { list, texts } of lists) {
    const { rows } = await owner.query(`select text from (${texts}) texts(text) where text is not null order by md5(text), text limit 5000`);
    const pool = rows.map((row) => String(row.text));
    const cut = (min: number, max: number) => {
      const text = random.pick(pool.filter((candidate) => candidate.length >= min));
      const length = random.int(min, Math.min(max, text.length));
      const start = random.int(0, text.length - length);
      return text.slice(start, start + length);
    };
    queries.set(
      `${list} 1 char`,
      Array.from({ length: requests }, () => cut(1, 1)),
    );
    queries.set(
      `${list} 2 chars`,
      Array.from({ length: requests }, () => cut(2, 2)),
    );
    queries.set(
      `${list} 3+ chars`,
      Array.from({ length: requests }, () => cut(3, 6)),
    );
    queries.set(
      `${list} Latin`,
      Array.from({ length: requests }, () => random.pick(latin)),
    );
  }
  await owner.end();

  const server = await bench.startServer();
  const cookie = await bench.signInAsBench(server);
  const agent = new Agent({ connections: 1, pipelining: 1 });
  const once = async (list: string, fields: string, q: string) => {
    const body = JSON.stringify({ query: `query($q: String!) { ${list}(where: { q: $q }, limit: 25) { totalCount nodes { ${fields} } } }`, variables: { q } });
    const started = performance.now();
    const text = await postGraphql(agent, server.url, cookie, body);
    return { ms: performance.now() - started, total: (JSON.parse(text).data[list] as { totalCount: number }).totalCount };
  };

  out(
    `bench:search  ${counties} counties (${loaded.rows.person.toLocaleString('en')} persons, ${loaded.rows.deputy.toLocaleString('en')} deputies, ${loaded.rows.suggestion.toLocaleString('en')} suggestions), ${requests} requests per row, one at a time, on ${os.cpus().length} cores`,
  );
  out(`  ${'list'.padEnd(12)}${'query'.padEnd(10)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'max'.padStart(9)}   rows found (median)`);
  for (const { list, fields } of lists) {
    // Warm-up: the pools, the prepared statements, PostgreSQL's caches.
    for (const q of queries.get(`${list} 2 chars`)!.slice(0, 20)) await once(list, fields, q);
    const all: number[] = [];
    for (const length of lengths) {
      const runs = [];
      for (const q of queries.get(`${list} ${length}`)!) runs.push(await once(list, fields, q));
      const ms = runs.map((run) => run.ms).sort((a, b) => a - b);
      const found = runs.map((run) => run.total).sort((a, b) => a - b);
      all.push(...ms);
      out(
        `  ${list.padEnd(12)}${length.padEnd(10)}${ms.length ? `${percentile(ms, 50).toFixed(1).padStart(6)} ms${percentile(ms, 95).toFixed(1).padStart(6)} ms${ms[ms.length - 1].toFixed(1).padStart(6)} ms` : ''}   ${percentile(found, 50)}`,
      );
    }
    all.sort((a, b) => a - b);
    out(`  ${list.padEnd(12)}${'all'.padEnd(10)}${percentile(all, 50).toFixed(1).padStart(6)} ms${percentile(all, 95).toFixed(1).padStart(6)} ms${all[all.length - 1].toFixed(1).padStart(6)} ms`);
  }
  await agent.close();
});
