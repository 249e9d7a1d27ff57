/**
 * A leader's home: the key metrics of their scope (the analysis page's first metrics, for their region or the
 * installation's default one) this year against last, the regions furthest from the median on each, and
 * their dashboards — each a link into the analysis page that shows it in full.
 */
import { useEffect, useState } from 'react';
import { Alert, Box, Card, CardActionArea, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import { LinkBase, useTranslate } from 'react-admin';
import { levelOfDivisionCode } from '../../../schema/shared/validators';
import { comparisonQuery } from '../analysis/comparisonQuery';
import { ComparisonNotices } from '../analysis/ComparisonNotices';
import { formatMetric, labelOf } from '../analysis/format';
import { writeSettings } from '../analysis/settings';
import type { Comparison, ComparisonSettings } from '../analysis/types';
import { useStartingPoint } from '../analysis/useStartingPoint';
import { useGraphQL } from '../dataProvider/useGraphQL';
import { useLanguage } from '../fields/useLanguage';
import type { Viewer } from '../metadata/types';
import { comparedLevel, furthestFromMedian, keyChanges, type Direction } from './keyMetrics';
import { SavedDashboards } from './SavedDashboards';

const tone: Record<Direction, string> = { better: 'success.main', worse: 'error.main', neutral: 'text.secondary' };

export const KeyMetrics = ({ viewer }: { viewer: Viewer }) => {
  const graphql = useGraphQL();
  const translate = useTranslate();
  const language = useLanguage();
  const start = useStartingPoint();
  const [comparison, setComparison] = useState<Comparison | Error>();
  const loaded = start && !(start instanceof Error) ? start : undefined;
  const year = loaded?.settings.years.at(-1);
  // A leader bounded to a region looks at it; one who is not, at the region the installation names.
  const settings: ComparisonSettings | undefined =
    loaded && year
      ? {
          ...loaded.settings,
          parentId: viewer.region?.id ?? loaded.settings.parentId,
          level: viewer.region ? comparedLevel(levelOfDivisionCode(viewer.region.code)) : loaded.settings.level,
          years: [year - 1, year],
        }
      : undefined;
  useEffect(() => {
    if (!settings) return;
    graphql<{ compareRegions: Comparison }>(comparisonQuery, { ...settings, regionIds: null, period: null }).then(
      ({ compareRegions }) => setComparison(compareRegions),
      (error: Error) => setComparison(error),
    );
  }, [settings?.parentId, year]); // eslint-disable-line react-hooks/exhaustive-deps

  const failure = start instanceof Error ? start : comparison instanceof Error ? comparison : undefined;
  if (failure) return <Alert severity="error">{failure.message}</Alert>;
  if (!loaded || !settings || !year || !comparison || comparison instanceof Error) return <LinearProgress sx={{ my: 2 }} />;
  const scope = comparison.parents.find((row) => row.region?.id === settings.parentId)?.region;
  const changes = keyChanges(loaded.catalog, comparison, settings.parentId ?? '', year);
  const outliers = furthestFromMedian(loaded.catalog, comparison, year);
  const analysisLink = (metrics: string[]) => `/analysis?${writeSettings({ ...settings, metrics, years: [year] })}`;
  const value = (metric: (typeof changes)[number]['metric'], amount: number | null) => formatMetric(metric, amount, language);
  return (
    <Box data-testid="key-metrics">
      <Typography variant="h6" component="h2" sx={{ mt: 2, mb: 1 }}>
        {translate('crc.home.keyMetrics', { scope: scope?.name ?? '', year })}
      </Typography>
      <ComparisonNotices comparison={comparison} catalog={loaded.catalog} />
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 1.5 }}>
        {changes.map((change) => (
          <Card key={change.metric.key} variant="outlined" data-testid={`key-${change.metric.key}`}>
            <CardActionArea component={LinkBase} to={analysisLink([change.metric.key])}>
              <CardContent sx={{ py: 1.5 }}>
                <Typography variant="body2" color="text.secondary">
                  {labelOf(change.metric, language)}
                </Typography>
                <Typography variant="h5" component="p">
                  {value(change.metric, change.current)}
                </Typography>
                <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', color: tone[change.direction] }}>
                  {change.current !== null && change.previous !== null && change.current > change.previous && <ArrowUpwardIcon fontSize="inherit" />}
                  {change.current !== null && change.previous !== null && change.current < change.previous && <ArrowDownwardIcon fontSize="inherit" />}
                  <Typography variant="body2" data-testid="previous">
                    {translate('crc.home.lastYear', { year: year - 1, value: value(change.metric, change.previous) })}
                  </Typography>
                </Stack>
              </CardContent>
            </CardActionArea>
          </Card>
        ))}
      </Box>
      {outliers.length > 0 && (
        <>
          <Typography variant="h6" component="h2" sx={{ mt: 2, mb: 1 }}>
            {translate('crc.home.outliers', { year })}
          </Typography>
          <Stack spacing={1} data-testid="outliers">
            {outliers.map((outlier) => (
              <Card key={outlier.metric.key} variant="outlined">
                <CardActionArea component={LinkBase} to={analysisLink([outlier.metric.key])}>
                  <CardContent sx={{ py: 1, display: 'flex', gap: 1.5, alignItems: 'baseline', flexWrap: 'wrap' }}>
                    <Typography variant="body1" sx={{ fontWeight: 500 }}>
                      {outlier.region.name}
                    </Typography>
                    <Typography variant="body2">{labelOf(outlier.metric, language)}</Typography>
                    <Typography variant="body2" sx={{ color: tone[outlier.direction] }}>
                      {translate(outlier.value > outlier.median ? 'crc.home.aboveMedian' : 'crc.home.belowMedian', {
                        value: value(outlier.metric, outlier.value),
                        median: value(outlier.metric, outlier.median),
                      })}
                    </Typography>
                  </CardContent>
                </CardActionArea>
              </Card>
            ))}
          </Stack>
        </>
      )}
      <SavedDashboards />
    </Box>
  );
};
