/** Checks a comparison request, makes sure the facts it reads are current, and runs its one statement. */
import { RegionLevel } from '../../schema/shared/enums.js';
import type { Rows } from '../db/read-pool.js';
import { AppError } from '../graphql/errors.js';
import { comparisonStatement, partsFor, sourceFor, type ComparisonRequest, type ComparisonText, type Period } from './compare.js';
import { statementTimedOut, type MetricFacts } from './facts.js';
import type { Metric } from './metric.js';
import { medianRows, type MedianRow } from './medians.js';

export type ComparisonArgs = Pick<ComparisonRequest, 'regionText' | 'shape' | 'medians'> & {
  metrics: string[];
  level: string;
  regionIds?: string[] | null;
  parentId?: string | null;
  years?: number[] | null;
  period?: Period | null;
};

const maxYears = 30;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const refuse = (field: string, zh: string, en: string) => new AppError('BAD_USER_INPUT', { zh, en }, { field });

/** A comparison as the statement answers it: rows and parents as JSON text in their shapes, the medians as values. */
/**
 * `recomputing`: the metrics answered as no data because they are being computed (readComparison). `catchingUp`:
 * read from facts still catching up with a bulk change in the background (facts.ts), recent writes perhaps not in them.
 */
export type ComparisonAnswer = { metrics: string[]; rows: string | null; parents: string | null; medians: MedianRow[]; recomputing: string[]; catchingUp: boolean };

/** Reads of facts that a rebuild swapped for others between choosing their layout and reading them (the statement says so). */
const layoutAttempts = 3;

/**
 * The statement's answer, from the facts (up to date with every write before the call) where they hold the years
 * and metrics, else from the records. The statement names the facts it read: if a rebuild swapped in others
 * after their layout was chosen, it is run again with theirs. Metrics the facts do not hold (changed by an
 * upgrade, until the rebuild completes) are computed from the records in the same statement; when that takes
 * longer than a request may (nationally), the others are answered and those said to be being computed
 * (`recomputing`, their values null): never the whole comparison refused.
 */
async function readComparison(facts: MetricFacts, pool: Rows, request: ComparisonRequest, today: Date): Promise<ComparisonText & Pick<ComparisonAnswer, 'recomputing' | 'catchingUp'>> {
  for (let attempt = 1; ; attempt++) {
    // Swapped under it again and again: the records, which no swap changes.
    const readable = attempt < layoutAttempts ? await facts.readable() : null;
    const source = readable ? sourceFor(request, partsFor(request.metrics), readable, facts, today) : 'records';
    const layout = readable?.layout ?? null;
    const held = (metric: Metric) => source !== 'facts' || layout!.positions[facts.metrics.indexOf(metric)] !== null;
    const recomputing = request.metrics.filter((metric) => !held(metric)).map((metric) => metric.key);
    // The records are always current: only an answer from the facts can lag behind a catch-up.
    const catchingUp = source !== 'records' && readable!.catchingUp;
    let answer: ComparisonText;
    try {
      [answer] = await pool.rows<ComparisonText>(comparisonStatement(request, facts, source, layout));
    } catch (error) {
      if (recomputing.length === 0 || (error as { code?: string }).code !== statementTimedOut) throw error;
      [answer] = await pool.rows<ComparisonText>(comparisonStatement({ ...request, pendingAsNull: true }, facts, source, layout));
      if (answer.facts === layout!.signature) return { ...answer, recomputing, catchingUp };
      continue;
    }
    if (source === 'records' || answer.facts === layout!.signature) return { ...answer, recomputing: [], catchingUp };
  }
}

export async function compareRegions(facts: MetricFacts, pool: Rows, args: ComparisonArgs, today = new Date()): Promise<ComparisonAnswer> {
  const byKey = new Map(facts.metrics.map((metric) => [metric.key, metric]));
  if (args.metrics.length === 0) throw refuse('metrics', '请至少选择一个指标', 'Choose at least one metric');
  const unknown = args.metrics.find((key) => !byKey.has(key));
  if (unknown) throw refuse('metrics', `未知的指标：${unknown}`, `Unknown metric: ${unknown}`);
  if (!RegionLevel.values.includes(args.level as never)) throw refuse('level', '区划层级不正确', 'Unknown region level');
  if (args.years && args.period) throw refuse('period', '年度和期间只能选择一种', 'Give years or a period, not both');
  const thisYear = today.getFullYear();
  const years = args.period ? null : [...new Set(args.years?.length ? args.years : [thisYear])].sort((a, b) => a - b);
  if (years && years.length > maxYears) throw refuse('years', `一次最多比较 ${maxYears} 个年度`, `At most ${maxYears} years at once`);
  if (years?.some((year) => year < 1949 || year > 2100)) throw refuse('years', '年度应在 1949 至 2100 之间', 'Years must be between 1949 and 2100');
  if (args.period) {
    const { from, to } = args.period;
    if (!isoDate.test(from) || !isoDate.test(to)) throw refuse('period', '期间日期格式不正确', 'Period dates must be YYYY-MM-DD');
    if (to < from) throw refuse('period.to', `期间结束日期不能早于开始日期（${from}）`, `The period cannot end before it starts (${from})`);
  }
  const mediansKey = JSON.stringify([args.metrics, args.level, args.regionIds ?? null, args.parentId ?? null, years, args.period ?? null]);
  const known = args.medians === false ? null : facts.medians.find(mediansKey);
  const request = { ...args, metrics: args.metrics.map((key) => byKey.get(key)!), years, period: args.period ?? null, mediansKnown: known?.fingerprint ?? null };
  const answer = await readComparison(facts, pool, request, today);
  const { recomputing, catchingUp } = answer;
  if (args.medians === false) return { metrics: args.metrics, rows: answer.rows, parents: answer.parents, medians: [], recomputing, catchingUp };
  // The statement left the values out: the medians known are those of its fingerprint.
  if (known && answer.fingerprint === known.fingerprint) return { metrics: args.metrics, rows: answer.rows, parents: answer.parents, medians: known.medians, recomputing, catchingUp };
  // The values alone, parsed for the medians: a flat array of numbers, a fraction of the rows' text.
  const values: (number | null)[] = answer.values === null ? [] : JSON.parse(`[${answer.values}]`);
  const medians = medianRows(values, years ?? [null], answer.counts.split(',').map(Number), args.metrics.length);
  if (answer.fingerprint) facts.medians.keep(mediansKey, answer.fingerprint, medians);
  return { metrics: args.metrics, rows: answer.rows, parents: answer.parents, medians, recomputing, catchingUp };
}
