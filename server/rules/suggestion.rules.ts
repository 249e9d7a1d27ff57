/**
 * Suggestions move only along the lifecycle's arrows (提出 → 审查 → 交办 → 办理 → 答复 → 反馈 → 办结),
 * a dissatisfied feedback may reopen one once, each stage needs its dates, and the answer is due
 * three months after assignment.
 */
import { suggestionTransitions, SuggestionStatus } from '../../schema/shared/enums.js';
import type { ModelRules } from './rule.js';
import { refuse } from './rule-helpers.js';

type Status = keyof typeof suggestionTransitions;
const order = SuggestionStatus.values;
const reached = (status: Status, stage: Status) => order.indexOf(status) >= order.indexOf(stage);

/** `2024-11-30` + 3 months = `2025-02-28`: the same day, or the month's last day if it has none. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export const suggestionRules: ModelRules = {
  derive(values, { model, before }) {
    const status = values.status as Status;
    const previous = before?.status as Status | undefined;
    if (previous && previous !== status) {
      if (!suggestionTransitions[previous].includes(status)) {
        throw refuse(model, 'status', `不能从“${SuggestionStatus.label(previous, 'zh')}”变为“${SuggestionStatus.label(status, 'zh')}”`, `cannot move from ${previous} to ${status}`);
      }
      if (previous === 'FEEDBACK' && status === 'IN_PROGRESS') {
        if (before?.satisfaction !== 'DISSATISFIED') throw refuse(model, 'status', '只有代表不满意时才能重新办理', 'only a dissatisfied feedback can be reopened');
        if (before?.reopened) throw refuse(model, 'status', '每件建议只能重新办理一次', 'a suggestion can be reopened only once');
        values.reopened = true;
        values.answeredOn = null;
        values.answerCategory = null;
        values.satisfaction = null;
      }
    }
    values.answerDueOn = values.assignedOn ? addMonths(String(values.assignedOn), 3) : null;
  },
  check(values, { model }) {
    const status = values.status as Status;
    const needs: [Status, string][] = [
      ['ASSIGNED', 'assignedOn'],
      ['ANSWERED', 'answeredOn'],
      ['ANSWERED', 'answerCategory'],
      ['FEEDBACK', 'satisfaction'],
      ['CLOSED', 'closedOn'],
    ];
    for (const [stage, field] of needs) {
      if (reached(status, stage) && values[field] == null) {
        throw refuse(model, field, `状态为“${SuggestionStatus.label(status, 'zh')}”时必须填写`, `is required once the suggestion is ${status}`);
      }
    }
  },
};
