/**
 * What the console costs a county's network (issue 18, defect 17): every response compressed, hashed
 * assets cached for good, and the bytes a cold browser receives for the sign-in page, a list and the
 * workbench, measured in Chromium (encoded body and headers of every response) and printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSession } from './support/browser.js';
import { startConsole, type ConsoleUnderTest } from './support/console.js';

let app: ConsoleUnderTest;

beforeAll(async () => {
  app = await startConsole();
});

afterAll(async () => {
  await app?.stop();
});

type Load = { bytes: number; responses: { url: string; bytes: number; encoding: string | undefined; cache: string | undefined }[] };

/** Everything the page receives until `ready` holds and the network has been idle. */
async function measure(page: Page, visit: () => Promise<void>): Promise<Load> {
  const load: Load = { bytes: 0, responses: [] };
  const pending: Promise<void>[] = [];
  page.on('requestfinished', (request) => {
    pending.push(
      (async () => {
        const sizes = await request.sizes();
        const response = await request.response();
        load.bytes += sizes.responseBodySize + sizes.responseHeadersSize;
        const headers = (await response?.allHeaders()) ?? {};
        load.responses.push({ url: request.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize, encoding: headers['content-encoding'], cache: headers['cache-control'] });
      })(),
    );
  });
  await visit();
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  return load;
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;

/** The load in one line, with its largest responses (what to split next). */
const report = (what: string, load: Load) =>
  console.log(
    `${what}: ${kB(load.bytes)} over ${load.responses.length} responses; largest: ${[...load.responses]
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 5)
      .map((response) => `${response.url.replace(/^.*\//, '')} ${kB(response.bytes)}`)
      .join(', ')}`,
  );

describe('the weight of the console', () => {
  it('serves compressed assets cached for good, and index.html afresh', async () => {
    const session = await openSession(app.browser, app.server.url);
    try {
      const load = await measure(session.page, async () => {
        await session.page.goto('/admin/');
        await expect.poll(() => session.page.getByTestId('sign-in').isVisible()).toBe(true);
      });
      const scripts = load.responses.filter((response) => response.url.includes('/admin/assets/') && response.url.endsWith('.js'));
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) {
        expect(script.encoding, script.url).toBe('br');
        expect(script.cache, script.url).toMatch(/immutable/);
      }
      const index = load.responses.find((response) => response.url.endsWith('/admin/'));
      expect(index?.cache).toBe('no-cache');
      report('sign-in page, cold', load);
      expect(load.bytes).toBeLessThan(500 * 1024);
    } finally {
      await session.context.close();
    }
  });

  it('loads a list, and the workbench, in what a county network carries', async () => {
    const list = await app.openSession();
    try {
      const load = await measure(list.page, async () => {
        await list.page.goto('/admin/#/Person');
        await expect.poll(() => list.page.locator('table tbody tr').count()).toBeGreaterThan(0);
      });
      report('a list (人员), cold, signed in', load);
      expect(load.bytes).toBeLessThan(500 * 1024);
    } finally {
      await list.context.close();
    }
    const workbench = await app.openSession();
    try {
      const load = await measure(workbench.page, async () => {
        await workbench.page.goto('/admin/#/workbench');
        await expect.poll(() => workbench.page.locator('.monaco-editor').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      });
      report('the workbench, cold, signed in', load);
    } finally {
      await workbench.context.close();
    }
  });
});
