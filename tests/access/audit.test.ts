/**
 * The audit trail: an entry for every kind of mutation, written by the database in the writing transaction
 * (so plain SQL is recorded too), append-only for the application role, hash-chained and verified.
 */
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../../server/audit/verify.js';
import { actAsSession, actAsTest } from '../support/test-cluster.js';
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

  it('records each record of a bulk update and a bulk delete, in one transaction', async () => {
    const ids: { id: string; version: number }[] = [];
    for (const code of ['621000', '621100']) {
      ids.push((await env.server.gql(`mutation { createRegion(input: { code: "${code}", name: "市${code}", kind: CITY, parentId: "${provinceId}" }) { id version } }`)).data.createRegion);
    }
    const updated = await env.server.gql(`mutation ($items: [VersionedId!]!) { updateRegions(items: $items, input: { population: 5 }) { id version } }`, { items: ids });
    await env.server.gql(`mutation ($items: [VersionedId!]!) { deleteRegions(items: $items, reason: "合并") }`, { items: updated.data.updateRegions });
    for (const { id } of ids) {
      const entries = await entriesOf('Region', id);
      expect(entries.map((entry) => entry.operation)).toEqual(['CREATE', 'UPDATE', 'DELETE']);
      expect(entries[1].changes).toEqual({ population: { before: null, after: 5 } });
      expect(entries[2].changes.deletedReason).toEqual({ before: null, after: '合并' });
    }
    const [first, second] = await Promise.all(ids.map(({ id }) => entriesOf('Region', id)));
    expect(first[1].request_id).toBe(second[1].request_id);
  });

  it('records a write that bypasses the API as the user of the live session it names, and refuses a forged or missing one', async () => {
    const admin = await env.server.as('ADMIN');
    const token = decodeURIComponent(admin.cookie.slice(admin.cookie.indexOf('=') + 1));
    const client = await appClient();
    const attempt = async (settings: Record<string, string>) => {
      await client.query('begin');
      try {
        for (const [name, value] of Object.entries(settings)) await client.query(`select set_config($1, $2, true)`, [name, value]);
        await client.query(`update region set population = population + 1 where id = $1`, [provinceId]);
        await client.query('commit');
        return 'written';
      } catch (error) {
        await client.query('rollback');
        return (error as { code?: string }).code;
      }
    };
    try {
      expect(await attempt({})).toBe('CA001');
      // The application role names a user: not believed (issue 17, case 4), whoever it names.
      expect(await attempt({ 'crc.actor': JSON.stringify({ id: '1', name: 'test_admin', role: 'ADMIN' }) })).toBe('CA001');
      expect(await attempt({ 'crc.session': 'a-token-of-no-live-session' })).toBe('CA003');
      // A note in someone's name, without their live session: refused the same way.
      await client.query(`select set_config('crc.actor', $1, false)`, [JSON.stringify({ name: 'test_leader' })]);
      await expect(client.query(`select crc_audit_note('Person', 'READ_PERSONAL', '{}')`)).rejects.toMatchObject({ code: 'CA001' });
      await client.query(`select set_config('crc.actor', '', false)`);
      expect(await attempt({ 'crc.session': token, 'crc.request': 'plain-sql' })).toBe('written');
    } finally {
      await client.end();
    }
    const last = (await entriesOf('Region', provinceId)).at(-1)!;
    expect(last).toMatchObject({ actor_name: 'test_admin', actor_role: 'ADMIN', request_id: 'plain-sql', operation: 'UPDATE' });
    // The owner (seeds, loads, the command line) names a system actor itself.
    const owner = new pg.Client({ connectionString: env.database.ownerUrl });
    await owner.connect();
    try {
      await actAsTest(owner);
      await owner.query(`update region set population = 2 where id = $1`, [provinceId]);
    } finally {
      await owner.end();
    }
    expect((await entriesOf('Region', provinceId)).at(-1)).toMatchObject({ actor_name: 'system:test', changes: { population: { after: 2 } } });
  });

  it('records into the real trail a write whose session shadows the audit tables with temporary ones', async () => {
    const admin = await env.server.as('ADMIN');
    const client = await appClient();
    try {
      await actAsSession(client, admin.cookie);
      await client.query('begin');
      // Owner functions search pg_temp last: these are never taken for the trail and its head.
      for (const table of ['audit_head', 'audit_entry']) await client.query(`create temp table ${table} (like public.${table} including defaults) on commit drop`);
      await client.query(`insert into pg_temp.audit_head select * from public.audit_head`);
      await client.query(`update region set population = 424242 where id = $1`, [provinceId]);
      await client.query('commit');
    } finally {
      await client.end();
    }
    expect((await entriesOf('Region', provinceId)).at(-1)).toMatchObject({ actor_name: 'test_admin', changes: { population: { after: 424242 } } });
  });

  it('is append-only for the application role, which is neither superuser nor owner', async () => {
    const client = await appClient();
    try {
      const { rows } = await client.query(
        `select rolsuper, (select count(*)::int from pg_class where relowner = (select oid from pg_roles where rolname = current_user)) as owned from pg_roles where rolname = current_user`,
      );
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

  it('shows a record’s history to those who may read it, and lets an administrator revert it (itself recorded)', async () => {
    const created = await env.server.gql(`mutation { createRegion(input: { code: "620900", name: "酒泉市", kind: CITY, parentId: "${provinceId}", population: 1000 }) { id } }`);
    const { id } = created.data.createRegion;
    await env.server.gql(`mutation { updateRegion(id: "${id}", version: 1, input: { name: "酒泉", population: 2000 }) { version } }`);
    const history = (await env.server.gql(`{ recordHistory(entity: "Region", id: "${id}") { id operation actorName changes } }`)).data.recordHistory;
    expect(history.map((entry: { operation: string }) => entry.operation)).toEqual(['CREATE', 'UPDATE']);
    const leader = await env.server.as('LEADER');
    expect((await leader(`{ recordHistory(entity: "Region", id: "${id}") { operation } }`)).data.recordHistory).toHaveLength(2);
    const refused = await leader(`mutation { revertRecord(entity: "Region", id: "${id}", version: 2, entryId: "${history[0].id}") { version } }`);
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');

    const reverted = await env.server.gql(`mutation { revertRecord(entity: "Region", id: "${id}", version: 2, entryId: "${history[0].id}") { version } }`);
    expect(reverted.data.revertRecord.version).toBe(3);
    const now = (await env.server.gql(`{ region(id: "${id}") { name population } }`)).data.region;
    expect(now).toEqual({ name: '酒泉市', population: 1000 });
    const after = (await env.server.gql(`{ recordHistory(entity: "Region", id: "${id}") { operation changes } }`)).data.recordHistory.at(-1);
    expect(after).toEqual({ operation: 'REVERT', changes: { name: { before: '酒泉', after: '酒泉市' }, population: { before: 2000, after: 1000 } } });
  });

  it('masks personal identifiers in the history for roles that read them masked, and records unmasked reads', async () => {
    const person = await env.server.gql(`mutation { createPerson(input: { name: "李明", idNumber: "11010519491231002X", mobile: "13800138000" }) { id } }`);
    const { id } = person.data.createPerson;
    const analyst = await env.server.as('ANALYST');
    const masked = (await analyst(`{ recordHistory(entity: "Person", id: "${id}") { changes } }`)).data.recordHistory[0].changes;
    expect(masked.idNumber).toEqual({ before: null, after: '110105********002X' });
    expect(masked.mobile).toEqual({ before: null, after: '138****8000' });
    expect(masked.name.after).toBe('李明');

    await env.server.gql(`{ persons(where: { id: { eq: "${id}" } }) { nodes { name idNumber } } }`);
    await analyst(`{ persons(where: { id: { eq: "${id}" } }) { nodes { name idNumber } } }`);
    await env.server.gql(`{ persons(where: { id: { eq: "${id}" } }) { nodes { name } } }`);
    const reads = (await env.server.gql(`{ auditEntries(where: { operation: "READ_PERSONAL" }) { nodes { actorName entity changes } } }`)).data.auditEntries.nodes;
    // One unmasked read of an identifier: the administrator's; the analyst's was masked, the last read no identifier.
    expect(reads).toEqual([{ actorName: 'test_admin', entity: 'Person', changes: { fields: ['idNumber'], ids: [id], count: 1 } }]);

    // A record's history read unmasked is a read like any other; the audit log, an overview, masks them for everyone.
    // (An administrator of a province the person has nothing to do with does not find it at all.)
    const elsewhere = await env.server.as('ADMIN', '620000');
    expect((await elsewhere(`{ recordHistory(entity: "Person", id: "${id}") { operation } }`)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    const history = (await env.server.gql(`{ recordHistory(entity: "Person", id: "${id}") { changes } }`)).data.recordHistory[0].changes;
    expect(history.idNumber.after).toBe('11010519491231002X');
    const afterHistory = (await env.server.gql(`{ auditEntries(where: { operation: "READ_PERSONAL" }) { nodes { changes } } }`)).data.auditEntries.nodes;
    expect({ ...afterHistory[0].changes, fields: afterHistory[0].changes.fields.sort() }).toEqual({ fields: ['birthDate', 'idNumber', 'mobile'], ids: [id], count: 1 });
    const logged = (await env.server.gql(`{ auditEntries(where: { entity: "Person", recordId: "${id}", operation: "CREATE" }) { nodes { changes } } }`)).data.auditEntries.nodes[0].changes;
    expect(logged.idNumber).toEqual({ before: null, after: '110105********002X' });
    expect(logged.birthDate).toEqual({ before: null, after: null });
    expect(logged.name.after).toBe('李明');
    const unchanged = (await env.server.gql(`{ auditEntries(where: { operation: "READ_PERSONAL" }) { totalCount } }`)).data.auditEntries.totalCount;
    expect(unchanged).toBe(afterHistory.length);
  });

  it('records an unmasked read under any alias of a page’s rows, each alias answered as it asked', async () => {
    const { id } = (await env.server.gql(`mutation { createPerson(input: { name: "王芳", mobile: "13900139000" }) { id } }`)).data.createPerson;
    const before = (await env.server.gql(`{ auditEntries(where: { operation: "READ_PERSONAL" }) { totalCount } }`)).data.auditEntries.totalCount;
    const answer = await env.server.gql(`{ persons(where: { id: { eq: "${id}" } }) { nodes { name } more: nodes { mobile } } }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.persons).toEqual({ nodes: [{ name: '王芳' }], more: [{ mobile: '13900139000' }] });
    const reads = (await env.server.gql(`{ auditEntries(where: { operation: "READ_PERSONAL" }) { totalCount nodes { entity changes } } }`)).data.auditEntries;
    expect(reads.totalCount).toBe(before + 1);
    expect(reads.nodes[0]).toEqual({ entity: 'Person', changes: { fields: ['mobile'], ids: [id], count: 1 } });
  });

  it('gives administrators the audit log, filtered by who, entity and time; a scoped one sees their region’s users', async () => {
    const log = async (gql: typeof env.server.gql, where: string) => await gql(`{ auditEntries(where: ${where}, limit: 100) { totalCount nodes { actorName entity operation at } } }`);
    const byAdmin = await log(env.server.gql, `{ actorName: "test_admin", entity: "Region" }`);
    expect(byAdmin.data.auditEntries.totalCount).toBeGreaterThan(4);
    expect(byAdmin.data.auditEntries.nodes.every((entry: { actorName: string; entity: string }) => entry.actorName === 'test_admin' && entry.entity === 'Region')).toBe(true);
    const future = await log(env.server.gql, `{ from: "2999-01-01T00:00:00Z" }`);
    expect(future.data.auditEntries.totalCount).toBe(0);
    expect((await log(await env.server.as('CLERK', '620000'), '{}')).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const scoped = await log(await env.server.as('ADMIN', '620000'), '{}');
    expect(scoped.data.auditEntries.nodes.every((entry: { actorName: string }) => entry.actorName.startsWith('test_') && entry.actorName.endsWith('620000'))).toBe(true);
  });

  it('passes verification, and verification finds the first tampered entry', async () => {
    const client = await env.database.superClient();
    try {
      const intact = await verifyAuditTrail(client, 3);
      expect(intact, JSON.stringify(intact)).toMatchObject({ ok: true });
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
