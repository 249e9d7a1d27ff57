/**
 * CSV export of the filtered list: the list's columns with their labels in the current language as
 * headers, values as read on screen, and a UTF-8 byte-order mark so Excel and WPS open Chinese cleanly.
 */
import { useCallback } from 'react';
import { downloadCSV, useTranslate, type Exporter } from 'react-admin';
import { plainValue } from '../fields/plainValue';
import { useLanguage } from '../fields/useLanguage';
import { useModel } from '../metadata/ModelContext';
import { fieldsIn, labelOf } from '../metadata/model';
import type { EntityMeta } from '../metadata/types';

const byteOrderMark = '\uFEFF';

/** Quotes a cell when it holds a separator, a quote or a line break (RFC 4180). */
export const csvCell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** The exporter for one entity's list, in the console's current language. */
export function useCsvExporter(entity: EntityMeta): Exporter {
  const model = useModel();
  const language = useLanguage();
  const translate = useTranslate();
  return useCallback(
    (records) => {
      const fields = fieldsIn(entity, 'list');
      const header = fields.map((field) => csvCell(labelOf(field, language)));
      const rows = records.map((record) => fields.map((field) => csvCell(plainValue(model, field, record[field.name], language, translate, 'export'))));
      const csv = [header, ...rows].map((cells) => cells.join(',')).join('\r\n');
      downloadCSV(`${byteOrderMark}${csv}`, `${labelOf(entity, language)}-${new Date().toISOString().slice(0, 10)}`);
    },
    [entity, model, language, translate],
  );
}
