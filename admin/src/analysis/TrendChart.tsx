/** One metric over the years: a line per region (the first few by rank, or those picked) and the median. */
import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslate } from 'react-admin';
import { useLanguage } from '../fields/useLanguage';
import { ChartCard } from './ChartCard';
import { axisDivisor, axisTitle, exportedValue, formatPlotted, labelOf, plotted, unitOf } from './format';
import { axisTick } from './units';
import { Picker } from './Picker';
import { palette, ranked, valueAt, type RegionSeries } from './series';
import type { ComparisonRow, MetricDefinition } from './types';

type Props = { metrics: MetricDefinition[]; regions: RegionSeries[]; years: number[]; medians: ComparisonRow[] };

const shownRegions = 8;

export const TrendChart = ({ metrics, regions, years, medians }: Props) => {
  const language = useLanguage();
  const translate = useTranslate();
  const [key, setKey] = useState(metrics[0].key);
  const index = Math.max(
    0,
    metrics.findIndex((metric) => metric.key === key),
  );
  const metric = metrics[index];
  const shown = ranked(regions, index, years.at(-1)!, metric).slice(0, shownRegions);
  const median = translate('crc.analysis.median');
  const data = years.map((year) => ({
    year: String(year),
    ...Object.fromEntries(shown.map((region) => [region.name, plotted(metric, region.byYear.get(year)?.[index])])),
    [median]: plotted(metric, valueAt(medians, year, index)),
  }));
  const divisor = axisDivisor(
    metric,
    data.flatMap((row) => (Object.values(row) as unknown[]).filter((value): value is number => typeof value === 'number')),
  );
  const locale = language === 'en' ? 'en-US' : 'zh-CN';
  const csv = () => ({
    headers: [translate('crc.analysis.year'), ...shown.map((region) => region.name), median, translate('crc.analysis.unitColumn')],
    rows: years.map((year) => [
      year,
      ...shown.map((region) => exportedValue(metric, region.byYear.get(year)?.[index])),
      exportedValue(metric, valueAt(medians, year, index)),
      unitOf(metric, language),
    ]),
  });
  const picker = (
    <Picker label={translate('crc.analysis.metric')} value={metric.key} onChange={setKey} choices={metrics.map((item) => ({ value: item.key, label: labelOf(item, language) }))} minWidth={180} />
  );
  return (
    <ChartCard
      title={`${translate('crc.analysis.trend')} · ${labelOf(metric, language)}`}
      subtitle={`${axisTitle(metric, language, divisor)}${regions.length > shownRegions ? ` · ${translate('crc.analysis.topRegions', { count: shownRegions })}` : ''}`}
      filename={`${translate('crc.analysis.trend')}-${labelOf(metric, language)}`}
      csv={csv}
      legend={[...shown.map((region, position) => ({ label: region.name, color: palette[position % palette.length] })), { label: median, color: '#444' }]}
      actions={picker}
      testId="trend"
    >
      <ResponsiveContainer width="100%" height={340}>
        <LineChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="year" />
          <YAxis width={64} tickFormatter={(value: number) => axisTick(value, divisor, locale)} />
          <Tooltip formatter={(value: unknown) => formatPlotted(metric, value, language)} />
          <Legend />
          {shown.map((region, position) => (
            <Line key={region.id} dataKey={region.name} stroke={palette[position % palette.length]} strokeWidth={2} dot isAnimationActive={false} connectNulls={false} />
          ))}
          <Line dataKey={median} stroke="#444" strokeDasharray="6 4" strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
};
