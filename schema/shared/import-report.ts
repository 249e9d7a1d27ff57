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

/** A job's state: reading, checking and writing (`running`), or ended — with its report, refused, or cancelled. */
export type ImportJobState = 'running' | 'done' | 'failed' | 'cancelled';

/** An import running in the background, or ended (GET /import/jobs/<id>, `importJob`), as its user sees it. */
export type ImportJob = {
  id: string;
  entity: string;
  filename: string;
  mode: ImportMode;
  upsert: boolean;
  /** The dry run whose file this commit imports. */
  source: string | null;
  state: ImportJobState;
  /** Rows read from the file so far; rows checked and written (in a dry run: tried); of about `total` (null: not known yet). */
  read: number;
  done: number;
  total: number | null;
  /** When done: what the import found or did. */
  report: ImportReport | null;
  /** When failed or cancelled: why, in both languages. */
  error: { zh: string; en: string } | null;
  startedAt: string;
  finishedAt: string | null;
  /** Whether the file is still kept (a day): a dry run can then be committed, and its problems downloaded, without sending it again. */
  fileKept: boolean;
};
