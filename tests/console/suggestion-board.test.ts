/**
 * The secretariat's board, its pure logic (admin/src/board/boardQuery.ts): the scope's filter, one counted
 * page per workflow state and the supervision list under the model's names, the cards, and the days a
 * key-supervised case is overdue.
 */
import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { Suggestion } from '../../schema/entities/suggestion.entity.js';
import { modelOf } from '../../schema/model/registry.js';
import { boardColumns, boardQuery, boardStates, boardWhere, daysOverdue, supervisionRows, type BoardAnswer } from '../../admin/src/board/boardQuery.js';

const suggestion = modelOf(Suggestion);
const today = '2024-12-31';
const lead = (dueOn: string | null, answeredOn: string | null = null, unit = '县交通运输局') => ({ nodes: [{ id: 'h', dueOn, answeredOn, organisation: { id: 'o', name: unit } }] });

describe('the board’s scope and query', () => {
  it('narrows to a region’s subtree and a year, either or both', () => {
    expect(boardWhere({})).toEqual({});
    expect(boardWhere({ regionCode: '411324' })).toEqual({ inRegion: '411324' });
    expect(boardWhere({ regionCode: '411324', year: 2024 })).toEqual({ inRegion: '411324', submittedOn: { gte: '2024-01-01', lte: '2024-12-31' } });
    expect(boardWhere({ year: 2023 })).toEqual({ submittedOn: { gte: '2023-01-01', lte: '2023-12-31' } });
  });

  it('asks one counted page per state, in the workflow’s order, and the key-supervised ones', () => {
    expect(boardStates).toEqual(['SUBMITTED', 'REVIEWED', 'ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'FEEDBACK', 'CLOSED', 'REJECTED', 'MERGED']);
    const query = boardQuery(suggestion);
    expect(query.startsWith('query suggestionBoard($scope: SuggestionFilter!) {')).toBe(true);
    for (const state of boardStates)
      expect(query).toContain(`${state}: suggestions(where: { AND: [$scope, { status: { eq: ${state} } }] }, orderBy: [{ field: submittedOn, direction: DESC }], limit: 8) {`);
    expect(query).toContain('supervised: suggestions(where: { AND: [$scope, { keySupervised: { eq: true } }] }');
    expect(query.match(/totalCount/g)).toHaveLength(boardStates.length * 2 + 1); // each column and its submitters, and the supervision list
  });
});

describe('the board’s cards and the supervision list', () => {
  const empty = { totalCount: 0, nodes: [] };
  const answer = {
    ...Object.fromEntries(boardStates.map((state) => [state, empty])),
    IN_PROGRESS: {
      totalCount: 17,
      nodes: [
        {
          id: 's1',
          number: '第1号',
          title: '关于修路的建议',
          submittedOn: '2024-01-10',
          submitters: {
            totalCount: 3,
            nodes: [
              { id: 'a', deputy: { id: 'd1', person: { id: 'p1', name: '张三' } } },
              { id: 'b', deputy: null },
            ],
          },
          handlings: lead('2024-05-10'),
        },
      ],
    },
    supervised: {
      totalCount: 3,
      nodes: [
        { id: 's1', number: '第1号', title: '关于修路的建议', status: 'IN_PROGRESS', supervisingLeader: '李主任', answerDueOn: '2024-05-10', handlings: lead('2024-12-01') },
        { id: 's2', number: '第2号', title: '关于供水的建议', status: 'ANSWERED', supervisingLeader: '王副主任', answerDueOn: '2024-06-01', handlings: lead('2024-06-01', '2024-07-01') },
        { id: 's3', number: '第3号', title: '关于校车的建议', status: 'REVIEWED', supervisingLeader: '赵副主任', answerDueOn: null, handlings: { nodes: [] } },
      ],
    },
  } as unknown as BoardAnswer;

  it('keeps each state’s count from the server, not the cards listed', () => {
    const columns = boardColumns(answer);
    expect(columns.map((column) => [column.state, column.count, column.cards.length])).toEqual(boardStates.map((state) => [state, state === 'IN_PROGRESS' ? 17 : 0, state === 'IN_PROGRESS' ? 1 : 0]));
    // A deputy the user may not read is no name, but still counted among the submitters.
    expect(columns[3].cards[0]).toEqual({ id: 's1', number: '第1号', title: '关于修路的建议', deputies: ['张三'], moreDeputies: 2, dueOn: '2024-05-10', leadUnit: '县交通运输局' });
  });

  it('gives each key-supervised case its leader, lead unit, due date and days overdue', () => {
    expect(supervisionRows(answer, today)).toEqual([
      { id: 's1', number: '第1号', title: '关于修路的建议', leader: '李主任', state: 'IN_PROGRESS', leadUnit: '县交通运输局', dueOn: '2024-12-01', daysOverdue: 30 },
      { id: 's2', number: '第2号', title: '关于供水的建议', leader: '王副主任', state: 'ANSWERED', leadUnit: '县交通运输局', dueOn: '2024-06-01', daysOverdue: null },
      { id: 's3', number: '第3号', title: '关于校车的建议', leader: '赵副主任', state: 'REVIEWED', leadUnit: null, dueOn: null, daysOverdue: null },
    ]);
  });

  it('counts days overdue only of a case still owed an answer, past its due date', () => {
    expect(daysOverdue('ASSIGNED', '2024-12-30', null, today)).toBe(1);
    expect(daysOverdue('IN_PROGRESS', today, null, today)).toBeNull(); // due today: not yet late
    expect(daysOverdue('IN_PROGRESS', '2024-11-30', '2024-12-01', today)).toBeNull(); // answered
    expect(daysOverdue('FEEDBACK', '2024-11-30', null, today)).toBeNull(); // with the secretariat
  });
});
