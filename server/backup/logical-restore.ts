/**
 * A logical backup restored into an EMPTY database over an ordinary SQL connection as the owner role: checks first
 * (checksums, migration level, the target empty), then the migrations up to the backup's level, then, in ONE
 * transaction, every table emptied of what the migrations seeded and loaded with `COPY … FROM STDIN` in the
 * backup's foreign-key order, with the tables' own triggers (audit, metric marks, row counts, the audit trail's
 * append-only guard) switched off for the load — the owner may, for its own tables — so no audit entry is written
 * for a restored row and the restored chain is the backup's, byte for byte; the sequences set; the triggers back
 * on; commit. Then, when the backup is at the code's level, what `migrate` installs beside the migrations (the
 * triggers and indexes derived from the code), as the server's start would. A failure after the migrations began
 * drops what they created, so the database is empty again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { log } from '../log.js';
import { migrate } from '../db/migrate.js';
import { ormOptions } from '../db/orm.config.js';
import { isLogical, readAnyManifest, verifyChecksums, type LogicalManifest } from './backup-manifest.js';
import { BackupRefused } from './backup-refused.js';
import { ident } from './logical-tables.js';

export type LogicalRestoreOptions = {
  /** The backup directory (BACKUP_DIR/base/<name>). */
  from: string;
  /** The owner role's connection to the empty target database (DATABASE_OWNER_URL). */
  ownerUrl: string;
  /** The code's migrations: a backup with one the code lacks is newer than the code. */
  knownMigrations: readonly string[];
  /** A point in time: refused (a logical backup holds one moment; see the README for the database's own PITR). */
  until?: Date;
};

export type LogicalRestoreReport = {
  manifest: LogicalManifest;
  /** Rows loaded per table (equal to the manifest's, or the restore fails). */
  rowCounts: Record<string, number>;
  /** The code-derived triggers and indexes were installed (the backup is at the code's level); else the server's start does it. */
  installed: boolean;
  seconds: number;
};

/** The checks that need nothing but the backup. */
export async function checkLogicalBackup(from: string, knownMigrations: readonly string[], until?: Date): Promise<LogicalManifest> {
  const manifest = await readAnyManifest(from);
  if (!isLogical(manifest)) {
    throw new BackupRefused(
      `${from} 是内置数据库的物理备份：请在未设置 DATABASE_URL 时恢复（恢复到 DATA_DIR）`,
      `${from} is a physical backup of the embedded database: restore it without DATABASE_URL set (into DATA_DIR)`,
    );
  }
  if (until) {
    throw new BackupRefused(
      '逻辑备份只有备份那一刻，不能按时间点恢复（--until）：外部数据库的时间点恢复用其自身的 WAL 归档（见 README）',
      'a logical backup holds only its own moment, so it cannot restore to a point in time (--until): point-in-time recovery of an external database is its own WAL archiving (see the README)',
    );
  }
  await verifyChecksums(from, manifest);
  const unknown = manifest.migrations.applied.filter((name) => !knownMigrations.includes(name));
  if (unknown.length) {
    throw new BackupRefused(
      `该备份的数据库结构比本程序新（程序没有迁移 ${unknown.join(', ')}）：请先升级程序`,
      `the backup's schema is newer than this code (it lacks migration(s) ${unknown.join(', ')}): upgrade the code first`,
    );
  }
  return manifest;
}

/** Refuses a target that holds any table, view or sequence: a restore never merges into, nor overwrites, data. */
async function refuseNonEmpty(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ n: number; db: string; some: string[] }>(
    `select count(*)::int as n, current_database() as db, (array_agg(c.relname::text order by c.relname))[1:3] as some
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`,
  );
  const { n, db, some } = rows[0];
  if (n > 0) {
    throw new BackupRefused(
      `目标数据库 ${db} 不是空的（已有 ${n} 个表、视图或序列，如 ${some.join('、')}）：逻辑备份只恢复到空数据库，未做任何改动（新建空库的方法见 README）`,
      `the target database ${db} is not empty (${n} tables, views or sequences, e.g. ${some.join(', ')}): a logical backup restores only into an empty database; nothing was changed (see the README for making an empty one)`,
    );
  }
}

/** The committed migrations up to and including `last`, and nothing beyond (the backup's schema). */
async function migrateTo(ownerUrl: string, last: string): Promise<void> {
  const orm = await MikroORM.init(ormOptions(ownerUrl, { pool: { min: 0, max: 1 }, logger: (message) => log.debug(message) }));
  try {
    await orm.getMigrator().up({ to: last });
  } finally {
    await orm.close(true);
  }
}

async function loadTables(client: pg.Client, from: string, manifest: LogicalManifest): Promise<Record<string, number>> {
  const tables = manifest.tables.map((table) => ident(table.name));
  const rowCounts: Record<string, number> = {};
  await client.query('begin');
  try {
    for (const table of tables) await client.query(`alter table ${table} disable trigger user`);
    // What the migrations seeded (their own table, the audit chain's head, example rows…) gives way to the backup's;
    // cascade: to the tables left out that refer to a loaded one (sessions), empty in a new database anyway.
    if (tables.length) await client.query(`truncate ${tables.join(', ')} cascade`);
    for (const table of manifest.tables) {
      const sink = client.query(copyFrom(`copy ${ident(table.name)} (${table.columns.map(ident).join(', ')}) from stdin`));
      await pipeline(fs.createReadStream(path.join(from, table.file)), zlib.createGunzip(), sink);
      if (sink.rowCount !== table.rows) throw new Error(`${table.name}: ${sink.rowCount} rows loaded, ${table.rows} in the manifest`);
      rowCounts[table.name] = sink.rowCount;
    }
    for (const sequence of manifest.sequences) {
      await client.query(`select setval(to_regclass($1), $2::bigint, $3) where to_regclass($1) is not null`, [ident(sequence.name), sequence.lastValue, sequence.isCalled]);
    }
    for (const table of tables) await client.query(`alter table ${table} enable trigger user`);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
  return rowCounts;
}

export async function restoreLogicalBackup(options: LogicalRestoreOptions): Promise<LogicalRestoreReport> {
  const began = Date.now();
  const manifest = await checkLogicalBackup(options.from, options.knownMigrations, options.until);
  const client = new pg.Client({ connectionString: options.ownerUrl, application_name: 'crc-restore' });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupRefused(`无法连接目标数据库（DATABASE_OWNER_URL）：${(error as Error).message}`, `cannot connect to the target database (DATABASE_OWNER_URL): ${(error as Error).message}`);
  }
  try {
    await refuseNonEmpty(client);
    try {
      if (manifest.migrations.last) await migrateTo(options.ownerUrl, manifest.migrations.last);
      const rowCounts = await loadTables(client, options.from, manifest);
      const installed = manifest.migrations.last !== null && manifest.migrations.last === options.knownMigrations.at(-1);
      if (installed) await migrate(options.ownerUrl);
      await client.query(`analyze`);
      return { manifest, rowCounts, installed, seconds: (Date.now() - began) / 1000 };
    } catch (error) {
      // The target was empty: what the migrations created goes, and it is empty again.
      await client.query('drop owned by current_user').catch(() => undefined);
      throw new BackupRefused(`恢复失败，目标数据库已清空复原：${(error as Error).message}`, `the restore failed, and the target database was emptied again: ${(error as Error).message}`);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
