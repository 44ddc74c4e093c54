/**
 * .docx tables: the document's body is unzipped (fflate) and read as a
 * stream of XML events (saxes, the parser jsdom uses); both load only when a
 * document is read, and no tree of the document is built, so a document of a
 * thousand tables holds one table's rows at a time. Each row of a top-level
 * table is a row; a cell spanning columns (w:gridSpan) reads as its text
 * followed by empty cells, a vertically merged cell (w:vMerge) as empty below
 * its first row, as a text export has them. A cell's paragraphs are joined by
 * line breaks; a table nested in a cell is read as that cell's text. Text
 * between tables is not read, except a title paragraph right above a table
 * (its caption). Deleted text of tracked changes (w:del) is left out.
 */
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { EvalcheckError } from '../errors.js';
import { checkPartSizes } from './zipdir.js';
import { Above, GridFeeder, SpanGrid, type RowSink, type SourceRead } from './tables.js';

interface CellState {
  text: string;
  colspan: number;
  /** w:vMerge: 'restart' starts a vertical merge, 'continue' goes on with the one above. */
  vMerge: 'restart' | 'continue' | null;
}

export async function readDocx(bytes: Uint8Array, path: string, sink: RowSink): Promise<SourceRead> {
  checkPartSizes(bytes, path, 'document');
  let xml: Uint8Array | undefined;
  try {
    xml = unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml'];
  } catch (e) {
    throw new EvalcheckError('format', `is not a readable .docx document (${e instanceof Error ? e.message : String(e)})`, { path });
  }
  if (!xml) throw new EvalcheckError('format', 'is not a .docx document (no word/document.xml in it)', { path });

  const feeder = new GridFeeder('docx', sink);
  let tables = 0;
  // Paragraphs since the last table, for a title standing above the next one.
  const above = new Above();
  let paragraph = '';
  // Nesting of tables; the grid of the top-level one being read.
  let depth = 0;
  let grid: SpanGrid | null = null;
  let row: { text: string; colspan: number; rowspan: number }[] | null = null;
  let col = 0;
  let cell: CellState | null = null;
  // Columns where a vertical merge is running.
  const merging = new Set<number>();
  let inText = false;
  let deleted = 0;
  let tabStops = 0;
  const put = (s: string) => {
    if (deleted > 0) return;
    if (cell) cell.text += s;
    else if (depth === 0) paragraph += s;
  };

  const p = new SaxesParser();
  p.on('opentag', (n) => {
    const a = n.attributes as Record<string, string>;
    switch (n.name) {
      case 'w:tbl':
        if (depth++ === 0) {
          grid = new SpanGrid();
          merging.clear();
        }
        break;
      case 'w:tr':
        if (depth === 1) {
          row = [];
          col = 0;
        }
        break;
      case 'w:gridBefore':
        if (depth === 1 && row && !cell) {
          const k = Number(a['w:val']) || 0;
          if (k > 0) {
            row.push({ text: '', colspan: k, rowspan: 1 });
            col += k;
          }
        }
        break;
      case 'w:tc':
        if (depth === 1) cell = { text: '', colspan: 1, vMerge: null };
        break;
      case 'w:gridSpan':
        if (depth === 1 && cell) cell.colspan = Math.max(1, Math.min(1000, Number(a['w:val']) || 1));
        break;
      case 'w:vMerge':
        if (depth === 1 && cell) cell.vMerge = a['w:val'] === 'restart' ? 'restart' : 'continue';
        break;
      case 'w:p':
        if (cell && cell.text !== '' && !cell.text.endsWith('\n')) cell.text += '\n';
        break;
      case 'w:t':
        inText = true;
        break;
      case 'w:tabs':
        // (tab stops of a paragraph's properties, not tab characters)
        tabStops++;
        break;
      case 'w:tab':
        if (tabStops === 0) put('\t');
        break;
      case 'w:br':
      case 'w:cr':
        put('\n');
        break;
      case 'w:del':
        deleted++;
        break;
    }
  });
  p.on('text', (t) => {
    if (inText) put(t);
  });
  p.on('closetag', (n) => {
    switch (n.name) {
      case 'w:t':
        inText = false;
        break;
      case 'w:del':
        deleted--;
        break;
      case 'w:tabs':
        tabStops--;
        break;
      case 'w:p':
        if (depth === 0) {
          above.paragraph(paragraph);
          paragraph = '';
        }
        break;
      case 'w:tc':
        if (depth === 1 && cell && row) {
          const continues = cell.vMerge === 'continue' && merging.has(col);
          if (cell.vMerge === 'restart' || (cell.vMerge === 'continue' && !continues)) merging.add(col);
          else if (cell.vMerge === null) merging.delete(col);
          row.push({ text: continues ? '' : cell.text.replace(/^\n+|\n+$/g, ''), colspan: cell.colspan, rowspan: 1 });
          col += cell.colspan;
          cell = null;
        }
        break;
      case 'w:tr':
        if (depth === 1 && row && grid) {
          grid.addRow(row);
          row = null;
        }
        break;
      case 'w:tbl':
        if (--depth === 0 && grid) {
          tables++;
          const caption = above.caption();
          feeder.feed({ kind: 'table', name: '', firstRow: 1, rows: grid.rows, ...(caption !== undefined ? { caption } : {}) });
          grid = null;
        }
        break;
    }
  });
  try {
    p.write(new TextDecoder('utf-8').decode(xml)).close();
  } catch (e) {
    throw new EvalcheckError('format', `is not a readable .docx document (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`, { path });
  }
  if (tables === 0) throw new EvalcheckError('no-table', 'has no table (a .docx without tables)', { path });
  return feeder.result('utf-8');
}
