/** Questions about the model that every screen asks: which fields a view shows, how a record is named. */
import type { View } from '../../../schema/shared/field-kinds.js';
import type { EntityMeta, FieldMeta, Language, Metadata } from './types.js';
import { inflection } from '../../../schema/shared/inflection.js';

/** A lookup of entities by name, built once per metadata answer. */
export type Model = Metadata & { entity: (name: string) => EntityMeta; find: (name: string) => EntityMeta | undefined };

/** Wraps the metadata answer with a by-name index. */
export function buildModel(metadata: Metadata): Model {
  const byName = new Map(metadata.entities.map((entity) => [entity.name, entity]));
  return {
    ...metadata,
    find: (name) => byName.get(name),
    entity: (name) => {
      const entity = byName.get(name);
      if (!entity) throw new Error(`unknown entity ${name}`);
      return entity;
    },
  };
}

/** The fields an entity shows in one view, in model order. */
export function fieldsIn(entity: EntityMeta, view: View): FieldMeta[] {
  return entity.fields.filter((field) => field.views.includes(view));
}

/** The fields a form edits: shown in the view and writable. */
export function formFields(entity: EntityMeta, view: 'create' | 'edit'): FieldMeta[] {
  return fieldsIn(entity, view).filter((field) => !field.readOnly && field.kind !== 'referenceList');
}

/** A field's label in a language. */
export const labelOf = (item: { labelZh: string; labelEn: string }, language: Language) => (language === 'en' ? item.labelEn : item.labelZh);

/** The form source of a field: references are set through `<field>Id` (API.md conventions). */
export const sourceOf = (field: FieldMeta) => (field.kind === 'reference' ? inflection.referenceInput(field.name) : field.name);

/** The text that names a record: its title field, following references (a deputy is named by its person). */
export function recordTitle(model: Model, entityName: string, record: unknown, depth = 0): string {
  if (!record || typeof record !== 'object') return '';
  const entity = model.find(entityName);
  const values = record as Record<string, unknown>;
  if (!entity) return String(values.id ?? '');
  const field = entity.fields.find((candidate) => candidate.name === entity.titleField);
  const value = values[entity.titleField];
  if (field?.kind === 'reference' && field.reference && depth < 3) return recordTitle(model, field.reference.entity, value, depth + 1) || `#${values.id}`;
  if (value === null || value === undefined || value === '') return `#${values.id ?? ''}`;
  return String(value);
}

/** The field a path of references leads to from an entity (`Deputy`, `['person', 'gender']` → Person's gender); none if the model has no such path. */
export function fieldAtPath(model: Model, entityName: string, path: readonly string[]): FieldMeta | undefined {
  let entity = model.find(entityName);
  let field: FieldMeta | undefined;
  for (const step of path) {
    field = entity?.fields.find((candidate) => candidate.name === step);
    entity = field?.reference ? model.find(field.reference.entity) : undefined;
  }
  return field;
}
