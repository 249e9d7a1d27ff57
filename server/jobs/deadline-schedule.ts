/**
 * Runs the deadline scan (deadline-scan.ts) in the server process: every `checkMinutes` it asks whether today
 * (in China) has reached `hour` and is not yet scanned, so a server started late, or down at the hour, still
 * scans that day, and several processes share each day's one scan. The clock is injectable for tests.
 */
import pg from 'pg';
import { hourInChina } from '../../schema/shared/validators.js';
import { scanDeadlines } from './deadline-scan.js';
import { every } from './periodic.js';

export type DeadlineScheduleSettings = { hour: number; checkMinutes: number };

/** Starts the checks on an owner connection pool of its own; returns the stop (awaiting a scan under way). */
export function startDeadlineScans(ownerUrl: string, settings: DeadlineScheduleSettings, report: (message: string) => void, clock: () => Date = () => new Date()): () => Promise<void> {
  if (settings.checkMinutes <= 0) return async () => undefined;
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 1, application_name: 'crc-deadline-scan', idleTimeoutMillis: 10_000 });
  pool.on('error', () => undefined);
  const stopChecks = every(
    settings.checkMinutes,
    async () => {
      const now = clock();
      if (hourInChina(now) < settings.hour) return;
      const client = await pool.connect();
      try {
        const result = await scanDeadlines(client, now);
        if (result.scanned) report(`deadline scan of ${result.day}: ${result.dueSoon} due soon, ${result.overdue} overdue`);
      } finally {
        client.release();
      }
    },
    (error) => report(`deadline scan failed: ${error.message}`),
  );
  return async () => {
    await stopChecks();
    await pool.end();
  };
}
