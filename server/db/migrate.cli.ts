/** `npm run migrate`: applies the committed migrations to DATABASE_OWNER_URL (an external database). */
import 'reflect-metadata';
import { readConfig } from '../config.js';
import { log } from '../log.js';
import { describeError, describeUrl } from './database.js';
import { migrate } from './migrate.js';

const { databaseOwnerUrl } = readConfig();
if (!databaseOwnerUrl) {
  log.error("DATABASE_OWNER_URL is not set: give the owner role's connection string (the embedded database migrates itself at start)");
  process.exit(2);
}
try {
  const applied = await migrate(databaseOwnerUrl);
  log.info(applied.length ? `applied ${applied.length} migration(s) to ${describeUrl(databaseOwnerUrl)}: ${applied.join(', ')}` : `${describeUrl(databaseOwnerUrl)} is up to date`);
} catch (error) {
  log.error(`migration failed on ${describeUrl(databaseOwnerUrl)}: ${describeError(error)}`);
  process.exit(1);
}
