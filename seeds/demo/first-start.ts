/**
 * `npm start` on a new embedded database loads the demo data set, once (the marker makes later starts
 * skip it). An external database (DATABASE_URL) never gets demo data on its own: that takes
 * `npm run seed -- --demo`. The demo accounts (one per role) exist only in the embedded database.
 */
import pg from 'pg';
import { log } from '../../server/log.js';
import { loadDemo } from './load-demo.js';
import { ensureDemoAccounts } from './accounts.js';

export async function loadDemoOnFirstStart(ownerUrl: string, embedded: boolean): Promise<void> {
  if (!embedded) return;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const outcome = await loadDemo(client);
    if (outcome.loaded) {
      const rows = Object.values(outcome.counts).reduce((sum, count) => sum + count, 0);
      log.info(`loaded the demo data set: ${rows} rows in ${(outcome.milliseconds / 1000).toFixed(1)} s`);
    }
    const accounts = await ensureDemoAccounts(client);
    if (accounts.length) log.info(`created the demo accounts ${accounts.join(', ')} (password in the README)`);
  } finally {
    await client.end();
  }
}
