/**
 * A handling unit's home and the deadline badge, their pure logic (admin/src/tasks/handlerTasks.ts and
 * schema/shared/handling-tasks.ts): the days left or overdue, each group's filter on a given day, the query
 * built from the model's names, and the answer turned into groups of lines.
 */
import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { SuggestionHandling } from '../../schema/entities/suggestion-handling.entity.js';
import { modelOf } from '../../schema/model/registry.js';
import { addDays, daysBetween } from '../../schema/shared/calendar-days.js';
import { daysLeft, deadlineBadgeWhere, handlingTaskWhere } from '../../schema/shared/handling-tasks.js';
import { deadlineBadgeQuery, deadlineBadgeVariables, dueStanding, handlerTasksQuery, handlerTasksVariables, taskGroups, type HandlerTasksAnswer } from '../../admin/src/tasks/handlerTasks.js';

const handling = modelOf(SuggestionHandling);
const today = '2024-02-27';
const owed = { answeredOn: { isNull: true }, dueOn: { isNull: false }, suggestion: { status: { in: ['ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'FEEDBACK'] } } };

describe('calendar days', () => {
  it('adds days across a month’s end and a leap day', () => {
    expect(addDays('2024-02-27', 3)).toBe('2024-03-01');
    expect(addDays('2023-02-27', 3)).toBe('2023-03-02');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
  });
  it('counts the days between two dates, negative backwards', () => {
    expect(daysBetween('2023-09-05', '2024-12-31')).toBe(483);
    expect(daysBetween('2024-03-01', '2024-02-27')).toBe(-3);
    expect(daysBetween(today, today)).toBe(0);
  });
});

describe('days left and overdue', () => {
  it('says days left, due today, or days overdue', () => {
    expect(daysLeft('2024-03-05', today)).toBe(7);
    expect(dueStanding('2024-03-05', today)).toEqual({ kind: 'left', days: 7 });
    expect(dueStanding(today, today)).toEqual({ kind: 'today', days: 0 });
    expect(dueStanding('2024-02-26', today)).toEqual({ kind: 'overdue', days: 1 });
    expect(dueStanding('2023-12-31', today)).toEqual({ kind: 'overdue', days: 58 });
  });
});

describe('the groups’ filters', () => {
  it('bounds due soon by today and seven days on (leap February included), overdue before today', () => {
    expect(handlingTaskWhere('dueSoon', today)).toEqual({ AND: [owed, { dueOn: { gte: '2024-02-27', lte: '2024-03-05' } }] });
    expect(handlingTaskWhere('overdue', today)).toEqual({ AND: [owed, { dueOn: { lt: '2024-02-27' } }] });
    expect(deadlineBadgeWhere(today)).toEqual({ AND: [owed, { dueOn: { lte: '2024-03-05' } }] });
  });
  it('takes newly assigned as not started in an assigned case, returned as reopened or refused', () => {
    expect(handlingTaskWhere('assigned', today)).toEqual({ AND: [owed, { startedOn: { isNull: true }, suggestion: { status: { eq: 'ASSIGNED' } } }] });
    expect(handlingTaskWhere('returned', today)).toEqual({ AND: [owed, { OR: [{ suggestion: { reopened: { eq: true } } }, { reassignmentStatus: { eq: 'REFUSED' } }] }] });
  });
});

describe('the home’s query and its groups', () => {
  it('asks one page per group, soonest due first, under the model’s names', () => {
    const query = handlerTasksQuery(handling);
    expect(query).toContain('query handlerTasks($assigned: SuggestionHandlingFilter, $dueSoon: SuggestionHandlingFilter, $overdue: SuggestionHandlingFilter, $returned: SuggestionHandlingFilter)');
    expect(query).toContain(
      'overdue: suggestionHandlings(where: $overdue, orderBy: [{ field: dueOn, direction: ASC }], limit: 10) { totalCount nodes { id dueOn role suggestion { id number title } } }',
    );
    expect(Object.keys(handlerTasksVariables(today))).toEqual(['assigned', 'dueSoon', 'overdue', 'returned']);
    expect(handlerTasksVariables(today)).toEqual({
      assigned: handlingTaskWhere('assigned', today),
      dueSoon: handlingTaskWhere('dueSoon', today),
      overdue: handlingTaskWhere('overdue', today),
      returned: handlingTaskWhere('returned', today),
    });
    expect(deadlineBadgeQuery(handling)).toBe('query deadlineBadge($where: SuggestionHandlingFilter) { suggestionHandlings(where: $where, limit: 0) { totalCount } }');
    expect(deadlineBadgeVariables(today)).toEqual({ where: deadlineBadgeWhere(today) });
  });

  it('keeps the server’s counts and turns nodes into lines with their standing', () => {
    const page = (totalCount: number, nodes: HandlerTasksAnswer['assigned']['nodes']) => ({ totalCount, nodes });
    const answer: HandlerTasksAnswer = {
      assigned: page(0, []),
      dueSoon: page(1, [{ id: 'h1', dueOn: '2024-03-01', role: 'LEAD', suggestion: { id: 's1', number: '第1号', title: '关于修路的建议' } }]),
      overdue: page(12, [
        { id: 'h2', dueOn: '2024-02-20', role: 'CO_HANDLER', suggestion: { id: 's2', number: '第2号', title: '关于校车的建议' } },
        { id: 'h3', dueOn: '2024-02-25', role: 'LEAD', suggestion: null },
      ]),
      returned: page(1, [{ id: 'h4', dueOn: null, role: 'LEAD', suggestion: { id: 's4', number: '第4号', title: '关于供水的建议' } }]),
    };
    const groups = taskGroups(answer, today);
    expect(groups.map((group) => [group.group, group.count, group.rows.length])).toEqual([
      ['assigned', 0, 0],
      ['dueSoon', 1, 1],
      ['overdue', 12, 1], // a suggestion the user may not read (null) is no line; the count stays the server's
      ['returned', 1, 1],
    ]);
    expect(groups[1].rows[0]).toEqual({ handlingId: 'h1', suggestionId: 's1', number: '第1号', title: '关于修路的建议', role: 'LEAD', dueOn: '2024-03-01', standing: { kind: 'left', days: 3 } });
    expect(groups[2].rows[0].standing).toEqual({ kind: 'overdue', days: 7 });
    expect(groups[3].rows[0].standing).toBeNull();
  });
});
