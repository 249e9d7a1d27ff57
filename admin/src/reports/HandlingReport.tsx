/**
 * 建议办理情况表 (`#/reports/suggestions?region=620822&year=2024`): per handling unit, the suggestions of a
 * region's subtree submitted in a year or period — received, answered, satisfied, closed, overdue as of today —
 * and the totals, from the server's grouped totals (handlingTable.ts). Opens on the latest year in which the
 * region's congress received suggestions.
 */
import { Box, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { inflection } from '../../../schema/shared/inflection';
import { todayInChina } from '../../../schema/shared/validators';
import { RegionPicker } from '../analysis/RegionPicker';
import { useGraphQLQuery } from '../dataProvider/useGraphQLQuery';
import { formatDate } from '../fields/format';
import { useLanguage } from '../fields/useLanguage';
import { useModel } from '../metadata/ModelContext';
import { handlingColumns, handlingQuery, handlingTable, handlingVariables, type HandlingAnswer } from './handlingTable';
import { periodParams, readPeriod, wholeYear, yearPeriod, type ReportPeriod } from './period';
import { PeriodPicker } from './PeriodPicker';
import { regionReportStatus, ReportSheet } from './ReportSheet';
import { ReportTable, type ReportColumn } from './ReportTable';
import { useReportRegion } from './useReportRegion';
import { RegionLevel } from '../../../schema/shared/enums';

const firstYear = 2010;
/** Every level of region, in the model's order. */
const regionLevels = [...RegionLevel.values];

/** The year of the region's latest suggestion up to today (this year if it has none). */
function useLatestYear(regionCode: string | undefined, today: string): number | undefined {
  const model = useModel();
  const suggestion = model.entity('Suggestion');
  const query = `query latestSuggestion($where: ${inflection.filter(suggestion)}) { ${inflection.list(suggestion)}(where: $where, orderBy: [{ field: submittedOn, direction: DESC }], limit: 1) { nodes { id submittedOn } } }`;
  const latest = useGraphQLQuery(
    ['latestSuggestion', regionCode, today],
    (graphql) => graphql<Record<string, { nodes: { submittedOn: string }[] }>>(query, { where: { inRegion: regionCode, submittedOn: { lte: today } } }),
    Boolean(regionCode),
  );
  if (!latest.data) return undefined;
  const submittedOn = latest.data[inflection.list(suggestion)].nodes[0]?.submittedOn;
  return Number((submittedOn ?? today).slice(0, 4));
}

export default function HandlingReport() {
  const model = useModel();
  const translate = useTranslate();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const { code, region, choose } = useReportRegion();
  const today = todayInChina();
  const chosen = readPeriod(params);
  const latestYear = useLatestYear(chosen ? undefined : code, today);
  const period: ReportPeriod | undefined = chosen ?? (latestYear ? yearPeriod(latestYear) : undefined);
  const handling = model.entity('SuggestionHandling');
  const table = useGraphQLQuery(
    ['handlingTable', code, period?.from, period?.to, today],
    async (graphql) => handlingTable(await graphql<HandlingAnswer>(handlingQuery(handling), handlingVariables(code!, period!, today))),
    Boolean(code && region && period),
  );

  const thisYear = Number(today.slice(0, 4));
  const years = Array.from({ length: thisYear - firstYear + 1 }, (_, index) => firstYear + index);
  const setPeriod = (next: ReportPeriod) => {
    const kept = new URLSearchParams(params);
    for (const name of ['year', 'from', 'to']) kept.delete(name);
    for (const [name, value] of Object.entries(periodParams(next))) kept.set(name, value);
    setParams(kept);
  };
  const controls = (
    <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
      <Box sx={{ width: 340 }}>
        <RegionPicker value={region ?? null} onChange={choose} label={translate('crc.reports.region')} levels={regionLevels} testId="report-region" />
      </Box>
      {period && <PeriodPicker value={period} years={years} onChange={setPeriod} />}
    </Stack>
  );
  const periodText = !period
    ? ''
    : wholeYear(period) !== null
      ? translate('crc.reports.period.year', { year: wholeYear(period) })
      : translate('crc.reports.period.range', { from: formatDate(period.from, language), to: formatDate(period.to, language) });
  const title = region ? translate('crc.reports.handling.title', { region: region.name }) : translate('crc.reports.handling.name');
  const status = regionReportStatus(region, table, translate('crc.reports.chooseRegion'), (data) => (data.rows.length === 0 ? translate('crc.reports.handling.empty') : undefined));
  const columns: ReportColumn[] = [
    { key: 'index', label: translate('crc.reports.handling.columns.index'), width: 6, align: 'center' },
    { key: 'unit', label: translate('crc.reports.handling.columns.unit'), width: 31 },
    ...handlingColumns.map((column) => ({ key: column, label: translate(`crc.reports.handling.columns.${column}`), width: 9, align: 'right' as const })),
  ];
  const rows = (table.data?.rows ?? []).map((row, index) => ({ key: row.id, cells: [index + 1, row.name, ...handlingColumns.map((column) => row.counts[column])] }));
  const totals = table.data ? ['', translate('crc.reports.handling.totals'), ...handlingColumns.map((column) => table.data.totals[column])] : undefined;
  const lines = [
    translate('crc.reports.handling.cohort', { period: periodText, today: formatDate(today, language) }),
    translate('crc.reports.handling.units', { count: table.data?.rows.length ?? 0 }),
  ];
  return (
    <ReportSheet title={title} lines={lines} controls={controls} status={status} testId="handling-report">
      <ReportTable columns={columns} rows={rows} totals={totals} testId="handling-table" />
      <p style={{ fontSize: '8.5pt', color: '#333', marginTop: '3mm' }}>{translate('crc.reports.handling.note')}</p>
    </ReportSheet>
  );
}
