/**
 * `npm run bench:search:national`: latency of the text search `q` over HTTP on the national synthetic set that
 * `npm run bench:metrics` keeps under BENCH_DATA_DIR (.data/bench-national; it must exist: run bench:metrics once),
 * where `npm run bench:search` loads only a province. Persons and deputies (through their person) are searched by
 * full pinyin, pinyin initials, two Chinese characters of names drawn from the set (seeded) and the first one or two letters of their pinyin (broad), suggestions by two
 * Chinese characters of their titles; 25 rows and the total per request as the console asks them (no order: exact
 * matches first; the count up to 1,000, admin/src/config.ts searchCountCap), one request at a time after a warm-up; the search indexes' sizes and the
 * load average (the machine may be shared) are printed too.
 * A benchmark, not a test: `.ci/run` does not run it.
 *
 * Options (environment): BENCH_DATA_DIR, BENCH_REQUESTS (60 per list and kind of query), BENCH_COUNT_UP_TO (1000;
 * `exact`: the count of every match, as a client that asks no cap gets it), BENCH_REGION (unset: a super administrator
 * searches the country; `province`, `city` or `county`: an administrator bounded to the one of that level whose regions
 * hold the most seats; or a division code).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Agent, request } from 'undici';
import { projectRoot } from '../../server/config.js';
import { EmbeddedCluster, freePort } from '../../server/db/embedded-cluster.js';
import { migrate } from '../../server/db/migrate.js';
import { appRoleName, databaseName, ownerRoleName, rolePasswords } from '../../server/db/roles.js';
import { Random } from '../../seeds/random.js';
import { signIn, spawnServer, type ServerProcess } from '../support/server-process.js';
import { createUserWith, testPassword } from '../support/test-users.js';
import { percentile } from './latency.js';

const dataDir = path.resolve(projectRoot, process.env.BENCH_DATA_DIR ?? '.data/bench-national');
const requests = Number(process.env.BENCH_REQUESTS ?? 60);
const countUpTo = process.env.BENCH_COUNT_UP_TO === 'exact' ? null : Number(process.env.BENCH_COUNT_UP_TO ?? 1000);
const out = (line: string) => process.stdout.write(`${line}\n`);

/** The code of the region BENCH_REGION names (a level: the one of that level whose subtree holds the most seats), or null for none. */
async function benchRegion(owner: pg.Client, wanted: string | undefined): Promise<string | null> {
  if (!wanted) return null;
  const digits = { province: 2, city: 4, county: 6 }[wanted];
  if (!digits) return wanted;
  const { rows } = await owner.query<{ prefix: string }>(`select left(r.code, $1) as prefix from deputy d join region r on r.id = d.region_id group by 1 order by count(*) desc limit 1`, [digits]);
  return rows[0].prefix.padEnd(6, '0');
}

if (!fs.existsSync(path.join(dataDir, 'postgres-roles.json'))) throw new Error(`no national set under ${dataDir}: run npm run bench:metrics once first`);
const cluster = await EmbeddedCluster.start(dataDir);
let server: ServerProcess | undefined;
const passwords = await rolePasswords(path.join(dataDir, 'postgres-roles.json'));
const ownerUrl = cluster.url({ user: ownerRoleName, password: passwords.owner }, databaseName);
await migrate(ownerUrl);
const owner = new pg.Client({ connectionString: ownerUrl });
await owner.connect();
try {
  const { rows } = await owner.query(`select (select count(*) from person)::int as persons, (select count(*) from deputy)::int as deputies`);
  out(
    `bench:search:national  q over HTTP on ${rows[0].persons.toLocaleString('en')} persons and ${rows[0].deputies.toLocaleString('en')} deputies, ${requests} requests per row, one at a time, counted ${countUpTo === null ? 'exactly' : `up to ${countUpTo.toLocaleString('en')}`}`,
  );
  const indexes = await owner.query<{ name: string; size: string }>(
    `select c.relname as name, pg_size_pretty(pg_relation_size(c.oid)) as size from pg_class c
      where c.relkind = 'i' and (c.relname like 'person_search_%' or c.relname like 'deputy_search_%') order by pg_relation_size(c.oid) desc`,
  );
  out(`  search indexes: ${indexes.rows.map((index) => `${index.name} ${index.size}`).join(', ')}`);
  const regionCode = await benchRegion(owner, process.env.BENCH_REGION);
  out(`  searching as ${regionCode ? `an administrator bounded to ${regionCode}` : 'a super administrator'}`);
  // One user per bound (a user kept from an earlier run keeps its region: the name says which it is).
  const username = regionCode ? `bench-${regionCode}` : 'bench';
  const known = await owner.query<{ code: string | null }>(`select r.code from app_user u left join region r on r.id = u.region_id where u.username = $1`, [username]);
  if (known.rowCount === 0) await createUserWith(owner, { username, role: 'ADMIN', ...(regionCode ? { regionCode } : {}) });
  else if ((known.rows[0].code ?? null) !== regionCode) throw new Error(`user ${username} is bounded to ${known.rows[0].code}, not ${regionCode}`);
  const names = (await owner.query<{ name: string; forms: string }>(`select name, name_pinyin as forms from person where name_pinyin is not null order by id limit 20000`)).rows;
  const titles = (await owner.query<{ title: string }>(`select title from suggestion where title is not null order by id limit 20000`)).rows.map((row) => row.title);

  server = spawnServer({
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    RATE_LIMIT_PER_USER: '0',
    RATE_LIMIT_PER_IP: '0',
    LOG_LEVEL: 'warn',
    DATABASE_URL: cluster.url({ user: appRoleName, password: passwords.app }, databaseName),
  });
  await server.waitUntilReady(600_000);
  const url = server.url;
  const cookie = await signIn(url, username, testPassword);
  const dispatcher = new Agent({ connections: 1, headersTimeout: 0, bodyTimeout: 0 });
  const ask = async (list: string, fields: string, q: string) => {
    const started = performance.now();
    const body = JSON.stringify({
      query: `query($q: String!, $countUpTo: Int) { ${list}(where: { q: $q }, limit: 25, countUpTo: $countUpTo) { totalCount totalCountIsLowerBound nodes { ${fields} } } }`,
      variables: { q, countUpTo },
    });
    const response = await request(`${url}/graphql`, { method: 'POST', dispatcher, headers: { 'content-type': 'application/json', cookie }, body });
    const answer = (await response.body.json()) as { errors?: { extensions?: { limit?: string } }[] };
    // A request stopped by the statement timeout is a result (the slowest there is), not the end of the run.
    if (answer.errors?.every((error) => error.extensions?.limit === 'time')) return Number.POSITIVE_INFINITY;
    if (answer.errors) throw new Error(JSON.stringify(answer.errors).slice(0, 300));
    return performance.now() - started;
  };
  const random = new Random('bench-search-national');
  // A person's pinyin forms: the full reading first, then its initials (schema/shared/pinyin.ts).
  const kinds: [string, () => string][] = [
    ['full pinyin', () => random.pick(names).forms.split(' ')[0]],
    [
      'initials',
      () =>
        random
          .pick(names)
          .forms.split(' ')
          .find((form) => /^[a-z]{2,3}$/.test(form)) ?? 'zw',
    ],
    ['2 Chinese chars', () => random.pick(names).name.slice(0, 2)],
    // Broad: what a user types first (`w`, `li`), matching a large part of every list.
    ['1–2 letters', () => random.pick(names).forms.split(' ')[0].slice(0, random.int(1, 2))],
  ];
  const titlePiece = () => {
    const title = random.pick(titles);
    const start = random.int(0, Math.max(0, title.length - 2));
    return title.slice(start, start + 2);
  };
  const load = () =>
    os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' ');
  out(`  load average before: ${load()}`);
  out(`  ${'list'.padEnd(11)} ${'query'.padEnd(16)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'max'.padStart(9)}`);
  for (const [list, fields, listKinds] of [
    ['persons', 'id name', kinds],
    ['deputies', 'id person { name }', kinds],
    ['suggestions', 'id number title', titles.length ? ([['2 Chinese chars', titlePiece]] as [string, () => string][]) : []],
  ] as const) {
    for (const [kind, make] of listKinds) {
      for (let i = 0; i < 5; i++) await ask(list, fields, make());
      const latencies: number[] = [];
      let slowest = { q: '', ms: 0 };
      for (let i = 0; i < requests; i++) {
        const q = make();
        latencies.push(await ask(list, fields, q));
        if (latencies.at(-1)! > slowest.ms) slowest = { q, ms: latencies.at(-1)! };
      }
      latencies.sort((a, b) => a - b);
      const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'timeout').padStart(9);
      const timedOut = latencies.filter((value) => !Number.isFinite(value)).length;
      out(
        `  ${list.padEnd(11)} ${kind.padEnd(16)} ${ms(percentile(latencies, 50))} ${ms(percentile(latencies, 95))} ${ms(latencies.at(-1)!)}  (slowest: ${slowest.q})${timedOut ? `  (${timedOut} stopped by the statement timeout)` : ''}`,
      );
    }
  }
  out(`  load average after: ${load()}`);
} finally {
  if (server) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  await owner.end();
  await cluster.stop();
}
