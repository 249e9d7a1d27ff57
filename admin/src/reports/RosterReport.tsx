/**
 * 代表名册 (`#/reports/roster?region=620822&level=COUNTY`): the active deputies of a region's subtree, of the
 * level its own congress elects unless another (or all) is chosen, in the server's order — surname strokes —
 * numbered, with the columns a roster has (roster.ts), read a page at a time up to the roster's limit.
 */
import { Box, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { inflection } from '../../../schema/shared/inflection';
import { todayInChina } from '../../../schema/shared/validators';
import { Picker } from '../analysis/Picker';
import { RegionPicker } from '../analysis/RegionPicker';
import { useGraphQLQuery } from '../dataProvider/useGraphQLQuery';
import { formatDate } from '../fields/format';
import { plainValue } from '../fields/plainValue';
import { useLanguage } from '../fields/useLanguage';
import { useModel } from '../metadata/ModelContext';
import { fieldAtPath } from '../metadata/model';
import { regionReportStatus, ReportSheet } from './ReportSheet';
import { ReportTable, type ReportColumn } from './ReportTable';
import { indexColumnWidth, laterPages, ownLevel, rosterColumns, rosterLimit, rosterPageSize, rosterQuery, rosterWhere, valueAt, yearMonth } from './roster';
import { useReportRegion } from './useReportRegion';
import { RegionLevel } from '../../../schema/shared/enums';

type Page = { totalCount: number; nodes: Record<string, unknown>[] };

const allLevels = 'ALL';
/** Every level of region, in the model's order. */
const regionLevels = [...RegionLevel.values];

export default function RosterReport() {
  const model = useModel();
  const translate = useTranslate();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const { code, region, choose } = useReportRegion();
  const deputy = model.entity('Deputy');
  const birthDate = fieldAtPath(model, deputy.name, ['person', 'birthDate']);
  const columns = rosterColumns(birthDate?.masked !== false);
  const chosenLevel = params.get('level');
  const level = chosenLevel === allLevels ? null : (chosenLevel ?? (region ? (ownLevel[region.level] ?? null) : null));
  const roster = useGraphQLQuery(
    ['roster', code, level, columns.map((column) => column.key).join()],
    async (graphql) => {
      const query = rosterQuery(deputy, columns);
      const where = rosterWhere(code!, level);
      const read = async (offset: number) => (await graphql<Record<string, Page>>(query, { where, offset, limit: rosterPageSize }))[inflection.list(deputy)];
      const first = await read(0);
      if (first.totalCount > rosterLimit) return { totalCount: first.totalCount, nodes: [] };
      const nodes = [...first.nodes];
      // One page after the other: a long roster never holds more than one of the staff pool's connections.
      for (const offset of laterPages(first.totalCount)) nodes.push(...(await read(offset)).nodes);
      return { totalCount: first.totalCount, nodes };
    },
    Boolean(code && region),
  );

  const levelField = deputy.fields.find((field) => field.name === 'level')!;
  const levelLabel = level ? translate(`crc.enums.${levelField.graphqlType}.${level}`) : translate('crc.reports.roster.allLevels');
  const title = region ? translate('crc.reports.roster.title', { region: region.name, level: levelLabel }) : translate('crc.reports.roster.name');
  const setLevel = (value: string) => {
    const next = new URLSearchParams(params);
    next.set('level', value);
    setParams(next);
  };
  const controls = (
    <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
      <Box sx={{ width: 340 }}>
        {/* A roster lists people: a user bounded to a region reads only its subtree's, so is offered only that. */}
        <RegionPicker value={region ?? null} onChange={choose} label={translate('crc.reports.region')} levels={regionLevels} within={model.viewer.region?.code} testId="report-region" />
      </Box>
      <Picker
        label={translate('crc.reports.roster.level')}
        value={level ?? allLevels}
        onChange={setLevel}
        choices={[
          { value: allLevels, label: translate('crc.reports.roster.all') },
          ...(levelField.options ?? []).map((option) => ({ value: option.value, label: translate(`crc.enums.${levelField.graphqlType}.${option.value}`) })),
        ]}
        minWidth={180}
        testId="roster-level"
      />
    </Stack>
  );

  const status = regionReportStatus(region, roster, translate('crc.reports.chooseRegion'), (data) =>
    data.totalCount > rosterLimit ? translate('crc.reports.roster.tooMany', { count: data.totalCount, limit: rosterLimit }) : data.totalCount === 0 ? translate('crc.reports.roster.empty') : undefined,
  );
  const tableColumns: ReportColumn[] = [
    { key: 'index', label: translate('crc.reports.roster.columns.index'), width: indexColumnWidth, align: 'center' },
    ...columns.map((column) => ({ key: column.key, label: translate(`crc.reports.roster.columns.${column.key}`), width: column.width })),
  ];
  // Each column's field found once, not once a cell (a roster has up to 5,000 rows).
  const fields = columns.map((column) => fieldAtPath(model, deputy.name, column.path));
  const cell = (node: Record<string, unknown>, index: number) => {
    const value = valueAt(node, columns[index].path);
    const field = fields[index];
    if (field?.kind === 'date') return yearMonth(value);
    return field ? plainValue(model, field, value, language, translate) : String(value ?? '');
  };
  const rows = (roster.data?.nodes ?? []).map((node, index) => ({ key: String(node.id), cells: [index + 1, ...columns.map((_column, at) => cell(node, at))] }));
  const lines = [translate('crc.reports.roster.count', { count: roster.data?.totalCount ?? 0 }), translate('crc.reports.madeOn', { date: formatDate(todayInChina(), language) })];
  return (
    <ReportSheet title={title} lines={lines} controls={controls} status={status} testId="roster-report">
      <ReportTable columns={tableColumns} rows={rows} testId="roster-table" />
    </ReportSheet>
  );
}
