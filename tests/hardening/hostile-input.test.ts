/**
 * Hostile input through the API: each case gives a stable error code, a message in Chinese and English,
 * and changes nothing — every table's row count and the audit trail are the same after as before.
 * Accepted oddities (full-width digits, +86 numbers, rare characters, SQL text) are stored as they should be.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer, type Gql } from '../support/test-server.js';

const env = useTestServer();
let county: string;
let otherCounty: string;
let deletedRegion: string;
let person: string;
let appointment: string;

async function snapshot(): Promise<string> {
  const client = await env.database.superClient();
  try {
    const { rows } = await client.query(`select (select json_object_agg(table_name, live order by table_name) from row_count) as counts, (select count(*) from audit_entry) as audit`);
    return JSON.stringify(rows[0]);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  const gql = env.server.gql;
  const province = (await gql(`mutation { createRegion(input: { code: "620000", name: "甘肃省", kind: PROVINCE }) { id } }`)).data.createRegion.id;
  county = (await gql(`mutation { createRegion(input: { code: "620822", name: "灵台县", kind: COUNTY, parentId: "${province}" }) { id } }`)).data.createRegion.id;
  otherCounty = (await gql(`mutation { createRegion(input: { code: "620821", name: "泾川县", kind: COUNTY, parentId: "${province}" }) { id } }`)).data.createRegion.id;
  const doomed = (await gql(`mutation { createRegion(input: { code: "620823", name: "崇信县", kind: COUNTY, parentId: "${province}" }) { id version } }`)).data.createRegion;
  await gql(`mutation { deleteRegion(id: "${doomed.id}", version: ${doomed.version}) { id } }`);
  deletedRegion = doomed.id;
  person = (await gql(`mutation { createPerson(input: { name: "王秀兰", regionId: "${county}" }) { id } }`)).data.createPerson.id;
  const organisation = (await gql(`mutation { createOrganisation(input: { name: "灵台县人民政府", kind: GOVERNMENT, regionId: "${county}" }) { id } }`)).data?.createOrganisation?.id;
  appointment = (
    await gql(
      `mutation { createAppointment(input: { appointeeId: "${person}", regionId: "${county}", ${organisation ? `organisationId: "${organisation}", ` : ''}action: APPOINT, positionTitle: "副县长", decisionDate: "2024-03-01" }) { id } }`,
    )
  ).data.createAppointment.id;
});

type Case = [title: string, query: string, code: string, field?: string, as?: 'clerk'];

const personWith = (fields: string) => `mutation { createPerson(input: { name: "测试", ${fields} }) { id } }`;
const allocation = (budgeted: string) => `mutation { createFundingAllocation(input: { regionId: "$COUNTY", category: DEPUTY_ACTIVITY, fiscalYear: 2024, budgeted: ${budgeted} }) { id } }`;

const cases: Case[] = [
  ['ID number: wrong check character', personWith(`idNumber: "110105194912310021"`), 'BAD_USER_INPUT', 'input.idNumber'],
  ['ID number: 15 characters', personWith(`idNumber: "110105491231002"`), 'BAD_USER_INPUT', 'input.idNumber'],
  ['ID number: 17 characters', personWith(`idNumber: "11010519491231002"`), 'BAD_USER_INPUT', 'input.idNumber'],
  ['ID number: 19 characters', personWith(`idNumber: "11010519491231002X1"`), 'BAD_USER_INPUT', 'input.idNumber'],
  ['ID number: impossible birth date', personWith(`idNumber: "110105194902300010"`), 'BAD_USER_INPUT', 'input.idNumber'],
  ['ID number: future birth date', personWith(`idNumber: "110105209901010013"`), 'BAD_USER_INPUT', 'input.idNumber'],
  ['ID number: unknown province', personWith(`idNumber: "990105194912310020"`), 'BAD_USER_INPUT', 'input.idNumber'],
  ['ID number: zero-width space', personWith(`idNumber: "1101051949\\u200b1231002X"`), 'BAD_USER_INPUT', 'input.idNumber'],
  ['ID number: control character', personWith(`idNumber: "11010519491231002X\\u0007"`), 'BAD_USER_INPUT', 'input.idNumber'],
  ['mobile: 10 digits', personWith(`mobile: "1380013800"`), 'BAD_USER_INPUT', 'input.mobile'],
  ['mobile: 12 digits', personWith(`mobile: "138001380001"`), 'BAD_USER_INPUT', 'input.mobile'],
  ['mobile: not starting with 1', personWith(`mobile: "23800138000"`), 'BAD_USER_INPUT', 'input.mobile'],
  ['mobile: a landline', personWith(`mobile: "0933-5212345"`), 'BAD_USER_INPUT', 'input.mobile'],
  ['mobile: letters', personWith(`mobile: "138OO138OOO"`), 'BAD_USER_INPUT', 'input.mobile'],
  ['text: a 10,000-character name', `mutation { createPerson(input: { name: "${'长'.repeat(10_000)}" }) { id } }`, 'BAD_USER_INPUT', 'input.name'],
  ['text: a control character', personWith(`workplace: "县政府\\u0007"`), 'BAD_USER_INPUT', 'input.workplace'],
  ['text: a bidi override', personWith(`workplace: "县政府\\u202e"`), 'BAD_USER_INPUT', 'input.workplace'],
  [
    'date: a seat ending before it began',
    `mutation { createDeputy(input: { personId: "$PERSON", level: COUNTY, termNumber: 18, regionId: "$COUNTY", electedOn: "2021-10-01", status: TERMINATED, endedOn: "2020-01-01" }) { id } }`,
    'BAD_USER_INPUT',
    'input.endedOn',
  ],
  ['date: an oath before its appointment', `mutation { createOath(input: { appointmentId: "$APPOINTMENT", form: INDIVIDUAL, swornOn: "2024-01-01" }) { id } }`, 'BAD_USER_INPUT', 'input.swornOn'],
  ['date: not a date', `mutation { createOath(input: { appointmentId: "$APPOINTMENT", form: INDIVIDUAL, swornOn: "2024-02-30" }) { id } }`, 'BAD_USER_INPUT'],
  [
    'fiscal year out of range',
    `mutation { createFundingAllocation(input: { regionId: "$COUNTY", category: DEPUTY_ACTIVITY, fiscalYear: 1850, budgeted: "100.00" }) { id } }`,
    'BAD_USER_INPUT',
    'input.fiscalYear',
  ],
  ['money: negative', allocation(`"-1.00"`), 'BAD_USER_INPUT', 'input.budgeted'],
  ['money: three decimals', allocation(`"1.234"`), 'BAD_USER_INPUT', 'input.budgeted'],
  ['money: 1e309 (refused by the Decimal scalar itself)', allocation(`"1e309"`), 'BAD_USER_INPUT'],
  ['money: a float literal', allocation(`1500.5`), 'BAD_USER_INPUT'],
  ['money: over the cap', allocation(`"99999999999999.99"`), 'BAD_USER_INPUT', 'input.budgeted'],
  ['an unknown enum value', `mutation { createRegion(input: { code: "620824", name: "华亭市", kind: METROPOLIS }) { id } }`, 'BAD_USER_INPUT'],
  [
    'a reference to a deleted record',
    `mutation { createDeputy(input: { personId: "$PERSON", level: COUNTY, termNumber: 18, regionId: "$DELETED", electedOn: "2021-10-01" }) { id } }`,
    'NOT_FOUND',
    'input.regionId',
  ],
  [
    'a reference to no record',
    `mutation { createDeputy(input: { personId: "999999", level: COUNTY, termNumber: 18, regionId: "$COUNTY", electedOn: "2021-10-01" }) { id } }`,
    'NOT_FOUND',
    'input.personId',
  ],
  [
    'a malformed id',
    `mutation { createDeputy(input: { personId: "1; drop table person", level: COUNTY, termNumber: 18, regionId: "$COUNTY", electedOn: "2021-10-01" }) { id } }`,
    'BAD_USER_INPUT',
    'input.personId',
  ],
  [
    'a clerk referencing another county',
    `mutation { createDeputy(input: { personId: "$PERSON", level: COUNTY, termNumber: 18, regionId: "$OTHER", electedOn: "2021-10-01" }) { id } }`,
    'FORBIDDEN',
    'input.regionId',
    'clerk',
  ],
  ['setting createdAt', personWith(`createdAt: "2020-01-01T00:00:00Z"`), 'BAD_USER_INPUT'],
  ['setting version', personWith(`version: 7`), 'BAD_USER_INPUT'],
  ['setting an audit field (deletedAt)', personWith(`deletedAt: "2020-01-01T00:00:00Z"`), 'BAD_USER_INPUT'],
];

describe('hostile input', () => {
  it.each(cases)('%s: refused with a stable code, both languages, nothing changed', async (_title, template, code, field, as) => {
    const query = template.replaceAll('$COUNTY', county).replaceAll('$OTHER', otherCounty).replaceAll('$DELETED', deletedRegion).replaceAll('$PERSON', person).replaceAll('$APPOINTMENT', appointment);
    const gql: Gql = as === 'clerk' ? await env.server.as('CLERK', '620822') : env.server.gql;
    const before = await snapshot();
    const answer = await gql(query);
    const english = await gql(query, {}, { 'accept-language': 'en-US,en;q=0.9' });
    expect(await snapshot()).toBe(before);
    const [error] = answer.errors ?? [];
    expect(error?.extensions.code, JSON.stringify(answer.errors)).toBe(code);
    if (field) expect(error.extensions.field).toBe(field);
    const { zh, en } = error.extensions.messages;
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    // English (names of places may stay Chinese: "… your own region (灵台县)").
    expect(en).toMatch(/^["A-Z][\x20-\x7e“”’–—…·]{8,}/);
    expect(error.message).toBe(zh);
    expect(english.errors?.[0].message).toBe(en);
    expect(zh).not.toMatch(/^请求有误/); // every case has its own Chinese wording, not the generic fallback
    expect(JSON.stringify(answer.errors)).not.toMatch(/select |insert |update |stack|node_modules|Did you mean/i);
  });

  it('normalises full-width ID numbers and +86 mobiles, and keeps rare characters, emoji and SQL text exactly', async () => {
    const text = `𠀀𪚥😀'; DROP TABLE deputy; --`;
    const created = await env.server.gql(
      `mutation ($workplace: String!) { createPerson(input: { name: "𪚥先生", idNumber: "１１０１０５１９４９１２３１００２Ｘ", mobile: "+86 138-0013-8000", workplace: $workplace }) { id name idNumber mobile workplace } }`,
      { workplace: text },
    );
    expect(created.data.createPerson).toMatchObject({ name: '𪚥先生', idNumber: '11010519491231002X', mobile: '13800138000', workplace: text });
    const read = await env.server.gql(`{ person(id: "${created.data.createPerson.id}") { workplace } deputies(limit: 0) { totalCount } }`);
    expect(read.data.person.workplace).toBe(text);
  });
});
