import { describe, expect, it } from 'vitest';
import { caseAt, type CaseDates } from '../../seeds/demo/suggestion-story.js';

const dates: CaseDates = { submittedOn: '2023-01-10', assignedOn: '2023-02-20', answers: ['2023-04-10', '2023-06-30'], reopenedOn: '2023-05-01', feedbackOn: '2023-07-15', closedOn: '2023-08-01' };
const brief = (steps: ReturnType<typeof caseAt>['steps']) => steps.map((step) => `${step.step} ${step.on}${step.dueOn ? ` due ${step.dueOn}` : ''}`);

describe('a demo case told as the workflow writes it', () => {
  it('reopened on a first dissatisfied feedback, closed on a second: due anew, marked closed dissatisfied', () => {
    const told = caseAt(dates, { answered: true, fedBack: true, closed: true, satisfaction: 'DISSATISFIED' }, '2024-12-31');
    expect(brief(told.steps)).toEqual([
      'ACCEPT 2023-01-13',
      'ASSIGN 2023-02-20 due 2023-05-20',
      'START 2023-02-27',
      'ANSWER 2023-04-10',
      'REOPEN 2023-05-01 due 2023-08-01',
      'ANSWER 2023-06-30',
      'CLOSE 2023-07-15',
    ]);
    expect(told).toMatchObject({ status: 'CLOSED', dueOn: '2023-08-01', answeredOn: '2023-06-30', satisfaction: 'DISSATISFIED', closedOn: '2023-07-15', closedDissatisfied: true, reopened: true });
  });

  it('cut at the reference date: reopened and not yet answered again, the first answer no longer standing', () => {
    const told = caseAt(dates, { answered: true, fedBack: true, closed: true, satisfaction: 'BASICALLY_SATISFIED' }, '2023-06-01');
    expect(told.steps.map((step) => step.step)).toEqual(['ACCEPT', 'ASSIGN', 'START', 'ANSWER', 'REOPEN']);
    expect(told).toMatchObject({ status: 'IN_PROGRESS', startedOn: '2023-02-27', answeredOn: null, satisfaction: null, closedOn: null, closedDissatisfied: false, reopened: true });
  });

  it('satisfied: fed back, then closed by the secretariat; a stalled case stops in progress', () => {
    const once = { ...dates, answers: ['2023-04-10'], reopenedOn: null };
    const closed = caseAt(once, { answered: true, fedBack: true, closed: true, satisfaction: 'SATISFIED' }, '2024-12-31');
    expect(closed.steps.map((step) => `${step.from}→${step.to}`)).toEqual([
      'SUBMITTED→REVIEWED',
      'REVIEWED→ASSIGNED',
      'ASSIGNED→IN_PROGRESS',
      'IN_PROGRESS→ANSWERED',
      'ANSWERED→FEEDBACK',
      'FEEDBACK→CLOSED',
    ]);
    expect(closed).toMatchObject({ status: 'CLOSED', closedOn: '2023-08-01', closedDissatisfied: false, reopened: false, satisfaction: 'SATISFIED' });
    const stalled = caseAt(once, { answered: false, fedBack: false, closed: false, satisfaction: null }, '2024-12-31');
    expect(stalled).toMatchObject({ status: 'IN_PROGRESS', answeredOn: null, dueOn: '2023-05-20' });
    expect(caseAt(once, { answered: false, fedBack: false, closed: false, satisfaction: null }, '2023-01-12')).toMatchObject({ status: 'SUBMITTED', steps: [], assignedOn: null });
  });
});
