/**
 * .xlsx (and .xlsb) and .xls workbooks, Excel 2003 XML (SpreadsheetML, what
 * many systems export as ".xls") and OpenDocument spreadsheets (.ods, from WPS
 * or LibreOffice), read with SheetJS (the `@e965/xlsx` republication
 * of SheetJS CE 0.20.3, the current release; the registry's `xlsx` 0.18.5 is
 * stale and has known advisories). Loaded only when a workbook is read.
 *
 * Every cell is read as displayed: the text its number format gives
 * (`0.9512` under `0.00%` reads `95.12%`, `88.3` under `0.00` reads `88.30`),
 * which is what the rounding checks must compare; formulas by their cached
 * value. A merged range reads as its first cell, the others empty, like the
 * text Excel saves. Every sheet is read in order; a sheet without a table
 * title is said in a note, not read.
 */
import { EvalcheckError } from '../errors.js';
import { decodeDeclared, encodingOfCharset } from '../parse/decode.js';
import { GridFeeder, type RowSink, type SourceRead } from './tables.js';
import { readDoc, rootStreams } from './doc.js';
import { checkPartSizes } from './zipdir.js';
import { quietly } from './quiet.js';
import { finding } from '../findings.js';

import * as X from '@e965/xlsx';

type XLSXModule = typeof X;
type CellObject = X.CellObject;

// (This module is imported only when a workbook is read, so SheetJS loads then: a static import here, since
// the CLI's bundle runs in a vm.Script, where import() of a package is not available.)
export async function readWorkbook(bytes: Uint8Array, path: string, format: 'xlsx' | 'xls' | 'xml' | 'ods', sink: RowSink): Promise<SourceRead> {
  if (format === 'xlsx' || format === 'ods') {
    checkPartSizes(bytes, path, 'workbook');
  }
  // SpreadsheetML is text in the encoding its declaration names (GB2312 from Chinese systems): decoded here,
  // as SheetJS reads such bytes as UTF-8.
  const input = format === 'xml' ? xmlText(bytes, path) : bytes;
  let wb: X.WorkBook;
  let said: string[];
  try {
    ({ value: wb, said } = quietly(() => X.read(input, { type: typeof input === 'string' ? 'string' : 'buffer', dense: true, cellNF: true, cellText: true, cellDates: false, cellHTML: false, cellStyles: false, bookVBA: false, WTF: false })));
  } catch (e) {
    throw new EvalcheckError('format', workbookError(e, format), { path });
  }
  const feeder = new GridFeeder(format, sink);
  // (Its reader, with fflate and saxes, loads only for an .ods.)
  const odsHidden = format === 'ods' ? (await import('./ods.js')).hiddenTables(bytes) : null;
  for (const [index, name] of wb.SheetNames.entries()) {
    const ws = wb.Sheets[name];
    // Hidden (1) or very hidden (2, only macros show it); in an .ods, by its table style.
    const hidden = (wb.Workbook?.Sheets?.[index]?.Hidden ?? 0) !== 0 || odsHidden?.has(name) === true;
    // Free each sheet once read: a workbook of many tables is never held twice.
    delete wb.Sheets[name];
    if (!ws || !ws['!ref']) continue;
    const range = X.utils.decode_range(ws['!ref']);
    const data = (ws['!data'] ?? []) as (CellObject | null | undefined)[][];
    const rows: string[][] = [];
    for (let r = range.s.r; r <= range.e.r; r++) {
      const src = data[r] ?? [];
      const cells: string[] = [];
      for (let c = 0; c <= Math.min(range.e.c, src.length - 1); c++) cells.push(cellText(X, src[c]));
      rows.push(cells);
    }
    for (const m of ws['!merges'] ?? []) {
      for (let r = m.s.r; r <= m.e.r; r++) {
        const row = rows[r - range.s.r];
        if (!row) continue;
        for (let c = m.s.c; c <= m.e.c; c++) if ((r !== m.s.r || c !== m.s.c) && c < row.length) row[c] = '';
      }
    }
    feeder.feed({ kind: 'sheet', name, firstRow: range.s.r + 1, rows, ...(hidden ? { hidden } : {}) });
  }
  if (feeder.map.lineCount === 0 && wb.SheetNames.length === 0) throw new EvalcheckError('format', `is not a readable ${format} workbook (no sheets)`, { path });
  // What SheetJS could not read, though it read the rest: said, not left on the console.
  if (said.length) feeder.findings.push(finding('reader-note', null, { args: { said } }));
  return feeder.result(format === 'xls' ? 'biff' : 'utf-8');
}

/** An XML document's text, by the encoding its declaration names (decodeDeclared). */
function xmlText(bytes: Uint8Array, path: string): string {
  const decl = /^(?:\ufeff|\xef\xbb\xbf)?<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 200)));
  return decodeDeclared(bytes, path, decl ? encodingOfCharset(decl[1]!) : undefined).text;
}

function cellText(X: XLSXModule, c: CellObject | null | undefined): string {
  if (!c || c.t === 'z') return '';
  if (c.w !== undefined) return c.w;
  if (c.v === undefined || c.v === null) return '';
  try {
    return X.utils.format_cell(c);
  } catch {
    return String(c.v);
  }
}

/**
 * An OLE file is more than an .xls: a Word 97-2003 document (read by the .doc reader), a PowerPoint file, or an
 * .xlsx or .docx saved with a password (Office encrypts the whole package into an OLE file). Its root streams
 * say which: a workbook, a document, or null for neither (the reader its name asks for says what is wrong).
 */
function oleKind(names: ReadonlyMap<string, unknown>, path: string): 'xls' | 'doc' | null {
  if (names.has('workbook') || names.has('book')) return 'xls';
  if (names.has('encryptedpackage')) throw new EvalcheckError('format', 'is a password-protected Office file (its package is encrypted): save it without a password and run again', { path });
  if (names.has('worddocument')) return 'doc';
  if (names.has('powerpoint document')) throw new EvalcheckError('format', 'is a PowerPoint presentation, not an exported table', { path });
  return null;
}

/**
 * An OLE compound file, read as what its root streams say it is (a Word document under an .xls name, a workbook
 * under a .doc name); `named` is what its name or --input-format said, for a file whose streams say neither.
 */
export async function readOle(bytes: Uint8Array, path: string, named: 'xls' | 'doc', sink: RowSink): Promise<SourceRead> {
  const streams = rootStreams(bytes);
  const kind = streams ? oleKind(streams, path) : null;
  return (kind ?? named) === 'doc' ? readDoc(bytes, path, sink, streams) : readWorkbook(bytes, path, 'xls', sink);
}

function workbookError(e: unknown, format: string): string {
  const m = e instanceof Error ? e.message : String(e);
  if (/password/i.test(m)) return `is a password-protected ${format} workbook: save it without a password and run again`;
  return `is not a readable ${format} workbook (${m.split('\n')[0]!.slice(0, 80)})`;
}
