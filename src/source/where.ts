/**
 * Where a row came from. Text rows are physical lines. Rows of a workbook,
 * a document or a page are numbered one after the other across the whole
 * input (that number is the `line` the parser and the checks use), and a
 * SourceMap turns it back into the sheet and row (`Sheet1!C12`) or the
 * table and row it was read from.
 */
/** `xml`: an Excel 2003 XML workbook (SpreadsheetML), as many systems export ".xls"; `ods`: an OpenDocument spreadsheet (WPS, LibreOffice). */
export type SourceFormat = 'text' | 'csv' | 'xlsx' | 'xls' | 'xml' | 'ods' | 'docx' | 'doc' | 'rtf' | 'odt' | 'html' | 'mht';
export const SOURCE_FORMATS: readonly SourceFormat[] = ['text', 'csv', 'xlsx', 'xls', 'xml', 'ods', 'docx', 'doc', 'rtf', 'odt', 'html', 'mht'];

/** A location inside a workbook (sheet, row, cell) or a document/page (table, row, column). */
export interface Where {
  /** Sheet name (workbooks). */
  sheet?: string;
  /** 1-based table number (documents and pages). */
  table?: number;
  /** 1-based row: the sheet's row number, or the row within its table. */
  row: number;
  /** 0-based column, where the finding is about one cell. */
  col?: number;
  /** A1-style address of that cell in a workbook ("C12"). */
  cell?: string;
}

/** "A", …, "Z", "AA", … for a 0-based column. */
export function columnName(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

interface Part {
  kind: 'sheet' | 'table';
  /** Sheet name, or table number as text. */
  name: string;
  index: number;
  /** Line of this part's first row. */
  firstLine: number;
  /** Row number (in the sheet or table) of that first row. */
  firstRow: number;
  /** Rows it holds. */
  rows: number;
}

export class SourceMap {
  private readonly parts: Part[] = [];
  private next = 1;

  constructor(readonly format: SourceFormat) {}

  /** Lines used so far (the line count of the input). */
  get lineCount(): number {
    return this.next - 1;
  }

  /** Reserve `rows` lines for a sheet (rows numbered from `firstRow`) or a table; returns the first line. */
  add(kind: Part['kind'], name: string, rows: number, firstRow = 1): number {
    const firstLine = this.next;
    this.parts.push({ kind, name, index: this.parts.filter((p) => p.kind === kind).length + 1, firstLine, firstRow, rows });
    this.next += rows;
    return firstLine;
  }

  private partOf(line: number): Part | null {
    let lo = 0;
    let hi = this.parts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = this.parts[mid]!;
      if (line < p.firstLine) hi = mid - 1;
      else if (line >= p.firstLine + p.rows) lo = mid + 1;
      else return p;
    }
    return null;
  }

  /** Where line `line` (and, if given, column `col`) is in the source. */
  locate(line: number, col?: number): Where | null {
    const p = this.partOf(line);
    if (!p) return null;
    const row = p.firstRow + line - p.firstLine;
    if (p.kind === 'sheet') return { sheet: p.name, row, ...(col !== undefined ? { col, cell: `${columnName(col)}${row}` } : {}) };
    return { table: p.index, row, ...(col !== undefined ? { col } : {}) };
  }
}

/** "Sheet1!C12", "Sheet1!12" (whole row), "表2 第5行" / "table 2, row 5" (documents), "表2 上方标题" (the title above it). */
export function whereText(w: Where, lang: 'zh' | 'en'): string {
  if (w.sheet !== undefined) {
    const sheet = /^[\p{L}\p{N}_]+$/u.test(w.sheet) ? w.sheet : `'${w.sheet.replace(/'/g, "''")}'`;
    return `${sheet}!${w.cell ?? `${w.row}:${w.row}`}`;
  }
  // Row 0 is the title paragraph right above the table (read with it): "table 1, row 0" said nothing to a reader.
  if (w.row === 0) return lang === 'zh' ? `表${w.table} 上方标题` : `table ${w.table}, the title above it`;
  const col = w.col !== undefined ? (lang === 'zh' ? `第${w.col + 1}列` : `, column ${w.col + 1}`) : '';
  return lang === 'zh' ? `表${w.table} 第${w.row}行${col}` : `table ${w.table}, row ${w.row}${col}`;
}
