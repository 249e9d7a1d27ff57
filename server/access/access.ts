/**
 * One request's access: the policy (policy.ts) applied to the signed-in user, in the forms the builders
 * need — conditions for the one SQL builder (TRAPS.md: scoping and masking live there, not in ORM
 * filters), masked columns, and refusals with a clear, localized FORBIDDEN.
 */
import type { FieldMeta, ModelMeta } from '../../schema/model/registry.js';
import { UserRole } from '../../schema/shared/enums.js';
import type { Operation } from '../../schema/shared/field-kinds.js';
import { AppError } from '../graphql/errors.js';
import { column, targetOf } from '../api/models.js';
import { raw, sql, type Sql } from '../sql/sql.js';
import type { Actor } from './actor.js';
import { maskedSql } from './masking.js';
import { isSuperAdmin, masksPersonal, mayPerform, readBound, writeBound } from './policy.js';
import { inRegionSql } from './region-scope.js';

const operationLabels: Record<Operation, { zh: string; en: string }> = {
  list: { zh: '查看列表', en: 'list' },
  read: { zh: '查看', en: 'read' },
  aggregate: { zh: '汇总', en: 'aggregate' },
  create: { zh: '新建', en: 'create' },
  update: { zh: '修改', en: 'update' },
  delete: { zh: '删除', en: 'delete' },
  restore: { zh: '恢复', en: 'restore' },
};

type FilterValue = Record<string, unknown> | null | undefined;

export class Access {
  constructor(readonly actor: Actor) {}

  /** Refuses an operation the role may never perform on the model. */
  require(model: ModelMeta, operation: Operation): void {
    if (mayPerform(this.actor, model, operation)) return;
    const role = UserRole.options.find((option) => option.value === this.actor.role)!;
    const what = operationLabels[operation];
    throw new AppError('FORBIDDEN', {
      zh: `您的角色（${role.labelZh}）不能${what.zh}${model.labelZh}`,
      en: `Your role (${role.labelEn}) may not ${what.en} ${model.labelEn.toLowerCase()} records`,
    });
  }

  /** Whether the user reads every record of the model (no per-record condition). */
  readsAll(model: ModelMeta): boolean {
    return this.readScope(model, 't').isEmpty;
  }

  /** The owner column of an `owned` model (its `owner` reference). */
  private owner(model: ModelMeta, alias: string): Sql {
    const field = model.fields.find((candidate) => candidate.name === 'owner' && candidate.kind === 'reference');
    if (!field) throw new Error(`${model.name} is owned but has no owner reference`);
    return column(alias, field);
  }

  private mayRead(model: ModelMeta): boolean {
    return mayPerform(this.actor, model, 'list') || mayPerform(this.actor, model, 'read');
  }

  /** The condition on rows of `model` under `alias` that the user may read one by one. */
  readScope(model: ModelMeta, alias: string): Sql {
    if (!this.mayRead(model)) return raw('false');
    if (model.access === 'owned') {
      if (isSuperAdmin(this.actor)) return raw('');
      const owner = this.owner(model, alias);
      return sql`(${owner} = ${this.actor.id} or ${owner} is null or ${raw(alias)}."shared")`;
    }
    const code = readBound(this.actor, model);
    return code === null ? raw('') : inRegionSql(model, alias, code);
  }

  /** The condition a row of `model` must meet, before and after a write, for the user to write it. */
  writeScope(model: ModelMeta, alias: string): Sql {
    if (model.access === 'owned') return isSuperAdmin(this.actor) ? raw('true') : sql`${this.owner(model, alias)} = ${this.actor.id}`;
    const code = writeBound(this.actor, model);
    return code === null ? raw('true') : inRegionSql(model, alias, code);
  }

  /** Whether the user's writes are bounded (to a region, or to what they own). */
  writesBounded(model: ModelMeta): boolean {
    if (model.access === 'owned') return !isSuperAdmin(this.actor);
    return writeBound(this.actor, model) !== null;
  }

  /** A stored field as the user may read it: personal identifiers masked where the role requires. */
  column(alias: string, field: FieldMeta): Sql {
    const value = column(alias, field);
    return field.personal && masksPersonal(this.actor) ? maskedSql(field, value) : value;
  }

  /** Whether personal identifiers come out masked for this user. */
  get masks(): boolean {
    return masksPersonal(this.actor);
  }

  /**
   * A filter through a relation: on records the user may not read at all (a dashboard's owner for a
   * non-administrator) only by id, so the filter cannot reveal what the record holds.
   */
  private checkNested(field: FieldMeta, filter: FilterValue, path: string, purpose: 'records' | 'statistics', depth: number): void {
    const target = targetOf(field);
    if (filter && !this.mayRead(target)) {
      const probed = Object.entries(filter).find(([key, value]) => key !== 'id' && value !== undefined && value !== null);
      if (probed) {
        throw new AppError(
          'FORBIDDEN',
          { zh: `不能按${field.labelZh}的${probed[0]}筛选：您无权查看${target.labelZh}`, en: `You may not filter by the ${field.labelEn.toLowerCase()}'s ${probed[0]}: you may not read ${target.labelEn.toLowerCase()} records` },
          { field: `${path}.${probed[0]}` },
        );
      }
    }
    this.checkFilter(target, filter, path, purpose, depth + 1);
  }

  /**
   * Refuses a filter on a personal identifier where the user would read it masked, or in statistics that
   * span regions — either would let the filter reveal what the mask hides.
   */
  checkFilter(model: ModelMeta, filter: FilterValue, path: string, purpose: 'records' | 'statistics', depth = 0): void {
    if (!filter || depth > 8) return;
    const refuse = this.masks || (purpose === 'statistics' && !isSuperAdmin(this.actor));
    for (const [key, value] of Object.entries(filter)) {
      if (value === undefined || value === null) continue;
      const here = `${path}.${key}`;
      if (key === 'AND' || key === 'OR') (value as FilterValue[]).forEach((item, index) => this.checkFilter(model, item, `${here}.${index}`, purpose, depth + 1));
      else if (key === 'NOT') this.checkFilter(model, value as FilterValue, here, purpose, depth + 1);
      else {
        const field = model.fields.find((candidate) => candidate.name === key);
        if (!field) continue;
        if (field.personal && refuse) {
          throw new AppError(
            'FORBIDDEN',
            { zh: `不能按${field.labelZh}筛选：您看到的是脱敏后的值`, en: `You may not filter by ${field.labelEn.toLowerCase()}: you see it masked` },
            { field: here },
          );
        }
        if (field.kind === 'reference') this.checkNested(field, value as FilterValue, here, purpose, depth);
        if (field.kind === 'referenceList') {
          const { some, none } = value as { some?: FilterValue; none?: FilterValue };
          this.checkNested(field, some, `${here}.some`, purpose, depth);
          this.checkNested(field, none, `${here}.none`, purpose, depth);
        }
      }
    }
  }
}
