/**
 * Users and what users own: administrators manage users, a scoped one only administrators and clerks of
 * its own subtree (only a super administrator makes leaders, analysts and unscoped accounts), every change
 * of a role or region is in the trail; dashboards are their saver's, private until shared.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer, type Gql } from '../support/test-server.js';
import { everyone, ownCounty, regionalRoleOf, type Who } from './expected.js';

const env = useTestServer();
const users = {} as Record<Who, Gql>;
const outcome = (answer: { errors?: { extensions: Record<string, any> }[] }) => answer.errors?.[0].extensions.code ?? 'ok';
const regionIds: Record<string, string> = {};

beforeAll(async () => {
  const province = (await env.server.gql(`mutation { createRegion(input: { code: "990000", name: "测试省", kind: PROVINCE }) { id } }`)).data.createRegion.id;
  for (const code of [ownCounty, '990021']) {
    regionIds[code] = (await env.server.gql(`mutation { createRegion(input: { code: "${code}", name: "县${code}", kind: COUNTY, parentId: "${province}" }) { id } }`)).data.createRegion.id;
  }
  for (const who of everyone) users[who] = await env.server.as(...regionalRoleOf[who]);
});

const createUser = (who: Who, username: string, role: string, region: string | null) =>
  users[who](
    `mutation { createUser(input: { username: "${username}", displayName: "${username}", role: ${role}${region ? `, regionId: "${regionIds[region]}"` : ''} }, password: "a-long-password-1") { id version role region { code } } }`,
  );

describe('users (administration)', () => {
  it('are listed and written by administrators only, a scoped one within their region', async () => {
    const list = async (who: Who) => await users[who](`{ users(limit: 100) { nodes { username } } }`);
    for (const who of ['clerk', 'leader', 'analyst', 'handler'] as const) expect(outcome(await list(who)), who).toBe('FORBIDDEN');
    const all = (await list('superAdmin')).data.users.nodes.map((node: { username: string }) => node.username);
    expect(all).toEqual(expect.arrayContaining(['test_admin', 'test_admin_990011', 'test_clerk_990011', 'test_leader', 'test_analyst']));
    const scoped = (await list('scopedAdmin')).data.users.nodes.map((node: { username: string }) => node.username).sort();
    // A handling unit's staff of the region's unit are the region's administrator's too.
    expect(scoped).toEqual(['test_admin_990011', 'test_clerk_990011', 'test_handler_990011']);
    expect(outcome(await createUser('scopedAdmin', 'clerk_inside', 'CLERK', ownCounty))).toBe('ok');
    expect(outcome(await createUser('scopedAdmin', 'clerk_outside', 'CLERK', '990021'))).toBe('FORBIDDEN');
    // An administrator made by a scoped one, with no region given, is bounded to the maker's region: never a super administrator.
    const admin = await createUser('scopedAdmin', 'admin_made', 'ADMIN', null);
    expect(admin.data.createUser.region.code).toBe(ownCounty);
  });

  it('of a reach beyond a region (leaders, analysts, unscoped accounts) are made and changed by a super administrator alone', async () => {
    for (const role of ['LEADER', 'ANALYST']) {
      for (const region of [ownCounty, null]) {
        const answer = await createUser('scopedAdmin', `${role.toLowerCase()}_by_scoped_${region ?? 'none'}`, role, region);
        expect(answer.errors?.[0], `${role} in ${region}`).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
        expect(answer.errors?.[0].message).toContain('超级管理员');
      }
    }
    // Nor can a scoped administrator turn its own clerk into a leader, or touch a leader placed in its region.
    const clerk = (await createUser('scopedAdmin', 'clerk_to_promote', 'CLERK', ownCounty)).data.createUser;
    const promote = await users.scopedAdmin(`mutation { updateUser(id: "${clerk.id}", version: ${clerk.version}, input: { role: LEADER }) { id } }`);
    expect(outcome(promote)).toBe('FORBIDDEN');
    const leader = (await createUser('superAdmin', 'leader_in_county', 'LEADER', ownCounty)).data.createUser;
    const edit = await users.scopedAdmin(`mutation { updateUser(id: "${leader.id}", version: ${leader.version}, input: { displayName: "改名" }) { id } }`);
    expect(outcome(edit)).toBe('FORBIDDEN');
    const reset = await users.scopedAdmin(`mutation { resetUserPassword(id: "${leader.id}", version: ${leader.version}, password: "another-password-2") { id } }`);
    expect(outcome(reset)).toBe('FORBIDDEN');
    // A super administrator may; nothing was written by the refusals.
    const made = await createUser('superAdmin', 'analyst_by_super', 'ANALYST', null);
    expect(made.data.createUser.role).toBe('ANALYST');
    const names = (await users.superAdmin(`{ users(limit: 100) { nodes { username role } } }`)).data.users.nodes;
    expect(names.filter((user: { username: string }) => user.username.includes('_by_scoped_'))).toEqual([]);
    expect(names.find((user: { username: string }) => user.username === 'clerk_to_promote').role).toBe('CLERK');
  });

  it('answer a scoped administrator about users outside its reach as about users that do not exist', async () => {
    const outside = (await createUser('superAdmin', 'clerk_elsewhere', 'CLERK', '990021')).data.createUser;
    const missing = '987654321';
    const reset = (id: string) => users.scopedAdmin(`mutation { resetUserPassword(id: "${id}", version: 1, password: "clerk_elsewhere-x1") { id } }`);
    const [far, none] = [await reset(outside.id), await reset(missing)];
    expect(far.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(far.errors?.[0].message.replace(outside.id, '#')).toBe(none.errors?.[0].message.replace(missing, '#'));
  });

  it('have every change of their role or region in the audit trail', async () => {
    const clerk = (await createUser('superAdmin', 'clerk_moving', 'CLERK', ownCounty)).data.createUser;
    const moved = await users.superAdmin(`mutation { updateUser(id: "${clerk.id}", version: ${clerk.version}, input: { role: ADMIN, regionId: "${regionIds['990021']}" }) { version } }`);
    expect(moved.errors).toBeUndefined();
    const history = (await users.superAdmin(`{ recordHistory(entity: "User", id: "${clerk.id}") { operation actorName changes } }`)).data.recordHistory;
    // Created, given its first password (in the same transaction), then moved.
    expect(history.map((entry: { operation: string }) => entry.operation)).toEqual(['CREATE', 'UPDATE', 'UPDATE']);
    expect(history[2]).toMatchObject({
      actorName: 'test_admin',
      changes: { role: { before: 'CLERK', after: 'ADMIN' }, region: { before: Number(regionIds[ownCounty]), after: Number(regionIds['990021']) } },
    });
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
    expect(mine.data.dashboards.totalCount).toBe(1);
  });
});
