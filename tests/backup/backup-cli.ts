/** What the backup tests share: running a backup CLI as `npm run` does, and one audited write to find again after a restore. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type pg from 'pg';
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
