/**
 * The business rules through the GraphQL API: for each rule a case that passes and one that is refused
 * with the exact code and input path, both languages' messages, and nothing written (the whole database
 * is compared row by row, via a superuser connection, before and after every refused mutation).
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainEntities } from '../../schema/entities.js';
import { Appointment } from '../../schema/entities/appointment.entity.js';
import { Deputy } from '../../schema/entities/deputy.entity.js';
import { DeputyGroup } from '../../schema/entities/deputy-group.entity.js';
import { FundingAllocation } from '../../schema/entities/funding-allocation.entity.js';
import { FundingStandard } from '../../schema/entities/funding-standard.entity.js';
import { GroupMembership } from '../../schema/entities/group-membership.entity.js';
import { LiaisonStation } from '../../schema/entities/liaison-station.entity.js';
import { Oath } from '../../schema/entities/oath.entity.js';
import { Organisation } from '../../schema/entities/organisation.entity.js';
import { Person } from '../../schema/entities/person.entity.js';
import { Region } from '../../schema/entities/region.entity.js';
import { Suggestion } from '../../schema/entities/suggestion.entity.js';
import { modelOf, type ModelMeta } from '../../schema/model/registry.js';
import { inflection } from '../../schema/shared/inflection.js';
import { idNumberCheckCharacter } from '../../schema/shared/validators.js';
import { createTestDatabase, type TestDatabase } from '../support/test-cluster.js';
import { startTestServer, type GqlResponse, type TestServer } from '../support/test-server.js';

// ---------------------------------------------------------------------------------------------------
// Harness

type Json = Record<string, any>;
type Record_ = { id: string; version: number } & Json;
type GqlError = { message: string; extensions: Record<string, any> };

let database: TestDatabase;
let server: TestServer;
let pgc: pg.Client;
/** Every table of the database (but the migrations log), snapshotted whole around each refused write. */
let tables: string[] = [];

const M = {
  region: modelOf(Region),
  person: modelOf(Person),
  deputy: modelOf(Deputy),
  group: modelOf(DeputyGroup),
  membership: modelOf(GroupMembership),
  station: modelOf(LiaisonStation),
  allocation: modelOf(FundingAllocation),
  standard: modelOf(FundingStandard),
  organisation: modelOf(Organisation),
  appointment: modelOf(Appointment),
  oath: modelOf(Oath),
  suggestion: modelOf(Suggestion),
};

const gql = <T = Json>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => server.gql<T>(query, variables, headers);

function tryCreate(model: ModelMeta, input: Json, select = 'id version', headers?: Record<string, string>): Promise<GqlResponse<Json>> {
  return gql(`mutation($input: ${inflection.createInput(model)}!) { r: ${inflection.create(model)}(input: $input) { ${select} } }`, { input }, headers);
}

function tryUpdate(model: ModelMeta, record: { id: string; version: number }, input: Json, select = 'id version'): Promise<GqlResponse<Json>> {
  return gql(`mutation($id: ID!, $version: Int!, $input: ${inflection.updateInput(model)}!) { r: ${inflection.update(model)}(id: $id, version: $version, input: $input) { ${select} } }`, {
    id: record.id,
    version: record.version,
    input,
  });
}

function tryDelete(model: ModelMeta, record: { id: string; version: number }): Promise<GqlResponse<Json>> {
  return gql(`mutation($id: ID!, $version: Int!) { r: ${inflection.delete(model)}(id: $id, version: $version) { id version deletedAt } }`, record);
}

function succeeded(response: GqlResponse<Json>): Record_ {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!.r as Record_;
}

const create = async (model: ModelMeta, input: Json, select = 'id version') => succeeded(await tryCreate(model, input, select));
const update = async (model: ModelMeta, record: { id: string; version: number }, input: Json, select = 'id version') => succeeded(await tryUpdate(model, record, input, select));

/** The one error of a refused request, with its code, input path and both messages checked. */
function refused(response: GqlResponse<unknown>, code: string, field: unknown, language: 'zh' | 'en' = 'zh'): GqlError {
  expect(response.errors, `expected ${code} on ${field}, got data ${JSON.stringify(response.data)}`).toBeDefined();
  expect(response.errors!.length).toBe(1);
  const error = response.errors![0];
  expect({ code: error.extensions.code, field: error.extensions.field }, JSON.stringify(error)).toEqual({ code, field });
  expect(typeof error.extensions.messages?.zh, JSON.stringify(error)).toBe('string');
  expect(typeof error.extensions.messages?.en, JSON.stringify(error)).toBe('string');
  expect(error.extensions.messages.zh.trim()).not.toBe('');
  expect(error.extensions.messages.en.trim()).not.toBe('');
  expect(error.message).toBe(error.extensions.messages[language]);
  expect(error.extensions.requestId).toMatch(/^[0-9a-f-]{36}$/);
  return error;
}

/** Every row of every table, in id order, as one JSON value (one round trip). */
async function snapshot(): Promise<Record<string, Json[]>> {
  // The metric facts follow earlier (accepted) writes in the background: let them settle first.
  await server.db.metricFacts?.settled();
  const parts = tables.map((table) => `'${table}', (select coalesce(json_agg(t order by t), '[]'::json) from "${table}" t)`);
  const { rows } = await pgc.query(`select json_build_object(${parts.join(', ')}) as s`);
  return rows[0].s as Record<string, Json[]>;
}

/** Runs a request that must be refused, and checks that no row of any table changed, appeared or went. */
async function refusedWithoutWrite(attempt: () => Promise<GqlResponse<unknown>>, code: string, field: unknown, language: 'zh' | 'en' = 'zh'): Promise<GqlError> {
  const before = await snapshot();
  const error = refused(await attempt(), code, field, language);
  const after = await snapshot();
  const counts = (s: Record<string, Json[]>) => Object.fromEntries(Object.entries(s).map(([table, rows]) => [table, rows.length]));
  expect(counts(after)).toEqual(counts(before));
  expect(after).toEqual(before);
  return error;
}

/** One row as stored, read behind the server's back. */
async function stored(model: ModelMeta, id: string): Promise<Json> {
  const { rows } = await pgc.query(`select * from "${model.table}" where id = $1`, [id]);
  expect(rows.length).toBe(1);
  return rows[0] as Json;
}

// ---------------------------------------------------------------------------------------------------
// Fixtures: synthetic regions under province 91 (codes beginning with 9), persons with valid ID numbers

let province: Record_;
let citySequence = 0;
let personSequence = 0;

/** A fresh city (91cc00) with one county (91cc01) under the shared synthetic province. */
async function regionChain(): Promise<{ city: Record_; county: Record_; cityCode: string; countyCode: string }> {
  citySequence += 1;
  const cc = String(citySequence).padStart(2, '0');
  const cityCode = `91${cc}00`;
  const countyCode = `91${cc}01`;
  const city = await create(M.region, { code: cityCode, name: `测试市${cc}`, kind: 'CITY', parentId: province.id });
  const county = await create(M.region, { code: countyCode, name: `测试县${cc}`, kind: 'COUNTY', parentId: city.id });
  return { city, county, cityCode, countyCode };
}

/** A valid 18-character ID number (under 110105) for a birth date; odd 17th digit = male. */
function idNumberFor(birth = '19800101', gender: 'MALE' | 'FEMALE' = 'MALE'): string {
  personSequence += 1;
  const sequence = String(((personSequence * 2) % 1000) + (gender === 'MALE' ? 1 : 0)).padStart(3, '0');
  const first17 = `110105${birth}${sequence}`;
  return first17 + idNumberCheckCharacter(first17);
}

async function createPerson(extra: Json = {}): Promise<Record_> {
  return create(M.person, { name: '测试人员', idNumber: idNumberFor(), ...extra });
}

async function createDeputy(regionId: string, extra: Json = {}): Promise<Record_> {
  const person = await createPerson();
  return create(M.deputy, { personId: person.id, level: 'COUNTY', termNumber: 18, regionId, electedOn: '2021-10-01', ...extra });
}

const sampleQuery = (model: ModelMeta, id: string, select: string) => gql(`query($id: ID!) { r: ${inflection.one(model)}(id: $id) { ${select} } }`, { id });

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database);
  await server.db.whenConnected();
  pgc = await database.superClient();
  const { rows } = await pgc.query(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not ilike '%migration%' order by 1`);
  tables = rows.map((row: { table_name: string }) => row.table_name);
  expect(tables).toEqual(expect.arrayContaining(domainEntities.map((entity) => modelOf(entity).table)));
  province = await create(M.region, { code: '910000', name: '测试省', kind: 'PROVINCE' });
});

afterAll(async () => {
  await pgc?.end();
  await server?.stop();
  await database?.drop();
});

// ---------------------------------------------------------------------------------------------------

describe('Region', () => {
  it('derives the level from the kind: a district is county level, a street and a town township level', async () => {
    const { city, county, cityCode } = await regionChain();
    const prefix = cityCode.slice(0, 4);
    const district = await create(M.region, { code: `${prefix}02`, name: '测试区', kind: 'DISTRICT', parentId: city.id }, 'id version level');
    expect(district.level).toBe('COUNTY');
    const countyCity = await create(M.region, { code: `${prefix}81`, name: '测试县级市', kind: 'COUNTY_CITY', parentId: city.id }, 'id level');
    expect(countyCity.level).toBe('COUNTY');
    const street = await create(M.region, { code: `${prefix}01001`, name: '测试街道', kind: 'STREET', parentId: county.id }, 'id level');
    expect(street.level).toBe('TOWNSHIP');
    const town = await create(M.region, { code: `${prefix}01100`, name: '测试镇', kind: 'TOWN', parentId: county.id }, 'id level');
    expect(town.level).toBe('TOWNSHIP');
    expect((await stored(M.region, street.id)).level).toBe('TOWNSHIP');
    // A county that becomes a district stays county level.
    const renamed = await update(M.region, county, { kind: 'DISTRICT' }, 'id version kind level');
    expect(renamed).toMatchObject({ kind: 'DISTRICT', level: 'COUNTY', version: county.version + 1 });
  });

  it('refuses a code without the shape of its level (province xx0000, city xxxx00, county 6 digits, township 9)', async () => {
    const { city, county, cityCode } = await regionChain();
    const prefix = cityCode.slice(0, 4);
    const cases: [Json, string][] = [
      [{ code: '920100', name: '错省', kind: 'PROVINCE' }, 'province with a city code'],
      [{ code: '910001', name: '错市', kind: 'CITY', parentId: province.id }, 'city with a county code'],
      [{ code: `${prefix}00`, name: '错县', kind: 'COUNTY', parentId: city.id }, 'county with a city code'],
      [{ code: `${prefix}01201`, name: '错县', kind: 'COUNTY', parentId: city.id }, 'county with a 9-digit code'],
      [{ code: `${prefix}09`, name: '错镇', kind: 'TOWN', parentId: county.id }, 'town with a 6-digit code'],
    ];
    for (const [input, what] of cases) {
      const error = await refusedWithoutWrite(() => tryCreate(M.region, input), 'BAD_USER_INPUT', 'input.code');
      expect(error.extensions.messages.en, what).toMatch(/code/);
    }
    // A code that is not 6 or 9 digits at all fails the field validator on the same path.
    await refusedWithoutWrite(() => tryCreate(M.region, { code: '91a100', name: '错市', kind: 'CITY', parentId: province.id }), 'BAD_USER_INPUT', 'input.code');
    // Changing the kind so the stored code no longer fits is refused too.
    await refusedWithoutWrite(() => tryUpdate(M.region, county, { kind: 'CITY' }), 'BAD_USER_INPUT', 'input.code');
  });

  it("requires the code to start with the parent's code", async () => {
    const { city, county, cityCode } = await regionChain();
    const prefix = cityCode.slice(0, 4);
    await refusedWithoutWrite(() => tryCreate(M.region, { code: '929901', name: '外县', kind: 'COUNTY', parentId: city.id }), 'BAD_USER_INPUT', 'input.code');
    await refusedWithoutWrite(() => tryCreate(M.region, { code: '929901001', name: '外镇', kind: 'TOWN', parentId: county.id }), 'BAD_USER_INPUT', 'input.code');
    const fits = await create(M.region, { code: `${prefix}01002`, name: '内镇', kind: 'TOWN', parentId: county.id }, 'id code');
    expect(fits.code).toBe(`${prefix}01002`);
  });

  it('requires a parent below province level, and only there', async () => {
    await refusedWithoutWrite(() => tryCreate(M.region, { code: '919800', name: '无上级市', kind: 'CITY' }), 'BAD_USER_INPUT', 'input.parentId');
    await refusedWithoutWrite(() => tryCreate(M.region, { code: '919801', name: '无上级县', kind: 'COUNTY' }), 'BAD_USER_INPUT', 'input.parentId');
    const { county } = await regionChain();
    await refusedWithoutWrite(() => tryUpdate(M.region, county, { parentId: null }), 'BAD_USER_INPUT', 'input.parentId');
    const other = await create(M.region, { code: '920000', name: '另一测试省', kind: 'PROVINCE' }, 'id parent { id }');
    expect(other.parent).toBeNull();
  });

  it('requires the parent to be of a higher level', async () => {
    const { city, county, cityCode } = await regionChain();
    const prefix = cityCode.slice(0, 4);
    // A county under a county, a city under a city, a county under a township.
    await refusedWithoutWrite(() => tryCreate(M.region, { code: `${prefix}03`, name: '县下县', kind: 'COUNTY', parentId: county.id }), 'BAD_USER_INPUT', 'input.parentId');
    await refusedWithoutWrite(() => tryCreate(M.region, { code: `${prefix.slice(0, 2)}9700`, name: '市下市', kind: 'CITY', parentId: city.id }), 'BAD_USER_INPUT', 'input.parentId');
    const township = await create(M.region, { code: `${prefix}01003`, name: '测试乡', kind: 'TOWNSHIP', parentId: county.id });
    await refusedWithoutWrite(() => tryCreate(M.region, { code: `${prefix}04`, name: '乡下县', kind: 'COUNTY', parentId: township.id }), 'BAD_USER_INPUT', 'input.parentId');
    // Levels may be skipped downwards: a county directly under a province (仙桃市-style).
    const direct = await create(M.region, { code: '919004', name: '省直管县', kind: 'COUNTY_CITY', parentId: province.id }, 'id level parent { id }');
    expect(direct).toMatchObject({ level: 'COUNTY', parent: { id: province.id } });
  });
});

describe('Person', () => {
  it('fills gender and birth date from the ID number', async () => {
    const male = await create(M.person, { name: '张三', idNumber: idNumberFor('19750315', 'MALE') }, 'id gender birthDate');
    expect(male).toMatchObject({ gender: 'MALE', birthDate: '1975-03-15' });
    const female = await create(M.person, { name: '李四', idNumber: idNumberFor('19881231', 'FEMALE') }, 'id version gender birthDate');
    expect(female).toMatchObject({ gender: 'FEMALE', birthDate: '1988-12-31' });
    const row = await stored(M.person, female.id);
    expect([row.gender, row.birth_date instanceof Date ? 'date' : typeof row.birth_date]).toEqual(['FEMALE', 'date']);
    // Agreeing explicit values are fine; a new ID number replaces values merely carried over.
    await create(M.person, { name: '王五', idNumber: idNumberFor('19900101', 'MALE'), gender: 'MALE', birthDate: '1990-01-01' });
    const changed = await update(M.person, female, { idNumber: idNumberFor('19660606', 'MALE') }, 'id gender birthDate');
    expect(changed).toMatchObject({ gender: 'MALE', birthDate: '1966-06-06' });
  });

  it('refuses an explicit gender or birth date that disagrees with the ID number', async () => {
    await refusedWithoutWrite(() => tryCreate(M.person, { name: '赵六', idNumber: idNumberFor('19800101', 'MALE'), gender: 'FEMALE' }), 'BAD_USER_INPUT', 'input.gender');
    await refusedWithoutWrite(() => tryCreate(M.person, { name: '赵六', idNumber: idNumberFor('19800101', 'FEMALE'), birthDate: '1980-01-02' }), 'BAD_USER_INPUT', 'input.birthDate');
    const person = await createPerson();
    await refusedWithoutWrite(() => tryUpdate(M.person, person, { gender: 'FEMALE' }), 'BAD_USER_INPUT', 'input.gender');
    await refusedWithoutWrite(() => tryUpdate(M.person, person, { birthDate: '2001-01-01' }), 'BAD_USER_INPUT', 'input.birthDate');
  });

  it('refuses an explicit gender or birth date that disagrees with a new ID number, even when it equals the stored value', async () => {
    const person = await create(M.person, { name: '冯十二', idNumber: idNumberFor('19800101', 'MALE') }, 'id version gender birthDate');
    expect(person).toMatchObject({ gender: 'MALE', birthDate: '1980-01-01' });
    // The client sends a woman's ID number born 1990 and says, explicitly, MALE: the two disagree.
    await refusedWithoutWrite(() => tryUpdate(M.person, person, { idNumber: idNumberFor('19900202', 'FEMALE'), gender: 'MALE' }), 'BAD_USER_INPUT', 'input.gender');
    await refusedWithoutWrite(() => tryUpdate(M.person, person, { idNumber: idNumberFor('19900202', 'MALE'), birthDate: '1980-01-01' }), 'BAD_USER_INPUT', 'input.birthDate');
  });

  it('refuses a wrong check character and turns a final lowercase x into X', async () => {
    const valid = idNumberFor();
    const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    await refusedWithoutWrite(() => tryCreate(M.person, { name: '钱七', idNumber: wrong }), 'BAD_USER_INPUT', 'input.idNumber');
    let first17 = '';
    for (let sequence = 100; sequence < 1000; sequence += 1) {
      first17 = `11010519700101${sequence}`;
      if (idNumberCheckCharacter(first17) === 'X') break;
    }
    expect(idNumberCheckCharacter(first17)).toBe('X');
    const person = await create(M.person, { name: '孙八', idNumber: `${first17}x` }, 'id idNumber');
    expect(person.idNumber).toBe(`${first17}X`);
    expect((await stored(M.person, person.id)).id_number).toBe(`${first17}X`);
  });

  it('stores a mobile number as its 11 digits, and refuses a landline', async () => {
    const person = await createPerson({ mobile: '+86 138-0013-8000' });
    expect((await sampleQuery(M.person, person.id, 'mobile')).data!.r.mobile).toBe('13800138000');
    expect((await stored(M.person, person.id)).mobile).toBe('13800138000');
    await refusedWithoutWrite(() => tryCreate(M.person, { name: '周九', mobile: '010-6512 3456' }), 'BAD_USER_INPUT', 'input.mobile');
  });

  it('refuses a duplicate ID number among live persons, and allows it again once the first is deleted', async () => {
    const idNumber = idNumberFor('19700707', 'FEMALE');
    const first = await create(M.person, { name: '吴十', idNumber });
    await refusedWithoutWrite(() => tryCreate(M.person, { name: '郑十一', idNumber }), 'BAD_USER_INPUT', 'input.idNumber');
    // The same number typed in full-width digits (as Chinese input methods give them) is the same number.
    const fullWidth = idNumber.replace(/[0-9]/g, (digit) => String.fromCharCode(0xff10 + Number(digit)));
    await refusedWithoutWrite(() => tryCreate(M.person, { name: '郑十一', idNumber: fullWidth }), 'BAD_USER_INPUT', 'input.idNumber');
    // And through an update of another person.
    const other = await createPerson();
    await refusedWithoutWrite(() => tryUpdate(M.person, other, { idNumber }), 'BAD_USER_INPUT', 'input.idNumber');
    succeeded(await tryDelete(M.person, first));
    const second = await create(M.person, { name: '郑十一', idNumber }, 'id idNumber');
    expect(second.idNumber).toBe(idNumber);
    const { rows } = await pgc.query(`select count(*)::int as n from person where id_number = $1`, [idNumber]);
    expect(rows[0].n).toBe(2);
  });

  it('checks a deletion reason like the field it is kept in: too long or with control characters is refused', async () => {
    const person = await create(M.person, { name: '卫十五' });
    const remove = (reason: string) => () => gql(`mutation($id: ID!, $version: Int!, $reason: String) { r: deletePerson(id: $id, version: $version, reason: $reason) { id } }`, { ...person, reason });
    const tooLong = await refusedWithoutWrite(remove('录'.repeat(201)), 'BAD_USER_INPUT', 'reason');
    expect(tooLong.extensions.messages.zh).toContain('不能超过 200 个字符');
    await refusedWithoutWrite(remove('重复录入\u0007'), 'BAD_USER_INPUT', 'reason');
    const deleted = succeeded(await remove('重复录入')());
    const { rows } = await pgc.query(`select deleted_reason from person where id = $1`, [deleted.id]);
    expect(rows[0].deleted_reason).toBe('重复录入');
  });

  it('refuses restoring a deleted person whose ID number a live person now holds', async () => {
    const idNumber = idNumberFor('19710808', 'MALE');
    const first = await create(M.person, { name: '陈十三', idNumber });
    const deleted = succeeded(await tryDelete(M.person, first));
    await create(M.person, { name: '褚十四', idNumber });
    const restore = () => gql(`mutation($id: ID!, $version: Int!) { r: restorePerson(id: $id, version: $version) { id } }`, { id: deleted.id, version: deleted.version });
    // The mutation has no `input`: the error names the record's own field that now collides.
    await refusedWithoutWrite(restore, 'BAD_USER_INPUT', 'idNumber');
  });
});

describe('GroupMembership', () => {
  it('allows one active membership per deputy and group', async () => {
    const { county } = await regionChain();
    const deputy = await createDeputy(county.id);
    const group = await create(M.group, { name: '苹果产业代表小组', kind: 'PROFESSIONAL', regionId: county.id });
    const otherGroup = await create(M.group, { name: '红牛产业代表小组', kind: 'PROFESSIONAL', regionId: county.id });
    const first = await create(M.membership, { deputyId: deputy.id, groupId: group.id, joinedOn: '2022-01-01' });
    await refusedWithoutWrite(() => tryCreate(M.membership, { deputyId: deputy.id, groupId: group.id, joinedOn: '2023-01-01', role: 'LEADER' }), 'BAD_USER_INPUT', 'input.deputyId');
    // Another group is fine; so is a past membership of the same group.
    await create(M.membership, { deputyId: deputy.id, groupId: otherGroup.id, joinedOn: '2022-01-01' });
    const past = await create(M.membership, { deputyId: deputy.id, groupId: group.id, joinedOn: '2020-01-01', leftOn: '2020-12-31' });
    // Reactivating the past one while the first is active is refused.
    await refusedWithoutWrite(() => tryUpdate(M.membership, past, { leftOn: null }), 'BAD_USER_INPUT', 'input.deputyId');
    // Once the first has left, a new active membership is allowed.
    await update(M.membership, first, { leftOn: '2023-06-30' });
    const again = await create(M.membership, { deputyId: deputy.id, groupId: group.id, joinedOn: '2023-07-01' }, 'id leftOn');
    expect(again.leftOn).toBeNull();
  });

  it('takes a member who is a deputy or, in an advisory group only, a person without a seat: exactly one of the two', async () => {
    const { county } = await regionChain();
    const deputy = await createDeputy(county.id);
    const expert = await createPerson({ name: '王专家' });
    const panel = await create(M.group, { name: '专家咨询团', kind: 'ADVISORY', regionId: county.id });
    const professional = await create(M.group, { name: '蔬菜产业代表小组', kind: 'PROFESSIONAL', regionId: county.id });
    // Neither, or both: refused on the deputy, nothing written.
    await refusedWithoutWrite(() => tryCreate(M.membership, { groupId: panel.id, joinedOn: '2022-01-01' }), 'BAD_USER_INPUT', 'input.deputyId');
    await refusedWithoutWrite(() => tryCreate(M.membership, { deputyId: deputy.id, personId: expert.id, groupId: panel.id, joinedOn: '2022-01-01' }), 'BAD_USER_INPUT', 'input.deputyId');
    // A person without a seat joins the advisory group, once while active; not a professional group.
    await create(M.membership, { personId: expert.id, groupId: panel.id, joinedOn: '2022-01-01' });
    await refusedWithoutWrite(() => tryCreate(M.membership, { personId: expert.id, groupId: panel.id, joinedOn: '2023-01-01' }), 'BAD_USER_INPUT', 'input.personId');
    await refusedWithoutWrite(() => tryCreate(M.membership, { personId: expert.id, groupId: professional.id, joinedOn: '2022-01-01' }), 'BAD_USER_INPUT', 'input.personId');
    // Deputies join advisory groups too.
    await create(M.membership, { deputyId: deputy.id, groupId: panel.id, joinedOn: '2022-01-01' });
  });

  it('refuses leftOn before joinedOn on input.leftOn', async () => {
    const { county } = await regionChain();
    const deputy = await createDeputy(county.id);
    const group = await create(M.group, { name: '教育文化代表小组', kind: 'PROFESSIONAL', regionId: county.id });
    await refusedWithoutWrite(() => tryCreate(M.membership, { deputyId: deputy.id, groupId: group.id, joinedOn: '2022-05-01', leftOn: '2022-04-30' }), 'BAD_USER_INPUT', 'input.leftOn');
    await create(M.membership, { deputyId: deputy.id, groupId: group.id, joinedOn: '2022-05-01', leftOn: '2022-05-01' });
  });
});

describe('DeputyGroup', () => {
  it('is active until its dissolution date says otherwise: the flag follows the date, both ways', async () => {
    const { county } = await regionChain();
    const group = await create(M.group, { name: '撤销测试小组', kind: 'FUNCTIONAL', regionId: county.id, foundedOn: '2021-03-01' }, 'id version active dissolvedOn');
    expect([group.active, group.dissolvedOn]).toEqual([true, null]);
    const dissolved = await update(M.group, group, { dissolvedOn: '2023-06-30' }, 'id version active dissolvedOn');
    expect([dissolved.active, dissolved.dissolvedOn]).toEqual([false, '2023-06-30']);
    expect((await stored(M.group, group.id)).active).toBe(false);
    const revived = await update(M.group, dissolved, { dissolvedOn: null }, 'id version active dissolvedOn');
    expect([revived.active, revived.dissolvedOn]).toEqual([true, null]);
    // The flag is the date's: a client cannot set it apart from it.
    const refusal = await gql(`mutation { createDeputyGroup(input: { name: "x", kind: REGIONAL, regionId: "${county.id}", active: false }) { id } }`);
    expect(refusal.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

// ---------------------------------------------------------------------------------------------------
// Every (start, end) pair the models declare, generated from model.ranges

describe('date ranges declared by the models', () => {
  let townSequence = 0;
  /** A valid create input per model that declares ranges, without any of its range dates. */
  const baseInputs: Record<string, (county: Record_, countyCode: string) => Promise<Json>> = {
    Region: async (county, countyCode) => {
      townSequence += 1; // a town under the chain's county: its code and three digits
      return { code: `${countyCode}${String(100 + townSequence)}`, name: '区间测试镇', kind: 'TOWN', parentId: county.id };
    },
    Deputy: async (county) => {
      const person = await createPerson();
      return { personId: person.id, level: 'COUNTY', termNumber: 18, regionId: county.id, electedOn: '2021-01-01' };
    },
    GroupMembership: async (county) => {
      const deputy = await createDeputy(county.id);
      const group = await create(M.group, { name: '区间测试小组', kind: 'REGIONAL', regionId: county.id });
      return { deputyId: deputy.id, groupId: group.id, joinedOn: '2021-01-01' };
    },
    StationAssignment: async (county) => {
      const deputy = await createDeputy(county.id);
      const station = await create(M.station, { name: '区间测试站', kind: 'STATION', regionId: county.id });
      return { deputyId: deputy.id, stationId: station.id, startsOn: '2021-01-01' };
    },
    Training: async (county) => ({ title: '代表履职培训班', organiserRegionId: county.id, startsOn: '2021-01-01' }),
    DeputyGroup: async (county) => ({ name: '区间测试小组', kind: 'REGIONAL', regionId: county.id }),
    LivelihoodProject: async (county) => ({ year: 2024, regionId: county.id, title: '区间测试民生实事' }),
  };

  // The pairs the generic API writes; a suggestion's and a handling's dates are its workflow's (tests/workflow).
  const writable = (model: ModelMeta, name: string) => !model.fields.find((field) => field.name === name)!.readOnly;
  const cases = domainEntities
    .map((entity) => modelOf(entity))
    .flatMap((model) =>
      model.ranges.filter(([start, end]) => writable(model, start) && writable(model, end)).map(([start, end]) => ({ model, start, end, label: `${model.name}: ${end} before ${start}` })),
    );

  it('covers every model with ranges (and the ones the rules name)', () => {
    const names = new Set(cases.map((c) => c.model.name));
    expect([...names].sort()).toEqual(Object.keys(baseInputs).sort());
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  it('are published by the metadata query, so the console refuses the same before sending', async () => {
    const answer = await gql<{ metadata: { entities: { name: string; ranges: { start: string; end: string }[] }[] } }>(`{ metadata { entities { name ranges { start end } } } }`);
    const published = Object.fromEntries(answer.data!.metadata.entities.map((entity) => [entity.name, entity.ranges]));
    for (const model of domainEntities.map((entity) => modelOf(entity))) {
      expect(published[model.name], model.name).toEqual(model.ranges.map(([start, end]) => ({ start, end })));
    }
    expect(published.Deputy).toEqual([{ start: 'electedOn', end: 'endedOn' }]);
    expect(published.Person).toEqual([]);
  });

  let chain: { county: Record_; countyCode: string };
  beforeAll(async () => {
    chain = await regionChain();
  });

  it.each(cases)('$label is refused on input.$end; the same day or later is accepted', async ({ model, start, end }) => {
    const base = await baseInputs[model.name](chain.county, chain.countyCode);
    const select = `id version ${start} ${end}`;
    // Create: end one day before start.
    await refusedWithoutWrite(() => tryCreate(model, { ...base, [start]: '2024-06-10', [end]: '2024-06-09' }), 'BAD_USER_INPUT', `input.${end}`);
    // Create: end on the start day.
    const record = await create(model, { ...base, [start]: '2024-06-10', [end]: '2024-06-10' }, select);
    expect(record).toMatchObject({ [start]: '2024-06-10', [end]: '2024-06-10' });
    // Update: moving only the end before the stored start is refused; moving it later is fine.
    await refusedWithoutWrite(() => tryUpdate(model, record, { [end]: '2023-12-31' }), 'BAD_USER_INPUT', `input.${end}`);
    // Update: moving only the start after the stored end is refused on the end field too.
    await refusedWithoutWrite(() => tryUpdate(model, record, { [start]: '2024-06-11' }), 'BAD_USER_INPUT', `input.${end}`);
    const later = await update(model, record, { [end]: '2024-12-31' }, select);
    expect(later).toMatchObject({ [start]: '2024-06-10', [end]: '2024-12-31', version: record.version + 1 });
  });
});

// ---------------------------------------------------------------------------------------------------

describe('LiaisonStation', () => {
  it('accepts a HOME as parent and refuses any other kind', async () => {
    const { county } = await regionChain();
    const home = await create(M.station, { name: '测试人大代表之家', kind: 'HOME', regionId: county.id });
    const station = await create(M.station, { name: '测试代表联络站', kind: 'STATION', regionId: county.id, parentId: home.id }, 'id version parent { id }');
    expect(station.parent).toEqual({ id: home.id });
    await refusedWithoutWrite(() => tryCreate(M.station, { name: '测试联络室', kind: 'ROOM', regionId: county.id, parentId: station.id }), 'BAD_USER_INPUT', 'input.parentId');
    const room = await create(M.station, { name: '测试联络室', kind: 'ROOM', regionId: county.id, parentId: home.id });
    await refusedWithoutWrite(() => tryUpdate(M.station, room, { parentId: station.id }), 'BAD_USER_INPUT', 'input.parentId');
    await refusedWithoutWrite(() => tryUpdate(M.station, home, { parentId: home.id }), 'BAD_USER_INPUT', 'input.parentId');
  });

  it('computes standardScore from the eight checklist items', async () => {
    const { county } = await regionChain();
    const six = { hasPremises: true, hasSign: true, hasRules: true, hasLedger: true, hasSchedule: true, hasStaff: true, hasFunds: false, hasRecords: false };
    const station = await create(M.station, { name: '八有测试站', kind: 'HOME', regionId: county.id, ...six }, 'id version standardScore');
    expect(station.standardScore).toBe(75);
    expect((await stored(M.station, station.id)).standard_score).toBe(75);
    const all = await update(M.station, station, { hasFunds: true, hasRecords: true }, 'id version standardScore');
    expect(all.standardScore).toBe(100);
    const one = await update(M.station, all, { hasPremises: false, hasSign: false, hasRules: false, hasLedger: false, hasSchedule: false, hasStaff: false, hasFunds: false }, 'id standardScore');
    expect(one.standardScore).toBe(13);
    const none = await create(M.station, { name: '空白站', kind: 'POINT', regionId: county.id }, 'id standardScore');
    expect(none.standardScore).toBe(0);
    // The score is read-only: the input type has no such field.
    const attempt = await tryCreate(M.station, { name: '自报站', kind: 'POINT', regionId: county.id, standardScore: 100 });
    expect(attempt.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('FundingAllocation', () => {
  const allocation = (regionId: string, extra: Json = {}) => ({ fiscalYear: 2024, regionId, category: 'TRAINING', budgeted: '10000.00', ...extra });

  it('refuses disbursed above budgeted until the allocation is settled', async () => {
    const { county } = await regionChain();
    await refusedWithoutWrite(() => tryCreate(M.allocation, allocation(county.id, { disbursed: '10000.01', status: 'DISBURSED' })), 'BAD_USER_INPUT', 'input.disbursed');
    const record = await create(M.allocation, allocation(county.id, { disbursed: '10000.00', status: 'DISBURSED' }), 'id version disbursed');
    expect(record.disbursed).toBe('10000.00');
    await refusedWithoutWrite(() => tryUpdate(M.allocation, record, { disbursed: '12000.00' }), 'BAD_USER_INPUT', 'input.disbursed');
    await refusedWithoutWrite(() => tryUpdate(M.allocation, record, { budgeted: '9999.99' }), 'BAD_USER_INPUT', 'input.disbursed');
    const settled = await update(M.allocation, record, { status: 'SETTLED', disbursed: '12000.00' }, 'id version status disbursed budgeted');
    expect(settled).toMatchObject({ status: 'SETTLED', disbursed: '12000.00', budgeted: '10000.00' });
    await create(M.allocation, allocation(county.id, { disbursed: '10500.00', status: 'SETTLED' }));
    // Leaving SETTLED while overspent is refused again.
    await refusedWithoutWrite(() => tryUpdate(M.allocation, settled, { status: 'DISBURSED' }), 'BAD_USER_INPUT', 'input.disbursed');
  });

  it('refuses money with three decimals or below zero', async () => {
    const { county } = await regionChain();
    await refusedWithoutWrite(() => tryCreate(M.allocation, allocation(county.id, { budgeted: '1500.505' })), 'BAD_USER_INPUT', 'input.budgeted');
    await refusedWithoutWrite(() => tryCreate(M.allocation, allocation(county.id, { budgeted: '-1.00' })), 'BAD_USER_INPUT', 'input.budgeted');
    await refusedWithoutWrite(() => tryCreate(M.allocation, allocation(county.id, { disbursed: '-0.01' })), 'BAD_USER_INPUT', 'input.disbursed');
    const ok = await create(M.allocation, allocation(county.id, { budgeted: '1500.5', disbursed: '1.500' }), 'id version budgeted disbursed');
    expect(ok).toMatchObject({ budgeted: '1500.50', disbursed: '1.50' });
    expect((await stored(M.allocation, ok.id)).budgeted).toBe('1500.50');
    await refusedWithoutWrite(() => tryUpdate(M.allocation, ok, { budgeted: '0.001' }), 'BAD_USER_INPUT', 'input.budgeted');
  });

  it('refuses a float instead of a decimal string in GraphQL itself, with both messages (API.md Errors)', async () => {
    const { county } = await regionChain();
    const before = await snapshot();
    const literal = `mutation { createFundingAllocation(input: { fiscalYear: 2024, regionId: "${county.id}", category: TRAINING, budgeted: 1500.5 }) { id } }`;
    const responses = {
      variable: await tryCreate(M.allocation, allocation(county.id, { budgeted: 1500.5 })),
      literal: await gql(literal),
      literalEn: await gql(literal, {}, { 'accept-language': 'en' }),
    };
    expect(await snapshot()).toEqual(before);
    const summary = (response: GqlResponse<Json>, language: 'zh' | 'en') => {
      const error = response.errors?.[0];
      const messages = error?.extensions.messages as { zh?: string; en?: string } | undefined;
      return {
        data: response.data ?? null,
        errors: response.errors?.length,
        code: error?.extensions.code,
        zh: Boolean(messages?.zh?.trim()),
        en: Boolean(messages?.en?.trim()),
        inRequestLanguage: Boolean(messages) && error?.message === messages?.[language],
      };
    };
    const expected = { data: null, errors: 1, code: 'BAD_USER_INPUT', zh: true, en: true, inRequestLanguage: true };
    expect({ variable: summary(responses.variable, 'zh'), literal: summary(responses.literal, 'zh'), literalEn: summary(responses.literalEn, 'en') }).toEqual({
      variable: expected,
      literal: expected,
      literalEn: expected,
    });
  });

  it('flags an allocation below the standard of its region or its parent city, and fills perCapitaStandard', async () => {
    const standard = (regionId: string) => ({
      regionId,
      category: 'DEPUTY_ACTIVITY',
      unit: 'PER_DEPUTY_YEAR',
      deputyLevel: 'COUNTY',
      amountPerUnit: '800.00',
      effectiveFromYear: 2020,
    });
    const deputyFunds = (regionId: string, budgeted: string, headcount = 10) => ({ fiscalYear: 2024, regionId, category: 'DEPUTY_ACTIVITY', budgeted, headcount });
    const select = 'id version belowStandard perCapitaStandard';

    const own = await regionChain();
    await create(M.standard, standard(own.county.id));
    expect(await create(M.allocation, deputyFunds(own.county.id, '7990.00'), select)).toMatchObject({ belowStandard: true, perCapitaStandard: '800.00' });
    expect(await create(M.allocation, deputyFunds(own.county.id, '8000.00'), select)).toMatchObject({ belowStandard: false, perCapitaStandard: '800.00' });
    const above = await create(M.allocation, deputyFunds(own.county.id, '9000.00'), select);
    expect(above).toMatchObject({ belowStandard: false, perCapitaStandard: '800.00' });
    expect((await stored(M.allocation, above.id)).below_standard).toBe(false);
    // Cutting the budget below the standard flags it on update.
    const cut = await update(M.allocation, above, { budgeted: '7000.00' }, select);
    expect(cut.belowStandard).toBe(true);
    expect((await stored(M.allocation, above.id)).below_standard).toBe(true);

    const inherited = await regionChain();
    await create(M.standard, standard(inherited.city.id));
    expect(await create(M.allocation, deputyFunds(inherited.county.id, '7990.00'), select)).toMatchObject({ belowStandard: true, perCapitaStandard: '800.00' });
    expect(await create(M.allocation, deputyFunds(inherited.county.id, '8000.00'), select)).toMatchObject({ belowStandard: false, perCapitaStandard: '800.00' });
    // The county's own standard wins over the city's.
    await create(M.standard, { ...standard(inherited.county.id), amountPerUnit: '500.00' });
    expect(await create(M.allocation, deputyFunds(inherited.county.id, '7990.00'), select)).toMatchObject({ belowStandard: false, perCapitaStandard: '500.00' });

    // Without any standard in the chain: not flagged, no standard filled.
    const none = await regionChain();
    expect(await create(M.allocation, deputyFunds(none.county.id, '100.00'), select)).toMatchObject({ belowStandard: false, perCapitaStandard: null });
  });

  it('compares budgeted / headcount with the standard exactly, without rounding to cents first', async () => {
    const { city, county } = await regionChain();
    await create(M.standard, { regionId: city.id, category: 'DEPUTY_ACTIVITY', unit: 'PER_DEPUTY_YEAR', deputyLevel: 'COUNTY', amountPerUnit: '800.00', effectiveFromYear: 2020 });
    const select = 'id belowStandard perCapitaStandard';
    // 7999.99 / 10 = 799.999 < 800.00: one fen short of the standard in total.
    const short = await create(M.allocation, { fiscalYear: 2024, regionId: county.id, category: 'DEPUTY_ACTIVITY', budgeted: '7999.99', headcount: 10 }, select);
    expect(short).toMatchObject({ belowStandard: true, perCapitaStandard: '800.00' });
  });
});

// ---------------------------------------------------------------------------------------------------

// The suggestion lifecycle is the workflow's now (read-only to the generic API): tests/workflow/suggestion-workflow.test.ts.

// ---------------------------------------------------------------------------------------------------

describe('Oath and Appointment', () => {
  let county: Record_;
  beforeAll(async () => {
    county = (await regionChain()).county;
  });
  const appointment = async (action: string, decisionDate = '2024-03-01') => {
    const person = await createPerson();
    return create(M.appointment, { appointeeId: person.id, action, positionTitle: '县农业农村局局长', regionId: county.id, decisionDate }, 'id version action');
  };
  const oath = (appointmentId: string, swornOn = '2024-03-01') => ({ appointmentId, swornOn, form: 'INDIVIDUAL', venue: '县人大常委会会议室' });

  it('takes an oath for an elect, appoint or decide-appoint action, not for a removal', async () => {
    for (const action of ['ELECT', 'APPOINT', 'DECIDE_APPOINT']) {
      const a = await appointment(action);
      await create(M.oath, oath(a.id));
    }
    for (const action of ['REMOVE', 'ACCEPT_RESIGNATION', 'DISMISS']) {
      const a = await appointment(action);
      await refusedWithoutWrite(() => tryCreate(M.oath, oath(a.id)), 'BAD_USER_INPUT', 'input.appointmentId');
    }
  });

  it('refuses an oath before the decision date; on the date or later is fine', async () => {
    const a = await appointment('APPOINT', '2024-03-01');
    await refusedWithoutWrite(() => tryCreate(M.oath, oath(a.id, '2024-02-29')), 'BAD_USER_INPUT', 'input.swornOn');
    const o = await create(M.oath, oath(a.id, '2024-03-01'));
    await refusedWithoutWrite(() => tryUpdate(M.oath, o, { swornOn: '2024-02-01' }), 'BAD_USER_INPUT', 'input.swornOn');
    await update(M.oath, o, { swornOn: '2024-03-05' });
    // The decision cannot move after its oath either.
    await refusedWithoutWrite(() => tryUpdate(M.appointment, a, { decisionDate: '2024-03-06' }), 'BAD_USER_INPUT', 'input.decisionDate');
  });

  it('refuses a second oath for the same appointment', async () => {
    const a = await appointment('ELECT');
    const first = await create(M.oath, oath(a.id));
    await refusedWithoutWrite(() => tryCreate(M.oath, { ...oath(a.id, '2024-03-02'), form: 'COLLECTIVE' }), 'BAD_USER_INPUT', 'input.appointmentId');
    // Moving another appointment's oath onto this one is the same second oath.
    const b = await appointment('ELECT');
    const other = await create(M.oath, oath(b.id));
    await refusedWithoutWrite(() => tryUpdate(M.oath, other, { appointmentId: a.id }), 'BAD_USER_INPUT', 'input.appointmentId');
    // After the first is deleted, a new oath may be recorded.
    succeeded(await tryDelete(M.oath, first));
    await create(M.oath, oath(a.id, '2024-03-02'));
  });

  it('refuses changing an appointment with an oath to REMOVE; without an oath it may change', async () => {
    const a = await appointment('APPOINT');
    await create(M.oath, oath(a.id));
    await refusedWithoutWrite(() => tryUpdate(M.appointment, a, { action: 'REMOVE' }), 'BAD_USER_INPUT', 'input.action');
    const changed = await update(M.appointment, a, { action: 'DECIDE_APPOINT' }, 'id version action');
    expect(changed.action).toBe('DECIDE_APPOINT');
    const free = await appointment('APPOINT');
    expect((await update(M.appointment, free, { action: 'REMOVE' }, 'id action')).action).toBe('REMOVE');
  });
});

// ---------------------------------------------------------------------------------------------------

describe('optimistic locking', () => {
  it('refuses an update or a delete with a stale version as CONFLICT with currentVersion', async () => {
    const person = await createPerson({ workplace: '第一版' });
    const second = await update(M.person, person, { workplace: '第二版' });
    expect(second.version).toBe(person.version + 1);
    const stale = await refusedWithoutWrite(() => tryUpdate(M.person, person, { workplace: '过期' }), 'CONFLICT', 'id');
    expect(stale.extensions.currentVersion).toBe(second.version);
    const staleDelete = await refusedWithoutWrite(() => tryDelete(M.person, person), 'CONFLICT', 'id');
    expect(staleDelete.extensions.currentVersion).toBe(second.version);
    expect((await stored(M.person, person.id)).workplace).toBe('第二版');
    const deleted = succeeded(await tryDelete(M.person, second));
    expect(deleted.deletedAt).toEqual(expect.any(String));
  });

  it('writes nothing of a bulk update when one item is stale (all or nothing)', async () => {
    const a = await createPerson({ workplace: '甲' });
    const b = await createPerson({ workplace: '乙' });
    const bNow = await update(M.person, b, { workplace: '乙二' });
    const bulk = () =>
      gql(`mutation($items: [VersionedId!]!, $input: PersonUpdateInput!) { r: ${inflection.updateMany(M.person)}(items: $items, input: $input) { id version } }`, {
        items: [a, b].map(({ id, version }) => ({ id, version })),
        input: { workplace: '批量' },
      });
    const error = await refusedWithoutWrite(bulk, 'CONFLICT', 'items.1');
    expect(error.extensions.currentVersion).toBe(bNow.version);
    expect((await stored(M.person, a.id)).workplace).toBe('甲');
  });

  it('lets exactly one of ten concurrent updates with the same version through', async () => {
    const person = await createPerson({ workplace: '初始' });
    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => tryUpdate(M.person, person, { workplace: `并发${i}` }, 'id version workplace')));
    const winners = responses.filter((response) => !response.errors);
    const losers = responses.filter((response) => response.errors);
    expect(winners.length).toBe(1);
    expect(losers.length).toBe(9);
    for (const loser of losers) {
      expect(loser.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2, messages: { zh: expect.stringMatching(/\S/), en: expect.stringMatching(/\S/) } });
    }
    const row = await stored(M.person, person.id);
    expect(row.version).toBe(2);
    expect(row.workplace).toBe(winners[0].data!.r.workplace);
  });
});

describe('ids, limits and references', () => {
  it('refuses a malformed id and a limit above 1000', async () => {
    refused(await gql(`{ deputy(id: "abc") { id } }`), 'BAD_USER_INPUT', 'id');
    refused(await gql(`{ regions(limit: 1001) { totalCount } }`), 'BAD_USER_INPUT', 'limit');
    const ok = await gql(`{ regions(limit: 1000) { totalCount nodes { id } } }`);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.regions.totalCount).toBeGreaterThan(0);
    await refusedWithoutWrite(() => tryUpdate(M.person, { id: 'abc', version: 1 }, { name: '某人' }), 'BAD_USER_INPUT', 'id');
  });

  it('answers NOT_FOUND for an update of an id that does not exist', async () => {
    await refusedWithoutWrite(() => tryUpdate(M.person, { id: '987654321', version: 1 }, { name: '某人' }), 'NOT_FOUND', 'id');
    await refusedWithoutWrite(() => tryDelete(M.person, { id: '987654321', version: 1 }), 'NOT_FOUND', 'id');
    expect((await gql(`{ deputy(id: "987654321") { id } }`)).data).toEqual({ deputy: null });
  });

  it('answers NOT_FOUND on the reference field for a soft-deleted (or absent) target', async () => {
    const { county } = await regionChain();
    const person = await createPerson();
    const input = { personId: person.id, level: 'COUNTY', termNumber: 18, regionId: county.id, electedOn: '2021-10-01' };
    succeeded(await tryDelete(M.person, person));
    await refusedWithoutWrite(() => tryCreate(M.deputy, input), 'NOT_FOUND', 'input.personId');
    await refusedWithoutWrite(() => tryCreate(M.deputy, { ...input, personId: '987654321' }), 'NOT_FOUND', 'input.personId');
    const deputy = await createDeputy(county.id);
    await refusedWithoutWrite(() => tryUpdate(M.deputy, deputy, { personId: person.id }), 'NOT_FOUND', 'input.personId');
  });
});

describe('language', () => {
  it('gives the message in English for Accept-Language: en, and in Chinese without the header', async () => {
    const bad = { name: '语言测试', mobile: '12345' };
    const en = await refusedWithoutWrite(() => tryCreate(M.person, bad, 'id', { 'accept-language': 'en' }), 'BAD_USER_INPUT', 'input.mobile', 'en');
    expect(en.message).toMatch(/^Mobile: /);
    expect(en.message).not.toMatch(/[\u4e00-\u9fff]/);
    const zh = await refusedWithoutWrite(() => tryCreate(M.person, bad), 'BAD_USER_INPUT', 'input.mobile');
    expect(zh.message).toMatch(/^手机号码：/);
    expect(zh.extensions.messages).toEqual(en.extensions.messages);
    const preferred = await tryCreate(M.person, bad, 'id', { 'accept-language': 'en-US,en;q=0.9,zh-CN;q=0.8' });
    expect(preferred.errors?.[0].message).toBe(en.extensions.messages.en);
    const chinese = await tryCreate(M.person, bad, 'id', { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
    expect(chinese.errors?.[0].message).toBe(zh.extensions.messages.zh);
  });
});

describe('text', () => {
  it('refuses a name with a right-to-left override or a control character', async () => {
    await refusedWithoutWrite(() => tryCreate(M.person, { name: '张\u202E三' }), 'BAD_USER_INPUT', 'input.name');
    await refusedWithoutWrite(() => tryCreate(M.person, { name: '张\u0007三' }), 'BAD_USER_INPUT', 'input.name');
    await refusedWithoutWrite(() => tryCreate(M.person, { name: '张三\n' }), 'BAD_USER_INPUT', 'input.name');
    const person = await createPerson();
    await refusedWithoutWrite(() => tryUpdate(M.person, person, { name: '李\u200B四' }), 'BAD_USER_INPUT', 'input.name');
  });

  it('stores SQL-looking text literally', async () => {
    const name = "'; DROP TABLE deputy; --";
    const person = await create(M.person, { name }, 'id name');
    expect(person.name).toBe(name);
    expect((await stored(M.person, person.id)).name).toBe(name);
    const { rows } = await pgc.query(`select to_regclass('public.deputy') is not null as present`);
    expect(rows[0].present).toBe(true);
    const found = await gql(`query($q: String!) { persons(where: { name: { eq: $q } }) { totalCount nodes { name } } }`, { q: name });
    expect(found.data!.persons).toEqual({ totalCount: 1, nodes: [{ name }] });
  });

  it('round-trips characters beyond the BMP unchanged', async () => {
    const name = '𠀀𪚥😀👨‍👩‍👧';
    const person = await create(M.person, { name }, 'id name');
    expect(person.name).toBe(name);
    expect((await sampleQuery(M.person, person.id, 'name')).data!.r.name).toBe(name);
    const { rows } = await pgc.query(`select name, length(name)::int as n from person where id = $1`, [person.id]);
    expect(rows[0]).toEqual({ name, n: [...name].length });
  });

  it('counts characters, not UTF-16 units, against maxLength', async () => {
    const max = M.person.fields.find((field) => field.name === 'name')!.constraints.maxLength!;
    expect(max).toBe(50);
    const fifty = '𠀀'.repeat(max);
    expect(fifty.length).toBe(100);
    const person = await create(M.person, { name: fifty }, 'id version name');
    expect(person.name).toBe(fifty);
    expect((await stored(M.person, person.id)).name).toBe(fifty);
    await refusedWithoutWrite(() => tryCreate(M.person, { name: '𠀀'.repeat(max + 1) }), 'BAD_USER_INPUT', 'input.name');
    await refusedWithoutWrite(() => tryCreate(M.person, { name: '张'.repeat(max + 1) }), 'BAD_USER_INPUT', 'input.name');
    await refusedWithoutWrite(() => tryUpdate(M.person, person, { name: `${fifty}a` }), 'BAD_USER_INPUT', 'input.name');
  });
});
