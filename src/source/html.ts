/**
 * .html pages: parsed with parse5 (the HTML standard's parser; loaded only
 * when a page is read), entities decoded by it. Each `<table>` that holds no
 * other table is read, row by row, colspan and rowspan laid out as a text
 * export has them (the text in the first cell, the others empty); tables
 * that only lay out a page are looked through. Text outside the tables is not
 * read, except a title right above a table (or its `<caption>`). The frame
 * page of a workbook saved as a web page has no table: its sheets are read
 * from the pages of its folder (readFramedSheets).
 */
import { EvalcheckError } from '../errors.js';
import { decodeDeclared, encodingOfCharset, type Encoding } from '../parse/decode.js';
import { isTitleText } from '../parse/parser.js';
import { parse } from 'parse5';
import { GridFeeder, SpanGrid, type RowSink, type SourceRead } from './tables.js';
import { HIDDEN, sheetList, type SheetEntry } from './sheetlist.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve, sep } from 'node:path';

interface El {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: El[];
  content?: El;
}

const BLOCK = new Set(['p', 'div', 'br', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header', 'footer', 'center', 'blockquote', 'pre', 'dt', 'dd']);
const SKIP = new Set(['script', 'style', 'template', 'noscript', 'head', 'title']);

const attrOf = (e: El, name: string): string | undefined => e.attrs?.find((a) => a.name === name)?.value;
const span = (v: string | undefined): number => Math.max(1, Math.min(1000, Number.parseInt(v ?? '1', 10) || 1));

/**
 * Word's marks for a footnote, an endnote or a comment in the text (`<a href="#_ftn1" style='mso-footnote-id:ftn1'>[1]</a>`,
 * `<a class=msocomanchor href="#_msocom_1">[A1]</a>`): not the cell's text, which they would run into (`88.32[1]`).
 * The notes themselves stand after the body, outside any table.
 */
function isNoteMark(n: El): boolean {
  if (n.nodeName !== 'a') return false;
  const href = attrOf(n, 'href') ?? '';
  return /^#_(?:ftn|edn|msocom_)\d/.test(href) || /mso-(?:footnote|endnote)-id/i.test(attrOf(n, 'style') ?? '') || /\bmsocomanchor\b/i.test(attrOf(n, 'class') ?? '');
}

/** A cell's text: whitespace collapsed as a browser shows it, <br> and block elements as line breaks. */
function textOf(e: El): string {
  const out: string[] = [];
  const walk = (n: El) => {
    if (n.nodeName === '#text') out.push(n.value!.replace(/[ \t\n\r\f]+/g, ' '));
    else if (n.nodeName === 'br') out.push('\n');
    else if (!SKIP.has(n.nodeName) && !n.nodeName.startsWith('#comment') && !isNoteMark(n)) {
      const block = BLOCK.has(n.nodeName);
      if (block) out.push('\n');
      for (const c of n.childNodes ?? []) walk(c);
      if (block) out.push('\n');
    }
  };
  for (const c of e.childNodes ?? []) walk(c);
  return out
    .join('')
    .split('\n')
    .map((l) => l.replace(/\u00a0/g, ' ').trim())
    .filter((l, i, all) => l !== '' || (i > 0 && i < all.length - 1 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}

function containsTable(e: El): boolean {
  for (const c of e.childNodes ?? []) if (c.nodeName === 'table' || containsTable(c)) return true;
  return false;
}

/** The rows of a table (its own, not a nested table's), through thead/tbody/tfoot. */
function rowsOf(table: El): El[] {
  const out: El[] = [];
  for (const c of table.childNodes ?? []) {
    if (c.nodeName === 'tr') out.push(c);
    else if (c.nodeName === 'thead' || c.nodeName === 'tbody' || c.nodeName === 'tfoot') for (const r of c.childNodes ?? []) if (r.nodeName === 'tr') out.push(r);
  }
  return out;
}

function gridOf(table: El): string[][] {
  const grid = new SpanGrid();
  for (const tr of rowsOf(table)) {
    const cells = (tr.childNodes ?? []).filter((c) => c.nodeName === 'td' || c.nodeName === 'th').map((c) => ({ text: textOf(c), colspan: span(attrOf(c, 'colspan')), rowspan: span(attrOf(c, 'rowspan')) }));
    grid.addRow(cells);
  }
  return grid.rows;
}

/** The charset a page declares in a <meta> near its start. */
function declaredEncoding(bytes: Uint8Array): Encoding | 'windows-1252' | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m ? encodingOfCharset(m[1]!) : undefined;
}

/** A page's bytes as text, by the charset given (a MIME part's), else the one the page declares (decodeDeclared). */
export function pageText(bytes: Uint8Array, path: string, forced?: Encoding, charset?: string): { text: string; encoding: string } {
  return decodeDeclared(bytes, path, forced ?? (charset !== undefined ? encodingOfCharset(charset) : undefined) ?? declaredEncoding(bytes));
}

/** A sheet's rows from the tables of its page: each table's title above it as a row of its own. */
export const sheetRows = (tables: readonly PageTable[]): string[][] => tables.flatMap((t) => (t.caption !== undefined ? [[t.caption], ...t.rows] : t.rows));

/** A table of a page, with the title standing right above it (or its caption). */
export interface PageTable {
  rows: string[][];
  caption?: string;
}

/** The tables of a page that hold no other table, in order; tables that only lay out the page are looked through. */
export function tablesOfPage(text: string): PageTable[] {
  const doc = parse(text) as unknown as El;
  const out: PageTable[] = [];
  let recent: string[] = [];
  const walk = (n: El) => {
    for (const c of n.childNodes ?? (n.content ? [n.content] : [])) {
      if (SKIP.has(c.nodeName)) continue;
      if (c.nodeName === 'table' && !containsTable(c)) {
        const cap = (c.childNodes ?? []).find((k) => k.nodeName === 'caption');
        const above = [...(cap ? [textOf(cap).replace(/\s+/g, ' ')] : []), ...recent.slice(-3).reverse()];
        const caption = above.find(isTitleText);
        out.push({ rows: gridOf(c), ...(caption !== undefined ? { caption } : {}) });
        recent = [];
      } else if (c.nodeName === '#text') {
        const t = c.value!.replace(/\s+/g, ' ').trim();
        if (t) recent.push(t);
      } else if (BLOCK.has(c.nodeName) && !containsTable(c)) {
        const t = textOf(c).replace(/\s+/g, ' ').trim();
        if (t) recent.push(t);
      } else walk(c);
    }
  };
  walk(doc);
  return out;
}

/**
 * A page: its tables, or, when it is the frame page of a workbook saved as a web page, the sheets of its folder.
 * `file`: where the page is on disk (unknown for standard input, an archive's entry or bytes a script holds).
 */
export async function readHtml(input: Uint8Array | string, path: string, sink: RowSink, forced?: Encoding, file?: string): Promise<SourceRead> {
  const { text, encoding } = typeof input === 'string' ? { text: input, encoding: 'utf-8' } : pageText(input, path, forced);
  const tables = tablesOfPage(text);
  const feeder = new GridFeeder('html', sink);
  if (tables.length === 0) {
    const framed = sheetList(text).filter((s) => s.href !== undefined);
    if (framed.length === 0) throw new EvalcheckError('no-table', 'has no table (an HTML page without <table>)', { path });
    readFramedSheets(framed, path, file, forced, feeder);
  }
  for (const t of tables) feeder.feed({ kind: 'table', name: '', firstRow: 1, ...t });
  return feeder.result(encoding);
}

/**
 * The sheets of a workbook Excel saved as a web page (网页, `.htm`): the frame page lists them, each a page in the
 * folder beside it (`book.files/sheet001.htm`, or `book_files/…`), and holds no table itself. They are read from
 * that folder, in the list's order, each as a sheet under its name (a hidden one as a workbook's hidden sheet). A
 * sheet page is only ever looked for inside the page's own folder: a list naming a page elsewhere is refused, not
 * followed (the text of whatever file it named would end up in a report).
 */
function readFramedSheets(framed: readonly SheetEntry[], path: string, file: string | undefined, forced: Encoding | undefined, feeder: GridFeeder): void {
  const folder = framed[0]!.href!.replace(/\\/g, '/').split('/').slice(0, -1).join('/') || '.';
  if (file === undefined) throw new EvalcheckError('format', `is the frame page of a workbook saved as a web page, read without its folder (${folder}): check the page where it is, with that folder beside it, or save the workbook as .xlsx`, { path });
  const dir = dirname(file);
  const seen = new Set<string>();
  let tables = 0;
  for (const s of framed) {
    const href = s.href!.replace(/\\/g, '/').split(/[?#]/)[0]!;
    const at = sheetPage(dir, href);
    if (at === null) throw new EvalcheckError('format', `lists a sheet page outside its folder (${s.href}): not read`, { path });
    if (seen.has(at)) continue;
    seen.add(at);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new EvalcheckError('not-found', `is the frame page of a workbook saved as a web page, and its sheet page ${href} is not there: keep the folder ${folder} beside the page, or save the workbook as .xlsx`, { path });
      throw new EvalcheckError('unreadable', `cannot read its sheet page ${href} (${code ?? 'error'})`, { path });
    }
    const page = pageText(bytes, path, forced).text;
    // (A hidden sheet's flag may stand in the frame page's list, or in the options of the sheet page's own island.)
    const hidden = s.hidden || HIDDEN.test(page);
    const found = tablesOfPage(page);
    tables += found.length;
    feeder.feed({ kind: 'sheet', name: s.name, firstRow: 1, rows: sheetRows(found), ...(hidden ? { hidden: true } : {}) });
  }
  if (tables === 0) throw new EvalcheckError('no-table', `has no table (the frame page of a workbook saved as a web page, whose sheet pages in ${folder} hold no <table>)`, { path });
}

/** Where a sheet page the list names is: inside `dir` (the frame page's folder), else null. The name may be written %-encoded. */
function sheetPage(dir: string, href: string): string | null {
  if (href === '' || /^[a-z][a-z0-9+.-]*:/i.test(href) || isAbsolute(href) || href.startsWith('/')) return null;
  const inside = (p: string) => p.startsWith(dir.endsWith(sep) ? dir : dir + sep);
  const raw = resolve(dir, href);
  if (!inside(raw)) return null;
  if (existsSync(raw) || !href.includes('%')) return raw;
  let decoded: string;
  try {
    decoded = resolve(dir, decodeURIComponent(href));
  } catch {
    return raw;
  }
  return inside(decoded) ? decoded : null;
}
