/**
 * What a step's form starts with, and the labels of the values it offers: dates of what happens now are today
 * (China's), a unit's due date is `answerMonths` on (the same default the server applies), one row per handling
 * where the input names each handling, and 督办 proposes the other setting with the leader on record.
 */
import type { EnumDef } from '../../../schema/shared/define-enum.js';
import * as enums from '../../../schema/shared/enums.js';
import { addMonths, answerMonths, type WorkflowTransition, type WorkflowTransitionName } from '../../../schema/shared/suggestion-workflow.js';
import type { Language } from '../../../schema/shared/metadata.js';
import type { DialogField } from './dialogFields.js';

/** The shared enums by their GraphQL names (the API's enum types are registered under them). */
const enumDefs = new Map(
  (Object.values(enums) as unknown[])
    .filter((value): value is EnumDef => typeof value === 'object' && value !== null && 'options' in value && 'label' in value)
    .map((definition) => [definition.name, definition]),
);

/** An enum value's label in a language, from the shared enums; the value itself if the enum is not one of them. */
export const enumLabel = (enumName: string, value: string, language: Language) => {
  const definition = enumDefs.get(enumName);
  return definition?.values.includes(value) ? definition.label(value, language) : value;
};

/** The input object field that is a unit's due date (SuggestionHandlerInput.dueOn): due `answerMonths` after the step. */
const dueDate = 'dueOn';

/** The one thing a case decides in a form: 督办 proposes the opposite of its current setting, with its leader. */
export type CaseFacts = { keySupervised: boolean; supervisingLeader: string | null; handlings: { id: string }[] };
const fromCase: Partial<Record<WorkflowTransitionName, (facts: CaseFacts) => Record<string, unknown>>> = {
  supervise: (facts) => ({ keySupervised: !facts.keySupervised, leader: facts.supervisingLeader }),
};

/** What one field starts with (an object's fields theirs; a list empty). */
export function startingValue(field: DialogField, facts: CaseFacts, today: string): unknown {
  const { widget } = field;
  if (widget.kind === 'date') return field.name === dueDate ? addMonths(today, answerMonths) : today;
  if (widget.kind === 'switch') return false;
  if (widget.kind !== 'object') return null;
  const one = (extra: Record<string, unknown> = {}) => ({ ...Object.fromEntries(widget.fields.map((sub) => [sub.name, startingValue(sub, facts, today)])), ...extra });
  if (widget.perHandling) {
    const handlingField = widget.fields.find((sub) => sub.widget.kind === 'reference')?.name ?? 'handlingId';
    return facts.handlings.map((handling) => one({ [handlingField]: handling.id }));
  }
  return widget.list ? [] : one();
}

/** A new item of a list of objects (a co-handling unit added): its fields' starting values. */
export const newItem = (field: DialogField, today: string) =>
  field.widget.kind === 'object' ? Object.fromEntries(field.widget.fields.map((sub) => [sub.name, startingValue(sub, { keySupervised: false, supervisingLeader: null, handlings: [] }, today)])) : null;

/** The form's first values for a step on a case. */
export function initialValues(transition: WorkflowTransition, fields: readonly DialogField[], facts: CaseFacts, today: string): Record<string, unknown> {
  return { ...Object.fromEntries(fields.map((field) => [field.name, startingValue(field, facts, today)])), ...(fromCase[transition.name]?.(facts) ?? {}) };
}
