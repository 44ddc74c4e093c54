/**
 * The source seam: one input (bytes, text, or rows a script already has) →
 * rows of cells, each with the line it is numbered by, and a map back to
 * where it came from. Text is read by the row feeder (every encoding and
 * line ending; quoting where well-formed); workbooks, documents and pages by
 * their readers, which load only when such an input is read. Nothing here
 * touches the file system: the CLI reads files (io.ts), the library hands
 * bytes.
 */
import type { Encoding } from '../parse/decode.js';
import { damageFindings, decode } from '../parse/decode.js';
import { RowFeeder } from '../parse/feed.js';
import type { FileRead } from '../model.js';
import type { Finding } from '../findings.js';
import { formatOf, isWebArchive } from './detect.js';
import type { RowSink, SourceRead } from './tables.js';
import type { SourceFormat, SourceMap } from './where.js';

export { formatOf, formatOfName, sniff, EXTENSIONS } from './detect.js';
export { SourceMap, columnName, whereText, SOURCE_FORMATS, type SourceFormat, type Where } from './where.js';
export type { RowSink, SourceRead } from './tables.js';

/** How an input was read. */
export interface ReadMeta extends Omit<FileRead, 'path'> {
  /** Sheet/table locations (null for text, where a line is a line). */
  map: SourceMap | null;
  /** Notes on the source itself. */
  findings: Finding[];
}

/** A row a script hands in: its cells, and the line it is numbered by (default: one after the last). */
export interface InputRow {
  cells: readonly string[];
  line?: number;
}

export type TextFormat = 'text' | 'csv';
export type DocumentFormat = Exclude<SourceFormat, TextFormat>;
export const isTextFormat = (f: SourceFormat): f is TextFormat => f === 'text' || f === 'csv';

/** What a script may hand the library: text, bytes, or rows it already has. */
export type Input = string | Uint8Array | Iterable<InputRow | readonly string[]>;
export const isRows = (input: Input): input is Iterable<InputRow | readonly string[]> => typeof input !== 'string' && !(input instanceof Uint8Array);

/** Feed decoded text (or bytes in a supported encoding) through a row feeder. */
export function feedText(input: string | Uint8Array, path: string, forced: Encoding | undefined, format: TextFormat, sink: RowSink): ReadMeta {
  const feeder = new RowFeeder((cells, line) => sink.row(cells, line), { delimiter: format === 'csv' ? ',' : '\t' });
  let encoding: Encoding = 'utf-8';
  let bom = false;
  let findings: Finding[] = [];
  if (typeof input === 'string') {
    bom = input.charCodeAt(0) === 0xfeff;
    feeder.push(bom ? input.slice(1) : input);
  } else {
    const d = decode(input, path, forced);
    ({ encoding, bom } = d);
    findings = damageFindings(d.damage, d.encoding);
    feeder.push(d.text);
  }
  feeder.end();
  return { format, encoding, bom, lineEndings: feeder.endings, lineCount: feeder.lineCount, map: null, findings };
}

/** Feed rows a script already holds. */
export function feedRows(rows: Iterable<InputRow | readonly string[]>, sink: RowSink): ReadMeta {
  let line = 0;
  for (const r of rows) {
    const row = Array.isArray(r) ? { cells: r as readonly string[] } : (r as InputRow);
    line = row.line ?? line + 1;
    sink.row(row.cells, line);
  }
  return { format: 'text', encoding: 'utf-8', bom: false, lineEndings: {}, lineCount: line, map: null, findings: [] };
}

const fromRead = (r: SourceRead): ReadMeta => ({ format: r.format, encoding: r.encoding, bom: false, lineEndings: {}, lineCount: r.lineCount, map: r.map, findings: r.findings });

/**
 * Read a workbook, a document or a page held in memory (its readers load
 * now). `format` as `formatOf` decided it; `file`, where the bytes are on
 * disk if they are (a web page's frame page reads its sheets from beside it).
 */
export async function feedDocument(bytes: Uint8Array, path: string, format: DocumentFormat, sink: RowSink, forced?: Encoding, file?: string): Promise<ReadMeta> {
  switch (format) {
    case 'xls':
    case 'doc': {
      const { readOle } = await import('./workbook.js');
      return fromRead(await readOle(bytes, path, format, sink));
    }
    case 'xlsx':
    case 'xml':
    case 'ods': {
      const { readWorkbook } = await import('./workbook.js');
      return fromRead(await readWorkbook(bytes, path, format, sink));
    }
    case 'docx': {
      const { readDocx } = await import('./docx.js');
      return fromRead(await readDocx(bytes, path, sink));
    }
    case 'odt': {
      const { readOdt } = await import('./odt.js');
      return fromRead(await readOdt(bytes, path, sink));
    }
    case 'rtf': {
      const { readRtf } = await import('./rtf.js');
      return fromRead(await readRtf(bytes, path, sink));
    }
    case 'html': {
      const { readHtml } = await import('./html.js');
      return fromRead(await readHtml(bytes, path, sink, forced, file));
    }
    case 'mht': {
      const { readMht } = await import('./mht.js');
      return fromRead(await readMht(bytes, path, sink, forced));
    }
  }
}

/** Any input held in memory: text or bytes of any supported format, or rows. */
export async function feedAny(input: string | Uint8Array, path: string, o: { encoding?: Encoding | undefined; format?: SourceFormat | undefined; file?: string | undefined }, sink: RowSink): Promise<ReadMeta> {
  if (typeof input === 'string') {
    const f = o.format ?? (/^\s*</.test(input) && /<table/i.test(input) ? 'html' : /^[A-Za-z][\w-]*:/.test(input) && isWebArchive(Buffer.from(input.slice(0, 8192), 'utf8')) ? 'mht' : 'text');
    if (f === 'html') return fromRead(await (await import('./html.js')).readHtml(input, path, sink));
    // A web archive handed as text is ASCII (its pages quoted-printable or base64) or UTF-8.
    if (f === 'mht') return feedDocument(Buffer.from(input, 'utf8'), path, 'mht', sink, o.encoding);
    return feedText(input, path, o.encoding, f === 'csv' ? 'csv' : 'text', sink);
  }
  const f = formatOf(path, input, o.format);
  if (isTextFormat(f)) return feedText(input, path, o.encoding, f, sink);
  return feedDocument(input, path, f, sink, o.encoding, o.file);
}
