/**
 * .html pages: parsed with parse5 (the HTML standard's parser; loaded only
 * when a page is read), entities decoded by it. Each `<table>` that holds no
 * other table is read, row by row, colspan and rowspan laid out as a text
 * export has them (the text in the first cell, the others empty); tables
 * that only lay out a page are looked through. Text outside the tables is not
 * read, except a title right above a table (or its `<caption>`).
 */
import { EvalcheckError } from '../errors.js';
import { decodeDeclared, encodingOfCharset, type Encoding } from '../parse/decode.js';
import { isTitleText } from '../parse/parser.js';
import { parse } from 'parse5';
import { GridFeeder, SpanGrid, type RowSink, type SourceRead } from './tables.js';

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

export async function readHtml(input: Uint8Array | string, path: string, sink: RowSink, forced?: Encoding): Promise<SourceRead> {
  const { text, encoding } = typeof input === 'string' ? { text: input, encoding: 'utf-8' } : pageText(input, path, forced);
  const tables = tablesOfPage(text);
  if (tables.length === 0) throw new EvalcheckError('no-table', 'has no table (an HTML page without <table>)', { path });
  const feeder = new GridFeeder('html', sink);
  for (const t of tables) feeder.feed({ kind: 'table', name: '', firstRow: 1, ...t });
  return feeder.result(encoding);
}
