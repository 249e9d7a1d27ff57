/**
 * The seven breaches found by review (issue 15), each replayed on the demo data as the hostile insider did
 * it — an analyst, a leader, 灵台县's clerk, an administrator scoped to 平凉市 — and each now refused or
 * answered without what the user may not read. The generated matrix (privacy-matrix.deep.test.ts) covers the
 * class; these pin the reported instances.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoInto } from '../support/demo-database.js';
import { useTestServer, type Gql } from '../support/test-server.js';

const env = useTestServer(loadDemoInto);
let analyst: Gql;
let clerk: Gql & { username: string };
let scopedAdmin: Gql;
let lingtai: string;
let kongtong: { id: string; name: string; idNumber: string; birthDate: string };

beforeAll(async () => {
  analyst = await env.server.as('ANALYST');
  clerk = await env.server.as('CLERK', '620822');
  scopedAdmin = await env.server.as('ADMIN', '620800');
  lingtai = (await env.server.gql(`{ regions(where: { code: { eq: "620822" } }) { nodes { id } } }`)).data.regions.nodes[0].id;
  // A deputy of 崆峒区, with what only administrators and 崆峒区's clerk may see.
  const found = await env.server.gql(`{ deputies(where: { region: { code: { eq: "620802" } }, level: { eq: COUNTY } }, limit: 1) { nodes { person { id name idNumber birthDate } } } }`);
  kongtong = found.data.deputies.nodes[0].person;
}, 120_000);

const codeOf = (answer: { errors?: { extensions: Record<string, any> }[] }) => answer.errors?.[0]?.extensions.code ?? 'ok';

describe('issue 15, as reported', () => {
  it('1. a masked ID number cannot be completed by grouping on the birth date', async () => {
    for (const part of ['', ', part: YEAR', ', part: MONTH']) {
      const answer = await analyst(`{ personsAggregate(where: { id: { eq: "${kongtong.id}" } }, groupBy: [{ field: birthDate${part} }]) { key { value } count } }`);
      expect(answer.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'groupBy.0.field' });
      expect(JSON.stringify(answer)).not.toContain(kongtong.birthDate);
    }
    // In English too, naming the field.
    const english = await analyst(`{ personsAggregate(groupBy: [{ field: birthDate }]) { count } }`, undefined, { 'accept-language': 'en' });
    expect(english.errors?.[0].message).toBe('You may not group by birth date: you see it masked');
  });

  it('2. group labels name no deputy of another county, and no profile of a named person comes out', async () => {
    const answer = await clerk(`{ deputiesAggregate(where: { region: { code: { startsWith: "6208" } } }, groupBy: [{ field: person }]) { key { value label } count suppressed } }`);
    expect(answer.errors).toBeUndefined();
    // A label is the name of a person the clerk may read (registered in 灵台县, or holding a seat or post there), else null.
    const groups: { key: { value: string; label: string | null }[] }[] = answer.data.deputiesAggregate;
    const readable = await clerk(`query ($ids: [ID!]) { persons(where: { id: { in: $ids } }, limit: 1000) { nodes { id name } } }`, { ids: groups.map((group) => group.key[0].value) });
    const names = new Map(readable.data.persons.nodes.map((person: { id: string; name: string }) => [person.id, person.name]));
    expect(names.size).toBeGreaterThan(100);
    expect(groups.length).toBeGreaterThan(names.size);
    for (const group of groups) expect(group.key[0].label).toBe(names.get(group.key[0].value) ?? null);
    expect(JSON.stringify(answer)).not.toContain(kongtong.name);
    const profile = await clerk(
      `{ personsAggregate(where: { name: { eq: "${kongtong.name}" } }, groupBy: [{ field: birthDate }, { field: politicalStatus }, { field: education }, { field: ethnicity }]) { key { value } count } }`,
    );
    expect(profile.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'where.name' });
    const withoutBirth = await clerk(`{ personsAggregate(where: { name: { eq: "${kongtong.name}" } }, groupBy: [{ field: politicalStatus }]) { count } }`);
    expect(withoutBirth.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'where.name' });
  });

  it('3. identifiers and the birth date are no sort key for those who read them masked', async () => {
    for (const field of ['idNumber', 'mobile', 'address', 'birthDate']) {
      const answer = await analyst(`{ persons(orderBy: [{ field: name }, { field: ${field}, direction: DESC }], limit: 5) { nodes { id } } }`);
      expect(answer.errors?.[0].extensions, field).toMatchObject({ code: 'FORBIDDEN', field: 'orderBy.1.field' });
    }
    // The clerk sorts their own county's people by them.
    const own = await clerk(`{ persons(orderBy: [{ field: idNumber }], limit: 5) { nodes { idNumber } } }`);
    expect(own.errors).toBeUndefined();
    const numbers = own.data.persons.nodes.map((node: { idNumber: string }) => node.idNumber);
    expect(numbers).toEqual([...numbers].sort());
  });

  it('4. private saved queries are neither counted, probed nor labelled with their owner', async () => {
    const text = '{ persons(where: { name: { startsWith: "秘" } }) { totalCount } }';
    const saved = await env.server.gql(`mutation ($query: String!) { createSavedQuery(input: { name: "私人查询", query: $query }) { id } }`, { query: text });
    const id = saved.data.createSavedQuery.id;
    const listed = (await analyst(`{ savedQueries { totalCount } }`)).data.savedQueries.totalCount;
    const counted = (await analyst(`{ savedQueriesAggregate { count } }`)).data.savedQueriesAggregate[0].count;
    expect(counted).toBe(listed);
    for (const guess of ['{', '{ persons', text]) {
      const probe = await analyst(`{ savedQueriesAggregate(where: { id: { eq: "${id}" }, query: { startsWith: ${JSON.stringify(guess)} } }) { count } }`);
      expect(probe.data.savedQueriesAggregate[0].count, guess).toBe(0);
    }
    const owners = await analyst(`{ savedQueriesAggregate(groupBy: [{ field: owner }]) { key { value label } count } }`);
    expect(owners.data.savedQueriesAggregate.every((group: { key: { label: string | null }[] }) => group.key[0].label === null)).toBe(true);
    expect(JSON.stringify(owners)).not.toContain('test_admin');
  });

  it('5. a mutation’s answer is masked and recorded like a read', async () => {
    const region = (await clerk(`{ region(id: "${lingtai}") { version } }`)).data.region;
    const answer = await clerk(`mutation { updateRegion(id: "${lingtai}", version: ${region.version}, input: {}) { persons(limit: 1000) { nodes { id idNumber mobile address } } } }`);
    expect(answer.errors).toBeUndefined();
    const persons = answer.data.updateRegion.persons.nodes;
    expect(persons.length).toBeGreaterThan(100);
    const reads = (await env.server.gql(`{ auditEntries(where: { operation: "READ_PERSONAL", actorName: "${clerk.username}" }) { nodes { entity changes } } }`)).data.auditEntries.nodes;
    expect(reads[0]).toMatchObject({ entity: 'Person', changes: { count: persons.length, fields: ['idNumber', 'mobile', 'address'] } });
    expect([...reads[0].changes.ids].sort()).toEqual(persons.map((person: { id: string }) => person.id).sort());
  });

  it('6. an administrator scoped to 平凉市 makes no leader, analyst or unscoped account', async () => {
    const pingliang = (await env.server.gql(`{ regions(where: { code: { eq: "620800" } }) { nodes { id } } }`)).data.regions.nodes[0].id;
    for (const [role, region] of [
      ['LEADER', pingliang],
      ['ANALYST', pingliang],
      ['LEADER', null],
      ['ANALYST', null],
    ] as const) {
      const username = `escape_${role.toLowerCase()}_${region ? 'scoped' : 'none'}`;
      const answer = await scopedAdmin(
        `mutation { createUser(input: { username: "${username}", displayName: "越权", role: ${role}${region ? `, regionId: "${region}"` : ''} }, password: "escape-password-1") { id } }`,
      );
      expect(codeOf(answer), `${role} ${region}`).toBe('FORBIDDEN');
      expect((await env.server.signIn(username, 'escape-password-1')).status).toBe(401);
    }
  });

  it('7. a record of another county answers exactly as a missing one, before its version is compared', async () => {
    const other = (await env.server.gql(`{ deputies(where: { region: { code: { eq: "620802" } } }, limit: 1) { nodes { id version } } }`)).data.deputies.nodes[0];
    const missing = '987654321';
    const attempt = (id: string, version: number) => clerk(`mutation { updateDeputy(id: "${id}", version: ${version}, input: { electoralDistrict: "越权" }) { id } }`);
    for (const version of [other.version, other.version + 5]) {
      const [far, none] = [await attempt(other.id, version), await attempt(missing, version)];
      expect(far.errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect(far.errors?.[0].extensions.currentVersion).toBeUndefined();
      expect(far.errors?.[0].message.replace(other.id, '#')).toBe(none.errors?.[0].message.replace(missing, '#'));
    }
    const unchanged = (await env.server.gql(`{ deputy(id: "${other.id}") { version electoralDistrict } }`)).data.deputy;
    expect(unchanged.version).toBe(other.version);
    expect(unchanged.electoralDistrict).not.toBe('越权');
  });
});
