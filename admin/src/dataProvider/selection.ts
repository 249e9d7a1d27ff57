/** Which fields a query selects, derived from metadata: scalars, and each reference's id and title. */
import type { Model } from '../metadata/model';
import type { EntityMeta } from '../metadata/types';
import { inflection } from '../../../schema/shared/inflection';

/** `id` plus the title field of a referenced record, following references that are titles themselves. */
export function referenceSelection(model: Model, entityName: string, depth = 0): string {
  const entity = model.find(entityName);
  if (!entity) return 'id';
  const title = entity.fields.find((field) => field.name === entity.titleField);
  if (!title || title.name === 'id') return 'id';
  if (title.kind === 'reference' && title.reference) {
    return depth < 2 ? `id ${title.name} { ${referenceSelection(model, title.reference.entity, depth + 1)} }` : 'id';
  }
  return `id ${title.name}`;
}

/** Every field of a record except to-many lists (those load in their own paginated queries). */
export function recordSelection(model: Model, entity: EntityMeta): string {
  return entity.fields
    .filter((field) => field.kind !== 'referenceList')
    .map((field) => (field.kind === 'reference' && field.reference ? `${field.name} { ${referenceSelection(model, field.reference.entity)} }` : field.name))
    .join(' ');
}

/** Adds `<field>Id` beside every reference, the form source that create and update inputs take. */
export function parseRecord(entity: EntityMeta, node: Record<string, unknown>): Record<string, unknown> & { id: string } {
  const record: Record<string, unknown> = { ...node };
  for (const field of entity.fields) {
    if (field.kind !== 'reference') continue;
    const target = node[field.name] as { id?: string } | null | undefined;
    record[inflection.referenceInput(field.name)] = target?.id ?? null;
  }
  return record as Record<string, unknown> & { id: string };
}

/** What names a referenced record in an export: its title field, followed through references (`person { name }`). */
export function titleSelection(model: Model, entityName: string, depth = 0): string {
  const entity = model.find(entityName);
  const title = entity?.fields.find((field) => field.name === entity.titleField);
  if (!title || title.name === 'id' || depth > 2) return 'id';
  return title.kind === 'reference' && title.reference ? `${title.name} { ${titleSelection(model, title.reference.entity, depth + 1)} }` : title.name;
}

/**
 * What a reference picker fetches: the id, the title and the model's `pickerFields` (references by their
 * titles) — nothing else, so a keystroke reads no personal identifier (and records no personal read).
 */
export function pickerSelection(model: Model, entity: EntityMeta): string {
  const details = entity.pickerFields
    .map((name) => entity.fields.find((field) => field.name === name))
    .filter((field): field is NonNullable<typeof field> => Boolean(field))
    .map((field) => (field.kind === 'reference' && field.reference ? `${field.name} { ${referenceSelection(model, field.reference.entity)} }` : field.name));
  return [...new Set(['id', titleSelection(model, entity.name), ...details])].join(' ');
}
