/** Test databases: a fresh clone of the migrated template per test file, with URLs for each role. */
import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { appRoleName, ensureDatabase, ownerRoleName, type RolePasswords } from '../../server/db/roles.js';

export type TestCluster = {
  superuser: { host: string; port: number; user: string; password: string };
  embeddedDir: string | undefined;
};

export const templateDatabase = 'crc_test_template';
/** Fixed passwords for the throwaway cluster's roles (it never holds real data). */
export const testPasswords: RolePasswords = { owner: 'crc-test-owner', app: 'crc-test-app' };

/**
 * Names the test as the actor of every write on this connection (session-wide), as the audit trigger
 * requires of every writer (server/audit/): for tests that write behind the API's back with plain SQL, as
 * the owner or a superuser (the application role's writes need a live session: actAsSession).
 */
export async function actAsTest(client: pg.ClientBase): Promise<void> {
  await client.query(`select set_config('crc.actor', '{"name":"system:test"}', false)`);
}

/**
 * The application role's counterpart (it may not name an actor: the database derives it from a live
 * session): names the live session of a signed-in test user (their cookie) for every write on this connection.
 */
export async function actAsSession(client: pg.ClientBase, cookie: string): Promise<void> {
  await client.query(`select set_config('crc.session', $1, false)`, [decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1))]);
}

export type TestDatabase = {
  name: string;
  appUrl: string;
  ownerUrl: string;
  superUrl: string;
  /** A client as the superuser, connected to this database, for checks behind the server's back. */
  superClient: () => Promise<pg.Client>;
  drop: () => Promise<void>;
};

function url(role: string, password: string, cluster: TestCluster, database: string) {
  const { host, port } = cluster.superuser;
  return `postgres://${encodeURIComponent(role)}:${encodeURIComponent(password)}@${host}:${port}/${database}`;
}

/** Creates a database for one test file: a clone of the migrated template, or empty (`migrated: false`). */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const cluster = inject('cluster');
  const name = `crc_test_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ ...cluster.superuser, database: 'postgres' });
  await admin.connect();
  try {
    // The roles exist already (global setup); only the database is this file's.
    if (options.migrated !== false) await admin.query(`create database "${name}" template "${templateDatabase}" owner ${ownerRoleName}`);
    await ensureDatabase({ ...cluster.superuser }, name);
  } finally {
    await admin.end();
  }
  const superUrl = url(cluster.superuser.user, cluster.superuser.password, cluster, name);
  return {
    name,
    appUrl: url(appRoleName, testPasswords.app, cluster, name),
    ownerUrl: url(ownerRoleName, testPasswords.owner, cluster, name),
    superUrl,
    superClient: async () => {
      const client = new pg.Client({ connectionString: superUrl });
      await client.connect();
      return client;
    },
    drop: async () => {
      const client = new pg.Client({ ...cluster.superuser, database: 'postgres' });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}
