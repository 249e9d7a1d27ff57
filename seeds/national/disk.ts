/**
 * The free-disk check before a load: the data set's size is estimated from its rows (each table's bytes
 * per row, indexes included) plus room for the write-ahead log, and compared with the free space of the
 * filesystem holding PostgreSQL's data directory — when the server tells us where that is (superusers
 * and pg_read_all_settings only), else the embedded cluster's directory, else the current directory.
 */
import fs from 'node:fs/promises';
import type pg from 'pg';
import { readConfig } from '../../server/config.js';

/** Write-ahead log and sort files the load needs on top of the data (max_wal_size is 1 GB by default). */
const headroomBytes = 3 * 1024 ** 3;

export class ScaleRefusal extends Error {
  override name = 'ScaleRefusal';
}

export const gigabytes = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GB`;

async function dataDirectory(client: pg.ClientBase): Promise<string> {
  try {
    const { rows } = await client.query<{ data_directory: string }>('show data_directory');
    await fs.access(rows[0].data_directory);
    return rows[0].data_directory;
  } catch {
    const embedded = readConfig().dataDir;
    return (await fs.access(embedded).then(
      () => true,
      () => false,
    ))
      ? embedded
      : process.cwd();
  }
}

/** Refuses (ScaleRefusal) when the filesystem has less free space than the load needs. */
export async function checkFreeDisk(client: pg.ClientBase, dataBytes: number, describe: string): Promise<{ path: string; freeBytes: number; neededBytes: number }> {
  const path = await dataDirectory(client);
  const stats = await fs.statfs(path);
  const freeBytes = stats.bavail * stats.bsize;
  const neededBytes = dataBytes + headroomBytes;
  if (freeBytes < neededBytes) {
    throw new ScaleRefusal(
      `not enough free disk for ${describe}: it needs about ${gigabytes(neededBytes)} (data, indexes and write-ahead log), ` +
        `but only ${gigabytes(freeBytes)} are free on ${path}. Free some space or choose a smaller --scale.`,
    );
  }
  return { path, freeBytes, neededBytes };
}
