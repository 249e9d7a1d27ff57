/**
 * A report's table as paper wants it: ruled, fixed column widths that add up to the sheet's width (long
 * text wraps inside its cell instead of pushing past the right margin), the header row in a <thead> so
 * that each sheet repeats it, a totals row that is an ordinary last row (a <tfoot> would repeat at the foot
 * of every sheet). Breaking only between rows is the print stylesheet's rule (layout/PrintHeader.tsx).
 */
import type { ReactNode } from 'react';
import { Box } from '@mui/material';

export type ReportColumn = { key: string; label: string; /** Percent of the sheet's width. */ width: number; align?: 'left' | 'right' | 'center' };
export type ReportRow = { key: string; cells: ReactNode[] };

type Props = { columns: ReportColumn[]; rows: ReportRow[]; totals?: ReactNode[]; testId?: string };

const rule = '0.5pt solid #555';

export const ReportTable = ({ columns, rows, totals, testId }: Props) => (
  <Box
    component="table"
    data-testid={testId}
    sx={{
      // Collapsed borders stand half outside the table's box: a pixel less keeps the right rule on the sheet.
      width: 'calc(100% - 1px)',
      tableLayout: 'fixed',
      borderCollapse: 'collapse',
      fontSize: '9pt',
      lineHeight: 1.35,
      '& th, & td': { border: rule, px: '3pt', py: '2pt', verticalAlign: 'top', overflowWrap: 'anywhere' },
      '& th': { fontWeight: 600, bgcolor: '#eee', textAlign: 'center', verticalAlign: 'middle', printColorAdjust: 'exact', WebkitPrintColorAdjust: 'exact' },
      '& tr[data-testid="report-totals"] td': { fontWeight: 600 },
    }}
  >
    <colgroup>
      {columns.map((column) => (
        <col key={column.key} style={{ width: `${column.width}%` }} />
      ))}
    </colgroup>
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column.key} scope="col">
            {column.label}
          </th>
        ))}
      </tr>
    </thead>
    <tbody>
      {rows.map((row) => (
        <tr key={row.key} data-testid="report-row">
          {row.cells.map((cell, index) => (
            <td key={columns[index].key} style={{ textAlign: columns[index].align ?? 'left' }}>
              {cell}
            </td>
          ))}
        </tr>
      ))}
      {totals && (
        <tr data-testid="report-totals">
          {totals.map((cell, index) => (
            <td key={columns[index].key} style={{ textAlign: columns[index].align ?? 'left' }}>
              {cell}
            </td>
          ))}
        </tr>
      )}
    </tbody>
  </Box>
);
