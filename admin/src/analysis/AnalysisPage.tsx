/**
 * 对比分析: regions compared on the metrics catalog — a grouped bar chart per metric, the trend over the
 * years, one region against the median on a radar, and the ranking. Everything comes from `metricCatalog`
 * and `compareRegions`; the settings live in the address, so the back button, links and saved dashboards
 * all reopen the same comparison — and `report=1` lays the same comparison out as a printed report
 * (ComparisonReport.tsx). Loaded on demand with recharts (its own chunk).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { comparisonQuery } from './comparisonQuery';
import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, Tab, Tabs, Typography } from '@mui/material';
import PrintIcon from '@mui/icons-material/Print';
import { Title, useNotify, useTranslate } from 'react-admin';
import { useLanguage } from '../fields/useLanguage';
import { acceptLanguageOf } from '../i18n/i18nProvider';
import { ChartBuilder } from './ChartBuilder';
import { ComparisonControls } from './ComparisonControls';
import { ComparisonNotices } from './ComparisonNotices';
import { ComparisonReport } from './ComparisonReport';
import { DashboardActions } from './DashboardActions';
import { MetricBarChart } from './MetricBarChart';
import { Picker, topChoices } from './Picker';
import { RankingTable } from './RankingTable';
import { RegionRadar } from './RegionRadar';
import { regionsOf, yearsOf, type RegionSeries } from './series';
import { completeSettings, readSettings, writeSettings } from './settings';
import { TrendChart } from './TrendChart';
import { DashboardTableRegistry, DashboardTables, ExportScope } from './ExportScope';
import { downloadDashboardXlsx } from './exportChart';
import { exportScope } from './format';
import type { Comparison, ComparisonSettings, MetricDefinition, RegionRef, SavedSettings } from './types';
import { useGraphQL } from '../dataProvider/useGraphQL';
import { useStartingPoint } from './useStartingPoint';

const childrenQuery = `query($where: RegionFilter) { regions(where: $where, limit: 1000, orderBy: [{ field: code }]) { nodes { id name code level validFrom validTo } } }`;
const regionQuery = `query($id: ID!) { region(id: $id) { id name code level validFrom validTo } }`;
const dashboardQuery = `query($id: ID!) { dashboard(id: $id) { id name settings } }`;
const codeQuery = `query($code: String!) { regions(where: { code: { eq: $code } }, limit: 1) { nodes { id } } }`;

/** Regions of a level anywhere below a parent (a county three levels down from a province at most). */
const below = (parentId: string | null, level: string) => ({
  level: { eq: level },
  ...(parentId ? { OR: [{ parent: { id: { eq: parentId } } }, { parent: { parent: { id: { eq: parentId } } } }, { parent: { parent: { parent: { id: { eq: parentId } } } } }] } : {}),
});

const childLevel: Record<string, string> = { PROVINCE: 'CITY', CITY: 'COUNTY', COUNTY: 'TOWNSHIP' };

function RegionComparison() {
  const graphql = useGraphQL();
  const translate = useTranslate();
  const notify = useNotify();
  const language = useLanguage();
  // Every chart's table, for the whole dashboard as one workbook (a sheet per chart, in page order).
  const tables = useMemo(() => new DashboardTableRegistry(), []);
  const [params, setParams] = useSearchParams();
  const loaded = useStartingPoint();
  const start = loaded instanceof Error ? undefined : loaded;
  const dashboardId = params.get('dashboard');
  const report = params.get('report') === '1';
  const [dashboardName, setDashboardName] = useState<string>();
  const settings = useMemo(() => (start ? completeSettings(readSettings(params), start.settings) : undefined), [params, start]);
  const [parent, setParent] = useState<RegionRef | null>(null);
  const [choices, setChoices] = useState<RegionRef[]>([]);
  const [comparison, setComparison] = useState<Comparison>();
  const [failure, setFailure] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [top, setTop] = useState(0);

  const show = useCallback(
    (next: ComparisonSettings, dashboard: string | null = dashboardId) => setParams(writeSettings(next, { ...(dashboard ? { dashboard } : {}), ...(report ? { report: '1' } : {}) })),
    [setParams, dashboardId, report],
  );
  /** The report of what is on screen, or back from it: the same address with `report` set or not. */
  const showReport = (on: boolean) => {
    const next = new URLSearchParams(params);
    if (on) next.set('report', '1');
    else next.delete('report');
    setParams(next);
  };
  const update = (next: Partial<ComparisonSettings>) => settings && show({ ...settings, ...next }, null);

  // A dashboard link without settings: read the dashboard and show what it saved.
  useEffect(() => {
    if (!dashboardId) return setDashboardName(undefined);
    (async () => {
      const { dashboard } = await graphql<{ dashboard: { name: string; settings: SavedSettings } | null }>(dashboardQuery, { id: dashboardId });
      if (!dashboard) return setFailure(translate('crc.analysis.dashboardMissing'));
      setDashboardName(dashboard.name);
      if (params.has('metrics') || !start) return;
      const { parentCode, ...saved } = dashboard.settings;
      if (parentCode) saved.parentId = (await graphql<{ regions: { nodes: { id: string }[] } }>(codeQuery, { code: parentCode })).regions.nodes[0]?.id ?? null;
      show(completeSettings(saved, start.settings), dashboardId);
    })().catch((error: Error) => setFailure(error.message));
  }, [dashboardId, start]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!settings?.parentId) return setParent(null);
    if (parent?.id === settings.parentId) return;
    graphql<{ region: RegionRef | null }>(regionQuery, { id: settings.parentId }).then(
      ({ region }) => setParent(region),
      () => undefined,
    );
  }, [settings?.parentId]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!settings) return;
    graphql<{ regions: { nodes: RegionRef[] } }>(childrenQuery, { where: below(settings.parentId, settings.level) }).then(
      ({ regions }) => setChoices(regions.nodes),
      () => setChoices([]),
    );
  }, [settings?.parentId, settings?.level]); // eslint-disable-line react-hooks/exhaustive-deps

  const key = settings ? writeSettings(settings).toString() : '';
  // A dashboard link is compared once its settings are in the address, not first on the defaults.
  const awaitingDashboard = Boolean(dashboardId) && !params.has('metrics');
  useEffect(() => {
    if (!settings || !start || awaitingDashboard) return;
    let current = true;
    setLoading(true);
    const variables = {
      metrics: settings.metrics,
      level: settings.level,
      parentId: settings.regionIds.length ? null : settings.parentId,
      regionIds: settings.regionIds.length ? settings.regionIds : null,
      years: settings.period ? null : settings.years,
      period: settings.period,
    };
    graphql<{ compareRegions: Comparison }>(comparisonQuery, variables)
      .then(
        ({ compareRegions }) => current && (setComparison(compareRegions), setFailure(undefined)),
        (error: Error) => current && setFailure(error.message),
      )
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [key, awaitingDashboard]); // eslint-disable-line react-hooks/exhaustive-deps

  if (loaded instanceof Error) return <Alert severity="error">{loaded.message}</Alert>;
  if (!start || !settings) return <LinearProgress />;
  const catalog = start.catalog;
  const metrics = (comparison?.metrics ?? []).map((metricKey) => catalog.find((metric) => metric.key === metricKey)).filter((metric): metric is MetricDefinition => Boolean(metric));
  const regions = comparison ? regionsOf(comparison) : [];
  const years = comparison ? yearsOf(comparison) : [];
  const latest = years.at(-1) ?? null;
  const drill = (region: RegionSeries) => {
    const level = childLevel[region.level];
    if (!level) return;
    setParent(region);
    update({ parentId: region.id, level, regionIds: [] });
  };
  const heading = dashboardName ?? translate('crc.analysis.title');
  const scope = exportScope(
    {
      parent: settings.regionIds.length ? null : (parent?.name ?? translate('crc.analysis.nationwide')),
      level: translate(`crc.analysis.levels.${settings.level}`),
      years: years.filter((year): year is number => typeof year === 'number'),
      period: settings.period,
    },
    translate('crc.analysis.until'),
  );
  const exportDashboard = () => {
    const pageOrder = () => [...document.querySelectorAll('[data-dashboard-table]')].map((card) => card.getAttribute('data-dashboard-table')!);
    const sheets = tables.sheets((keys) => pageOrder().filter((key) => keys.includes(key)));
    downloadDashboardXlsx(sheets, [heading, scope].filter(Boolean).join('-'), acceptLanguageOf[language]).catch((error: Error) => notify(error.message, { type: 'error' }));
  };
  if (report) {
    if (failure)
      return (
        <Alert severity="error" sx={{ mt: 2 }}>
          {failure}
        </Alert>
      );
    if (!comparison || loading) return <LinearProgress sx={{ mt: 2 }} />;
    if (regions.length === 0)
      return (
        <Alert severity="info" sx={{ mt: 2 }}>
          {translate('crc.analysis.nothing')}
        </Alert>
      );
    return (
      <ExportScope.Provider value={scope}>
        <ComparisonReport heading={dashboardName} settings={settings} parent={parent} metrics={metrics} regions={regions} years={years} comparison={comparison} onAdjust={() => showReport(false)} />
      </ExportScope.Provider>
    );
  }
  return (
    <Box sx={{ mt: 1, mb: 4 }} data-testid="analysis-page">
      <Title title={heading} />
      <Stack direction="row" sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap', gap: 1 }}>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }}>
          {heading}
          {parent && (
            <Typography component="span" variant="subtitle1" color="text.secondary" sx={{ ml: 1 }}>
              {translate('crc.analysis.under', { parent: parent.name, level: translate(`crc.analysis.levels.${settings.level}`) })}
            </Typography>
          )}
        </Typography>
        <DashboardActions kind="COMPARISON" settings={settings} current={dashboardId} onOpen={(id) => setParams(new URLSearchParams({ dashboard: id }))} />
        <Button onClick={exportDashboard} disabled={!comparison || regions.length === 0} data-testid="export-dashboard">
          {translate('crc.analysis.exportDashboard')}
        </Button>
        <Button startIcon={<PrintIcon />} onClick={() => showReport(true)} disabled={!comparison || regions.length === 0} data-testid="open-report">
          {translate('crc.analysis.report.open')}
        </Button>
      </Stack>
      <Card variant="outlined" sx={{ mb: 2 }} data-print="hide">
        <CardContent>
          <ComparisonControls
            settings={settings}
            catalog={catalog}
            parent={parent}
            choices={choices}
            yearChoices={start.years}
            onChange={update}
            onParent={(region) => {
              setParent(region);
              if (region) update({ parentId: region.id, level: childLevel[region.level] ?? settings.level, regionIds: [] });
            }}
          />
        </CardContent>
      </Card>
      {regions.length > 12 && (
        <Box sx={{ mb: 2 }}>
          <Picker label={translate('crc.analysis.top')} value={String(top)} onChange={(value) => setTop(Number(value))} choices={topChoices(translate)} testId="compare-top" />
        </Box>
      )}
      {loading && <LinearProgress sx={{ mb: 1 }} />}
      {failure && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {failure}
        </Alert>
      )}
      {comparison && <ComparisonNotices comparison={comparison} catalog={catalog} />}
      {comparison && regions.length === 0 && !loading && <Alert severity="info">{translate('crc.analysis.nothing')}</Alert>}
      {comparison && regions.length > 0 && (
        <ExportScope.Provider value={scope}>
          <DashboardTables.Provider value={tables}>
            <Stack spacing={2}>
              <RankingTable metrics={metrics} regions={regions} year={latest} medians={comparison.medians} parents={comparison.parents} onRegion={drill} />
              <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: regions.length > 12 ? '1fr' : '1fr 1fr' } }}>
                {metrics.map((metric, index) => (
                  <MetricBarChart key={metric.key} metric={metric} index={index} regions={regions} years={years} medians={comparison.medians} onRegion={drill} top={top} />
                ))}
              </Box>
              <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
                {years.length > 1 && <TrendChart metrics={metrics} regions={regions} years={years as number[]} medians={comparison.medians} />}
                {metrics.length >= 3 && <RegionRadar metrics={metrics} regions={regions} year={latest} medians={comparison.medians} />}
              </Box>
              <Typography variant="caption" color="text.secondary">
                {translate('crc.analysis.freshness')}
              </Typography>
            </Stack>
          </DashboardTables.Provider>
        </ExportScope.Provider>
      )}
    </Box>
  );
}

/** The page: 区划对比 and 自定义图表 as two tabs, the tab kept in the address like everything else. */
export default function AnalysisPage() {
  const [params, setParams] = useSearchParams();
  const translate = useTranslate();
  const chart = params.get('view') === 'chart';
  return (
    <Box>
      <Tabs value={chart ? 'chart' : 'compare'} onChange={(_event, value) => setParams(value === 'chart' ? new URLSearchParams({ view: 'chart' }) : new URLSearchParams())} sx={{ mb: 1 }}>
        <Tab value="compare" label={translate('crc.analysis.tabs.compare')} data-testid="tab-compare" />
        <Tab value="chart" label={translate('crc.analysis.tabs.chart')} data-testid="tab-chart" />
      </Tabs>
      {chart ? (
        <>
          <Title title={translate('crc.analysis.tabs.chart')} />
          <ChartBuilder />
        </>
      ) : (
        <RegionComparison />
      )}
    </Box>
  );
}
