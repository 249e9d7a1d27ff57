/**
 * Signing in and out in Chromium: the sign-in page for anyone not signed in, in Chinese (English once
 * switched), with the server's refusal; a leader reads lists and records but is offered nothing to write
 * and no 用户 menu entry, which an administrator has; signing out ends the session on the server too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPassword } from '../support/test-server.js';
import { openSession, submitSignIn, type Session } from './support/browser.js';
import { startConsole, type ConsoleUnderTest } from './support/console.js';

let app: ConsoleUnderTest;
/** A browser context that starts with no session, signed in (as the leader) only through the form. */
let visitor: Session;

const signInPage = () => visitor.page.getByTestId('sign-in');

const signIn = (username: string, password: string) => submitSignIn(visitor.page, username, password);

/** The link of an entity's menu entry (react-admin's hash routes). */
const menuEntry = (session: Session, resource: string) => session.page.locator(`a[href="#/${resource}"]`);

beforeAll(async () => {
  app = await startConsole();
  await app.server.as('LEADER');
  visitor = await openSession(app.browser, app.server.url);
});

afterAll(async () => {
  await app?.stop();
});

describe('signing in', () => {
  it('shows the sign-in page, in Chinese, to anyone not signed in, whatever address they open', async () => {
    const { page } = visitor;
    await page.goto('/admin/#/Person');
    await expect.poll(() => signInPage().isVisible()).toBe(true);
    expect(page.url()).toMatch(/#\/login$/);
    expect(await signInPage().innerText()).toContain('人大履职数据台');
    expect(await signInPage().innerText()).toContain('请输入用户名和密码');
    expect(await page.getByRole('button', { name: '登录' }).count()).toBe(1);
    await visitor.shot('40-sign-in');
  });

  it("refuses a wrong password with the server's message, in the language chosen", async () => {
    const { page } = visitor;
    await signIn('test_leader', 'not-the-password');
    await expect.poll(() => page.getByTestId('sign-in-error').innerText()).toBe('用户名或密码不正确');
    await visitor.shot('41-sign-in-refused');
    await page.getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
    await page.getByLabel('Username').fill('test_leader');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('sign-in-error').innerText()).toBe('Wrong username or password');
    await visitor.shot('42-sign-in-english');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await expect.poll(() => page.getByRole('button', { name: '登录' }).count()).toBe(1);
  });

  it('lets a leader read lists and records, offering nothing to create, edit, delete or restore', async () => {
    const { page } = visitor;
    await signIn('test_leader', testPassword);
    // Back where the visitor first asked to go.
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(12);
    expect(page.url()).toMatch(/#\/Person/);
    expect(await page.getByRole('button', { name: '个人资料' }).innerText()).toBe('test_leader（领导）');
    expect(await menuEntry(visitor, 'Person').count()).toBe(1);
    expect(await menuEntry(visitor, 'User').count()).toBe(0);
    expect(await page.getByRole('link', { name: '新建' }).count()).toBe(0);
    expect(await page.getByLabel('已删除的记录').count()).toBe(0);
    expect(await page.locator('table tbody input[type="checkbox"]').count()).toBe(0);
    // ID numbers come masked for a leader.
    expect(await page.locator('table tbody').innerText()).toContain('********');
    await visitor.shot('43-leader-list');

    await page.locator('table tbody tr').first().click();
    await expect.poll(() => page.url()).toMatch(/\/show$/);
    await expect.poll(() => page.locator('.RaLabeled-label', { hasText: '姓名' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: '编辑' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '删除' }).count()).toBe(0);
    await visitor.shot('44-leader-show');

    await page.goto('/admin/#/Region');
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(25);
    expect(await page.getByRole('link', { name: '新建' }).count()).toBe(0);
  });

  it('gives an administrator the 用户 menu entry and the buttons to write', async () => {
    const admin = await app.openSession('ADMIN');
    try {
      await admin.page.goto('/admin/#/Region');
      await expect.poll(() => admin.page.locator('table tbody tr').count()).toBe(25);
      expect(await menuEntry(admin, 'User').count()).toBe(1);
      expect(await admin.page.getByRole('link', { name: '新建' }).count()).toBe(1);
      expect(await admin.page.getByLabel('已删除的记录').count()).toBe(1);
      expect(await admin.page.locator('table tbody input[type="checkbox"]').count()).toBe(25);
      expect(await admin.page.getByRole('button', { name: '个人资料' }).innerText()).toBe('test_admin（管理员）');
      // The same record the leader saw without them.
      await admin.page.goto(`/admin/#/Person/${app.fixtures.personIds[0]}/show`);
      await expect.poll(() => admin.page.getByRole('link', { name: '编辑' }).count()).toBe(1);
      expect(await admin.page.getByRole('button', { name: '删除' }).count()).toBe(1);
      // The role's label follows the language.
      await admin.page.getByRole('button', { name: '简体中文' }).click();
      await admin.page.getByRole('menuitem', { name: 'English' }).click();
      await expect.poll(() => admin.page.getByRole('button', { name: 'Profile' }).innerText()).toBe('test_admin (Administrator)');
      await admin.page.getByRole('button', { name: 'Profile' }).click();
      expect(await admin.page.getByRole('menuitem', { name: 'Sign out' }).count()).toBe(1);
      expect(admin.errors).toEqual([]);
    } finally {
      await admin.context.close();
    }
  });

  it('signs out to the sign-in page, ending the session on the server', async () => {
    const { page, context } = visitor;
    const session = (await context.cookies()).find((cookie) => cookie.name === 'crc_session');
    expect(session).toBeDefined();
    await page.getByRole('button', { name: '个人资料' }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await expect.poll(() => signInPage().isVisible()).toBe(true);
    await visitor.shot('45-signed-out');
    await page.reload();
    await expect.poll(() => signInPage().isVisible()).toBe(true);
    expect((await context.cookies()).some((cookie) => cookie.name === 'crc_session')).toBe(false);
    // The old cookie, were it kept, opens nothing any more.
    const response = await fetch(`${app.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `crc_session=${session!.value}` },
      body: JSON.stringify({ query: '{ metadata { viewer { id } } }' }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('logged no errors in the browser console but the refusals of requests made signed out', () => {
    expect(visitor.errors.filter((error) => !error.includes('status of 401'))).toEqual([]);
  });
});

describe('each role through the sign-in form', () => {
  it.each([
    { role: 'CLERK' as const, region: '910101', label: '工作人员', persons: 6, masked: false, canCreate: true },
    { role: 'ANALYST' as const, region: null, label: '分析人员', persons: 12, masked: true, canCreate: false },
  ])('$role: sees $persons persons (masked: $masked), may create: $canCreate, no 用户 entry; signs out', async ({ role, region, label, persons, masked, canCreate }) => {
    const user = await app.server.as(role, region);
    const session = await openSession(app.browser, app.server.url);
    try {
      const { page } = session;
      await page.goto('/admin/#/Person');
      await expect.poll(() => page.getByTestId('sign-in').isVisible()).toBe(true);
      await submitSignIn(page, user.username, testPassword);
      await expect.poll(() => page.locator('table tbody tr').count()).toBe(persons);
      expect(await page.getByRole('button', { name: '个人资料' }).innerText()).toBe(`${user.username}（${label}）`);
      expect(await menuEntry(session, 'User').count()).toBe(0);
      expect(await page.getByRole('link', { name: '新建' }).count()).toBe(canCreate ? 1 : 0);
      expect((await page.locator('table tbody').innerText()).includes('********')).toBe(masked);
      await session.shot(`46-${role.toLowerCase()}-persons`);
      await page.getByRole('button', { name: '个人资料' }).click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await expect.poll(() => page.getByTestId('sign-in').isVisible()).toBe(true);
    } finally {
      await session.context.close();
    }
  });
});
