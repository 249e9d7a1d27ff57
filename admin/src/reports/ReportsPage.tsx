/**
 * 报表 (`#/reports`): the printable reports, each opened on its own address — the roster of deputies, the
 * handling of suggestions, and the comparison report (the analysis page's comparison laid out for A4).
 */
import { Box, Card, CardActionArea, CardContent, Typography } from '@mui/material';
import { LinkBase, useTranslate } from 'react-admin';
import { PageHeading } from '../layout/PageHeading';

/** Each report: where it opens and its words (`crc.reports.<key>.name`, `.description`). */
const reports = [
  { key: 'roster', to: '/reports/roster' },
  { key: 'handling', to: '/reports/suggestions' },
  { key: 'comparison', to: '/analysis?report=1' },
];

export default function ReportsPage() {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 2 }} data-testid="reports-page">
      <PageHeading page="reports" />
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))', gap: 2 }}>
        {reports.map((report) => (
          <Card key={report.key} variant="outlined">
            <CardActionArea component={LinkBase} to={report.to} sx={{ height: '100%' }} data-testid={`open-report-${report.key}`}>
              <CardContent>
                <Typography variant="h6" component="h2">
                  {translate(`crc.reports.${report.key}.name`)}
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  {translate(`crc.reports.${report.key}.description`)}
                </Typography>
              </CardContent>
            </CardActionArea>
          </Card>
        ))}
      </Box>
    </Box>
  );
}
