/**
 * A handling unit's home (issue 21): its tasks in four groups — newly assigned, due soon, overdue, returned —
 * each counted by the server and listed by due date, and the deadline badge's count. The groups' filters are
 * schema/shared/handling-tasks.ts (the server's tests run the same); the server's scoping keeps them to the
 * handlings the user may read. Pure: the query, its variables and the rows are tested without a server.
 */
import { daysLeft, deadlineBadgeWhere, handlingTaskGroups, handlingTaskWhere, type HandlingTaskGroup, type HandlingWhere } from '../../../schema/shared/handling-tasks.js';
import type { HandlerRole } from '../../../schema/shared/enums.js';
import { inflection, type Nameable } from '../../../schema/shared/inflection.js';

/** How many tasks of a group the home lists (the count says how many there are). */
export const taskListSize = 10;

/** One aliased page per group, soonest due first, with what a task's line shows. */
export function handlerTasksQuery(handling: Nameable): string {
  const filter = inflection.filter(handling);
  const variables = handlingTaskGroups.map((group) => `$${group}: ${filter}`).join(', ');
  const pages = handlingTaskGroups.map(
    (group) =>
      `${group}: ${inflection.list(handling)}(where: $${group}, orderBy: [{ field: dueOn, direction: ASC }], limit: ${taskListSize}) { totalCount nodes { id dueOn role suggestion { id number title } } }`,
  );
  return `query handlerTasks(${variables}) { ${pages.join(' ')} }`;
}

export function handlerTasksVariables(today: string): Record<HandlingTaskGroup, HandlingWhere> {
  return Object.fromEntries(handlingTaskGroups.map((group) => [group, handlingTaskWhere(group, today)])) as Record<HandlingTaskGroup, HandlingWhere>;
}

type TaskNode = { id: string; dueOn: string | null; role: HandlerRole; suggestion: { id: string; number: string; title: string } | null };
export type HandlerTasksAnswer = Record<HandlingTaskGroup, { totalCount: number; nodes: TaskNode[] }>;

/** How a task stands against its due date: days left (0 on the day), or days past it. */
export type DueStanding = { kind: 'left' | 'today' | 'overdue'; days: number };

export function dueStanding(dueOn: string, today: string): DueStanding {
  const left = daysLeft(dueOn, today);
  if (left === 0) return { kind: 'today', days: 0 };
  return left > 0 ? { kind: 'left', days: left } : { kind: 'overdue', days: -left };
}

export type TaskRow = { handlingId: string; suggestionId: string; number: string; title: string; role: HandlerRole; dueOn: string | null; standing: DueStanding | null };
export type TaskGroup = { group: HandlingTaskGroup; count: number; rows: TaskRow[] };

/** The groups in their order, each with the server's count and its listed rows (a suggestion the user cannot read is left out). */
export function taskGroups(answer: HandlerTasksAnswer, today: string): TaskGroup[] {
  return handlingTaskGroups.map((group) => ({
    group,
    count: answer[group].totalCount,
    rows: answer[group].nodes.flatMap((node) =>
      node.suggestion
        ? [
            {
              handlingId: node.id,
              suggestionId: node.suggestion.id,
              number: node.suggestion.number,
              title: node.suggestion.title,
              role: node.role,
              dueOn: node.dueOn,
              standing: node.dueOn ? dueStanding(node.dueOn, today) : null,
            },
          ]
        : [],
    ),
  }));
}

/** The badge's count of handlings due within seven days or overdue: one count, no rows. */
export function deadlineBadgeQuery(handling: Nameable): string {
  return `query deadlineBadge($where: ${inflection.filter(handling)}) { ${inflection.list(handling)}(where: $where, limit: 0) { totalCount } }`;
}

export const deadlineBadgeVariables = (today: string) => ({ where: deadlineBadgeWhere(today) });
