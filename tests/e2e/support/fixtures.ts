/**
 * A small, deterministic data set for the browser tests, created through the GraphQL API (the tests
 * never depend on the demo seeds): a synthetic province (codes beginning with 9) with 30 counties for
 * paging, persons with valid ID numbers, deputies, a deputy group with memberships, and a funding row.
 */
import { idNumberCheckCharacter } from '../../../schema/shared/validators.js';

export type Gql = <T = any>(query: string, variables?: Record<string, unknown>) => Promise<{ data?: T; errors?: { message: string }[] }>;

export type Fixtures = {
  provinceId: string;
  cityId: string;
  countyIds: string[];
  personIds: string[];
  deputyIds: string[];
  groupId: string;
  fundingId: string;
};

/** A valid 18-character ID number born on `birth` (YYYYMMDD); an odd sequence digit means male. */
export function idNumber(birth: string, sequence: number): string {
  const first17 = `620822${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
}

async function create(gql: Gql, mutation: string, input: Record<string, unknown>): Promise<string> {
  const answer = await gql<Record<string, { id: string }>>(`mutation($input: ${inputTypeOf(mutation)}!) { created: ${mutation}(input: $input) { id } }`, { input });
  if (!answer.data) throw new Error(`${mutation} failed: ${answer.errors?.map((error) => error.message).join('; ')}`);
  return answer.data.created.id;
}

const inputTypeOf = (mutation: string) => `${mutation.slice('create'.length)}CreateInput`;

const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const givenNames = ['建国', '秀英', '志强', '丽娟', '海燕', '文华'];

/** Creates the fixture records and returns their ids. */
export async function createFixtures(gql: Gql): Promise<Fixtures> {
  const provinceId = await create(gql, 'createRegion', { code: '910000', name: '测试省', kind: 'PROVINCE', population: 5000000 });
  const cityId = await create(gql, 'createRegion', { code: '910100', name: '测试市', kind: 'CITY', parentId: provinceId, population: 1200000 });
  const countyIds: string[] = [];
  for (let n = 1; n <= 30; n += 1) {
    const code = `9101${String(n).padStart(2, '0')}`;
    countyIds.push(await create(gql, 'createRegion', { code, name: `测试县${String(n).padStart(2, '0')}`, kind: 'COUNTY', parentId: cityId, population: 100000 + n * 1000, congressTerm: 18 }));
  }
  const personIds: string[] = [];
  for (let n = 0; n < 12; n += 1) {
    const birth = `19${70 + n}0${(n % 9) + 1}15`;
    personIds.push(
      await create(gql, 'createPerson', {
        name: `${surnames[n]}${givenNames[n % givenNames.length]}`,
        idNumber: idNumber(birth, 100 + n),
        workplace: '测试县人民政府',
        mobile: `1380000${String(1000 + n)}`,
      }),
    );
  }
  const deputyIds: string[] = [];
  for (let n = 0; n < 6; n += 1) {
    deputyIds.push(
      await create(gql, 'createDeputy', { personId: personIds[n], level: 'COUNTY', termNumber: 18, regionId: countyIds[0], electedOn: '2021-10-15', composition: n % 2 ? 'FARMER' : 'WORKER' }),
    );
  }
  const groupId = await create(gql, 'createDeputyGroup', {
    name: '苹果产业代表小组',
    kind: 'PROFESSIONAL',
    regionId: countyIds[0],
    focus: '苹果产业',
    foundedOn: '2020-03-01',
    convenerId: personIds[6],
  });
  for (let n = 0; n < 3; n += 1) {
    await create(gql, 'createGroupMembership', { deputyId: deputyIds[n], groupId, joinedOn: '2021-11-01', role: n === 0 ? 'LEADER' : 'MEMBER' });
  }
  const fundingId = await create(gql, 'createFundingAllocation', {
    fiscalYear: 2024,
    regionId: countyIds[0],
    category: 'DEPUTY_ACTIVITY',
    budgeted: '48000.00',
    disbursed: '12500.50',
    headcount: 60,
    perCapitaStandard: '800.00',
  });
  return { provinceId, cityId, countyIds, personIds, deputyIds, groupId, fundingId };
}
