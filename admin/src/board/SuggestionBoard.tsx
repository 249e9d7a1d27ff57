/**
 * 办理看板 (`#/board?region=620822&year=2024`), the secretariat's: a column per workflow state with the server's
 * count and the latest submitted (title, deputies, lead unit, due date), and the key-supervised suggestions with
 * their leader and progress (boardQuery.ts). Of the user's own region unless another within it is chosen; of
 * every year unless one is.
 */
import { Alert, Box, Card, CardContent, Chip, LinearProgress, Link, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { LinkBase, useCreatePath, useTranslate } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { RegionLevel, SuggestionStatus } from '../../../schema/shared/enums';
import { todayInChina } from '../../../schema/shared/validators';
import { Picker } from '../analysis/Picker';
import { RegionPicker } from '../analysis/RegionPicker';
import { useGraphQLQuery } from '../dataProvider/useGraphQLQuery';
import { formatDate } from '../fields/format';
import { useLanguage } from '../fields/useLanguage';
import { useModel } from '../metadata/ModelContext';
import { useReportRegion } from '../reports/useReportRegion';
import { boardColumns, boardQuery, boardWhere, supervisionRows, type BoardAnswer, type BoardColumn, type SupervisionRow } from './boardQuery';
import { PageHeading } from '../layout/PageHeading';

const firstYear = 2010;
/** The year picker's choice of no year in particular. */
const allYears = 'all';

export default function SuggestionBoard() {
  const model = useModel();
  const translate = useTranslate();
  const [params, setParams] = useSearchParams();
  const { code, region, choose } = useReportRegion();
  const today = todayInChina();
  const year = params.get('year') ?? allYears;
  const chosenYear = year === allYears ? undefined : Number(year);
  const scope = boardWhere({ regionCode: code, year: chosenYear });
  const suggestion = model.entity('Suggestion');
  const board = useGraphQLQuery(
    ['suggestionBoard', scope, today],
    async (graphql) => {
      const answer = await graphql<BoardAnswer>(boardQuery(suggestion), { scope });
      return { columns: boardColumns(answer), supervised: supervisionRows(answer, today), supervisedCount: answer.supervised.totalCount };
    },
    code !== undefined || region === null,
  );
  const thisYear = Number(today.slice(0, 4));
  const years = Array.from({ length: thisYear - firstYear + 1 }, (_, index) => String(thisYear - index));
  const chooseYear = (picked: string) => {
    const next = new URLSearchParams(params);
    if (picked !== allYears) next.set('year', picked);
    else next.delete('year');
    setParams(next);
  };
  return (
    <Box sx={{ mt: 2, minWidth: 0 }} data-testid="suggestion-board">
      <PageHeading page="board" />
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', mb: 2 }}>
        <Box sx={{ width: 340 }}>
          <RegionPicker value={region ?? null} onChange={choose} label={translate('crc.board.region')} levels={RegionLevel.values} within={model.viewer.region?.code} testId="board-region" />
        </Box>
        <Picker
          label={translate('crc.board.year')}
          value={year}
          onChange={chooseYear}
          choices={[{ value: allYears, label: translate('crc.board.allYears') }, ...years.map((value) => ({ value, label: translate('crc.board.yearOption', { year: value }) }))]}
          minWidth={140}
          testId="board-year"
        />
      </Stack>
      {board.isPending && <LinearProgress />}
      {board.error && <Alert severity="error">{board.error.message}</Alert>}
      {board.data && (
        <>
          <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(230px, 1fr))', gap: 1.5 }} data-testid="board-columns">
            {board.data.columns.map((column) => (
              <StateColumn key={column.state} column={column} />
            ))}
          </Box>
          <Supervision rows={board.data.supervised} count={board.data.supervisedCount} />
        </>
      )}
    </Box>
  );
}

const StateColumn = ({ column }: { column: BoardColumn }) => {
  const translate = useTranslate();
  const language = useLanguage();
  const createPath = useCreatePath();
  const colour = SuggestionStatus.options.find((option) => option.value === column.state)?.color ?? 'default';
  return (
    <Card variant="outlined" sx={{ bgcolor: 'action.hover' }} data-testid={`board-${column.state}`}>
      <CardContent sx={{ p: 1.25 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="subtitle1" component="h2">
            {SuggestionStatus.label(column.state, language)}
          </Typography>
          <Chip size="small" color={column.count ? colour : 'default'} label={column.count.toLocaleString('en-US')} data-testid={`board-${column.state}-count`} />
        </Stack>
        {column.cards.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {translate('crc.board.none')}
          </Typography>
        )}
        <Stack spacing={1}>
          {column.cards.map((card) => (
            <Card key={card.id} variant="outlined" sx={{ p: 1 }} data-testid="board-card">
              <Link component={LinkBase} to={createPath({ resource: 'Suggestion', id: card.id, type: 'show' })} variant="body2" underline="hover">
                {card.number} {card.title}
              </Link>
              {card.deputies.length > 0 && (
                <Typography variant="caption" component="p" color="text.secondary">
                  {translate('crc.board.deputy')}：{card.deputies.join('、')}
                  {card.moreDeputies > 0 ? ` +${card.moreDeputies}` : ''}
                </Typography>
              )}
              {card.leadUnit && (
                <Typography variant="caption" component="p" color="text.secondary">
                  {translate('crc.board.lead')}：{card.leadUnit}
                </Typography>
              )}
              {card.dueOn && (
                <Typography variant="caption" component="p" color="text.secondary">
                  {translate('crc.board.due')}：{formatDate(card.dueOn, language)}
                </Typography>
              )}
            </Card>
          ))}
        </Stack>
        {column.count > column.cards.length && (
          <Typography variant="caption" color="text.secondary">
            {translate('crc.board.more', { shown: column.cards.length, count: column.count })}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
};

const Supervision = ({ rows, count }: { rows: SupervisionRow[]; count: number }) => {
  const translate = useTranslate();
  const language = useLanguage();
  const createPath = useCreatePath();
  const header = (key: string) => translate(`crc.board.supervision.columns.${key}`);
  return (
    <Box sx={{ mt: 3 }} data-testid="supervision">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2">
          {translate('crc.board.supervision.title')}
        </Typography>
        <Chip size="small" label={count.toLocaleString('en-US')} data-testid="supervision-count" />
      </Stack>
      {rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('crc.board.supervision.empty')}
        </Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              {['number', 'title', 'leader', 'state', 'lead', 'due', 'overdue'].map((key) => (
                <TableCell key={key}>{header(key)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.id} data-testid="supervision-row">
                <TableCell>{row.number}</TableCell>
                <TableCell>
                  <Link component={LinkBase} to={createPath({ resource: 'Suggestion', id: row.id, type: 'show' })} underline="hover">
                    {row.title}
                  </Link>
                </TableCell>
                <TableCell>{row.leader ?? ''}</TableCell>
                <TableCell>{SuggestionStatus.label(row.state, language)}</TableCell>
                <TableCell>{row.leadUnit ?? ''}</TableCell>
                <TableCell>{row.dueOn ? formatDate(row.dueOn, language) : translate('crc.board.noDue')}</TableCell>
                <TableCell sx={{ color: row.daysOverdue ? 'error.main' : 'text.secondary' }}>
                  {row.daysOverdue ? translate('crc.board.supervision.days', { smart_count: row.daysOverdue }) : translate('crc.board.supervision.notOverdue')}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
};
