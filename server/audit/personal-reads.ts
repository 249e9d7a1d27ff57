/**
 * "Reading or exporting unmasked identifiers is itself recorded": after a compiled read, the records whose
 * personal identifiers the user received unmasked are found by walking the answer along its plan, and one
 * READ_PERSONAL entry per entity names them (ids, fields) in the trail.
 */
import type { ListPlan, ModelPlan } from '../api/query-plan.js';
import { nodesKey, prefetchKey } from '../api/query-plan.js';
import type { Rows } from '../db/read-pool.js';
import { asActor, type Actor } from '../access/actor.js';
import type { ModelMeta } from '../../schema/model/registry.js';
import type { Changes } from './history.js';

type Reads = Map<string, { fields: Set<string>; ids: Set<string> }>;
type Json = Record<string, unknown>;

function personalFields(plan: ModelPlan): string[] {
  return plan.model.fields.filter((field) => field.personal && plan.scalars.has(field.name)).map((field) => field.name);
}

function walkRecord(plan: ModelPlan, record: Json | null | undefined, reads: Reads): void {
  if (!record) return;
  const fields = personalFields(plan);
  if (fields.length) {
    const entry = reads.get(plan.model.name) ?? { fields: new Set(), ids: new Set() };
    fields.forEach((field) => entry.fields.add(field));
    entry.ids.add(String(record.id));
    reads.set(plan.model.name, entry);
  }
  for (const [key, { plan: target }] of plan.references) walkRecord(target, record[prefetchKey(key)] as Json | null, reads);
  for (const [key, list] of plan.lists) walkList(list, record[prefetchKey(key)] as Json | undefined, reads);
}

function walkList(list: ListPlan, page: Json | undefined, reads: Reads): void {
  if (!page) return;
  list.nodes.forEach(({ key, plan }, index) => {
    for (const record of (page[nodesKey(index, key)] as Json[] | undefined) ?? []) walkRecord(plan, record, reads);
  });
}

/** Whether a plan reads any personal identifier at any depth (most reads do not: nothing to walk). */
export function readsPersonal(plan: ModelPlan | ListPlan): boolean {
  if ('scalars' in plan) {
    return personalFields(plan).length > 0 || [...plan.references.values()].some(({ plan: target }) => readsPersonal(target)) || [...plan.lists.values()].some(readsPersonal);
  }
  return plan.nodes.some(({ plan: rows }) => readsPersonal(rows));
}

/** Records the unmasked personal identifiers in `answer` (a list page, one record or several) as READ_PERSONAL entries. */
export async function recordPersonalReads(pool: Rows, actor: Actor, requestId: string, plan: ModelPlan | ListPlan, answer: unknown): Promise<void> {
  const reads: Reads = new Map();
  if (!('scalars' in plan)) walkList(plan, answer as Json, reads);
  else for (const record of Array.isArray(answer) ? answer : [answer]) walkRecord(plan, record as Json | null, reads);
  await writeReads(pool, actor, requestId, reads);
}

/**
 * Audit entries carry the values they recorded: personal identifiers among their changes, read unmasked
 * (a record's history, the audit log), are recorded like any read of them.
 */
export async function recordPersonalInEntries(
  pool: Rows,
  actor: Actor,
  requestId: string,
  entries: readonly { entity: string; recordId: string | null; changes: Changes }[],
  modelNamed: (name: string) => ModelMeta | undefined,
): Promise<void> {
  const reads: Reads = new Map();
  for (const entry of entries) {
    const model = modelNamed(entry.entity);
    if (!model || entry.recordId === null) continue;
    const fields = Object.entries(entry.changes ?? {})
      .filter(([name, change]) => model.fields.find((field) => field.name === name)?.personal && (change?.before != null || change?.after != null))
      .map(([name]) => name);
    if (fields.length === 0) continue;
    const read = reads.get(model.name) ?? { fields: new Set(), ids: new Set() };
    fields.forEach((field) => read.fields.add(field));
    read.ids.add(entry.recordId);
    reads.set(model.name, read);
  }
  await writeReads(pool, actor, requestId, reads);
}

/** One READ_PERSONAL entry per entity read, naming the fields and record ids. */
async function writeReads(pool: Rows, actor: Actor, requestId: string, reads: Reads): Promise<void> {
  if (reads.size === 0) return;
  await pool.withClient(async (client, inTransaction) => {
    const notes = async () => {
      for (const [entity, { fields, ids }] of reads) {
        await client.query(`select crc_audit_note($1, 'READ_PERSONAL', $2)`, [entity, JSON.stringify({ fields: [...fields], ids: [...ids], count: ids.size })]);
      }
    };
    // In an operation's transaction the notes commit (or not) with what was read; otherwise in their own.
    await (inTransaction ? notes() : asActor(client, actor, notes, requestId));
  });
}
