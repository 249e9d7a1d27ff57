/**
 * One day's deadline scan (issue 21, "Deadlines"): every handling assigned and not answered whose due date
 * is within 7 days gets a DUE_SOON notice, every one past it an OVERDUE notice, each once per handling, kind
 * and due date (a reopened handling's new due date is noticed anew), closes the notices no longer current, and
 * marks the metric facts of the regions with late handlings stale (their days overdue changed). The day is claimed first by inserting
 * its `deadline_scan` row: a second process scanning the same day waits on that row until the first commits
 * and then finds it taken, so two processes never notify twice (and the unique index would refuse it anyway).
 * Runs as the owner under a system actor: the notices are audited like every write, and no session is needed.
 */
import type pg from 'pg';
import { actAsSystem } from '../audit/bulk.js';
import { dueSoonDays, owingStates } from '../../schema/shared/handling-tasks.js';
import { todayInChina } from '../../schema/shared/validators.js';

export type DeadlineScanResult = { day: string; scanned: boolean; dueSoon: number; overdue: number };

/** A handling still owed an answer, by the handler home's rule (owingStates): assigned, live, not answered, its suggestion live and in a state that owes. */
const owed = `h.deleted_at is null and h.assigned_on is not null and h.due_on is not null and h.answered_on is null
  and exists (select 1 from suggestion s where s.id = h.suggestion_id and s.deleted_at is null and s.status in (${owingStates.map((state) => `'${state}'`).join(', ')}))
  and exists (select 1 from organisation o where o.id = h.organisation_id and o.deleted_at is null)`;

const notify = (kind: 'DUE_SOON' | 'OVERDUE', condition: string) => `
  insert into deadline_notice (handling_id, kind, due_on, noticed_on)
  select h.id, '${kind}', h.due_on, $1::date from suggestion_handling h
  where ${owed} and ${condition}
  on conflict (handling_id, kind, due_on) where deleted_at is null do nothing`;

/**
 * Scans the day `now` falls on in China, once: a day already scanned (by this or another process) is left
 * alone. `client` is an owner connection; the whole scan is one transaction.
 */
export async function scanDeadlines(client: pg.ClientBase, now: Date): Promise<DeadlineScanResult> {
  const day = todayInChina(now);
  await client.query('begin');
  try {
    await actAsSystem(client, 'deadline-scan');
    const claimed = await client.query(`insert into deadline_scan (day) values ($1::date) on conflict (day) do nothing returning day`, [day]);
    if (claimed.rowCount === 0) {
      await client.query('rollback');
      return { day, scanned: false, dueSoon: 0, overdue: 0 };
    }
    const dueSoon = await client.query(notify('DUE_SOON', `h.due_on >= $1::date and h.due_on <= $1::date + ${dueSoonDays}`), [day]);
    const overdue = await client.query(notify('OVERDUE', `h.due_on < $1::date`), [day]);
    // A notice no longer current closes: its handling no longer owed (answered, ended) or given another due date, or due soon become overdue.
    await client.query(
      `update deadline_notice n set closed_on = $1::date
        where n.closed_on is null and n.deleted_at is null
          and (not exists (select 1 from suggestion_handling h where h.id = n.handling_id and h.due_on = n.due_on and ${owed})
            or (n.kind = 'DUE_SOON' and exists (select 1 from deadline_notice o where o.handling_id = n.handling_id and o.kind = 'OVERDUE' and o.due_on = n.due_on and o.deleted_at is null)))`,
      [day],
    );
    // The current year's days overdue grow by one a day with no write to mark them (metric daysOverdue): mark
    // the regions of every handling late today, so the facts are recomputed on the day's figures.
    await client.query(
      `insert into metric_dirty (region_id) select distinct s.region_id from suggestion_handling h join suggestion s on s.id = h.suggestion_id
        where ${owed} and h.due_on < $1::date`,
      [day],
    );
    const counts = { dueSoon: dueSoon.rowCount ?? 0, overdue: overdue.rowCount ?? 0 };
    await client.query(`update deadline_scan set notices = $2 where day = $1::date`, [day, counts.dueSoon + counts.overdue]);
    await client.query('commit');
    return { day, scanned: true, ...counts };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}
