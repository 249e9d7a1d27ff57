/**
 * `inRegion`: every filter of a model that belongs to regions keeps the records of a region's subtree, by
 * division code, along the model's own region paths — generated over every such model, so that a model
 * added later is checked too. The chart builder's region scope (issue 18, defect 10) rests on it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { domainEntities } from '../../schema/entities.js';
import { modelOf, type ModelMeta } from '../../schema/model/registry.js';
import { inflection } from '../../schema/shared/inflection.js';
import { recordCreator, type CreateRecord } from '../support/samples.js';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();
let create: CreateRecord;
beforeAll(() => {
  create = recordCreator(env.server);
});

const models = domainEntities.map(modelOf);
const located = models.filter((model) => model.regionPaths.length > 0 && model.operations.includes('create') && model.operations.includes('list'));

/** Whether the record `id` of `model` is among those the filter `inRegion: code` keeps. */
async function keeps(model: ModelMeta, id: string, code: string): Promise<boolean> {
  const response = await env.server.gql(`query ($code: String, $id: ID) { rows: ${inflection.list(model)}(where: { id: { eq: $id }, inRegion: $code }) { nodes { id } } }`, { code, id });
  expect(response.errors, model.name).toBeUndefined();
  return response.data.rows.nodes.length === 1;
}

describe('inRegion', () => {
  it('is offered exactly by the models that belong to regions', async () => {
    const response = await env.server.gql(`{ __schema { inputTypes: types { name inputFields { name } } } }`);
    const offers = new Set(
      (response.data.__schema.inputTypes as { name: string; inputFields: { name: string }[] | null }[])
        .filter((type) => type.inputFields?.some((field) => field.name === 'inRegion'))
        .map((type) => type.name),
    );
    for (const model of models) {
      expect(offers.has(`${model.name}Filter`), model.name).toBe(model.regionPaths.length > 0);
    }
  });

  it.each(located.map((model) => [model.name, model] as const))('keeps a %s in its county, province and nowhere else', async (_name, model) => {
    // Seed 1's records all belong to the sample county 990011 under the sample province 990000.
    const id = await create(model, 1);
    expect(await keeps(model, id, '990011')).toBe(true);
    expect(await keeps(model, id, '990000')).toBe(true);
    expect(await keeps(model, id, '990021')).toBe(false);
    expect(await keeps(model, id, '110000')).toBe(false);
  });

  it('holds inside OR and NOT and through a relation, like any other condition', async () => {
    const deputy = await create(modelOf(domainEntities.find((entity) => entity.name === 'Deputy')!), 1);
    const response = await env.server.gql(
      `query ($id: ID) {
        inside: deputies(where: { id: { eq: $id }, OR: [{ inRegion: "110000" }, { inRegion: "990011" }] }) { nodes { id } }
        outside: deputies(where: { id: { eq: $id }, NOT: { inRegion: "990000" } }) { nodes { id } }
        through: deputies(where: { id: { eq: $id }, person: { inRegion: "990011" } }) { nodes { id } }
      }`,
      { id: deputy },
    );
    expect(response.errors).toBeUndefined();
    expect([response.data.inside.nodes.length, response.data.outside.nodes.length, response.data.through.nodes.length]).toEqual([1, 0, 1]);
  });

  it('refuses what is not a division code, saying so in the request language, and names the field', async () => {
    for (const code of ['6208', '62080X', "620800' or true --"]) {
      const response = await env.server.gql(`query ($code: String) { deputies(where: { inRegion: $code }) { nodes { id } } }`, { code });
      expect(response.errors?.[0]?.extensions, code).toMatchObject({ code: 'BAD_USER_INPUT', field: 'where.inRegion' });
      expect(response.errors?.[0]?.message).toMatch(/区划代码/);
    }
  });

  it('narrows what a clerk reads, never widens it', async () => {
    const deputyModel = modelOf(domainEntities.find((entity) => entity.name === 'Deputy')!);
    const [own, other] = [await create(deputyModel, 1), await create(deputyModel, 2)];
    const clerk = await env.server.as('CLERK', '990011');
    const response = await clerk(`{ deputies(where: { inRegion: "990000" }, limit: 500) { nodes { id } } }`);
    expect(response.errors).toBeUndefined();
    const ids = response.data.deputies.nodes.map((node: { id: string }) => node.id);
    expect(ids).toContain(own);
    expect(ids).not.toContain(other);
  });
});
