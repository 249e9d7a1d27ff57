/**
 * A secretariat's to-do list: the records that need someone's hand, each a filter on one kind of record —
 * counted on the home page and opened as that list, filtered. The filters are the console's list filters
 * (dataProvider/filters.ts), so the link shows exactly the records counted.
 */
import { addDays } from '../../../schema/shared/calendar-days';
import { oathActions } from '../../../schema/shared/enums';
import { dueSoonDays, owingStates } from '../../../schema/shared/handling-tasks';

export type TodoItem = { key: string; entity: string; filter: (today: string) => Record<string, unknown> };

export const todoItems: TodoItem[] = [
  // Answers are due three months after assignment (DOMAIN.md, Suggestion).
  { key: 'overdueAnswers', entity: 'Suggestion', filter: (today) => ({ answeredOn: { isNull: true }, answerDueOn: { lt: today } }) },
  // …and those whose answer falls due within the deadline scan's window, still with the units.
  {
    key: 'answersDueSoon',
    entity: 'Suggestion',
    filter: (today) => ({ answeredOn: { isNull: true }, status: [...owingStates], answerDueOn: { gte: today, lte: addDays(today, dueSoonDays) } }),
  },
  // Everyone elected or appointed by a congress or its standing committee swears the constitutional oath.
  { key: 'appointmentsWithoutOath', entity: 'Appointment', filter: () => ({ action: [...oathActions], oaths: { none: {} } }) },
  // "八有": a station meets the standard with all eight.
  { key: 'stationsBelowStandard', entity: 'LiaisonStation', filter: () => ({ standardScore: { lt: 100 } }) },
  // Every active deputy belongs to a group (编组).
  { key: 'deputiesWithoutGroup', entity: 'Deputy', filter: () => ({ status: 'ACTIVE', memberships: { none: {} } }) },
];
