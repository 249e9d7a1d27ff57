/**
 * The fastest safe way to load tens of millions of rows, inside the caller's transaction: remember and
 * drop the tables' foreign keys (and those pointing at them), primary keys and other indexes, switch off
 * their user triggers (the row-count triggers with transition tables would copy every loaded row once
 * more), and afterwards build it all again — indexes sorted in one pass, each foreign key validated by
 * one join, which is also the proof that every reference of the loaded rows holds. A failure anywhere
 * rolls the whole transaction back, definitions included.
 */
import type pg from 'pg';

export type Definition = { table: string; name: string; definition: string };
export type SavedSchema = { primaryKeys: Definition[]; indexes: Definition[]; foreignKeys: Definition[] };

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Session settings for the load: bulk-sized sort memory, parallel index builds, no commit wait. */
export async function tuneSession(client: pg.ClientBase): Promise<void> {
  await client.query(`set local synchronous_commit = off`);
  await client.query(`set local maintenance_work_mem = '1GB'`);
  await client.query(`set local max_parallel_maintenance_workers = 2`);
  await client.query(`set local work_mem = '256MB'`);
  // Fail clearly instead of waiting forever when a running server holds a table.
  await client.query(`set local lock_timeout = '30s'`);
}

export async function dropForLoad(client: pg.ClientBase, tables: readonly string[]): Promise<SavedSchema> {
  const constraints = await client.query<{ table: string; name: string; definition: string; type: string }>(
    `select rel.relname as table, con.conname as name, pg_get_constraintdef(con.oid) as definition, con.contype as type
       from pg_constraint con
       join pg_class rel on rel.oid = con.conrelid
       left join pg_class target on target.oid = con.confrelid
      where rel.relnamespace = 'public'::regnamespace
        and ((con.contype = 'p' and rel.relname = any($1))
          or (con.contype = 'f' and (rel.relname = any($1) or target.relname = any($1))))
      order by rel.relname, con.conname`,
    [tables],
  );
  const indexes = await client.query<Definition>(
    `select i.tablename as table, i.indexname as name, i.indexdef as definition
       from pg_indexes i
      where i.schemaname = 'public' and i.tablename = any($1)
        and not exists (select 1 from pg_constraint con where con.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
      order by i.tablename, i.indexname`,
    [tables],
  );
  const saved: SavedSchema = {
    primaryKeys: constraints.rows.filter((row) => row.type === 'p'),
    indexes: indexes.rows,
    foreignKeys: constraints.rows.filter((row) => row.type === 'f'),
  };
  for (const fk of saved.foreignKeys) await client.query(`alter table ${ident(fk.table)} drop constraint ${ident(fk.name)}`);
  for (const index of saved.indexes) await client.query(`drop index ${ident(index.name)}`);
  for (const pk of saved.primaryKeys) await client.query(`alter table ${ident(pk.table)} drop constraint ${ident(pk.name)}`);
  for (const table of tables) await client.query(`alter table ${ident(table)} disable trigger user`);
  return saved;
}

/** Primary keys, then the other indexes of each table (the biggest tables are worth a parallel sort). */
export async function rebuildIndexes(client: pg.ClientBase, saved: SavedSchema, onTable?: (table: string) => void): Promise<void> {
  const tables = [...new Set([...saved.primaryKeys, ...saved.indexes].map((definition) => definition.table))];
  for (const table of tables) {
    for (const pk of saved.primaryKeys.filter((definition) => definition.table === table)) {
      await client.query(`alter table ${ident(table)} add constraint ${ident(pk.name)} ${pk.definition}`);
    }
    for (const index of saved.indexes.filter((definition) => definition.table === table)) await client.query(index.definition);
    onTable?.(table);
  }
}

/** Adds every foreign key back, validated: fails, naming it, if any loaded reference does not hold. */
export async function restoreForeignKeys(client: pg.ClientBase, saved: SavedSchema, tables: readonly string[]): Promise<void> {
  for (const fk of saved.foreignKeys) {
    await client.query(`alter table ${ident(fk.table)} add constraint ${ident(fk.name)} ${fk.definition}`);
  }
  for (const table of tables) await client.query(`alter table ${ident(table)} enable trigger user`);
}
