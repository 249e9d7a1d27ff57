/**
 * Debian's Chromium under playwright-core, as CI runs it: headless, no sandbox (root in a container),
 * nothing fetched from the network, a fresh empty profile per launch (playwright creates one in a temp
 * directory and removes it on close). Pages record console errors so a test can assert there are none.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = fileURLToPath(new URL('../screenshots/', import.meta.url));

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: apt-get install chromium fonts-noto-cjk`);
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

export type Session = {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
  /** Saves a full-window screenshot under tests/e2e/screenshots/<name>.png. */
  shot: (name: string) => Promise<void>;
};

/**
 * Lets the transitions under way end (a dialog fading in, a tab indicator sliding), so a screenshot shows
 * the screen at rest; endless ones (progress bars) are not waited for, nor anything beyond a second.
 */
async function settle(page: Page): Promise<void> {
  // Page code as text: the tests compile without the DOM's types.
  await page.evaluate(`Promise.race([
    Promise.all(document.getAnimations()
      .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
      .map((animation) => animation.finished.catch(() => undefined))),
    new Promise((resolve) => setTimeout(resolve, 1000)),
  ])`);
}

/** A new browser context (its own storage: language, saved queries) on a laptop-sized window. */
export async function openSession(browser: Browser, baseUrl: string): Promise<Session> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
  fs.mkdirSync(screenshotDir, { recursive: true });
  const shot = async (name: string) => {
    await settle(page);
    await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
  };
  return { context, page, errors, shot };
}

/** Fills and sends the console's sign-in form (in Chinese) on the page as it stands. */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}
