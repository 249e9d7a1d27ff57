/** A field's value as plain text (histories, the conflict dialog, pickers): labels, titles and formats applied. */
import type { TranslateFunction } from 'react-admin';
import { recordTitle, type Model } from '../metadata/model';
import type { FieldMeta, Language } from '../metadata/types';
import { formatDate, formatDateTime, formatInt, formatMoney } from './format';
import { formatTerm } from '../../../schema/shared/term';

/** What a value reads as on screen. */
export function plainValue(model: Model, field: FieldMeta, value: unknown, language: Language, translate: TranslateFunction): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.kind) {
    case 'enum':
      return translate(`crc.enums.${field.graphqlType}.${value}`, { _: String(value) });
    case 'boolean':
      return translate(value ? 'ra.boolean.true' : 'ra.boolean.false');
    case 'reference':
      return field.reference ? recordTitle(model, field.reference.entity, value) : '';
    case 'date':
      return formatDate(value, language);
    case 'datetime':
      return formatDateTime(value, language);
    case 'money':
      return formatMoney(value, language);
    case 'int':
      if (field.display === 'term') return formatTerm(value as number, language);
      return typeof value !== 'number' ? String(value) : formatInt(value);
    case 'json':
      return JSON.stringify(value);
    case 'referenceList':
      return '';
    default:
      return String(value);
  }
}
