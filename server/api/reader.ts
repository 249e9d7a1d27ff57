/** Reads for one request: the compiled reads of records (Reader), the read side's one entry (plan → SQL → rows). */
import type { ModelMeta } from '../../schema/model/registry.js';
import type { Access } from '../access/access.js';
import type { Rows } from '../db/read-pool.js';
import type { ListArgs } from './page-args.js';
import { listStatement, recordsStatement, recordStatement } from './json-select.builder.js';
import { planList, planModel, selectionOf, type ListPlan, type ModelPlan } from './query-plan.js';
import { readsPersonal, recordPersonalReads } from '../audit/personal-reads.js';
import type { GraphQLResolveInfo } from 'graphql';

/**
 * Every read of records, compiled: a top-level page, one record, or records just written (a mutation's
 * answer), each with everything the query selects below it in ONE statement — so masking, scopes and the
 * recording of unmasked personal reads apply the same way on every path that answers with records.
 */
export class Reader {
  constructor(
    private readonly pool: Rows,
    private readonly access: Access,
    private readonly requestId = 'none',
  ) {}

  /** The same reads on another pool (an operation found heavy moves to the heavy pool). */
  on(pool: Rows): Reader {
    return new Reader(pool, this.access, this.requestId);
  }

  /** A top-level page compiled with everything the query selects below it: one statement. */
  async compiledList(model: ModelMeta, args: ListArgs, info: GraphQLResolveInfo): Promise<unknown> {
    const plan = planList(info, model, args, this.access);
    const [row] = await this.pool.rows<{ result: unknown }>(listStatement(plan));
    await this.recordPersonal(plan, row.result);
    return row.result;
  }

  /** A record, compiled with everything the query selects below it; null when absent or outside the user's reach. */
  async compiledOne(model: ModelMeta, id: string, withDeleted: boolean, info: GraphQLResolveInfo): Promise<unknown> {
    const plan = planModel(info, model, selectionOf(info), this.access);
    const [row] = await this.pool.rows<{ result: unknown }>(recordStatement(plan, id, { withDeleted }));
    await this.recordPersonal(plan, row?.result ?? null);
    return row?.result ?? null;
  }

  /** Records by id in the order given (a bulk mutation's answer), deleted ones included; absent ones left out. */
  async compiledMany(model: ModelMeta, ids: readonly string[], info: GraphQLResolveInfo): Promise<unknown[]> {
    const plan = planModel(info, model, selectionOf(info), this.access);
    const [row] = await this.pool.rows<{ result: unknown[] }>(recordsStatement(plan, ids));
    await this.recordPersonal(plan, row.result);
    return row.result;
  }

  /** Unmasked personal identifiers that leave the server are recorded in the audit trail (also for answers compiled elsewhere: comparisons' regions). */
  async recordPersonal(plan: ModelPlan | ListPlan, answer: unknown): Promise<void> {
    if (this.access.masks || !readsPersonal(plan)) return;
    await recordPersonalReads(this.pool, this.access.actor, this.requestId, plan, answer);
  }
}
