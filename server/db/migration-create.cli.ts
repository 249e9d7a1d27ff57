/**
 * `npm run migration:create`: diffs the entities of schema/ against a database migrated to the last
 * committed migration (a throwaway embedded cluster) and writes the difference as a new migration,
 * then lists it in migrations/index.ts. Review the file before committing it.
 */
import 'reflect-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { projectRoot } from '../config.js';
import { EmbeddedCluster } from './embedded-cluster.js';
import { migrate } from './migrate.js';
import { ormOptions } from './orm.config.js';
import { withoutDerivedIndexes } from './derived-indexes.js';
import { databaseName, ensureRolesAndDatabase, ownerRoleName } from './roles.js';

const directory = path.join(projectRoot, 'server/db/migrations');

/** Rewrites index.ts from the migration files on disk, in name (= timestamp) order. */
async function writeIndex(): Promise<string[]> {
  const names = (await fs.readdir(directory))
    .filter((file) => /^Migration\d{14}.*\.ts$/.test(file))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
  const text = `/**
 * The committed migrations, in order. Listed explicitly (not globbed from disk) so the same list runs
 * under tsx, vitest and the compiled dist/ alike. \`npm run migration:create\` rewrites this file.
 */
import type { MigrationObject } from '@mikro-orm/core';
${names.map((name) => `import { ${name} } from './${name}.js';`).join('\n')}

export const migrationsList: MigrationObject[] = [
${names.map((name) => `  { name: '${name}', class: ${name} },`).join('\n')}
];
`;
  await fs.writeFile(path.join(directory, 'index.ts'), text);
  return names;
}

/** New tables get live row counts (see the row_counts migration), appended to the generated `up()`. */
async function trackNewTables(file: string): Promise<void> {
  const text = await fs.readFile(file, 'utf8');
  const up = text.slice(text.indexOf('async up()'), text.indexOf('async down()') >>> 0);
  const tables = [...up.matchAll(/create table "(\w+)"/g)].map((match) => match[1]);
  if (!tables.length) return;
  const calls = tables.map((table) => `    this.addSql(\`select crc_track_counts('${table}');\`);`).join('\n');
  await fs.writeFile(file, text.replace(/(override async up\(\): Promise<void> \{[\s\S]*?)(\n {2}\}\n)/, `$1\n${calls}$2`));
}

const baseDir = await fs.mkdtemp(path.join(os.tmpdir(), 'crc-migration-'));
const cluster = await EmbeddedCluster.start(baseDir);
try {
  const passwords = { owner: 'migration-owner', app: 'migration-app' };
  await ensureRolesAndDatabase(cluster.connectionOptions('postgres'), passwords);
  const ownerUrl = cluster.url({ user: ownerRoleName, password: passwords.owner }, databaseName);
  await migrate(ownerUrl);
  const orm = await MikroORM.init(ormOptions(ownerUrl, { migrations: { ...ormOptions(ownerUrl).migrations, path: directory, pathTs: directory, emit: 'ts' } }));
  const name = process.argv[2];
  const result = await orm.getMigrator().createMigration(directory, false, false, name);
  await orm.close(true);
  // The default-order and search indexes are installed from the model at migrate time (order-indexes.ts, search-indexes.ts), not migrated.
  if (result.fileName) {
    const file = path.join(directory, result.fileName);
    const text = await fs.readFile(file, 'utf8');
    const kept = withoutDerivedIndexes(text);
    if (!/this\.addSql\(/.test(kept)) {
      await fs.rm(file);
      result.fileName = '';
    } else await fs.writeFile(file, kept);
  }
  if (!result.fileName) {
    process.stdout.write('no changes: the entities match the committed migrations\n');
  } else {
    await trackNewTables(path.join(directory, result.fileName));
    await writeIndex();
    process.stdout.write(`wrote server/db/migrations/${result.fileName} (${result.diff.up.length} statements); review it before committing\n`);
  }
} finally {
  await cluster.stop();
  await fs.rm(baseDir, { recursive: true, force: true });
}
