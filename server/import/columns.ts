/**
 * What a spreadsheet of a model's records holds, from the model alone: one column per field a user writes
 * (never what the server sets: ids, versions, timestamps, derived fields, an owner), references by the record's
 * natural key or title (所属区划 as 灵台县 or 620822, a person by ID number), headed by the field's label. The
 * template, the header mapping, the reading of rows and the error report all take their columns from here, so a
 * field added to the model is imported with no code.
 */
import { domainEntities } from '../../schema/entities.js';
import { modelOf, type FieldMeta, type ModelMeta } from '../../schema/model/registry.js';
import { targetOf } from '../../schema/model/relations.js';
import { inflection } from '../../schema/shared/inflection.js';

export type ImportColumn = {
  field: FieldMeta;
  /** The create input's key: the field's name, or `regionId` for a reference. */
  key: string;
  labelZh: string;
  labelEn: string;
  required: boolean;
  /**
   * A reference: the model it names, and the paths a cell's text may match to find the record — its natural
   * keys, then its title; a title that is itself a reference is followed (a seat by its person: `person.idNumber`).
   */
  reference?: { model: ModelMeta; by: string[][] };
};

/** The models a spreadsheet may bring records of: the secretariat's records and regions (not dashboards or saved queries, which are one's own; not users). */
export function importableModels(): ModelMeta[] {
  return domainEntities.map(modelOf).filter(isImportable);
}

export const isImportable = (model: ModelMeta) => model.operations.includes('create') && (model.access === 'records' || model.access === 'reference');

/** The paths a cell may name a record of `model` by: its unique text fields, then its title (through a referenced title, once). */
export function lookupPaths(model: ModelMeta, depth = 0): string[][] {
  const unique = model.fields.filter((field) => field.unique && field.kind === 'text').map((field) => [field.name]);
  const title = model.fields.find((field) => field.name === model.titleField);
  if (title?.kind === 'text' && !title.unique) return [...unique, [title.name]];
  if (title?.kind === 'reference' && depth === 0) return [...unique, ...lookupPaths(targetOf(title), depth + 1).map((path) => [title.name, ...path])];
  return unique;
}

export function importColumns(model: ModelMeta): ImportColumn[] {
  return model.fields
    .filter((field) => field.kind !== 'referenceList' && !field.readOnly && field.kind !== 'json')
    .map((field) => {
      const base = { field, labelZh: field.labelZh, labelEn: field.labelEn, required: field.required };
      if (field.kind !== 'reference') return { ...base, key: field.name };
      const target = targetOf(field);
      return { ...base, key: inflection.referenceInput(field.name), reference: { model: target, by: lookupPaths(target) } };
    });
}
