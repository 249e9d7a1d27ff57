/**
 * Which spreadsheet column is which field: a header matches a column by its Chinese or English label or the
 * field's own name, whatever the case, full-width letters, spaces or required marks (`姓名*`, `姓名（必填）`);
 * the user may correct any guess (`overrides`: header → column key, or '' to leave a column out). What is not
 * matched is said, and so is a required field no column gives.
 */
import { normaliseText } from './cell-values.js';
import type { ImportColumn } from './columns.js';

export type ColumnMapping = {
  /** For each spreadsheet column (by position), the field it fills, or null: left out. */
  columns: (ImportColumn | null)[];
  /** Headers no field matched (left out unless the user maps them). */
  unmatched: { index: number; header: string }[];
  /** Required fields no column gives: every row would be refused. */
  missing: ImportColumn[];
  /** Fields two columns claim: the first is taken, the later ones named. */
  repeated: { index: number; header: string; column: ImportColumn }[];
};

/** A header as compared: no required mark, no spaces, one case, half-width. */
export const headerKey = (text: string) =>
  normaliseText(text)
    .replace(/[*＊]+$/, '')
    .replace(/[（(]\s*(必填|required)\s*[)）]$/i, '')
    .replace(/\s+/g, '')
    .toLowerCase();

/** The column an error report adds (error-report.ts): left out, unasked, when the corrected report comes back. */
export const problemsHeader = { zh: '问题', en: 'Problems' } as const;
const reportColumns = new Set(Object.values(problemsHeader).map((name) => name.toLowerCase()));

export function mapColumns(columns: readonly ImportColumn[], headers: readonly string[], overrides: Record<string, string> = {}): ColumnMapping {
  const byName = new Map<string, ImportColumn>();
  for (const column of columns) {
    for (const name of [column.labelZh, column.labelEn, column.field.name, column.key]) byName.set(headerKey(name), column);
  }
  const byKey = new Map(columns.map((column) => [column.key, column]));
  const taken = new Set<ImportColumn>();
  const mapping: ColumnMapping = { columns: [], unmatched: [], missing: [], repeated: [] };
  headers.forEach((header, index) => {
    const override = overrides[header];
    const column = override === undefined ? byName.get(headerKey(header)) : override === '' ? undefined : byKey.get(override);
    if (!column) {
      if (override !== '' && header.trim() !== '' && !reportColumns.has(headerKey(header))) mapping.unmatched.push({ index, header });
      mapping.columns.push(null);
    } else if (taken.has(column)) {
      mapping.repeated.push({ index, header, column });
      mapping.columns.push(null);
    } else {
      taken.add(column);
      mapping.columns.push(column);
    }
  });
  mapping.missing = columns.filter((column) => column.required && !taken.has(column));
  return mapping;
}
