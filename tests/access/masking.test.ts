/**
 * Personal identifiers (ID number, mobile, home address): unmasked for administrators and the owning
 * region's clerk, masked for leaders and analysts — in lists, single records, nested relations and
 * mutation answers — and never to be probed through filters.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer, type Gql } from '../support/test-server.js';

const env = useTestServer();
const person = { name: '王秀兰', idNumber: '11010519491231002X', mobile: '13800138000', address: '甘肃省平凉市灵台县中台镇东街12号' };
// The birth date too: with the masked number's outer digits it would give the whole number.
const masked = { idNumber: '110105********002X', mobile: '138****8000', address: '甘肃省平凉市****', birthDate: null };
let personId: string;
let regionId: string;

beforeAll(async () => {
  const province = await env.server.gql(`mutation { createRegion(input: { code: "620000", name: "甘肃省", kind: PROVINCE }) { id } }`);
  const city = await env.server.gql(`mutation { createRegion(input: { code: "620800", name: "平凉市", kind: CITY, parentId: "${province.data.createRegion.id}" }) { id } }`);
  const county = await env.server.gql(`mutation { createRegion(input: { code: "620822", name: "灵台县", kind: COUNTY, parentId: "${city.data.createRegion.id}" }) { id } }`);
  regionId = county.data.createRegion.id;
  const created = await env.server.gql(`mutation ($input: PersonCreateInput!) { createPerson(input: $input) { id } }`, { input: { ...person, regionId } });
  personId = created.data.createPerson.id;
  await env.server.gql(`mutation { createDeputy(input: { personId: "${personId}", level: COUNTY, termNumber: 18, regionId: "${regionId}", electedOn: "2021-10-01" }) { id } }`);
});

const read = `query ($id: ID!) {
  person(id: $id) { idNumber mobile address birthDate }
  persons(where: { id: { eq: $id } }) { nodes { idNumber mobile address birthDate } }
  deputies { nodes { person { idNumber mobile address birthDate } } }
}`;

async function seen(gql: Gql) {
  const { data, errors } = await gql(read, { id: personId });
  expect(errors).toBeUndefined();
  expect(data.deputies.nodes, JSON.stringify(data)).toHaveLength(1);
  return [data.person, data.persons.nodes[0], data.deputies.nodes[0].person];
}

describe('personal identifiers', () => {
  it('are shown to the super administrator and the clerk of the person’s county', async () => {
    for (const gql of [env.server.gql, await env.server.as('CLERK', '620822'), await env.server.as('ADMIN', '620800')]) {
      for (const view of await seen(gql)) expect(view).toEqual({ idNumber: person.idNumber, mobile: person.mobile, address: person.address, birthDate: '1949-12-31' });
    }
  });

  it('are masked for leaders and analysts in records, lists and nested relations', async () => {
    for (const role of ['LEADER', 'ANALYST'] as const) {
      for (const view of await seen(await env.server.as(role))) expect(view, role).toEqual(masked);
    }
  });

  it('cannot be probed through a filter by those who see them masked, nor through statistics', async () => {
    const leader = await env.server.as('LEADER');
    const probe = await leader(`{ persons(where: { idNumber: { startsWith: "110105" } }) { totalCount } }`);
    expect(probe.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'where.idNumber' });
    const nested = await leader(`{ deputies(where: { person: { mobile: { eq: "13800138000" } } }) { totalCount } }`);
    expect(nested.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const clerk = await env.server.as('CLERK', '620822');
    const counted = await clerk(`{ personsAggregate(where: { idNumber: { eq: "${person.idNumber}" } }) { count } }`);
    expect(counted.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const own = await clerk(`{ persons(where: { idNumber: { eq: "${person.idNumber}" } }) { totalCount } }`);
    expect(own.data.persons.totalCount).toBe(1);
  });

  it('tell the console which fields the user reads masked', async () => {
    const fields = async (gql: Gql) =>
      (await gql(`{ metadata { entities { name fields { name personal masked } } } }`)).data.metadata.entities
        .find((entity: { name: string }) => entity.name === 'Person')
        .fields.filter((field: { personal: boolean }) => field.personal);
    expect(await fields(await env.server.as('ANALYST'))).toEqual(['birthDate', 'idNumber', 'mobile', 'address'].map((name) => ({ name, personal: true, masked: true })));
    expect(await fields(env.server.gql)).toEqual(['birthDate', 'idNumber', 'mobile', 'address'].map((name) => ({ name, personal: true, masked: false })));
  });

  it('leave the birth year readable to all, kept by the database from the birth date whatever writes it (issue 18, defect 3)', async () => {
    for (const gql of [env.server.gql, await env.server.as('LEADER'), await env.server.as('ANALYST')]) {
      const { data, errors } = await gql(`query ($id: ID!) { person(id: $id) { birthYear birthDate } }`, { id: personId });
      expect(errors).toBeUndefined();
      expect(data.person.birthYear).toBe(1949);
    }
    // Not writable through the API (the input has no such field); every change of the date moves it.
    const refused = await env.server.gql(`mutation ($id: ID!) { updatePerson(id: $id, version: 1, input: { birthYear: 1990 }) { id } }`, { id: personId });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/birthYear/);
    const other = await env.server.gql(`mutation { createPerson(input: { name: "无证人员", birthDate: "1975-06-01" }) { id birthYear } }`);
    expect(other.data.createPerson.birthYear).toBe(1975);
    const cleared = await env.server.gql(`mutation ($id: ID!) { updatePerson(id: $id, version: 1, input: { birthDate: null }) { birthYear } }`, { id: other.data.createPerson.id });
    expect(cleared.errors, JSON.stringify(cleared.errors)).toBeUndefined();
    expect(cleared.data.updatePerson.birthYear).toBeNull();
  });
});
