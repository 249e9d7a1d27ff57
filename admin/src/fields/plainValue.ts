/** A field's value as plain text (CSV cells, the conflict dialog): labels, titles and formats applied. */
import type { TranslateFunction } from 'react-admin';
import { recordTitle, type Model } from '../metadata/model';
import type { FieldMeta, Language } from '../metadata/types';
import { formatDate, formatDateTime, formatInt, formatMoney, withScale } from './format';

type Purpose = 'display' | 'export';

/** What a value reads as; exports keep counts, amounts and dates machine-readable (123456, 1500.00, 2024-03-01) for Excel. */
export function plainValue(model: Model, field: FieldMeta, value: unknown, language: Language, translate: TranslateFunction, purpose: Purpose = 'display'): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.kind) {
    case 'enum':
      return translate(`crc.enums.${field.graphqlType}.${value}`, { _: String(value) });
    case 'boolean':
      return translate(value ? 'ra.boolean.true' : 'ra.boolean.false');
    case 'reference':
      return field.reference ? recordTitle(model, field.reference.entity, value) : '';
    case 'date':
      return purpose === 'export' ? String(value) : formatDate(value, language);
    case 'datetime':
      return formatDateTime(value, language);
    case 'money':
      return purpose === 'export' ? withScale(String(value), 2) : formatMoney(value, language);
    case 'int':
      return purpose === 'export' || typeof value !== 'number' ? String(value) : formatInt(value);
    case 'json':
      return JSON.stringify(value);
    case 'referenceList':
      return '';
    default:
      return String(value);
  }
}
