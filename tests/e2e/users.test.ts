/**
 * Managing users in Chromium: an administrator creates a user with a first password (the policy refused
 * in the browser, in the shared validators' words; the server's refusal of a taken username on its
 * field), the new user signs in in a fresh browser, and a new password set on the user's page works
 * while the old one no longer does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, submitSignIn, type Session } from './support/browser.js';
import { startConsole, type ConsoleUnderTest } from './support/console.js';

let app: ConsoleUnderTest;
let admin: Session;
/** The new user's page, once created. */
let userPath: string;

const firstPassword = 'Pingliang#2024';
const secondPassword = 'Kongtong-Shan-88';

const field = (name: string) => admin.page.locator(`[data-field="${name}"]`);
const input = (name: string) => field(name).locator('input').first();

/** Signs in through the form in a browser context of its own; the identity shown, or the refusal. */
async function signInFresh(username: string, password: string): Promise<string> {
  const visitor = await openSession(app.browser, app.server.url);
  try {
    const { page } = visitor;
    await page.goto('/admin/');
    await submitSignIn(page, username, password);
    const identity = page.getByRole('button', { name: '个人资料' });
    const refusal = page.getByTestId('sign-in-error');
    await expect.poll(async () => (await identity.count()) + (await refusal.count())).toBe(1);
    if (await refusal.count()) return `refused: ${await refusal.innerText()}`;
    await expect.poll(() => page.getByTestId('count-Region').count()).toBe(1);
    await visitor.shot('63-new-user-signed-in');
    return identity.innerText();
  } finally {
    await visitor.context.close();
  }
}

beforeAll(async () => {
  app = await startConsole();
  admin = await app.openSession();
});

afterAll(async () => {
  await app?.stop();
});

describe('users', () => {
  it('creates a user with a first password, refusing a short one and a taken username on their fields', async () => {
    const { page } = admin;
    await page.goto('/admin/#/User');
    await page.getByRole('link', { name: '新建' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/User\/create$/);
    await input('username').fill('zhang_analyst');
    await input('displayName').fill('张分析');
    await field('role').getByRole('combobox').click();
    await page.getByRole('option', { name: '分析人员' }).click();
    expect(await field('password').innerText()).toContain('至少 10 个字符，不能包含用户名');

    await input('password').fill('short1');
    await input('passwordConfirmation').fill('short1');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => field('password').innerText()).toContain('密码至少需要 10 个字符');
    await admin.shot('60-user-create-policy');

    await input('password').fill('zhang_analyst-2024');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => field('password').innerText()).toContain('密码不能包含用户名');

    await input('password').fill(firstPassword);
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => field('passwordConfirmation').innerText()).toContain('两次输入的密码不一致');
    await input('passwordConfirmation').fill(firstPassword);

    // Taken: the server says so, on the username.
    await input('username').fill('test_admin');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => field('username').innerText()).toContain('已存在相同的值');
    await admin.shot('61-user-create-server-error');

    await input('username').fill('zhang_analyst');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/User\/\d+\/show$/);
    userPath = new URL(page.url()).hash;
    await expect.poll(() => page.locator('.RaLabeled-label', { hasText: '用户名' }).locator('xpath=..').innerText()).toContain('zhang_analyst');
    await admin.shot('62-user-created');
  });

  it('lets the new user sign in in a fresh browser', async () => {
    expect(await signInFresh('zhang_analyst', firstPassword)).toBe('张分析（分析人员）');
  });

  it('resets the password on the user page: the new one signs in, the old one no longer', async () => {
    const { page } = admin;
    await page.goto(`/admin/${userPath}`);
    await page.getByRole('button', { name: '重设密码' }).click();
    const dialog = page.getByTestId('reset-password');
    await expect.poll(() => dialog.innerText()).toContain('重设“张分析”的密码');
    await dialog.locator('[data-field="password"] input').fill('tooshort');
    await dialog.locator('[data-field="passwordConfirmation"] input').fill('tooshort');
    await dialog.getByRole('button', { name: '重设密码' }).click();
    await expect.poll(() => dialog.locator('[data-field="password"]').innerText()).toContain('密码至少需要 10 个字符');
    await admin.shot('64-reset-password-policy');
    await dialog.locator('[data-field="password"] input').fill(secondPassword);
    await dialog.locator('[data-field="passwordConfirmation"] input').fill(secondPassword);
    await dialog.getByRole('button', { name: '重设密码' }).click();
    await expect.poll(() => page.getByText('密码已重设').count()).toBe(1);
    // The dialog closes (fading out over MUI's exit transition).
    await expect.poll(() => dialog.count()).toBe(0);
    await admin.shot('65-password-reset');

    expect(await signInFresh('zhang_analyst', firstPassword)).toBe('refused: 用户名或密码不正确');
    expect(await signInFresh('zhang_analyst', secondPassword)).toBe('张分析（分析人员）');
  });

  it('logged no errors in the browser console', () => {
    expect(admin.errors).toEqual([]);
  });
});
