import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadPool } from '../../server/db/read-pool.js';
import { sql } from '../../server/sql/sql.js';
import { createTestDatabase, type TestDatabase } from '../support/test-cluster.js';

describe('the heavy reads’ pool (low priority)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('lowers a connection’s backend before the pool hands it out, with no statement of its own beside the first read', async () => {
    const pool = new ReadPool(database.appUrl, { max: 1, lowPriority: true, name: 'crc-heavy-test' });
    try {
      const client = await pool.pool.connect();
      try {
        const pid = (client as typeof client & { processID: number }).processID;
        // Lowered already when the client is handed out: the first heavy read never runs at full priority…
        expect(os.getPriority(pid)).toBe(19);
        // …and nothing else runs on the connection meanwhile (a query at connect ran beside the caller's first one).
        expect((client as typeof client & { activeQuery: unknown }).activeQuery ?? null).toBeNull();
        const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
        expect(rows[0].pid).toBe(pid);
      } finally {
        client.release();
      }
    } finally {
      await pool.close();
    }
  });

  // A search's candidates at 4 MB turned lossy nationally (`q: "gj"`: 3.8 s, each row of a lossy page rechecked).
  it('gives every pool’s reads the memory that keeps a search’s bitmap exact, and the heavy pool no parallel workers', async () => {
    for (const lowPriority of [false, true]) {
      const pool = new ReadPool(database.appUrl, { max: 1, lowPriority, name: 'crc-settings-test' });
      try {
        const [settings] = await pool.rows<{ workMem: string; workers: string }>(sql`select current_setting('work_mem') as "workMem", current_setting('max_parallel_workers_per_gather') as workers`);
        expect(settings.workMem).toBe('16MB');
        if (lowPriority) expect(settings.workers).toBe('0');
        else expect(settings.workers).not.toBe('0');
      } finally {
        await pool.close();
      }
    }
  });

  it('leaves an ordinary pool’s backends at normal priority', async () => {
    const pool = new ReadPool(database.appUrl, { max: 1, name: 'crc-read-test' });
    try {
      const [{ pid }] = await pool.rows<{ pid: number }>(sql`select pg_backend_pid() as pid`);
      expect(os.getPriority(pid)).toBe(0);
    } finally {
      await pool.close();
    }
  });
});
