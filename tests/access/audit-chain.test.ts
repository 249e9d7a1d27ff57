/**
 * The audit chain cannot fork (issue 17, case 3): appends are serialised on the chain's head row, so at
 * every isolation level a transaction that appends after another one committed either chains to it (READ
 * COMMITTED) or fails to serialise (REPEATABLE READ, SERIALIZABLE) — never links to a stale head. And the
 * verifier lists every broken link, not only the first; and the anchors kept outside the database find a
 * rewrite whose every hash was recomputed.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../../server/audit/verify.js';
import { checkAnchors, writeAnchor } from '../../server/audit/anchors.js';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();

/** Writers behind the API's back: the owner names its actor (the application role could only name a live session). */
async function ownerClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: env.database.ownerUrl });
  await client.connect();
  return client;
}

const actor = (name: string) => JSON.stringify({ name: `system:${name}` });

async function verify() {
  const client = await env.database.superClient();
  try {
    return await verifyAuditTrail(client);
  } finally {
    await client.end();
  }
}

describe('the audit chain', () => {
  it('records every row of a many-row insert, update and delete, one entry each, chained in order (one append per statement)', async () => {
    const client = await ownerClient();
    const codes = ['980001', '980002', '980003'];
    try {
      await client.query('begin');
      await client.query(`select set_config('crc.actor', $1, true)`, [actor('rows')]);
      await client.query(`insert into region (code, name, kind, level) select c, '多行' || c, 'PROVINCE', 'PROVINCE' from unnest($1::text[]) c`, [codes]);
      await client.query(`update region set population = 7 where code = any($1)`, [codes]);
      await client.query(`delete from region where code = any($1)`, [codes]);
      await client.query('commit');
      const { rows } = await client.query<{ operation: string; record_id: string; changes: Record<string, { before: unknown; after: unknown }>; id: string; prev_id: string }>(
        `select a.operation, a.record_id, a.changes, a.id::text, a.prev_id::text from audit_entry a where a.actor_name = 'system:rows' order by a.id`,
      );
      expect(rows.map((row) => row.operation)).toEqual(['CREATE', 'CREATE', 'CREATE', 'UPDATE', 'UPDATE', 'UPDATE', 'PURGE', 'PURGE', 'PURGE']);
      expect(new Set(rows.slice(0, 3).map((row) => row.record_id))).toEqual(new Set(rows.slice(6).map((row) => row.record_id)));
      expect(
        rows
          .slice(0, 3)
          .map((row) => row.changes.code.after)
          .sort(),
      ).toEqual(codes);
      expect(rows.slice(3, 6).every((row) => row.changes.population.after === 7 && Object.keys(row.changes).length === 1)).toBe(true);
      expect(rows.slice(6).every((row) => row.changes.name.after === null && String(row.changes.name.before).startsWith('多行'))).toBe(true);
      // Each entry follows the one before it: no other writer came between, and the chain holds.
      rows.slice(1).forEach((row, index) => expect(row.prev_id).toBe(rows[index].id));
      expect((await verify()).ok).toBe(true);
    } finally {
      await client.end();
    }
  });

  it.each(['read committed', 'repeatable read', 'serializable'])('does not fork when a %s transaction appends after another committed', async (level) => {
    const [slow, fast] = [await ownerClient(), await ownerClient()];
    const code = (suffix: number) => `99${String(suffix).padStart(4, '0')}`;
    const suffix = ['read committed', 'repeatable read', 'serializable'].indexOf(level) * 10;
    try {
      await slow.query(`begin isolation level ${level}`);
      await slow.query(`select set_config('crc.actor', $1, true)`, [actor('slow')]);
      await slow.query(`select count(*) from region`); // the snapshot is taken here
      await fast.query('begin');
      await fast.query(`select set_config('crc.actor', $1, true)`, [actor('fast')]);
      await fast.query(`insert into region (code, name, kind, level) values ($1, '快', 'PROVINCE', 'PROVINCE')`, [code(suffix + 1)]);
      await fast.query('commit');
      const late = await slow.query(`insert into region (code, name, kind, level) values ($1, '慢', 'PROVINCE', 'PROVINCE')`, [code(suffix + 2)]).then(
        () => slow.query('commit').then(() => 'committed'),
        (error: { code?: string }) => error.code,
      );
      await slow.query('rollback').catch(() => undefined);
      expect(late).toBe(level === 'read committed' ? 'committed' : '40001');
      const outcome = await verify();
      expect(outcome.breaks).toEqual([]);
      expect(outcome.ok).toBe(true);
    } finally {
      await slow.end();
      await fast.end();
    }
  });

  it('is verified link by link: every broken link is listed, a later tampering too', async () => {
    const admin = env.server.gql;
    for (let index = 0; index < 6; index += 1) await admin(`mutation { createRegion(input: { code: "98${index}000", name: "区${index}", kind: PROVINCE }) { id } }`);
    const client = await env.database.superClient();
    try {
      const { rows } = await client.query<{ id: string }>(`select id::text from audit_entry order by id desc limit 6`);
      const [late, , , early] = rows.map((row) => row.id);
      const original = await client.query<{ id: string; changes: unknown }>(`select id::text, changes from audit_entry where id in ($1, $2)`, [early, late]);
      await client.query(`update audit_entry set changes = '{"name": {"before": null, "after": "改"}}' where id in ($1, $2)`, [early, late]);
      const outcome = await verifyAuditTrail(client);
      expect(outcome.ok).toBe(false);
      expect(outcome.breaks.map((link) => link.id)).toEqual([early, late]);
      expect(outcome.brokenAt).toBe(early);
      // Put back, so the trail holds for whatever runs after.
      for (const row of original.rows) await client.query(`update audit_entry set changes = $2 where id = $1`, [row.id, JSON.stringify(row.changes)]);
      expect((await verifyAuditTrail(client)).ok).toBe(true);
    } finally {
      await client.end();
    }
  });
});

describe('the anchors outside the database', () => {
  it('find a rewrite whose every hash was recomputed, which the chain alone no longer shows', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'crc-anchor-'));
    const settings = { logPath: path.join(dir, 'anchors.log'), keyPath: path.join(dir, 'anchor.key') };
    const client = await env.database.superClient();
    try {
      await env.server.gql(`mutation { createRegion(input: { code: "970000", name: "锚前", kind: PROVINCE }) { id } }`);
      const first = await writeAnchor(client, settings);
      expect((await fs.stat(settings.keyPath)).mode & 0o777).toBe(0o600);
      await env.server.gql(`mutation { createRegion(input: { code: "960000", name: "锚后", kind: PROVINCE }) { id } }`);
      await writeAnchor(client, settings);
      expect(await checkAnchors(client, settings)).toEqual({ anchors: 2, problems: [] });

      // The owner (or a superuser) alters an entry before the first anchor and recomputes every later hash.
      const { rows } = await client.query<{ id: string }>(`select id::text from audit_entry where id <= $1 order by id desc limit 1 offset 1`, [first.lastId]);
      await client.query(`update audit_entry set changes = '{"name": {"before": null, "after": "伪造"}}' where id = $1`, [rows[0].id]);
      await client.query(`
        do $$ declare r record; prev text; begin
          select hash into prev from audit_entry where id < ${rows[0].id} order by id desc limit 1;
          for r in select * from audit_entry where id >= ${rows[0].id} order by id loop
            update audit_entry set prev_hash = prev, hash = encode(sha256(convert_to(crc_audit_text(prev, r.id, r.at, r.actor_id, r.actor_name, r.actor_role, r.request_id, r.entity, r.record_id, r.operation, r.changes), 'UTF8')), 'hex') where id = r.id returning hash into prev;
          end loop;
          update audit_head set last_hash = prev where id = 1;
        end $$`);
      expect((await verifyAuditTrail(client)).ok).toBe(true); // the chain alone holds together again …
      const check = await checkAnchors(client, settings); // … the anchors do not
      expect(check.problems.map((problem) => problem.line)).toEqual([1, 2]);
      expect(check.problems[0].reason).toContain('rewritten');

      // Nor can an anchor be edited or dropped without the key.
      const lines = (await fs.readFile(settings.logPath, 'utf8')).trim().split('\n');
      await fs.writeFile(settings.logPath, `${lines[1]}\n`);
      expect((await checkAnchors(client, settings)).problems.some((problem) => problem.reason.includes('not authentic'))).toBe(true);
    } finally {
      await client.end();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
