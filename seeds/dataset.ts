/**
 * A generated data set in memory: rows per table, keyed by column name, with ids local to the set
 * (1, 2, 3 … per table). The loader shifts every id and every reference past what the target database
 * already holds, so a set loads into any database without colliding.
 */
import type { Cell } from './copy.js';

export type Row = Record<string, Cell>;

export class Dataset {
  private readonly tables = new Map<string, Row[]>();

  /** Adds a row to `table`, giving it the next local id; returns that id. */
  add(table: string, row: Row): number {
    const rows = this.rows(table);
    const id = rows.length + 1;
    rows.push({ id, ...row });
    return id;
  }

  rows(table: string): Row[] {
    let rows = this.tables.get(table);
    if (!rows) {
      rows = [];
      this.tables.set(table, rows);
    }
    return rows;
  }

  /** Tables in the order rows were first added (parents before children when generators run in order). */
  tableNames(): string[] {
    return [...this.tables.keys()];
  }

  counts(): Record<string, number> {
    return Object.fromEntries([...this.tables].map(([table, rows]) => [table, rows.length]));
  }
}
