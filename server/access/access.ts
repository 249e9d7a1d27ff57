/**
 * One request's access: the policy table (policy.ts) applied to the signed-in user, in the forms the SQL
 * builders need — row conditions per reach, masked columns, the fields a filter, sort, group key or measure
 * may use, the cells statistics suppress — and refusals with a clear, localized FORBIDDEN. Every read path
 * (lists, records, nested relations, filters, sorts, aggregates, labels, exports, mutation answers) asks
 * here, so the rule lives in one place: what a user cannot read as a value, nothing may reveal.
 */
import type { FieldMeta, ModelMeta } from '../../schema/model/registry.js';
import { UserRole } from '../../schema/shared/enums.js';
import { groupableKinds, type Operation } from '../../schema/shared/field-kinds.js';
import { AppError, type Messages } from '../graphql/errors.js';
import { targetOf } from '../../schema/model/relations.js';
import { column } from '../api/model-sql.js';
import type { RowScope } from '../api/filter.builder.js';
import { and, raw, sql, type Sql } from '../sql/sql.js';
import type { Actor } from './actor.js';
import { maskedSql } from './masking.js';
import { capabilityReach, capabilityTable, isSuperAdmin, isWhole, masksPersonal, mayPerform, mayUse, regionalRoles, rightsOf, type Capability, type Reach } from './policy.js';
import { inRegionIdsSql, inRegionSql } from './region-scope.js';
import { ofOrganisationSql } from './organisation-scope.js';

const operationLabels: Record<Operation, { zh: string; en: string }> = {
  list: { zh: '查看列表', en: 'list' },
  read: { zh: '查看', en: 'read' },
  aggregate: { zh: '汇总', en: 'aggregate' },
  create: { zh: '新建', en: 'create' },
  update: { zh: '修改', en: 'update' },
  delete: { zh: '删除', en: 'delete' },
  restore: { zh: '恢复', en: 'restore' },
};

/** What a field is used for in a request: each use reveals the values it touches in its own way. */
export type FieldUse = 'filter' | 'sort' | 'group' | 'measure';
/** Reading records one by one, or statistics that span every region the user's statistics reach. */
export type Purpose = 'records' | 'statistics';

const useLabels: Record<FieldUse, { zh: string; en: string }> = {
  filter: { zh: '筛选', en: 'filter by' },
  sort: { zh: '排序', en: 'sort by' },
  group: { zh: '分组', en: 'group by' },
  measure: { zh: '计算最大、最小或平均值', en: 'take the minimum, maximum or mean of' },
};

type FilterValue = Record<string, unknown> | null | undefined;

export type AccessOptions = {
  /** Statistics over people publish no group smaller than this to those who may not read its rows (MIN_CELL_SIZE). */
  minCellSize: number;
  /** The most ids of a user's reach a page reads from, before it is read the other way (SEARCH_REACH_LIMIT; reach-drive.ts). */
  searchReachLimit: number;
};

/** The options of a request's Access when none are configured (server/config.ts has the same defaults). */
export const defaultAccessOptions: AccessOptions = { minCellSize: 5, searchReachLimit: 20_000 };

/** A field that can single out a record: anything but the dimensions statistics group by (enums, flags, numbers, dates, references). */
function identifying(field: FieldMeta | 'q'): boolean {
  return field === 'q' || field.name === 'id' || !groupableKinds.has(field.kind);
}

export class Access {
  constructor(
    readonly actor: Actor,
    readonly options: AccessOptions = defaultAccessOptions,
  ) {}

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

  /** Refuses what the capability table (policy.ts) does not grant the user: settings, the audit log, reverts, undoing imports. */
  requireCapability(capability: Capability): void {
    if (!mayUse(this.actor, capability)) throw new AppError('FORBIDDEN', capabilityTable[capability].refusal);
  }

  /** Whether the user's reach over a capability covers everything; if not, the resolver bounds it to the user's region. */
  coversWhole(capability: Capability): boolean {
    return isWhole(this.actor, capabilityReach(this.actor, capability));
  }

  /** The owner column of an `owned` model (its `owner` reference). */
  private owner(model: ModelMeta, alias: string): Sql {
    const field = model.fields.find((candidate) => candidate.name === 'owner' && candidate.kind === 'reference');
    if (!field) throw new Error(`${model.name} is owned but has no owner reference`);
    return column(alias, field);
  }

  /** A reach as a condition on rows of `model` under `alias`: empty when it covers everything. */
  private reachSql(model: ModelMeta, reach: Reach, alias: string, kind: 'read' | 'write'): Sql {
    if (reach === 'none') return raw('false');
    if (isWhole(this.actor, reach)) return raw('');
    if (reach === 'own') {
      const owner = this.owner(model, alias);
      return kind === 'read' ? sql`(${owner} = ${this.actor.id} or ${owner} is null or ${raw(alias)}."shared")` : sql`${owner} = ${this.actor.id}`;
    }
    if (reach === 'organisation') return this.actor.organisationId ? ofOrganisationSql(model, alias, this.actor.organisationId) : raw('false');
    return this.actor.regionCode === null ? raw('false') : inRegionSql(model, alias, this.actor.regionCode);
  }

  /** The condition on rows of `model` under `alias` that the user may read one by one (empty: all). */
  readScope(model: ModelMeta, alias: string): Sql {
    return this.reachSql(model, rightsOf(this.actor, model).read, alias, 'read');
  }

  /**
   * When the user reads `model` within a region only (a county's clerk), the ids of the rows there, read from the
   * region's side (region-scope.ts inRegionIdsSql; an id may come twice): what readScope lets through, deleted rows
   * included — a page reads up to `limit` of these and tests each (reach-drive.ts). Null when the user's reading is
   * bounded otherwise, or not at all.
   */
  readReachIds(model: ModelMeta): { ids: Sql; limit: number } | null {
    const reach = rightsOf(this.actor, model).read;
    if (reach !== 'region' || isWhole(this.actor, reach) || this.actor.regionCode === null || model.regionPaths.length === 0) return null;
    return { ids: inRegionIdsSql(model, this.actor.regionCode), limit: this.options.searchReachLimit };
  }

  /** The rows of `model` that statistics (aggregates) count for the user (empty: all). */
  statisticsScope(model: ModelMeta, alias: string): Sql {
    return this.reachSql(model, rightsOf(this.actor, model).statistics, alias, 'read');
  }

  /** The rows nested conditions (filters through relations, labels) may see for a purpose. */
  rowScope(purpose: Purpose): RowScope {
    return purpose === 'records' ? (model, alias) => this.readScope(model, alias) : (model, alias) => this.statisticsScope(model, alias);
  }

  /**
   * The condition a row of `model` must meet, before and after a write, for the user to write it. A scoped
   * administrator's users must also have a reach inside the subtree (administrators and clerks): only a
   * super administrator makes accounts that read every region.
   */
  writeScope(model: ModelMeta, alias: string): Sql {
    const scope = this.reachSql(model, rightsOf(this.actor, model).write, alias, 'write');
    const role = model.access === 'administration' && !isSuperAdmin(this.actor) ? model.fields.find((field) => field.name === 'role') : undefined;
    // One text parameter, not an array: writes run this on the ORM's connection, whose placeholders spread arrays.
    const roles = role ? sql`${column(alias, role)}::text = any(string_to_array(${regionalRoles.join(',')}, ','))` : raw('');
    return and([scope, roles]);
  }

  /** Whether the user reads every record of the model (no per-record condition). */
  readsAll(model: ModelMeta): boolean {
    return isWhole(this.actor, rightsOf(this.actor, model).read);
  }

  /** Whether the user's writes are bounded (to a region, or to what they own). */
  writesBounded(model: ModelMeta): boolean {
    return !isWhole(this.actor, rightsOf(this.actor, model).write);
  }

  private mayRead(model: ModelMeta): boolean {
    return rightsOf(this.actor, model).read !== 'none';
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
   * The smallest group that statistics over `model` publish to this user, or null when nothing is
   * suppressed: rows describing people, for anyone who does not read every such row unmasked.
   */
  cellFloor(model: ModelMeta): number | null {
    if (!model.describesPerson || this.options.minCellSize <= 1) return null;
    return this.masks || !this.readsAll(model) ? this.options.minCellSize : null;
  }

  /** The rows of `model` whose values the user reads anyway (unmasked, one by one): statistics need not hide them. */
  disclosed(model: ModelMeta, alias: string): Sql {
    if (this.masks) return raw('false');
    const scope = this.readScope(model, alias);
    return scope.isEmpty ? raw('true') : scope;
  }

  /**
   * THE rule for every use of a field: why the user may not filter, sort, group by or measure it, or null
   * when they may. A personal identifier is usable only by those who read it unmasked, and in statistics
   * (which span regions) only by a super administrator; in statistics over people that the user may not
   * read row by row, only dimensions (enums, flags, numbers, dates, references) single nobody out.
   */
  refusal(model: ModelMeta, field: FieldMeta | 'q', use: FieldUse, purpose: Purpose): Messages | null {
    const what = useLabels[use];
    if (field !== 'q' && field.personal && (this.masks || (purpose === 'statistics' && !isSuperAdmin(this.actor)))) {
      return this.masks
        ? { zh: `不能按${field.labelZh}${what.zh}：您看到的是脱敏后的值`, en: `You may not ${what.en} ${field.labelEn.toLowerCase()}: you see it masked` }
        : { zh: `统计中不能按${field.labelZh}${what.zh}：统计跨越您无权查看的区划`, en: `Statistics may not ${what.en} ${field.labelEn.toLowerCase()}: they span regions you may not read` };
    }
    if (purpose === 'statistics' && model.describesPerson && !this.readsAll(model) && identifying(field)) {
      const label = field === 'q' ? { zh: '关键词', en: 'keywords' } : { zh: field.labelZh, en: field.labelEn.toLowerCase() };
      return {
        zh: `统计中不能按${model.labelZh}的${label.zh}${what.zh}：它能指向您无权查看的个人`,
        en: `Statistics may not ${what.en} the ${label.en} of ${model.labelEn.toLowerCase()} records: it can single out people you may not read`,
      };
    }
    return null;
  }

  /** Refuses a use of a field the rule does not allow, naming it (`path`) in both languages. */
  use(model: ModelMeta, field: FieldMeta | 'q', use: FieldUse, purpose: Purpose, path: string): void {
    const refusal = this.refusal(model, field, use, purpose);
    if (refusal) throw new AppError('FORBIDDEN', refusal, { field: path });
  }

  /**
   * A filter through a relation into records the user may not read at all (a dashboard's owner for a
   * non-administrator): only by id, so the filter cannot reveal what the record holds. (Records the user
   * reads some of are bounded row by row in SQL by the filter builder.)
   */
  private checkNested(field: FieldMeta, filter: FilterValue, path: string, purpose: Purpose, depth: number): void {
    const target = targetOf(field);
    if (filter && !this.mayRead(target)) {
      const probed = Object.entries(filter).find(([key, value]) => key !== 'id' && value !== undefined && value !== null);
      if (probed) {
        throw new AppError(
          'FORBIDDEN',
          {
            zh: `不能按${field.labelZh}的${probed[0]}筛选：您无权查看${target.labelZh}`,
            en: `You may not filter by the ${field.labelEn.toLowerCase()}'s ${probed[0]}: you may not read ${target.labelEn.toLowerCase()} records`,
          },
          { field: `${path}.${probed[0]}` },
        );
      }
    }
    this.checkFilter(target, filter, path, purpose, depth + 1);
  }

  /** Refuses every part of a filter (at any depth, through relations) that uses a field the rule does not allow. */
  checkFilter(model: ModelMeta, filter: FilterValue, path: string, purpose: Purpose, depth = 0): void {
    if (!filter || depth > 8) return;
    for (const [key, value] of Object.entries(filter)) {
      if (value === undefined || value === null) continue;
      const here = `${path}.${key}`;
      if (key === 'AND' || key === 'OR') (value as FilterValue[]).forEach((item, index) => this.checkFilter(model, item, `${here}.${index}`, purpose, depth + 1));
      else if (key === 'NOT') this.checkFilter(model, value as FilterValue, here, purpose, depth + 1);
      else if (key === 'q') this.use(model, 'q', 'filter', purpose, here);
      else {
        const field = model.fields.find((candidate) => candidate.name === key);
        if (!field) continue;
        if (field.kind === 'reference') this.checkNested(field, value as FilterValue, here, purpose, depth);
        else if (field.kind === 'referenceList') {
          // Every quantifier of a to-many filter is a filter on the child rows, checked alike.
          for (const quantifier of ['some', 'none', 'every'] as const) {
            this.checkNested(field, (value as Partial<Record<typeof quantifier, FilterValue>>)[quantifier], `${here}.${quantifier}`, purpose, depth);
          }
        } else this.use(model, field, 'filter', purpose, here);
      }
    }
  }
}
