/**
 * The workbench's results table (admin/src/workbench/resultTable.ts) against the committed schema: the
 * first list's rows, nested records and pages flattened under the export's headers, nested lists joined,
 * enum codes read as the model's labels and flags as 是/否 — and a table still, headed by the keys, when
 * the query or the schema cannot say more.
 */
import fs from 'node:fs';
import { buildSchema, type GraphQLEnumType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { descriptionLabel, resultTable, type LabelledEntity, type TableSource } from '../../admin/src/workbench/resultTable.js';
import { DeputyLevel, Gender, GroupKind, MembershipRole, RegionLevel } from '../../schema/shared/enums.js';
import type { EnumDef } from '../../schema/shared/define-enum.js';

const schema = buildSchema(fs.readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));

const text = (name: string, labelZh: string, labelEn: string) => ({ name, labelZh, labelEn, graphqlType: 'String', options: null });
const enumField = (name: string, def: EnumDef) => ({
  name,
  labelZh: def.labelZh,
  labelEn: def.labelEn,
  graphqlType: def.name,
  options: [...def.options].map((option) => ({ ...option, color: null })),
});

/** The few entities these tests read, labelled as the model labels them. */
const entities: LabelledEntity[] = [
  {
    name: 'Deputy',
    titleField: 'person',
    fields: [
      enumField('level', DeputyLevel),
      { ...text('termNumber', '届次', 'Term'), graphqlType: 'Int', display: 'term' },
      { ...text('person', '人员', 'Person'), graphqlType: 'Person' },
      { ...text('region', '行政区划', 'Region'), graphqlType: 'Region' },
      { ...text('memberships', '小组成员', 'Memberships'), graphqlType: 'GroupMembership' },
      { ...text('byElection', '补选', 'By-election'), graphqlType: 'Boolean' },
    ],
  },
  { name: 'Person', titleField: 'name', fields: [text('name', '姓名', 'Name'), enumField('gender', Gender)] },
  { name: 'Region', titleField: 'name', fields: [text('name', '名称', 'Name'), enumField('level', RegionLevel)] },
  { name: 'GroupMembership', titleField: 'id', fields: [enumField('role', MembershipRole), { ...text('group', '代表小组', 'Group'), graphqlType: 'DeputyGroup' }] },
  { name: 'DeputyGroup', titleField: 'name', fields: [text('name', '小组名称', 'Name'), enumField('kind', GroupKind)] },
];

const source = (query: string, extra: Partial<TableSource> = {}): TableSource => ({ schema, query, entities, language: 'zh', ...extra });

const deputiesQuery = `query Deputies {
  deputies(limit: 2) {
    totalCount
    nodes { level termNumber byElection person { name gender } region { name } memberships { totalCount nodes { role group { name kind } } } }
  }
}`;

const deputiesData = {
  data: {
    deputies: {
      totalCount: 6,
      nodes: [
        {
          level: 'COUNTY',
          termNumber: 18,
          byElection: false,
          person: { name: '王建国', gender: 'MALE' },
          region: { name: '测试县01' },
          memberships: {
            totalCount: 2,
            nodes: [
              { role: 'LEADER', group: { name: '苹果产业代表小组', kind: 'PROFESSIONAL' } },
              { role: 'MEMBER', group: { name: '城区小组', kind: 'REGIONAL' } },
            ],
          },
        },
        { level: 'TOWNSHIP', termNumber: 12, byElection: true, person: { name: '李秀英', gender: 'FEMALE' }, region: null, memberships: { totalCount: 0, nodes: [] } },
      ],
    },
  },
};

describe('the workbench’s results table', () => {
  it('lays a page’s nodes out as the export does: nested records under 人员·姓名, a nested page’s count and its lists joined', () => {
    const table = resultTable(deputiesData, source(deputiesQuery))!;
    expect(table.path).toEqual(['deputies', 'nodes']);
    expect(table.totalCount).toBe(6);
    expect(table.columns.map((column) => column.header)).toEqual([
      '代表层级',
      '届次',
      '补选',
      '人员·姓名',
      '人员·性别',
      // A reference selected by its title alone is one column.
      '行政区划',
      '小组成员·数量',
      '小组成员·小组职务',
      '小组成员·代表小组·小组名称',
      '小组成员·代表小组·小组类型',
    ]);
    expect(table.rows).toEqual([
      ['县人大代表', '第十八届', '否', '王建国', '男', '测试县01', '2', '组长；组员', '苹果产业代表小组；城区小组', '专业型；地域型'],
      ['乡镇人大代表', '第十二届', '是', '李秀英', '女', '', '0', '', '', ''],
    ]);
  });

  it('speaks English when the console does', () => {
    const table = resultTable(deputiesData, source(deputiesQuery, { language: 'en' }))!;
    expect(table.columns.map((column) => column.header).slice(0, 7)).toEqual(['Deputy level', 'Term', 'By-election', 'Person·Name', 'Person·Gender', 'Region', 'Memberships·count']);
    expect(table.rows[0].slice(0, 5)).toEqual(['County', '18th', 'No', '王建国', 'Male']);
    expect(table.rows[0][7]).toBe('Leader; Member');
  });

  it('follows aliases and fragments to the fields they name', () => {
    const query = `{ list: deputies { nodes { ...D } } } fragment D on Deputy { grade: level who: person { ... on Person { sex: gender } } }`;
    const data = { data: { list: { nodes: [{ grade: 'NATIONAL', who: { sex: 'FEMALE' } }] } } };
    const table = resultTable(data, source(query))!;
    expect(table.path).toEqual(['list', 'nodes']);
    expect(table.columns.map((column) => column.header)).toEqual(['代表层级', '人员·性别']);
    expect(table.rows).toEqual([['全国人大代表', '女']]);
  });

  it('takes an aggregate’s groups as the rows, headed by the schema’s labels where the model has none', () => {
    const query = `{ deputiesAggregate(groupBy: [{ field: level }]) { key { value label } count } }`;
    const data = {
      data: {
        deputiesAggregate: [
          { key: [{ value: 'COUNTY', label: '县人大代表' }], count: 40 },
          { key: [{ value: 'TOWNSHIP', label: '乡镇人大代表' }], count: 0 },
        ],
      },
    };
    const table = resultTable(data, source(query))!;
    expect(table.path).toEqual(['deputiesAggregate']);
    expect(table.columns.map((column) => column.header)).toEqual(['key·分组值', 'key·显示名称', '行数']);
    expect(table.rows).toEqual([
      ['COUNTY', '县人大代表', '40'],
      ['TOWNSHIP', '乡镇人大代表', '0'],
    ]);
    expect(table.totalCount).toBeUndefined();
  });

  it('reads an enum the model does not describe by the schema’s description of its value', () => {
    const query = `{ regions { nodes { kind } } }`;
    const table = resultTable({ data: { regions: { nodes: [{ kind: 'COUNTY' }] } } }, source(query, { entities: [] }))!;
    expect(table.columns.map((column) => column.header)).toEqual([descriptionLabel((schema.getType('Region') as GraphQLObjectType).getFields().kind.description, 'zh')]);
    expect(table.rows[0][0]).not.toBe('COUNTY');
    expect(table.rows[0][0]).toBe(descriptionLabel((schema.getType('RegionKind') as GraphQLEnumType).getValue('COUNTY')?.description, 'zh'));
  });

  it('names the columns by the keys taken as field names when the query was edited since it ran', () => {
    for (const query of ['{ somethingElse }', 'not graphql {']) {
      const table = resultTable(deputiesData, source(query))!;
      expect(table.columns.map((column) => column.header).slice(0, 4)).toEqual(['代表层级', '届次', '补选', '人员·姓名']);
      expect(table.rows[0].slice(0, 3)).toEqual(['县人大代表', '第十八届', '否']);
    }
  });

  it('still makes a table, headed by the keys, without the schema', () => {
    {
      const table = resultTable(deputiesData, source(deputiesQuery, { schema: null }))!;
      expect(table.columns.map((column) => column.header)).toEqual([
        'level',
        'termNumber',
        'byElection',
        'person·name',
        'person·gender',
        'region·name',
        'memberships·数量',
        'memberships·role',
        'memberships·group·name',
        'memberships·group·kind',
      ]);
      // Flags still read as words; codes stay codes when nothing says they are an enum.
      expect(table.rows[1].slice(0, 3)).toEqual(['TOWNSHIP', '12', '是']);
    }
  });

  it('gives no table for an answer with no list in it, or with no data', () => {
    expect(resultTable({ data: { deputy: { person: { name: '王建国' } } } }, source('{ deputy(id: "1") { person { name } } }'))).toBeUndefined();
    expect(resultTable({ errors: [{ message: '您的角色不能新建' }] }, source('mutation { x }'))).toBeUndefined();
    expect(resultTable('{ not parsed }', source('{ x }'))).toBeUndefined();
  });

  it('gives a list of scalars one column', () => {
    const table = resultTable({ data: { names: ['甲', '乙'] } }, source('{ names }', { schema: null }))!;
    expect(table.columns).toEqual([{ header: 'names', path: [] }]);
    expect(table.rows).toEqual([['甲'], ['乙']]);
  });
});

describe('labels from schema descriptions', () => {
  it('take the head of each language’s half', () => {
    expect(descriptionLabel('行数；小于公布下限而不予公布时为空（见 suppressed）/ Rows in the group; null when suppressed', 'zh')).toBe('行数');
    expect(descriptionLabel('行数；小于公布下限而不予公布时为空（见 suppressed）/ Rows in the group; null when suppressed', 'en')).toBe('Rows in the group');
    expect(descriptionLabel('显示名称 / The value’s label: an enum label, a referenced record’s title', 'en')).toBe('The value’s label');
  });
  it('give nothing for a description without both halves, or too long a head', () => {
    expect(descriptionLabel('Only English here', 'zh')).toBeUndefined();
    expect(descriptionLabel(null, 'zh')).toBeUndefined();
    expect(descriptionLabel('这是一段很长很长的说明文字而不是一个标签 / A label', 'zh')).toBeUndefined();
  });
});
