/**
 * One console under test: a fresh database, the real server serving the built console (admin/dist,
 * built by `npm run test:e2e` first), the fixture records, and a browser whose sessions start signed in.
 */
import fs from 'node:fs';
import { loadDemoInto } from '../../support/demo-database.js';
import type { Browser } from 'playwright-core';
import { projectRoot } from '../../../server/config.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-cluster.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { launchBrowser, openSession, type Session } from './browser.js';
import type { Constructor } from '../../../schema/model/registry.js';
import type { UserRole } from '../../../schema/shared/enums.js';
import { createFixtureTables } from '../../support/fixtures/fixture-tables.js';
import { createFixtures, type Fixtures } from './fixtures.js';

export type ConsoleUnderTest = {
  server: TestServer;
  database: TestDatabase;
  fixtures: Fixtures;
  browser: Browser;
  /**
   * A new browser context signed in as the test user of `role` (a super administrator unless told; bound to the
   * region coded `regionCode` if given), before
   * any page loads. It shares that user's session with `server.gql`: sign out only in a context signed in
   * through the form.
   */
  openSession: (role?: UserRole, regionCode?: string | null) => Promise<Session>;
  stop: () => Promise<void>;
};

/** Waits until the server answers /readyz with 200 (its database connected and migrated). */
async function untilReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${url}/readyz`).catch(() => undefined);
    if (response?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url}/readyz did not answer 200 within ${timeoutMs} ms`);
}

/**
 * `extraEntities`: fixture entities served beyond schema/'s (their tables are created here first);
 * `demo`: the demo data set loaded before the server starts (the comparison page's published figures).
 */
export async function startConsole(options: { extraEntities?: Constructor[]; demo?: boolean } = {}): Promise<ConsoleUnderTest> {
  if (!fs.existsSync(`${projectRoot}/admin/dist/index.html`)) throw new Error('admin/dist is missing: run `npm run build:admin` (npm run test:e2e does)');
  const database = await createTestDatabase();
  if (options.extraEntities?.length) await createFixtureTables(database.ownerUrl, options.extraEntities);
  if (options.demo) await loadDemoInto(database);
  const server = await startTestServer(database, {}, { extraEntities: options.extraEntities });
  await untilReady(server.url);
  const fixtures = await createFixtures((query, variables) => server.gql(query, variables));
  const browser = await launchBrowser();
  const signedIn = async (role: UserRole = 'ADMIN', regionCode: string | null = null) => {
    const { cookie } = await server.as(role, regionCode);
    const separator = cookie.indexOf('=');
    const session = await openSession(browser, server.url);
    await session.context.addCookies([{ name: cookie.slice(0, separator), value: cookie.slice(separator + 1), url: server.url, httpOnly: true, sameSite: 'Strict' }]);
    return session;
  };
  const stop = async () => {
    await browser.close();
    await server.stop();
    await database.drop();
  };
  return { server, database, fixtures, browser, openSession: signedIn, stop };
}
