/**
 * .xlsx and .xls workbooks, read with SheetJS (the `@e965/xlsx` republication
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
import { GridFeeder, type RowSink, type SourceRead } from './tables.js';

import * as X from '@e965/xlsx';

type XLSXModule = typeof X;
type CellObject = X.CellObject;

// (This module is imported only when a workbook is read, so SheetJS loads then: a static import here, since
// the CLI's bundle runs in a vm.Script, where import() of a package is not available.)
export async function readWorkbook(bytes: Uint8Array, path: string, format: 'xlsx' | 'xls', sink: RowSink): Promise<SourceRead> {
  let wb: X.WorkBook;
  try {
    wb = X.read(bytes, { type: 'buffer', dense: true, cellNF: true, cellText: true, cellDates: false, cellHTML: false, cellStyles: false, bookVBA: false, WTF: false });
  } catch (e) {
    throw new EvalcheckError('format', workbookError(e, format), { path });
  }
  const feeder = new GridFeeder(format, sink);
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
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
    feeder.feed({ kind: 'sheet', name, firstRow: range.s.r + 1, rows });
  }
  if (feeder.map.lineCount === 0 && wb.SheetNames.length === 0) throw new EvalcheckError('format', `is not a readable ${format} workbook (no sheets)`, { path });
  return feeder.result(format === 'xlsx' ? 'utf-8' : 'biff');
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

function workbookError(e: unknown, format: string): string {
  const m = e instanceof Error ? e.message : String(e);
  if (/password/i.test(m)) return `is a password-protected ${format} workbook: save it without a password and run again`;
  return `is not a readable ${format} workbook (${m.split('\n')[0]!.slice(0, 80)})`;
}
