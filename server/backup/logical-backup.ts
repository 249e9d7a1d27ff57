/**
 * A logical backup of an external database over an ordinary SQL connection as the owner role (no file access to
 * its data directory exists): one REPEATABLE READ, READ ONLY transaction — so one snapshot, every table as of the
 * same moment while writes go on — in which each product table's rows are streamed out with `COPY … TO STDOUT`
 * (text format, portable across PostgreSQL versions), gzipped, one file per table, then the sequences' values
 * and the migration level; then manifest.json (kind 'logical'). Written under BACKUP_DIR/base/<name>.partial
 * and renamed when complete, as the physical backups are, so retention, the listing and the console see both.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { migrationsTable } from '../db/orm.config.js';
import { BackupRefused } from './backup-refused.js';
import { manifestFormat, type LogicalManifest } from './backup-manifest.js';
import { backupName, baseBackupsDir, publishBackup, syncPath } from './base-backup.js';
import { hashingPassThrough } from './data-dir-tar.js';
import { ident, inForeignKeyOrder, leftOutTables, productSequences, productTables } from './logical-tables.js';

export type LogicalBackupOptions = {
  /** The owner role's connection (DATABASE_OWNER_URL): it owns, and so may read, every table. */
  connectionString: string;
  backupDir: string;
  now?: Date;
  /** Aborts the backup (the server stopping), leaving nothing. */
  signal?: AbortSignal;
};

export type LogicalBackupResult = { dir: string; manifest: LogicalManifest; seconds: number };

/** One table's rows into `file` (gzipped COPY text), synced; its size, sha256 and rows. */
async function copyTableOut(client: pg.Client, table: { name: string; columns: string[] }, file: string, signal?: AbortSignal) {
  const hash = crypto.createHash('sha256');
  const source = client.query(copyTo(`copy ${ident(table.name)} (${table.columns.map(ident).join(', ')}) to stdout`));
  const sink = fs.createWriteStream(file, { mode: 0o600 });
  await pipeline(source, zlib.createGzip({ level: 1 }), hashingPassThrough(hash), sink, { signal });
  await syncPath(file);
  return { bytes: (await fsp.stat(file)).size, sha256: hash.digest('hex'), rows: source.rowCount };
}

export async function takeLogicalBackup(options: LogicalBackupOptions): Promise<LogicalBackupResult> {
  const began = Date.now();
  const startedAt = options.now ?? new Date();
  const name = backupName(startedAt);
  const finalDir = path.join(baseBackupsDir(options.backupDir), name);
  if (await fsp.stat(finalDir).catch(() => undefined)) throw new BackupRefused(`备份 ${name} 已存在`, `a backup named ${name} exists already`);
  const client = new pg.Client({ connectionString: options.connectionString, application_name: 'crc-backup' });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupRefused(`无法连接数据库（DATABASE_OWNER_URL）：${(error as Error).message}`, `cannot connect to the database (DATABASE_OWNER_URL): ${(error as Error).message}`);
  }
  const dir = `${finalDir}.partial`;
  try {
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    await client.query('begin isolation level repeatable read, read only');
    // The snapshot is taken by the transaction's first query: whatever committed before this moment is in it.
    const holdsCommitsBefore = new Date();
    const tables = await inForeignKeyOrder(client, await productTables(client));
    // A migration's DDL waits for the backup rather than change a table between the snapshot and its COPY.
    if (tables.length) await client.query(`lock table ${tables.map((table) => ident(table.name)).join(', ')} in access share mode`);
    const files: LogicalManifest['files'] = {};
    const written: LogicalManifest['tables'] = [];
    const rowCounts: LogicalManifest['rowCounts'] = {};
    for (const table of tables) {
      const file = `${table.name}.copy.gz`;
      const { rows, ...digest } = await copyTableOut(client, table, path.join(dir, file), options.signal);
      files[file] = digest;
      written.push({ name: table.name, file, columns: table.columns, rows });
      rowCounts[table.name] = rows;
    }
    // Sequences are not transactional: their values now are at least those the snapshot's rows were given.
    const sequences: LogicalManifest['sequences'] = [];
    for (const sequence of await productSequences(client)) {
      const { rows } = await client.query<{ last_value: string; is_called: boolean }>(`select last_value::text, is_called from ${ident(sequence)}`);
      sequences.push({ name: sequence, lastValue: rows[0].last_value, isCalled: rows[0].is_called });
    }
    const hasMigrations = tables.some((table) => table.name === migrationsTable);
    const applied = hasMigrations ? (await client.query<{ name: string }>(`select name from ${ident(migrationsTable)} order by id`)).rows.map((row) => row.name) : [];
    const version = (await client.query<{ version: string; num: string }>(`select current_setting('server_version') as version, current_setting('server_version_num') as num`)).rows[0];
    await client.query('commit');
    const manifest: LogicalManifest = {
      format: manifestFormat,
      kind: 'logical',
      name,
      label: `crc ${name}`,
      startedAt: startedAt.toISOString(),
      holdsCommitsBefore: holdsCommitsBefore.toISOString(),
      stoppedAt: new Date().toISOString(),
      serverVersion: version.version,
      serverVersionNum: Number(version.num),
      migrations: { applied, last: applied.at(-1) ?? null },
      tables: written,
      sequences,
      leftOut: [...leftOutTables],
      rowCounts,
      files,
    };
    await publishBackup(dir, finalDir, options.backupDir, manifest);
    return { dir: finalDir, manifest, seconds: (Date.now() - began) / 1000 };
  } catch (error) {
    await fsp.rm(dir, { recursive: true, force: true });
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
