/**
 * What every table generator provides, and the sink its rows go to. A generator writes the rows of one
 * county at a time as lines of COPY text (tab-separated, `\N` for null); the loader streams the sink's
 * text to PostgreSQL between counties, so a table is never held whole in memory.
 *
 * Generated values are digits, dates, enum codes and invented Chinese text: none contains a tab, a
 * newline or a backslash, so lines need no escaping (a stray tab would make COPY fail loudly).
 */
import type { Plan } from './plan.js';

/** COPY's null. */
export const NULL = '\\N';

export type TableGenerator = {
  table: string;
  /** The COPY columns, in the order of each line's fields; `id` first. */
  columns: readonly string[];
  /** Rough size of a stored row in bytes (heap and its share of the indexes), for the free-disk check. */
  bytesPerRow: number;
  /** Rows this table will have: exact for block tables, an estimate for the others (progress, disk). */
  expectedRows(plan: Plan): number;
  /** Rows that belong to no county (provinces and cities, province-wide standards). */
  prelude?(plan: Plan, out: RowSink): void;
  /** The rows of county c. */
  county(plan: Plan, c: number, out: RowSink): void;
};

/** Collects COPY lines and numbers the rows: ids follow the ids the database already had. */
export class RowSink {
  private text = '';
  private written = 0;

  constructor(private readonly offset: number) {}

  /** The id the next added row has. */
  nextId(): number {
    return this.offset + this.written + 1;
  }

  /** Adds one line (with its trailing newline). */
  add(line: string): void {
    this.text += line;
    this.written += 1;
  }

  get rows(): number {
    return this.written;
  }

  get pendingLength(): number {
    return this.text.length;
  }

  /** The text collected since the last call. */
  take(): string {
    const text = this.text;
    this.text = '';
    return text;
  }
}

/** Whole cents as a decimal string with two places: 80000 → "800.00" (money is never a float). */
export function money(cents: number): string {
  const whole = Math.floor(cents / 100);
  const rest = cents - whole * 100;
  return `${whole}.${rest < 10 ? '0' : ''}${rest}`;
}

/** A score in tenths as numeric(5,1) text: 875 → "87.5". */
export function tenths(value: number): string {
  return `${Math.floor(value / 10)}.${value % 10}`;
}
