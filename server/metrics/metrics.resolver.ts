/** `metricCatalog` and `compareRegions` (API.md "Metrics"). */
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { Arg, Ctx, Field, Float, ID, Info, InputType, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { Region } from '../../schema/entities/region.entity.js';
import { graphqlEnum } from '../../schema/model/fields.js';
import { modelOf } from '../../schema/model/registry.js';
import { DateScalar } from '../../schema/model/scalars.js';
import { RegionLevel } from '../../schema/shared/enums.js';
import { recordJson } from '../api/json-select.builder.js';
import { mergedSelection, planModel, selectionOf } from '../api/query-plan.js';
import type { Context } from '../graphql/context.js';
import type { Access } from '../access/access.js';
import { sql } from '../sql/sql.js';
import { compareRegions } from './comparison.js';
import type { Metric } from './metric.js';

enum MetricKind {
  STOCK = 'STOCK',
  FLOW = 'FLOW',
  RATE = 'RATE',
}
registerEnumType(MetricKind, {
  name: 'MetricKind',
  description: '指标类型 / STOCK: what exists on 31 December; FLOW: what happened in the period; RATE: one divided by another',
});

@ObjectType('MetricDefinition', { description: '指标 / A metric leaders compare across regions', simpleResolvers: true })
class MetricDefinition {
  @Field(() => String) key!: string;
  @Field(() => String) labelZh!: string;
  @Field(() => String) labelEn!: string;
  @Field(() => String, { nullable: true, description: '单位（按请求语言）；% 表示比率 / Unit in the request language; % marks a ratio' }) unit!: string;
  @Field(() => String) unitZh!: string;
  @Field(() => String) unitEn!: string;
  @Field(() => MetricKind) kind!: MetricKind;
  @Field(() => Boolean, { nullable: true, description: '数值越高越好；为空表示无好坏之分 / Whether higher is better; null when neither is' })
  higherIsBetter!: boolean | null;
  @Field(() => String, { nullable: true, description: '口径（按请求语言） / Definition in the request language' }) description!: string;
  @Field(() => String) descriptionZh!: string;
  @Field(() => String) descriptionEn!: string;
}

@InputType('PeriodInput', { description: '期间：流量累计，存量取期末 / A period: flows add up, stocks are taken at its end' })
class PeriodInput {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
}

type RowSource = { region: Record<string, unknown> | null; year: number | null; values: (number | null)[] };

/** The rows' and parents' `region { … }` selections, compiled into the comparison's statement. */
function regionText(info: GraphQLResolveInfo, access: Access) {
  const top = selectionOf(info);
  const rows: SelectionSetNode = {
    kind: top.kind,
    selections: ['rows', 'parents'].flatMap((name) => mergedSelection(info, top, name).selections),
  };
  const region = mergedSelection(info, rows, 'region');
  if (region.selections.length === 0) return null;
  const plan = planModel(info, modelOf(Region), region, access);
  return { plan, text: (alias: string) => sql`${recordJson(plan, alias)}::text` };
}

@ObjectType('ComparisonRow', { description: '一个区划（或中位数）在一个年度或期间的指标值 / One region’s (or the median’s) values for a year or the period', simpleResolvers: true })
class ComparisonRow {
  // Compiled into the comparison's one statement as the query selects it (regionText), so a plain field:
  // thousands of rows pass through graphql-js without a resolver call each.
  @Field(() => Region, { nullable: true, description: '区划；中位数行为空 / The region; null on a median row' }) region!: Record<string, unknown> | null;
  @Field(() => Int, { nullable: true, description: '年度；期间查询为空 / The year; null for a period' }) year!: number | null;
  @Field(() => [Float], { nullable: 'items', description: '与 metrics 顺序一致；null 表示无数据 / Aligned with metrics; null = no data' })
  values!: (number | null)[];
}

@ObjectType('Comparison', { simpleResolvers: true })
class Comparison {
  @Field(() => [String]) metrics!: string[];
  @Field(() => [ComparisonRow]) rows!: RowSource[];
  @Field(() => [ComparisonRow], { description: '比较组各指标的中位数 / The group’s median of each metric' }) medians!: RowSource[];
  @Field(() => [ComparisonRow], { description: '上级区划的值 / The parent regions’ values' }) parents!: RowSource[];
  @Field(() => [String], {
    description:
      '口径已更新、正在重新计算的指标（升级后至重建完成前，按记录计算超时）：其值暂为空 / Metrics whose definition changed and whose figures are being recomputed (after an upgrade, until the rebuild completes, when computing them from the records took too long): their values are null until then',
  })
  recomputing!: string[];
  @Field(() => Boolean, {
    description:
      '数值正在后台补算一次大批量修改（导入、数据迁移）：最近的修改可能尚未计入，补算完成后为 false / The figures are catching up in the background with a bulk change (an import, a data migration): recent writes may not be in them yet; false once they are current',
  })
  catchingUp!: boolean;
}

const describeMetric = (metric: Metric, language: Context['language']): MetricDefinition => ({
  key: metric.key,
  labelZh: metric.labelZh,
  labelEn: metric.labelEn,
  unit: language === 'en' ? metric.unitEn : metric.unitZh,
  unitZh: metric.unitZh,
  unitEn: metric.unitEn,
  kind: metric.kind as MetricKind,
  higherIsBetter: metric.higherIsBetter,
  description: language === 'en' ? metric.descriptionEn : metric.descriptionZh,
  descriptionZh: metric.descriptionZh,
  descriptionEn: metric.descriptionEn,
});

@Resolver()
export class ComparisonResolver {
  @Query(() => [MetricDefinition], { description: '指标目录 / The metrics catalog' })
  metricCatalog(@Ctx() { metrics, language, access }: Context): MetricDefinition[] {
    access.requireCapability('compareMetrics');
    return metrics.metrics.map((metric) => describeMetric(metric, language));
  }

  @Query(() => Comparison, { description: '跨区划指标对比 / Compares regions of a level on metrics, per year or over a period' })
  async compareRegions(
    @Ctx() { metrics, readPool, access, reader }: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('metrics', () => [String]) keys: string[],
    @Arg('level', () => graphqlEnum(RegionLevel)) level: string,
    @Arg('regionIds', () => [ID], { nullable: true }) regionIds?: string[] | null,
    @Arg('parentId', () => ID, { nullable: true }) parentId?: string | null,
    @Arg('years', () => [Int], { nullable: true }) years?: number[] | null,
    @Arg('period', () => PeriodInput, { nullable: true }) period?: PeriodInput | null,
  ) {
    access.requireCapability('compareMetrics');
    // Operations of comparisons alone are answered as text (comparison-response.ts); this is for the rest.
    const region = regionText(info, access);
    const answer = await compareRegions(metrics, readPool, { metrics: keys, level, regionIds, parentId, years, period, regionText: { rows: region?.text ?? null, parents: region?.text ?? null } });
    const rows: RowSource[] = JSON.parse(answer.rows!);
    const parents: RowSource[] = JSON.parse(answer.parents!);
    // A region's relations may carry personal identifiers (its persons): recorded like any read of them.
    if (region)
      await reader.recordPersonal(
        region.plan,
        [...rows, ...parents].map((row) => row.region),
      );
    return { metrics: answer.metrics, rows, parents, medians: answer.medians.map((median) => ({ region: null, ...median })), recomputing: answer.recomputing, catchingUp: answer.catchingUp };
  }
}
