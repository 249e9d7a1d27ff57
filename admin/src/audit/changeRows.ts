/**
 * An audit entry's changes as text: each field under its label in the current language, with its value
 * before and after as the screens show values (enum labels, dates, amounts; a reference by its record's
 * title when known, else its number); the free-form notes of loads, resets and personal reads as they were written.
 */
import type { TranslateFunction } from 'react-admin';
import { plainValue } from '../fields/plainValue';
import { labelOf, type Model } from '../metadata/model';
import type { FieldMeta, Language } from '../metadata/types';
import type { Changes } from './types';

/** A changed field (`before`, `after`) or a note (`value`), as display text. */
export type ChangeRow = { key: string; label: string } & ({ before: string; after: string } | { value: string });

/** `titles`: the referenced records' titles by `Entity:id` (useRecordTitles), where they have been read. */
export type ChangeContext = { model: Model; language: Language; translate: TranslateFunction; titles?: ReadonlyMap<string, string> };

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

const isChange = (value: unknown): value is { before: unknown; after: unknown } => typeof value === 'object' && value !== null && !Array.isArray(value) && 'before' in value && 'after' in value;

/**
 * A note's value: lists joined (a field name in them read as its label: a personal read's `fields`),
 * nested notes (a load's per-table `{ rows, dataset }`) as `label value` pairs.
 */
function noteText(value: unknown, translate: TranslateFunction, fieldLabel: (name: string) => string | undefined): string {
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? (fieldLabel(item) ?? item) : noteText(item, translate, fieldLabel))).join(', ');
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .map(([key, item]) => `${translate(`crc.audit.notes.${key}`, { _: key })} ${noteText(item, translate, fieldLabel)}`)
      .join(', ');
  }
  return String(value ?? '');
}

/** One stored value of a field; a reference is stored as its record's id. */
function changeValue(field: FieldMeta | undefined, value: unknown, { model, language, translate, titles }: ChangeContext): string {
  if (isEmpty(value)) return translate('crc.history.empty');
  if (!field) return typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (field.kind === 'reference') return (field.reference && titles?.get(`${field.reference.entity}:${String(value)}`)) || `#${value}`;
  return plainValue(model, field, value, language, translate) || String(value);
}

/** The rows of an entry's changes, in the entity's field order, then keys that name no field; unchanged emptiness left out. */
export function changeRows(entityName: string, changes: Changes, context: ChangeContext): ChangeRow[] {
  const fields = context.model.find(entityName)?.fields ?? [];
  const fieldLabel = (name: string) => {
    const field = fields.find((candidate) => candidate.name === name);
    return field && labelOf(field, context.language);
  };
  const order = (key: string) => {
    const index = fields.findIndex((field) => field.name === key);
    return index < 0 ? fields.length : index;
  };
  return Object.entries(changes)
    .filter(([, change]) => !(isChange(change) && isEmpty(change.before) && isEmpty(change.after)))
    .sort(([a], [b]) => order(a) - order(b))
    .map(([key, change]): ChangeRow => {
      const field = fields.find((candidate) => candidate.name === key);
      const label = fieldLabel(key) ?? context.translate(`crc.audit.notes.${key}`, { _: key });
      if (!isChange(change)) return { key, label, value: noteText(change, context.translate, fieldLabel) };
      return { key, label, before: changeValue(field, change.before, context), after: changeValue(field, change.after, context) };
    });
}

/** Operations whose one side is empty throughout: a new record has only values after, a purged one only before. */
const oneSided: Record<string, 'before' | 'after'> = { CREATE: 'after', IMPORT: 'after', PURGE: 'before' };

/** The changes of an entry in one line, for the audit log's rows. */
export function changeSummary(operation: string, rows: readonly ChangeRow[], translate: TranslateFunction): string {
  const side = oneSided[operation];
  return rows
    .map((row) => {
      if ('value' in row) return translate('crc.audit.note', { field: row.label, value: row.value });
      if (side) return translate('crc.audit.note', { field: row.label, value: row[side] });
      return translate('crc.audit.change', { field: row.label, before: row.before, after: row.after });
    })
    .join(translate('crc.audit.separator'));
}
