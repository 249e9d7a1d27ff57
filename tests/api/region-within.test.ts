/**
 * `within` on a region filter (issue 22): `region: { within: "970800" }` keeps what lies in the region coded so or
 * in any region below it, at every level (province, city, county, township), for Region itself and through every
 * reference to a region of every model — generated from the models, so that a reference added later is covered;
 * `startsWith` keeps its meaning (a code's spelling: 970800 alone); an unknown code is refused in both languages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Region } from '../../schema/entities/region.entity.js';
import { domainEntities } from '../../schema/entities.js';
import { modelOf, type FieldMeta, type ModelMeta } from '../../schema/model/registry.js';
import { inflection } from '../../schema/shared/inflection.js';
import { recordCreator, type CreateRecord } from '../support/samples.js';
import { actAsTest } from '../support/test-cluster.js';
import { useTestServer } from '../support/test-server.js';

/** A tree of four levels beside a sibling at each, in codes no other test uses: parent first. */
const tree: [code: string, name: string, kind: string, level: string, parent: string | null][] = [
  ['970000', '测试甲省', 'PROVINCE', 'PROVINCE', null],
  ['970800', '测试乙市', 'CITY', 'CITY', '970000'],
  ['970900', '测试丙市', 'CITY', 'CITY', '970000'],
  ['970821', '测试丁县', 'COUNTY', 'COUNTY', '970800'],
  ['970822', '测试戊县', 'COUNTY', 'COUNTY', '970800'],
  ['970901', '测试己区', 'DISTRICT', 'COUNTY', '970900'],
  ['970821100', '测试庚镇', 'TOWN', 'TOWNSHIP', '970821'],
  ['970821200', '测试辛乡', 'TOWNSHIP', 'TOWNSHIP', '970821'],
  ['970822100', '测试壬镇', 'TOWN', 'TOWNSHIP', '970822'],
  // The last city of a province: its range ends at the next province (979999… has no successor within 97).
  ['979900', '测试癸市', 'CITY', 'CITY', '970000'],
  ['979901', '测试子县', 'COUNTY', 'COUNTY', '979900'],
];

/** What `within` keeps of the tree, for a region of each level, written out by hand. */
const expected: Record<string, string[]> = {
  '970000': tree.map(([code]) => code),
  '970800': ['970800', '970821', '970822', '970821100', '970821200', '970822100'],
  '970821': ['970821', '970821100', '970821200'],
  '970821100': ['970821100'],
  '979900': ['979900', '979901'],
};

const env = useTestServer(async (database) => {
  const client = await database.superClient();
  try {
    await actAsTest(client);
    for (const [code, name, kind, level, parent] of tree) {
      await client.query(`insert into region (code, name, kind, level, parent_id) values ($1, $2, $3, $4, (select id from region where code = $5 and deleted_at is null))`, [
        code,
        name,
        kind,
        level,
        parent,
      ]);
    }
  } finally {
    await client.end();
  }
});

let create: CreateRecord;
beforeAll(() => {
  create = recordCreator(env.server);
});

const sorted = (codes: string[]) => [...codes].sort();

async function regionCodes(where: Record<string, unknown>): Promise<string[]> {
  const response = await env.server.gql(`query ($where: RegionFilter) { regions(where: $where, limit: 1000) { nodes { code } } }`, { where: { AND: [where, { code: { startsWith: '97' } }] } });
  expect(response.errors).toBeUndefined();
  return sorted(response.data.regions.nodes.map((node: { code: string }) => node.code));
}

describe('within', () => {
  it.each(Object.entries(expected))('keeps region %s and every region below it, at any level', async (code, codes) => {
    expect(await regionCodes({ within: code })).toEqual(sorted(codes));
  });

  it('leaves startsWith its meaning: the code as spelled, 970800 alone', async () => {
    expect(await regionCodes({ code: { startsWith: '970800' } })).toEqual(['970800']);
    expect(await regionCodes({ code: { startsWith: '9708' } })).toEqual(sorted(expected['970800']));
  });

  it('keeps persons registered at each level under a region, through their region', async () => {
    const ids: Record<string, string> = {};
    for (const [code] of tree) {
      const response = await env.server.gql(`mutation ($region: ID!, $name: String!) { createPerson(input: { name: $name, regionId: $region }) { id } }`, {
        region: await regionId(code),
        name: `辖区人员${code}`,
      });
      expect(response.errors).toBeUndefined();
      ids[code] = response.data.createPerson.id;
    }
    for (const [code, codes] of Object.entries(expected)) {
      const response = await env.server.gql(`query ($code: String!, $ids: [ID!]) { persons(where: { id: { in: $ids }, region: { within: $code } }, limit: 100) { nodes { id } } }`, {
        code,
        ids: Object.values(ids),
      });
      expect(response.errors).toBeUndefined();
      expect(sorted(response.data.persons.nodes.map((node: { id: string }) => node.id)), code).toEqual(sorted(codes.map((inside) => ids[inside])));
    }
  });

  const regionReferences = domainEntities
    .map(modelOf)
    .filter((model) => model.operations.includes('create') && model.operations.includes('list'))
    .flatMap((model) => model.fields.filter((field) => field.kind === 'reference' && modelOf(field.target!()) === modelOf(Region)).map((field) => [model, field] as const));

  it('is offered on every reference to a region, and on regions themselves', () => {
    expect(regionReferences.length).toBeGreaterThanOrEqual(14);
  });

  it.each(regionReferences.map(([model, field]) => [`${model.name}.${field.name}`, model, field] as const))(
    'keeps a %s inside its region and its province, not a sibling',
    async (_name, model, field) => {
      // Seed 1's records point to the sample county 990011 (under the province 990000); 990021 is its sibling (seed 2).
      const id = await create(model, 1);
      await create(modelOf(Region), 2);
      const target = await targetCode(model, field, id);
      expect(await keeps(model, field, id, target)).toBe(true);
      expect(await keeps(model, field, id, '990000')).toBe(true);
      expect(await keeps(model, field, id, target === '990021' ? '990011' : '990021')).toBe(false);
    },
  );

  it('refuses a code no region has, in the request language, naming the filter', async () => {
    for (const [language, pattern] of [
      ['zh', /没有区划代码为 970823 的行政区划/],
      ['en', /No region has the division code 970823/],
    ] as const) {
      const response = await env.server.gql(`{ deputies(where: { region: { within: "970823" } }) { totalCount } }`, undefined, { 'accept-language': language });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'where.region.within' });
      expect(response.errors?.[0]?.message).toMatch(pattern);
    }
    // However deep it sits, and even when no row would reach it: the statement checks it before reading any.
    for (const query of [
      `{ deputies(where: { id: { eq: "999999999" }, region: { within: "970823" } }) { totalCount } }`,
      `{ persons(where: { NOT: { seats: { some: { region: { within: "970823" } } } } }) { totalCount } }`,
      `{ deputiesAggregate(where: { region: { within: "970823" } }) { count } }`,
    ]) {
      const response = await env.server.gql(query);
      expect(response.errors?.[0]?.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(response.errors?.[0]?.message, query).toMatch(/970823/);
    }
    const top = await env.server.gql(`{ regions(where: { within: "970823" }) { totalCount } }`);
    expect(top.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'where.within' });
    const malformed = await env.server.gql(`{ regions(where: { within: "9708" }) { totalCount } }`);
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'where.within' });
  });

  it('is read through an index on the region code (the range, not a scan of the table)', async () => {
    const seen: { text: string; values: readonly unknown[] }[] = [];
    const stop = env.server.db.readPool!.onQuery((text, values) => seen.push({ text, values }));
    const answer = await env.server.gql(`{ deputies(where: { region: { within: "970800" } }) { totalCount } }`);
    stop();
    expect(answer.errors).toBeUndefined();
    const statement = seen.find((candidate) => candidate.text.includes('crc_known_division'))!;
    expect(statement).toBeDefined();
    const client = await env.database.superClient();
    try {
      await client.query('set enable_seqscan = off');
      const { rows } = await client.query(`explain (format json) ${statement.text}`, statement.values as unknown[]);
      type PlanNode = { 'Relation Name'?: string; 'Index Cond'?: string; 'Node Type': string; Plans?: PlanNode[] };
      const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];
      const regionScans = nodes((rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan).filter((node) => node['Relation Name'] === 'region');
      // `((code)::text >= '9708'::text) AND ((code)::text < '9709'::text)`: the subtree's range, as an index condition.
      expect(regionScans.some((node) => /code\)?(::text)? >= '9708'/.test(node['Index Cond'] ?? '') && /code\)?(::text)? < '9709'/.test(node['Index Cond'] ?? ''))).toBe(true);
    } finally {
      await client.end();
    }
  });
});

async function regionId(code: string): Promise<string> {
  const client = await env.database.superClient();
  try {
    return (await client.query(`select id::text as id from region where code = $1 and deleted_at is null`, [code])).rows[0].id;
  } finally {
    await client.end();
  }
}

/** The code of the region `field` of the record points to. */
async function targetCode(model: ModelMeta, field: FieldMeta, id: string): Promise<string> {
  const client = await env.database.superClient();
  try {
    return (await client.query(`select r.code from "${model.table}" t join region r on r.id = t."${field.column}" where t.id = $1`, [id])).rows[0].code;
  } finally {
    await client.end();
  }
}

async function keeps(model: ModelMeta, field: FieldMeta, id: string, code: string): Promise<boolean> {
  const response = await env.server.gql(`query ($code: String!, $id: ID) { rows: ${inflection.list(model)}(where: { id: { eq: $id }, ${field.name}: { within: $code } }) { nodes { id } } }`, {
    code,
    id,
  });
  expect(response.errors, `${model.name}.${field.name}`).toBeUndefined();
  return response.data.rows.nodes.length === 1;
}
