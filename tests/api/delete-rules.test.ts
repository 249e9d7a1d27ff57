/**
 * Deletes that keep references whole (issue 17, case 2): every reference declares what deleting its target
 * does — refuse, cascade (and restore), clear — and the server enforces it in the delete's transaction.
 * Generated for every relation of the domain model from its metadata, with the reported cases by name.
 */
import { describe, expect, it } from 'vitest';
import { domainEntities } from '../../schema/entities.js';
import { modelOf, type FieldMeta, type ModelMeta } from '../../schema/model/registry.js';
import { inflection } from '../../schema/shared/inflection.js';
import { targetOf } from '../../schema/model/relations.js';
import { inputKey, recordCreator, sampleInput, type CreateRecord } from '../support/samples.js';
import { useTestServer } from '../support/test-server.js';

const env = useTestServer();
const models = domainEntities.map((entity) => modelOf(entity));
const domain = new Set(models);

/**
 * Every reference a user sets, between domain records: the relations a delete must keep whole. Records only
 * the server writes (a suggestion's workflow history) are made by the workflow's steps, not a generic create.
 */
const relations = models
  .filter((model) => model.operations.includes('create'))
  .flatMap((model) => model.fields.filter((field) => field.kind === 'reference' && !field.readOnly && domain.has(targetOf(field))).map((field) => ({ child: model, field, parent: targetOf(field) })));

let creator: CreateRecord | undefined;
const create: CreateRecord = (model, seed) => (creator ??= recordCreator(env.server))(model, seed);

type State = { deleted: boolean; pointsAt: string | null; version: number };
async function stateOf(model: ModelMeta, id: string, field?: FieldMeta): Promise<State> {
  const client = await env.database.superClient();
  try {
    const { rows } = await client.query(`select deleted_at is not null as deleted, ${field ? `${field.column}::text` : 'null'} as "pointsAt", version from "${model.table}" where id = $1`, [id]);
    return rows[0];
  } finally {
    await client.end();
  }
}

async function codeOf(regionId: string): Promise<string> {
  const client = await env.database.superClient();
  try {
    return (await client.query(`select code from region where id = $1`, [regionId])).rows[0].code;
  } finally {
    await client.end();
  }
}

async function effectsOf(model: ModelMeta, id: string) {
  const response = await env.server.gql(`query ($entity: String!, $ids: [ID!]!) { deletionEffects(entity: $entity, ids: $ids) { entity field rule count depth } }`, {
    entity: model.name,
    ids: [id],
  });
  expect(response.errors).toBeUndefined();
  return response.data.deletionEffects as { entity: string; field: string; rule: string; count: number; depth: number }[];
}

async function remove(model: ModelMeta, id: string) {
  const { version } = await stateOf(model, id);
  return env.server.gql(`mutation ($id: ID!, $version: Int!) { ${inflection.delete(model)}(id: $id, version: $version, reason: "录入错误") { id } }`, { id, version });
}

async function restore(model: ModelMeta, id: string) {
  const { version } = await stateOf(model, id);
  return env.server.gql(`mutation ($id: ID!, $version: Int!) { ${inflection.restore(model)}(id: $id, version: $version) { id } }`, { id, version });
}

describe('every relation declares what deleting its target does, and the server does it', () => {
  it('publishes the rule of every reference, and of every list, in metadata', async () => {
    const { data } = await env.server.gql(`{ metadata { entities { name fields { name kind reference { entity onDelete } } } } }`);
    for (const { child, field } of relations) {
      const described = data.metadata.entities.find((entity: { name: string }) => entity.name === child.name).fields.find((candidate: { name: string }) => candidate.name === field.name);
      expect(described.reference.onDelete, `${child.name}.${field.name}`).toBe(field.onDelete);
    }
  });

  it.each(relations.map((relation, index) => ({ ...relation, index, name: `${relation.child.name}.${relation.field.name} → ${relation.parent.name} (${relation.field.onDelete})` })))(
    '$name',
    async ({ child, field, parent, index }) => {
      // A parent of its own and a child whose other references are of another seed: nothing else points at the parent.
      const parentId = await create(parent, 100 + 2 * index);
      const input = await sampleInput(child, 101 + 2 * index, create);
      input[inputKey(field)] = parentId;
      // A field of an exactly-one set stands alone: its siblings are left empty (a membership's person, not its deputy too).
      for (const names of child.exactlyOne.filter((set) => set.includes(field.name)))
        for (const name of names.filter((other) => other !== field.name)) delete input[inputKey(child.fields.find((candidate) => candidate.name === name)!)];
      // A member without a seat joins only an advisory group (the membership rules).
      if (child.name === 'GroupMembership' && field.name === 'person') {
        const group = await env.server.gql(`mutation ($input: DeputyGroupCreateInput!) { createDeputyGroup(input: $input) { id } }`, {
          input: { name: '删除规则咨询团', kind: 'ADVISORY', regionId: (await sampleInput(named('DeputyGroup'), 102 + 2 * index, create)).regionId },
        });
        input.groupId = group.data.createDeputyGroup.id;
      }
      // A region's child is a township coded under it (a county's own sample code would not fit).
      if (child.name === 'Region') Object.assign(input, { code: `${await codeOf(parentId)}001`, kind: 'TOWN' });
      const created = await env.server.gql(`mutation ($input: ${inflection.createInput(child)}!) { ${inflection.create(child)}(input: $input) { id } }`, { input });
      expect(created.errors).toBeUndefined();
      const childId = created.data[inflection.create(child)].id as string;

      const effects = await effectsOf(parent, parentId);
      expect(effects).toContainEqual({ entity: child.name, field: field.name, rule: field.onDelete, count: 1, depth: 0 });
      const refusedBy = effects.filter((effect) => effect.rule === 'REFUSE');
      // Nothing else points at this parent: the delete is refused exactly when this relation refuses it, so
      // every rule's own outcome below is exercised for its relation.
      expect(refusedBy.length > 0).toBe(field.onDelete === 'REFUSE');
      const deleted = await remove(parent, parentId);
      const childAfter = await stateOf(child, childId, field);

      if (refusedBy.length > 0) {
        expect(deleted.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', referencedBy: { count: expect.any(Number) } });
        expect(deleted.errors?.[0]?.message).toMatch(/仍有 \d+ 条.+不能删除/);
        // Nothing changed: neither the parent nor the child.
        expect((await stateOf(parent, parentId)).deleted).toBe(false);
        expect(childAfter).toMatchObject({ deleted: false, pointsAt: parentId, version: 1 });
        return;
      }
      expect(deleted.errors).toBeUndefined();
      if (field.onDelete === 'CASCADE') {
        expect(childAfter).toMatchObject({ deleted: true, pointsAt: parentId });
        expect((await restore(parent, parentId)).errors).toBeUndefined();
        expect(await stateOf(child, childId, field)).toMatchObject({ deleted: false, pointsAt: parentId });
      } else {
        expect(childAfter).toMatchObject({ deleted: false, pointsAt: null, version: 2 });
      }
    },
  );
});

const named = (name: string) => modelOf(domainEntities.find((entity) => modelOf(entity).name === name)!);

describe('the reported cases (issue 17, case 2)', () => {
  const person = modelOf(domainEntities.find((entity) => modelOf(entity).name === 'Person')!);
  const deputy = modelOf(domainEntities.find((entity) => modelOf(entity).name === 'Deputy')!);
  const group = modelOf(domainEntities.find((entity) => modelOf(entity).name === 'DeputyGroup')!);
  const membership = modelOf(domainEntities.find((entity) => modelOf(entity).name === 'GroupMembership')!);

  it('refuses to delete a person who holds a seat, saying how many, and the seat keeps its person', async () => {
    const seat = await create(deputy, 900);
    const { pointsAt: personId } = await stateOf(
      deputy,
      seat,
      deputy.fields.find((field) => field.name === 'person'),
    );
    const refused = await remove(person, personId!);
    expect(refused.errors?.[0]?.message).toBe(`人员（编号 ${personId}）仍有 1 条人大代表记录（人员）指向它，不能删除；请先删除或修改这些记录`);
    const read = await env.server.gql(`query ($id: ID!) { deputy(id: $id) { person { id } } }`, { id: seat });
    expect(read.data.deputy.person).toEqual({ id: personId });
  });

  it("deletes a group's memberships with it, and its restore brings back those, not one deleted on its own before", async () => {
    const groupId = await create(group, 910);
    const ids: string[] = [];
    for (const seed of [911, 912, 913]) {
      const input = await sampleInput(membership, seed, create);
      input.groupId = groupId;
      const created = await env.server.gql(`mutation ($input: GroupMembershipCreateInput!) { createGroupMembership(input: $input) { id } }`, { input });
      expect(created.errors).toBeUndefined();
      ids.push(created.data.createGroupMembership.id);
    }
    expect((await remove(membership, ids[0])).errors).toBeUndefined();
    expect(await effectsOf(group, groupId)).toEqual([{ entity: 'GroupMembership', field: 'group', rule: 'CASCADE', count: 2, depth: 0 }]);
    expect((await remove(group, groupId)).errors).toBeUndefined();
    const members = await env.server.gql(`query ($id: ID!) { groupMemberships(where: { group: { id: { eq: $id } } }) { totalCount } }`, { id: groupId });
    expect(members.errors).toBeUndefined();
    expect(members.data.groupMemberships.totalCount).toBe(0);
    expect((await restore(group, groupId)).errors).toBeUndefined();
    expect(await Promise.all(ids.map(async (id) => (await stateOf(membership, id)).deleted))).toEqual([true, false, false]);
    // The cascade and the restore are in the audit trail, each membership's own entry.
    const history = await env.server.gql(`query ($id: ID!) { recordHistory(entity: "GroupMembership", id: $id) { operation } }`, { id: ids[1] });
    expect(history.data.recordHistory.map((entry: { operation: string }) => entry.operation)).toEqual(['CREATE', 'DELETE', 'RESTORE']);
  });

  it('refuses to restore a membership while its group is deleted, naming the group', async () => {
    const groupId = await create(group, 920);
    const input = await sampleInput(membership, 921, create);
    input.groupId = groupId;
    const created = await env.server.gql(`mutation ($input: GroupMembershipCreateInput!) { createGroupMembership(input: $input) { id } }`, { input });
    const memberId = created.data.createGroupMembership.id;
    expect((await remove(membership, memberId)).errors).toBeUndefined();
    expect((await remove(group, groupId)).errors).toBeUndefined();
    const refused = await restore(membership, memberId);
    expect(refused.errors?.[0]?.message).toBe(`它的代表小组（代表小组，编号 ${groupId}）已被删除，请先恢复那条记录`);
    expect((await stateOf(membership, memberId)).deleted).toBe(true);
  });

  it('previews a delete only for whoever may make it: others hear FORBIDDEN, not how many records point there', async () => {
    const region = named('Region');
    const [ours, theirs] = [await create(region, 930), await create(region, 931)];
    const codeOf = async (id: string) => (await env.server.gql(`query ($id: ID!) { region(id: $id) { code } }`, { id })).data.region.code as string;
    const preview = (gql: typeof env.server.gql, id: string) => gql(`query ($ids: [ID!]!) { deletionEffects(entity: "Region", ids: $ids) { entity count } }`, { ids: [id] });
    const ourClerk = await env.server.as('CLERK', await codeOf(ours));
    expect((await preview(ourClerk, ours)).errors).toBeUndefined();
    // A clerk of another county reads the region (reference data) but may not delete it.
    const otherClerk = await env.server.as('CLERK', await codeOf(theirs));
    expect((await preview(otherClerk, ours)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'ids.0' });
    const scopedAdmin = await env.server.as('ADMIN', await codeOf(theirs));
    expect((await preview(scopedAdmin, ours)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    for (const role of ['ANALYST', 'LEADER'] as const) {
      expect((await preview(await env.server.as(role), ours)).errors?.[0]?.extensions.code, role).toBe('FORBIDDEN');
    }
  });
});
