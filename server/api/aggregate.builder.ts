/**
 * The one aggregate builder (`…Aggregate` queries): count, and sum/avg/min/max of numeric fields, grouped
 * by enums, booleans, references (regions also by the ancestor at a level), ints and date parts — in one
 * SQL statement, labels included.
 */
import type { FieldMeta, ModelMeta } from '../../schema/model/registry.js';
import type { Language } from '../graphql/language.js';
import type { Access } from '../access/access.js';
import type { Rows } from '../db/read-pool.js';
import { AppError } from '../graphql/errors.js';
import { and, ident, join, raw, sql, type Sql } from '../sql/sql.js';
import { whereSql, type FilterInput } from './filter.builder.js';
import { targetOf } from '../../schema/model/relations.js';
import { column, titleExpression } from './model-sql.js';
import { declaredPosition } from './order.builder.js';
import { formatTerm } from '../../schema/shared/term.js';

export type DatePartName = 'YEAR' | 'QUARTER' | 'MONTH';
export type GroupByInput = { field: string; part?: DatePartName | null; level?: string | null };
export type GroupKeyValue = { field: string; part: DatePartName | null; value: string | null; label: string | null };

/** How deep a region tree goes (province, city, county, township): the ancestor walk's length. */
const treeDepth = 4;

/**
 * A reference into a tree of records that have a `level` (the regions): the id of the referenced record's
 * ancestor (or itself) at `level`, null when there is none — a township's records roll up to its county.
 */
function ancestorAtLevel(field: FieldMeta, level: string, path: string): Sql {
  const target = field.kind === 'reference' ? targetOf(field) : undefined;
  const parent = target?.fields.find((candidate) => candidate.kind === 'reference' && targetOf(candidate) === target);
  const levelField = target?.fields.find((candidate) => candidate.name === 'level' && candidate.kind === 'enum');
  if (!target || !parent || !levelField) {
    throw new AppError('BAD_USER_INPUT', { zh: `只有指向区划的字段可以按层级汇总：${field.labelZh}`, en: `Only region references roll up by level: ${field.labelEn}` }, { field: path });
  }
  const steps = Array.from({ length: treeDepth }, (_, index) => `a${index}`);
  const joins = steps.slice(1).map((alias, index) => raw(`left join ${target.table} ${alias} on ${alias}."id" = ${steps[index]}.${parent.column}`));
  const picks = steps.map((alias) => sql`case when ${raw(alias)}.${raw(levelField.column!)} = ${level} then ${raw(alias)}."id" end`);
  return sql`(select coalesce(${join(picks, ', ')})::text from ${ident(target.table)} a0 ${join(joins, ' ')} where a0."id" = ${column('t', field)})`;
}
/**
 * One group. `count` is null when the group is suppressed: it holds fewer rows than `countBelow` that the
 * user may not read one by one (statistics over people, as statistical offices publish small cells).
 */
export type AggregateRow = { key: GroupKeyValue[]; count: number | null; suppressed: boolean; countBelow: number | null } & Partial<
  Record<'sum' | 'avg' | 'min' | 'max', Record<string, unknown> | null>
>;

/** Dates are grouped on the calendar of the offices that use this product, whatever the server's zone. */
const zone = 'Asia/Shanghai';

function keyExpression(field: FieldMeta, part: DatePartName | null | undefined, level: string | null | undefined, path: string): Sql {
  if (level) return ancestorAtLevel(field, level, path);
  const target = column('t', field);
  if (field.kind === 'date' || field.kind === 'datetime') {
    const local = field.kind === 'datetime' ? sql`(${target} at time zone ${raw(`'${zone}'`)})` : target;
    if (part === 'YEAR') return sql`extract(year from ${local})::int::text`;
    if (part === 'QUARTER') return sql`to_char(${local}, 'YYYY"Q"Q')`;
    if (part === 'MONTH') return sql`to_char(${local}, 'YYYY-MM')`;
    return sql`${local}::date::text`;
  }
  if (part) {
    throw new AppError('BAD_USER_INPUT', { zh: `只有日期字段可以按年、季、月分组：${field.labelZh}`, en: `Only date fields group by a part: ${field.labelEn}` }, { field: path });
  }
  return sql`${target}::text`;
}

function label(field: FieldMeta, value: string | null, language: Language): string | null {
  if (value === null) return null;
  if (field.kind === 'enum') return field.enum!.label(value, language);
  if (field.kind === 'boolean') return value === 'true' ? (language === 'en' ? 'Yes' : '是') : language === 'en' ? 'No' : '否';
  if (field.display === 'term') return formatTerm(value, language);
  return null;
}

/**
 * How groups follow one another: an enum's in its declared order (deputies by level 全国 → 省 → 市 → 县 → 乡, not by the
 * codes' spelling), a number as a number (9 before 10); the rest by the key's text (ISO dates and date parts in
 * calendar order). Keys are text (the group's `value`): each is read back as what it is to be ordered.
 */
function groupOrder(field: FieldMeta, level: string | null, key: Sql): Sql {
  if (field.kind === 'enum' && !level) return declaredPosition(field, key);
  if (field.kind === 'int' && !level) return sql`${key}::bigint`;
  return key;
}

export type MeasureName = 'sum' | 'avg' | 'min' | 'max';
export const measureNames: readonly MeasureName[] = ['sum', 'avg', 'min', 'max'];

/**
 * What a selection asks of an aggregate's rows (query-plan.ts `planAggregate`): the measures of each numeric
 * field it selects, and whether it reads the groups' labels. The statement computes nothing else.
 */
export type AggregateAsk = { measures: ReadonlyMap<MeasureName, ReadonlySet<string>>; labels: boolean };

type AggregateArgs = { where?: FilterInput | null; groupBy?: GroupByInput[] | null; withDeleted?: boolean | null };
type Group = { field: FieldMeta; part: DatePartName | null; level: string | null; expression: Sql };

/**
 * An aggregate's statement in parts, with what reading its rows needs: `inner` computes one row per group
 * (keys `k0…`, `count`, `hidden` where cells are suppressed, the asked measures `sum_<field>`…); `labels` are the
 * reference keys' titles as select items over it (aliased `g`), `order` orders the groups. Execution reads its
 * rows (aggregate below); record-response.ts renders them as the answer's JSON text.
 */
export type AggregateParts = {
  inner: Sql;
  labels: Sql[];
  order: Sql;
  groups: Group[];
  /** The computed measures: field names by measure (a refused field is left out, and reads null). */
  measured: ReadonlyMap<MeasureName, readonly FieldMeta[]>;
  floor: number | null;
};

export function aggregateParts(model: ModelMeta, args: AggregateArgs, numericFields: readonly FieldMeta[], ask: AggregateAsk, access: Access): AggregateParts {
  access.checkFilter(model, args.where, 'where', 'statistics');
  const groups = (args.groupBy ?? []).map((group, index): Group => {
    const field = model.fields.find((candidate) => candidate.name === group.field)!;
    access.use(model, field, 'group', 'statistics', `groupBy.${index}.field`);
    return { field, part: group.part ?? null, level: group.level ?? null, expression: keyExpression(field, group.part, group.level, `groupBy.${index}`) };
  });
  const keys = groups.map((group, index) => sql`${group.expression} as ${ident(`k${index}`)}`);
  const measurable = numericFields.filter((field) => !access.refusal(model, field, 'measure', 'statistics'));
  const measured = new Map(measureNames.map((measure) => [measure, measurable.filter((field) => ask.measures.get(measure)?.has(field.name))]));
  const measures = measureNames.flatMap((measure) =>
    measured.get(measure)!.map((field) => {
      const value = column('t', field);
      const cast = raw(field.kind !== 'int' ? '::text' : '::float8');
      const computed = measure === 'avg' ? sql`round(avg(${value}), 4)` : sql`${raw(measure)}(${value})`;
      return sql`${computed}${cast} as ${ident(`${measure}_${field.name}`)}`;
    }),
  );
  const floor = access.cellFloor(model);
  // Rows the user may not read one by one, per group: what small-cell suppression protects.
  const hidden = floor === null ? [] : [sql`count(*) filter (where not ${and([access.disclosed(model, 't')])})::int as "hidden"`];
  const visible = args.withDeleted ? raw('true') : raw('t."deleted_at" is null');
  const groupClause = groups.length ? sql`group by ${raw(groups.map((_, index) => String(index + 1)).join(', '))}` : raw('');
  const inner = sql`select ${join([...keys, sql`count(*)::int as "count"`, ...hidden, ...measures], ', ')}
    from ${ident(model.table)} t where ${and([visible, access.statisticsScope(model, 't'), whereSql(model, 't', args.where, access.rowScope('statistics'))])} ${groupClause}`;
  // Reference keys get their record's title in the same statement, where the user may read that record.
  const readable = access.rowScope('records');
  const labels = groups.map((group, index) => {
    if (group.field.kind !== 'reference') return raw('null::text');
    const target = targetOf(group.field);
    return sql`(select ${titleExpression(target, 'l', readable)} from ${ident(target.table)} l where ${and([sql`l."id" = g.${ident(`k${index}`)}::bigint`, readable(target, 'l')])})`;
  });
  const order = groups.length
    ? sql`order by ${join(
        groups.map((group, index) => groupOrder(group.field, group.level, raw(`g."k${index}"`))),
        ', ',
      )}`
    : raw('');
  return { inner, labels, order, groups, measured, floor };
}

/** Whether a group's row (aliased `g`) is withheld: fewer rows the user may not read one by one than the floor. */
export function suppressedSql(floor: number | null): Sql {
  return floor === null ? raw('false') : sql`(g."hidden" > 0 and g."hidden" < ${floor})`;
}

/** A group key's label as SQL over the row `g` (reference titles are `labels`), or undefined when only JavaScript writes it (a term). */
export function labelSql(parts: AggregateParts, index: number, language: Language): Sql | undefined {
  const { field } = parts.groups[index];
  const value = raw(`g."k${index}"`);
  if (field.kind === 'reference') return parts.labels[index];
  if (field.kind === 'enum') {
    const cases = field.enum!.values.map((option) => sql`when ${option}::text then ${field.enum!.label(option, language)}::text`);
    return sql`(case ${value} ${join(cases, ' ')} end)`;
  }
  if (field.kind === 'boolean')
    return sql`(case when ${value} is null then null::text when ${value} = 'true' then ${label(field, 'true', language)}::text else ${label(field, 'false', language)}::text end)`;
  if (field.display === 'term') return undefined;
  return raw('null::text');
}

/**
 * Statistics cover what the user's statistics reach covers (policy.ts: every region for the records; one's
 * own for owned records). What the access rule refuses — a personal identifier as a filter or group key, an
 * identifying filter over people one may not read — is refused (Access.use); group labels name only records
 * the user may read; and over people, a group with fewer than `Access.cellFloor` rows the user may not read
 * one by one is published without its count and measures.
 */
export async function aggregate(
  pool: Rows,
  model: ModelMeta,
  args: AggregateArgs,
  numericFields: readonly FieldMeta[],
  ask: AggregateAsk,
  language: Language,
  access: Access,
): Promise<AggregateRow[]> {
  const parts = aggregateParts(model, args, numericFields, ask, access);
  const { groups, floor } = parts;
  const labels = ask.labels ? parts.labels.flatMap((labelValue, index) => (groups[index].field.kind === 'reference' ? [sql`${labelValue} as ${ident(`l${index}`)}`] : [])) : [];
  const rows = await pool.rows<Record<string, unknown>>(sql`select ${join([raw('g.*'), ...labels], ', ')} from (${parts.inner}) g ${parts.order}`);

  return rows.map((row) => {
    const hiddenRows = (row.hidden as number | undefined) ?? 0;
    const suppressed = floor !== null && hiddenRows > 0 && hiddenRows < floor;
    const result: AggregateRow = {
      key: groups.map((group, index) => {
        const value = (row[`k${index}`] as string | null) ?? null;
        const referenceLabel = row[`l${index}`] as string | null | undefined;
        return { field: group.field.name, part: group.part, value, label: group.field.kind === 'reference' ? (referenceLabel ?? null) : label(group.field, value, language) };
      }),
      count: suppressed ? null : (row.count as number),
      suppressed,
      countBelow: suppressed ? floor : null,
    };
    if (numericFields.length) {
      for (const measure of measureNames) {
        result[measure] = suppressed ? null : Object.fromEntries(numericFields.map((field) => [field.name, row[`${measure}_${field.name}`] ?? null]));
      }
    }
    return result;
  });
}
