/**
 * The server's daily backup of its embedded database: every `checkMinutes` it asks whether today (in China) has
 * reached `hour` and has no backup yet (one taken by hand counts), so a server started late, or down at the hour,
 * still backs up that day. Several processes on one database take one backup: the one holding an advisory lock
 * backs up, after looking again. Failures are reported loudly and retried at the next check. Stopping aborts a
 * backup under way (its partial directory is removed; nothing half written remains). The clock is injectable
 * for tests.
 */
import pg from 'pg';
import type { Config } from '../config.js';
import { hourInChina, todayInChina } from '../../schema/shared/validators.js';
import { every } from '../jobs/periodic.js';
import { backupEmbeddedDatabase, type EmbeddedBackupOutcome } from './backup-embedded.js';
import { listBackups } from './retention.js';

export type BackupReport = { info: (message: string) => void; error: (message: string) => void };

/** Advisory lock key: of several server processes on one database, one backs up at a time. */
const backupLock = 7402813;

/** Whether a backup started on `at`'s day in China exists under BACKUP_DIR. */
async function backedUpOn(config: Config, at: Date): Promise<boolean> {
  return (await listBackups(config.backup.dir)).some((backup) => todayInChina(backup.at) === todayInChina(at));
}

/** Starts the checks on an owner connection of its own (for the lock); returns the stop. */
export function startBackupSchedule(config: Config, ownerUrl: string, report: BackupReport, clock: () => Date = () => new Date()): () => Promise<void> {
  const { hour, checkMinutes } = config.backup;
  if (checkMinutes <= 0) return async () => undefined;
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 1, application_name: 'crc-backup-schedule', idleTimeoutMillis: 10_000 });
  pool.on('error', () => undefined);
  const abort = new AbortController();

  const check = async (): Promise<EmbeddedBackupOutcome | undefined> => {
    const now = clock();
    if (hourInChina(now) < hour || (await backedUpOn(config, now))) return undefined;
    const client = await pool.connect();
    try {
      const { locked } = (await client.query<{ locked: boolean }>(`select pg_try_advisory_lock($1) as locked`, [backupLock])).rows[0];
      if (!locked) return undefined;
      try {
        if (await backedUpOn(config, now)) return undefined; // another process finished today's while we waited
        return await backupEmbeddedDatabase(config, { now, signal: abort.signal });
      } finally {
        await client.query(`select pg_advisory_unlock($1)`, [backupLock]);
      }
    } finally {
      client.release();
    }
  };
  // A long backup outlasts the interval: `every` queues no second check behind it.
  const stopChecks = every(
    checkMinutes,
    async () => {
      const outcome = await check();
      if (outcome) report.info(`daily backup written: ${outcome.dir} in ${outcome.seconds.toFixed(1)} s; kept ${outcome.retention.kept.length}, removed ${outcome.retention.removed.length}`);
    },
    (error) => {
      if (!abort.signal.aborted) report.error(`DAILY BACKUP FAILED (retried in ${checkMinutes} min) / 每日备份失败: ${error.message}`);
    },
  );
  return async () => {
    abort.abort();
    await stopChecks();
    await pool.end();
  };
}
