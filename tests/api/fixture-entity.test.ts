import { describe, expect, it } from 'vitest';
import { inflection } from '../../schema/shared/inflection.js';
import { modelOf } from '../../schema/model/registry.js';
import { createTestDatabase } from '../support/test-cluster.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createFixtureTables } from '../support/fixtures/fixture-tables.js';
import { Petition } from '../support/fixtures/petition.entity.js';
import { afterAll, beforeAll } from 'vitest';

describe('an entity added to the model', () => {
  const model = modelOf(Petition);
  let server: TestServer;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    await createFixtureTables(database.ownerUrl, [Petition]);
    server = await startTestServer(database, {}, { extraEntities: [Petition] });
    await server.db.whenConnected();
  });
  afterAll(async () => {
    await server?.stop();
    await drop?.();
  });

  it('is described by metadata with its labels, kinds and options', async () => {
    const { data } = await server.gql(`{ metadata { entities { name labelZh area fields { name kind labelZh options { value labelZh } reference { entity } } } } }`);
    const petition = data.metadata.entities.find((entity: { name: string }) => entity.name === 'Petition');
    expect(petition).toMatchObject({ labelZh: '群众来信', area: 'suggestions' });
    const fields = Object.fromEntries(petition.fields.map((field: { name: string }) => [field.name, field]));
    expect(fields.amount.kind).toBe('money');
    expect(fields.status.options).toEqual([
      { value: 'RECEIVED', labelZh: '已收到' },
      { value: 'REPLIED', labelZh: '已答复' },
    ]);
    expect(fields.region.reference).toEqual({ entity: 'Region' });
  });

  it('gets the whole generated API: create, read, list with filters, aggregate, update, delete and restore', async () => {
    const region = await server.gql(`mutation { createRegion(input: { code: "990000", name: "测试省", kind: PROVINCE }) { id } }`);
    const created = await server.gql(`mutation($input: PetitionCreateInput!) { ${inflection.create(model)}(input: $input) { id subject status amount receivedOn version region { name } } }`, {
      input: { subject: '道路维修', receivedOn: '2024-05-06', amount: '12000.50', regionId: region.data.createRegion.id },
    });
    expect(created.errors).toBeUndefined();
    const petition = created.data.createPetition;
    expect(petition).toMatchObject({ subject: '道路维修', status: 'RECEIVED', amount: '12000.50', receivedOn: '2024-05-06', version: 1, region: { name: '测试省' } });

    const listed = await server.gql(`{ ${inflection.list(model)}(where: { q: "维修", region: { code: { eq: "990000" } } }) { totalCount nodes { id } } }`);
    expect(listed.data.petitions).toEqual({ totalCount: 1, nodes: [{ id: petition.id }] });
    const grouped = await server.gql(`{ ${inflection.aggregate(model)}(groupBy: [{ field: status }]) { key { value label } count sum { amount } } }`);
    expect(grouped.data.petitionsAggregate).toEqual([{ key: [{ value: 'RECEIVED', label: '已收到' }], count: 1, sum: { amount: '12000.50' } }]);

    const updated = await server.gql(`mutation($id: ID!) { updatePetition(id: $id, version: 1, input: { status: REPLIED }) { status version } }`, { id: petition.id });
    expect(updated.data.updatePetition).toEqual({ status: 'REPLIED', version: 2 });
    const stale = await server.gql(`mutation($id: ID!) { updatePetition(id: $id, version: 1, input: { status: RECEIVED }) { version } }`, { id: petition.id });
    expect(stale.errors?.[0].extensions.code).toBe('CONFLICT');
    const deleted = await server.gql(`mutation($id: ID!) { deletePetition(id: $id, version: 2) { deletedAt version } }`, { id: petition.id });
    expect(deleted.data.deletePetition.deletedAt).not.toBeNull();
    const restored = await server.gql(`mutation($id: ID!) { restorePetition(id: $id, version: 3) { deletedAt version } }`, { id: petition.id });
    expect(restored.data.restorePetition).toEqual({ deletedAt: null, version: 4 });
  });
});

describe('a server beside one that serves the fixture', () => {
  // The fixture is registered in this process now (imported above); a server that does not serve it has no table for
  // it, and its delete rules must not look there (they looked through every model the process had registered).
  it('deletes, previews and restores by the rules of its own models', async () => {
    const database = await createTestDatabase();
    const server = await startTestServer(database);
    try {
      await server.db.whenConnected();
      const created = await server.gql(`mutation { createRegion(input: { code: "990000", name: "测试省", kind: PROVINCE }) { id } }`);
      const id = created.data.createRegion.id;
      const preview = await server.gql(`query ($ids: [ID!]!) { deletionEffects(entity: "Region", ids: $ids) { entity count } }`, { ids: [id] });
      expect(preview.errors).toBeUndefined();
      expect(preview.data.deletionEffects).toEqual([]);
      const deleted = await server.gql(`mutation($id: ID!) { deleteRegion(id: $id, version: 1) { version } }`, { id });
      expect(deleted.errors).toBeUndefined();
      const restored = await server.gql(`mutation($id: ID!) { restoreRegion(id: $id, version: 2) { deletedAt } }`, { id });
      expect(restored.errors).toBeUndefined();
      expect(restored.data.restoreRegion).toEqual({ deletedAt: null });
    } finally {
      await server.stop();
      await database.drop();
    }
  });
});
