/**
 * Sample inputs for any model, built from its FieldMeta: a valid `…CreateInput` per seed, with referenced
 * records created first through the API. The only model-specific knowledge is the `overrides` table,
 * for business rules the field metadata cannot express (server/rules/*.ts).
 *
 * Seeds: each seed ≥ 1 gives distinct unique values (codes, ID numbers, texts); seed 0 is the shared root
 * a self-reference points to (the synthetic province 990000, the home every station belongs to).
 */
import { modelOf, registeredModels, type FieldMeta, type ModelMeta } from '../../schema/model/registry.js';
import { inflection } from '../../schema/shared/inflection.js';
import { idNumberCheckCharacter } from '../../schema/shared/validators.js';
import pg from 'pg';
import { actAsTest } from './test-cluster.js';
import type { TestServer } from './test-server.js';

export type Input = Record<string, unknown>;
/** Creates (or returns the cached) sample record of `model` for `seed` and gives its id. */
export type CreateRecord = (model: ModelMeta, seed: number) => Promise<string>;

/** The fields a create input may set: stored (not to-many) and not server-computed. */
export function inputFields(model: ModelMeta): FieldMeta[] {
  return model.fields.filter((field) => field.kind !== 'referenceList' && !field.readOnly);
}

/** The fields a sample leaves empty: all but the first of each exactly-one set (a membership's person, its deputy given). */
export function leftEmpty(model: ModelMeta): Set<string> {
  return new Set(model.exactlyOne.flatMap((names) => names.slice(1)));
}

/** The input key of a field: `person` → `personId`, scalars by their own name. */
export function inputKey(field: FieldMeta): string {
  return field.kind === 'reference' ? inflection.referenceInput(field.name) : field.name;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** A date plus `days`, as a Date string. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * A seed's base date: 2021-03-01 plus the seed in days. Seeds (up to 999) and the month between a model's
 * date fields stay years before today, since dates of what has happened may not lie in the future.
 */
export const sampleDate = (seed: number, offsetDays = 0) => addDays('2021-03-01', seed + offsetDays);

/** Chinese text unique per seed and tag, cut to the field's length limit. */
export function sampleText(field: FieldMeta, seed: number, tag = '样本'): string {
  return [...`${tag}${seed}号${field.labelZh}`].slice(0, field.constraints.maxLength ?? 100).join('');
}

/** An integer within the field's bounds, varying with the seed. */
function sampleInt(field: FieldMeta, seed: number): number {
  const low = field.constraints.min ?? 0;
  const high = field.constraints.max ?? low + 10_000;
  return low + ((seed * 7 + 3) % (high - low + 1));
}

/** An exact decimal string with exactly the field's scale (`"1500.00"`, `"12.5"`), within its bounds. */
function sampleDecimal(field: FieldMeta, seed: number): string {
  const { scale = 2, min, max } = field.constraints;
  const low = Math.max(min ?? 0, 0);
  const whole = field.kind === 'money' ? 1500 + seed : Math.min(low + 10 + (seed % 50), (max ?? 1_000_000) - 1);
  return scale > 0 ? `${whole}.${'5'.padEnd(scale, '0')}` : String(whole);
}

/** A valid 18-character resident ID number, unique per seed (< 1000), with the birth date and gender it encodes. */
export function sampleIdNumber(seed: number): { idNumber: string; birthDate: string; gender: 'MALE' | 'FEMALE' } {
  const birthDate = addDays('1970-01-01', seed * 11);
  const sequence = pad(seed % 1000, 3);
  const first17 = `620822${birthDate.replaceAll('-', '')}${sequence}`;
  return { idNumber: first17 + idNumberCheckCharacter(first17), birthDate, gender: Number(sequence[2]) % 2 === 1 ? 'MALE' : 'FEMALE' };
}

/**
 * What business rules need beyond the field metadata, by model name (applied over the generic values).
 * Region: the level follows the kind and the code fits the parent (seed 0 the province 990000, others a
 * county 99sss1 under it). Person: gender and birth date agree with the ID number. Appointment: an action
 * that takes an oath. Oath: sworn after its appointment (same seed, decided on sampleDate(seed)).
 * LiaisonStation: homes only, so the shared parent (seed 0) is a HOME.
 * FundingAllocation: nothing disbursed beyond the budget.
 */
const overrides: Record<string, (seed: number) => Input> = {
  Region: (seed) => (seed === 0 ? { code: '990000', kind: 'PROVINCE' } : { code: `99${pad(seed, 3)}1`, kind: 'COUNTY' }),
  Person: (seed) => ({ ...sampleIdNumber(seed), mobile: `139${pad(seed, 8)}` }),
  Appointment: () => ({ action: 'APPOINT' }),
  Oath: (seed) => ({ swornOn: sampleDate(seed, 10) }),
  LiaisonStation: () => ({ kind: 'HOME' }),
  FundingAllocation: () => ({ budgeted: '20000.00', disbursed: '1500.00', status: 'PLANNED' }),
};

/** A valid create input of `model` for `seed`; referenced records come from `createRecord` (same seed). */
export async function sampleInput(model: ModelMeta, seed: number, createRecord: CreateRecord): Promise<Input> {
  if (seed < 0 || seed > 999) throw new RangeError(`seed ${seed} out of 0..999`);
  const input: Input = {};
  const dates = inputFields(model).filter((field) => field.kind === 'date');
  const override = overrides[model.name]?.(seed) ?? {};
  for (const field of inputFields(model)) {
    const key = inputKey(field);
    if (key in override) continue;
    if (leftEmpty(model).has(field.name)) {
      input[key] = null;
      continue;
    }
    switch (field.kind) {
      case 'text':
      case 'longText':
        if (field.constraints.validator && !['plainText', 'longText'].includes(field.constraints.validator)) {
          throw new Error(`${model.name}.${field.name} needs a sample that passes ${field.constraints.validator}: add it to the overrides`);
        }
        // Tagged with the model, so that each record's texts are its own (the privacy matrix looks for them in answers).
        input[key] = sampleText(field, seed, `样本${model.name}#`);
        break;
      case 'int':
        input[key] = sampleInt(field, seed);
        break;
      case 'decimal':
      case 'money':
        input[key] = sampleDecimal(field, seed);
        break;
      case 'date':
        // Each date field a month after the previous one, so declared (start, end) pairs are ordered.
        input[key] = sampleDate(seed, 30 * dates.indexOf(field));
        break;
      case 'boolean':
        input[key] = true;
        break;
      case 'enum':
        input[key] = field.enum!.values[0];
        break;
      case 'json':
        input[key] = { 样本: seed, 标签: ['甲', '乙'] };
        break;
      case 'reference': {
        const target = modelOf(field.target!());
        // A self-reference points to the root of seed 0, which has none (no endless recursion).
        if (target === model) input[key] = seed === 0 ? null : await createRecord(model, 0);
        else input[key] = await createRecord(target, seed);
        break;
      }
      default:
        throw new Error(`no sample for ${model.name}.${field.name} of kind ${field.kind}`);
    }
  }
  Object.assign(input, override);
  for (const [start, end] of model.ranges) {
    const from = input[start];
    const to = input[end];
    if (typeof from === 'string' && typeof to === 'string' && to < from) throw new Error(`${model.name}: sample ${end} ${to} before ${start} ${from}`);
  }
  return input;
}

/**
 * Records no create makes, made by the operation that does, by model name: a suggestion's history is written
 * by its workflow (the seed's suggestion not accepted, for a reason of the seed's own: its REJECT step); a
 * deadline notice by the daily scan, as the owner (here written as the scan writes it, for the seed's handling
 * given a due date long past: the scan itself runs once a day, tests/workflow/deadlines.test.ts).
 */
const makers: Record<string, (server: TestServer, seed: number, create: CreateRecord) => Promise<string>> = {
  SuggestionTransition: async (server, seed, create) => {
    const suggestion = await create(modelOf(registeredModel('Suggestion')), seed);
    const { data } = await server.gql(`{ suggestion(id: "${suggestion}") { version } }`);
    const accepted = await server.gql(
      `mutation ($id: ID!, $version: Int!, $reason: String!) { reviewSuggestion(id: $id, version: $version, input: { decision: REJECT, reason: $reason }) { transitions { nodes { id } } } }`,
      {
        id: suggestion,
        version: data.suggestion.version,
        reason: `样本SuggestionTransition#${seed}号理由`,
      },
    );
    if (accepted.errors) throw new Error(`accepting suggestion ${suggestion} failed: ${JSON.stringify(accepted.errors)}`);
    return accepted.data.reviewSuggestion.transitions.nodes[0].id as string;
  },
  DeadlineNotice: async (server, seed, create) => {
    const handling = await create(modelOf(registeredModel('SuggestionHandling')), seed);
    if (!server.ownerUrl) throw new Error('a deadline notice sample needs the test database’s owner');
    const client = new pg.Client({ connectionString: server.ownerUrl });
    await client.connect();
    try {
      await actAsTest(client);
      const dueOn = sampleDate(seed, 90);
      await client.query(`update suggestion_handling set assigned_on = $2, due_on = $3 where id = $1`, [handling, sampleDate(seed), dueOn]);
      const { rows } = await client.query<{ id: string }>(`insert into deadline_notice (handling_id, kind, due_on, noticed_on) values ($1, 'OVERDUE', $2, $3) returning id::text`, [
        handling,
        dueOn,
        sampleDate(seed, 91),
      ]);
      return rows[0].id;
    } finally {
      await client.end();
    }
  },
  // A suggestion's file comes in over /attachments, never through a create: a minimal PDF of the seed's own.
  Attachment: async (server, seed, create) => {
    const suggestion = await create(modelOf(registeredModel('Suggestion')), seed);
    const { cookie } = await server.as('ADMIN');
    const response = await fetch(`${server.url}/attachments?suggestionId=${suggestion}`, {
      method: 'POST',
      headers: { cookie, 'x-filename': encodeURIComponent(`样本Attachment#${seed}号.pdf`) },
      body: Buffer.from(`%PDF-1.4\n% sample ${seed}\n%%EOF\n`, 'latin1'),
    });
    const answer = (await response.json()) as { id?: string };
    if (response.status !== 201 || !answer.id) throw new Error(`attaching to suggestion ${suggestion} failed: ${response.status} ${JSON.stringify(answer)}`);
    return answer.id;
  },
};

function registeredModel(name: string) {
  const model = registeredModels().find((candidate) => candidate.name === name);
  if (!model) throw new Error(`no model ${name}`);
  return model.target as never;
}

/** A CreateRecord that creates through the server's API, once per model and seed. */
export function recordCreator(server: TestServer): CreateRecord {
  const cache = new Map<string, Promise<string>>();
  const create: CreateRecord = (model, seed) => {
    const key = `${model.name}:${seed}`;
    let id = cache.get(key);
    if (!id && makers[model.name]) {
      id = makers[model.name](server, seed, create);
      cache.set(key, id);
    }
    if (!id) {
      id = (async () => {
        const input = await sampleInput(model, seed, create);
        const result = await server.gql(`mutation ($input: ${inflection.createInput(model)}!) { ${inflection.create(model)}(input: $input) { id } }`, { input });
        if (result.errors || !result.data) throw new Error(`creating ${key} failed: ${JSON.stringify(result.errors)} for ${JSON.stringify(input)}`);
        return result.data[inflection.create(model)].id as string;
      })();
      cache.set(key, id);
    }
    return id;
  };
  return create;
}
