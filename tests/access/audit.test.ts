/**
 * The audit trail: an entry for every kind of mutation, written by the database in the writing transaction
 * (so plain SQL is recorded too), append-only for the application role, hash-chained and verified.
 */
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../../server/audit/verify.js';
import { actAsTest } from '../support/test-cluster.js';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();
let provinceId: string;

type Entry = { actor_name: string; actor_role: string | null; request_id: string | null; operation: string; changes: Record<string, { before: unknown; after: unknown }> };

async function entriesOf(entity: string, recordId: string): Promise<Entry[]> {
  const client = await env.database.superClient();
  try {
    const { rows } = await client.query<Entry>(`select actor_name, actor_role, request_id, operation, changes from audit_entry where entity = $1 and record_id = $2 order by id`, [entity, recordId]);
    return rows;
  } finally {
    await client.end();
  }
}

async function appClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: env.database.appUrl });
  await client.connect();
  return client;
}

beforeAll(async () => {
  provinceId = (await env.server.gql(`mutation { createRegion(input: { code: "620000", name: "甘肃省", kind: PROVINCE }) { id } }`)).data.createRegion.id;
});

describe('the audit trail', () => {
  it('records create, update, delete and restore with who, the request, and each changed field before and after', async () => {
    const created = await env.server.gql(`mutation { createRegion(input: { code: "620800", name: "平凉市", kind: CITY, parentId: "${provinceId}", population: 1800000 }) { id version } }`);
    const { id } = created.data.createRegion;
    const updated = await env.server.gql(`mutation { updateRegion(id: "${id}", version: 1, input: { population: 1850000 }) { version } }`);
    const deleted = await env.server.gql(`mutation { deleteRegion(id: "${id}", version: ${updated.data.updateRegion.version}, reason: "测试") { version } }`);
    await env.server.gql(`mutation { restoreRegion(id: "${id}", version: ${deleted.data.deleteRegion.version}) { version } }`);
    const entries = await entriesOf('Region', id);
    expect(entries.map((entry) => entry.operation)).toEqual(['CREATE', 'UPDATE', 'DELETE', 'RESTORE']);
    expect(entries.every((entry) => entry.actor_name === 'test_admin' && entry.actor_role === 'ADMIN' && /^[0-9a-f-]{36}$/.test(entry.request_id ?? ''))).toBe(true);
    expect(entries[0].changes).toMatchObject({ name: { before: null, after: '平凉市' }, population: { before: null, after: 1800000 }, parent: { before: null, after: Number(provinceId) } });
    expect(entries[1].changes).toEqual({ population: { before: 1800000, after: 1850000 } });
    expect(entries[2].changes.deletedReason).toEqual({ before: null, after: '测试' });
    expect(entries[3].changes.deletedAt.after).toBeNull();
  });

  it('records a write that bypasses the API, and refuses a write that names no actor', async () => {
    const client = await appClient();
    try {
      await expect(client.query(`update region set population = 1 where id = $1`, [provinceId])).rejects.toThrow(/without an actor/);
      await actAsTest(client);
      await client.query(`update region set population = 2 where id = $1`, [provinceId]);
    } finally {
      await client.end();
    }
    const last = (await entriesOf('Region', provinceId)).at(-1)!;
    expect(last).toMatchObject({ actor_name: 'system:test', operation: 'UPDATE', changes: { population: { before: null, after: 2 } } });
  });

  it('is append-only for the application role, which is neither superuser nor owner', async () => {
    const client = await appClient();
    try {
      const { rows } = await client.query(`select rolsuper, (select count(*)::int from pg_class where relowner = (select oid from pg_roles where rolname = current_user)) as owned from pg_roles where rolname = current_user`);
      expect(rows[0]).toEqual({ rolsuper: false, owned: 0 });
      for (const statement of ['update audit_entry set actor_name = $$x$$', 'delete from audit_entry', 'truncate audit_entry', `insert into audit_entry select * from audit_entry limit 1`]) {
        await expect(client.query(statement), statement).rejects.toThrow(/permission denied/);
      }
      await actAsTest(client);
      await expect(client.query(`select crc_audit_append('{"name":"forger"}', 'Region', '1', 'UPDATE', '{}')`)).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
  });

  it('passes verification, and verification finds the first tampered entry', async () => {
    const client = await env.database.superClient();
    try {
      const intact = await verifyAuditTrail(client, 3);
      expect(intact.ok).toBe(true);
      expect(intact.entries).toBeGreaterThan(5);
      const { rows } = await client.query(`select id::text from audit_entry order by id offset 2 limit 1`);
      await client.query(`update audit_entry set changes = '{"population": {"before": 1, "after": 2}}' where id = $1`, [rows[0].id]);
      expect(await verifyAuditTrail(client, 3)).toMatchObject({ ok: false, brokenAt: rows[0].id });
      await client.query(`delete from audit_entry where id = $1`, [rows[0].id]);
      const removed = await verifyAuditTrail(client, 3);
      expect(removed.ok).toBe(false);
      expect(Number((removed as { brokenAt: string }).brokenAt)).toBeGreaterThan(Number(rows[0].id));
    } finally {
      await client.end();
    }
  });
});
