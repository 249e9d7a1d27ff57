/**
 * Streams one table generator into PostgreSQL with a single COPY: the generator fills a RowSink county by
 * county and the sink's text goes out in chunks of about 256 KiB, waiting whenever the connection is
 * behind, so memory stays flat however many rows the table has. The lines are COPY text already (see
 * table.ts), which spares the per-cell encoding of seeds/copy.ts on 30 million rows.
 *
 * With `freeze` (the table was truncated in this transaction) the rows are written frozen and all-visible,
 * so the loaded database needs no vacuum before index-only scans work.
 */
import { once } from 'node:events';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { type BlockTable, blockTables, type Plan } from './plan.js';
import { RowSink, type TableGenerator } from './table.js';

const chunkLength = 1 << 18;
/** How much text may wait in the stream for the socket: lets generation run ahead of the server. */
const bufferedBytes = 1 << 22;

export async function copyTable(client: pg.ClientBase, generator: TableGenerator, plan: Plan, options: { freeze: boolean; onRows?: (rows: number) => void }): Promise<number> {
  const { table, columns } = generator;
  const sink = new RowSink(plan.offsets[table] ?? 0);
  const sql = `copy "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) from stdin${options.freeze ? ' with (freeze)' : ''}`;
  const stream = client.query(copyStreams.from(sql, { highWaterMark: bufferedBytes }));
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  finished.catch(() => undefined); // observed below; never an unhandled rejection meanwhile
  const send = async () => {
    if (!stream.write(sink.take())) await Promise.race([once(stream, 'drain'), finished]);
    // Let the event loop hand the queued text to the socket before generating the next chunk.
    else await new Promise(setImmediate);
    options.onRows?.(sink.rows);
  };
  const blocks = (blockTables as readonly string[]).includes(table) ? plan.blocks[table as BlockTable] : undefined;
  try {
    generator.prelude?.(plan, sink);
    for (let c = 0; c < plan.counties; c++) {
      generator.county(plan, c, sink);
      if (blocks && sink.rows !== blocks[c + 1]) {
        throw new Error(`${table}: county ${c} has ${sink.rows - blocks[c]} rows, the plan laid out ${blocks[c + 1] - blocks[c]}`);
      }
      if (sink.pendingLength >= chunkLength) await send();
    }
    if (sink.pendingLength > 0) await send();
    stream.end();
    await finished;
  } catch (error) {
    stream.destroy(error as Error);
    await finished.catch(() => undefined);
    throw error;
  }
  return sink.rows;
}
