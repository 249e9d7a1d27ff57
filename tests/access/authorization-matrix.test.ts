/**
 * The authorization matrix, generated from the model: every role × every served entity × read, list,
 * aggregate, create, update, delete, each against the real server. Two sample records per entity belong to
 * two counties (seeds 1 and 2 of samples.ts: 990011 and 990021); the clerk and the scoped administrator
 * work in 990011. The expected outcome of each case is written out below by hand, per (access, role),
 * from DOMAIN.md's table of users — not computed by the policy under test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { domainEntities } from '../../schema/entities.js';
import { modelOf, type ModelMeta } from '../../schema/model/registry.js';
import type { UserRole } from '../../schema/shared/enums.js';
import { inflection } from '../../schema/shared/inflection.js';
import { recordCreator, sampleInput, type CreateRecord } from '../support/samples.js';
import { useTestServer, type Gql } from '../support/test-server.js';

const env = useTestServer();
const ownCounty = '990011';

type Who = 'superAdmin' | 'scopedAdmin' | 'clerk' | 'leader' | 'analyst';
const everyone: Who[] = ['superAdmin', 'scopedAdmin', 'clerk', 'leader', 'analyst'];
const roleOf: Record<Who, [UserRole, string | null]> = {
  superAdmin: ['ADMIN', null],
  scopedAdmin: ['ADMIN', ownCounty],
  clerk: ['CLERK', ownCounty],
  leader: ['LEADER', null],
  analyst: ['ANALYST', null],
};

/** What each user sees of the two records: both, only the own county's, or (never here) none. */
type Seen = 'both' | 'own';
type Expectation = { read: Seen; create: 'ok' | 'FORBIDDEN'; updateOwn: 'ok' | 'FORBIDDEN'; updateOther: 'ok' | 'FORBIDDEN'; deleteOther: 'ok' | 'FORBIDDEN' };

const expectations: Record<'records' | 'reference' | 'owned', Record<Who, Expectation>> = {
  records: {
    superAdmin: { read: 'both', create: 'ok', updateOwn: 'ok', updateOther: 'ok', deleteOther: 'ok' },
    scopedAdmin: { read: 'own', create: 'FORBIDDEN', updateOwn: 'ok', updateOther: 'FORBIDDEN', deleteOther: 'FORBIDDEN' },
    clerk: { read: 'own', create: 'FORBIDDEN', updateOwn: 'ok', updateOther: 'FORBIDDEN', deleteOther: 'FORBIDDEN' },
    leader: { read: 'both', create: 'FORBIDDEN', updateOwn: 'FORBIDDEN', updateOther: 'FORBIDDEN', deleteOther: 'FORBIDDEN' },
    analyst: { read: 'both', create: 'FORBIDDEN', updateOwn: 'FORBIDDEN', updateOther: 'FORBIDDEN', deleteOther: 'FORBIDDEN' },
  },
  // Regions: everyone reads the tree; writes stay within the writer's own subtree.
  reference: {
    superAdmin: { read: 'both', create: 'ok', updateOwn: 'ok', updateOther: 'ok', deleteOther: 'ok' },
    scopedAdmin: { read: 'both', create: 'FORBIDDEN', updateOwn: 'ok', updateOther: 'FORBIDDEN', deleteOther: 'FORBIDDEN' },
    clerk: { read: 'both', create: 'FORBIDDEN', updateOwn: 'ok', updateOther: 'FORBIDDEN', deleteOther: 'FORBIDDEN' },
    leader: { read: 'both', create: 'FORBIDDEN', updateOwn: 'FORBIDDEN', updateOther: 'FORBIDDEN', deleteOther: 'FORBIDDEN' },
    analyst: { read: 'both', create: 'FORBIDDEN', updateOwn: 'FORBIDDEN', updateOther: 'FORBIDDEN', deleteOther: 'FORBIDDEN' },
  },
  // Dashboards: everyone saves their own; the samples (saved by the super administrator, shared, as samples
  // set every flag) are read by all and changed by their owner alone.
  owned: {
    superAdmin: { read: 'both', create: 'ok', updateOwn: 'ok', updateOther: 'ok', deleteOther: 'ok' },
    scopedAdmin: { read: 'both', create: 'ok', updateOwn: 'FORBIDDEN', updateOther: 'FORBIDDEN', deleteOther: 'FORBIDDEN' },
    clerk: { read: 'both', create: 'ok', updateOwn: 'FORBIDDEN', updateOther: 'FORBIDDEN', deleteOther: 'FORBIDDEN' },
    leader: { read: 'both', create: 'ok', updateOwn: 'FORBIDDEN', updateOther: 'FORBIDDEN', deleteOther: 'FORBIDDEN' },
    analyst: { read: 'both', create: 'ok', updateOwn: 'FORBIDDEN', updateOther: 'FORBIDDEN', deleteOther: 'FORBIDDEN' },
  },
};

const models = domainEntities.map((entity) => modelOf(entity));
const users = {} as Record<Who, Gql>;
const records = new Map<string, { own: string; other: string }>();
let createRecord: CreateRecord;
let nextSeed = 10;

beforeAll(async () => {
  createRecord = recordCreator(env.server);
  for (const model of models) records.set(model.name, { own: await createRecord(model, 1), other: await createRecord(model, 2) });
  // Users after the records: the clerk's and the scoped administrator's county must exist.
  for (const who of everyone) users[who] = await env.server.as(...roleOf[who]);
}, 120_000);

const outcome = (answer: { errors?: { extensions: Record<string, any> }[] }) => answer.errors?.[0].extensions.code ?? 'ok';

async function versionOf(model: ModelMeta, id: string): Promise<number> {
  const answer = await env.server.gql(`{ ${inflection.one(model)}(id: "${id}") { version } }`);
  return answer.data[inflection.one(model)].version;
}

describe.each(models.map((model) => [model.name, model] as const))('%s', (_name, model) => {
  const access = model.access as keyof typeof expectations;

  it.each(everyone)('%s: read, list, aggregate', async (who) => {
    const { own, other } = records.get(model.name)!;
    const expected = expectations[access][who];
    const gql = users[who];
    const one = async (id: string) => (await gql(`{ ${inflection.one(model)}(id: "${id}") { id } }`)).data?.[inflection.one(model)]?.id ?? null;
    expect(await one(own)).toBe(own);
    expect(await one(other)).toBe(expected.read === 'both' ? other : null);
    const listed = await gql(`{ ${inflection.list(model)}(where: { id: { in: ["${own}", "${other}"] } }) { totalCount nodes { id } } }`);
    const ids = listed.data[inflection.list(model)].nodes.map((node: { id: string }) => node.id).sort();
    expect(ids).toEqual(expected.read === 'both' ? [own, other].sort() : [own]);
    expect(listed.data[inflection.list(model)].totalCount).toBe(ids.length);
    // Statistics span every region for every role.
    const counted = await gql(`{ ${inflection.aggregate(model)}(where: { id: { in: ["${own}", "${other}"] } }) { count } }`);
    expect(counted.data[inflection.aggregate(model)][0].count).toBe(2);
  });

  it.each(everyone)('%s: create (a record of a third county), update (own, other), delete (other)', async (who) => {
    const expected = expectations[access][who];
    const gql = users[who];
    const { own, other } = records.get(model.name)!;
    const input = await sampleInput(model, nextSeed++, createRecord);
    const created = await gql(`mutation ($input: ${inflection.createInput(model)}!) { ${inflection.create(model)}(input: $input) { id } }`, { input });
    expect(outcome(created), 'create').toBe(expected.create);
    const update = async (id: string) =>
      outcome(await gql(`mutation { ${inflection.update(model)}(id: "${id}", version: ${await versionOf(model, id)}, input: {}) { id } }`));
    expect(await update(own), 'update own').toBe(expected.updateOwn);
    expect(await update(other), 'update other').toBe(expected.updateOther);
    if (expected.deleteOther === 'FORBIDDEN') {
      const deleted = await gql(`mutation { ${inflection.delete(model)}(id: "${other}", version: ${await versionOf(model, other)}) { id } }`);
      expect(outcome(deleted), 'delete other').toBe('FORBIDDEN');
    } else if (created.data) {
      // Allowed deletes take the record this case created, so the shared samples stay for the other cases.
      const id = created.data[inflection.create(model)].id;
      const deleted = await gql(`mutation { ${inflection.delete(model)}(id: "${id}", version: ${await versionOf(model, id)}) { id deletedAt } }`);
      expect(outcome(deleted), 'delete').toBe('ok');
    }
  });
});

describe('users (administration)', () => {
  it('are listed and written by administrators only, a scoped one within their region', async () => {
    const list = async (who: Who) => await users[who](`{ users(limit: 100) { nodes { username } } }`);
    for (const who of ['clerk', 'leader', 'analyst'] as const) expect(outcome(await list(who)), who).toBe('FORBIDDEN');
    const all = (await list('superAdmin')).data.users.nodes.map((node: { username: string }) => node.username);
    expect(all).toEqual(expect.arrayContaining(['test_admin', 'test_admin_990011', 'test_clerk_990011', 'test_leader', 'test_analyst']));
    const scoped = (await list('scopedAdmin')).data.users.nodes.map((node: { username: string }) => node.username).sort();
    expect(scoped).toEqual(['test_admin_990011', 'test_clerk_990011']);
    const regionId = async (code: string) => (await users.superAdmin(`{ regions(where: { code: { eq: "${code}" } }) { nodes { id } } }`)).data.regions.nodes[0].id;
    const inside = await users.scopedAdmin(`mutation { createUser(input: { username: "clerk_inside", displayName: "县内", role: CLERK, regionId: "${await regionId(ownCounty)}" }, password: "a-long-password-1") { id } }`);
    expect(outcome(inside)).toBe('ok');
    const outside = await users.scopedAdmin(`mutation { createUser(input: { username: "clerk_outside", displayName: "县外", role: CLERK, regionId: "${await regionId('990021')}" }, password: "a-long-password-1") { id } }`);
    expect(outcome(outside)).toBe('FORBIDDEN');
    // An administrator made by a scoped one, with no region given, is bounded to the maker's region: never a super administrator.
    const admin = await users.scopedAdmin(`mutation { createUser(input: { username: "admin_made", displayName: "县管理员", role: ADMIN }, password: "a-long-password-1") { region { code } } }`);
    expect(admin.data.createUser.region.code).toBe(ownCounty);
  });

  it('tell each user through metadata what they may do', async () => {
    const operations = async (who: Who, entity: string) =>
      (await users[who](`{ metadata { entities { name operations } } }`)).data.metadata.entities.find((e: { name: string }) => e.name === entity).operations;
    expect(await operations('leader', 'Deputy')).toEqual(['list', 'read', 'aggregate']);
    expect(await operations('clerk', 'Deputy')).toEqual(['list', 'read', 'create', 'update', 'delete', 'restore', 'aggregate']);
    expect(await operations('clerk', 'User')).toEqual([]);
    expect(await operations('leader', 'Dashboard')).toContain('create');
    expect(await operations('scopedAdmin', 'User')).toEqual(['list', 'read', 'update', 'delete', 'restore']);
  });
});

describe('dashboards', () => {
  it('belong to the user who saved them: private until shared, changed by their owner alone', async () => {
    const saved = await users.leader(`mutation { createDashboard(input: { name: "我的看板", settings: { parentCode: "620800" } }) { id version shared owner { username } } }`);
    // The owner is the server's to set, and a leader may read it on their own dashboard only as far as users are readable: not at all.
    expect(saved.data.createDashboard).toMatchObject({ shared: false, owner: null });
    const { id, version } = saved.data.createDashboard;
    const read = async (who: Who) => (await users[who](`{ dashboard(id: "${id}") { id } }`)).data.dashboard?.id ?? null;
    expect(await read('leader')).toBe(id);
    expect(await read('analyst')).toBeNull();
    expect(await read('superAdmin')).toBe(id);
    const shared = await users.leader(`mutation { updateDashboard(id: "${id}", version: ${version}, input: { shared: true }) { version } }`);
    expect(await read('analyst')).toBe(id);
    const byAnalyst = await users.analyst(`mutation { updateDashboard(id: "${id}", version: ${shared.data.updateDashboard.version}, input: { name: "改名" }) { id } }`);
    expect(byAnalyst.errors?.[0]).toMatchObject({ message: '只有创建人可以修改这条分析看板', extensions: { code: 'FORBIDDEN' } });
    const owner = (await users.superAdmin(`{ dashboard(id: "${id}") { owner { username } } }`)).data.dashboard.owner.username;
    expect(owner).toBe('test_leader');
    // Nor can the owner be probed through a filter; by id (one's own) it can.
    const probe = await users.analyst(`{ dashboards(where: { owner: { username: { eq: "test_leader" } } }) { totalCount } }`);
    expect(probe.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'where.owner.username' });
    const leaderId = (await users.leader(`{ metadata { viewer { id } } }`)).data.metadata.viewer.id;
    const mine = await users.leader(`{ dashboards(where: { owner: { id: { eq: "${leaderId}" } } }) { totalCount } }`);
    expect(mine.errors).toBeUndefined();
    expect(mine.data.dashboards.totalCount).toBeGreaterThanOrEqual(1); // this one, and the matrix case's
  });
});

describe('nested relations', () => {
  it('give a clerk only their own region’s records under a region anyone may read', async () => {
    const other = (await users.superAdmin(`{ regions(where: { code: { eq: "990021" } }) { nodes { id } } }`)).data.regions.nodes[0].id;
    const query = `{ region(id: "${other}") { name deputies { totalCount nodes { id person { name } } } } }`;
    const clerk = (await users.clerk(query)).data.region;
    const leader = (await users.leader(query)).data.region;
    expect(clerk.name).toBe(leader.name);
    expect(clerk.deputies).toEqual({ totalCount: 0, nodes: [] });
    expect(leader.deputies.totalCount).toBeGreaterThan(0);
    expect(leader.deputies.nodes[0].person.name).toBeTruthy();
  });
});
