/**
 * One suggestion's case told as the workflow writes it (schema/shared/suggestion-workflow.ts, server/workflow/):
 * 立案, 交办, 开始办理, 答复, a first dissatisfied feedback reopening it once with a new due date (重新办理), the
 * second answer, the feedback — a second dissatisfied one closing it, marked so — and 办结; cut at the reference
 * date. The case's fields (its state, dates, satisfaction) are read off the steps that happened, so the record
 * and its history cannot disagree. Pure: dates in, steps and fields out; no randomness of its own.
 */
import type { Satisfaction, SuggestionStatus, SuggestionStep } from '../../schema/shared/enums.js';
import { addMonths, answerMonths } from '../../schema/shared/suggestion-workflow.js';
import { addDays } from '../random.js';

/** The dates the case would reach, uncut. `answers` holds one date, or two when it was reopened (`reopenedOn`, the first feedback's). */
export type CaseDates = {
  submittedOn: string;
  assignedOn: string;
  answers: readonly string[];
  reopenedOn: string | null;
  feedbackOn: string;
  closedOn: string;
};

/** How far the case is meant to go, and the deputy's last word on it. */
export type CaseCourse = { answered: boolean; fedBack: boolean; closed: boolean; satisfaction: Satisfaction | null };

/** Who takes a step: the secretariat, or the lead handling unit. */
export type StoryStep = { step: SuggestionStep; from: SuggestionStatus; to: SuggestionStatus; on: string; by: 'secretariat' | 'lead'; dueOn?: string; note?: string };

/** The case at the reference date, as its record holds it. */
export type CaseAtDate = {
  steps: StoryStep[];
  status: SuggestionStatus;
  assignedOn: string | null;
  startedOn: string | null;
  dueOn: string | null;
  answeredOn: string | null;
  satisfaction: Satisfaction | null;
  closedOn: string | null;
  closedDissatisfied: boolean;
  reopened: boolean;
};

/** The case's steps in order, uncut. */
function allSteps(dates: CaseDates, course: CaseCourse): StoryStep[] {
  const steps: StoryStep[] = [];
  const add = (step: SuggestionStep, to: SuggestionStatus, on: string, by: StoryStep['by'], extra: Partial<StoryStep> = {}) =>
    steps.push({ step, from: steps.at(-1)?.to ?? 'SUBMITTED', to, on, by, ...extra });
  add('ACCEPT', 'REVIEWED', addDays(dates.submittedOn, 3), 'secretariat');
  add('ASSIGN', 'ASSIGNED', dates.assignedOn, 'secretariat', { dueOn: addMonths(dates.assignedOn, answerMonths) });
  add('START', 'IN_PROGRESS', addDays(dates.assignedOn, 7), 'lead');
  if (!course.answered) return steps;
  add('ANSWER', 'ANSWERED', dates.answers[0], 'lead');
  if (dates.reopenedOn) {
    add('REOPEN', 'IN_PROGRESS', dates.reopenedOn, 'secretariat', { dueOn: addMonths(dates.reopenedOn, answerMonths), note: '不满意' });
    add('ANSWER', 'ANSWERED', dates.answers[1], 'lead');
  }
  if (!course.fedBack) return steps;
  // A second dissatisfied feedback closes the case there and then.
  if (course.satisfaction === 'DISSATISFIED') {
    add('CLOSE', 'CLOSED', dates.feedbackOn, 'secretariat', { note: '不满意' });
    return steps;
  }
  add('FEEDBACK', 'FEEDBACK', dates.feedbackOn, 'secretariat');
  if (course.closed) add('CLOSE', 'CLOSED', dates.closedOn, 'secretariat');
  return steps;
}

/** The case as it stands at `referenceDate`: the steps taken by then, and the fields they wrote. */
export function caseAt(dates: CaseDates, course: CaseCourse, referenceDate: string): CaseAtDate {
  const steps: StoryStep[] = [];
  for (const step of allSteps(dates, course)) {
    if (step.on > referenceDate) break;
    steps.push(step);
  }
  const last = (name: SuggestionStep) => steps.findLast((step) => step.step === name);
  const status = steps.at(-1)?.to ?? 'SUBMITTED';
  const answered = status === 'ANSWERED' || status === 'FEEDBACK' || status === 'CLOSED';
  const fedBack = steps.some((step) => step.step === 'FEEDBACK' || (step.step === 'CLOSE' && step.from === 'ANSWERED'));
  const closing = last('CLOSE');
  return {
    steps,
    status,
    assignedOn: last('ASSIGN')?.on ?? null,
    startedOn: last('START')?.on ?? null,
    dueOn: steps.findLast((step) => step.dueOn)?.dueOn ?? null,
    answeredOn: answered ? last('ANSWER')!.on : null,
    satisfaction: fedBack ? course.satisfaction : null,
    closedOn: closing?.on ?? null,
    closedDissatisfied: closing?.from === 'ANSWERED',
    reopened: Boolean(last('REOPEN')),
  };
}
