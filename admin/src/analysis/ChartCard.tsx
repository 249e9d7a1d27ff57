/**
 * A titled chart with its downloads: the drawing as PNG (a chart's drawing, or a table's rows) and the data as
 * Excel or CSV, named after the chart and the comparison it belongs to.
 */
import { useRef, type ReactNode } from 'react';
import { Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';
import { downloadCsv, downloadPng, downloadXlsx, type LegendItem } from './exportChart';
import { useLanguage } from '../fields/useLanguage';
import { acceptLanguageOf } from '../i18n/i18nProvider';
import { useDashboardTable, useExportScope } from './ExportScope';

type Props = {
  title: string;
  subtitle?: string;
  filename: string;
  csv: () => { headers: string[]; rows: unknown[][] };
  /** The series and their colours, drawn into the PNG. */
  legend?: LegendItem[];
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
};

export const ChartCard = ({ title, subtitle, filename, csv, legend, actions, children, testId }: Props) => {
  const translate = useTranslate();
  const notify = useNotify();
  const drawing = useRef<HTMLDivElement>(null);
  const scope = useExportScope();
  // Part of the dashboard's workbook (导出整个看板), as its own Excel download is.
  const key = useDashboardTable(title, csv);
  const name = [filename, scope].filter(Boolean).join('-');
  const png = () => downloadPng(drawing.current!, `${name}.png`, [title, subtitle].filter(Boolean).join(' · '), legend).catch(() => notify('crc.analysis.exportFailed', { type: 'error' }));
  const language = useLanguage();
  const data = () => {
    const { headers, rows } = csv();
    downloadCsv(headers, rows, `${name}.csv`);
  };
  const workbook = () => {
    const { headers, rows } = csv();
    downloadXlsx(headers, rows, name, title, acceptLanguageOf[language]).catch((error: Error) => notify(error.message, { type: 'error' }));
  };
  return (
    <Card variant="outlined" data-testid={testId} data-dashboard-table={key}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
          <Box sx={{ flexGrow: 1 }}>
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
              {title}
            </Typography>
            {subtitle && (
              <Typography variant="caption" color="text.secondary">
                {subtitle}
              </Typography>
            )}
          </Box>
          {actions}
          <Button size="small" onClick={png} data-testid="export-png">
            {translate('crc.analysis.exportPng')}
          </Button>
          <Button size="small" onClick={workbook} data-testid="export-xlsx">
            {translate('crc.analysis.exportXlsx')}
          </Button>
          <Button size="small" onClick={data} data-testid="export-csv">
            {translate('crc.analysis.exportCsv')}
          </Button>
        </Stack>
        <Box ref={drawing}>{children}</Box>
      </CardContent>
    </Card>
  );
};
