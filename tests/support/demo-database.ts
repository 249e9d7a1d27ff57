/** The demo data set loaded into a test database, as the owner (as `npm start` does on a new embedded one). */
import pg from 'pg';
import { loadDemo } from '../../seeds/demo/load-demo.js';
import type { TestDatabase } from './test-cluster.js';
import type { TestServer } from './test-server.js';

export async function loadDemoInto(database: Pick<TestDatabase, 'ownerUrl'>): Promise<void> {
  const client = new pg.Client({ connectionString: database.ownerUrl });
  await client.connect();
  try {
    await loadDemo(client);
  } finally {
    await client.end();
  }
}

/** The demo's users by role, as the text-answer comparisons sign in: every role, the regional ones bounded to 灵台县 and 平凉市. */
export function demoRoles(env: { server: TestServer }) {
  return [
    ['the super administrator', () => env.server.gql],
    ['a county clerk (灵台县)', () => env.server.as('CLERK', '620822')],
    ['a city administrator (平凉市)', () => env.server.as('ADMIN', '620800')],
    ['a leader', () => env.server.as('LEADER')],
    ['an analyst', () => env.server.as('ANALYST')],
  ] as const;
}
