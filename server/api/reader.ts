/**
 * Reads for one request: top-level pages, references by id, to-many pages and counts. References and
 * to-many relations are batched per nesting level by DataLoaders whose keys include the arguments, so a
 * nested list costs one statement per level (plus one GROUP BY per level for counts), whatever its size.
 */
import DataLoader from 'dataloader';
import type { FieldMeta, ModelMeta } from '../../schema/model/registry.js';
import type { Access } from '../access/access.js';
import type { ReadPool } from '../db/read-pool.js';
import { AppError } from '../graphql/errors.js';
import { ident, join, raw, sql, type Sql } from '../sql/sql.js';
import { whereSql, type FilterInput } from './filter.builder.js';
import { backReference, column, referenceKey, selectColumns, storedFields, targetOf, withFreshAliases } from './models.js';
import { orderSql, type OrderInput } from './order.builder.js';
import { listStatement, recordStatement } from './json-select.builder.js';
import { planList, planModel, selectionOf, type ListPlan, type ModelPlan } from './query-plan.js';
import { readsPersonal, recordPersonalReads } from '../audit/personal-reads.js';
import type { GraphQLResolveInfo } from 'graphql';

export type Row = Record<string, unknown> & { id: string };

export type ListArgs = {
  where?: FilterInput | null;
  orderBy?: OrderInput[] | null;
  offset?: number | null;
  limit?: number | null;
  withDeleted?: boolean | null;
};

/** What a `…List` field resolves to: nodes and totalCount are fetched only if the query asks for them. */
export type Page = { nodes: () => Promise<Row[]>; totalCount: () => Promise<number> };

export const maxLimit = 1000;

export function paging(args: ListArgs): { offset: number; limit: number } {
  const offset = args.offset ?? 0;
  const limit = args.limit ?? 25;
  if (!Number.isInteger(limit) || limit < 0 || limit > maxLimit) {
    throw new AppError('BAD_USER_INPUT', { zh: `每页条数须在 0 到 ${maxLimit} 之间`, en: `limit must be between 0 and ${maxLimit}` }, { field: 'limit' });
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new AppError('BAD_USER_INPUT', { zh: '起始位置不能为负数', en: 'offset must not be negative' }, { field: 'offset' });
  }
  return { offset, limit };
}

export function visible(alias: string, args: Pick<ListArgs, 'withDeleted'>): Sql {
  return args.withDeleted ? raw('true') : raw(`${alias}."deleted_at" is null`);
}

/** Stable key of a relation's arguments (type-graphql hands them over as class instances). */
function argsKey(args: ListArgs): string {
  return JSON.stringify([args.where ?? null, args.orderBy ?? null, args.offset ?? 0, args.limit ?? 25, Boolean(args.withDeleted)]);
}

export class Reader {
  /** A top-level page compiled with everything the query selects below it: one statement. */
  async compiledList(model: ModelMeta, args: ListArgs, info: GraphQLResolveInfo): Promise<unknown> {
    const plan = planList(info, undefined, model, args, selectionOf(info), this.access);
    const [row] = await this.pool.rows<{ result: unknown }>(withFreshAliases(() => listStatement(plan)));
    await this.recordPersonal(plan, row.result);
    return row.result;
  }

  /** A record, compiled with everything the query selects below it; null when absent. */
  async compiledOne(model: ModelMeta, id: string, withDeleted: boolean, info: GraphQLResolveInfo): Promise<unknown> {
    const plan = planModel(info, model, selectionOf(info), this.access);
    const [row] = await this.pool.rows<{ result: unknown }>(withFreshAliases(() => recordStatement(plan, id, { withDeleted })));
    await this.recordPersonal(plan, row?.result ?? null);
    return row?.result ?? null;
  }

  /** Unmasked personal identifiers that left the server are recorded in the audit trail. */
  private async recordPersonal(plan: ModelPlan | ListPlan, answer: unknown): Promise<void> {
    if (this.access.masks || !readsPersonal(plan)) return;
    await recordPersonalReads(this.pool, this.access.actor, this.requestId, plan, answer);
  }

  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  constructor(
    private readonly pool: ReadPool,
    private readonly access: Access,
    private readonly requestId = 'none',
  ) {}

  /** Every stored column under its API name, personal identifiers masked where the user's role requires. */
  private columns(model: ModelMeta, alias: string): Sql {
    if (!this.access.masks || !model.fields.some((field) => field.personal)) return selectColumns(model, alias);
    return join(
      storedFields(model).map((field) => sql`${this.access.column(alias, field)} as ${ident(field.kind === 'reference' ? referenceKey(field) : field.name)}`),
      ', ',
    );
  }

  /** The user's bound on `model`'s rows under `alias`, joined to `condition`. */
  private readable(model: ModelMeta, alias: string, condition: Sql): Sql {
    return join([condition, this.access.readScope(model, alias)], ' and ');
  }

  private loader<V>(key: string, batch: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
    let loader = this.loaders.get(key) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(batch, { maxBatchSize: 5000 });
      this.loaders.set(key, loader as DataLoader<string, unknown>);
    }
    return loader;
  }

  /** One record by id (null when absent, or deleted unless `withDeleted`). */
  byId(model: ModelMeta, id: string, withDeleted = false): Promise<Row | null> {
    return this.loader<Row | null>(`id:${model.name}:${withDeleted}`, async (ids) => {
      const rows = await this.pool.rows<Row>(
        sql`select ${this.columns(model, 't')} from ${ident(model.table)} t where ${this.readable(model, 't', sql`t."id" = any(${ids}::bigint[]) and ${visible('t', { withDeleted })}`)}`,
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((key) => byId.get(key) ?? null);
    }).load(id);
  }

  /** A record as just written: forgets what this request read of it before, then reads it again. */
  reload(model: ModelMeta, id: string): Promise<Row | null> {
    for (const withDeleted of [false, true]) this.loaders.get(`id:${model.name}:${withDeleted}`)?.clear(id);
    return this.byId(model, id, true);
  }

  /** The record a reference points to; a deleted target reads as null, like an absent one. */
  reference(field: FieldMeta, id: string | null | undefined): Promise<Row | null> | null {
    return id == null ? null : this.byId(targetOf(field), id);
  }

  /** A page of the join rows of a to-many relation, for one parent; batched over all parents of a level. */
  relation(list: FieldMeta, parentId: string, args: ListArgs): Page {
    const { child, field } = backReference(list);
    const { offset, limit } = paging(args);
    const key = argsKey(args);
    this.access.checkFilter(child, args.where, `${list.name}.where`, 'records');
    const where = (alias: string) => this.readable(child, alias, sql`${visible(alias, args)} and ${whereSql(child, alias, args.where)}`);
    const nodes = this.loader<Row[]>(`rel:${child.name}.${field.name}:${key}`, async (parents) => {
      const rows = await this.pool.rows<Row & { __parent: string }>(sql`
        select p.parent as "__parent", c.* from unnest(${parents}::bigint[]) as p(parent)
        cross join lateral (
          select ${this.columns(child, 't')} from ${ident(child.table)} t
          where ${column('t', field)} = p.parent and ${where('t')}
          order by ${orderSql(child, 't', args.orderBy)} limit ${limit} offset ${offset}
        ) c`);
      const grouped = new Map<string, Row[]>(parents.map((parent) => [parent, []]));
      for (const row of rows) {
        const { __parent, ...rest } = row;
        grouped.get(__parent)!.push(rest as Row);
      }
      return parents.map((parent) => grouped.get(parent)!);
    });
    const counts = this.loader<number>(`count:${child.name}.${field.name}:${key}`, async (parents) => {
      const rows = await this.pool.rows<{ parent: string; count: number }>(sql`
        select ${column('t', field)} as parent, count(*)::int as count from ${ident(child.table)} t
        where ${column('t', field)} = any(${parents}::bigint[]) and ${where('t')} group by 1`);
      const byParent = new Map(rows.map((row) => [row.parent, row.count]));
      return parents.map((parent) => byParent.get(parent) ?? 0);
    });
    return { nodes: () => nodes.load(parentId), totalCount: () => counts.load(parentId) };
  }
}
