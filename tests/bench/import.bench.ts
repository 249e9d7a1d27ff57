/**
 * `npm run bench:import`: a deputies' roster (人员 with ID numbers, mobiles, regions, 学历) of BENCH_ROWS rows
 * (100,000) as xlsx, through POST /import/Person — a dry run, then the commit of the valid rows — and the
 * same persons out again through /export as xlsx, against the server running as its own process on a
 * throwaway PostgreSQL with Gansu's divisions loaded; the server's resident memory is sampled throughout.
 * A benchmark, not a test: it reports, it asserts only that the rows came through.
 */
import 'reflect-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { idNumberCheckCharacter } from '../../schema/shared/validators.js';
import { databaseName } from '../../server/db/roles.js';
import { nationalDivisions } from '../../seeds/divisions/division-tree.js';
import { loadDivisions } from '../../seeds/divisions/load-divisions.js';
import { runBench } from './bench-cluster.js';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);

/** A valid, unique ID number for row `index`: born on one of 27,000 days from 1950, sequence 100–999. */
function idNumber(index: number): string {
  const born = new Date(Date.UTC(1950, 0, 1) + Math.floor(index / 900) * 86_400_000);
  const first17 = `620822${born.toISOString().slice(0, 10).replaceAll('-', '')}${String(100 + (index % 900))}`;
  return first17 + idNumberCheckCharacter(first17);
}

async function roster(counties: string[]): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: true });
  const sheet = workbook.addWorksheet('人员');
  sheet.addRow(['姓名*', '公民身份号码', '手机号码', '登记区划', '学历', '工作单位及职务']).commit();
  const education = ['大学本科', '硕士研究生', '大专', '高中（中专）'];
  for (let index = 0; index < rows; index++) {
    sheet.addRow([`代表${index}`, idNumber(index), `139${String(index).padStart(8, '0')}`, counties[index % counties.length], education[index % 4], `第${index % 97}单位`]).commit();
  }
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

/** The peak resident memory of process `pid` while `work` runs (sampled every 100 ms from /proc). */
async function peakMemory<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; seconds: number; peakMiB: number }> {
  let peak = 0;
  const sample = async () => {
    const status = await fs.readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    peak = Math.max(peak, kb / 1024);
  };
  const timer = setInterval(() => void sample(), 100);
  const started = performance.now();
  try {
    const result = await work();
    await sample();
    return { result, seconds: (performance.now() - started) / 1000, peakMiB: peak };
  } finally {
    clearInterval(timer);
  }
}

// BENCH_STATEMENTS=1: the cluster records its statements (pg_stat_statements) and the report ends with the costliest;
// during the export, the plans of statements over 100 ms (auto_explain) go to its log, and the report shows the first.
const statements = process.env.BENCH_STATEMENTS === '1';
const instrumented = [
  `alter system set shared_preload_libraries = 'pg_stat_statements', 'auto_explain'`,
  `alter system set auto_explain.log_min_duration = -1`,
  `alter system set auto_explain.log_analyze = on`,
  `alter system set pg_stat_statements.track = 'all'`,
];
await runBench(
  'bench-import',
  async (bench) => {
    const client = new pg.Client(bench.cluster.connectionOptions(databaseName));
    client.on('error', () => undefined);
    await client.connect();
    if (statements) await client.query('create extension if not exists pg_stat_statements');
    const gansu = nationalDivisions().filter((division) => division.code.startsWith('62'));
    await loadDivisions(client, gansu, '2026-01-01');
    await bench.createBenchUser(client);
    await client.end();
    const counties = gansu.filter((division) => division.code.length === 6 && !division.code.endsWith('00')).map((division) => division.code);

    const server = await bench.startServer({ IMPORT_MAX_BYTES: String(200 * 1024 * 1024), IMPORT_MAX_ROWS: String(Math.max(rows, 100_000)) });
    const cookie = await bench.signInAsBench(server);
    const file = await roster(counties);
    const pid = server.child.pid!;
    const idleMiB = Number(/VmRSS:\s+(\d+)/.exec(await fs.readFile(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    const send = async (mode: string, expected: 'created' | 'unchanged' = 'created') => {
      const response = await fetch(`${server.url}/import/Person?mode=${mode}${expected === 'unchanged' ? '&upsert=1' : ''}`, {
        method: 'POST',
        headers: { cookie, 'x-filename': 'roster.xlsx' },
        body: file,
      });
      const report = (await response.json()) as { created: number; unchanged: number; refused: number; issues: unknown[] };
      if (report[expected] !== rows) throw new Error(`${mode}: ${JSON.stringify(report).slice(0, 500)}`);
      return report;
    };
    const dryRun = await peakMemory(pid, () => send('dry-run'));
    const commit = await peakMemory(pid, () => send('valid-only'));
    // The same roster again, as a secretariat re-imports its updated spreadsheet: every row found by its ID number.
    const upsert = await peakMemory(pid, () => send('dry-run', 'unchanged'));
    if (statements) {
      const admin = new pg.Client(bench.cluster.connectionOptions('postgres'));
      await admin.connect();
      await admin.query(`alter system set auto_explain.log_min_duration = 100`);
      await admin.query('select pg_reload_conf()');
      await admin.end();
    }
    const exported = await peakMemory(pid, async () => {
      const response = await fetch(`${server.url}/export`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ query: '{ persons { nodes { name gender birthDate idNumber mobile region { name } education workplace } } }', format: 'xlsx' }),
      });
      return (await response.arrayBuffer()).byteLength;
    });
    let costliest = '';
    if (statements) {
      const reader = new pg.Client(bench.cluster.connectionOptions(databaseName));
      await reader.connect();
      const { rows: top } = await reader.query(
        `select calls, round(total_exec_time)::int as ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query from pg_stat_statements order by total_exec_time desc limit 25`,
      );
      await reader.end();
      costliest = `  costliest statements (calls, ms, text):\n${top.map((row) => `    ${String(row.calls).padStart(8)} ${String(row.ms).padStart(8)}  ${row.query}`).join('\n')}\n`;
      const log = await fs.readFile(path.join(bench.baseDir, 'postgres.log'), 'utf8').catch(() => '');
      const plan = /duration: [\d.]+ ms\s+plan:[\s\S]*?(?=\n\S*\d{4}-\d{2}-\d{2} |$)/.exec(log)?.[0];
      if (plan) costliest += `  first export statement over 100 ms (auto_explain):\n${plan.slice(0, 6000)}\n`;
    }
    process.stdout.write(
      `bench:import  ${rows.toLocaleString('en-US')}-row roster (${(file.length / 1_048_576).toFixed(1)} MiB xlsx) on ${os.cpus().length} cores; server RSS when idle ${idleMiB.toFixed(0)} MiB\n` +
        `  dry run        ${dryRun.seconds.toFixed(1)} s   server peak RSS ${dryRun.peakMiB.toFixed(0)} MiB\n` +
        `  commit         ${commit.seconds.toFixed(1)} s   server peak RSS ${commit.peakMiB.toFixed(0)} MiB\n` +
        `  upsert dry run ${upsert.seconds.toFixed(1)} s   server peak RSS ${upsert.peakMiB.toFixed(0)} MiB   (the same rows again, each found by its ID number)\n` +
        `  xlsx export    ${exported.seconds.toFixed(1)} s   server peak RSS ${exported.peakMiB.toFixed(0)} MiB   (${(exported.result / 1_048_576).toFixed(1)} MiB)\n` +
        costliest,
    );
  },
  { systemSettings: statements ? instrumented : [] },
);
