/**
 * Deputies by level run 全国 → 省 → 市 → 县 → 乡 wherever they are ordered by level (issue 22), not by the codes'
 * spelling (COUNTY, MUNICIPAL, NATIONAL, PROVINCIAL, TOWNSHIP): lists sorted by level, both ways, and the groups of
 * an aggregate by level; every enum follows its declaration the same way (the suggestion lifecycle), and an
 * aggregate's whole-number groups follow their value (9 before 10), not their text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DeputyLevel } from '../../schema/shared/enums.js';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();
const declared = [...DeputyLevel.values];

beforeAll(async () => {
  const region = await env.server.gql(`mutation { createRegion(input: { code: "960000", name: "排序省", kind: PROVINCE }) { id } }`);
  expect(region.errors).toBeUndefined();
  const regionId = region.data.createRegion.id;
  // Created in the codes' alphabetical order, each with its own term, so that neither insertion nor spelling gives the declared order.
  const levels = [...declared].sort();
  for (const [index, level] of levels.entries()) {
    const person = await env.server.gql(`mutation ($name: String!) { createPerson(input: { name: $name }) { id } }`, { name: `排序代表${index}` });
    expect(person.errors).toBeUndefined();
    for (const term of [9, 10]) {
      const deputy = await env.server.gql(
        `mutation ($person: ID!, $region: ID!, $level: DeputyLevel!, $term: Int!) { createDeputy(input: { personId: $person, regionId: $region, level: $level, termNumber: $term, electedOn: "2021-10-15" }) { id } }`,
        { person: person.data.createPerson.id, region: regionId, level, term },
      );
      expect(deputy.errors).toBeUndefined();
    }
  }
});

const where = { region: { code: { eq: '960000' } } };

describe('deputies by level', () => {
  it('are listed national first, township last, and the reverse when descending', async () => {
    for (const [direction, expected] of [
      ['ASC', declared],
      ['DESC', [...declared].reverse()],
    ] as const) {
      const response = await env.server.gql(
        `query ($where: DeputyFilter, $direction: SortDirection) { deputies(where: $where, orderBy: [{ field: level, direction: $direction }, { field: termNumber }]) { nodes { level termNumber } } }`,
        {
          where,
          direction,
        },
      );
      expect(response.errors).toBeUndefined();
      const levels = response.data.deputies.nodes.map((node: { level: string }) => node.level);
      expect(levels).toEqual(expected.flatMap((level) => [level, level]));
    }
  });

  it('are grouped in the same order, with the labels a reader sees', async () => {
    const response = await env.server.gql(`query ($where: DeputyFilter) { deputiesAggregate(where: $where, groupBy: [{ field: level }]) { key { value label } count } }`, { where });
    expect(response.errors).toBeUndefined();
    const groups = response.data.deputiesAggregate as { key: { value: string; label: string }[]; count: number }[];
    expect(groups.map((group) => group.key[0].value)).toEqual(declared);
    expect(groups.map((group) => group.key[0].label)).toEqual(['全国人大代表', '省人大代表', '市人大代表', '县人大代表', '乡镇人大代表']);
    expect(groups.every((group) => group.count === 2)).toBe(true);
  });

  it('group whole numbers by value: term 9 before term 10', async () => {
    const response = await env.server.gql(`query ($where: DeputyFilter) { deputiesAggregate(where: $where, groupBy: [{ field: termNumber }, { field: level }]) { key { value } count } }`, { where });
    expect(response.errors).toBeUndefined();
    const keys = (response.data.deputiesAggregate as { key: { value: string }[] }[]).map((group) => `${group.key[0].value}:${group.key[1].value}`);
    expect(keys).toEqual([...declared.map((level) => `9:${level}`), ...declared.map((level) => `10:${level}`)]);
  });
});

describe('terms', () => {
  it('are the fields metadata says are written as terms, and no other', async () => {
    const response = await env.server.gql(`{ metadata { entities { name fields { name display } } } }`);
    expect(response.errors).toBeUndefined();
    const terms = (response.data.metadata.entities as { name: string; fields: { name: string; display: string | null }[] }[]).flatMap((entity) =>
      entity.fields.filter((field) => field.display !== null).map((field) => `${entity.name}.${field.name}:${field.display}`),
    );
    expect(terms.sort()).toEqual(['Deputy.termNumber:term', 'Region.congressTerm:term']);
  });

  it('label their groups 第九届 and 第十届, 9th and 10th in English', async () => {
    for (const [language, labels] of [
      ['zh', ['第九届', '第十届']],
      ['en', ['9th', '10th']],
    ] as const) {
      const response = await env.server.gql(
        `query ($where: DeputyFilter) { deputiesAggregate(where: $where, groupBy: [{ field: termNumber }]) { key { value label } } }`,
        { where },
        { 'accept-language': language },
      );
      expect(response.errors).toBeUndefined();
      const keys = (response.data.deputiesAggregate as { key: { value: string; label: string }[] }[]).map((group) => group.key[0]);
      expect(keys).toEqual([
        { value: '9', label: labels[0] },
        { value: '10', label: labels[1] },
      ]);
    }
  });
});
