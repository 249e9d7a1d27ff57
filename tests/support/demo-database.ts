/** The demo data set loaded into a test database, as the owner (as `npm start` does on a new embedded one). */
import pg from 'pg';
import { loadDemo } from '../../seeds/demo/load-demo.js';
import type { TestDatabase } from './test-cluster.js';

export async function loadDemoInto(database: Pick<TestDatabase, 'ownerUrl'>): Promise<void> {
  const client = new pg.Client({ connectionString: database.ownerUrl });
  await client.connect();
  try {
    await loadDemo(client);
  } finally {
    await client.end();
  }
}
