/**
 * The suggestion workflow, declared once (issue 21): its states, its transitions, who may fire each and the
 * facts each needs. The server enforces it (server/workflow/), its tests generate every allowed and every
 * refused case from it (tests/workflow/), and the console draws it and builds its step forms from it
 * (admin/src/workflow/) — so it is data, free of decorators.
 *
 *   SUBMITTED ─review─▶ REVIEWED (立案) | REJECTED (不予立案, a reason) | MERGED (并案, into another)
 *   REVIEWED ─assign─▶ ASSIGNED (交办: one lead handling, any co-handlings, each due three months on)
 *   ASSIGNED ─start─▶ IN_PROGRESS ─answer─▶ ANSWERED (the lead unit's answer: text and category)
 *   ANSWERED ─feedback─▶ FEEDBACK | IN_PROGRESS (a first DISSATISFIED: reopened once, due anew) | CLOSED (a second)
 *   FEEDBACK ─close─▶ CLOSED
 *   ASSIGNED, IN_PROGRESS: a unit asks to be relieved (a reason); the secretariat accepts (naming another unit) or refuses.
 *   ASSIGNED … FEEDBACK: a co-handling unit gives its opinion (协办意见) to the lead (the state stays): its handling answered.
 *   Any open case: 重点督办, put under key supervision with its responsible leader, or taken off it (the state stays).
 */
import { AnswerCategory, type HandlerRole, type SuggestionStatus, type SuggestionStep, type UserRole } from './enums.js';

/**
 * Who fires a transition: the secretariat (administrators and clerks within their write reach), the lead
 * handling unit's staff, or the staff of the unit whose handling it is (lead or co-handler).
 */
export type WorkflowParty = 'secretariat' | 'leadHandler' | 'coHandler' | 'handler';

export const workflowParties: Record<WorkflowParty, { roles: readonly UserRole[]; handling?: HandlerRole; labelZh: string; labelEn: string }> = {
  secretariat: { roles: ['ADMIN', 'CLERK'], labelZh: '人大常委会办公室', labelEn: 'The secretariat' },
  leadHandler: { roles: ['HANDLER'], handling: 'LEAD', labelZh: '主办单位', labelEn: 'The lead handling unit' },
  coHandler: { roles: ['HANDLER'], handling: 'CO_HANDLER', labelZh: '协办单位', labelEn: 'The co-handling unit' },
  handler: { roles: ['HANDLER'], labelZh: '该承办单位', labelEn: 'The handling unit' },
};

/** A fact a transition needs from its input: required always, or only for some of its outcomes. */
export type WorkflowFact = { name: string; labelZh: string; labelEn: string; requiredFor?: readonly SuggestionStep[] };

export type WorkflowTransitionName = 'review' | 'assign' | 'start' | 'answer' | 'opinion' | 'feedback' | 'close' | 'requestReassignment' | 'decideReassignment' | 'supervise';

export type WorkflowTransition = {
  name: WorkflowTransitionName;
  /** The mutation: `${verb}${on}${noun}` (schema/shared/inflection.ts `workflowMutation`), e.g. `answerSuggestionHandling`. */
  verb: string;
  on: 'Suggestion' | 'SuggestionHandling';
  noun?: string;
  labelZh: string;
  labelEn: string;
  /** The suggestion's states it may be fired in. */
  from: readonly SuggestionStatus[];
  /** The states it may lead to (several where the facts decide: a review, a feedback); the same state: it changes none. */
  to: readonly SuggestionStatus[];
  /** The steps it records (SuggestionTransition.step), in the order of `to` where they differ. */
  steps: readonly SuggestionStep[];
  by: WorkflowParty;
  facts: readonly WorkflowFact[];
};

const during: readonly SuggestionStatus[] = ['ASSIGNED', 'IN_PROGRESS'];
/** A case with its units and not ended: each unit owes its answer in these until it gives it (handling-tasks.ts). */
export const handledStates: readonly SuggestionStatus[] = ['ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'FEEDBACK'];
/** A case not yet ended: closed, not accepted or merged cases are history. */
const open: readonly SuggestionStatus[] = ['SUBMITTED', 'REVIEWED', 'ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'FEEDBACK'];

export const suggestionWorkflow: readonly WorkflowTransition[] = [
  {
    name: 'review',
    verb: 'review',
    on: 'Suggestion',
    labelZh: '审查',
    labelEn: 'Review',
    from: ['SUBMITTED'],
    to: ['REVIEWED', 'REJECTED', 'MERGED'],
    steps: ['ACCEPT', 'REJECT', 'MERGE'],
    by: 'secretariat',
    facts: [
      { name: 'decision', labelZh: '审查结论', labelEn: 'Decision' },
      { name: 'reason', labelZh: '不予立案理由', labelEn: 'Reason', requiredFor: ['REJECT'] },
      { name: 'mergedIntoId', labelZh: '并入建议', labelEn: 'Merged into', requiredFor: ['MERGE'] },
    ],
  },
  {
    name: 'assign',
    verb: 'assign',
    on: 'Suggestion',
    labelZh: '交办',
    labelEn: 'Assign',
    from: ['REVIEWED'],
    to: ['ASSIGNED'],
    steps: ['ASSIGN'],
    by: 'secretariat',
    facts: [
      { name: 'lead', labelZh: '主办单位', labelEn: 'Lead handling unit' },
      { name: 'coHandlers', labelZh: '协办单位', labelEn: 'Co-handling units', requiredFor: [] },
    ],
  },
  {
    name: 'start',
    verb: 'start',
    on: 'SuggestionHandling',
    labelZh: '开始办理',
    labelEn: 'Start handling',
    from: ['ASSIGNED'],
    to: ['IN_PROGRESS'],
    steps: ['START'],
    by: 'leadHandler',
    facts: [],
  },
  {
    name: 'answer',
    verb: 'answer',
    on: 'SuggestionHandling',
    labelZh: '答复',
    labelEn: 'Answer',
    from: ['IN_PROGRESS'],
    to: ['ANSWERED'],
    steps: ['ANSWER'],
    by: 'leadHandler',
    facts: [
      { name: 'answer', labelZh: '答复内容', labelEn: 'Answer' },
      { name: 'answerCategory', labelZh: '答复类别', labelEn: 'Answer category' },
    ],
  },
  {
    // 协办意见: a co-handling unit's answer goes to the lead unit, not to the deputy; it discharges that unit's
    // handling (its due date, its notices, its tasks) whenever it comes while the case is open — late, after the
    // lead's answer, it still counts as answered late.
    name: 'opinion',
    verb: 'submit',
    on: 'SuggestionHandling',
    noun: 'Opinion',
    labelZh: '提交协办意见',
    labelEn: 'Give the co-handling opinion',
    from: handledStates,
    to: handledStates,
    steps: ['OPINION'],
    by: 'coHandler',
    facts: [{ name: 'answer', labelZh: '协办意见', labelEn: 'Opinion' }],
  },
  {
    name: 'feedback',
    verb: 'record',
    on: 'Suggestion',
    noun: 'Feedback',
    labelZh: '满意度测评',
    labelEn: 'Record feedback',
    from: ['ANSWERED'],
    to: ['FEEDBACK', 'IN_PROGRESS', 'CLOSED'],
    steps: ['FEEDBACK', 'REOPEN', 'CLOSE'],
    by: 'secretariat',
    facts: [{ name: 'satisfactions', labelZh: '各承办单位的满意度', labelEn: 'Satisfaction per handling' }],
  },
  {
    name: 'close',
    verb: 'close',
    on: 'Suggestion',
    labelZh: '办结',
    labelEn: 'Close',
    from: ['FEEDBACK'],
    to: ['CLOSED'],
    steps: ['CLOSE'],
    by: 'secretariat',
    facts: [],
  },
  {
    name: 'requestReassignment',
    verb: 'request',
    on: 'SuggestionHandling',
    noun: 'Reassignment',
    labelZh: '申请调整承办单位',
    labelEn: 'Ask for re-assignment',
    from: during,
    to: during,
    steps: ['REQUEST_REASSIGNMENT'],
    by: 'handler',
    facts: [{ name: 'reason', labelZh: '申请理由', labelEn: 'Reason' }],
  },
  {
    name: 'decideReassignment',
    verb: 'decide',
    on: 'SuggestionHandling',
    noun: 'Reassignment',
    labelZh: '审定调整申请',
    labelEn: 'Decide on re-assignment',
    from: during,
    to: during,
    steps: ['ACCEPT_REASSIGNMENT', 'REFUSE_REASSIGNMENT'],
    by: 'secretariat',
    facts: [
      { name: 'accept', labelZh: '是否同意', labelEn: 'Accept' },
      { name: 'organisationId', labelZh: '新承办单位', labelEn: 'New handling unit', requiredFor: ['ACCEPT_REASSIGNMENT'] },
    ],
  },
  {
    // 重点督办: the standing committee's choice, recorded by the secretariat, with the leader who answers for it.
    name: 'supervise',
    verb: 'supervise',
    on: 'Suggestion',
    labelZh: '重点督办',
    labelEn: 'Key supervision',
    from: open,
    to: open,
    steps: ['SUPERVISE', 'UNSUPERVISE'],
    by: 'secretariat',
    facts: [
      { name: 'keySupervised', labelZh: '是否重点督办', labelEn: 'Key-supervised' },
      { name: 'leader', labelZh: '督办领导', labelEn: 'Responsible leader', requiredFor: ['SUPERVISE'] },
    ],
  },
];

export function workflowTransition(name: WorkflowTransitionName): WorkflowTransition {
  return suggestionWorkflow.find((transition) => transition.name === name)!;
}

/** Whether a role may ever fire a transition (its party's roles). */
export function mayFire(role: UserRole, transition: WorkflowTransition): boolean {
  return workflowParties[transition.by].roles.includes(role);
}

/** Answers are due three months after assignment (DOMAIN.md), or after a reopening. */
export const answerMonths = 3;

/** `2024-11-30` + 3 months = `2025-02-28`: the same day, or the month's last day if it has none. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The history's note of an answer: its category and its text (the server's step and the demo's story write it alike). */
export const answerNote = (category: AnswerCategory, answer: string) => `${AnswerCategory.label(category, 'zh')}：${answer.slice(0, 1900)}`;
