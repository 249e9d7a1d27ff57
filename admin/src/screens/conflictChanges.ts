/** What changed between the record a user opened and the one saved meanwhile, field by field. */
import type { TranslateFunction } from 'react-admin';
import { plainValue } from '../fields/plainValue';
import { formFields, labelOf, type Model } from '../metadata/model';
import type { EntityMeta, FieldMeta, Language } from '../metadata/types';

export type Change = { field: string; label: string; loaded: string; current: string };

/**
 * The fields whose value differs between the loaded and the current record, as display text: the form's fields,
 * or those given (a workflow step compares what the steps change, which no form edits).
 */
export function conflictChanges(
  model: Model,
  entity: EntityMeta,
  loaded: Record<string, unknown>,
  current: Record<string, unknown>,
  language: Language,
  translate: TranslateFunction,
  fields: readonly FieldMeta[] = formFields(entity, 'edit'),
): Change[] {
  return fields.flatMap((field) => {
    const before = plainValue(model, field, loaded[field.name], language, translate);
    const now = plainValue(model, field, current[field.name], language, translate);
    return before === now ? [] : [{ field: field.name, label: labelOf(field, language), loaded: before, current: now }];
  });
}
