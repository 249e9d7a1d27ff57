/**
 * The ranking: regions by the chosen metric (best first in its better direction), every metric's value
 * with its unit, the median and the parent below; a region's name drills down into it. On a report's sheet
 * (`layout="sheet"`) it fits the sheet's width: no scrolling, headers that wrap, narrow cells, and only the
 * metrics `shown` (a report splits many metrics over several tables, all ranked by the first metric).
 */
import { useState } from 'react';
import { Link, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TableSortLabel, Tooltip } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useLanguage } from '../fields/useLanguage';
import { ChartCard } from './ChartCard';
import { directionMark, exportedValue, formatMetric, labelOf, unitOf } from './format';
import { ranked, valueAt, type RegionSeries } from './series';
import type { ComparisonRow, MetricDefinition } from './types';

type Props = {
  metrics: MetricDefinition[];
  regions: RegionSeries[];
  year: number | null;
  medians: ComparisonRow[];
  parents: ComparisonRow[];
  onRegion?: (region: RegionSeries) => void;
  layout?: 'screen' | 'sheet';
  /** The positions in `metrics` of the columns shown (all unless said). */
  shown?: number[];
};

const sheetCells = { '& th, & td': { px: '4px', py: '3px', fontSize: '9pt', lineHeight: 1.3 }, '& th': { whiteSpace: 'normal !important', verticalAlign: 'bottom' } };

export const RankingTable = ({ metrics, regions, year, medians, parents, onRegion, layout = 'screen', shown }: Props) => {
  const language = useLanguage();
  const translate = useTranslate();
  const [sortBy, setSortBy] = useState(0);
  const metric = metrics[Math.min(sortBy, metrics.length - 1)];
  const ordered = ranked(regions, metrics.indexOf(metric), year, metric);
  const columns = (shown ?? metrics.map((_, index) => index)).map((index) => ({ item: metrics[index], index }));
  const sheet = layout === 'sheet';
  const directionHint = (item: MetricDefinition) =>
    item.higherIsBetter === null ? translate('crc.analysis.neither') : translate(item.higherIsBetter ? 'crc.analysis.higherBetter' : 'crc.analysis.lowerBetter');
  const csv = () => ({
    headers: [translate('crc.analysis.rank'), translate('crc.analysis.region'), translate('crc.analysis.code'), ...metrics.map((item) => `${labelOf(item, language)}（${unitOf(item, language)}）`)],
    rows: ordered.map((region, rank) => [rank + 1, region.name, region.code, ...metrics.map((item, index) => exportedValue(item, region.byYear.get(year)?.[index]))]),
  });
  const summary = (label: string, values: (index: number) => number | null) => (
    <TableRow sx={{ '& td': { fontStyle: 'italic', bgcolor: 'action.hover' } }}>
      <TableCell />
      <TableCell>{label}</TableCell>
      {columns.map(({ item, index }) => (
        <TableCell key={item.key} align="right">
          {formatMetric(item, values(index), language)}
        </TableCell>
      ))}
    </TableRow>
  );
  return (
    <ChartCard
      title={translate('crc.analysis.ranking')}
      subtitle={year === null ? translate('crc.analysis.periodTotal') : String(year)}
      filename={translate('crc.analysis.ranking')}
      csv={csv}
      testId="ranking"
    >
      <TableContainer sx={sheet ? {} : { maxHeight: 560 }}>
        <Table size="small" stickyHeader={!sheet} sx={sheet ? sheetCells : undefined}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('crc.analysis.rank')}</TableCell>
              <TableCell>{translate('crc.analysis.region')}</TableCell>
              {columns.map(({ item, index }) => (
                <TableCell key={item.key} align="right" sx={{ whiteSpace: 'nowrap' }}>
                  <Tooltip title={`${language === 'en' ? item.descriptionEn : item.descriptionZh} · ${directionHint(item)}`}>
                    <TableSortLabel active={metric === item} direction={item.higherIsBetter === false ? 'asc' : 'desc'} onClick={() => setSortBy(index)}>
                      {labelOf(item, language)} {directionMark(item)}
                      <br />（{unitOf(item, language)}）
                    </TableSortLabel>
                  </Tooltip>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {ordered.map((region, rank) => (
              <TableRow key={region.id} hover data-testid="ranking-row">
                <TableCell>{rank + 1}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {onRegion ? (
                    <Link component="button" onClick={() => onRegion(region)} title={translate('crc.analysis.drillDown')}>
                      {region.name}
                    </Link>
                  ) : (
                    region.name
                  )}
                </TableCell>
                {columns.map(({ item, index }) => (
                  <TableCell key={item.key} align="right">
                    {formatMetric(item, region.byYear.get(year)?.[index] ?? null, language)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
            {summary(translate('crc.analysis.median'), (index) => valueAt(medians, year, index))}
            {parents.length === 1 && summary(translate('crc.analysis.parentValue'), (index) => valueAt(parents, year, index))}
          </TableBody>
        </Table>
      </TableContainer>
    </ChartCard>
  );
};
