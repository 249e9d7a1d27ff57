/**
 * Generated, not written: an entity registered only for this test (群众来信, tests/support/fixtures) gets
 * its menu entry, list, create and edit screens with no console change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Petition } from '../support/fixtures/petition.entity.js';
import type { Session } from './support/browser.js';
import { startConsole, type ConsoleUnderTest } from './support/console.js';

let app: ConsoleUnderTest;
let session: Session;

const input = (name: string) => session.page.locator(`[data-field="${name}"] input`).first();

beforeAll(async () => {
  app = await startConsole({ extraEntities: [Petition] });
  session = await app.openSession();
});

afterAll(async () => {
  await app?.stop();
});

describe('a fixture entity in the console', () => {
  it('appears in the menu with its Chinese label and lists, creates and edits its records', async () => {
    const { page } = session;
    await page.goto('/admin/#/');
    await page.getByRole('menuitem', { name: '群众来信' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/Petition$/);
    await session.shot('30-fixture-empty-list');

    await page.goto('/admin/#/Petition/create');
    await input('subject').fill('村道硬化');
    await input('receivedOn').fill('2024-05-06');
    await input('amount').fill('12000.5');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/Petition\/\d+\/show$/);
    await expect.poll(() => page.getByText('村道硬化').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('12,000.50').first().isVisible()).toBe(true);
    await session.shot('31-fixture-created');

    const id = page.url().match(/Petition\/(\d+)\/show$/)![1];
    await page.goto(`/admin/#/Petition/${id}`);
    await input('subject').fill('村道硬化（已列入计划）');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/Petition/${id}/show$`));
    await expect.poll(() => page.getByText('村道硬化（已列入计划）').first().isVisible()).toBe(true);
    await session.shot('32-fixture-edited');

    await page.goto('/admin/#/Petition');
    await expect.poll(() => page.getByText('村道硬化（已列入计划）').first().isVisible()).toBe(true);
    await session.shot('33-fixture-list');
    const stored = await app.server.gql(`{ petitions { totalCount nodes { subject amount receivedOn status version } } }`);
    expect(stored.data.petitions).toEqual({
      totalCount: 1,
      nodes: [{ subject: '村道硬化（已列入计划）', amount: '12000.50', receivedOn: '2024-05-06', status: 'RECEIVED', version: 2 }],
    });
    expect(session.errors).toEqual([]);
  });
});
