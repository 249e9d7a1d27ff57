import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../server/db/embedded-cluster.js';
import { demoPassword } from '../../seeds/demo/accounts.js';
import { gql, signIn, spawnServer } from '../support/server-process.js';

const counts = `{ regions(limit: 0) { totalCount } deputies(limit: 0) { totalCount } settings { key } }`;

describe('npm start on a new embedded database', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'crc-first-start-'));
  });
  afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('loads the demo data set once, and a second start does not load it again', async () => {
    const first = spawnServer({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    await first.waitUntilReady(120_000);
    expect(first.output()).toMatch(/loaded the demo data set: \d+ rows/);
    expect(first.output()).toMatch(/created the demo accounts admin, clerk_lingtai, leader, analyst, handler_zhenping/);
    const cookie = await signIn(first.url, 'admin', demoPassword);
    const before = await gql(first.url, counts, cookie);
    // The handling unit's account reads the suggestions its unit handles (not all of them), and of deputies only
    // those who submitted them, their mobile numbers masked; no stations at all.
    const handler = await signIn(first.url, 'handler_zhenping', demoPassword);
    const reach = await gql(first.url, `{ suggestions(limit: 200) { totalCount nodes { number } } }`, handler);
    expect(reach.errors).toBeUndefined();
    expect(reach.data.suggestions.totalCount).toBeGreaterThan(0);
    const all = await gql(first.url, `{ suggestions(limit: 0) { totalCount } }`, cookie);
    expect(reach.data.suggestions.totalCount).toBeLessThan(all.data.suggestions.totalCount);
    const submitters = await gql(first.url, `{ deputies(limit: 500) { totalCount nodes { person { mobile } } } }`, handler);
    expect(submitters.errors).toBeUndefined();
    expect(submitters.data.deputies.totalCount).toBeGreaterThan(0);
    expect(submitters.data.deputies.totalCount).toBeLessThan(500);
    for (const { person } of submitters.data.deputies.nodes) if (person.mobile) expect(person.mobile).toMatch(/\*/);
    expect((await gql(first.url, `{ liaisonStations(limit: 0) { totalCount } }`, handler)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(before.data.regions.totalCount).toBeGreaterThan(200);
    expect(before.data.deputies.totalCount).toBeGreaterThan(20_000);
    expect(before.data.settings.map((setting: { key: string }) => setting.key)).toContain('demo.dataset');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = spawnServer({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    await second.waitUntilReady();
    expect(second.output()).not.toMatch(/loaded the demo data set|created the demo accounts/);
    // Sessions live in the database: the cookie of the first run still signs in.
    expect(await gql(second.url, counts, cookie)).toEqual(before);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
