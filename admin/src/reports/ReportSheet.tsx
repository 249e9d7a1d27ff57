/**
 * A report as the paper it prints on: the choices above it (not printed), then the sheet — its title, what it
 * covers, and its tables and charts — laid out on screen at the width an A4 sheet holds, so what is seen is
 * what prints (charts drawn at the sheet's width, tables wrapping where they will on paper). 打印 opens the
 * browser's print dialog; the console's print stylesheet does the rest (layout/PrintHeader.tsx).
 */
import type { ReactNode } from 'react';
import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import PrintIcon from '@mui/icons-material/Print';
import { LinkBase, Title, useTranslate } from 'react-admin';
import { printableWidth } from '../layout/PrintHeader';

/** Undefined once there is something to show. */
export type ReportStatus = 'loading' | Error | { notice: string } | undefined;

/**
 * A report on a region, as its reader meets it: no region chosen, the query failed, still loading, then what
 * the data itself says (`notice`: too many rows, none) — or nothing to say: the sheet is shown.
 */
export function regionReportStatus<T>(
  region: object | null | undefined,
  query: { error: Error | null; data: T | undefined },
  chooseRegion: string,
  notice: (data: T) => string | undefined,
): ReportStatus {
  if (region === null) return { notice: chooseRegion };
  if (query.error) return query.error;
  if (region === undefined || query.data === undefined) return 'loading';
  const said = notice(query.data);
  return said === undefined ? undefined : { notice: said };
}

type Props = {
  title: string;
  /** What the report covers, a line each (region, level or period, how many). */
  lines: string[];
  /** The report's choices; never printed. */
  controls: ReactNode;
  status?: ReportStatus;
  children?: ReactNode;
  testId: string;
};

export const ReportSheet = ({ title, lines, controls, status, children, testId }: Props) => {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 1, mb: 4 }}>
      <Title title={title} />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }} data-print="hide">
        <Button component={LinkBase} to="/reports" size="small">
          {translate('crc.reports.back')}
        </Button>
        <Box sx={{ flexGrow: 1 }} />
        <Button variant="contained" startIcon={<PrintIcon />} onClick={() => window.print()} disabled={status !== undefined} data-testid="print-report">
          {translate('crc.reports.print')}
        </Button>
      </Stack>
      <Card variant="outlined" sx={{ mb: 2 }} data-print="hide">
        <CardContent>{controls}</CardContent>
      </Card>
      {status === 'loading' && <LinearProgress sx={{ mb: 1 }} data-print="hide" />}
      {status instanceof Error && <Alert severity="error">{status.message}</Alert>}
      {status && typeof status === 'object' && 'notice' in status && <Alert severity="info">{status.notice}</Alert>}
      {status === undefined && (
        <Box
          data-testid={testId}
          sx={{
            width: printableWidth,
            boxSizing: 'content-box',
            mx: 'auto',
            p: '12mm',
            bgcolor: '#fff',
            color: '#000',
            boxShadow: 2,
            // On paper the sheet is the page's printable area itself.
            '@media print': { p: 0, boxShadow: 'none', mx: 0, '& .MuiTextField-root': { display: 'none' } },
          }}
        >
          <Typography component="h1" sx={{ fontSize: '16pt', fontWeight: 600, textAlign: 'center', mb: '2mm' }} data-testid="report-title">
            {title}
          </Typography>
          {lines.map((line) => (
            <Typography key={line} sx={{ fontSize: '9.5pt', textAlign: 'center', color: '#333' }}>
              {line}
            </Typography>
          ))}
          <Box sx={{ mt: '4mm' }}>{children}</Box>
        </Box>
      )}
    </Box>
  );
};
