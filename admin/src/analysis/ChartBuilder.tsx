/**
 * 自定义图表: any entity's `…Aggregate` as a chart, chosen from metadata — a measure, a grouping and an
 * optional series — with no code per entity; new entities and fields appear by themselves.
 */
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Box, Card, CardContent, LinearProgress, Stack } from '@mui/material';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslate } from 'react-admin';
import { inflection } from '../../../schema/shared/inflection';
import { useLanguage } from '../fields/useLanguage';
import { labelOf, type Model } from '../metadata/model';
import { useModel } from '../metadata/ModelContext';
import type { EntityMeta } from '../metadata/types';
import { ChartCard } from './ChartCard';
import {
  chartable,
  chartWhere,
  groupingKey,
  groupingsOf,
  measureKey,
  numericFieldsOf,
  orderCategories,
  parseGrouping,
  parseMeasure,
  periodFieldsOf,
  readChartSpec,
  writeChartSpec,
  type ChartSpec,
  type Period,
} from './chartSpec';
import { DashboardActions } from './DashboardActions';
import { Picker, topChoices, type Choice } from './Picker';
import { palette } from './series';
import { RegionPicker } from './RegionPicker';
import { axisTick, axisUnit, moneyDivisor } from './units';
import { useRegionByCode } from './useRegionByCode';
import { useGraphQL } from '../dataProvider/useGraphQL';

type Key = { value: string | null; label: string | null };
/** An aggregate row; a withheld one (statistics over people, too few rows the user may not read) has no count or measures. */
type Group = {
  key: Key[];
  count: number | null;
  suppressed: boolean;
  countBelow: number | null;
  sum?: Record<string, string | number | null> | null;
  avg?: Record<string, string | number | null> | null;
};

/** Where a chart row keeps the threshold of a withheld value, beside the value's own key. */
const belowKey = (series: string) => `${series}·below`;

const horizontalFrom = 12;

/** The years a period may start or end in: this year back fifteen (the terms the records cover). */
const yearChoices = (translate: (key: string) => string): Choice[] => {
  const now = new Date().getFullYear();
  return [{ value: '', label: translate('crc.analysis.anyYear') }, ...Array.from({ length: 16 }, (_, back) => ({ value: String(now - back), label: String(now - back) }))];
};

/** The first entity whose records roll up to counties (not the regions themselves): records per county. */
function defaultSpec(model: Model, entities: EntityMeta[]): ChartSpec {
  const byCounty = (entity: EntityMeta) => groupingsOf(model, entity).find((option) => option.grouping.level === 'COUNTY' && option.field.reference?.entity !== entity.name);
  const entity = entities.find((candidate) => byCounty(candidate)) ?? entities[0];
  const county = byCounty(entity);
  return { entity: entity.name, measure: { kind: 'count' }, groups: county ? [county.grouping] : [] };
}

export const ChartBuilder = () => {
  const model = useModel();
  const graphql = useGraphQL();
  const translate = useTranslate();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const entities = useMemo(() => chartable(model), [model]);
  const given = readChartSpec(params);
  const spec: ChartSpec = { ...defaultSpec(model, entities), ...given };
  const entity = model.find(spec.entity) ?? entities[0];
  const [groups, setGroups] = useState<Group[]>();
  const [failure, setFailure] = useState<string>();
  const [top, setTop] = useState(0);
  const dashboardId = params.get('dashboard');
  const show = (next: ChartSpec) => setParams(writeChartSpec(next));

  // A dashboard link without a chart in the address: show what the dashboard saved.
  useEffect(() => {
    if (!dashboardId || given.entity) return;
    graphql<{ dashboard: { settings: ChartSpec } | null }>(
      `
        query ($id: ID!) {
          dashboard(id: $id) {
            settings
          }
        }
      `,
      { id: dashboardId },
    ).then(
      ({ dashboard }) => (dashboard ? setParams(writeChartSpec(dashboard.settings, { dashboard: dashboardId })) : setFailure(translate('crc.analysis.dashboardMissing'))),
      (error: Error) => setFailure(error.message),
    );
  }, [dashboardId]); // eslint-disable-line react-hooks/exhaustive-deps

  const options = groupingsOf(model, entity);
  const numeric = numericFieldsOf(entity);
  const periodFields = periodFieldsOf(entity);
  const period: Period | undefined = spec.period && periodFields.some((field) => field.name === spec.period!.field) ? spec.period : undefined;
  const region = useRegionByCode(entity.regional ? spec.region : undefined);
  const measureField = spec.measure.kind === 'count' ? undefined : numeric.find((field) => field.name === (spec.measure as { field: string }).field);
  const key = writeChartSpec(spec).toString();
  const awaitingDashboard = Boolean(dashboardId) && !given.entity;
  useEffect(() => {
    if (awaitingDashboard) return;
    let current = true;
    const measure = spec.measure.kind === 'count' ? '' : `${spec.measure.kind} { ${spec.measure.field} }`;
    const text = `query($groupBy: [${inflection.groupBy(entity)}!], $where: ${inflection.filter(entity)}) { result: ${inflection.aggregate(entity)}(groupBy: $groupBy, where: $where) { key { value label } count suppressed countBelow ${measure} } }`;
    setGroups(undefined);
    graphql<{ result: Group[] }>(text, { groupBy: spec.groups, where: chartWhere({ ...spec, region: entity.regional ? spec.region : undefined, period }) }).then(
      ({ result }) => current && (setGroups(result), setFailure(undefined)),
      (error: Error) => current && setFailure(error.message),
    );
    return () => {
      current = false;
    };
  }, [key, awaitingDashboard]); // eslint-disable-line react-hooks/exhaustive-deps

  // The records that leave the grouped field empty, named as such (未填写所属区划), not an unexplained blank.
  const emptyOf = (index: number) => {
    const wanted = spec.groups[index];
    const field = wanted ? options.find((candidate) => candidate.key === groupingKey(wanted))?.field : undefined;
    return translate('crc.analysis.emptyOf', { field: field ? labelOf(field, language) : '' });
  };
  const nameOf = (item: Key | undefined, index = 0) => item?.label ?? item?.value ?? emptyOf(index);
  const valueOf = (group: Group) => {
    if (spec.measure.kind === 'count') return group.count;
    const raw = group[spec.measure.kind]?.[spec.measure.field];
    return raw === null || raw === undefined ? null : Number(raw);
  };
  const series = [...new Set((groups ?? []).map((group) => (spec.groups.length > 1 ? nameOf(group.key[1], 1) : translate('crc.analysis.value'))))];
  const byCategory = new Map<string, Record<string, number | null | string>>();
  for (const group of groups ?? []) {
    const category = spec.groups.length ? nameOf(group.key[0]) : labelOf(entity, language);
    const row = byCategory.get(category) ?? { name: category };
    const name = spec.groups.length > 1 ? nameOf(group.key[1], 1) : translate('crc.analysis.value');
    row[name] = valueOf(group);
    if (group.suppressed) row[belowKey(name)] = group.countBelow;
    byCategory.set(category, row);
  }
  const total = (row: Record<string, number | null | string>) => series.reduce((sum, name) => sum + (Number(row[name]) || 0), 0);
  const firstGrouping = spec.groups[0] ? options.find((candidate) => candidate.key === groupingKey(spec.groups[0]))?.field : undefined;
  const sorted = orderCategories<Record<string, number | null | string>>(
    [...byCategory.values()],
    { part: spec.groups[0]?.part, kind: spec.groups[0]?.level ? undefined : firstGrouping?.kind },
    total,
  );
  const data = top ? sorted.slice(0, top) : sorted;
  const horizontal = data.length > horizontalFrom;
  const measureLabel =
    spec.measure.kind === 'count' ? translate('crc.analysis.count') : `${labelOf(measureField ?? { labelZh: '', labelEn: '' }, language)} · ${translate(`crc.analysis.${spec.measure.kind}`)}`;
  const money = measureField?.kind === 'money';
  const withheld = (groups ?? []).some((group) => group.suppressed);
  const below = (row: Record<string, unknown> | undefined, name: string) => row?.[belowKey(name)] as number | undefined;
  const format = (value: unknown, name?: unknown, item?: { payload?: Record<string, unknown> }) =>
    below(item?.payload, String(name)) !== undefined
      ? translate('crc.analysis.withheld', { count: below(item?.payload, String(name)) })
      : typeof value !== 'number'
        ? translate('crc.analysis.noData')
        : money && Math.abs(value) >= 10_000
          ? translate('crc.analysis.tenThousandYuan', { value: (value / 10_000).toLocaleString(undefined, { maximumFractionDigits: 2 }) })
          : value.toLocaleString(undefined, { maximumFractionDigits: 4 });
  const title = `${labelOf(entity, language)} · ${measureLabel}`;
  // Money reads in 万元 on the axis once large, like its tooltips; counts are records; other quantities carry no unit of their own.
  const divisor = money ? moneyDivisor(Math.max(0, ...data.flatMap((row) => series.map((name) => Math.abs(Number(row[name]) || 0))))) : 1;
  const unit = money ? axisUnit(translate('crc.analysis.yuan'), divisor, language) : spec.measure.kind === 'count' ? translate('crc.analysis.records') : null;
  const locale = language === 'en' ? 'en-US' : 'zh-CN';
  const tick = (value: number) => axisTick(value, divisor, locale);
  const periodField = period ? periodFields.find((field) => field.name === period.field) : undefined;
  const years = period ? [period.from ?? '…', period.to ?? '…'].join(language === 'en' ? '–' : '至') : '';
  // Where and when the chart counts, for its subtitle and its files' names (灵台县-2022至2024).
  const scope = [region?.name, periodField && years ? `${labelOf(periodField, language)} ${years}` : ''].filter(Boolean).join(' · ');
  const subtitle = [unit ? `${measureLabel}（${unit}）` : measureLabel, scope].filter(Boolean).join(' · ');
  const filename = [title, region?.name, years.replace(/…/g, '')].filter(Boolean).join('-');
  const csv = () => ({
    headers: [translate('crc.analysis.category'), ...series.map((name) => (money ? `${name}（${translate('crc.analysis.yuan')}）` : name))],
    rows: sorted.map((row) => [row.name, ...series.map((name) => (below(row, name) !== undefined ? `<${below(row, name)}` : (row[name] ?? '')))]),
  });
  const groupLabel = (grouping: { key: string; field: { labelZh: string; labelEn: string } }) => {
    const [, qualifier] = grouping.key.split('@');
    return qualifier ? `${labelOf(grouping.field, language)}（${translate(`crc.analysis.by.${qualifier}`)}）` : labelOf(grouping.field, language);
  };
  const select = (label: string, value: string, onChange: (value: string) => void, choices: Choice[], testId: string, minWidth = 200) => (
    <Picker key={testId} label={label} value={value} onChange={onChange} choices={choices} minWidth={minWidth} testId={testId} />
  );
  return (
    <Stack spacing={2} data-testid="chart-builder">
      <Card variant="outlined">
        <CardContent>
          <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
            {select(
              translate('crc.analysis.entity'),
              entity.name,
              (name) => show({ entity: name, measure: { kind: 'count' }, groups: [], region: spec.region }),
              entities.map((item) => ({ value: item.name, label: labelOf(item, language) })),
              'chart-entity',
            )}
            {select(
              translate('crc.analysis.measure'),
              measureKey(spec.measure),
              (value) => show({ ...spec, measure: parseMeasure(value) }),
              [
                { value: 'count', label: translate('crc.analysis.count') },
                ...numeric.flatMap((field) =>
                  (['sum', 'avg'] as const).map((kind) => ({ value: `${kind}:${field.name}`, label: `${labelOf(field, language)} · ${translate(`crc.analysis.${kind}`)}` })),
                ),
              ],
              'chart-measure',
            )}
            {[0, 1].map((index) =>
              select(
                translate(index === 0 ? 'crc.analysis.groupBy' : 'crc.analysis.seriesBy'),
                spec.groups[index] ? groupingKey(spec.groups[index]) : '',
                (value) => {
                  const next = [...spec.groups];
                  if (value) next[index] = parseGrouping(value);
                  else next.splice(index);
                  show({ ...spec, groups: next.filter(Boolean) });
                },
                [{ value: '', label: translate('crc.analysis.noGrouping') }, ...options.map((grouping) => ({ value: grouping.key, label: groupLabel(grouping) }))],
                `chart-group-${index}`,
              ),
            )}
            {select(translate('crc.analysis.top'), String(top), (value) => setTop(Number(value)), topChoices(translate), 'chart-top')}
          </Stack>
          <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', mt: 2 }} data-testid="chart-scope">
            {entity.regional && (
              <Box sx={{ width: 280 }}>
                <RegionPicker value={region} onChange={(picked) => show({ ...spec, region: picked?.code })} label={translate('crc.analysis.chartRegion')} testId="chart-region" />
              </Box>
            )}
            {periodFields.length > 0 && (
              <>
                {select(
                  translate('crc.analysis.periodBy'),
                  period?.field ?? periodFields[0].name,
                  (field) => show({ ...spec, period: { ...period, field } }),
                  periodFields.map((field) => ({ value: field.name, label: labelOf(field, language) })),
                  'chart-period-field',
                  160,
                )}
                {(['from', 'to'] as const).map((end) =>
                  select(
                    translate(`crc.analysis.period${end === 'from' ? 'From' : 'To'}`),
                    String(period?.[end] ?? ''),
                    (year) => show({ ...spec, period: { ...(period ?? { field: periodFields[0].name }), [end]: year ? Number(year) : undefined } }),
                    yearChoices(translate),
                    `chart-period-${end}`,
                    120,
                  ),
                )}
              </>
            )}
            <Box sx={{ flexGrow: 1 }} />
            <DashboardActions kind="CHART" settings={spec} current={dashboardId} onOpen={(id) => setParams(new URLSearchParams({ view: 'chart', dashboard: id }))} />
          </Stack>
        </CardContent>
      </Card>
      {!groups && !failure && <LinearProgress />}
      {failure && <Alert severity="error">{failure}</Alert>}
      {groups && (
        <ChartCard
          title={title}
          subtitle={subtitle}
          filename={filename}
          csv={csv}
          legend={series.map((name, index) => ({ label: name, color: palette[index % palette.length] }))}
          testId="custom-chart"
        >
          <Box sx={{ maxHeight: 640, overflowY: 'auto' }}>
            <ResponsiveContainer width="100%" height={horizontal ? Math.max(320, data.length * 22 + 80) : 380}>
              <BarChart data={data} layout={horizontal ? 'vertical' : 'horizontal'} margin={{ top: 8, right: 24, bottom: horizontal ? 8 : 48, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" />
                {horizontal ? (
                  <YAxis dataKey="name" type="category" width={120} interval={0} tick={{ fontSize: 12 }} />
                ) : (
                  <XAxis dataKey="name" interval={0} angle={-30} textAnchor="end" height={60} tick={{ fontSize: 12 }} />
                )}
                {horizontal ? <XAxis type="number" tick={{ fontSize: 12 }} tickFormatter={tick} /> : <YAxis width={72} tick={{ fontSize: 12 }} tickFormatter={tick} />}
                <Tooltip formatter={format} />
                <Legend verticalAlign="top" />
                {series.map((name, index) => (
                  <Bar key={name} dataKey={name} fill={palette[index % palette.length]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </Box>
          {withheld && (
            <Alert severity="info" data-testid="chart-withheld" sx={{ mt: 1 }}>
              {translate('crc.analysis.withheldNote', { count: groups.find((group) => group.suppressed)?.countBelow })}
            </Alert>
          )}
        </ChartCard>
      )}
    </Stack>
  );
};
