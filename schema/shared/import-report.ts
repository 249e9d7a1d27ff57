/** What an import answers (POST /import/<Entity>), shared by the server that writes it and the console that shows it. */

/** `dry-run`: check and roll back; `all`: save only if every row passes; `valid-only`: save the rows that pass. */
export type ImportMode = 'dry-run' | 'all' | 'valid-only';

/** One problem of a row (or of the file, row null), by spreadsheet row and column header, in both languages. */
export type ImportIssue = { row: number | null; column: string | null; zh: string; en: string };

export type ImportReport = {
  entity: string;
  mode: ImportMode;
  /** Data rows read (the header row not counted). */
  rows: number;
  /** Rows written as new records (or, in a dry run, that would be). */
  created: number;
  /** With `upsert`: rows that named a record by its natural key and changed it, or found it as it was. */
  updated: number;
  unchanged: number;
  refused: number;
  /** Whether anything was saved. */
  committed: boolean;
  /** What was saved is one batch (its audit entries' request id): an administrator may undo it (`undoImport`). */
  batch: string | null;
  mapping: { header: string; field: string | null }[];
  unmatched: string[];
  issues: ImportIssue[];
  /** The template's example row was left in the file and skipped. */
  exampleSkipped: boolean;
};
