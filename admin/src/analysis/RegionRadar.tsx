/**
 * One region against the group median over the chosen metrics. Metrics have different units, so each
 * axis is scaled to the group's largest value (100 = the best-placed region); tooltips give the exact
 * values with their units.
 */
import { useState } from 'react';
import { Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer, Tooltip } from 'recharts';
import { useTranslate } from 'react-admin';
import { useLanguage } from '../fields/useLanguage';
import { ChartCard } from './ChartCard';
import { exportedValue, formatMetric, labelOf, unitOf } from './format';
import { Picker } from './Picker';
import { valueAt, type RegionSeries } from './series';
import type { ComparisonRow, MetricDefinition } from './types';

type Props = { metrics: MetricDefinition[]; regions: RegionSeries[]; year: number | null; medians: ComparisonRow[] };

export const RegionRadar = ({ metrics, regions, year, medians }: Props) => {
  const language = useLanguage();
  const translate = useTranslate();
  const [regionId, setRegionId] = useState(regions[0]?.id);
  const region = regions.find((candidate) => candidate.id === regionId) ?? regions[0];
  const median = translate('crc.analysis.median');
  const data = metrics.map((metric, index) => {
    const values = regions.map((candidate) => Math.abs(candidate.byYear.get(year)?.[index] ?? 0));
    const scale = Math.max(...values, 0) || 1;
    const own = region.byYear.get(year)?.[index] ?? null;
    const middle = valueAt(medians, year, index);
    return {
      metric: labelOf(metric, language),
      [region.name]: own === null ? 0 : (Math.abs(own) / scale) * 100,
      [median]: middle === null ? 0 : (Math.abs(middle) / scale) * 100,
      exact: { [region.name]: formatMetric(metric, own, language), [median]: formatMetric(metric, middle, language) },
    };
  });
  const csv = () => ({
    headers: [translate('crc.analysis.metric'), region.name, median, translate('crc.analysis.unitColumn')],
    rows: metrics.map((metric, index) => [
      labelOf(metric, language),
      exportedValue(metric, region.byYear.get(year)?.[index]),
      exportedValue(metric, valueAt(medians, year, index)),
      unitOf(metric, language),
    ]),
  });
  const picker = <Picker label={translate('crc.analysis.region')} value={region.id} onChange={setRegionId} choices={regions.map((candidate) => ({ value: candidate.id, label: candidate.name }))} />;
  return (
    <ChartCard
      title={`${translate('crc.analysis.radar')} · ${region.name}`}
      subtitle={translate('crc.analysis.radarNote')}
      filename={`${translate('crc.analysis.radar')}-${region.name}`}
      csv={csv}
      legend={[
        { label: region.name, color: '#0072B2' },
        { label: median, color: '#D55E00' },
      ]}
      actions={picker}
      testId="radar"
    >
      <ResponsiveContainer width="100%" height={380}>
        <RadarChart data={data} outerRadius="70%">
          <PolarGrid />
          <PolarAngleAxis dataKey="metric" tick={{ fontSize: 12 }} />
          <PolarRadiusAxis domain={[0, 100]} tick={false} axisLine={false} />
          <Radar name={region.name} dataKey={region.name} stroke="#0072B2" fill="#0072B2" fillOpacity={0.35} isAnimationActive={false} />
          <Radar name={median} dataKey={median} stroke="#D55E00" fill="#D55E00" fillOpacity={0.15} isAnimationActive={false} />
          <Tooltip formatter={(_value: unknown, name: unknown, item: { payload?: { exact: Record<string, string> } }) => item.payload?.exact[String(name)] ?? ''} />
          <Legend />
        </RadarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
};
