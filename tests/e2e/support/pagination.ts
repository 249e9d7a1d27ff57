/**
 * Where a printed page's blocks should fall on A4 sheets if the print stylesheet holds: measured in the page
 * itself (print media, laid out at the sheet's width), then cut into sheets by the rules the stylesheet asks
 * of the browser — no block broken (a table row, a chart's card), a table's header row again at the top of
 * each sheet, a heading taken along with what follows it, the space before a block that moves on dropped.
 * A test compares this with the sheets the PDF says each row was printed on.
 */
import type { Page } from 'playwright-core';

/** What an A4 sheet holds in CSS pixels (96 per inch) within the margins of admin/src/layout/PrintHeader.tsx (18, 12, 14 mm). */
export const sheetWidth = ((210 - 2 * 12) * 96) / 25.4;
export const sheetHeight = ((297 - 18 - 14) * 96) / 25.4;

/** A block that prints whole, where the page lays it out (CSS px from the document's top). */
export type Block = {
  kind: string;
  top: number;
  height: number;
  /** A table's body row: the height of the header row the table repeats above it on a new sheet. */
  header?: number;
  /** A heading or a table's header row: goes to the next sheet with the block after it. */
  keepWithNext?: boolean;
  /** A row's table: its place among the report's tables (those in cards too), as the PDF lists them. */
  table?: number;
};

/** The sheet (1, 2 …) each block prints on. */
export function paginate(blocks: Block[], height = sheetHeight): number[] {
  const sheets: number[] = [];
  let offset = 0;
  let sheet = 1;
  let end = height;
  blocks.forEach((block, index) => {
    if (block.top + offset + block.height > end + 0.5) {
      // It moves to the next sheet, and the heading it follows with it.
      const first = index > 0 && blocks[index - 1].keepWithNext && sheets[index - 1] === sheet ? index - 1 : index;
      offset += end + (blocks[first].header ?? 0) - (blocks[first].top + offset);
      sheet += 1;
      end += height;
      for (let moved = first; moved < index; moved += 1) sheets[moved] = sheet;
    }
    sheets[index] = sheet;
  });
  return sheets;
}

/**
 * The report's blocks, measured in print media at the sheet's width: headings, paragraphs, each table's
 * header and body rows, and cards (a chart, the ranking) — the cards whole, not what is inside them.
 */
export async function measureBlocks(page: Page, sheetSelector: string): Promise<Block[]> {
  // Page code as text: the tests compile without the DOM's types.
  return page.evaluate(`(() => {
    const sheet = document.querySelector(${JSON.stringify(sheetSelector)});
    const tables = [...sheet.querySelectorAll('table')];
    const candidates = [...sheet.querySelectorAll('h1, h2, p, thead, tbody > tr, .MuiCard-root')];
    const inCard = (element) => element.parentElement.closest('.MuiCard-root') !== null && sheet.contains(element.parentElement.closest('.MuiCard-root'));
    return candidates.filter((element) => !inCard(element)).map((element) => {
      const box = element.getBoundingClientRect();
      const kind = element.matches('tbody > tr') ? 'row' : element.matches('thead') ? 'header' : element.matches('.MuiCard-root') ? 'card' : element.tagName.toLowerCase();
      const table = element.closest('table');
      const header = kind === 'row' && table.tHead ? table.tHead.getBoundingClientRect().height : undefined;
      return { kind, top: box.top + window.scrollY, height: box.height, header, keepWithNext: kind === 'h2' || kind === 'header', table: table ? tables.indexOf(table) : undefined };
    }).sort((a, b) => a.top - b.top);
  })()`);
}
