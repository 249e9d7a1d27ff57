/**
 * The CRUD contract of ../shared/API.md, generated for every domain model from its metadata (no test code
 * per entity): create, read, list filters, nested filters and to-many pages through every reference,
 * aggregates, update with optimistic locking, soft delete and restore, and all-or-nothing bulk writes,
 * against the real server and PostgreSQL. Names come from the inflection module, values from samples.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainEntities } from '../../schema/entities.js';
import { modelOf, type FieldMeta, type ModelMeta } from '../../schema/model/registry.js';
import { groupableKinds, type FieldKind } from '../../schema/shared/field-kinds.js';
import { inflection } from '../../schema/shared/inflection.js';
import { addDays, inputFields, inputKey, leftEmpty, recordCreator, sampleInput, sampleText, type CreateRecord, type Input } from '../support/samples.js';
import { createTestDatabase, type TestDatabase } from '../support/test-cluster.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

type Row = Record<string, any> & { id: string; version: number };
type Page = { totalCount: number; nodes: Row[] };

// The contract of the generic CRUD API: models written only by other operations (a suggestion's history, by its workflow) have none of it to test.
const models = domainEntities.map((entity) => modelOf(entity)).filter((model) => model.operations.includes('create') && model.operations.includes('update'));
let database: TestDatabase;
let server: TestServer;
let createRecord: CreateRecord;
let lastSeed = 0;
/** Every record a test creates itself gets a seed of its own (its references share it; see samples.ts). */
const nextSeed = () => ++lastSeed;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database);
  await server.db.whenConnected();
  createRecord = recordCreator(server);
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

/** Runs a request that must succeed (printing its errors if not) and returns its data. */
async function ok(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const result = await server.gql(query, variables);
  expect(result.errors).toBeUndefined();
  expect(result.status).toBe(200);
  return result.data;
}

/** Runs a request that must fail with exactly one error (in the shape API.md "Errors" gives), and returns it. */
async function refused(query: string, variables: Record<string, unknown>) {
  const result = await server.gql(query, variables);
  expect(result.errors).toHaveLength(1);
  const error = result.errors![0];
  expect(error.extensions).toMatchObject({ requestId: expect.any(String), messages: { zh: expect.any(String), en: expect.any(String) } });
  expect(error.message).toBe(error.extensions.messages.zh);
  return error;
}

const byPreference = (order: FieldKind[]) => (a: FieldMeta, b: FieldMeta) => order.indexOf(a.kind) - order.indexOf(b.kind);

/** Every stored field, references as `{ id }`. */
function selection(model: ModelMeta): string {
  return model.fields
    .filter((field) => field.kind !== 'referenceList')
    .map((field) => (field.kind === 'reference' ? `${field.name} { id }` : field.name))
    .join(' ');
}

/** What a read must show for what an input sent (references as `{ id }`). */
function expected(model: ModelMeta, input: Input): Record<string, unknown> {
  return Object.fromEntries(
    inputFields(model)
      .filter((field) => inputKey(field) in input)
      .map((field) => {
        const value = input[inputKey(field)];
        return [field.name, field.kind === 'reference' && value != null ? { id: value } : value];
      }),
  );
}

/** The scalar field a model is filtered and updated on: plain text first (unique per seed), then what it has. */
function scalarField(model: ModelMeta): FieldMeta {
  const order: FieldKind[] = ['text', 'longText', 'int', 'enum', 'boolean', 'decimal', 'money', 'date'];
  const candidates = inputFields(model).filter((field) => order.includes(field.kind) && !field.unique && (field.kind !== 'text' || field.constraints.validator === 'plainText'));
  const field = candidates.sort(byPreference(order))[0];
  if (!field) throw new Error(`${model.name} has no editable scalar field to test with`);
  return field;
}

/** The field an aggregate groups by: an enum first (its key has a label), else what the model has. */
function groupField(model: ModelMeta): FieldMeta {
  const order: FieldKind[] = ['enum', 'boolean', 'reference', 'int', 'date'];
  const field = inputFields(model)
    .filter((candidate) => groupableKinds.has(candidate.kind) && order.includes(candidate.kind))
    .sort(byPreference(order))[0];
  if (!field) throw new Error(`${model.name} has no groupable input field`);
  return field;
}

/** A valid value of `field` different from `current` (`tag` marks texts: 修改, 过期, 批量 …). */
function another(field: FieldMeta, current: unknown, seed: number, tag: string): unknown {
  switch (field.kind) {
    case 'text':
    case 'longText':
      return sampleText(field, seed, tag);
    case 'int':
      return (current as number) + 1 <= (field.constraints.max ?? Infinity) ? (current as number) + 1 : (current as number) - 1;
    case 'enum': {
      const values = field.enum!.values;
      return values[(values.indexOf(current as string) + 1) % values.length];
    }
    case 'boolean':
      return !current;
    case 'decimal':
    case 'money': {
      const [whole, fraction] = String(current).split('.');
      return fraction ? `${whole}.${fraction[0] === '5' ? '2' : '5'}${fraction.slice(1)}` : String(Number(whole) + 1);
    }
    case 'date':
      return addDays(String(current), 1);
    default:
      throw new Error(`no other value for ${field.name} of kind ${field.kind}`);
  }
}

/** A record's title as aggregate labels show it: its title field, or the title of the record that names it. */
async function titleOf(model: ModelMeta, id: string): Promise<string> {
  const field = model.fields.find((candidate) => candidate.name === model.titleField)!;
  const data = await ok(`query ($id: ID!) { ${inflection.one(model)}(id: $id) { ${field.kind === 'reference' ? `${field.name} { id }` : field.name} } }`, { id });
  const value = data[inflection.one(model)][field.name];
  return field.kind === 'reference' ? titleOf(modelOf(field.target!()), value.id) : String(value);
}

/** A text `q` finds a record by: its first search field, or, for a reference, the referenced record's (two levels deep at most). */
async function searchText(model: ModelMeta, id: string, depth = 0): Promise<string> {
  for (const name of model.searchFields) {
    const field = model.fields.find((candidate) => candidate.name === name)!;
    if (field.kind === 'reference' && depth >= 2) continue;
    const data = await ok(`query ($id: ID!) { ${inflection.one(model)}(id: $id) { ${field.kind === 'reference' ? `${name} { id }` : name} } }`, { id });
    const value = data[inflection.one(model)][name];
    if (value == null) continue;
    return field.kind === 'reference' ? searchText(modelOf(field.target!()), value.id, depth + 1) : String(value);
  }
  throw new Error(`${model.name} has no search text for record ${id}`);
}

describe.each(models.map((model) => [model.name, model] as const))('%s', (_name, model) => {
  const ops = new Set(model.operations);
  const fields = selection(model);
  const field = scalarField(model);
  const grouped = groupField(model);
  // A reference the sample leaves empty (the other of an exactly-one pair) has no parent to filter through.
  const references = inputFields(model).filter((candidate) => candidate.kind === 'reference' && !leftEmpty(model).has(candidate.name));
  /** Each reference with the to-many lists of the referenced model that point back through it. */
  const parents = references.map((reference) => {
    const target = modelOf(reference.target!());
    const lists = target.fields.filter((list) => list.kind === 'referenceList' && list.target!() === model.target && list.mappedBy === reference.name);
    return { reference, target, lists };
  });
  const [one, list, create, update, remove, restore, updateMany, removeMany, aggregate] = [
    inflection.one(model),
    inflection.list(model),
    inflection.create(model),
    inflection.update(model),
    inflection.delete(model),
    inflection.restore(model),
    inflection.updateMany(model),
    inflection.deleteMany(model),
    inflection.aggregate(model),
  ];
  const updateQuery = `mutation ($id: ID!, $version: Int!, $input: ${inflection.updateInput(model)}!) { ${update}(id: $id, version: $version, input: $input) { ${fields} } }`;
  const updateManyQuery = `mutation ($items: [VersionedId!]!, $input: ${inflection.updateInput(model)}!) { ${updateMany}(items: $items, input: $input) { ${fields} } }`;
  const deleteManyQuery = `mutation ($items: [VersionedId!]!) { ${removeMany}(items: $items, reason: "批量删除测试") }`;

  let seed: number;
  let input: Input;
  let row: Row;
  let second: Row | undefined;

  const read = async (id: string, withDeleted = false): Promise<Row | null> => (await ok(`query ($id: ID!) { ${one}(id: $id, withDeleted: ${withDeleted}) { ${fields} } }`, { id }))[one];
  const page = async (where: unknown, withDeleted = false): Promise<Page> =>
    (await ok(`query ($where: ${inflection.filter(model)}) { ${list}(where: $where, limit: 1000, withDeleted: ${withDeleted}) { totalCount nodes { ${fields} } } }`, { where }))[list];
  const count = async (withDeleted: boolean): Promise<number> => (await ok(`{ ${list}(withDeleted: ${withDeleted}) { totalCount } }`))[list].totalCount;
  const createSample = async (sampleSeed: number): Promise<{ input: Input; row: Row }> => {
    const sample = await sampleInput(model, sampleSeed, createRecord);
    const data = await ok(`mutation ($input: ${inflection.createInput(model)}!) { ${create}(input: $input) { ${fields} } }`, { input: sample });
    return { input: sample, row: data[create] };
  };
  /** The row as a list of `parent`'s to-many `listName` shows it, filtered to this row. */
  const parentList = async (target: ModelMeta, parentId: string, listName: string, withDeleted = false) => {
    const data = await ok(
      `query ($id: ID!, $where: ${inflection.filter(model)}) { ${inflection.one(target)}(id: $id) {
        ${listName}(where: $where, orderBy: [{ field: id, direction: DESC }], offset: 0, limit: 1, withDeleted: ${withDeleted}) { totalCount nodes { id } } } }`,
      { id: parentId, where: { id: { eq: row.id } } },
    );
    return data[inflection.one(target)][listName] as { totalCount: number; nodes: { id: string }[] };
  };

  it.runIf(ops.has('create') && ops.has('read'))('creates a record and reads back what was sent', async () => {
    const before = Date.now();
    seed = nextSeed();
    ({ input, row } = await createSample(seed));
    expect(row).toMatchObject({ ...expected(model, input), version: 1, deletedAt: null, deletedReason: null });
    expect(row.id).toMatch(/^\d+$/);
    expect(Date.parse(row.createdAt)).toBeGreaterThan(before - 60_000);
    expect(Date.parse(row.createdAt)).toBeLessThan(Date.now() + 60_000);
    expect(await read(row.id)).toEqual(row);
  });

  it.runIf(ops.has('list'))(`lists by ${field.name}: one filter finds the record, the other excludes it, with exact totals`, async () => {
    const value = row[field.name];
    const excluding = field.kind === 'boolean' ? { eq: !value } : { ne: value };
    expect(await page({ id: { eq: row.id }, [field.name]: { eq: value } })).toEqual({ totalCount: 1, nodes: [row] });
    expect(await page({ id: { eq: row.id }, [field.name]: excluding })).toEqual({ totalCount: 0, nodes: [] });
    const matching = await page({ [field.name]: { eq: value } });
    expect(matching.nodes.map((node) => node.id)).toContain(row.id);
    expect(matching.nodes.filter((node) => node[field.name] !== value)).toEqual([]);
    expect(matching.totalCount).toBe(matching.nodes.length);
    const others = await page({ [field.name]: excluding });
    expect(others.nodes.map((node) => node.id)).not.toContain(row.id);
    expect(others.totalCount).toBe(others.nodes.length);
    // Every sample sets every field, so the two filters split the live rows exactly.
    expect(matching.totalCount + others.totalCount).toBe(await count(false));
  });

  it.runIf(ops.has('list'))(`searches with q over ${model.searchFields.join(', ')}`, async () => {
    const text = await searchText(model, row.id);
    const needle = [...text].slice(1, -1).join('');
    expect(needle.length).toBeGreaterThan(1);
    const found = await page({ q: needle });
    expect(found.nodes.map((node) => node.id)).toContain(row.id);
    expect(found.totalCount).toBe(found.nodes.length);
    expect(await page({ id: { eq: row.id }, q: `${needle}不在其中` })).toEqual({ totalCount: 0, nodes: [] });
  });

  for (const { reference, target, lists } of parents) {
    const listNames = lists.map((candidate) => candidate.name);
    it.runIf(ops.has('list'))(`filters through ${reference.name} and pages ${target.name}.${listNames.join(', ') || '(no list back)'}`, async () => {
      const parentId = input[inputKey(reference)] as string;
      expect(parentId).toMatch(/^\d+$/);
      const through = await page({ [reference.name]: { id: { eq: parentId } } });
      expect(through.nodes.map((node) => node.id)).toContain(row.id);
      expect(through.nodes.filter((node) => node[reference.name]?.id !== parentId)).toEqual([]);
      expect(through.totalCount).toBe(through.nodes.length);
      expect(await page({ id: { eq: row.id }, [reference.name]: { id: { ne: parentId } } })).toEqual({ totalCount: 0, nodes: [] });
      for (const listName of listNames) {
        expect(await parentList(target, parentId, listName)).toEqual({ totalCount: 1, nodes: [{ id: row.id }] });
        const data = await ok(`query ($id: ID!) { ${inflection.one(target)}(id: $id) { ${listName}(orderBy: [{ field: createdAt, direction: DESC }], limit: 1000) { totalCount nodes { id } } } }`, {
          id: parentId,
        });
        const all = data[inflection.one(target)][listName] as Page;
        expect(all.nodes.map((node) => node.id)).toContain(row.id);
        expect(all.totalCount).toBe(all.nodes.length);
        // The parent's list filter (`some` / `none`) finds the parent through this row.
        const parentsOf = async (where: unknown) =>
          (await ok(`query ($where: ${inflection.filter(target)}) { ${inflection.list(target)}(where: $where) { totalCount nodes { id } } }`, { where }))[inflection.list(target)];
        expect(await parentsOf({ [listName]: { some: { id: { eq: row.id } } } })).toEqual({ totalCount: 1, nodes: [{ id: parentId }] });
        expect(await parentsOf({ id: { eq: parentId }, [listName]: { none: { id: { eq: row.id } } } })).toEqual({ totalCount: 0, nodes: [] });
      }
    });
  }

  it.runIf(ops.has('aggregate'))(`aggregates grouped by ${grouped.name}`, async () => {
    const sent = input[inputKey(grouped)];
    const value = String(sent);
    const label =
      grouped.kind === 'enum'
        ? grouped.enum!.label(value, 'zh')
        : grouped.kind === 'boolean'
          ? sent
            ? '是'
            : '否'
          : grouped.kind === 'reference'
            ? await titleOf(modelOf(grouped.target!()), value)
            : null;
    const query = `query ($where: ${inflection.filter(model)}, $groupBy: [${inflection.groupBy(model)}!]) {
      ${aggregate}(where: $where, groupBy: $groupBy) { count key { field part value label } } }`;
    const groupBy = [{ field: grouped.name }];
    const own = await ok(query, { where: { id: { eq: row.id } }, groupBy });
    expect(own[aggregate]).toEqual([{ count: 1, key: [{ field: grouped.name, part: null, value, label }] }]);
    const groups = (await ok(query, { groupBy }))[aggregate] as { count: number; key: { value: string | null }[] }[];
    expect(groups.find((group) => group.key[0].value === value)?.count).toBeGreaterThanOrEqual(1);
    expect(groups.reduce((total, group) => total + group.count, 0)).toBe(await count(false));
  });

  it.runIf(ops.has('update'))(`updates ${field.name} to version 2, and refuses a stale version with CONFLICT`, async () => {
    const value = another(field, row[field.name], seed, '修改');
    const updated = (await ok(updateQuery, { id: row.id, version: 1, input: { [inputKey(field)]: value } }))[update] as Row;
    expect(updated).toMatchObject({ ...expected(model, { ...input, [inputKey(field)]: value }), id: row.id, version: 2, createdAt: row.createdAt, deletedAt: null });
    expect(value).not.toEqual(row[field.name]);
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(row.updatedAt));
    const error = await refused(updateQuery, { id: row.id, version: 1, input: { [inputKey(field)]: another(field, value, seed, '过期') } });
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(await read(row.id)).toEqual(updated);
    row = updated;
  });

  it.runIf(ops.has('delete') && ops.has('restore'))('soft deletes (hidden unless withDeleted) and restores', async () => {
    const [live, all] = [await count(false), await count(true)];
    const removeQuery = `mutation ($id: ID!, $version: Int!) { ${remove}(id: $id, version: $version, reason: "测试删除") { ${fields} } }`;
    const restoreQuery = `mutation ($id: ID!, $version: Int!) { ${restore}(id: $id, version: $version) { ${fields} } }`;
    expect((await refused(removeQuery, { id: row.id, version: row.version - 1 })).extensions).toMatchObject({ code: 'CONFLICT', currentVersion: row.version });
    expect(await read(row.id)).toEqual(row);
    const deleted = (await ok(removeQuery, { id: row.id, version: row.version }))[remove] as Row;
    // Every write takes a new version (API.md: a stale client cannot follow it unnoticed).
    expect(deleted).toMatchObject({ id: row.id, version: row.version + 1, deletedReason: '测试删除' });
    expect(Date.parse(deleted.deletedAt)).not.toBeNaN();
    expect([await count(false), await count(true)]).toEqual([live - 1, all]);
    expect(await page({ id: { eq: row.id } })).toEqual({ totalCount: 0, nodes: [] });
    expect(await page({ id: { eq: row.id } }, true)).toEqual({ totalCount: 1, nodes: [deleted] });
    expect(await read(row.id)).toBeNull();
    expect(await read(row.id, true)).toEqual(deleted);
    for (const { reference, target, lists } of parents) {
      for (const listName of lists.map((candidate) => candidate.name)) {
        const parentId = input[inputKey(reference)] as string;
        expect(await parentList(target, parentId, listName)).toEqual({ totalCount: 0, nodes: [] });
        expect(await parentList(target, parentId, listName, true)).toEqual({ totalCount: 1, nodes: [{ id: row.id }] });
      }
    }
    expect((await refused(restoreQuery, { id: row.id, version: row.version })).extensions).toMatchObject({ code: 'CONFLICT', currentVersion: deleted.version });
    expect(await read(row.id, true)).toEqual(deleted);
    const restored = (await ok(restoreQuery, { id: row.id, version: deleted.version }))[restore] as Row;
    expect(restored).toMatchObject({ ...expected(model, { ...input, [inputKey(field)]: row[field.name] }), id: row.id, version: deleted.version + 1, deletedAt: null, deletedReason: null });
    expect([await count(false), await count(true)]).toEqual([live, all]);
    expect(await read(row.id)).toEqual(restored);
    row = restored;
  });

  /** Both rows as [first, second], the second one stale when asked. */
  const pairs = (stale: boolean) => [
    { id: row.id, version: row.version },
    { id: second!.id, version: stale ? second!.version - 1 : second!.version },
  ];

  it.runIf(ops.has('update'))('bulk updates two rows all or nothing: a stale pair changes neither, correct versions change both', async () => {
    second ??= (await createSample(nextSeed())).row;
    const value = another(field, row[field.name], seed, '批量');
    const changes = { [inputKey(field)]: value };
    const error = await refused(updateManyQuery, { items: pairs(true), input: changes });
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: second.version });
    expect(await read(row.id)).toEqual(row);
    expect(await read(second.id)).toEqual(second);
    const updated = (await ok(updateManyQuery, { items: pairs(false), input: changes }))[updateMany] as Row[];
    expect(updated).toMatchObject([
      { id: row.id, version: row.version + 1, [field.name]: value },
      { id: second.id, version: second.version + 1, [field.name]: value },
    ]);
    expect(updated).toHaveLength(2);
    expect([await read(row.id), await read(second.id)]).toEqual(updated);
    const [first, later] = updated;
    [row, second] = [first, later];
    // Order and paging over the two rows (the second was created later: a larger id, a later createdAt).
    const ordered = async (orderBy: unknown, offset: number, limit: number) =>
      (
        await ok(
          `query ($where: ${inflection.filter(model)}, $orderBy: [${inflection.orderBy(model)}!]) {
        ${list}(where: $where, orderBy: $orderBy, offset: ${offset}, limit: ${limit}) { totalCount nodes { id } } }`,
          { where: { id: { in: [first.id, later.id] } }, orderBy },
        )
      )[list];
    expect(await ordered([{ field: 'id', direction: 'DESC' }], 0, 25)).toEqual({ totalCount: 2, nodes: [{ id: later.id }, { id: first.id }] });
    expect(await ordered([{ field: 'createdAt' }], 0, 25)).toEqual({ totalCount: 2, nodes: [{ id: first.id }, { id: later.id }] });
    expect(await ordered([{ field: 'id', direction: 'ASC' }], 1, 1)).toEqual({ totalCount: 2, nodes: [{ id: later.id }] });
  });

  it.runIf(ops.has('create') && ops.has('read'))('bulk creates all or nothing: one refused input saves none and is named by its place; valid inputs are saved and answered in order', async () => {
    const createMany = inflection.createMany(model);
    const createManyQuery = `mutation ($inputs: [${inflection.createInput(model)}!]!) { ${createMany}(inputs: $inputs) { ${fields} } }`;
    const inputs = [await sampleInput(model, nextSeed(), createRecord), await sampleInput(model, nextSeed(), createRecord)];
    const before = await count(true);
    // The second input points at a record that does not exist (or, with no reference, holds a control character).
    const reference = inputFields(model).find((candidate) => candidate.kind === 'reference');
    const text = inputFields(model).find((candidate) => candidate.kind === 'text' && candidate.constraints.validator === 'plainText');
    const broken = reference ?? text;
    // Every model has a field to break (the refusal is what this test is about, never skipped).
    expect(broken, model.name).toBeDefined();
    if (broken) {
      const error = await refused(createManyQuery, { inputs: [inputs[0], { ...inputs[1], [inputKey(broken)]: reference ? '999999999' : '坏\u0007' }] });
      expect(error.extensions).toMatchObject({ field: `inputs.1.${inputKey(broken)}` });
      expect(await count(true)).toBe(before);
    }
    const created = (await ok(createManyQuery, { inputs }))[createMany] as Row[];
    expect(created).toHaveLength(2);
    expect(await count(true)).toBe(before + 2);
    // In the order sent, each as a read gives it.
    expect(Number(created[0].id)).toBeLessThan(Number(created[1].id));
    expect([await read(created[0].id), await read(created[1].id)]).toEqual(created);
  });

  it.runIf(ops.has('delete'))('bulk deletes two rows all or nothing: a stale pair deletes neither, correct versions delete both', async () => {
    second ??= (await createSample(nextSeed())).row;
    const error = await refused(deleteManyQuery, { items: pairs(true) });
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: second.version });
    expect(await read(row.id)).toEqual(row);
    expect(await read(second.id)).toEqual(second);
    const [live, all] = [await count(false), await count(true)];
    expect((await ok(deleteManyQuery, { items: pairs(false) }))[removeMany]).toEqual([row.id, second.id]);
    expect([await count(false), await count(true)]).toEqual([live - 2, all]);
    expect(await page({ id: { in: [row.id, second.id] } })).toEqual({ totalCount: 0, nodes: [] });
    const gone = await page({ id: { in: [row.id, second.id] } }, true);
    expect(gone.totalCount).toBe(2);
    expect(gone.nodes.map((node) => [node.id, node.version, node.deletedReason, Number.isNaN(Date.parse(node.deletedAt))]).sort()).toEqual(
      [
        [row.id, row.version + 1, '批量删除测试', false],
        [second.id, second.version + 1, '批量删除测试', false],
      ].sort(),
    );
    expect([await read(row.id), await read(second.id)]).toEqual([null, null]);
  });
});
