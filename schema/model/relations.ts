/** What a model's fields point to, read from the registry: targets, stored fields, natural keys, the keys and back references of relations. */
import { inflection } from '../shared/inflection.js';
import { modelOf, type FieldMeta, type ModelMeta } from './registry.js';

/**
 * The columns the server or the database derives from a model's fields, which no one writes and no form shows: a
 * name's pinyin forms (`name_pinyin`), the region prefixes. The audit trail does not record them (crc_audit_rows).
 */
export function derivedColumns(model: ModelMeta): string[] {
  return [...model.fields.flatMap((field) => (field.pinyin ? [field.pinyin.column] : [])), ...(model.regionPrefixesColumn ? [model.regionPrefixesColumn] : [])];
}

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

/**
 * One step along a dotted path of relations (a model's `regionPaths`, `organisationPaths`): from the rows of `from`
 * to the rows of `to` where `from.fromColumn = to.toColumn`. A reference steps from its column to the target's id
 * (`deputy.region`: region_id → id), a to-many list from the id to its child's back reference (`seats`: id →
 * person_id).
 */
export type PathStep = { kind: 'reference' | 'list'; from: ModelMeta; to: ModelMeta; fromColumn: string; toColumn: string };

/** The steps along `path` from `model` (none for ''); a name that is neither a reference nor a list is an error. */
export function stepsAlong(model: ModelMeta, path: string): PathStep[] {
  const steps: PathStep[] = [];
  let from = model;
  for (const name of path === '' ? [] : path.split('.')) {
    const field = from.fields.find((candidate) => candidate.name === name);
    if (field?.kind === 'reference') {
      steps.push({ kind: 'reference', from, to: targetOf(field), fromColumn: field.column!, toColumn: 'id' });
    } else if (field?.kind === 'referenceList') {
      const { child, field: back } = backReference(field);
      steps.push({ kind: 'list', from, to: child, fromColumn: 'id', toColumn: back.column! });
    } else throw new Error(`${model.name}'s path ${path} names ${from.name}.${name}, which is neither a reference nor a list`);
    from = steps[steps.length - 1].to;
  }
  return steps;
}

/** The model a path's steps end at (`model` itself for none). */
export function endOf(model: ModelMeta, steps: readonly PathStep[]): ModelMeta {
  return steps.length ? steps[steps.length - 1].to : model;
}
