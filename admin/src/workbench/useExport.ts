/**
 * Runs a streamed export (exportRows) from a button: which format is under way, and a refusal told in the
 * console's language (a lapsed session signs the user out, as everywhere).
 */
import { useState } from 'react';
import { useLogoutIfAccessDenied, useNotify, useTranslate } from 'react-admin';
import { useLanguage } from '../fields/useLanguage';
import { acceptLanguageOf } from '../i18n/i18nProvider';
import { exportRows, ExportRefused, type ExportFormat, type ExportRequest } from './exportRows';

export function useExport(): { running: ExportFormat | undefined; run: (request: ExportRequest) => Promise<void> } {
  const translate = useTranslate();
  const notify = useNotify();
  const language = useLanguage();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const [running, setRunning] = useState<ExportFormat>();
  const run = async (request: ExportRequest) => {
    setRunning(request.format);
    try {
      await exportRows(request, acceptLanguageOf[language]);
    } catch (error) {
      if (error instanceof ExportRefused && (await logoutIfAccessDenied(error))) return;
      notify(translate('crc.workbench.export.failed', { message: (error as Error).message }), { type: 'error', autoHideDuration: 10_000 });
    } finally {
      setRunning(undefined);
    }
  };
  return { running, run };
}
