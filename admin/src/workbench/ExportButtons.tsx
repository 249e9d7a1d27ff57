/** 导出 CSV / 导出 JSON: every row of the editor's list query, named after the saved query it is (or 查询结果). */
import { useState } from 'react';
import { Button, CircularProgress, Stack } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { useLogoutIfAccessDenied, useNotify, useTranslate } from 'react-admin';
import { useLanguage } from '../fields/useLanguage';
import { acceptLanguageOf } from '../i18n/i18nProvider';
import { exportRows, ExportRefused, type ExportFormat } from './exportRows';
import type { EditorRequest } from './useEditor';
import { isBlankQuery } from './variables';

const formats: ExportFormat[] = ['csv', 'json'];

export const ExportButtons = ({ request, name }: { request: EditorRequest; name: string | undefined }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const language = useLanguage();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const [running, setRunning] = useState<ExportFormat>();
  const { query, variables, operationName } = request;
  const disabled = Boolean(running) || isBlankQuery(query) || variables === undefined;
  const run = async (format: ExportFormat) => {
    if (variables === undefined) return;
    setRunning(format);
    try {
      await exportRows({ query, variables, operationName, format, filename: name ?? translate('crc.workbench.export.filename') }, acceptLanguageOf[language]);
    } catch (error) {
      if (error instanceof ExportRefused && (await logoutIfAccessDenied(error))) return;
      notify(translate('crc.workbench.export.failed', { message: (error as Error).message }), { type: 'error', autoHideDuration: 10_000 });
    } finally {
      setRunning(undefined);
    }
  };
  return (
    <Stack direction="row" spacing={1}>
      {formats.map((format) => (
        <Button
          key={format}
          size="small"
          variant="outlined"
          disabled={disabled}
          onClick={() => void run(format)}
          startIcon={running === format ? <CircularProgress size={16} /> : <DownloadIcon />}
          data-testid={`export-${format}`}
        >
          {translate(`crc.workbench.export.${format}`)}
        </Button>
      ))}
    </Stack>
  );
};
