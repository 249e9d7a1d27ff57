/**
 * The comparison as a printed report (`#/analysis?…&report=1`): what was compared and when, the metrics
 * chosen with their units and definitions, the ranking, and the charts — on A4 portrait, at the sheet's width,
 * each chart short enough for one sheet (a chart of many regions shows the best that fit; the ranking has
 * them all). The comparison is the page's own: its settings are changed on the page, not here.
 */
import type { ReactNode } from 'react';
import { Box, Button, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { todayInChina } from '../../../schema/shared/validators';
import { formatDate } from '../fields/format';
import { useLanguage } from '../fields/useLanguage';
import { ReportSheet } from '../reports/ReportSheet';
import { ReportTable, type ReportColumn } from '../reports/ReportTable';
import { directionMark, labelOf, unitOf } from './format';
import { regionsFitting } from './barChartSize';
import { MetricBarChart } from './MetricBarChart';
import { RankingTable } from './RankingTable';
import { RegionRadar } from './RegionRadar';
import type { RegionSeries } from './series';
import { TrendChart } from './TrendChart';
import type { Comparison, ComparisonSettings, MetricDefinition, RegionRef } from './types';

type Props = {
  heading: string | undefined;
  settings: ComparisonSettings;
  parent: RegionRef | null;
  metrics: MetricDefinition[];
  regions: RegionSeries[];
  years: (number | null)[];
  comparison: Comparison;
  onAdjust: () => void;
};

/** The tallest chart drawing that leaves room on its sheet for the chart's title (A4 holds ~1,000 px of 265 mm). */
const sheetChartHeight = 760;
/** Metric columns one ranking table holds across the sheet; more go to a second table, ranked the same. */
const metricsPerTable = 6;

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <Box sx={{ mt: '5mm' }}>
    <Typography component="h2" sx={{ fontSize: '11pt', fontWeight: 600, mb: '2mm', breakAfter: 'avoid' }}>
      {title}
    </Typography>
    <Stack spacing={2}>{children}</Stack>
  </Box>
);

/** "2020—2024" for consecutive years, else each: "2019、2024". */
function yearsText(years: number[], language: 'zh' | 'en'): string {
  const consecutive = years.every((year, index) => index === 0 || year === years[index - 1] + 1);
  if (consecutive && years.length > 1) return `${years[0]}${language === 'en' ? '–' : '—'}${years.at(-1)}`;
  return years.join(language === 'en' ? ', ' : '、');
}

export const ComparisonReport = ({ heading, settings, parent, metrics, regions, years, comparison, onAdjust }: Props) => {
  const translate = useTranslate();
  const language = useLanguage();
  const level = translate(`crc.analysis.levels.${settings.level}`);
  const latest = years.at(-1) ?? null;
  const scope = settings.regionIds.length
    ? translate('crc.analysis.report.chosen', { names: regions.map((region) => region.name).join(language === 'en' ? ', ' : '、'), level })
    : translate('crc.analysis.report.scope', { parent: parent?.name ?? translate('crc.analysis.nationwide'), level, count: regions.length });
  const when = settings.period
    ? translate('crc.analysis.report.period', { from: formatDate(settings.period.from, language), to: formatDate(settings.period.to, language) })
    : translate('crc.analysis.report.years', {
        years: yearsText(
          years.filter((year): year is number => year !== null),
          language,
        ),
      });
  const top = regionsFitting(regions.length, years.length, sheetChartHeight);
  const direction = (metric: MetricDefinition) =>
    `${directionMark(metric)} ${translate(metric.higherIsBetter === null ? 'crc.analysis.neither' : metric.higherIsBetter ? 'crc.analysis.higherBetter' : 'crc.analysis.lowerBetter')}`.trim();
  const metricColumns: ReportColumn[] = [
    { key: 'index', label: translate('crc.analysis.report.columns.index'), width: 6, align: 'center' },
    { key: 'metric', label: translate('crc.analysis.report.columns.metric'), width: 18 },
    { key: 'unit', label: translate('crc.analysis.report.columns.unit'), width: 10 },
    { key: 'kind', label: translate('crc.analysis.report.columns.kind'), width: 8 },
    { key: 'definition', label: translate('crc.analysis.report.columns.definition'), width: 44 },
    { key: 'direction', label: translate('crc.analysis.report.columns.direction'), width: 14 },
  ];
  const metricRows = metrics.map((metric, index) => ({
    key: metric.key,
    cells: [
      index + 1,
      labelOf(metric, language),
      unitOf(metric, language),
      translate(`crc.analysis.report.kinds.${metric.kind}`),
      language === 'en' ? metric.descriptionEn : metric.descriptionZh,
      direction(metric),
    ],
  }));
  const tables = Array.from({ length: Math.ceil(metrics.length / metricsPerTable) }, (_, table) =>
    metrics.slice(table * metricsPerTable, (table + 1) * metricsPerTable).map((_, offset) => table * metricsPerTable + offset),
  );
  const controls = (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }}>
        {translate('crc.analysis.report.hint')}
      </Typography>
      <Button onClick={onAdjust} data-testid="adjust-comparison">
        {translate('crc.analysis.report.adjust')}
      </Button>
    </Stack>
  );
  const title = heading ?? translate('crc.analysis.report.title');
  const lines = [scope, when, translate('crc.reports.madeOn', { date: formatDate(todayInChina(), language) })];
  return (
    <ReportSheet title={title} lines={lines} controls={controls} testId="comparison-report">
      <Section title={translate('crc.analysis.report.metrics')}>
        <ReportTable columns={metricColumns} rows={metricRows} testId="metrics-table" />
      </Section>
      <Section title={translate('crc.analysis.report.ranking', { year: latest === null ? translate('crc.analysis.periodTotal') : String(latest) })}>
        {tables.map((shown) => (
          <RankingTable key={shown.join()} metrics={metrics} shown={shown} regions={regions} year={latest} medians={comparison.medians} parents={comparison.parents} layout="sheet" />
        ))}
      </Section>
      <Section title={translate('crc.analysis.report.charts')}>
        {top > 0 && (
          <Typography sx={{ fontSize: '9pt' }} color="text.secondary">
            {translate('crc.analysis.report.fitted', { count: top })}
          </Typography>
        )}
        {metrics.map((metric, index) => (
          <MetricBarChart key={metric.key} metric={metric} index={index} regions={regions} years={years} medians={comparison.medians} onRegion={() => undefined} top={top} layout="sheet" />
        ))}
        {years.length > 1 && <TrendChart metrics={metrics} regions={regions} years={years as number[]} medians={comparison.medians} />}
        {metrics.length >= 3 && <RegionRadar metrics={metrics} regions={regions} year={latest} medians={comparison.medians} />}
      </Section>
    </ReportSheet>
  );
};
