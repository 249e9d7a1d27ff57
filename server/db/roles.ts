/**
 * The two database roles every installation has: an owner that runs migrations and owns the tables, and
 * the application role the server connects as (neither superuser nor owner, so REVOKEs, row-level rules
 * and the append-only audit table hold for it). Migrations grant table rights to `appRoleName`.
 *
 * Used by the embedded cluster and by `smoke:prod` (acting as the DBA); server/db/initdb/ does the same in SQL.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import pg from 'pg';

/** Fixed names: migrations grant to the app role by name, so every installation uses these. */
export const ownerRoleName = 'crc_owner';
export const appRoleName = 'crc_app';
export const databaseName = 'crc';

export type RolePasswords = { owner: string; app: string };

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** Reads the roles' passwords from `file`, creating them once (they live beside the embedded cluster). */
export async function rolePasswords(file: string): Promise<RolePasswords> {
  const existing = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (existing) return JSON.parse(existing) as RolePasswords;
  const created = { owner: crypto.randomBytes(18).toString('base64url'), app: crypto.randomBytes(18).toString('base64url') };
  await fs.writeFile(file, JSON.stringify(created), { mode: 0o600 });
  return created;
}

/** Creates (or re-passwords) both roles and the database, idempotently, as a superuser. */
export async function ensureRolesAndDatabase(superuser: pg.ClientConfig, passwords: RolePasswords, database = databaseName) {
  await ensureRoles(superuser, passwords);
  await ensureDatabase(superuser, database);
}

/** Both roles, created or given these passwords; cluster-wide, so run it once per cluster at a time. */
export async function ensureRoles(superuser: pg.ClientConfig, passwords: RolePasswords) {
  const admin = new pg.Client({ ...superuser, database: 'postgres' });
  await admin.connect();
  try {
    for (const [role, password] of [
      [ownerRoleName, passwords.owner],
      [appRoleName, passwords.app],
    ] as const) {
      const exists = await admin.query('select 1 from pg_roles where rolname = $1', [role]);
      const verb = exists.rowCount ? 'alter' : 'create';
      await admin.query(`${verb} role ${ident(role)} login nosuperuser nocreatedb nocreaterole noinherit password ${literal(password)}`);
    }
  } finally {
    await admin.end();
  }
}

/** The database owned by the owner role (created if missing), connectable by the app role only. */
export async function ensureDatabase(superuser: pg.ClientConfig, database = databaseName) {
  const admin = new pg.Client({ ...superuser, database: 'postgres' });
  await admin.connect();
  try {
    const db = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (!db.rowCount) {
      await admin.query(`create database ${ident(database)} owner ${ident(ownerRoleName)} encoding 'UTF8' template template0 locale 'C.UTF-8'`);
    }
  } finally {
    await admin.end();
  }
  const inDb = new pg.Client({ ...superuser, database });
  await inDb.connect();
  try {
    await inDb.query(`revoke all on database ${ident(database)} from public`);
    await inDb.query(`grant connect, temporary on database ${ident(database)} to ${ident(appRoleName)}`);
    await inDb.query(`revoke create on schema public from public`);
    await inDb.query(`grant usage on schema public to ${ident(appRoleName)}`);
  } finally {
    await inDb.end();
  }
}
