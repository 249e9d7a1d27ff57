/**
 * The one walker of a read's selection (server/api/selection-tree.ts): for a selection generated from every served
 * model's fields — aliases, named and inline fragments, @skip/@include with literals and variables, a key selected
 * twice, references and to-many pages nested, a page's `nodes` under two aliases — the tree has the response keys the
 * selection asks for, in order, and the execution plan derived from it reads what the selection asks: each stored field
 * once, each relation under its response key with its merged selection, each page with its bounds and counts.
 * The expectations are computed from the generator's own description of the selection, not from the document.
 */
import 'reflect-metadata';
import { getNamedType, Kind, parse, type FragmentDefinitionNode, type GraphQLObjectType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { servedEntities } from '../../schema/entities.js';
import { modelOf, type ModelMeta } from '../../schema/model/registry.js';
import { targetOf } from '../../schema/model/relations.js';
import { inflection } from '../../schema/shared/inflection.js';
import { Access } from '../../server/access/access.js';
import { modelPlanOf, type ListPlan, type ModelPlan } from '../../server/api/query-plan.js';
import { pageTree, recordTree, type PageBounds, type PageTree, type RecordTree, type Walk } from '../../server/api/selection-tree.js';
import { buildGraphQLSchema } from '../../server/graphql/schema.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildGraphQLSchema();
});

const admin = new Access({ id: '1', username: 'admin', displayName: '管理员', role: 'ADMIN', regionId: null, regionCode: null, regionName: null });
const variables = { yes: true, no: false };
const models = servedEntities.map((entity) => modelOf(entity)).filter((model) => model.operations.includes('list'));

/** One selected field as the generator describes it: whether it is executed, how it is written, what it selects. */
type Item = { name: string; alias?: string; args?: Partial<PageBounds>; directive?: string; executed: boolean; wrap?: 'fragment' | 'inline'; sub?: Item[] };

const directives = [undefined, '@skip(if: true)', '@include(if: $yes)', '@include(if: $no)', '@skip(if: $no)', '@include(if: false)'];
const executes = (directive: string | undefined) => !directive || directive === '@include(if: $yes)' || directive === '@skip(if: $no)';

/** A record's selection: every field of the model, each written one of several ways; relations nested to `depth`. */
function recordItems(model: ModelMeta, depth: number, seed: number): Item[] {
  const items: Item[] = [{ name: '__typename', executed: true }];
  model.fields.forEach((field, index) => {
    const turn = index + seed;
    const directive = directives[turn % directives.length];
    const way = { alias: turn % 4 === 1 ? `a_${field.name}` : undefined, directive, executed: executes(directive), wrap: (['fragment', 'inline', undefined] as const)[turn % 3] };
    if (field.kind === 'reference') {
      const target = targetOf(field);
      items.push({ name: field.name, ...way, sub: depth > 0 ? recordItems(target, depth - 1, turn + 1) : [{ name: 'id', executed: true }] });
      // The same key again, selecting something else: both selections merge under one key.
      items.push({
        name: field.name,
        alias: way.alias,
        directive: way.directive,
        executed: way.executed,
        sub: [
          { name: '__typename', executed: true },
          { name: 'id', alias: 'targetId', executed: true },
        ],
      });
    } else if (field.kind === 'referenceList') {
      const target = targetOf(field);
      items.push({ name: field.name, ...way, args: { limit: 2 }, sub: pageItems(target, depth - 1, turn + 1) });
      items.push({
        name: field.name,
        alias: `second_${field.name}`,
        args: { limit: 1, offset: 1, countUpTo: 3 },
        executed: true,
        sub: [
          { name: 'totalCountIsLowerBound', executed: true },
          { name: 'nodes', executed: true, sub: [{ name: 'id', executed: true }] },
          { name: '__typename', executed: true },
        ],
      });
    } else items.push({ name: field.name, ...way });
  });
  items.push({ name: 'id', alias: 'again', executed: true, wrap: 'fragment' }, { name: 'id', executed: true });
  return items;
}

const storedFields = (model: ModelMeta) => model.fields.filter((field) => field.kind !== 'reference' && field.kind !== 'referenceList').map((field) => field.name);

/** A page's selection: its count, its rows under two aliases of `nodes` (one skipped alias more), its type name. */
function pageItems(model: ModelMeta, depth: number, seed: number): Item[] {
  return [
    { name: 'totalCount', executed: true },
    { name: 'nodes', executed: true, sub: depth >= 0 ? recordItems(model, depth, seed) : [{ name: 'id', executed: true }] },
    // Another alias of the rows, reading every stored field (some of which the first one leaves out): one plan reads both.
    { name: 'nodes', alias: 'more', executed: true, wrap: 'inline', sub: storedFields(model).map((name) => ({ name, alias: `more_${name}`, executed: true })) },
    { name: 'nodes', alias: 'never', directive: '@skip(if: true)', executed: false, sub: [{ name: 'version', executed: true }] },
    { name: '__typename', executed: true },
  ];
}

/** The GraphQL type a field of `type` answers with (a page's type, a record's type). */
function childType(type: string, field: string): string {
  const parent = schema.getType(type) as GraphQLObjectType;
  return getNamedType(parent.getFields()[field].type).name;
}

/** The items as GraphQL text on type `type`, their named fragments added to `fragments`. */
function render(items: Item[], type: string, fragments: string[]): string {
  return items
    .map((item) => {
      const args = item.args && Object.entries(item.args).map(([name, value]) => `${name}: ${value}`);
      const text = `${item.alias ? `${item.alias}: ` : ''}${item.name}${args ? `(${args.join(', ')})` : ''}${item.directive ? ` ${item.directive}` : ''}${item.sub ? ` { ${render(item.sub, childType(type, item.name), fragments)} }` : ''}`;
      if (item.wrap === 'inline') return `... on ${type} { ${text} }`;
      if (item.wrap !== 'fragment') return text;
      const name = `F${fragments.length}`;
      fragments.push(`fragment ${name} on ${type} { ${text} }`);
      return `...${name}`;
    })
    .join(' ');
}

/** The executed items by response key, in order, each key's items together. */
function byKey(items: Item[]): Map<string, Item[]> {
  const keys = new Map<string, Item[]>();
  for (const item of items.filter((candidate) => candidate.executed)) {
    const key = item.alias ?? item.name;
    keys.set(key, [...(keys.get(key) ?? []), item]);
  }
  return keys;
}

const merged = (items: Item[]) => items.flatMap((item) => item.sub ?? []);

/** The response keys of a tree at every depth, with each entry's kind: what the expectation below is compared to. */
type Keys = { key: string; kind: string; under?: Keys[] }[];
function recordKeys(tree: RecordTree): Keys {
  return tree.entries.map((entry) => {
    if (entry.kind === 'reference') return { key: entry.key, kind: entry.kind, under: [recordKeys(entry.record)] };
    if (entry.kind === 'list') return { key: entry.key, kind: entry.kind, under: [pageKeys(entry.page)] };
    return { key: entry.key, kind: entry.kind };
  });
}
function pageKeys(tree: PageTree): Keys {
  return tree.entries.map((entry) => (entry.kind === 'nodes' ? { key: entry.key, kind: entry.kind, under: [recordKeys(entry.record)] } : { key: entry.key, kind: entry.kind }));
}

function expectedRecordKeys(model: ModelMeta, items: Item[]): Keys {
  return [...byKey(items)].map(([key, same]) => {
    const field = model.fields.find((candidate) => candidate.name === same[0].name);
    if (!field) return { key, kind: 'typename' };
    if (field.kind === 'reference') return { key, kind: 'reference', under: [expectedRecordKeys(targetOf(field), merged(same))] };
    if (field.kind === 'referenceList') return { key, kind: 'list', under: [expectedPageKeys(targetOf(field), merged(same))] };
    return { key, kind: 'stored' };
  });
}
function expectedPageKeys(model: ModelMeta, items: Item[]): Keys {
  return [...byKey(items)].map(([key, same]) => {
    const name = same[0].name;
    if (name === 'nodes') return { key, kind: 'nodes', under: [expectedRecordKeys(model, merged(same))] };
    return { key, kind: name === '__typename' ? 'typename' : name };
  });
}

/** A plan as plain values (names for models and fields, arrays for sets and maps), to compare. */
function plainPlan(plan: ModelPlan): unknown {
  return {
    model: plan.model.name,
    scalars: [...plan.scalars],
    references: [...plan.references].map(([key, { field, plan: target }]) => [key, field.name, plainPlan(target)]),
    lists: [...plan.lists].map(([key, list]) => [key, plainList(list)]),
  };
}
function plainList(list: ListPlan): unknown {
  return {
    model: list.model.name,
    field: list.field?.name,
    bounds: list.bounds,
    totalCount: list.totalCount,
    lowerBound: list.totalCountIsLowerBound,
    nodes: list.nodes.map(({ key, plan }) => [key, plainPlan(plan)]),
  };
}

/** The plan the selection asks for, from the generator's description: what the derived plan must equal. */
function expectedPlan(model: ModelMeta, items: Item[]): unknown {
  const plan = { model: model.name, scalars: ['id'], references: [] as unknown[], lists: [] as unknown[] };
  for (const [key, same] of byKey(items)) {
    const field = model.fields.find((candidate) => candidate.name === same[0].name);
    if (!field) continue;
    if (field.kind === 'reference') plan.references.push([key, field.name, expectedPlan(targetOf(field), merged(same))]);
    else if (field.kind === 'referenceList') plan.lists.push([key, expectedList(targetOf(field), field.name, same)]);
    else if (!plan.scalars.includes(field.name)) plan.scalars.push(field.name);
  }
  return plan;
}
function expectedList(model: ModelMeta, field: string, same: Item[]): unknown {
  const keys = [...byKey(merged(same))];
  const asked = (name: string) => keys.some(([, items]) => items[0].name === name);
  // Each alias of `nodes` its own plan (query-plan.ts nodesKey): one merged plan answered the second with the first's relations.
  const nodes = keys.filter(([, items]) => items[0].name === 'nodes').map(([key, items]) => [key, expectedPlan(model, merged(items))]);
  const args = same[0].args ?? {};
  return {
    model: model.name,
    field,
    bounds: { offset: args.offset ?? 0, limit: args.limit ?? 25, countUpTo: args.countUpTo ?? null },
    totalCount: asked('totalCount'),
    lowerBound: asked('totalCountIsLowerBound'),
    nodes,
  };
}

function operationOf(model: ModelMeta, items: Item[]) {
  const fragments: string[] = [];
  const selection = render(items, model.name, fragments);
  const document = parse(`query($yes: Boolean!, $no: Boolean!) { record: ${inflection.one(model)}(id: "1") { ${selection} } } ${fragments.join(' ')}`);
  const operation = document.definitions[0] as OperationDefinitionNode;
  const fragmentMap = Object.fromEntries(
    document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  const root = operation.selectionSet.selections[0] as { selectionSet: SelectionSetNode };
  const walk: Walk = { schema, fragments: fragmentMap, variableValues: variables, access: admin };
  return { walk, selectionSet: root.selectionSet };
}

describe('the selection walker', () => {
  it.each(models.map((model) => [model.name, model] as const))('walks %s: response keys in order, and the plan derived from the tree reads what the selection asks', (_, model) => {
    const items = recordItems(model, 1, 0);
    const { walk, selectionSet } = operationOf(model, items);
    const tree = recordTree(walk, model, selectionSet);
    expect(recordKeys(tree)).toEqual(expectedRecordKeys(model, items));
    expect(plainPlan(modelPlanOf(tree, admin))).toEqual(expectedPlan(model, items));
    // Not a vacuous comparison: the selection leaves fields out and renames others.
    expect(items.some((item) => !item.executed)).toBe(true);
    expect(tree.entries.some((entry) => entry.kind === 'stored' && entry.key !== entry.field.name)).toBe(true);
  });

  it('generates selections that reach references, pages, merged keys and `nodes` under two aliases', () => {
    const plans = models.map((model) => {
      const { walk, selectionSet } = operationOf(model, recordItems(model, 1, 0));
      return modelPlanOf(recordTree(walk, model, selectionSet), admin);
    });
    const lists = plans.flatMap((plan) => [...plan.lists.values()]);
    expect(plans.filter((plan) => plan.references.size > 0).length).toBeGreaterThan(10);
    expect(lists.filter((list) => list.totalCount && list.nodes.some(({ plan }) => plan.scalars.has('id'))).length).toBeGreaterThan(10);
    expect(lists.filter((list) => list.totalCountIsLowerBound && list.bounds.countUpTo === 3).length).toBeGreaterThan(10);
    expect(lists.filter((list) => list.nodes.length >= 2).length).toBeGreaterThan(10);
  });

  it('refuses a nested page’s bad arguments in words, for every path that walks it', () => {
    const deputy = models.find((model) => model.name === 'Deputy')!;
    const { walk, selectionSet } = operationOf(deputy, [{ name: 'memberships', args: { limit: 5000 }, executed: true, sub: [{ name: 'totalCount', executed: true }] }]);
    expect(() => recordTree(walk, deputy, selectionSet)).toThrow('每页条数须在 0 到 1000 之间');
    const list = schema.getQueryType()!.getFields()[inflection.list(deputy)];
    expect(() => pageTree(walk, deputy, undefined, { countUpTo: 0 }, getNamedType(list.type), { kind: Kind.SELECTION_SET, selections: [] })).toThrow('计数上限须为正整数');
  });
});
