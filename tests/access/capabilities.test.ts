/**
 * What is not a model's records — reading and writing the installation's settings, reading the audit log,
 * reverting a record, undoing an import, reading the state of the backups — decided by the capability table (server/access/policy.ts), through
 * GraphQL: every test user × every capability, the expectation computed from the table (expected.ts `holds`).
 * A user who holds it gets it done on a record of their county; one who does not gets FORBIDDEN with the
 * table's own refusal. A capability added to the table without a probe here does not compile.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Person } from '../../schema/entities/person.entity.js';
import { Region } from '../../schema/entities/region.entity.js';
import { modelOf } from '../../schema/model/registry.js';
import { UserRole } from '../../schema/shared/enums.js';
import { capabilityTable, type Capability } from '../../server/access/policy.js';
import { recordCreator } from '../support/samples.js';
import { useTestServer, type Gql } from '../support/test-server.js';
import { everyone, holds, ownCounty, regionalRoleOf, type Who } from './expected.js';

const env = useTestServer();
const users = {} as Record<Who, Gql & { cookie: string }>;
/** A person of the users' county (sample seed 1): what reverts act on. */
let personId: string;

type Answer = { data?: any; errors?: { message: string; extensions: Record<string, any> }[] };

/** Imports one person into the users' county as `who`; the batch an undo names. */
async function importOne(who: Who, name: string): Promise<string> {
  const response = await fetch(`${env.server.url}/import/Person?mode=all`, {
    method: 'POST',
    headers: { cookie: users[who].cookie, 'x-filename': 'persons.csv' },
    body: `姓名,登记区划\r\n${name},${ownCounty}\r\n`,
  });
  const body = (await response.json()) as { batch?: string | null };
  if (!body.batch) throw new Error(`import as ${who} wrote no batch: ${JSON.stringify(body)}`);
  return body.batch;
}

const versionOfPerson = async () => (await env.server.gql(`{ person(id: "${personId}") { version } }`)).data.person.version as number;

/** Each capability exercised as a user, and what its answer is when it succeeds. */
const probes: Record<Capability, { attempt: (who: Who) => Promise<Answer>; succeeded: (data: any) => boolean }> = {
  readSettings: {
    attempt: (who) => users[who](`{ settings { key } }`),
    succeeded: (data) => Array.isArray(data.settings),
  },
  writeSettings: {
    attempt: (who) => users[who](`mutation ($key: String!) { setSetting(key: $key, value: { by: "capabilities" }) { key version } }`, { key: `capability.${who}` }),
    succeeded: (data) => data.setSetting.version === 1,
  },
  readAuditLog: {
    attempt: (who) => users[who](`{ auditEntries(limit: 1) { totalCount nodes { operation } } }`),
    succeeded: (data) => typeof data.auditEntries.totalCount === 'number',
  },
  revertRecords: {
    // A fresh change by the super administrator, then back to the person as created.
    attempt: async (who) => {
      const version = await versionOfPerson();
      await env.server.gql(`mutation { updatePerson(id: "${personId}", version: ${version}, input: { name: "改名${who}" }) { version } }`);
      const [created] = (await env.server.gql(`{ recordHistory(entity: "Person", id: "${personId}") { id } }`)).data.recordHistory;
      return users[who](`mutation { revertRecord(entity: "Person", id: "${personId}", version: ${version + 1}, entryId: "${created.id}") { version } }`);
    },
    succeeded: (data) => typeof data.revertRecord.version === 'number',
  },
  compareMetrics: {
    // A comparison alone is answered as text (comparison-response.ts), with the catalog the ordinary way: both decide alike.
    attempt: async (who) => {
      const alone = await users[who](`{ compareRegions(metrics: ["deputies"], level: COUNTY) { rows { values } } }`);
      const mixed = await users[who](`{ metricCatalog { key } compareRegions(metrics: ["deputies"], level: COUNTY) { rows { values } } }`);
      expect(alone.errors?.map((error) => error.extensions.code)).toEqual(mixed.errors?.slice(0, 1).map((error) => error.extensions.code));
      return mixed;
    },
    succeeded: (data) => data.metricCatalog.length > 0 && Array.isArray(data.compareRegions.rows),
  },
  undoImports: {
    // A user who may undo undoes their own import; any other tries the super administrator's.
    attempt: async (who) => {
      const batch = await importOne(holds(who, 'undoImports') ? who : 'superAdmin', `撤销${who}`);
      return users[who](`mutation ($batch: String!) { undoImport(batch: $batch) }`, { batch });
    },
    succeeded: (data) => data.undoImport === 1,
  },
  readBackups: {
    // The test server's database is external (DATABASE_URL): the answer says so, and shows its archiver.
    attempt: (who) => users[who](`{ backups { embedded enabled count lastBackup { name } archiving { failing } } }`),
    succeeded: (data) => data.backups.embedded === false && data.backups.count === 0 && typeof data.backups.archiving.failing === 'boolean',
  },
};

beforeAll(async () => {
  const createRecord = recordCreator(env.server);
  // The users' county (seed 1) before the users; the person whom reverts act on lives in it.
  await createRecord(modelOf(Region), 1);
  personId = await createRecord(modelOf(Person), 1);
  for (const who of everyone) users[who] = await env.server.as(...regionalRoleOf[who]);
});

describe('capabilities beyond the models, from the policy table', () => {
  it('the test users cover every role, and the table names every role for every capability', () => {
    expect(new Set(everyone.map((who) => regionalRoleOf[who][0]))).toEqual(new Set(UserRole.values));
    for (const rule of Object.values(capabilityTable)) expect(Object.keys(rule.reach).sort()).toEqual([...UserRole.values].sort());
    // Neither outcome is vacuous: someone holds each capability, and each but reading settings is refused to someone.
    for (const capability of Object.keys(capabilityTable) as Capability[])
      expect(
        everyone.some((who) => holds(who, capability)),
        capability,
      ).toBe(true);
    expect(everyone.filter((who) => !holds(who, 'writeSettings'))).toEqual(['scopedAdmin', 'clerk', 'leader', 'analyst', 'handler']);
    expect(everyone.filter((who) => holds(who, 'readBackups'))).toEqual(['superAdmin']);
  });

  it('tells each user what they hold in the metadata, so the console leaves out what the server would refuse', async () => {
    for (const who of everyone) {
      const viewer = (await users[who](`{ metadata { viewer { capabilities } } }`)).data.metadata.viewer;
      expect(viewer.capabilities, who).toEqual((Object.keys(capabilityTable) as Capability[]).filter((capability) => holds(who, capability)));
    }
  });

  describe.each(Object.keys(capabilityTable) as Capability[])('%s', (capability) => {
    it.each(everyone)('%s', async (who) => {
      const answer = await probes[capability].attempt(who);
      if (holds(who, capability)) {
        expect(answer.errors, `${who} ${capability}`).toBeUndefined();
        expect(probes[capability].succeeded(answer.data), `${who} ${capability}: ${JSON.stringify(answer.data)}`).toBe(true);
      } else {
        expect(answer.data?.[Object.keys(answer.data ?? {})[0]] ?? null).toBeNull();
        expect(answer.errors?.[0], `${who} ${capability}`).toMatchObject({ message: capabilityTable[capability].refusal.zh, extensions: { code: 'FORBIDDEN' } });
      }
    });
  });
});
