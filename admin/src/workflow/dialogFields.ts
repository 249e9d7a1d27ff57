/**
 * A step's form, derived rather than written nine times: the transition's declared facts (labels, and which
 * outcome needs which: `requiredFor`) read against the mutation's input type from introspection (what each
 * input is: an enum, a flag, a date, text, a record's id, or an object that needs a widget of its own).
 */
import type { IntrospectionInputObjectType, IntrospectionInputTypeRef, IntrospectionObjectType, IntrospectionOutputTypeRef, IntrospectionType } from 'graphql';
import type { SuggestionStep } from '../../../schema/shared/enums.js';
import { inflection } from '../../../schema/shared/inflection.js';
import type { WorkflowFact, WorkflowTransition } from '../../../schema/shared/suggestion-workflow.js';

/**
 * How a field is entered: a select of an enum's values, a switch, a date (today unless changed), text, a
 * picker of records of an entity, or an input object's own fields — one object, a list of them, or one per
 * handling of the case when each names a handling (the satisfaction with each unit's answer).
 */
export type DialogWidget =
  | { kind: 'select'; enumName: string }
  | { kind: 'switch' }
  | { kind: 'date' }
  | { kind: 'text' }
  | { kind: 'reference'; entity: string }
  | { kind: 'object'; typeName: string; list: boolean; perHandling: boolean; fields: DialogField[] };

export type DialogField = {
  name: string;
  /** The fact's labels; null: not a fact (a date, a note), labelled by the console (crc.workflow.inputs.<name>). */
  label: { zh: string; en: string } | null;
  widget: DialogWidget;
  /** Required whatever the outcome. */
  required: boolean;
  /** Shown, and required, only when the deciding field holds one of these values (`requiredFor` of the fact). */
  when?: { field: string; values: readonly (string | boolean)[] };
};

type TypeRef = IntrospectionInputTypeRef | IntrospectionOutputTypeRef;

/** The named type under NON_NULL and LIST wrappers, whether a list wraps it, and whether it is required. */
function unwrap(ref: TypeRef): { kind: string; name: string; list: boolean; nonNull: boolean } {
  let current = ref as { kind: string; name?: string | null; ofType?: TypeRef };
  const nonNull = current.kind === 'NON_NULL';
  let list = false;
  while (current.kind === 'NON_NULL' || current.kind === 'LIST') {
    if (current.kind === 'LIST') list = true;
    current = current.ofType as typeof current;
  }
  return { kind: current.kind, name: current.name ?? '', list, nonNull };
}

/** A type reference as GraphQL writes it (`SuggestionReviewInput!`), for the operation's variable. */
export function typeText(ref: IntrospectionInputTypeRef): string {
  if (ref.kind === 'NON_NULL') return `${typeText(ref.ofType)}!`;
  if (ref.kind === 'LIST') return `[${typeText(ref.ofType)}]`;
  return ref.name;
}

/** The scalar the API gives dates as (schema/model/scalars.ts). */
const dateScalar = 'Date';

/** The entity whose records the workflow's handling steps are fired on: an input naming one is per handling. */
const handlingEntity: WorkflowTransition['on'] = 'SuggestionHandling';

/** An input object type of the API, or an error naming it (the console and the server disagree). */
export function inputObject(types: readonly IntrospectionType[], name: string): IntrospectionInputObjectType {
  const type = types.find((candidate) => candidate.name === name);
  if (type?.kind !== 'INPUT_OBJECT') throw new Error(`the API has no input type ${name}`);
  return type;
}

/** The values of an enum type of the API, in its order. */
export function enumValuesOf(types: readonly IntrospectionType[], name: string): string[] {
  const type = types.find((candidate) => candidate.name === name);
  return type?.kind === 'ENUM' ? type.enumValues.map((value) => value.name) : [];
}

/**
 * The entity an id input `<name>Id` names: what `<name>` points to on the record the step is on, or else the
 * one entity every object type with a `<name>` field points to (`organisationId`: Organisation).
 */
function referenceTarget(idField: string, on: string | undefined, types: readonly IntrospectionType[]): string | undefined {
  const relation = idField.slice(0, -'Id'.length);
  const objects = types.filter((type): type is IntrospectionObjectType => type.kind === 'OBJECT');
  const targetIn = (type: IntrospectionObjectType) => {
    const field = type.fields.find((candidate) => candidate.name === relation);
    const target = field ? unwrap(field.type) : undefined;
    return target?.kind === 'OBJECT' ? target.name : undefined;
  };
  const own = objects.find((type) => type.name === on);
  if (own && targetIn(own)) return targetIn(own);
  const targets = new Set(objects.map(targetIn).filter((name): name is string => Boolean(name)));
  return targets.size === 1 ? [...targets][0] : undefined;
}

/** How an input field is entered, from its type. */
function widgetOf(name: string, ref: IntrospectionInputTypeRef, on: string | undefined, types: readonly IntrospectionType[]): DialogWidget {
  const type = unwrap(ref);
  if (type.kind === 'INPUT_OBJECT') {
    const fields = objectFields(type.name, types);
    const perHandling = type.list && fields.some((field) => field.widget.kind === 'reference' && field.widget.entity === handlingEntity);
    return { kind: 'object', typeName: type.name, list: type.list, perHandling, fields };
  }
  if (type.kind === 'ENUM') return { kind: 'select', enumName: type.name };
  if (type.name === 'Boolean') return { kind: 'switch' };
  if (type.name === dateScalar) return { kind: 'date' };
  if (type.name === 'ID' && name.endsWith('Id')) {
    const entity = referenceTarget(name, on, types);
    if (entity) return { kind: 'reference', entity };
  }
  return { kind: 'text' };
}

/** Dates after the rest (the order of the API's fields is its own: declared, or sorted in the printed schema). */
const datesLast = (fields: DialogField[]) => [...fields.filter((field) => field.widget.kind !== 'date'), ...fields.filter((field) => field.widget.kind === 'date')];

/** The fields of an input object inside a step's input (a unit and its due date; a handling and its satisfaction), required as the API requires them. */
export function objectFields(typeName: string, types: readonly IntrospectionType[]): DialogField[] {
  return datesLast(
    inputObject(types, typeName).inputFields.map((field) => ({
      name: field.name,
      label: null,
      widget: widgetOf(field.name, field.type, undefined, types),
      required: unwrap(field.type).nonNull && field.defaultValue == null,
    })),
  );
}

/**
 * The outcome a deciding value leads to: an enum value names its step (ReviewDecision ACCEPT → step ACCEPT); a
 * flag's true leads to the transition's first step and false to its second (SUPERVISE / UNSUPERVISE,
 * ACCEPT_REASSIGNMENT / REFUSE_REASSIGNMENT: the table lists them so).
 */
function stepOf(transition: WorkflowTransition, value: string | boolean): SuggestionStep | undefined {
  if (typeof value === 'boolean') return transition.steps[value ? 0 : 1];
  return transition.steps.find((step) => step === value);
}

/** The values of the deciding field that lead to one of `steps`. */
function valuesLeadingTo(transition: WorkflowTransition, decider: DialogField, types: readonly IntrospectionType[], steps: readonly SuggestionStep[]): (string | boolean)[] {
  const candidates: (string | boolean)[] = decider.widget.kind === 'switch' ? [true, false] : decider.widget.kind === 'select' ? enumValuesOf(types, decider.widget.enumName) : [];
  return candidates.filter((value) => {
    const step = stepOf(transition, value);
    return step !== undefined && steps.includes(step);
  });
}

/**
 * The fields of a step's form (its mutation's input, `inflection.workflowInput`), in order: the facts as declared,
 * then the other inputs with dates last. A fact needed only for some outcomes is shown and required when the
 * deciding fact (the first required select or switch) leads to one of them; `requiredFor: []` is never required.
 */
export function dialogFields(transition: WorkflowTransition, types: readonly IntrospectionType[]): DialogField[] {
  const input = inputObject(types, inflection.workflowInput(transition));
  const factOf = (name: string): WorkflowFact | undefined => transition.facts.find((fact) => fact.name === name);
  const base = input.inputFields.map((field): DialogField => {
    const fact = factOf(field.name);
    const nonNull = unwrap(field.type).nonNull && field.defaultValue == null;
    return {
      name: field.name,
      label: fact ? { zh: fact.labelZh, en: fact.labelEn } : null,
      widget: widgetOf(field.name, field.type, transition.on, types),
      required: fact ? fact.requiredFor === undefined : nonNull,
    };
  });
  const decider = base.find((field) => field.required && factOf(field.name) && (field.widget.kind === 'select' || field.widget.kind === 'switch'));
  const withConditions = base.map((field): DialogField => {
    const requiredFor = factOf(field.name)?.requiredFor;
    if (!requiredFor?.length || !decider) return field;
    return { ...field, when: { field: decider.name, values: valuesLeadingTo(transition, decider, types, requiredFor) } };
  });
  const factOrder = (field: DialogField) => transition.facts.findIndex((fact) => fact.name === field.name);
  const facts = withConditions.filter((field) => factOrder(field) >= 0).sort((a, b) => factOrder(a) - factOrder(b));
  const others = withConditions.filter((field) => factOrder(field) < 0);
  return [...facts, ...datesLast(others)];
}

/** Whether a field is shown (and sent) with the form's values as they stand. */
export const isShown = (field: DialogField, values: Record<string, unknown>) => !field.when || field.when.values.includes(values[field.when.field] as string | boolean);

/** The input sent: the shown fields' values, text trimmed, empty text and empty list items left out. */
export function stepInput(fields: readonly DialogField[], values: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    if (!isShown(field, values)) continue;
    const value = clean(values[field.name]);
    if (value !== undefined) input[field.name] = value;
  }
  return input;
}

/** Text trimmed, empty text and empty objects dropped, lists of objects left without their empty items. */
function clean(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (Array.isArray(value)) return value.map(clean).filter((item) => item !== undefined);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).flatMap(([key, item]) => {
      const cleaned = clean(item);
      return cleaned === undefined ? [] : [[key, cleaned] as const];
    });
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return value ?? undefined;
}
