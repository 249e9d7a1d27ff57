/**
 * The privacy and authorization matrix, generated: every role × every entity × every path that answers with
 * records or statistics — one record, a list, each reference and each to-many relation nested, an aggregate
 * grouped by each groupable field, a list sorted by each sortable field, the minimum and maximum of the
 * numeric fields, an export, a record's history, the audit log, each mutation's answer — and every write's
 * refusal of a record outside the user's reach compared with its refusal of a missing one.
 *
 * What each user may read, write and use is computed from the policy table (server/access/policy.ts) and the
 * model (expected.ts beside this file), never written per path. What they may not read is collected as
 * secrets — the texts of every sample record outside their read reach and, for those who read them masked,
 * everyone's personal identifiers — and no answer on any path may contain one.
 *
 * Two sample records per entity live in two counties (seeds 1 and 2 of samples.ts: 990011 "own" and 990021
 * "other"); the clerk and the scoped administrator work in 990011. Owned records (dashboards, saved queries)
 * are the super administrator's: the own-side one shared, the other private.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { domainEntities, workbenchEntities } from '../../schema/entities.js';
import { modelOf, type FieldMeta, type ModelMeta } from '../../schema/model/registry.js';
import { inflection } from '../../schema/shared/inflection.js';
import { typesOf } from '../../server/api/types/model-types.js';
import { storedFields, targetOf } from '../../schema/model/relations.js';
import { recordCreator, sampleInput, type CreateRecord } from '../support/samples.js';
import { useTestServer, type Gql } from '../support/test-server.js';
import { covers, everyone, expectedRefusal, masks, policyOf, regionalRoleOf, seenPartly, writes, type Side, type Who } from './expected.js';

const env = useTestServer();
const models = [...domainEntities, ...workbenchEntities].map((entity) => modelOf(entity));
const missing = '987654321';
const users = {} as Record<Who, Gql & { cookie: string; username: string }>;
const samples = new Map<string, Record<Side, string>>();
const secrets = {} as Record<Who, Set<string>>;
let createRecord: CreateRecord;

type Answer = { data?: any; errors?: { message: string; extensions: Record<string, any> }[] };
const code = (answer: Answer) => answer.errors?.[0]?.extensions.code ?? 'ok';
/** A refusal with the record's id taken out: what must read the same for a record out of reach and a missing one. */
const refusal = (answer: Answer, id: string) => ({ code: code(answer), message: answer.errors?.[0]?.message.replaceAll(id, '#'), field: answer.errors?.[0]?.extensions.field });

/** Every answer a user gets passes through here: none may contain anything they may not read. */
function clean(who: Who, text: string): void {
  for (const secret of secrets[who]) if (text.includes(secret)) throw new Error(`${who} received "${secret}": ${text.slice(0, 400)}`);
}

async function ask(who: Who, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const answer = await users[who](query, variables);
  clean(who, JSON.stringify(answer));
  return answer;
}

/** Statistics that count only the rows the user reads: owned records, and a handling unit's (an organisation reach). */
const partOfTheRows = (who: Who, model: ModelMeta) => model.access === 'owned' || policyOf(who, model).statistics === 'organisation';

/** The texts a sample was given, unique to it (what the server writes itself, such as who took a workflow step, is not). */
const textFields = (model: ModelMeta) => storedFields(model).filter((field) => (field.kind === 'text' || field.kind === 'longText') && field.graphqlType !== 'ID' && !field.readOnly);
const scalars = (model: ModelMeta) =>
  storedFields(model)
    .filter((field) => field.kind !== 'reference')
    .map((field) => field.name);
/** Every stored field: scalars by name, references with their id. */
const payload = (model: ModelMeta) =>
  [
    ...scalars(model),
    ...storedFields(model)
      .filter((field) => field.kind === 'reference')
      .map((field) => `${field.name} { id }`),
  ].join(' ');

async function versionOf(model: ModelMeta, id: string): Promise<number> {
  return (await env.server.gql(`{ r: ${inflection.one(model)}(id: "${id}", withDeleted: true) { version } }`)).data.r.version;
}

async function personalReads(who: Who): Promise<number> {
  const client = await env.database.superClient();
  try {
    const { rows } = await client.query(`select count(*)::int as n from audit_entry where operation = 'READ_PERSONAL' and actor_name = $1`, [users[who].username]);
    return rows[0].n;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  createRecord = recordCreator(env.server);
  for (const model of models) {
    const own = await createRecord(model, 1);
    let other: string;
    if (model.access === 'owned') {
      const input = { ...(await sampleInput(model, 2, createRecord)), shared: false };
      const created = await env.server.gql(`mutation ($input: ${inflection.createInput(model)}!) { r: ${inflection.create(model)}(input: $input) { id } }`, { input });
      other = created.data.r.id;
    } else other = await createRecord(model, 2);
    samples.set(model.name, { own, other });
  }
  // Users after the records: the clerk's and the scoped administrator's county must exist.
  for (const who of everyone) users[who] = await env.server.as(...regionalRoleOf[who]);
  // The secrets: texts of the samples out of each user's read reach; personal identifiers for those who mask.
  const truth = new Map<string, Record<Side, Record<string, unknown>>>();
  for (const model of models) {
    const ids = samples.get(model.name)!;
    const read = async (id: string) => (await env.server.gql(`{ r: ${inflection.one(model)}(id: "${id}") { ${scalars(model).join(' ')} } }`)).data.r;
    truth.set(model.name, { own: await read(ids.own), other: await read(ids.other) });
  }
  for (const who of everyone) {
    secrets[who] = new Set();
    for (const model of models) {
      for (const side of ['own', 'other'] as const) {
        const values = truth.get(model.name)![side];
        const hidden = (field: FieldMeta) => !covers(who, model, 'read', side) || (field.personal && masks(who));
        for (const field of [...textFields(model), ...model.fields.filter((candidate) => candidate.personal)]) {
          if (hidden(field) && typeof values[field.name] === 'string' && values[field.name] !== '') secrets[who].add(values[field.name] as string);
        }
      }
    }
  }
}, 180_000);

/**
 * A model the user may not read at all (for a handling unit's staff, everything but their unit's cases) is
 * refused whole, as an operation their role lacks: one record, a list and statistics alike, whatever the record.
 */
async function refusedWhole(who: Who, model: ModelMeta): Promise<boolean> {
  if (policyOf(who, model).read !== 'none') return false;
  const { own, other } = samples.get(model.name)!;
  for (const query of [
    `{ r: ${inflection.one(model)}(id: "${own}") { id } }`,
    `{ r: ${inflection.one(model)}(id: "${other}") { id } }`,
    `{ r: ${inflection.list(model)} { totalCount } }`,
    `{ r: ${inflection.aggregate(model)} { count } }`,
  ])
    expect(code(await ask(who, query)), query).toBe('FORBIDDEN');
  return true;
}

/**
 * The matrix's expectations come from the policy table; this pins the handler's row of it by hand, from issue 21
 * ("they see only the suggestions assigned to their organisation … and nothing else; personal identifiers masked";
 * "a page per suggestion with the text, the deputy's contact as the role allows"): their unit's cases with their
 * handlings, notices, files and history, and the deputies who submitted them — so a policy that widened (or
 * emptied) it fails here rather than being expected by the matrix.
 */
describe('a handling unit’s staff, as issue 21 states their reach', () => {
  const readByHandler = ['Attachment', 'DeadlineNotice', 'Deputy', 'Person', 'Suggestion', 'SuggestionHandling', 'SuggestionSubmitter', 'SuggestionTransition'];
  it('read their unit’s cases — the suggestions, handlings, notices, files, history and submitting deputies — and no other model, writing none of them generically', () => {
    expect(
      models
        .filter((model) => policyOf('handler', model).read !== 'none')
        .map((model) => model.name)
        .sort(),
    ).toEqual(readByHandler);
    for (const name of readByHandler)
      expect(
        policyOf(
          'handler',
          models.find((model) => model.name === name)!,
        ),
        name,
      ).toEqual({ read: 'organisation', statistics: 'organisation', write: 'none' });
  });

  it('find their unit’s suggestion, handling, history and submitting deputy, and not the other county’s', async () => {
    for (const name of ['Suggestion', 'SuggestionHandling', 'SuggestionSubmitter']) {
      const model = models.find((candidate) => candidate.name === name)!;
      const { own, other } = samples.get(name)!;
      const answer = await ask(
        'handler',
        `{ own: ${inflection.one(model)}(id: "${own}") { id } other: ${inflection.one(model)}(id: "${other}") { id } all: ${inflection.list(model)} { totalCount } }`,
      );
      expect(answer.data, name).toEqual({ own: { id: own }, other: null, all: { totalCount: 1 } });
    }
  });
});

describe.each(models.map((model) => [model.name, model] as const))('%s', (_name, model) => {
  const one = inflection.one(model);
  const list = inflection.list(model);
  const aggregate = inflection.aggregate(model);

  it.each(everyone)('%s: one record, a list, each relation nested', async (who) => {
    if (await refusedWhole(who, model)) return;
    const { own, other } = samples.get(model.name)!;
    const seen = (side: Side) => covers(who, model, 'read', side);
    for (const [side, id] of [
      ['own', own],
      ['other', other],
    ] as const) {
      const answer = await ask(who, `{ r: ${one}(id: "${id}") { id } }`);
      expect(answer.data.r?.id ?? null, `${side} record`).toBe(seen(side) ? id : null);
    }
    expect((await ask(who, `{ r: ${one}(id: "${missing}") { id } }`)).data.r).toBeNull();
    const listed = (await ask(who, `{ r: ${list}(where: { id: { in: ["${own}", "${other}"] } }) { totalCount nodes { id } } }`)).data.r;
    const expected = [own, other].filter((_, index) => seen(index === 0 ? 'own' : 'other'));
    expect(listed.nodes.map((node: { id: string }) => node.id).sort()).toEqual(expected.sort());
    expect(listed.totalCount).toBe(expected.length);

    // Relations of each record the user reads: a target or a row they may not read comes out null or absent.
    for (const side of (['own', 'other'] as const).filter(seen)) {
      const id = samples.get(model.name)![side];
      for (const field of model.fields.filter((candidate) => candidate.kind === 'reference')) {
        const target = targetOf(field);
        const query = `{ r: ${one}(id: "${id}") { f: ${field.name} { id ${scalars(target).join(' ')} } } }`;
        const truthful = (await env.server.gql(query)).data.r.f;
        // A sample links to records of its own seed; a self-reference to the shared root, an owner to the super administrator: neither in the county.
        const targetSide: Side = target === model || field.readOnly ? 'other' : side;
        const got = (await ask(who, query)).data.r.f;
        expect(got?.id ?? null, `${side}.${field.name}`).toBe(truthful && covers(who, target, 'read', targetSide) ? truthful.id : null);
      }
      for (const field of model.fields.filter((candidate) => candidate.kind === 'referenceList')) {
        const query = `{ r: ${one}(id: "${id}") { f: ${field.name}(limit: 100) { totalCount nodes { id } } } }`;
        const truthful = (await env.server.gql(query)).data.r.f;
        const got = (await ask(who, query)).data.r.f;
        expect(got, `${side}.${field.name}`).toEqual(covers(who, targetOf(field), 'read', side) ? truthful : { totalCount: 0, nodes: [] });
      }
    }
  });

  it.each(everyone)('%s: sorted by each field, grouped by each field, measured', async (who) => {
    if (await refusedWhole(who, model)) return;
    const { own, other } = samples.get(model.name)!;
    const readable = [own, other].filter((_, index) => covers(who, model, 'read', index === 0 ? 'own' : 'other')).sort();
    for (const field of typesOf(model).sortableFields) {
      const answer = await ask(who, `{ r: ${list}(where: { id: { in: ["${own}", "${other}"] } }, orderBy: [{ field: ${field.name}, direction: DESC }]) { nodes { id } } }`);
      const refused = expectedRefusal(who, model, field, 'sort', 'records');
      if (refused) expect(answer.errors?.[0].extensions, `sort ${field.name}`).toMatchObject({ code: 'FORBIDDEN', field: 'orderBy.0.field' });
      else expect(answer.data.r.nodes.map((node: { id: string }) => node.id).sort(), `sort ${field.name}`).toEqual(readable);
    }
    if (!covers(who, model, 'statistics', 'own')) {
      expect(code(await ask(who, `{ r: ${aggregate} { count } }`))).toBe('FORBIDDEN');
      return;
    }
    const groupings = typesOf(model).groupableFields.flatMap((field) => [
      { field, text: `{ field: ${field.name} }` },
      ...(field.kind === 'date' || field.kind === 'datetime' ? [{ field, text: `{ field: ${field.name}, part: YEAR }` }] : []),
    ]);
    for (const { field, text } of groupings) {
      const query = `{ r: ${aggregate}(groupBy: [${text}]) { key { value label } count suppressed countBelow } }`;
      const answer = await ask(who, query);
      if (expectedRefusal(who, model, field, 'group', 'statistics')) {
        expect(answer.errors?.[0].extensions, `group ${text}`).toMatchObject({ code: 'FORBIDDEN', field: 'groupBy.0.field' });
        continue;
      }
      expect(answer.errors, `group ${text}`).toBeUndefined();
      const truthful = new Map<string | null, number>((await env.server.gql(query)).data.r.map((group: any) => [group.key[0].value, group.count]));
      for (const group of answer.data.r) {
        expect(truthful.has(group.key[0].value), `group ${text}: a key of rows outside the statistics reach`).toBe(true);
        if (group.suppressed) {
          expect(seenPartly(who, model), `group ${text}: suppressed where nothing is`).toBe(true);
          expect(group).toMatchObject({ count: null, countBelow: 5 });
        } else if (partOfTheRows(who, model)) expect(group.count).toBeLessThanOrEqual(truthful.get(group.key[0].value)!);
        else expect(group.count, `group ${text}`).toBe(truthful.get(group.key[0].value));
        // Those who read nothing unmasked get no group of fewer than 5 at all.
        if (seenPartly(who, model) && masks(who)) expect(group.suppressed, `group ${text}`).toBe(truthful.get(group.key[0].value)! < 5);
      }
    }
    // The whole count, and the extremes of each number: withheld with the group they describe.
    const numbers = typesOf(model)
      .numericFields.map((field) => field.name)
      .join(' ');
    const totals = `{ r: ${aggregate} { count suppressed ${numbers ? `min { ${numbers} } max { ${numbers} }` : ''} } }`;
    const [group] = (await ask(who, totals)).data.r;
    const [truthful] = (await env.server.gql(totals)).data.r;
    if (group.suppressed) expect(group).toMatchObject({ count: null, ...(numbers ? { min: null, max: null } : {}) });
    else if (partOfTheRows(who, model)) {
      // Statistics of owned records, and a handling unit's, count what the user may read, and nothing else.
      const listed = (await ask(who, `{ r: ${list} { totalCount } }`)).data.r.totalCount;
      expect(group.count).toBe(listed);
    } else expect(group).toEqual(truthful);
  });

  it.each(everyone)('%s: filtered by each field and through each relation', async (who) => {
    if (await refusedWhole(who, model)) return;
    const { own, other } = samples.get(model.name)!;
    const pair = `id: { in: ["${own}", "${other}"] }`;
    const ids = (answer: Answer) => answer.data.r.nodes.map((node: { id: string }) => node.id);
    for (const field of storedFields(model).filter((candidate) => candidate.kind !== 'reference' && candidate.kind !== 'json')) {
      const condition = field.graphqlType === 'ID' ? `{ ne: "0" }` : `{ isNull: false }`;
      for (const [purpose, query] of [
        ['records', `{ r: ${list}(where: { ${field.name}: ${condition} }) { totalCount } }`],
        ['statistics', `{ r: ${aggregate}(where: { ${field.name}: ${condition} }) { count } }`],
      ] as const) {
        if (purpose === 'statistics' && !covers(who, model, 'statistics', 'own')) continue;
        const answer = await ask(who, query);
        if (expectedRefusal(who, model, field, 'filter', purpose))
          expect(answer.errors?.[0].extensions, `${purpose} filter ${field.name}`).toMatchObject({ code: 'FORBIDDEN', field: `where.${field.name}` });
        else expect(answer.errors, `${purpose} filter ${field.name}`).toBeUndefined();
      }
    }
    // Through a reference, by a text of the other sample's target: matches only where the user reads both.
    for (const field of model.fields.filter((candidate) => candidate.kind === 'reference')) {
      const target = targetOf(field);
      const text = textFields(target).find((candidate) => !candidate.personal);
      const value = text && (await env.server.gql(`{ r: ${one}(id: "${other}") { f: ${field.name} { x: ${text.name} } } }`)).data.r.f?.x;
      if (!text || typeof value !== 'string') continue;
      const answer = await ask(who, `{ r: ${list}(where: { ${pair}, ${field.name}: { ${text.name}: { eq: ${JSON.stringify(value)} } } }) { nodes { id } } }`);
      if (policyOf(who, target).read === 'none') {
        expect(answer.errors?.[0].extensions, `through ${field.name}`).toMatchObject({ code: 'FORBIDDEN' });
        continue;
      }
      // The shared root and the owner are the targets of both samples; any other target is the other sample's alone.
      const sides: Side[] = target === model || field.readOnly ? ['own', 'other'] : ['other'];
      const expected = covers(who, target, 'read', 'other') ? sides.filter((side) => covers(who, model, 'read', side)).map((side) => samples.get(model.name)![side]) : [];
      expect(ids(answer).sort(), `through ${field.name}`).toEqual(expected.sort());
    }
    // Through a to-many relation, by a text of one of the other sample's rows: the same.
    for (const field of model.fields.filter((candidate) => candidate.kind === 'referenceList')) {
      const child = targetOf(field);
      const text = textFields(child).find((candidate) => !candidate.personal);
      const value = text && (await env.server.gql(`{ r: ${one}(id: "${other}") { f: ${field.name}(limit: 1) { nodes { x: ${text.name} } } } }`)).data.r.f.nodes[0]?.x;
      if (!text || typeof value !== 'string') continue;
      const answer = await ask(who, `{ r: ${list}(where: { ${pair}, ${field.name}: { some: { ${text.name}: { eq: ${JSON.stringify(value)} } } } }) { nodes { id } } }`);
      if (policyOf(who, child).read === 'none') {
        expect(answer.errors?.[0].extensions, `through ${field.name}`).toMatchObject({ code: 'FORBIDDEN' });
        continue;
      }
      const expected = covers(who, model, 'read', 'other') && covers(who, child, 'read', 'other') ? [other] : [];
      expect(ids(answer), `through ${field.name}`).toEqual(expected);
      // In statistics, a text of people the user may not read singles them out: refused.
      if (covers(who, model, 'statistics', 'own')) {
        const counted = await ask(who, `{ r: ${aggregate}(where: { ${field.name}: { some: { ${text.name}: { eq: ${JSON.stringify(value)} } } } }) { count } }`);
        if (expectedRefusal(who, child, text, 'filter', 'statistics')) expect(code(counted), `statistics through ${field.name}`).toBe('FORBIDDEN');
        else expect(counted.errors, `statistics through ${field.name}`).toBeUndefined();
      }
    }
  });

  it.each(everyone)('%s: export, history, audit log', async (who) => {
    const { own, other } = samples.get(model.name)!;
    if (covers(who, model, 'read', 'own')) {
      const response = await fetch(`${env.server.url}/export`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: users[who].cookie },
        body: JSON.stringify({ query: `{ ${list}(where: { id: { in: ["${own}", "${other}"] } }) { nodes { ${payload(model)} } } }`, format: 'json' }),
      });
      const text = await response.text();
      clean(who, text);
      const ids = (JSON.parse(text) as { id: string }[]).map((row) => row.id).sort();
      expect(ids).toEqual([own, other].filter((_, index) => covers(who, model, 'read', index === 0 ? 'own' : 'other')).sort());
    }
    const history = (id: string) => ask(who, `{ recordHistory(entity: "${model.name}", id: "${id}") { operation changes } }`);
    const absent = await history(missing);
    for (const [side, id] of [
      ['own', own],
      ['other', other],
    ] as const) {
      const answer = await history(id);
      if (covers(who, model, 'read', side)) expect(answer.data.recordHistory.length, `${side} history`).toBeGreaterThan(0);
      else expect(refusal(answer, id), `${side} history`).toEqual(refusal(absent, missing));
    }
    const log = await ask(who, `{ auditEntries(where: { entity: "${model.name}" }, limit: 1000) { nodes { recordId changes } } }`);
    expect(code(log)).toBe(regionalRoleOf[who][0] === 'ADMIN' ? 'ok' : 'FORBIDDEN');
  });

  it.each(everyone)('%s: each mutation answers like a read, and refuses a record out of reach as a missing one', async (who) => {
    const { own, other } = samples.get(model.name)!;
    // A record out of reach, a wrong version: the same refusal as for a record that does not exist.
    const attempts = {
      update: (id: string) => `mutation { r: ${inflection.update(model)}(id: "${id}", version: 999, input: {}) { id } }`,
      delete: (id: string) => `mutation { r: ${inflection.delete(model)}(id: "${id}", version: 999) { id } }`,
      restore: (id: string) => `mutation { r: ${inflection.restore(model)}(id: "${id}", version: 999) { id } }`,
    };
    // A bulk create by one who may not write: refused as a single create is, before any input is looked at.
    if (!writes(who, model) && model.operations.includes('create')) {
      const bulk = await ask(who, `mutation ($inputs: [${inflection.createInput(model)}!]!) { r: ${inflection.createMany(model)}(inputs: $inputs) { id } }`, { inputs: [] });
      expect(code(bulk), 'bulk create by a reader').toBe('FORBIDDEN');
    }
    for (const [operation, mutation] of Object.entries(attempts)) {
      if (!model.operations.includes(operation as never)) continue;
      const outside = await ask(who, mutation(other));
      const absent = await ask(who, mutation(missing));
      if (!writes(who, model)) expect(code(outside), `${operation} by a reader`).toBe('FORBIDDEN');
      else if (!covers(who, model, 'read', 'other')) expect(refusal(outside, other), operation).toEqual(refusal(absent, missing));
      else if (!covers(who, model, 'write', 'other')) expect(code(outside), operation).toBe('FORBIDDEN');
      else expect(code(outside), operation).toBe(operation === 'restore' ? 'BAD_USER_INPUT' : 'CONFLICT');
    }
    // A link to a record out of reach: the same refusal as a link to a missing one, before any rule looks at it.
    // (Models written only by other operations — a suggestion's history — have no create or update to try.)
    if (covers(who, model, 'write', 'own') && model.operations.includes('create') && model.operations.includes('update')) {
      for (const field of model.fields.filter((candidate) => candidate.kind === 'reference' && !candidate.readOnly)) {
        const target = targetOf(field);
        if (covers(who, target, 'read', 'other') || target === model) continue;
        const input = { ...(await sampleInput(model, 1, createRecord)) };
        const create = (id: string) =>
          ask(who, `mutation ($input: ${inflection.createInput(model)}!) { r: ${inflection.create(model)}(input: $input) { id } }`, { input: { ...input, [`${field.name}Id`]: id } });
        const targetOther = samples.get(target.name)!.other;
        expect(refusal(await create(targetOther), targetOther), `link ${field.name}`).toEqual(refusal(await create(missing), missing));
        // The same through a bulk create, the refusal naming the input's place.
        const createMany = (id: string) =>
          ask(who, `mutation ($inputs: [${inflection.createInput(model)}!]!) { r: ${inflection.createMany(model)}(inputs: $inputs) { id } }`, { inputs: [{ ...input, [`${field.name}Id`]: id }] });
        const bulk = refusal(await createMany(targetOther), targetOther);
        expect(bulk, `bulk link ${field.name}`).toEqual(refusal(await createMany(missing), missing));
        expect(bulk.field, `bulk link ${field.name}`).toMatch(/^inputs\.0\./);
      }
      // The answer of a write: masked, scoped, and its unmasked personal identifiers recorded like a read's.
      const before = await personalReads(who);
      const answer = await ask(who, `mutation { r: ${inflection.update(model)}(id: "${own}", version: ${await versionOf(model, own)}, input: {}) { ${payload(model)} } }`);
      expect(answer.errors, 'update own').toBeUndefined();
      for (const field of model.fields.filter((candidate) => candidate.kind === 'reference')) {
        if (!covers(who, targetOf(field), 'read', targetOf(field) === model || field.readOnly ? 'other' : 'own')) expect(answer.data.r[field.name], field.name).toBeNull();
      }
      const unmaskedPersonal = model.fields.some((field) => field.personal) && !masks(who);
      expect(await personalReads(who), 'READ_PERSONAL for the answer').toBe(before + (unmaskedPersonal ? 1 : 0));
    }
  });
});
