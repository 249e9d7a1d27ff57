/**
 * Every write of the generated API: validation, business rules, the version check and the flush, in one
 * transaction per mutation (bulk mutations: all items in one). Nothing is written when anything fails.
 */
import { OptimisticLockError, type EntityManager, type Knex } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { TransactionRows, type ReadPool, type Rows } from '../db/read-pool.js';
import { dryRunSetting } from '../db/dry-run.js';
import { hasModel, modelOf, type FieldMeta, type ModelMeta } from '../../schema/model/registry.js';
import { AppError } from '../graphql/errors.js';
import { rulesOf } from '../rules/index.js';
import type { RuleContext, Values } from '../rules/rule.js';
import { checkRanges, checkReason, fieldError, validateInput } from './input.validation.js';
import { naturalKeys, referenceKey, references, storedFields, targetOf } from '../../schema/model/relations.js';
import { applyDeleteRules, checkParentsLive, restoreCascaded, type RunStatement } from './deletion.js';
import type { Access } from '../access/access.js';
import { actorSettings } from '../access/actor.js';
import { and, idArray, ident, join, raw, sql, type Sql } from '../sql/sql.js';

type Entity = Record<string, unknown> & { id: string; version: number; deletedAt?: Date | null };
export type VersionedId = { id: string; version: number };

const label = (model: ModelMeta) => ({ zh: model.labelZh, en: model.labelEn });

/** What a missing record answers — and, word for word, a record outside the user's reach. */
export function notFound(model: ModelMeta, id: string, path?: string): AppError {
  const { zh, en } = label(model);
  return new AppError('NOT_FOUND', { zh: `${zh}（编号 ${id}）不存在或已删除`, en: `${en} ${id} does not exist or was deleted` }, path ? { field: path } : {});
}

function conflict(model: ModelMeta, id: string, currentVersion: number, path?: string): AppError {
  const { zh, en } = label(model);
  return new AppError(
    'CONFLICT',
    { zh: `${zh}（编号 ${id}）已被他人修改，请刷新后重试`, en: `${en} ${id} was changed by someone else meanwhile; reload and try again` },
    { currentVersion, ...(path ? { field: path } : {}) },
  );
}

/** The stored values of an entity as rules see them (references as ids). */
function valuesOf(model: ModelMeta, entity: Entity): Values {
  const values: Values = {};
  for (const field of storedFields(model)) {
    const value: unknown = entity[field.name];
    values[field.name] = field.kind === 'reference' ? ((value as { id?: string } | null | undefined)?.id ?? null) : value;
  }
  return values;
}

/** Whether a record's stored values already hold every value an imported row gives (an upsert's unchanged row). */
function holdsAlready(model: ModelMeta, current: Values, values: Values): boolean {
  const same = (field: FieldMeta) =>
    field.kind === 'decimal' || field.kind === 'money' ? Number(current[field.name]) === Number(values[field.name]) : String(current[field.name] ?? '') === String(values[field.name] ?? '');
  return storedFields(model).every((field) => !(field.name in values) || same(field));
}

/** What the audit trail calls the writes of a transaction when they are more than edits (crc.operation). */
type NamedOperation = 'REVERT' | 'IMPORT';

/** One data row of an import: its spreadsheet row number and its input as the API takes it. */
export type ImportRow = { row: number; input: Record<string, unknown> };

/** What an import's rows did: how many created, updated or found unchanged records, how many were refused, whether it was kept. */
export type ImportOutcome = { created: number; updated: number; unchanged: number; refused: number; committed: boolean };

/** Rows an import writes together (one flush); a chunk with a refused row is written again row by row. */
export const importChunk = 500;

/** From this many rows written, an import refreshes the table's statistics once it commits. */
const analyzeAfterRows = 1_000;

/** Thrown to roll an import's transaction back on purpose (a dry run, or a refused row when all must pass). */
class RolledBack extends Error {}

/** A row's refusal as the API would word it: ours as they are, the database's (a duplicate) mapped to its field. */
function refusalOf(model: ModelMeta, error: unknown): AppError {
  if (error instanceof AppError) return error;
  try {
    return mapDatabaseError(model, error, 'input');
  } catch (mapped) {
    if (mapped instanceof AppError) return mapped;
    throw mapped;
  }
}

/** Constraint names the model decorator creates, back to the (first) field they guard. */
function fieldOfConstraint(model: ModelMeta, constraint: string | undefined): FieldMeta | undefined {
  const unique = model.uniques.find((candidate) => candidate.name === constraint);
  if (unique) return model.fields.find((field) => field.name === unique.fields[0]);
  return storedFields(model).find((field) => constraint === `${model.table}_${field.column}_foreign`);
}

/** Database refusals a client caused (a duplicate, a broken reference) as input errors on the field. */
function mapDatabaseError(model: ModelMeta, error: unknown, prefix: string): never {
  const e = error as { code?: string; constraint?: string };
  const field = fieldOfConstraint(model, e.constraint);
  const name = field && (field.kind === 'reference' ? referenceKey(field) : field.name);
  const path = [prefix, name].filter(Boolean).join('.') || 'id';
  if (e.code === '23505' && field) throw fieldError(field, path, '已存在相同的值', 'the same value already exists');
  if (e.code === '23503' && field) throw fieldError(field, path, '引用的记录不存在', 'the referenced record does not exist');
  if (e.code === '23514' || e.code === '22001' || e.code === '22003') {
    throw new AppError('BAD_USER_INPUT', { zh: '输入的值不符合要求', en: 'A value is out of the allowed range' }, { field: path });
  }
  throw error;
}

/** The reference that puts a record in its region directly (its first region path's first step), if any. */
function regionField(model: ModelMeta): FieldMeta | undefined {
  const first = model.regionPaths[0]?.split('.')[0];
  return references(model).find((candidate) => candidate.name === first);
}

/** The input field that puts a record in its region (`input.regionId`), for a refusal to point at. */
function boundPath(model: ModelMeta, prefix: string): string {
  const field = regionField(model);
  return field ? `${prefix}.${referenceKey(field)}` : prefix;
}

/** Rows of a plain statement run on the transaction's connection (the ORM's knex takes `?` placeholders and would spread an array). */
export async function rowsOf<T>(tx: EntityManager, statement: Sql): Promise<T[]> {
  const { text, values } = statement.compile('knex');
  return tx.execute<T[]>(text, values);
}

/**
 * Why knex ended a transaction on its own, if it did: one of its statements failed in a way that ends it (the
 * client's timeout on a stalled database, the connection lost), and every later statement only says the
 * transaction is already complete. The first failure is the one to report (a 503, not a 500).
 */
async function transactionFailure(tx: EntityManager): Promise<unknown> {
  const transaction = tx.getTransactionContext<Knex.Transaction | undefined>();
  if (!transaction?.isCompleted()) return undefined;
  return transaction.executionPromise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
}

/** The transaction's statements as deletion.ts runs them. */
const statementsOn =
  (tx: EntityManager): RunStatement =>
  (statement) =>
    rowsOf(tx, statement);

/** The models of the entities this server's ORM maps (schema/'s, and a fixture a test serves): what a delete's rules look through. */
function servedModels(em: EntityManager): ModelMeta[] {
  return Object.values(em.getMetadata().getAll()).flatMap((meta) => (meta.class && hasModel(meta.class) ? [modelOf(meta.class)] : []));
}

export class Writer {
  /**
   * `access`: who writes (the audit trigger records them; their region bounds what they may write);
   * `afterCommit` runs once a write has committed (the server refreshes the metric facts then).
   */
  constructor(
    private readonly em: EntityManager,
    private readonly access: Access,
    private readonly requestId: string,
    private readonly afterCommit: () => void = () => undefined,
  ) {}

  /** The transaction of the whole GraphQL operation, while one is open: every write of it goes there. */
  private operationTx: EntityManager | undefined;

  /**
   * A transaction whose writes the audit trail attributes to the user and this request; `operation` names
   * its updates in the trail when they are more than an edit (REVERT). Inside an operation's transaction,
   * the write is part of it (and commits, or not, with the operation's other writes).
   */
  async transaction<T>(work: (tx: EntityManager) => Promise<T>, operation?: NamedOperation): Promise<T> {
    const setActor = (tx: EntityManager) => this.nameActor(tx, operation);
    if (this.operationTx) {
      await setActor(this.operationTx);
      return work(this.operationTx);
    }
    return this.em.fork().transactional(async (tx) => {
      await setActor(tx);
      return work(tx);
    });
  }

  /**
   * Names the transaction's writer for the audit trigger: the live session (all the database believes of the
   * application role), the actor (what the owner's writes are recorded under) and the request.
   */
  private async nameActor(tx: EntityManager, operation?: NamedOperation): Promise<void> {
    await tx.execute(`select set_config('crc.actor', ?, true), set_config('crc.session', ?, true), set_config('crc.request', ?, true), set_config('crc.operation', ?, true)`, [
      ...actorSettings(this.access.actor, this.requestId),
      operation ?? '',
    ]);
  }

  /**
   * One transaction for a whole GraphQL operation (Hasura's semantics): `work` runs every mutation of it,
   * reading through the transaction's own connection (a mutation's answer is what it wrote, before the
   * commit; its statements are shown to `observer`'s listeners); it commits when `keep(result)` says so (no
   * mutation failed), else nothing of it is saved.
   */
  async operation<T>(observer: ReadPool, work: (rows: Rows) => Promise<T>, keep: (result: T) => boolean): Promise<T> {
    const tx = this.em.fork();
    await tx.begin();
    try {
      this.operationTx = tx;
      // Named from the start: audit notes of reads that come before the first write are the session's too.
      await this.nameActor(tx);
      // The pg client the transaction holds: reads and audit notes of the operation run on it too.
      const client = (await (tx.getTransactionContext() as Knex.Transaction).client.acquireConnection()) as pg.ClientBase;
      const result = await work(new TransactionRows(client, observer));
      if (keep(result)) {
        await tx.commit();
        this.afterCommit();
      } else await tx.rollback();
      return result;
    } catch (error) {
      const cause = (await transactionFailure(tx)) ?? error;
      await tx.rollback().catch(() => undefined);
      throw cause;
    } finally {
      this.operationTx = undefined;
    }
  }

  /** Why the user may not write a record they can read: outside their region, or someone else's. */
  writeRefusal(model: ModelMeta, path: string): AppError {
    const { regionName } = this.access.actor;
    const messages =
      model.access === 'owned'
        ? { zh: `只有创建人可以修改这条${model.labelZh}`, en: `Only its owner may change this ${model.labelEn.toLowerCase()}` }
        : model.access === 'administration'
          ? {
              zh: `您只能管理本区划（${regionName ?? '—'}）内的管理员和工作人员账号；领导、分析人员和不限区划的账号由超级管理员管理`,
              en: `You may only manage administrators and clerks of your own region (${regionName ?? '—'}); leaders, analysts and unscoped accounts are a super administrator's`,
            }
          : { zh: `只能修改本区划（${regionName}）的${model.labelZh}记录`, en: `You may only write ${model.labelEn.toLowerCase()} records of your own region (${regionName})` };
    return new AppError('FORBIDDEN', messages, { field: path });
  }

  /** Refuses the write unless every record, as it stands after the change in the transaction, is within the user's write reach. */
  private async checkReach(tx: EntityManager, model: ModelMeta, ids: string[], path: string): Promise<void> {
    if (!this.access.writesBounded(model) || ids.length === 0) return;
    const inside = await rowsOf<{ id: string }>(
      tx,
      sql`select t."id"::text as id from ${ident(model.table)} t where ${join([sql`t."id" = any(${idArray(ids)})`, this.access.writeScope(model, 't')], ' and ')}`,
    );
    if (inside.length !== ids.length) throw this.writeRefusal(model, path);
  }

  private async run<T>(model: ModelMeta, prefix: string, work: (tx: EntityManager) => Promise<T>, operation?: NamedOperation): Promise<T> {
    try {
      const result = await this.transaction(work, operation);
      // Within an operation's transaction, the facts are refreshed once it commits (operation()).
      if (!this.operationTx) this.afterCommit();
      return result;
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof OptimisticLockError) {
        const entity = error.getEntity() as Entity | undefined;
        const current = entity ? await this.em.fork().getConnection().execute(`select version from "${model.table}" where id = ?`, [entity.id]) : [];
        throw conflict(model, entity?.id ?? '?', (current[0] as { version?: number } | undefined)?.version ?? -1);
      }
      return mapDatabaseError(model, error, prefix);
    }
  }

  /**
   * Every record the values link to exists, is not deleted and is within the user's read reach — checked
   * before any rule looks at it, so that a record outside the reach answers exactly as a missing one. What
   * the server sets itself (a dashboard's owner) is not the user's choice and needs no reach. One statement
   * per reference field for any number of records (an import's chunk); the first refusal names its field.
   */
  private async checkReferences(tx: EntityManager, model: ModelMeta, records: Values[], prefix: string): Promise<void> {
    for (const field of references(model)) {
      const ids = [
        ...new Set(
          records
            .map((values) => values[field.name])
            .filter((id) => id !== undefined && id !== null)
            .map(String),
        ),
      ];
      if (ids.length === 0) continue;
      const target = targetOf(field);
      const numeric = ids.filter((id) => /^\d{1,18}$/.test(id));
      const found = numeric.length
        ? await rowsOf<{ id: string; readable: boolean }>(
            tx,
            sql`select t."id"::text as id, ${and([this.access.readScope(target, 't')])} as readable from ${ident(target.table)} t
              where t."id" = any(${idArray(numeric)}) and t."deleted_at" is null`,
          )
        : [];
      const usable = new Set(found.filter((row) => row.readable || field.readOnly).map((row) => row.id));
      const refused = ids.find((id) => !usable.has(id));
      if (refused !== undefined) throw notFound(target, refused, `${prefix}.${referenceKey(field)}`);
    }
  }

  /** Reference ids (checked by checkReferences) as ORM references. */
  private toReferences(tx: EntityManager, model: ModelMeta, values: Values): Values {
    const resolved: Values = { ...values };
    for (const field of references(model)) {
      const id = values[field.name];
      if (id !== undefined && id !== null) resolved[field.name] = tx.getReference(targetOf(field).target as never, id as never);
    }
    return resolved;
  }

  private async applyRules(model: ModelMeta, values: Values, context: RuleContext, prefix: string): Promise<void> {
    const rules = rulesOf(model);
    await rules?.derive?.(values, context);
    checkRanges(model, values, prefix);
    await rules?.check?.(values, context);
  }

  /** The values the rules changed or the input set, for assignment to the entity. */
  private changes(model: ModelMeta, before: Values | undefined, after: Values): Values {
    const changed: Values = {};
    for (const field of storedFields(model)) {
      if (!(field.name in after)) continue;
      if (before && before[field.name] === after[field.name]) continue;
      changed[field.name] = after[field.name];
    }
    return changed;
  }

  /** `after` runs in the same transaction once the record is written (a user's password hash). */
  async create(model: ModelMeta, input: Record<string, unknown>, after?: (tx: EntityManager, id: string) => Promise<void>): Promise<string> {
    return this.run(model, 'input', (tx) => this.createOne(tx, model, input, 'input', after));
  }

  /**
   * Many records in one transaction, all or none (`create<Plural>(inputs:)`, an import's commit): each input
   * validated, ruled and checked exactly as a single create, a refusal naming its place (`inputs.3.name`).
   */
  async createMany(model: ModelMeta, inputs: Record<string, unknown>[]): Promise<string[]> {
    return this.run(model, 'inputs', async (tx) => {
      const ids: string[] = [];
      for (const [index, input] of inputs.entries()) {
        try {
          ids.push(await this.createOne(tx, model, input, `inputs.${index}`));
        } catch (error) {
          // A database refusal (a duplicate code) names the row it came from, as a rule's refusal does.
          if (error instanceof AppError || error instanceof OptimisticLockError) throw error;
          return mapDatabaseError(model, error, `inputs.${index}`);
        }
      }
      return ids;
    });
  }

  /**
   * An import's rows, each written exactly as a single create would be (validation, rules, references, reach,
   * uniqueness), in one transaction, chunk by chunk as `chunks` yields them (the import reads the next chunk
   * only once this one is written, so a file of any length is never held whole). A chunk is written together
   * (one flush: the ORM's multi-row inserts, one audit append per statement); a chunk with a refused row is
   * rolled back to its savepoint and written again row by row, so that each refusal is found, named
   * (`refused`, its fields as `input.<key>`) and the other rows still go in. Models whose rules read other
   * records go row by row from the start; an upsert's chunk is sorted first (sortUpserts). The transaction commits only if `keep(outcome)`
   * says so once every chunk is written (all-or-nothing only without a refusal); a `dryRun` never does, and
   * meanwhile takes none of the locks that would make other writers wait for it.
   */
  async importRows(
    model: ModelMeta,
    chunks: AsyncIterable<ImportRow[]>,
    options: { upsert: boolean; dryRun: boolean; refused: (row: number, error: AppError) => void; keep: (outcome: ImportOutcome) => boolean },
  ): Promise<ImportOutcome> {
    const outcome: ImportOutcome = { created: 0, updated: 0, unchanged: 0, refused: 0, committed: false };
    const refuse = (row: number, error: unknown) => {
      outcome.refused++;
      options.refused(row, refusalOf(model, error));
    };
    const together = !rulesOf(model)?.readsRecords;
    try {
      await this.run(
        model,
        'input',
        async (tx) => {
          // A dry run holds no other writer (the audit chain's head, the row counts) and can never commit (server/db/dry-run.ts).
          if (options.dryRun) await tx.execute(`select set_config('${dryRunSetting}', 'on', true)`);
          /** Rows created together in one savepoint; false (nothing of them kept) when any is refused. */
          const createTogether = async (rows: ImportRow[]): Promise<boolean> => {
            if (rows.length < 2) return false;
            await tx.execute('savepoint crc_import_chunk');
            try {
              await this.createChunk(
                tx.fork({ clear: true, keepTransactionContext: true }),
                model,
                rows.map((item) => item.input),
              );
              outcome.created += rows.length;
              await tx.execute('release savepoint crc_import_chunk');
              return true;
            } catch {
              await tx.execute('rollback to savepoint crc_import_chunk');
              return false;
            }
          };
          /** Rows written one by one, each in its savepoint, so that each refusal is named and the others go in. */
          const writeEach = async (rows: ImportRow[]) => {
            for (const { row, input } of rows) {
              try {
                // A savepoint per row, written through a fork of its own that shares the transaction and is dropped
                // after the row: the rows before it are neither copied into it, flushed again nor kept in memory
                // (a nested ORM transaction did all three: 48 ms a row at 5,000 rows).
                await tx.execute('savepoint crc_import_row');
                const fork = tx.fork({ clear: true, keepTransactionContext: true });
                const existing = options.upsert ? await this.findByNaturalKey(fork, model, input) : undefined;
                if (!existing) {
                  await this.createOne(fork, model, input, 'input');
                  outcome.created++;
                } else if (await this.updateImported(fork, model, existing, input)) outcome.updated++;
                else outcome.unchanged++;
                await tx.execute('release savepoint crc_import_row');
              } catch (error) {
                await tx.execute('rollback to savepoint crc_import_row');
                refuse(row, error);
              }
            }
          };
          for await (const chunk of chunks) {
            if (!together) {
              await writeEach(chunk);
              continue;
            }
            // An upsert's chunk: the records its rows name looked up at once; a row holding what its record holds
            // is counted unchanged without a write, new rows are created together, changed ones go one by one.
            const { fresh, changed } = options.upsert ? await this.sortUpserts(tx.fork({ clear: true, keepTransactionContext: true }), model, chunk, outcome) : { fresh: chunk, changed: [] };
            if (!(await createTogether(fresh))) changed.push(...fresh);
            await writeEach(changed.sort((a, b) => a.row - b.row));
          }
          if (!options.keep(outcome)) throw new RolledBack();
        },
        'IMPORT',
      );
      outcome.committed = true;
    } catch (error) {
      if (!(error instanceof RolledBack)) throw error;
    }
    // A large import leaves the table's statistics far behind it: brought up to date at once (migration
    // …_analyze_after_import), so that the reads right after it (an export, a list) are planned for its size.
    if (outcome.committed && outcome.created + outcome.updated >= analyzeAfterRows) {
      // Only an optimisation (autovacuum catches up within minutes): a failure here is not the import's.
      await this.em
        .fork()
        .getConnection()
        .execute('select crc_analyze(?)', [model.table])
        .catch(() => undefined);
    }
    return outcome;
  }

  /** What the server sets on a new record: a clerk's region when they give none, an owner for what is one's own. */
  private prepareCreate(model: ModelMeta, values: Values): Values {
    // A clerk's new record belongs to their own region unless they say otherwise (a direct reference to a region only).
    const region = regionField(model);
    const direct = region && model.regionPaths[0] === region.name && targetOf(region).regionPaths.includes('');
    if (direct && values[region.name] == null && this.access.writesBounded(model) && this.access.actor.regionId) values[region.name] = this.access.actor.regionId;
    // What a user saves for themselves is theirs.
    if (model.access === 'owned') values.owner = this.access.actor.id;
    return values;
  }

  /**
   * Rows created together, each validated and ruled as `createOne` does it, their references checked with one
   * statement per reference field, written in one flush and their reach checked in one statement. Throws on
   * the first refusal (the caller then goes row by row to name it).
   */
  private async createChunk(tx: EntityManager, model: ModelMeta, inputs: Record<string, unknown>[]): Promise<string[]> {
    const prepared = inputs.map((input) => this.prepareCreate(model, validateInput(model, input, 'create', 'input')));
    await this.checkReferences(tx, model, prepared, 'input');
    for (const values of prepared) await this.applyRules(model, values, { em: tx, model, before: undefined, changes: values }, 'input');
    const entities = prepared.map((values) => tx.create<Entity>(model.target as never, this.toReferences(tx, model, this.changes(model, undefined, values)) as never));
    await tx.flush();
    const ids = entities.map((entity) => String(entity.id));
    await this.checkReach(tx, model, ids, boundPath(model, 'input'));
    return ids;
  }

  /**
   * The live record an imported row names by the model's natural key (its first unique text field the row
   * gives: a region's code, a person's ID number), within what the user may read — one outside it is not
   * found, and the row's create then meets the uniqueness rule as a single create would.
   */
  private async findByNaturalKey(tx: EntityManager, model: ModelMeta, input: Record<string, unknown>): Promise<VersionedId | undefined> {
    const key = naturalKeys(model).find((field) => typeof input[field.name] === 'string' && input[field.name] !== '');
    if (!key) return undefined;
    const [found] = await rowsOf<{ id: string; version: number }>(
      tx,
      sql`select t."id"::text as id, t."version" as version from ${ident(model.table)} t
        where ${and([sql`${ident('t', key.column!)} = ${String(input[key.name])}`, raw('t."deleted_at" is null'), this.access.readScope(model, 't')])}`,
    );
    return found;
  }

  /**
   * An upsert chunk's rows sorted by what they need: those naming no live record (`fresh`, to create), those
   * holding exactly what their record holds (counted unchanged here, nothing written), and the rest (`changed`:
   * an update, or a refusal to name, one by one). One statement per natural key for the lookups, one for the
   * records' current values.
   */
  private async sortUpserts(tx: EntityManager, model: ModelMeta, rows: ImportRow[], outcome: ImportOutcome): Promise<{ fresh: ImportRow[]; changed: ImportRow[] }> {
    const keyOf = (input: Record<string, unknown>) => naturalKeys(model).find((field) => typeof input[field.name] === 'string' && input[field.name] !== '');
    const found = new Map<ImportRow, string>();
    for (const key of naturalKeys(model)) {
      const named = rows.filter((item) => keyOf(item.input) === key);
      if (named.length === 0) continue;
      const records = await rowsOf<{ id: string; value: string }>(
        tx,
        sql`select t."id"::text as id, ${ident('t', key.column!)}::text as value from ${ident(model.table)} t
          where ${and([sql`${ident('t', key.column!)} = any(array(select jsonb_array_elements_text(${JSON.stringify(named.map((item) => String(item.input[key.name])))}::jsonb)))`, raw('t."deleted_at" is null'), this.access.readScope(model, 't')])}`,
      );
      const byValue = new Map(records.map((record) => [record.value, record.id]));
      for (const item of named) {
        const id = byValue.get(String(item.input[key.name]));
        if (id) found.set(item, id);
      }
    }
    const current = new Map<string, Values>();
    if (found.size > 0) {
      const entities = (await tx.find(model.target as never, { id: { $in: [...new Set(found.values())] } })) as Entity[];
      for (const entity of entities) current.set(String(entity.id), valuesOf(model, entity));
    }
    const fresh: ImportRow[] = [];
    const changed: ImportRow[] = [];
    for (const item of rows) {
      const id = found.get(item);
      if (!id) {
        fresh.push(item);
        continue;
      }
      let values: Values;
      try {
        values = validateInput(model, item.input, 'update', 'input');
      } catch {
        changed.push(item);
        continue;
      }
      if (current.has(id) && holdsAlready(model, current.get(id)!, values)) outcome.unchanged++;
      else changed.push(item);
    }
    return { fresh, changed };
  }

  /** Brings a record up to an imported row, as an update would; false when the row holds what the record holds already. */
  private async updateImported(tx: EntityManager, model: ModelMeta, item: VersionedId, input: Record<string, unknown>): Promise<boolean> {
    const values = validateInput(model, input, 'update', 'input');
    const current = valuesOf(model, (await tx.findOne(model.target as never, { id: item.id })) as Entity);
    if (holdsAlready(model, current, values)) return false;
    await this.updateOne(tx, model, item, values, 'input');
    await tx.flush();
    await this.checkReach(tx, model, [item.id], boundPath(model, 'input'));
    return true;
  }

  private async createOne(tx: EntityManager, model: ModelMeta, input: Record<string, unknown>, prefix: string, after?: (tx: EntityManager, id: string) => Promise<void>): Promise<string> {
    const values = this.prepareCreate(model, validateInput(model, input, 'create', prefix));
    await this.checkReferences(tx, model, [values], prefix);
    await this.applyRules(model, values, { em: tx, model, before: undefined, changes: values }, prefix);
    const entity = tx.create<Entity>(model.target as never, this.toReferences(tx, model, this.changes(model, undefined, values)) as never);
    await tx.flush();
    await this.checkReach(tx, model, [entity.id], boundPath(model, prefix));
    await after?.(tx, entity.id);
    return entity.id;
  }

  /**
   * The record a write names, checked in the order that says nothing of what the user may not read: first
   * whether it exists within their read reach (one statement, so a record outside it answers exactly as a
   * missing one, before any version or uniqueness is looked at), then their write reach, then the version.
   */
  private async load(tx: EntityManager, model: ModelMeta, item: VersionedId, prefix: string, options: { deleted: boolean }): Promise<Entity> {
    const [found] = await rowsOf<{ deleted: boolean; writable: boolean }>(
      tx,
      sql`select t."deleted_at" is not null as deleted, ${this.access.writeScope(model, 't')} as writable
        from ${ident(model.table)} t where ${and([sql`t."id" = ${item.id}`, this.access.readScope(model, 't')])}`,
    );
    if (!found || (found.deleted && !options.deleted)) throw notFound(model, item.id, prefix);
    if (!found.writable) throw this.writeRefusal(model, prefix);
    if (!found.deleted && options.deleted) {
      const { zh, en } = label(model);
      throw new AppError('BAD_USER_INPUT', { zh: `${zh}（编号 ${item.id}）未被删除，无需恢复`, en: `${en} ${item.id} is not deleted` }, { field: prefix });
    }
    // The version is compared on the entity the write will flush (read after any write that committed
    // meanwhile), so two writers holding one version cannot both pass.
    const entity = await tx.findOne<Entity>(model.target as never, { id: item.id });
    if (!entity) throw notFound(model, item.id, prefix);
    if (entity.version !== item.version) throw conflict(model, item.id, entity.version, prefix);
    return entity;
  }

  private async updateOne(tx: EntityManager, model: ModelMeta, item: VersionedId, values: Values, prefix: string): Promise<void> {
    const entity = await this.load(tx, model, item, prefix, { deleted: false });
    const before = valuesOf(model, entity);
    const after = { ...before, ...values };
    // Links the update keeps as they were are not the user's choice now (a membership of one's own group may
    // name a deputy of another county): only new ones are checked.
    await this.checkReferences(tx, model, [this.changes(model, before, after)], 'input');
    await this.applyRules(model, after, { em: tx, model, before, changes: values }, 'input');
    tx.assign(entity as never, this.toReferences(tx, model, this.changes(model, before, after)) as never);
    // An update that changes nothing still takes a new version, so a stale client cannot follow it unnoticed.
    entity.updatedAt = new Date();
  }

  /**
   * `after` runs in the same transaction once the record is written (a new password hash); `operation`
   * names the update in the audit trail (a revert to an earlier version).
   */
  async update(model: ModelMeta, item: VersionedId, input: Record<string, unknown>, options: { after?: (tx: EntityManager) => Promise<void>; operation?: 'REVERT' } = {}): Promise<void> {
    const values = validateInput(model, input, 'update');
    await this.run(
      model,
      'input',
      async (tx) => {
        await this.updateOne(tx, model, item, values, 'id');
        await tx.flush();
        await this.checkReach(tx, model, [item.id], boundPath(model, 'input'));
        await options.after?.(tx);
      },
      options.operation,
    );
  }

  async updateMany(model: ModelMeta, items: VersionedId[], input: Record<string, unknown>): Promise<void> {
    const values = validateInput(model, input, 'update');
    await this.run(model, 'input', async (tx) => {
      for (const [index, item] of items.entries()) await this.updateOne(tx, model, item, values, `items.${index}`);
      await tx.flush();
      await this.checkReach(
        tx,
        model,
        items.map((item) => item.id),
        boundPath(model, 'input'),
      );
    });
  }

  /**
   * Soft-deletes the records, and applies what their dependents declare (server/api/deletion.ts): refused
   * while a live record may not lose them, else cascades and clears in the same transaction. One instant
   * for the whole call marks what it cascaded, for the restore.
   */
  async delete(model: ModelMeta, items: VersionedId[], reason: string | null | undefined): Promise<void> {
    const deletedReason = checkReason(model, reason);
    const at = new Date();
    await this.run(model, 'items', async (tx) => {
      for (const [index, item] of items.entries()) {
        const path = items.length > 1 ? `items.${index}` : 'id';
        const entity = await this.load(tx, model, item, path, { deleted: false });
        tx.assign(entity as never, { deletedAt: at, deletedReason } as never);
      }
      await tx.flush();
      await applyDeleteRules(
        statementsOn(tx),
        servedModels(tx),
        model,
        items.map((item) => item.id),
        at,
        deletedReason,
        items.length > 1 ? 'items' : 'id',
      );
    });
  }

  /** Restores the record and what its delete cascaded to; refused while a record it points to is deleted. */
  async restore(model: ModelMeta, item: VersionedId): Promise<void> {
    // No input here: a refusal names the record's own field (`idNumber`), not an input path.
    await this.run(model, '', async (tx) => {
      const entity = await this.load(tx, model, item, 'id', { deleted: true });
      const deletedAt = entity.deletedAt!;
      await checkParentsLive(statementsOn(tx), model, item.id, 'id');
      const before = valuesOf(model, entity);
      // A restored record must still satisfy the rules (e.g. one active membership per group).
      await this.applyRules(model, before, { em: tx, model, before: undefined, changes: {} }, '');
      tx.assign(entity as never, { deletedAt: null, deletedReason: null } as never);
      await tx.flush();
      await restoreCascaded(statementsOn(tx), servedModels(tx), model, [item.id], deletedAt);
    });
  }
}
