/**
 * One transaction per GraphQL operation (issue 17, case 1): the mutations of one operation are saved
 * together or not at all — a later one failing (validation, a rule, a duplicate in the database) leaves
 * nothing of the earlier ones, `data` is null and every error says nothing was saved; answers are read in
 * the transaction, so they show what the operation wrote.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();
let county: string;

beforeAll(async () => {
  const province = (await env.server.gql(`mutation { createRegion(input: { code: "620000", name: "甘肃省", kind: PROVINCE }) { id } }`)).data.createRegion.id;
  county = (await env.server.gql(`mutation { createRegion(input: { code: "620822", name: "灵台县", kind: COUNTY, parentId: "${province}" }) { id } }`)).data.createRegion.id;
});

async function counts() {
  const client = await env.database.superClient();
  try {
    const { rows } = await client.query(
      `select (select count(*)::int from organisation) as organisations, (select count(*)::int from person) as persons, (select count(*)::int from audit_entry) as entries`,
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

describe('a mutation operation', () => {
  it('saves nothing when its second mutation is refused, as reported, and says so in both languages', async () => {
    const before = await counts();
    const operation = `mutation {
      a: createOrganisation(input: { name: "甲", kind: GOVERNMENT_DEPT, regionId: "${county}" }) { id }
      b: createOrganisation(input: { name: "", kind: GOVERNMENT_DEPT, regionId: "${county}" }) { id } }`;
    const answer = await env.server.gql(operation);
    expect(answer.data).toBeNull();
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', saved: false });
    expect(answer.errors?.[0].message).toMatch(/；本次请求的修改均未保存$/);
    const english = await env.server.gql(operation, undefined, { 'accept-language': 'en' });
    expect(english.errors?.[0].message).toMatch(/; nothing in this request was saved$/);
    expect(await counts()).toEqual(before);
  });

  it('saves nothing when a later mutation hits the database’s own refusal (a duplicate)', async () => {
    const before = await counts();
    const answer = await env.server.gql(`mutation {
      a: createPerson(input: { name: "王秀兰", idNumber: "11010519491231002X" }) { id idNumber }
      b: createPerson(input: { name: "王秀兰二", idNumber: "11010519491231002X" }) { id } }`);
    expect(answer.data).toBeNull();
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idNumber', saved: false });
    expect(await counts()).toEqual(before);
  });

  it('saves every mutation together, and answers each with what the transaction wrote', async () => {
    const before = await counts();
    const answer = await env.server.gql(`mutation {
      a: createOrganisation(input: { name: "县财政局", kind: GOVERNMENT_DEPT, regionId: "${county}" }) { id name region { name organisations { totalCount } } }
      b: createOrganisation(input: { name: "县教育局", kind: GOVERNMENT_DEPT, regionId: "${county}" }) { id region { organisations { totalCount nodes { name } } } } }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.a.name).toBe('县财政局');
    // The second answer is read after both writes, inside the transaction: it sees them both.
    expect(answer.data.b.region.organisations.totalCount).toBe(answer.data.a.region.organisations.totalCount + 1);
    const after = await counts();
    expect(after.organisations).toBe(before.organisations + 2);
    expect(after.entries).toBeGreaterThanOrEqual(before.entries + 2);
  });

  it('keeps a lone mutation’s refusal as it was, marked as not saved', async () => {
    const answer = await env.server.gql(`mutation { createOrganisation(input: { name: "", kind: GOVERNMENT_DEPT, regionId: "${county}" }) { id } }`);
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', saved: false });
    expect(answer.errors?.[0].message).not.toContain('未保存');
  });
});
