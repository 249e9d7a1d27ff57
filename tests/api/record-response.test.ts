/**
 * Record reads answered as text (server/api/record-response.ts) answer exactly what ordinary execution
 * answers — the same values, keys and key order, masks and scopes — for every served model, every role, a
 * page and one record, every stored field, each reference and each to-many list, with aliases, fragments,
 * directives and type names. A directive on the root field sends the same query through ordinary
 * execution, to compare against; the planner is asked too, so that the text path is known to be taken.
 */
import { parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { servedEntities } from '../../schema/entities.js';
import { modelOf, type ModelMeta } from '../../schema/model/registry.js';
import { inflection } from '../../schema/shared/inflection.js';
import { Access } from '../../server/access/access.js';
import { mayPerform } from '../../server/access/policy.js';
import { planRecordReads, rootReads } from '../../server/api/record-response.js';
import { buildGraphQLSchema } from '../../server/graphql/schema.js';
import { demoRoles, loadDemoInto } from '../support/demo-database.js';
import { useTestServer, type Gql } from '../support/test-server.js';

const env = useTestServer(loadDemoInto);
let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await buildGraphQLSchema();
});

const models = servedEntities.map((entity) => modelOf(entity));

/** Every stored field of a record, each reference's id and title, each list's count and first ids; a fragment, an alias, a skipped field. */
function recordSelection(model: ModelMeta): string {
  const parts = ['__typename'];
  for (const field of model.fields) {
    if (field.kind === 'reference') {
      const target = modelOf(field.target!());
      const title = target.fields.find((candidate) => candidate.name === target.titleField && candidate.kind !== 'reference');
      parts.push(`${field.name} { __typename id ${title ? title.name : ''} }`);
    } else if (field.kind === 'referenceList') {
      parts.push(`${field.name}(limit: 2) { totalCount nodes { id } }`, `second_${field.name}: ${field.name}(limit: 1, offset: 1) { nodes { id } __typename }`);
    } else parts.push(field.name);
  }
  parts.push('...Ids', 'aliasedId: id', 'skipped: id @skip(if: true)', 'included: id @include(if: $yes)');
  return parts.join(' ');
}

/**
 * The same rows under another alias of `nodes`, asking under the same response keys for something else: another
 * page of each list (`second_…`), and each reference's key naming the next reference. Each alias is answered from
 * its own selection (not from a merge of both, where the first one's took the key).
 */
function otherSelection(model: ModelMeta): string {
  const parts = ['id'];
  const references = model.fields.filter((field) => field.kind === 'reference');
  if (references.length >= 2) references.forEach((field, index) => parts.push(`${field.name}: ${references[(index + 1) % references.length].name} { id }`));
  for (const field of model.fields) if (field.kind === 'referenceList') parts.push(`second_${field.name}: ${field.name}(limit: 2) { totalCount nodes { id } }`);
  return parts.join(' ');
}

function queries(model: ModelMeta): { page: string; one: (id: string) => string } {
  const fragment = `fragment Ids on ${model.name} { id }`;
  return {
    page: `query($yes: Boolean!) { page: ${inflection.list(model)}(limit: 4) { totalCount nodes { ${recordSelection(model)} } more: nodes { ${otherSelection(model)} } } } ${fragment}`,
    one: (id) => `query($yes: Boolean!) { record: ${inflection.one(model)}(id: "${id}") { ${recordSelection(model)} } again: ${inflection.one(model)}(id: "${id}") { id } } ${fragment}`,
  };
}

/** The same query through ordinary execution: a directive on each root field. */
const ordinary = (query: string) => query.replace(/^query\(\$yes: Boolean!\) \{ (\w+): (\w+)(\([^)]*\))/, 'query($yes: Boolean!) { $1: $2$3 @include(if: true)');

async function bothWays(gql: Gql, query: string) {
  const other = ordinary(query);
  expect(other).not.toBe(query);
  const [text, plain] = await Promise.all([gql(query, { yes: true }), gql(other, { yes: true })]);
  return { text, plain };
}

const roles = demoRoles(env);

describe('record reads answered as text', () => {
  it.each(roles)('answer every model’s page and record as ordinary execution does, for %s', async (_, user) => {
    const gql = await user();
    const compared: string[] = [];
    for (const model of models) {
      if (!model.operations.includes('list') || !model.operations.includes('read')) continue;
      const { page, one } = queries(model);
      const pages = await bothWays(gql, page);
      // The same values, keys and key order; the same refusal when the role may not read the model.
      expect(JSON.stringify(pages.text.data ?? null), `${model.name} page`).toBe(JSON.stringify(pages.plain.data ?? null));
      expect(
        pages.text.errors?.map((error) => error.extensions.code),
        `${model.name} page`,
      ).toEqual(pages.plain.errors?.map((error) => error.extensions.code));
      const first = pages.plain.data?.page?.nodes?.[0]?.id as string | undefined;
      if (!first) continue;
      const records = await bothWays(gql, one(first));
      expect(JSON.stringify(records.text.data ?? null), `${model.name} record`).toBe(JSON.stringify(records.plain.data ?? null));
      expect(
        records.text.errors?.map((error) => error.extensions.code),
        `${model.name} record`,
      ).toEqual(records.plain.errors?.map((error) => error.extensions.code));
      compared.push(model.name);
    }
    // Models with records the role reads were compared (not a vacuous pass over empty answers).
    expect(compared.length).toBeGreaterThanOrEqual(8);
  });

  it('takes the text path for every model’s page and record when personal identifiers come masked, and not for ordinary execution’s queries', async () => {
    const leader = new Access({ id: '1', username: 'leader', displayName: '领导', role: 'LEADER', regionId: null, regionCode: null, regionName: null });
    const reads = rootReads();
    const planOf = (query: string) => {
      const document = parse(query);
      return planRecordReads(schema, reads, document, document.definitions[0] as OperationDefinitionNode, { yes: true }, leader);
    };
    for (const model of models) {
      if (!model.operations.includes('list') || !model.operations.includes('read') || !mayPerform(leader.actor, model, 'list')) continue;
      const { page, one } = queries(model);
      expect(planOf(page), model.name).not.toBeNull();
      expect(planOf(one('1')), model.name).not.toBeNull();
      expect(planOf(ordinary(page)), model.name).toBeNull();
    }
  });

  it('plans a repeated request once, and never answers one user or variable set with another’s plan', async () => {
    const query = `query ($limit: Int!) { deputies(limit: $limit) { totalCount nodes { region { code } } } }`;
    const lingtai = await env.server.as('CLERK', '620822');
    const jingchuan = await env.server.as('CLERK', '620821');
    for (let round = 0; round < 2; round += 1) {
      for (const [clerk, code] of [
        [lingtai, '620822'],
        [jingchuan, '620821'],
      ] as const) {
        for (const limit of [2, 5]) {
          const { data, errors } = await clerk(query, { limit });
          expect(errors).toBeUndefined();
          expect(data.deputies.nodes).toHaveLength(limit);
          for (const node of data.deputies.nodes) expect(node.region.code.startsWith(code), `${code}: ${node.region.code}`).toBe(true);
        }
      }
    }
    const [first, second] = [(await lingtai(query, { limit: 2 })).data, (await jingchuan(query, { limit: 2 })).data];
    expect(first.deputies.totalCount).not.toBe(second.deputies.totalCount);
  });

  it('answers aliases longer than a PostgreSQL column name (63 bytes) whole, through ordinary execution', async () => {
    const long = `a${'b'.repeat(70)}`;
    const other = `a${'b'.repeat(70)}c`;
    const { data, errors } = await (await env.server.as('LEADER'))(`{ regions(limit: 1) { nodes { ${long}: name ${other}: code } } }`);
    expect(errors).toBeUndefined();
    expect(Object.keys(data.regions.nodes[0])).toEqual([long, other]);
  });

  it('leaves to ordinary execution what it cannot render: unmasked personal identifiers (their reading is recorded), fields of other resolvers, refusals', async () => {
    const reads = rootReads();
    const admin = new Access({ id: '1', username: 'admin', displayName: '管理员', role: 'ADMIN', regionId: null, regionCode: null, regionName: null });
    const analyst = new Access({ id: '2', username: 'analyst', displayName: '分析员', role: 'ANALYST', regionId: null, regionCode: null, regionName: null });
    const planOf = (query: string, access: Access) => {
      const document = parse(query);
      return planRecordReads(schema, reads, document, document.definitions[0] as OperationDefinitionNode, {}, access);
    };
    expect(planOf(`{ persons { nodes { name idNumber } } }`, admin)).toBeNull();
    expect(planOf(`{ persons { nodes { name idNumber } } }`, analyst)).not.toBeNull();
    expect(planOf(`{ persons { nodes { name } } metadata { entities { name } } }`, analyst)).toBeNull();
    expect(planOf(`{ users { nodes { username } } }`, analyst)).toBeNull();
    expect(planOf(`{ persons(limit: 5000) { nodes { name } } }`, analyst)).toBeNull();
  });
});
