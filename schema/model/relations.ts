/** What a model's fields point to, read from the registry: targets, stored fields, natural keys, the keys and back references of relations. */
import { inflection } from '../shared/inflection.js';
import { modelOf, type FieldMeta, type ModelMeta } from './registry.js';

export function targetOf(field: FieldMeta): ModelMeta {
  if (!field.target) throw new Error(`${field.name} is not a relation`);
  return modelOf(field.target());
}

/** Fields with a column of their own (everything but to-many lists). */
export function storedFields(model: ModelMeta): FieldMeta[] {
  return model.fields.filter((field) => field.kind !== 'referenceList');
}

/** A model's natural keys: its unique text fields (a region's code, a person's ID number), by which an import finds a record. */
export function naturalKeys(model: ModelMeta): FieldMeta[] {
  return model.fields.filter((field) => field.unique && field.kind === 'text');
}

export function relationLists(model: ModelMeta): FieldMeta[] {
  return model.fields.filter((field) => field.kind === 'referenceList');
}

export function references(model: ModelMeta): FieldMeta[] {
  return model.fields.filter((field) => field.kind === 'reference');
}

/** The key a row carries for a reference: `person` → `personId`. */
export function referenceKey(field: FieldMeta): string {
  return inflection.referenceInput(field.name);
}

/** The field a to-many list joins on: the join entity's reference pointing back. */
export function backReference(list: FieldMeta): { child: ModelMeta; field: FieldMeta } {
  const child = targetOf(list);
  const field = child.fields.find((candidate) => candidate.name === list.mappedBy);
  if (!field?.column) throw new Error(`${child.name}.${list.mappedBy} is not a reference`);
  return { child, field };
}
