/**
 * Bulk loading with PostgreSQL COPY, streamed: rows go out as they are generated, so memory stays flat
 * whatever the table's size. Never row by row, never through the ORM.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';

export type Cell = string | number | boolean | null | undefined;

const special = /[\\\t\n\r]/;

/** COPY's text format: backslash escapes for the characters that delimit fields and rows; \N is null. */
function encode(cell: Cell): string {
  if (cell === null || cell === undefined) return '\\N';
  if (typeof cell !== 'string') return String(cell);
  if (!special.test(cell)) return cell;
  return cell.replace(/[\\\t\n\r]/g, (char) => (char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r'));
}

function line(row: Cell[]): string {
  let text = encode(row[0]);
  for (let index = 1; index < row.length; index++) text += `\t${encode(row[index])}`;
  return `${text}\n`;
}

/** Gathers COPY lines into chunks of about 64 KiB: `add` hands back a chunk once one is full. */
function chunker(onRow?: () => void) {
  let chunk = '';
  return {
    add(row: Cell[]): string | undefined {
      chunk += line(row);
      onRow?.();
      if (chunk.length <= 65_536) return undefined;
      const full = chunk;
      chunk = '';
      return full;
    },
    rest: () => chunk,
  };
}

/** Rows as COPY text; a plain iterable is walked without a promise per row (one costs more than the row). */
async function* lines(rows: Iterable<Cell[]> | AsyncIterable<Cell[]>, onRow?: () => void): AsyncGenerator<string> {
  const chunks = chunker(onRow);
  if (Symbol.iterator in rows) {
    for (const row of rows) {
      const full = chunks.add(row);
      if (full) yield full;
    }
  } else {
    for await (const row of rows) {
      const full = chunks.add(row);
      if (full) yield full;
    }
  }
  if (chunks.rest()) yield chunks.rest();
}

/** Streams `rows` into `table` (its `columns`, in order) with one COPY; returns the number of rows. */
export async function copyRows(client: pg.ClientBase, table: string, columns: readonly string[], rows: Iterable<Cell[]> | AsyncIterable<Cell[]>, onRow?: () => void): Promise<number> {
  const target = client.query(copyStreams.from(`copy "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) from stdin`));
  let count = 0;
  await pipeline(
    Readable.from(
      lines(rows, () => {
        count += 1;
        onRow?.();
      }),
    ),
    target,
  );
  return count;
}

/** After rows were copied with explicit ids, moves each table's id sequence past its largest id. */
export async function syncIdSequences(client: pg.ClientBase, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await client.query(`select setval(pg_get_serial_sequence($1, 'id'), greatest((select max(id) from "${table}"), 1))`, [table]);
  }
}
