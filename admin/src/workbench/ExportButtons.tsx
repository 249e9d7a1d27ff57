/** 导出 CSV / 导出 Excel / 导出 JSON: every row of the editor's list query, named after the saved query it is (or 查询结果). */
import { Button, CircularProgress, Stack } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { useTranslate } from 'react-admin';
import type { ExportFormat } from './exportRows';
import { useExport } from './useExport';
import type { EditorRequest } from './useEditor';
import { isBlankQuery } from './variables';

const formats: ExportFormat[] = ['csv', 'xlsx', 'json'];

export const ExportButtons = ({ request, name }: { request: EditorRequest; name: string | undefined }) => {
  const translate = useTranslate();
  const { running, run } = useExport();
  const { query, variables, operationName } = request;
  const disabled = Boolean(running) || isBlankQuery(query) || variables === undefined;
  const start = (format: ExportFormat) => {
    if (variables !== undefined) void run({ query, variables, operationName, format, filename: name ?? translate('crc.workbench.export.filename') });
  };
  return (
    <Stack direction="row" spacing={1}>
      {formats.map((format) => (
        <Button
          key={format}
          size="small"
          variant="outlined"
          disabled={disabled}
          onClick={() => start(format)}
          startIcon={running === format ? <CircularProgress size={16} /> : <DownloadIcon />}
          data-testid={`export-${format}`}
        >
          {translate(`crc.workbench.export.${format}`)}
        </Button>
      ))}
    </Stack>
  );
};
