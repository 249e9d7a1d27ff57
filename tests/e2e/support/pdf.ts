/**
 * What a printed PDF says about its pages, read without a PDF library: how many sheets it has, and — from
 * the tagged PDF's structure tree (`page.pdf({ tagged: true })`: Chromium marks every piece of text it
 * draws with the element it belongs to, and names the sheet it drew it on) — on which sheets each table row
 * was printed. A row printed on two sheets is a row cut in two; a header row on every sheet of its table is
 * a repeated header. Chromium writes plain objects and a classic cross-reference table (no object streams),
 * which is all this reads.
 */

type Ref = { ref: number };
type PdfValue = number | string | boolean | null | Ref | PdfValue[] | { [key: string]: PdfValue };
type Dict = { [key: string]: PdfValue };

const isRef = (value: PdfValue | undefined): value is Ref => typeof value === 'object' && value !== null && !Array.isArray(value) && 'ref' in value && Object.keys(value).length === 1;
const isDict = (value: PdfValue | undefined): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value) && !isRef(value);

/** The tokens of a PDF object's text: delimiters, names, numbers, strings (kept whole), keywords. */
function tokens(text: string): string[] {
  const found: string[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at];
    if (/\s/.test(char)) at += 1;
    else if (char === '%') at = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at);
    else if (text.startsWith('<<', at) || text.startsWith('>>', at)) {
      found.push(text.slice(at, at + 2));
      at += 2;
    } else if (char === '[' || char === ']') {
      found.push(char);
      at += 1;
    } else if (char === '(') {
      // A literal string: balanced parentheses, backslash escapes.
      let depth = 0;
      let end = at;
      for (; end < text.length; end += 1) {
        if (text[end] === '\\') end += 1;
        else if (text[end] === '(') depth += 1;
        else if (text[end] === ')' && --depth === 0) break;
      }
      found.push(text.slice(at, end + 1));
      at = end + 1;
    } else if (char === '<') {
      const end = text.indexOf('>', at);
      found.push(text.slice(at, end + 1));
      at = end + 1;
    } else {
      const match = /^\/?[^\s/<>[\]()%]+|^\//.exec(text.slice(at, at + 200))!;
      found.push(match[0]);
      at += match[0].length;
    }
  }
  return found;
}

/** Parses one object's value (a dictionary, an array, a reference …) from its tokens. */
function parse(list: string[]): PdfValue {
  let at = 0;
  const value = (): PdfValue => {
    const token = list[at++];
    if (token === '<<') {
      const dict: Dict = {};
      while (list[at] !== '>>') {
        const key = list[at++].slice(1);
        dict[key] = value();
      }
      at += 1;
      return dict;
    }
    if (token === '[') {
      const array: PdfValue[] = [];
      while (list[at] !== ']') array.push(value());
      at += 1;
      return array;
    }
    if (/^-?\d+$/.test(token) && /^\d+$/.test(list[at] ?? '') && list[at + 1] === 'R') {
      at += 2;
      return { ref: Number(token) };
    }
    if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(token)) return Number(token);
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    return token;
  };
  return value();
}

export type PrintedRow = { header: boolean; pages: number[] };
export type PrintedTable = { rows: PrintedRow[] };
export type PrintedPdf = { pageCount: number; tables: PrintedTable[] };

/** Reads a PDF made by Chromium's `page.pdf({ tagged: true })`. */
export function readPrintedPdf(bytes: Uint8Array): PrintedPdf {
  const text = Buffer.from(bytes).toString('latin1');
  // The cross-reference table: where each object starts.
  const xrefAt = Number(/startxref\s+(\d+)/.exec(text.slice(-64))?.[1]);
  if (!text.startsWith('xref', xrefAt)) throw new Error('no classic cross-reference table');
  const offsets = new Map<number, number>();
  const lines = text.slice(xrefAt, text.indexOf('trailer', xrefAt)).split(/\r?\n/).slice(1);
  let number = 0;
  for (const line of lines) {
    const section = /^(\d+) (\d+)$/.exec(line.trim());
    const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(line);
    if (section) number = Number(section[1]);
    else if (entry) {
      if (entry[3] === 'n') offsets.set(number, Number(entry[1]));
      number += 1;
    }
  }
  const cache = new Map<number, PdfValue>();
  const object = (ref: number): PdfValue => {
    if (!cache.has(ref)) {
      const start = offsets.get(ref);
      if (start === undefined) throw new Error(`object ${ref} is not in the cross-reference table`);
      const body = text.slice(text.indexOf('obj', start) + 3, text.indexOf('endobj', start));
      // A stream's dictionary only: its data is not needed here.
      const streamAt = body.search(/>>\s*stream\r?\n/);
      cache.set(ref, parse(tokens(streamAt === -1 ? body : body.slice(0, streamAt + 2))));
    }
    return cache.get(ref)!;
  };
  const resolve = (value: PdfValue | undefined): PdfValue | undefined => (isRef(value) ? object(value.ref) : value);
  const trailer = parse(tokens(text.slice(text.indexOf('<<', text.indexOf('trailer', xrefAt)), text.indexOf('startxref', xrefAt)))) as Dict;
  const catalog = resolve(trailer.Root) as Dict;

  // The sheets in order, through the page tree.
  const pages: number[] = [];
  const walkPages = (ref: Ref) => {
    const node = object(ref.ref) as Dict;
    if (node.Type === '/Page') pages.push(ref.ref);
    else for (const kid of (resolve(node.Kids) as PdfValue[]) ?? []) if (isRef(kid)) walkPages(kid);
  };
  walkPages(catalog.Pages as Ref);
  const pageCount = countPageObjects(text);
  if (pageCount !== pages.length) throw new Error(`${pageCount} /Type /Page objects, but ${pages.length} pages in the page tree`);
  const pageNumber = (ref: PdfValue | undefined) => (isRef(ref) ? pages.indexOf(ref.ref) + 1 : 0);

  // The structure tree: each element's kind, and the sheets its marked content (text) was drawn on.
  type Element = { kind: string; pages: Set<number>; children: Element[] };
  const element = (dict: Dict, inheritedPage: PdfValue | undefined): Element => {
    const page = dict.Pg ?? inheritedPage;
    const found: Element = { kind: String(dict.S ?? '').slice(1), pages: new Set(), children: [] };
    const kids = dict.K === undefined ? [] : Array.isArray(dict.K) ? dict.K : [dict.K];
    for (const kid of kids) {
      if (typeof kid === 'number') found.pages.add(pageNumber(page));
      else if (isRef(kid)) {
        const target = object(kid.ref) as Dict;
        if (target.Type === '/StructElem' || target.S !== undefined) found.children.push(element(target, page));
        else if (target.Type === '/MCR' || target.Type === '/OBJR') found.pages.add(pageNumber(target.Pg ?? page));
      } else if (isDict(kid)) {
        if (kid.Type === '/MCR' || kid.Type === '/OBJR') found.pages.add(pageNumber(kid.Pg ?? page));
        else found.children.push(element(kid, page));
      }
    }
    return found;
  };
  const rootDict = resolve(catalog.StructTreeRoot) as Dict | undefined;
  if (!rootDict) throw new Error('the PDF is not tagged: print it with page.pdf({ tagged: true })');
  const root = element(rootDict, undefined);
  const pagesBelow = (node: Element): Set<number> => new Set([...node.pages, ...node.children.flatMap((child) => [...pagesBelow(child)])]);
  const rowsOf = (node: Element): Element[] => node.children.flatMap((child) => (child.kind === 'TR' ? [child] : child.kind === 'Table' ? [] : rowsOf(child)));
  const tables: PrintedTable[] = [];
  const findTables = (node: Element) => {
    if (node.kind === 'Table')
      tables.push({
        rows: rowsOf(node).map((row) => ({
          header: row.children.some((cell) => cell.kind === 'TH') && !row.children.some((cell) => cell.kind === 'TD'),
          pages: [...pagesBelow(row)].filter((page) => page > 0).sort((a, b) => a - b),
        })),
      });
    node.children.forEach(findTables);
  };
  findTables(root);
  return { pageCount, tables };
}

/** Sheets counted as the PDF declares them: its `/Type /Page` objects (not the `/Pages` nodes of its page tree). */
export function countPageObjects(text: string): number {
  return text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
}
