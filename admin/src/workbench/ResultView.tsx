/**
 * 表格 / JSON above GraphiQL's result: the result of the current tab's last run as a table (resultTable.ts:
 * the first list's rows, flattened as the CSV export flattens them, codes read as labels) over GraphiQL's
 * JSON, which stays underneath. It sits in GraphiQL's own `GraphiQL.Footer` slot, inside the response pane;
 * the result comes from GraphiQL's store (the tab keeps its last response, so a reload shows it again).
 */
import { useMemo, useState } from 'react';
import { Box, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { pick, useGraphiQL } from '@graphiql/react';
import { useLanguage } from '../fields/useLanguage';
import { useModel } from '../metadata/ModelContext';
import { resultTable, type ResultTable } from './resultTable';

type View = 'table' | 'json';

/** Rows drawn at most: a page of the API is at most 1,000, and an export takes them all. */
const shownRows = 500;
/** The bar's height: the table covers the pane below it. */
const barHeight = 40;

function parsed(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The current tab's last result and the table made of it (undefined: no result, or no list in it). */
function useResult(): { response: unknown; table: ResultTable | undefined } {
  const { tabs, activeTabIndex, schema } = useGraphiQL(pick('tabs', 'activeTabIndex', 'schema'));
  const { entities } = useModel();
  const language = useLanguage();
  const tab = tabs[activeTabIndex];
  return useMemo(() => {
    const response = parsed(tab?.response);
    return { response, table: resultTable(response, { schema, query: tab?.query, operationName: tab?.operationName, entities, language }) };
  }, [tab?.response, tab?.query, tab?.operationName, schema, entities, language]);
}

function useNote(response: unknown, table: ResultTable | undefined): { text: string; warning: boolean } {
  const translate = useTranslate();
  if (response === undefined) return { text: translate('crc.workbench.table.none'), warning: false };
  if (!table) return { text: translate('crc.workbench.table.noList'), warning: false };
  const errors = typeof response === 'object' && response !== null && 'errors' in response;
  if (errors) return { text: translate('crc.workbench.table.errors'), warning: true };
  const rows = table.rows.length;
  if (rows > shownRows) return { text: translate('crc.workbench.table.capped', { shown: shownRows, rows }), warning: true };
  if (table.totalCount !== undefined && table.totalCount !== rows) return { text: translate('crc.workbench.table.rowsOfTotal', { rows, total: table.totalCount }), warning: false };
  return { text: translate('crc.workbench.table.rows', { rows }), warning: false };
}

export const ResultView = () => {
  const translate = useTranslate();
  const [chosen, setChosen] = useState<View>('table');
  const { response, table } = useResult();
  const note = useNote(response, table);
  // Without a table the JSON shows, whatever was chosen: an error, a single record.
  const view: View = table ? chosen : 'json';
  return (
    <Box data-relabel="off" data-testid="result-view" data-view={view}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, height: barHeight, px: 1 }}>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={view}
          sx={{ flexShrink: 0, whiteSpace: 'nowrap' }}
          onChange={(_, next: View | null) => next && setChosen(next)}
          aria-label={translate('crc.workbench.table.views')}
        >
          <ToggleButton value="table" disabled={!table} sx={{ py: 0.25, px: 1.5 }} data-testid="result-view-table">
            {translate('crc.workbench.table.table')}
          </ToggleButton>
          <ToggleButton value="json" sx={{ py: 0.25, px: 1.5 }} data-testid="result-view-json">
            {translate('crc.workbench.table.json')}
          </ToggleButton>
        </ToggleButtonGroup>
        <Typography variant="body2" noWrap color={note.warning ? 'warning.main' : 'text.secondary'} title={note.text} sx={{ minWidth: 0 }} data-testid="result-note">
          {note.text}
        </Typography>
      </Box>
      {view === 'table' && table && <RowsTable table={table} />}
    </Box>
  );
};

/** The table over the JSON (the response pane is its positioned ancestor: Workbench.tsx). */
const RowsTable = ({ table }: { table: ResultTable }) => (
  <TableContainer sx={{ position: 'absolute', top: barHeight + 1, left: 0, right: 0, bottom: 0, bgcolor: 'background.paper', zIndex: 2 }} data-testid="result-table">
    <Table stickyHeader size="small">
      <TableHead>
        <TableRow>
          <TableCell sx={{ color: 'text.secondary', width: 1 }}>#</TableCell>
          {table.columns.map((column) => (
            <TableCell key={column.path.join('.')} sx={{ whiteSpace: 'nowrap', fontWeight: 600 }}>
              {column.header}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {table.rows.slice(0, shownRows).map((row, index) => (
          <TableRow key={index} hover>
            <TableCell sx={{ color: 'text.secondary' }}>{index + 1}</TableCell>
            {row.map((cell, column) => (
              <TableCell key={column} sx={{ whiteSpace: 'nowrap', maxWidth: 320, overflow: 'hidden', textOverflow: 'ellipsis' }} title={cell}>
                {cell}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </TableContainer>
);
