/**
 * One metric across the compared regions: grouped bars (a bar per year), horizontal and scrolling once
 * there are more regions than fit across, the group median as a reference line, and exact values with
 * units in the tooltip. A click on a region's bar drills down into it.
 */
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Box } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useLanguage } from '../fields/useLanguage';
import { barChartHeight, horizontalFrom } from './barChartSize';
import { ChartCard } from './ChartCard';
import { axisDivisor, axisTitle, directionMark, exportedValue, formatPlotted, labelOf, plotted, unitOf } from './format';
import { axisTick } from './units';
import { palette, ranked, valueAt, type RegionSeries } from './series';
import type { ComparisonRow, MetricDefinition } from './types';

type Props = {
  metric: MetricDefinition;
  index: number;
  regions: RegionSeries[];
  years: (number | null)[];
  medians: ComparisonRow[];
  onRegion: (region: RegionSeries) => void;
  /** Show only the best `top` regions (0: all). */
  top: number;
  /** On a report's sheet the chart is drawn whole, never in a scrolling box (paper does not scroll). */
  layout?: 'screen' | 'sheet';
};

export const MetricBarChart = ({ metric, index, regions, years, medians, onRegion, top, layout = 'screen' }: Props) => {
  const language = useLanguage();
  const translate = useTranslate();
  const last = years.at(-1) ?? null;
  const all = ranked(regions, index, last, metric);
  const ordered = top ? all.slice(0, top) : all;
  const yearName = (year: number | null) => (year === null ? translate('crc.analysis.periodTotal') : String(year));
  const data = ordered.map((region) => ({
    region,
    name: region.name,
    ...Object.fromEntries(years.map((year) => [yearName(year), plotted(metric, region.byYear.get(year)?.[index])])),
  }));
  const median = plotted(metric, valueAt(medians, last, index));
  const divisor = axisDivisor(metric, [median, ...data.flatMap((row) => years.map((year) => (row as Record<string, unknown>)[yearName(year)] as number | null))]);
  const locale = language === 'en' ? 'en-US' : 'zh-CN';
  const horizontal = ordered.length > horizontalFrom;
  const height = barChartHeight(ordered.length, years.length);
  const tooltip = (value: unknown) => formatPlotted(metric, value, language);
  const title = `${labelOf(metric, language)} ${directionMark(metric)}`.trim();
  const csv = () => ({
    headers: [translate('crc.analysis.region'), translate('crc.analysis.code'), ...years.map((year) => `${yearName(year)}（${unitOf(metric, language)}）`)],
    rows: all.map((region) => [region.name, region.code, ...years.map((year) => exportedValue(metric, region.byYear.get(year)?.[index]))]),
  });
  const category = { dataKey: 'name', type: 'category' as const, interval: 0, tick: { fontSize: 12 } };
  const value = { type: 'number' as const, tick: { fontSize: 12 }, label: undefined, tickFormatter: (tick: number) => axisTick(tick, divisor, locale) };
  return (
    <ChartCard
      title={title}
      subtitle={top && all.length > top ? `${axisTitle(metric, language, divisor)} · ${translate('crc.analysis.topRegions', { count: top })}` : axisTitle(metric, language, divisor)}
      filename={labelOf(metric, language)}
      csv={csv}
      legend={years.map((year, position) => ({ label: yearName(year), color: palette[position % palette.length] }))}
      testId={`bar-${metric.key}`}
    >
      <Box sx={layout === 'sheet' ? {} : { maxHeight: 640, overflowY: 'auto' }}>
        <ResponsiveContainer width="100%" height={height}>
          <BarChart
            data={data}
            layout={horizontal ? 'vertical' : 'horizontal'}
            margin={{ top: 8, right: 24, bottom: horizontal ? 8 : 48, left: 8 }}
            onClick={(state: { activeIndex?: number | string | null }) => {
              const row = state?.activeIndex == null ? undefined : data[Number(state.activeIndex)];
              if (row) onRegion(row.region);
            }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            {horizontal ? <YAxis {...category} width={96} /> : <XAxis {...category} angle={-30} textAnchor="end" height={60} />}
            {horizontal ? <XAxis {...value} /> : <YAxis {...value} width={64} />}
            <Tooltip formatter={tooltip} />
            <Legend verticalAlign="top" />
            {years.map((year, position) => (
              <Bar key={String(year)} dataKey={yearName(year)} fill={palette[position % palette.length]} cursor="pointer" isAnimationActive={false} />
            ))}
            {median !== null &&
              (horizontal ? (
                <ReferenceLine x={median} stroke="#D55E00" strokeDasharray="4 4" label={{ value: translate('crc.analysis.median'), position: 'insideTopRight', fontSize: 12 }} />
              ) : (
                <ReferenceLine y={median} stroke="#D55E00" strokeDasharray="4 4" label={{ value: translate('crc.analysis.median'), position: 'insideTopRight', fontSize: 12 }} />
              ))}
          </BarChart>
        </ResponsiveContainer>
      </Box>
    </ChartCard>
  );
};
