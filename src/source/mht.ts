/**
 * Web archives (`.mht`, `.mhtml`): a MIME `multipart/related` message whose
 * parts are web pages (RFC 2557). Excel writes one when a workbook is saved
 * as a "single file web page" (单个文件网页), one part per sheet, and many
 * web systems' "export to Excel" sends one named `.xls`; Word writes one page
 * with its tables. Each part is decoded from its transfer encoding
 * (quoted-printable, base64, or as is) and its charset, and read as a page
 * (html.ts). In a workbook the sheets are the parts its sheet list names,
 * each a table of its own named by its sheet; the frameset and the tab strip
 * are not read (a page the list does not name is read only if it holds a
 * table title). Anything else is read as one page after another.
 *
 * MIME is parsed here rather than by a mail library: a web archive uses one
 * structure of it (parts with three headers), and a mail parser's address,
 * attachment and charset machinery would be most of its code.
 */
import { EvalcheckError } from '../errors.js';
import { holdsTitle } from '../parse/parser.js';
import { bodyStart, headersOf } from './detect.js';
import { encodingOfCharset, type Encoding } from '../parse/decode.js';
import { pageText, sheetRows, tablesOfPage } from './html.js';
import { GridFeeder, type RowSink, type SourceRead } from './tables.js';
import { sheetList, type ListedSheet } from './sheetlist.js';

interface Part {
  headers: Map<string, string>;
  /** The body's bytes, before its transfer encoding is undone. */
  body: Uint8Array;
}

/** A parameter of a header value (`boundary="----=_NextPart_01"`, `charset=gb2312`). */
function param(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The parts of the message (the message itself when it is one page). */
function partsOf(bytes: Uint8Array, path: string): Part[] {
  const text = new TextDecoder('latin1').decode(bytes);
  const start = bodyStart(text, 0);
  if (start === -1) throw new EvalcheckError('format', 'is a web archive (.mht) without a page in it', { path });
  const top = headersOf(text.slice(0, start));
  const type = top.get('content-type') ?? '';
  if (!/^multipart\//i.test(type)) return [{ headers: top, body: bytes.subarray(start) }];
  const boundary = param(type, 'boundary');
  if (!boundary) throw new EvalcheckError('format', 'is a web archive (.mht) without a page in it', { path });
  const parts: Part[] = [];
  const delimiter = `--${boundary}`;
  // A delimiter stands at the start of a line; the line break before it belongs to it.
  let at = text.startsWith(delimiter) ? 0 : text.indexOf(`\n${delimiter}`);
  while (at !== -1) {
    const lineStart = text[at] === '\n' ? at + 1 : at;
    const after = lineStart + delimiter.length;
    if (text.startsWith('--', after)) break; // the closing delimiter
    const next = text.indexOf(`\n${delimiter}`, after);
    const partEnd = next === -1 ? text.length : next > 0 && text[next - 1] === '\r' ? next - 1 : next;
    const eol = text.indexOf('\n', after);
    if (eol === -1 || eol >= partEnd) break;
    const from = eol + 1;
    // A part without headers starts with its blank line.
    const blank = /^\r?\n/.exec(text.slice(from, from + 2));
    const body = blank ? from + blank[0].length : bodyStart(text, from);
    if (body !== -1 && body <= partEnd) parts.push({ headers: headersOf(text.slice(from, body)), body: bytes.subarray(body, partEnd) });
    at = next;
  }
  return parts;
}

const hex = (c: number): number => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1);

/** Quoted-printable (RFC 2045 §6.7) → bytes: `=XX` is a byte, `=` at a line's end joins it to the next. */
export function fromQuotedPrintable(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  let n = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c !== 0x3d) {
      out[n++] = c;
      continue;
    }
    if (b[i + 1] === 0x0d && b[i + 2] === 0x0a) i += 2;
    else if (b[i + 1] === 0x0a) i += 1;
    else {
      const h = hex(b[i + 1] ?? 0);
      const l = hex(b[i + 2] ?? 0);
      if (h === -1 || l === -1) out[n++] = c; // a stray "=" stays what it is
      else {
        out[n++] = (h << 4) | l;
        i += 2;
      }
    }
  }
  return out.subarray(0, n);
}

function bodyBytes(p: Part): Uint8Array {
  const te = (p.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (te === 'quoted-printable') return fromQuotedPrintable(p.body);
  if (te === 'base64') return Buffer.from(new TextDecoder('latin1').decode(p.body).replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  return p.body;
}

/** The file name a part is found by (`file:///C:/x/book.files/sheet001.htm` → `sheet001.htm`), or its `cid:`. */
function nameOf(ref: string): string {
  const r = ref.trim().replace(/^<|>$/g, '');
  if (/^cid:/i.test(r)) return r.toLowerCase();
  return decodeURIComponentSafe(r.split(/[?#]/)[0]!.split(/[\\/]/).pop() ?? '').toLowerCase();
}
function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The pages of a web archive, decoded, each with the names it is referred to by (its location, its cid:). */
export function archivePages(bytes: Uint8Array, path: string, forced?: Encoding): { text: string; encoding: string; names: string[] }[] {
  return partsOf(bytes, path)
    .filter((p) => /^text\/html/i.test(p.headers.get('content-type') ?? 'text/html'))
    .map((p) => {
      const charset = param(p.headers.get('content-type'), 'charset');
      const { text, encoding } = pageText(bodyBytes(p), path, forced, charset !== undefined && encodingOfCharset(charset) !== undefined ? charset : undefined);
      const location = p.headers.get('content-location');
      const id = p.headers.get('content-id');
      return { text, encoding, names: [location && nameOf(location), id && `cid:${nameOf(id)}`].filter((x): x is string => !!x) };
    });
}

export async function readMht(bytes: Uint8Array, path: string, sink: RowSink, forced?: Encoding): Promise<SourceRead> {
  const pages = archivePages(bytes, path, forced);
  if (pages.length === 0) throw new EvalcheckError('format', 'is a web archive (.mht) without a page in it', { path });
  const sheets = new Map<string, ListedSheet>();
  const own = new Map<(typeof pages)[number], ListedSheet>();
  for (const p of pages)
    for (const { href, ...v } of sheetList(p.text)) {
      if (href === undefined) own.set(p, v);
      else sheets.set(nameOf(href), v);
    }
  const workbook = sheets.size > 0 || own.size > 0;
  const feeder = new GridFeeder('mht', sink);
  let tables = 0;
  for (const p of pages) {
    const sheet = own.get(p) ?? p.names.map((n) => sheets.get(n)).find((s) => s !== undefined);
    const found = tablesOfPage(p.text);
    // A workbook's other pages (its frameset, its tab strip) lay out the sheets: not read, unless one holds a
    // table with a title after all (a sheet the list did not name).
    if (workbook && sheet === undefined && !found.some((t) => holdsTitle(t.rows))) continue;
    tables += found.length;
    if (sheet !== undefined) {
      if (found.length > 0) feeder.feed({ kind: 'sheet', name: sheet.name, firstRow: 1, rows: sheetRows(found), ...(sheet.hidden ? { hidden: true } : {}) });
    } else for (const t of found) feeder.feed({ kind: 'table', name: '', firstRow: 1, ...t });
  }
  if (tables === 0) throw new EvalcheckError('no-table', 'has no table (a web archive without <table>)', { path });
  return feeder.result(pages[0]!.encoding);
}
