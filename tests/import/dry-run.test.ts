/**
 * A dry run holds no other writer, and can never be committed (server/db/dry-run.ts): while a large dry run
 * checks its rows, another user's save goes through at once (it would wait on the audit chain's head and the
 * row counts otherwise); the dry run leaves no audit entry; and the application role, which sets the dry-run
 * setting itself, cannot use it to write unaudited — whatever it does with the setting, such a transaction
 * does not commit, on every audited table.
 */
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditedTables } from '../../server/audit/triggers.js';
import { actAsSession } from '../support/test-cluster.js';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();

async function appClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: env.database.appUrl });
  await client.connect();
  return client;
}

const roster = (count: number, prefix: string) => ['姓名,登记区划', ...Array.from({ length: count }, (_, index) => `${prefix}${index},620822`)].join('\r\n');

let lingtai: string;
beforeAll(async () => {
  const create = async (code: string, name: string, kind: string, parentId?: string) =>
    (await env.server.gql(`mutation ($input: RegionCreateInput!) { createRegion(input: $input) { id } }`, { input: { code, name, kind, parentId } })).data.createRegion.id as string;
  const gansu = await create('620000', '甘肃省', 'PROVINCE');
  const pingliang = await create('620800', '平凉市', 'CITY', gansu);
  lingtai = await create('620822', '灵台县', 'COUNTY', pingliang);
});

describe('a dry run', () => {
  it('lets other users save while it runs, and leaves no audit entry', async () => {
    const admin = await env.server.as('ADMIN');
    const response = await fetch(`${env.server.url}/import/Person?mode=dry-run&async=1`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-filename': 'roster.csv' },
      body: roster(40_000, '预检'),
    });
    const job = (await response.json()) as { id: string };
    const state = async () => (await (await fetch(`${env.server.url}/import/jobs/${job.id}`, { headers: { cookie: admin.cookie } })).json()) as { state: string; done: number };
    // Once it has written (tried) a chunk, its transaction has rows in the person table and the trail.
    await expect.poll(async () => (await state()).done, { timeout: 20_000, interval: 20 }).toBeGreaterThan(0);
    const clerk = await env.server.as('CLERK', '620822');
    const saved = await clerk(`mutation ($input: PersonCreateInput!) { createPerson(input: $input) { id } }`, { input: { name: '同时保存', regionId: lingtai } });
    expect(saved.errors).toBeUndefined();
    // Saved while the dry run was still running: it did not wait for it.
    expect((await state()).state).toBe('running');
    await expect.poll(async () => (await state()).state, { timeout: 60_000, interval: 200 }).toBe('done');
    const client = await env.database.superClient();
    try {
      const { rows } = await client.query(`select count(*)::int as entries from audit_entry where request_id = $1`, [job.id]);
      expect(rows[0].entries).toBe(0);
      const { rows: live } = await client.query(
        `select (select live from row_count where table_name = 'person')::int as counted, (select count(*)::int from person where deleted_at is null) as actual`,
      );
      expect(live[0].counted).toBe(live[0].actual);
    } finally {
      await client.end();
    }
  });

  it('cannot be committed by the application role, whatever it does with the setting, on any audited table', async () => {
    const admin = await env.server.as('ADMIN');
    const outcomes: Record<string, string> = {};
    for (const { table } of auditedTables()) {
      for (const flipBack of [false, true]) {
        const client = await appClient();
        try {
          await actAsSession(client, admin.cookie);
          await client.query('begin');
          await client.query(`select set_config('crc.dry_run', 'on', true)`);
          // The cheapest write the table takes: a row updated to itself (still a write, with its triggers).
          const key = table === 'setting' ? 'key' : 'id';
          const written = await client.query(`update "${table}" set ${key} = ${key} where ${key} in (select ${key} from "${table}" limit 1)`).then(
            (result) => result.rowCount ?? 0,
            (error: { code?: string }) => `write refused ${error.code}`,
          );
          if (flipBack && typeof written === 'number') await client.query(`select set_config('crc.dry_run', 'off', true)`);
          const outcome =
            typeof written === 'string'
              ? written
              : await client.query('commit').then(
                  () => (written === 0 ? 'nothing written' : 'committed'),
                  (error: { code?: string }) => error.code ?? 'error',
                );
          outcomes[`${table}${flipBack ? ' (set off again)' : ''}`] = outcome;
        } finally {
          await client.query('rollback').catch(() => undefined);
          await client.end();
        }
      }
    }
    // Tables with a row refuse the commit (CA004); an empty table wrote nothing to refuse; none committed.
    for (const [table, outcome] of Object.entries(outcomes)) expect(outcome, table).toMatch(/^(CA004|nothing written|write refused 42501)$/);
    expect(Object.values(outcomes).filter((outcome) => outcome === 'CA004').length).toBeGreaterThanOrEqual(4);
  });
});
