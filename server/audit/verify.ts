/**
 * Walks the audit trail in order and recomputes every hash in Node (independently of the database's
 * function): each entry must name and link to the one before it and hash to what it stores. Reports every
 * broken link, not only the first (the walk goes on from the entry as it stands, so a later tampering is found
 * too). Entries are read in pages by id, so memory stays flat however long the trail.
 */
import crypto from 'node:crypto';
import type pg from 'pg';

export type BrokenLink = { id: string; reason: string };
/** `brokenAt` and `reason`: the first broken link, when there is one. */
export type VerifyOutcome = { ok: boolean; entries: number; breaks: BrokenLink[]; brokenAt?: string; reason?: string; headHash: string; lastId: string };

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
  prev_id: string;
  hash: string;
};

/** At most this many broken links are listed (a wholesale rewrite breaks every one). */
const maxListed = 1000;

export async function verifyAuditTrail(client: pg.ClientBase, pageSize = 5000): Promise<VerifyOutcome> {
  let previous = genesis;
  let previousId = '0';
  let after = '0';
  let entries = 0;
  const breaks: BrokenLink[] = [];
  const broken = (id: string, reason: string) => breaks.length < maxListed && breaks.push({ id, reason });
  for (;;) {
    const { rows } = await client.query<EntryText>(
      // Ordered by the table's bigint id, not the text column of the same name.
      `select a.id::text as id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, coalesce(actor_id::text, '') as actor_id, actor_name,
              coalesce(actor_role, '') as actor_role, coalesce(request_id, '') as request_id, entity, coalesce(record_id, '') as record_id, operation,
              changes::text as changes, prev_hash, prev_id::text as prev_id, hash
         from audit_entry a where a.id > $1::bigint order by a.id limit $2`,
      [after, pageSize],
    );
    for (const entry of rows) {
      entries += 1;
      if (entry.prev_hash !== previous || entry.prev_id !== previousId) {
        broken(entry.id, 'does not link to the entry before it (an entry was removed, inserted or altered)');
      }
      const text = [entry.prev_hash, entry.id, entry.at, entry.actor_id, entry.actor_name, entry.actor_role, entry.request_id, entry.entity, entry.record_id, entry.operation, entry.changes].join(
        separator,
      );
      const expected = crypto.createHash('sha256').update(text, 'utf8').digest('hex');
      if (expected !== entry.hash) broken(entry.id, 'its content does not match its hash (the entry was altered)');
      // Go on from the entry as it stands: whatever else was changed later is found as well.
      previous = entry.hash;
      previousId = entry.id;
    }
    if (rows.length < pageSize) break;
    after = rows[rows.length - 1].id;
  }
  return { ok: breaks.length === 0, entries, breaks, brokenAt: breaks[0]?.id, reason: breaks[0]?.reason, headHash: previous, lastId: previousId };
}
