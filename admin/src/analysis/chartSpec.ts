/**
 * The chart builder's choices, from metadata alone: any entity that aggregates, a measure (count, or the
 * sum or mean of a numeric field) and up to two groupings (enums, booleans, references — regions also by
 * county or township —, ints, dates by year), limited to a region's subtree and a period of years. Kept in
 * the address like the comparison's settings.
 */
import type { Model } from '../metadata/model.js';
import type { EntityMeta, FieldMeta } from '../metadata/types.js';

export type Measure = { kind: 'count' } | { kind: 'sum' | 'avg'; field: string };
export type Grouping = { field: string; part?: 'YEAR'; level?: 'COUNTY' | 'TOWNSHIP' };
/** The years a chart counts, by one of the entity's dates (提交日期 2022 to 2024); either end may stay open. */
export type Period = { field: string; from?: number; to?: number };
/** `region`: a division code whose subtree the chart counts (620800 平凉市); none: all the user reads. */
export type ChartSpec = { entity: string; measure: Measure; groups: Grouping[]; region?: string; period?: Period };

/** The console's own records (dashboards, saved queries, accounts) are not what a secretariat charts. */
const ownAreas = new Set(['analysis', 'workbench', 'system']);

export const chartable = (model: Model): EntityMeta[] => model.entities.filter((entity) => entity.operations.includes('aggregate') && !ownAreas.has(entity.area));

/** What a chart may sum or average: the quantities the model marks measurable for this user (not a year, a term, the version). */
export const numericFieldsOf = (entity: EntityMeta): FieldMeta[] => entity.fields.filter((field) => field.measurable);

/** A reference into a tree of records with levels (the regions): its records roll up by level. */
export function isTreeReference(model: Model, field: FieldMeta): boolean {
  const target = field.kind === 'reference' && field.reference ? model.find(field.reference.entity) : undefined;
  if (!target) return false;
  const selfReference = target.fields.some((candidate) => candidate.kind === 'reference' && candidate.reference?.entity === target.name);
  return selfReference && target.fields.some((candidate) => candidate.name === 'level' && candidate.kind === 'enum');
}

/** Every grouping an entity offers, each with a stable key for selects and the address. */
export function groupingsOf(model: Model, entity: EntityMeta): { key: string; field: FieldMeta; grouping: Grouping }[] {
  return (
    entity.fields
      // `groupable`: the server's access rule for this user (no personal identifier for those who read it masked).
      .filter((field) => field.groupable && field.kind !== 'datetime')
      .flatMap((field) => {
        if (field.kind === 'date') return [{ key: `${field.name}@YEAR`, field, grouping: { field: field.name, part: 'YEAR' as const } }];
        const plain = { key: field.name, field, grouping: { field: field.name } };
        if (!isTreeReference(model, field)) return [plain];
        const levels = (['COUNTY', 'TOWNSHIP'] as const).map((level) => ({ key: `${field.name}@${level}`, field, grouping: { field: field.name, level } }));
        return [plain, ...levels];
      })
  );
}

/** The dates a chart may be limited by: the entity's dates the user may filter on. */
export const periodFieldsOf = (entity: EntityMeta): FieldMeta[] => entity.fields.filter((field) => field.kind === 'date' && field.filterable);

/** The aggregate's `where` for a chart's scope: the region's subtree and the years of the period, whole years. */
export function chartWhere(spec: ChartSpec): Record<string, unknown> | undefined {
  const where: Record<string, unknown> = {};
  if (spec.region) where.inRegion = spec.region;
  if (spec.period && (spec.period.from || spec.period.to)) {
    where[spec.period.field] = {
      ...(spec.period.from ? { gte: `${spec.period.from}-01-01` } : {}),
      ...(spec.period.to ? { lte: `${spec.period.to}-12-31` } : {}),
    };
  }
  return Object.keys(where).length ? where : undefined;
}

/** A period in the address: `submittedOn:2022-2024`, an open end left empty (`submittedOn:2022-`). */
export function parsePeriod(text: string | null): Period | undefined {
  const match = /^(\w+):(\d{4})?-(\d{4})?$/.exec(text ?? '');
  if (!match) return undefined;
  const [from, to] = [match[2], match[3]].map((year) => (year ? Number(year) : undefined));
  return { field: match[1], ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

export const periodKey = (period: Period) => `${period.field}:${period.from ?? ''}-${period.to ?? ''}`;

export const groupingKey = (grouping: Grouping) => (grouping.part ? `${grouping.field}@${grouping.part}` : grouping.level ? `${grouping.field}@${grouping.level}` : grouping.field);
export const measureKey = (measure: Measure) => (measure.kind === 'count' ? 'count' : `${measure.kind}:${measure.field}`);

export function parseMeasure(text: string | null): Measure {
  if (!text || text === 'count') return { kind: 'count' };
  const [kind, field] = text.split(':');
  return kind === 'sum' || kind === 'avg' ? { kind, field } : { kind: 'count' };
}

export function parseGrouping(text: string): Grouping {
  const [field, qualifier] = text.split('@');
  if (qualifier === 'YEAR') return { field, part: 'YEAR' };
  if (qualifier === 'COUNTY' || qualifier === 'TOWNSHIP') return { field, level: qualifier };
  return { field };
}

export function readChartSpec(params: URLSearchParams): Partial<ChartSpec> {
  const spec: Partial<ChartSpec> = {};
  if (params.get('entity')) spec.entity = params.get('entity')!;
  if (params.has('measure')) spec.measure = parseMeasure(params.get('measure'));
  if (params.get('groups')) spec.groups = params.get('groups')!.split(',').filter(Boolean).map(parseGrouping);
  if (/^\d{6}(\d{3})?$/.test(params.get('region') ?? '')) spec.region = params.get('region')!;
  const period = parsePeriod(params.get('period'));
  if (period) spec.period = period;
  return spec;
}

export function writeChartSpec(spec: ChartSpec, extra: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    ...extra,
    view: 'chart',
    entity: spec.entity,
    measure: measureKey(spec.measure),
    groups: spec.groups.map(groupingKey).join(','),
    ...(spec.region ? { region: spec.region } : {}),
    ...(spec.period && (spec.period.from || spec.period.to) ? { period: periodKey(spec.period) } : {}),
  });
}

/**
 * The order of a chart's categories: dates in calendar order (a date part's names sort so), an enum's values
 * in the order the server gives them — their declared one (deputies by level 全国 → 省 → 市 → 县 → 乡), an ordinal
 * scale that a ranking would scramble — and anything else ranked by its total, largest first.
 */
export function orderCategories<T extends { name?: unknown }>(rows: readonly T[], by: { part?: string; kind?: string }, total: (row: T) => number): T[] {
  if (by.part) return [...rows].sort((a, b) => String(a.name).localeCompare(String(b.name)));
  if (by.kind === 'enum') return [...rows];
  return [...rows].sort((a, b) => total(b) - total(a));
}
