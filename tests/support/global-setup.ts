/**
 * One throwaway PostgreSQL per test run (never the user's .data): an embedded cluster in a temp dir, or
 * the superuser connection in TEST_DATABASE_URL. Roles are created and migrations applied once, to a
 * template database that each test file clones (TRAPS.md "Test speed").
 */
import 'reflect-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { EmbeddedCluster } from '../../server/db/embedded-cluster.js';
import { migrate } from '../../server/db/migrate.js';
import { ensureRolesAndDatabase, ownerRoleName } from '../../server/db/roles.js';
import { templateDatabase, testPasswords, type TestCluster } from './test-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    cluster: TestCluster;
  }
}

export default async function setup(project: TestProject) {
  let cluster: EmbeddedCluster | undefined;
  let baseDir: string | undefined;
  let superuser: TestCluster['superuser'];
  if (process.env.TEST_DATABASE_URL) {
    const url = new URL(process.env.TEST_DATABASE_URL);
    superuser = { host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  } else {
    baseDir = await fs.mkdtemp(path.join(os.tmpdir(), 'crc-test-'));
    cluster = await EmbeddedCluster.start(baseDir);
    const options = cluster.connectionOptions('postgres');
    superuser = { host: '127.0.0.1', port: cluster.port, user: String(options.user), password: String(options.password) };
  }
  await ensureRolesAndDatabase({ ...superuser, database: 'postgres' }, testPasswords, templateDatabase);
  const info: TestCluster = { superuser, embeddedDir: baseDir };
  const ownerUrl = `postgres://${ownerRoleName}:${testPasswords.owner}@${superuser.host}:${superuser.port}/${templateDatabase}`;
  await migrate(ownerUrl);
  project.provide('cluster', info);

  return async () => {
    await cluster?.stop();
    if (baseDir) await fs.rm(baseDir, { recursive: true, force: true });
  };
}
