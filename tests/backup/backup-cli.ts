/** What the backup tests share: running a backup CLI as `npm run` does, audited writes to find again after a restore, and a flow of them during `work`. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { actAsSystem } from '../../server/audit/bulk.js';
import { projectRoot } from '../../server/config.js';

/** Runs `server/backup/<script>` under tsx with `env` over the test's; resolves with its exit code and output. */
export function runBackupCli(script: string, args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'server/backup', script), ...args], { cwd: projectRoot, env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** One audited insert of a region in its own transaction, as the product writes. */
export async function insertRegion(client: pg.Client, code: string): Promise<void> {
  await client.query('begin');
  await actAsSystem(client, 'backup-test');
  await client.query(`insert into region (code, name, kind, level) values ($1, '备份测试', 'PROVINCE', 'PROVINCE')`, [code]);
  await client.query('commit');
}

/**
 * `work` (a backup) while audited writes flow on a connection of their own: from 300 ms before it to 300 ms after,
 * each write a region whose code counts up from 900000000; what `work` returned, and each commit with when it returned.
 */
export async function whileWriting<T>(ownerUrl: string, work: () => Promise<T>): Promise<{ result: T; committed: { code: string; at: number }[] }> {
  const writer = new pg.Client({ connectionString: ownerUrl });
  await writer.connect();
  const committed: { code: string; at: number }[] = [];
  let writing = true;
  const writes = (async () => {
    for (let n = 0; writing; n += 1) {
      const code = String(900_000_000 + n);
      await insertRegion(writer, code);
      committed.push({ code, at: Date.now() });
    }
  })();
  try {
    await sleep(300);
    const result = await work();
    await sleep(300);
    return { result, committed };
  } finally {
    writing = false;
    await writes;
    await writer.end();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
