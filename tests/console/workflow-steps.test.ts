/**
 * Which steps of the suggestion workflow the console offers (admin/src/workflow/steps.ts), held against a table
 * written out by hand here — not computed from the declared workflow the code reads — for every state × every
 * role, on a case with a lead and a co-handling; then the unit rules: a lead unit's own steps, a co-handler's,
 * another unit's handling, a request already waiting, an assignment of a case that has its units.
 */
import { describe, expect, it } from 'vitest';
import { SuggestionStatus, UserRole } from '../../schema/shared/enums.js';
import { nextSteps, takenInline, worksForUnit, type CaseHandling, type CaseState } from '../../admin/src/workflow/steps.js';
import { suggestionWorkflow } from '../../schema/shared/suggestion-workflow.js';

const lead = (over: Partial<CaseHandling> = {}): CaseHandling => ({ id: 'h-lead', version: 3, role: 'LEAD', reassignmentStatus: null, answered: false, ownUnit: false, ...over });
const co = (over: Partial<CaseHandling> = {}): CaseHandling => ({ id: 'h-co', version: 5, role: 'CO_HANDLER', reassignmentStatus: null, answered: false, ownUnit: false, ...over });

/** A case in `status`: without units before its assignment, with a lead and a co-handling after. */
function caseIn(status: SuggestionStatus, handlings?: CaseHandling[]): CaseState {
  const assigned = !['SUBMITTED', 'REVIEWED', 'REJECTED', 'MERGED'].includes(status);
  return { id: 's1', version: 7, status, handlings: handlings ?? (assigned ? [lead(), co()] : []) };
}

/** `step` on the suggestion, `step@handling` on a handling. */
const names = (state: CaseState, role: UserRole) => nextSteps(state, role).map(({ transition, target }) => (target.on === 'Suggestion' ? transition.name : `${transition.name}@${target.id}`));

/** The secretariat's steps per state, on a case whose units have asked for nothing. */
const secretariat: Record<SuggestionStatus, string[]> = {
  SUBMITTED: ['review', 'supervise'],
  REVIEWED: ['assign', 'supervise'],
  ASSIGNED: ['supervise'],
  IN_PROGRESS: ['supervise'],
  ANSWERED: ['feedback', 'supervise'],
  FEEDBACK: ['close', 'supervise'],
  CLOSED: [],
  REJECTED: [],
  MERGED: [],
};

/** A handling unit's staff of the lead unit, then of the co-handling unit, per state. */
const leadUnit: Record<SuggestionStatus, string[]> = {
  SUBMITTED: [],
  REVIEWED: [],
  ASSIGNED: ['start@h-lead', 'requestReassignment@h-lead'],
  IN_PROGRESS: ['answer@h-lead', 'requestReassignment@h-lead'],
  ANSWERED: [],
  FEEDBACK: [],
  CLOSED: [],
  REJECTED: [],
  MERGED: [],
};
const coUnit: Record<SuggestionStatus, string[]> = {
  SUBMITTED: [],
  REVIEWED: [],
  ASSIGNED: ['opinion@h-co', 'requestReassignment@h-co'],
  IN_PROGRESS: ['opinion@h-co', 'requestReassignment@h-co'],
  ANSWERED: ['opinion@h-co'],
  FEEDBACK: ['opinion@h-co'],
  CLOSED: [],
  REJECTED: [],
  MERGED: [],
};

describe('the steps a user may take', () => {
  it('covers every state and every role', () => {
    expect(Object.keys(secretariat).sort()).toEqual([...SuggestionStatus.values].sort());
    expect([...UserRole.values].sort()).toEqual(['ADMIN', 'ANALYST', 'CLERK', 'HANDLER', 'LEADER']);
  });

  it.each(SuggestionStatus.values)('in %s: the secretariat’s, and nobody else’s but a unit’s own', (status) => {
    expect(names(caseIn(status), 'ADMIN')).toEqual(secretariat[status]);
    expect(names(caseIn(status), 'CLERK')).toEqual(secretariat[status]);
    for (const reader of ['LEADER', 'ANALYST'] as const) expect(names(caseIn(status), reader)).toEqual([]);
    // A unit's staff read only their own unit's handling: the lead unit's, or the co-handling unit's.
    expect(names(caseIn(status, caseIn(status).handlings.length ? [lead({ ownUnit: true })] : []), 'HANDLER')).toEqual(leadUnit[status]);
    expect(names(caseIn(status, caseIn(status).handlings.length ? [co({ ownUnit: true })] : []), 'HANDLER')).toEqual(coUnit[status]);
  });

  it('offers a unit nothing on a handling that is not its own', () => {
    for (const status of ['ASSIGNED', 'IN_PROGRESS'] as const) expect(names(caseIn(status, [lead(), co()]), 'HANDLER')).toEqual([]);
  });

  it('offers the secretariat the decision on each request waiting, and a unit no second request', () => {
    const waiting = caseIn('IN_PROGRESS', [lead(), co({ reassignmentStatus: 'REQUESTED' })]);
    expect(names(waiting, 'CLERK')).toEqual(['decideReassignment@h-co', 'supervise']);
    expect(names(caseIn('ASSIGNED', [lead({ ownUnit: true, reassignmentStatus: 'REQUESTED' })]), 'HANDLER')).toEqual(['start@h-lead']);
    // A request refused (or accepted) before may be followed by another.
    expect(names(caseIn('ASSIGNED', [lead({ ownUnit: true, reassignmentStatus: 'REFUSED' })]), 'HANDLER')).toEqual(['start@h-lead', 'requestReassignment@h-lead']);
    expect(names(caseIn('ASSIGNED', [lead({ reassignmentStatus: 'REQUESTED' }), co({ reassignmentStatus: 'REQUESTED' })]), 'ADMIN')).toEqual([
      'decideReassignment@h-lead',
      'decideReassignment@h-co',
      'supervise',
    ]);
  });

  it('offers a co-handling unit its opinion once: not when given, and never the lead unit', () => {
    expect(names(caseIn('ANSWERED', [lead({ ownUnit: true }), co({ ownUnit: true, answered: true })]), 'HANDLER')).toEqual([]);
    expect(names(caseIn('IN_PROGRESS', [co({ ownUnit: true, answered: true })]), 'HANDLER')).toEqual(['requestReassignment@h-co']);
    expect(names(caseIn('IN_PROGRESS', [lead({ ownUnit: true })]), 'HANDLER')).not.toContain('opinion@h-lead');
  });

  it('offers no assignment of a case that has its units already', () => {
    expect(names(caseIn('REVIEWED', [lead()]), 'CLERK')).toEqual(['supervise']);
  });

  it('sends each step with the version of the record it is fired on', () => {
    const [start, request] = nextSteps(caseIn('ASSIGNED', [lead({ ownUnit: true })]), 'HANDLER');
    expect(start.target).toMatchObject({ on: 'SuggestionHandling', id: 'h-lead', version: 3 });
    expect(request.target).toMatchObject({ on: 'SuggestionHandling', id: 'h-lead', version: 3 });
    expect(nextSteps(caseIn('FEEDBACK'), 'CLERK')[0].target).toEqual({ on: 'Suggestion', id: 's1', version: 7 });
  });

  it('knows who works for a unit, and takes only the units’ written work (the lead’s answer, a co-handler’s opinion) on the page itself', () => {
    expect(UserRole.values.filter(worksForUnit)).toEqual(['HANDLER']);
    expect(suggestionWorkflow.filter(takenInline).map((transition) => transition.name)).toEqual(['answer', 'opinion']);
  });
});
