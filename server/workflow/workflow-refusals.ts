/**
 * How the suggestion workflow says no, in both languages, each refusal with its reason code
 * (`extensions.workflow`): the record out of reach is absent (NOT_FOUND, as elsewhere); a role the
 * transition is not for, or a unit that is not the one it is for, is FORBIDDEN; a stale version is a
 * CONFLICT; a state the transition does not leave from, or a fact missing or wrong, is BAD_USER_INPUT.
 */
import { SuggestionStatus, UserRole } from '../../schema/shared/enums.js';
import { workflowParties, type WorkflowTransition } from '../../schema/shared/suggestion-workflow.js';
import { AppError } from '../graphql/errors.js';

export type WorkflowRefusal = 'WRONG_ROLE' | 'WRONG_ORGANISATION' | 'WRONG_STATE' | 'MISSING_FACT';

const list = (values: readonly SuggestionStatus[], language: 'zh' | 'en') => values.map((value) => SuggestionStatus.label(value, language)).join(language === 'zh' ? '、' : ', ');

export function wrongRole(role: UserRole, transition: WorkflowTransition): AppError {
  const party = workflowParties[transition.by];
  return new AppError(
    'FORBIDDEN',
    {
      zh: `您的角色（${UserRole.label(role, 'zh')}）不能${transition.labelZh}：这一步由${party.labelZh}办理`,
      en: `Your role (${UserRole.label(role, 'en')}) may not ${transition.labelEn.toLowerCase()}: ${party.labelEn.toLowerCase()} does`,
    },
    { workflow: 'WRONG_ROLE' satisfies WorkflowRefusal },
  );
}

/** The user's unit (or region) is not the one this step is for: a co-handler where the lead acts, a clerk of another county. */
export function wrongOrganisation(transition: WorkflowTransition, why: { zh: string; en: string }): AppError {
  return new AppError(
    'FORBIDDEN',
    { zh: `不能${transition.labelZh}：${why.zh}`, en: `You may not ${transition.labelEn.toLowerCase()}: ${why.en}` },
    { workflow: 'WRONG_ORGANISATION' satisfies WorkflowRefusal, field: 'id' },
  );
}

export function wrongState(transition: WorkflowTransition, status: SuggestionStatus): AppError {
  return new AppError(
    'BAD_USER_INPUT',
    {
      zh: `这件建议处于“${SuggestionStatus.label(status, 'zh')}”状态，不能${transition.labelZh}（只能在${list(transition.from, 'zh')}状态下）`,
      en: `The suggestion is ${SuggestionStatus.label(status, 'en').toLowerCase()}: it cannot ${transition.labelEn.toLowerCase()} (only when ${list(transition.from, 'en').toLowerCase()})`,
    },
    { workflow: 'WRONG_STATE' satisfies WorkflowRefusal, field: 'id', status },
  );
}

export function missingFact(field: string, zh: string, en: string): AppError {
  return new AppError('BAD_USER_INPUT', { zh, en }, { workflow: 'MISSING_FACT' satisfies WorkflowRefusal, field });
}
