/**
 * Tables (workbook sheets, document and page tables) → rows for the parser.
 * Each table's rows get consecutive line numbers, recorded in a SourceMap so
 * that findings point back at the sheet and cell (or table and row).
 *
 * A sheet is a table of its own: the block being read closes at the end of
 * each sheet, and a sheet with no table title in it (a sheet of notes) is not
 * read but said in one note. The tables of a document or a page are read one
 * after the other like the rows of a text export, since one table of a
 * document may continue the one before it.
 */
import { finding, type Finding } from '../findings.js';
import { holdsTitle, isTitleText } from '../parse/parser.js';
import { SourceMap, type SourceFormat } from './where.js';

/** Where the rows of a source go: the parser (or the verifier), told where a sheet ends. */
export interface RowSink {
  row(cells: readonly string[], line: number): void;
  /** The end of a sheet: the block being read is complete. */
  boundary(): void;
  /** Told the source's map before the first row (to locate findings). */
  source?(map: SourceMap): void;
}

export interface Grid {
  kind: 'sheet' | 'table';
  /** Sheet name, or "" for a table. */
  name: string;
  /** Row number of the first row (a sheet's used range may start below row 1). */
  firstRow: number;
  /** Cells as shown, merged ranges read as their first cell with the others empty. */
  rows: string[][];
  /** A title paragraph standing right above a document's table (row 0 of the table). */
  caption?: string;
  /** A sheet the workbook hides (what a reviewer does not see is not checked: a note says so). */
  hidden?: boolean;
}

/** What reading a non-text source gives besides its rows. */
export interface SourceRead {
  format: SourceFormat;
  encoding: string;
  lineCount: number;
  map: SourceMap;
  /** Notes on the source itself (a sheet without a table). */
  findings: Finding[];
}

export class GridFeeder {
  readonly map: SourceMap;
  readonly findings: Finding[] = [];

  constructor(
    readonly format: SourceFormat,
    private readonly sink: RowSink,
  ) {
    this.map = new SourceMap(format);
    sink.source?.(this.map);
  }

  /** Feed one grid; the line its first row (below a caption) is numbered by. */
  feed(g: Grid): number {
    const caption = g.caption !== undefined ? 1 : 0;
    const first = this.map.add(g.kind, g.name, g.rows.length + caption, caption ? 0 : g.firstRow);
    if (g.kind === 'sheet') {
      const table = holdsTitle(g.rows);
      // A hidden sheet, or one without a table, is not read: a note says what it holds.
      if (g.hidden || !table) {
        const rows = g.rows.filter((r) => r.some((c) => c.trim() !== '')).length;
        if (rows > 0) this.findings.push(g.hidden ? finding('sheet-hidden', first, { args: { sheet: g.name, rows, table } }) : finding('sheet-without-table', first, { args: { sheet: g.name, rows } }));
        return first;
      }
      this.sink.boundary();
    }
    if (caption) this.sink.row([g.caption!], first);
    for (let i = 0; i < g.rows.length; i++) this.sink.row(g.rows[i]!, first + caption + i);
    if (g.kind === 'sheet') this.sink.boundary();
    return first + caption;
  }

  result(encoding: string): SourceRead {
    return { format: this.format, encoding, lineCount: this.map.lineCount, map: this.map, findings: this.findings };
  }
}

/**
 * Lay out rows of cells with column and row spans (HTML colspan/rowspan,
 * Word gridSpan/vMerge) on a grid: a spanned cell's text stands in its first
 * column and row, the other positions it covers are empty.
 */
export class SpanGrid {
  readonly rows: string[][] = [];
  /** Per column, how many more rows a cell above still covers. */
  private covered: number[] = [];

  addRow(cells: readonly { text: string; colspan: number; rowspan: number }[]): void {
    const out: string[] = [];
    let col = 0;
    const take = () => {
      while ((this.covered[col] ?? 0) > 0) {
        this.covered[col]!--;
        out[col++] = '';
      }
    };
    for (const c of cells) {
      take();
      for (let k = 0; k < c.colspan; k++) {
        out[col] = k === 0 ? c.text : '';
        if (c.rowspan > 1) this.covered[col] = c.rowspan - 1;
        col++;
      }
    }
    // Cells from rows above that reach past the last cell of this row.
    for (; col < this.covered.length; col++) {
      if ((this.covered[col] ?? 0) > 0) {
        this.covered[col]!--;
        out[col] = '';
      }
    }
    for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = '';
    this.rows.push(out);
  }
}

/**
 * The paragraphs of a document since its last table, for the title standing right above the next one (its
 * caption): the last three that are not blank, white space collapsed.
 */
export class Above {
  private lines: string[] = [];
  paragraph(text: string): void {
    const line = text.replace(/\s+/g, ' ').trim();
    if (!line) return;
    this.lines.push(line);
    if (this.lines.length > 3) this.lines.shift();
  }
  /** The nearest of them that is a table title, if any; the paragraphs are forgotten (a table came). */
  caption(): string | undefined {
    const c = [...this.lines].reverse().find(isTitleText);
    this.lines = [];
    return c;
  }
}

/** A table row as a document stores it: its cells' texts, its cell edges (twips), which cells continue a vertical merge. */
export interface EdgedRow {
  cells: string[];
  edges: number[] | null;
  continues: boolean[];
}

/**
 * The rows of one table on its grid: the columns are every cell edge of every row (as Word lays out a table's
 * grid), each cell spans the columns between its edges. A row whose edges are missing (or do not fit its
 * cells) has one column per cell, and is listed in `unplaced` (a cell-edges-missing warning says so).
 */
export function layOutEdges(rows: readonly EdgedRow[]): { rows: string[][]; unplaced: number[] } {
  const all = new Set<number>();
  for (const r of rows) if (r.edges && r.edges.length === r.cells.length + 1) for (const e of r.edges) all.add(e);
  const edges = [...all].sort((a, b) => a - b);
  const index = new Map(edges.map((e, i) => [e, i]));
  const grid = new SpanGrid();
  const unplaced: number[] = [];
  for (const [k, r] of rows.entries()) {
    const ok = r.edges !== null && r.edges.length === r.cells.length + 1 && r.edges.every((e, i) => i === 0 || e > r.edges![i - 1]!);
    const out: { text: string; colspan: number; rowspan: number }[] = [];
    if (ok) {
      const before = index.get(r.edges![0]!)!;
      if (before > 0) out.push({ text: '', colspan: before, rowspan: 1 });
    } else unplaced.push(k);
    r.cells.forEach((text, i) => {
      const colspan = ok ? index.get(r.edges![i + 1]!)! - index.get(r.edges![i]!)! : 1;
      out.push({ text: r.continues[i] ? '' : text, colspan: Math.max(1, colspan), rowspan: 1 });
    });
    grid.addRow(out);
  }
  return { rows: grid.rows, unplaced };
}
