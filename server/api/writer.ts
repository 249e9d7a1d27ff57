/**
 * Every write of the generated API: validation, business rules, the version check and the flush, in one
 * transaction per mutation (bulk mutations: all items in one). Nothing is written when anything fails.
 */
import { OptimisticLockError, type EntityManager } from '@mikro-orm/postgresql';
import type { FieldMeta, ModelMeta } from '../../schema/model/registry.js';
import { AppError } from '../graphql/errors.js';
import { rulesOf } from '../rules/index.js';
import type { RuleContext, Values } from '../rules/rule.js';
import { checkRanges, checkReason, fieldError, validateInput } from './input.validation.js';
import { referenceKey, references, storedFields, targetOf } from './models.js';

type Entity = Record<string, unknown> & { id: string; version: number; deletedAt?: Date | null };
export type VersionedId = { id: string; version: number };

const label = (model: ModelMeta) => ({ zh: model.labelZh, en: model.labelEn });

function notFound(model: ModelMeta, id: string, path?: string): AppError {
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
    const value = entity[field.name] as { id?: string } | unknown;
    values[field.name] = field.kind === 'reference' ? ((value as { id?: string } | null | undefined)?.id ?? null) : value;
  }
  return values;
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

export class Writer {
  /** `afterCommit` runs once a write has committed (the server refreshes the metric facts then). */
  constructor(
    private readonly em: EntityManager,
    private readonly afterCommit: () => void = () => undefined,
  ) {}

  private async run<T>(model: ModelMeta, prefix: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    try {
      const result = await this.em.fork().transactional(work);
      this.afterCommit();
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

  /** Checks every referenced record exists and is not deleted, then turns ids into ORM references. */
  private async resolveReferences(tx: EntityManager, model: ModelMeta, values: Values, prefix: string): Promise<Values> {
    const resolved: Values = { ...values };
    for (const field of references(model)) {
      const id = values[field.name];
      if (id === undefined || id === null) continue;
      const target = targetOf(field);
      const found = await tx.findOne(target.target as never, { id, deletedAt: null } as never, { fields: ['id'] as never });
      if (!found) throw notFound(target, String(id), `${prefix}.${referenceKey(field)}`);
      resolved[field.name] = tx.getReference(target.target as never, id as never);
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

  async create(model: ModelMeta, input: Record<string, unknown>): Promise<string> {
    const values = validateInput(model, input, 'create');
    return this.run(model, 'input', async (tx) => {
      await this.applyRules(model, values, { em: tx, model, before: undefined, changes: values }, 'input');
      const entity = tx.create(model.target as never, (await this.resolveReferences(tx, model, this.changes(model, undefined, values), 'input')) as never) as Entity;
      await tx.flush();
      return entity.id;
    });
  }

  private async load(tx: EntityManager, model: ModelMeta, item: VersionedId, prefix: string, options: { deleted: boolean }): Promise<Entity> {
    const entity = (await tx.findOne(model.target as never, { id: item.id } as never)) as Entity | null;
    if (!entity || Boolean(entity.deletedAt) !== options.deleted) {
      if (entity && options.deleted) {
        const { zh, en } = label(model);
        throw new AppError('BAD_USER_INPUT', { zh: `${zh}（编号 ${item.id}）未被删除，无需恢复`, en: `${en} ${item.id} is not deleted` }, { field: prefix });
      }
      throw notFound(model, item.id, prefix);
    }
    if (entity.version !== item.version) throw conflict(model, item.id, entity.version, prefix);
    return entity;
  }

  private async updateOne(tx: EntityManager, model: ModelMeta, item: VersionedId, values: Values, prefix: string): Promise<void> {
    const entity = await this.load(tx, model, item, prefix, { deleted: false });
    const before = valuesOf(model, entity);
    const after = { ...before, ...values };
    await this.applyRules(model, after, { em: tx, model, before, changes: values }, 'input');
    tx.assign(entity as never, (await this.resolveReferences(tx, model, this.changes(model, before, after), 'input')) as never);
    // An update that changes nothing still takes a new version, so a stale client cannot follow it unnoticed.
    entity.updatedAt = new Date();
  }

  async update(model: ModelMeta, item: VersionedId, input: Record<string, unknown>): Promise<void> {
    const values = validateInput(model, input, 'update');
    await this.run(model, 'input', async (tx) => {
      await this.updateOne(tx, model, item, values, 'id');
      await tx.flush();
    });
  }

  async updateMany(model: ModelMeta, items: VersionedId[], input: Record<string, unknown>): Promise<void> {
    const values = validateInput(model, input, 'update');
    await this.run(model, 'input', async (tx) => {
      for (const [index, item] of items.entries()) await this.updateOne(tx, model, item, values, `items.${index}`);
      await tx.flush();
    });
  }

  async delete(model: ModelMeta, items: VersionedId[], reason: string | null | undefined): Promise<void> {
    const deletedReason = checkReason(model, reason);
    await this.run(model, 'items', async (tx) => {
      for (const [index, item] of items.entries()) {
        const entity = await this.load(tx, model, item, items.length > 1 ? `items.${index}` : 'id', { deleted: false });
        tx.assign(entity as never, { deletedAt: new Date(), deletedReason } as never);
      }
      await tx.flush();
    });
  }

  async restore(model: ModelMeta, item: VersionedId): Promise<void> {
    // No input here: a refusal names the record's own field (`idNumber`), not an input path.
    await this.run(model, '', async (tx) => {
      const entity = await this.load(tx, model, item, 'id', { deleted: true });
      const before = valuesOf(model, entity);
      // A restored record must still satisfy the rules (e.g. one active membership per group).
      await this.applyRules(model, before, { em: tx, model, before: undefined, changes: {} }, '');
      tx.assign(entity as never, { deletedAt: null, deletedReason: null } as never);
      await tx.flush();
    });
  }
}
