/**
 * The deadline notices the daily scan (server/jobs/deadline-scan.ts) would have left by the reference date:
 * for each handling still owed an answer, DUE_SOON when due within 7 days, OVERDUE (noticed the day after its
 * due date) when past it, its earlier due-soon notice closed that day. Computed from the handlings generated,
 * with no randomness of its own, so the other generators' rows stay as they were.
 */
import { addDays } from '../random.js';
import { referenceDate } from './shared.js';
import type { World } from './world.js';

const ended = new Set(['CLOSED', 'REJECTED', 'MERGED']);

/** The later of two dates. */
const later = (a: string, b: string) => (a > b ? a : b);

export function generateDeadlineNotices(world: World): void {
  const statusOf = new Map(world.data.rows('suggestion').map((row) => [row.id, row.status]));
  for (const handling of world.data.rows('suggestion_handling')) {
    const { assigned_on: assignedOn, due_on: dueOn, answered_on: answeredOn } = handling as { assigned_on: string | null; due_on: string | null; answered_on: string | null };
    if (!assignedOn || !dueOn || answeredOn || ended.has(String(statusOf.get(handling.suggestion_id)))) continue;
    if (dueOn > addDays(referenceDate, 7)) continue;
    const dueSoonOn = later(addDays(dueOn, -7), assignedOn);
    const overdue = dueOn < referenceDate;
    world.data.add('deadline_notice', {
      handling_id: handling.id,
      kind: 'DUE_SOON',
      due_on: dueOn,
      noticed_on: dueSoonOn,
      closed_on: overdue ? addDays(dueOn, 1) : null,
    });
    if (overdue) world.data.add('deadline_notice', { handling_id: handling.id, kind: 'OVERDUE', due_on: dueOn, noticed_on: addDays(dueOn, 1), closed_on: null });
  }
}
