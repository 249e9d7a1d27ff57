/**
 * `npm run seed -- --demo [--reset [--yes]]` loads the demo data set (the published figures);
 * `npm run seed -- --scale national|province|N [--reset [--yes]]` generates a synthetic data set of that
 * many counties (codes beginning with 9) and bulk-loads it with COPY. Data is loaded as the owner role:
 * DATABASE_OWNER_URL, or the embedded database under DATA_DIR.
 */
import 'reflect-metadata';
import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { readConfig } from '../server/config.js';
import { loadDemo } from './demo/load-demo.js';
import { loadScale, ScaleRefusal, scaleCounties } from './national/load-scale.js';
import { ownerConnection } from '../server/db/owner-connection.js';
import { resetData } from './reset.js';

const { values } = parseArgs({
  options: {
    demo: { type: 'boolean', default: false },
    scale: { type: 'string' },
    reset: { type: 'boolean', default: false },
    yes: { type: 'boolean', default: false },
    seed: { type: 'string' },
  },
});

function fail(message: string): never {
  process.stderr.write(`seed: ${message}\n`);
  process.exit(2);
}

if (values.demo === Boolean(values.scale)) fail('give exactly one of --demo or --scale national|province|N');
const counties = values.scale ? scaleCounties(values.scale) : undefined;
if (values.scale && counties === undefined) fail(`--scale takes national, province or a number of counties, not "${values.scale}"`);

const connection = await ownerConnection(readConfig()).catch((error: Error) => fail(`cannot reach the database: ${error.message}`));
try {
  if (values.reset) {
    if (!values.yes) {
      if (!process.stdin.isTTY) fail('--reset deletes every record; add --yes to confirm when not asking interactively');
      const prompt = readline.createInterface({ input: process.stdin, output: process.stdout });
      const answer = await prompt.question(`Delete every record in ${connection.describe}? Type "yes" to confirm: `);
      prompt.close();
      if (answer.trim() !== 'yes') fail('not confirmed; nothing was deleted');
    }
    await resetData(connection.client);
    process.stdout.write(`deleted every record in ${connection.describe}\n`);
  }
  if (values.demo) {
    const outcome = await loadDemo(connection.client, (table, rows) => process.stdout.write(`  ${table.padEnd(24)} ${rows}\n`));
    if (!outcome.loaded) process.stdout.write(`nothing to do: ${outcome.reason}\n`);
    else {
      const total = Object.values(outcome.counts).reduce((sum, rows) => sum + rows, 0);
      process.stdout.write(`demo data set loaded into ${connection.describe}: ${total} rows in ${(outcome.milliseconds / 1000).toFixed(1)} s\n`);
    }
  } else {
    await loadScale(connection.client, { counties: counties!, seed: values.seed, output: process.stdout }).catch((error: unknown) => {
      // Refusals (synthetic data already there, too little disk, tables locked) are the user's to fix: one line.
      if (error instanceof ScaleRefusal) fail(error.message);
      throw error;
    });
  }
} finally {
  await connection.close();
}
