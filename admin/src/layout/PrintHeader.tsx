/**
 * Printing (A4): the page without its navigation, controls and buttons, tables breaking between rows with
 * their header repeated, and on every sheet a header line with the product, what is printed (the page's
 * title), the user's scope and the date of printing — what a secretariat files needs to say all three.
 */
import { useEffect, useState } from 'react';
import { GlobalStyles } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatDate } from '../fields/format';
import { useLanguage } from '../fields/useLanguage';
import { useModel } from '../metadata/ModelContext';

/** What has no place on paper: navigation, toolbars, controls, buttons, notifications. */
const hidden = [
  '.RaSidebar-root, .MuiDrawer-root, .RaMenu-root',
  '.RaTopToolbar-root, .RaList-actions, .RaFilterForm-root, .RaBulkActionsToolbar-root, .MuiTablePagination-root',
  '.MuiButton-root, .MuiIconButton-root, .MuiTabs-root, .MuiSnackbar-root, .MuiChip-deleteIcon',
  '[data-print="hide"]',
].join(', ');

const printStyles = {
  '@page': { size: 'A4', margin: '18mm 12mm 14mm' },
  '@media print': {
    [hidden]: { display: 'none !important' },
    '.RaAppBar-root, header.MuiAppBar-root': { display: 'none !important' },
    '.RaLayout-appFrame': { marginTop: '0 !important' },
    '.RaLayout-content': { padding: '0 !important' },
    body: { background: '#fff' },
    // Rows whole on one sheet; the header row again on every sheet.
    'tr, .recharts-wrapper, .MuiCard-root': { breakInside: 'avoid' },
    thead: { display: 'table-header-group' },
    '.MuiTableContainer-root': { maxHeight: 'none !important', overflow: 'visible !important' },
    '[data-print="header"]': { display: 'flex !important' },
  },
  '[data-print="header"]': { display: 'none' },
};

/** What is on screen when printing starts: the page's title as the app bar shows it, and the day. */
function usePrinted(): { title: string; day: string } {
  const read = () => ({ title: document.getElementById('react-admin-title')?.textContent?.trim() || document.title, day: new Date().toISOString().slice(0, 10) });
  const [printed, setPrinted] = useState(read);
  useEffect(() => {
    const refresh = () => setPrinted(read());
    window.addEventListener('beforeprint', refresh);
    return () => window.removeEventListener('beforeprint', refresh);
  }, []);
  return printed;
}

export const PrintHeader = () => {
  const translate = useTranslate();
  const language = useLanguage();
  const model = useModel();
  const printed = usePrinted();
  const scope = model.viewer.region?.name ?? translate('crc.print.everywhere');
  return (
    <>
      <GlobalStyles styles={printStyles} />
      <div
        data-print="header"
        data-testid="print-header"
        style={{ position: 'fixed', top: '-12mm', left: 0, right: 0, justifyContent: 'space-between', fontSize: '9pt', color: '#555' }}
      >
        <span>
          {translate('crc.productName')} · <span data-print="title">{printed.title}</span>
        </span>
        <span>{translate('crc.print.scope', { scope, date: formatDate(printed.day, language) })}</span>
      </div>
    </>
  );
};
