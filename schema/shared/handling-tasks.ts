/**
 * What a handling unit owes and when (issue 21, "Deadlines"): the four groups of a handler's home — newly
 * assigned, due soon, overdue, returned — and the deadline badge that handlers and the secretariat see, each a
 * `where` on SuggestionHandling. They are asked of the generic API, whose read scoping restricts them to what
 * the user may read (a unit's staff: their unit's handlings; a clerk: their region's), so the console never
 * filters what it may not see; the server's tests run these same filters for each role.
 *
 * Read from the handlings themselves rather than the deadline scan's notices, so an answer, a new due date or a
 * day that has passed counts at once, not at the next scan; `dueSoonDays` is the scan's window too.
 */
import { addDays, daysBetween } from './calendar-days.js';
import type { SuggestionStatus } from './enums.js';
import { handledStates } from './suggestion-workflow.js';

/** How many days ahead a due date counts as due soon (the deadline scan's window as well). */
export const dueSoonDays = 7;

export const handlingTaskGroups = ['assigned', 'dueSoon', 'overdue', 'returned'] as const;
export type HandlingTaskGroup = (typeof handlingTaskGroups)[number];

/** A SuggestionHandlingFilter, as the API takes it. */
export type HandlingWhere = Record<string, unknown>;

/**
 * The suggestion's states in which a unit owes its answer until it gives it — the one rule of what is owed, which
 * the deadline scan (server/jobs/deadline-scan.ts) and the late-handling metrics follow too: the lead's answer to
 * the deputy, a co-handler's opinion to the lead (协办意见, which may come after the lead's answer), each discharges
 * its own handling; a case's end (办结, or never accepted) discharges them all.
 */
export const owingStates: readonly SuggestionStatus[] = handledStates;

/** A handling still owed an answer: assigned with a due date, not answered, its case still with the units. */
const owed: HandlingWhere = { answeredOn: { isNull: true }, dueOn: { isNull: false }, suggestion: { status: { in: owingStates } } };

/** Each group's condition on the day `today` (YYYY-MM-DD, in China). */
const conditions: Record<HandlingTaskGroup, (today: string) => HandlingWhere> = {
  // 交办 and not yet taken up.
  assigned: () => ({ startedOn: { isNull: true }, suggestion: { status: { eq: 'ASSIGNED' } } }),
  // Due today or within the next seven days.
  dueSoon: (today) => ({ dueOn: { gte: today, lte: addDays(today, dueSoonDays) } }),
  overdue: (today) => ({ dueOn: { lt: today } }),
  // 重新办理 after a dissatisfied feedback, or kept after asking to be relieved.
  returned: () => ({ OR: [{ suggestion: { reopened: { eq: true } } }, { reassignmentStatus: { eq: 'REFUSED' } }] }),
};

/** The handlings of one group on `today`. */
export function handlingTaskWhere(group: HandlingTaskGroup, today: string): HandlingWhere {
  return { AND: [owed, conditions[group](today)] };
}

/** The badge's handlings: owed and due within seven days or already late (due soon and overdue together). */
export function deadlineBadgeWhere(today: string): HandlingWhere {
  return { AND: [owed, { dueOn: { lte: addDays(today, dueSoonDays) } }] };
}

/** Days left until `dueOn` on `today`: 0 on the day itself, negative once late (−3: three days overdue). */
export function daysLeft(dueOn: string, today: string): number {
  return daysBetween(today, dueOn);
}
