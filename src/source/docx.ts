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
import { sniff } from './detect.js';
import type { PageTable } from './html.js';

interface CellState {
  text: string;
  colspan: number;
  /** w:vMerge: 'restart' starts a vertical merge, 'continue' goes on with the one above. */
  vMerge: 'restart' | 'continue' | null;
}

export async function readDocx(bytes: Uint8Array, path: string, sink: RowSink): Promise<SourceRead> {
  checkPartSizes(bytes, path, 'document');
  let xml: Uint8Array | undefined;
  let rels: Uint8Array | undefined;
  try {
    ({ 'word/document.xml': xml, [RELS]: rels } = unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' || f.name === RELS }));
  } catch (e) {
    throw new EvalcheckError('format', `is not a readable .docx document (${e instanceof Error ? e.message : String(e)})`, { path });
  }
  if (!xml) throw new EvalcheckError('format', 'is not a .docx document (no word/document.xml in it)', { path });
  const chunks = await altChunks(bytes, rels, path);

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
      case 'w:altChunk':
        // A part of the body embedded whole (an HTML page, a web archive): its tables stand here.
        if (depth === 0 && chunks) {
          const found = chunks.tablesOf(a['r:id'] ?? '');
          for (const t of found) feeder.feed({ kind: 'table', name: '', firstRow: 1, ...t });
          tables += found.length;
          above.caption();
        }
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
    if (e instanceof EvalcheckError) throw e;
    throw new EvalcheckError('format', `is not a readable .docx document (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`, { path });
  }
  if (tables === 0) throw new EvalcheckError('no-table', 'has no table (a .docx without tables)', { path });
  return feeder.result('utf-8');
}

const RELS = 'word/_rels/document.xml.rels';

/**
 * The parts a document embeds whole (w:altChunk), as export code writes a "Word" file: html-docx-js and others
 * put the page in as an HTML part or a web archive (afchunk.mht). Their tables are read where the chunk stands
 * in the body, with the page reader (loaded only then). A chunk of another kind (RTF, another .docx, text) is
 * an error naming it: its tables would otherwise be lost without a word. null: the document embeds none.
 */
async function altChunks(bytes: Uint8Array, rels: Uint8Array | undefined, path: string): Promise<{ tablesOf(id: string): PageTable[] } | null> {
  const targets = new Map<string, string>();
  const text = rels ? new TextDecoder('utf-8').decode(rels) : '';
  for (const m of text.matchAll(/<Relationship\b[^>]*>/g)) {
    const attr = (n: string) => new RegExp(`\\b${n}\\s*=\\s*"([^"]*)"`).exec(m[0])?.[1];
    const id = attr('Id');
    const target = attr('Target');
    if (id === undefined || target === undefined || !/\/aFChunk$/i.test(attr('Type') ?? '')) continue;
    // Relative to word/, or from the package's root when it starts with "/".
    const parts = (target.startsWith('/') ? target.slice(1) : `word/${target}`).split('/');
    const name: string[] = [];
    for (const p of parts) p === '..' ? name.pop() : p !== '.' && p !== '' && name.push(p);
    targets.set(id, name.join('/'));
  }
  if (targets.size === 0) return null;
  const wanted = new Set(targets.values());
  const files = unzipSync(bytes, { filter: (f) => wanted.has(f.name) });
  const { pageText, tablesOfPage } = await import('./html.js');
  const { archivePages } = await import('./mht.js');
  return {
    tablesOf(id: string): PageTable[] {
      const name = targets.get(id);
      const b = name !== undefined ? files[name] : undefined;
      if (!b) throw new EvalcheckError('format', `is not a readable .docx document (its embedded part ${name ?? id} is missing)`, { path });
      const kind = sniff(b);
      if (kind === 'html') return tablesOfPage(pageText(b, path).text);
      if (kind === 'mht') return archivePages(b, path).flatMap((p) => tablesOfPage(p.text));
      throw new EvalcheckError('format', `holds an embedded part (${name}) that is not a web page: open it in Word, save it as .docx and run again`, { path });
    },
  };
}
