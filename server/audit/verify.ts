/**
 * Walks the audit trail in order and recomputes every hash in Node (independently of the database's
 * function): each entry must link to the hash of the one before it and hash to what it stores. Reports
 * the first broken link. Entries are read in pages by id, so memory stays flat however long the trail.
 */
import crypto from 'node:crypto';
import type pg from 'pg';

export type VerifyOutcome = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: string; reason: string };

const genesis = '0'.repeat(64);
const separator = '\x1f';

type EntryText = {
  id: string;
  at: string;
  actor_id: string;
  actor_name: string;
  actor_role: string;
  request_id: string;
  entity: string;
  record_id: string;
  operation: string;
  changes: string;
  prev_hash: string;
  hash: string;
};

export async function verifyAuditTrail(client: pg.ClientBase, pageSize = 5000): Promise<VerifyOutcome> {
  let previous = genesis;
  let after = '0';
  let entries = 0;
  for (;;) {
    const { rows } = await client.query<EntryText>(
      // Ordered by the table's bigint id, not the text column of the same name.
      `select a.id::text as id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, coalesce(actor_id::text, '') as actor_id, actor_name,
              coalesce(actor_role, '') as actor_role, coalesce(request_id, '') as request_id, entity, coalesce(record_id, '') as record_id, operation,
              changes::text as changes, prev_hash, hash
         from audit_entry a where a.id > $1::bigint order by a.id limit $2`,
      [after, pageSize],
    );
    for (const entry of rows) {
      entries += 1;
      if (entry.prev_hash !== previous) {
        return { ok: false, entries, brokenAt: entry.id, reason: 'does not link to the entry before it (an entry was removed, inserted or altered)' };
      }
      const text = [entry.prev_hash, entry.id, entry.at, entry.actor_id, entry.actor_name, entry.actor_role, entry.request_id, entry.entity, entry.record_id, entry.operation, entry.changes].join(separator);
      const expected = crypto.createHash('sha256').update(text, 'utf8').digest('hex');
      if (expected !== entry.hash) return { ok: false, entries, brokenAt: entry.id, reason: 'its content does not match its hash (the entry was altered)' };
      previous = entry.hash;
    }
    if (rows.length < pageSize) return { ok: true, entries };
    after = rows[rows.length - 1].id;
  }
}
