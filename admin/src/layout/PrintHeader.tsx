/**
 * Printing (A4): the page without its navigation, controls and buttons, tables breaking between rows with
 * their header repeated, on every sheet a header line with the product, what is printed (the page's
 * title), the user's scope and the date of printing — what a secretariat files needs to say all three —
 * and at its foot the sheet's number of how many. The header line and the number are printed in the
 * sheet's margins by @page margin boxes (an element positioned there is clipped, and one fixed at the top
 * of the page would cover each sheet's first lines); the header's text is also in the page, not shown.
 */
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { GlobalStyles } from '@mui/material';
import { useTranslate } from 'react-admin';
import { todayInChina } from '../../../schema/shared/validators';
import { formatDate } from '../fields/format';
import { useLanguage } from '../fields/useLanguage';
import { useModel } from '../metadata/ModelContext';
import { cssString, pageCounterContent } from './pageMarginContent';

/** The sheet's margins in millimetres: the header line prints in the top one, the page number in the bottom one. */
const margin = { top: 18, side: 12, bottom: 14 };
/** What a sheet holds across (A4 is 210 mm wide): reports lay themselves out at this width on screen too. */
export const printableWidth = `${210 - 2 * margin.side}mm`;

/** What has no place on paper: navigation, toolbars, controls, buttons, notifications. */
const hidden = [
  '.RaSidebar-root, .MuiDrawer-root, .RaMenu-root',
  '.RaTopToolbar-root, .RaList-actions, .RaFilterForm-root, .RaBulkActionsToolbar-root, .MuiTablePagination-root',
  '.MuiButton-root, .MuiIconButton-root, .MuiTabs-root, .MuiSnackbar-root, .MuiChip-deleteIcon',
  '[data-print="hide"]',
].join(', ');

/** Out of sight but laid out, as screen readers' text is: the margin boxes print it. */
const unseen = { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' };

const printStyles = {
  '@page': { size: 'A4', margin: `${margin.top}mm ${margin.side}mm ${margin.bottom}mm` },
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
    '[data-print="header"]': { display: 'flex !important', ...unseen },
  },
  '[data-print="header"]': { display: 'none' },
};

/** The margin boxes: the header line's two halves at the top of every sheet, the sheet's number at its foot. */
const marginBoxes = (left: string, right: string, pageNumber: string) => {
  const text = 'font-family: sans-serif; font-size: 9pt; color: #555;';
  return `@page {
  @top-left { content: ${cssString(left)}; ${text} vertical-align: bottom; padding-bottom: 4mm; }
  @top-right { content: ${cssString(right)}; ${text} vertical-align: bottom; padding-bottom: 4mm; }
  @bottom-right { content: ${pageCounterContent(pageNumber)}; ${text} vertical-align: top; padding-top: 3mm; }
}`;
};

/** The page's title as the app bar shows it (react-admin's <Title> writes it there), and the day. */
function usePrinted(): { title: string; day: string } {
  const read = () => ({ title: document.getElementById('react-admin-title')?.textContent?.trim() || document.title, day: todayInChina() });
  const [printed, setPrinted] = useState(read);
  useEffect(() => {
    // Synchronously: the browser lays the sheets out as soon as the beforeprint listeners return.
    const refresh = () => flushSync(() => setPrinted(read()));
    window.addEventListener('beforeprint', refresh);
    // Kept current as pages change their title too, for printing that announces nothing (a PDF made by a program).
    const title = document.getElementById('react-admin-title');
    const observer = new MutationObserver(() => setPrinted(read()));
    if (title) observer.observe(title, { childList: true, subtree: true, characterData: true });
    return () => {
      window.removeEventListener('beforeprint', refresh);
      observer.disconnect();
    };
  }, []);
  return printed;
}

export const PrintHeader = () => {
  const translate = useTranslate();
  const language = useLanguage();
  const model = useModel();
  const printed = usePrinted();
  const scope = model.viewer.region?.name ?? translate('crc.print.everywhere');
  const what = `${translate('crc.productName')} · ${printed.title}`;
  const where = translate('crc.print.scope', { scope, date: formatDate(printed.day, language) });
  // Margin boxes cannot be nested in emotion's @page: plain CSS, the sentences translated.
  const boxes = marginBoxes(what, where, translate('crc.print.page', { page: '%{page}', pages: '%{pages}' }));
  return (
    <>
      <GlobalStyles styles={printStyles} />
      <style data-print="margins">{boxes}</style>
      <div data-print="header" data-testid="print-header" style={{ justifyContent: 'space-between' }}>
        <span>
          {translate('crc.productName')} · <span data-print="title">{printed.title}</span>
        </span>
        <span>{where}</span>
      </div>
    </>
  );
};
