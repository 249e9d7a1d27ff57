/**
 * 建议办理情况表: per handling unit (承办单位), how many suggestions it was given, answered (by their due date, or
 * late), let pass their due date unanswered, had the deputies satisfied with, and saw closed — counted by the server's grouped totals of
 * the handling rows (one aliased aggregate per column, grouped by organisation), never by reading the rows.
 * The cohort is the suggestions submitted in the period, as the suggestion metrics count (DOMAIN.md
 * "Metrics"). Pure: the query, its variables and the table are tested without a server.
 */
import type { Nameable } from '../../../schema/shared/inflection.js';
import { inflection } from '../../../schema/shared/inflection.js';
import type { Satisfaction, SuggestionStatus } from '../../../schema/shared/enums.js';
import type { ReportPeriod } from './period.js';

export const handlingColumns = ['received', 'answered', 'answeredOnTime', 'answeredLate', 'overdue', 'satisfied', 'closed'] as const;
export type HandlingColumn = (typeof handlingColumns)[number];

/** What the satisfaction rate counts as satisfied (server/metrics/catalog.ts, satisfactionRate). */
const satisfied: Satisfaction[] = ['SATISFIED', 'BASICALLY_SATISFIED'];
const closed: SuggestionStatus = 'CLOSED';

/**
 * Each column as a condition on a handling row. Received: every handling row (the unit was made a handler);
 * answered: the unit's own answer date, split into on time (by the handling's due date, as onTimeAnswerRate
 * counts it) and late (`answeredLate`, which PostgreSQL keeps from the two dates); overdue: not answered by the
 * unit and its due date (three months from assignment, or from a reopening) passed before `today`; satisfied:
 * the deputy's feedback on that unit's answer; closed: the suggestion closed (办结 is the suggestion's, as the
 * closure rate counts it).
 */
export function columnFilters(today: string): Record<HandlingColumn, Record<string, unknown> | null> {
  return {
    received: null,
    answered: { answeredOn: { isNull: false } },
    answeredOnTime: { answeredOn: { isNull: false }, answeredLate: { eq: false } },
    answeredLate: { answeredLate: { eq: true } },
    overdue: { answeredOn: { isNull: true }, dueOn: { lt: today } },
    satisfied: { satisfaction: { in: satisfied } },
    closed: { suggestion: { status: { eq: closed } } },
  };
}

/** One aggregate per column, each grouped by the handling organisation. */
export function handlingQuery(handling: Nameable): string {
  const filter = inflection.filter(handling);
  const variables = handlingColumns.map((column) => `$${column}: ${filter}`).join(', ');
  const aggregates = handlingColumns.map((column) => `${column}: ${inflection.aggregate(handling)}(where: $${column}, groupBy: [{ field: organisation }]) { key { value label } count }`);
  return `query handlingTable(${variables}) { ${aggregates.join(' ')} }`;
}

/** The variables: the region's subtree and the period's cohort, and each column's own condition. */
export function handlingVariables(regionCode: string, period: ReportPeriod, today: string): Record<HandlingColumn, Record<string, unknown>> {
  const cohort: Record<string, unknown> = { inRegion: regionCode, suggestion: { submittedOn: { gte: period.from, lte: period.to } } };
  const filters = columnFilters(today);
  // AND, not a merge: a column's own condition on the suggestion must not replace the cohort's.
  const where = (column: HandlingColumn): Record<string, unknown> => (filters[column] ? { AND: [cohort, filters[column]] } : cohort);
  return Object.fromEntries(handlingColumns.map((column) => [column, where(column)])) as Record<HandlingColumn, Record<string, unknown>>;
}

export type AggregateGroup = { key: { value: string | null; label: string | null }[]; count: number | null };
export type HandlingAnswer = Record<HandlingColumn, AggregateGroup[]>;
export type HandlingRow = { id: string; name: string; counts: Record<HandlingColumn, number> };

/**
 * The table: a row per unit that received any, busiest first (then as the server listed them), and the
 * totals. A count the server withholds (null) would count as 0; handling rows are not statistics over
 * people, so none is withheld today.
 */
export function handlingTable(answer: HandlingAnswer): { rows: HandlingRow[]; totals: Record<HandlingColumn, number> } {
  const rows = new Map<string, HandlingRow>();
  for (const group of answer.received) {
    const key = group.key[0];
    if (!key?.value) continue;
    rows.set(key.value, { id: key.value, name: key.label ?? `#${key.value}`, counts: Object.fromEntries(handlingColumns.map((column) => [column, 0])) as Record<HandlingColumn, number> });
  }
  for (const column of handlingColumns) {
    for (const group of answer[column]) {
      const row = group.key[0]?.value ? rows.get(group.key[0].value) : undefined;
      if (row) row.counts[column] = group.count ?? 0;
    }
  }
  const ordered = [...rows.values()].sort((a, b) => b.counts.received - a.counts.received);
  const totals = Object.fromEntries(handlingColumns.map((column) => [column, ordered.reduce((sum, row) => sum + row.counts[column], 0)])) as Record<HandlingColumn, number>;
  return { rows: ordered, totals };
}
