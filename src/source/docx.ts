/**
 * .docx tables: the document's body is unzipped (fflate) and its XML parsed
 * (fast-xml-parser, in document order); both load only when a document is
 * read. Each table row is a row; a cell spanning columns (w:gridSpan) reads
 * as its text followed by empty cells, a vertically merged cell (w:vMerge)
 * as empty below its first row, as a text export has them. A cell's
 * paragraphs are joined by line breaks. Text between tables is not read,
 * except a title paragraph right above a table (its caption).
 */
import { EvalcheckError } from '../errors.js';
import { isTitleText } from '../parse/parser.js';
import { unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { GridFeeder, SpanGrid, type RowSink, type SourceRead } from './tables.js';

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const tagOf = (n: Node): string => Object.keys(n).find((k) => k !== ':@')!;
const kids = (n: Node): Node[] => (n[tagOf(n)] as Node[] | undefined) ?? [];
const attr = (n: Node, name: string): string | undefined => n[':@']?.[name];

/** Text of a subtree in document order: runs' text, tabs and breaks; deleted text (w:del) skipped. */
function textOf(nodes: readonly Node[], out: string[]): void {
  for (const n of nodes) {
    const tag = tagOf(n);
    if (tag === '#text') out.push(String(n['#text']));
    else if (tag === 'w:t') textOf(kids(n), out);
    else if (tag === 'w:tab') out.push('\t');
    else if (tag === 'w:br' || tag === 'w:cr') out.push('\n');
    else if (tag === 'w:p') {
      if (out.length && out[out.length - 1] !== '\n') out.push('\n');
      textOf(kids(n), out);
    } else if (tag === 'w:del' || tag === 'w:delText' || tag === 'w:instrText' || tag === 'w:rPr' || tag === 'w:pPr' || tag === 'w:tcPr' || tag.startsWith('#')) continue;
    else textOf(kids(n), out);
  }
}

const cellText = (nodes: readonly Node[]): string => {
  const out: string[] = [];
  textOf(nodes, out);
  return out.join('').replace(/^\n+|\n+$/g, '');
};

/** The rows (w:tr) of a table, looking through content controls (w:sdt). */
function rowsOf(tbl: Node): Node[] {
  const out: Node[] = [];
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      const t = tagOf(n);
      if (t === 'w:tr') out.push(n);
      else if (t === 'w:sdt' || t === 'w:sdtContent') walk(kids(n));
    }
  };
  walk(kids(tbl));
  return out;
}

function cellsOf(tr: Node): Node[] {
  const out: Node[] = [];
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      const t = tagOf(n);
      if (t === 'w:tc') out.push(n);
      else if (t === 'w:sdt' || t === 'w:sdtContent' || t === 'w:customXml') walk(kids(n));
    }
  };
  walk(kids(tr));
  return out;
}

function gridOf(tbl: Node): string[][] {
  const grid = new SpanGrid();
  // Vertical merges: the columns where a merge is running, and the first cell of each.
  const open = new Map<number, true>();
  for (const tr of rowsOf(tbl)) {
    const trPr = kids(tr).find((n) => tagOf(n) === 'w:trPr');
    const gridBefore = trPr ? kids(trPr).find((n) => tagOf(n) === 'w:gridBefore') : undefined;
    const before = Number(gridBefore ? attr(gridBefore, 'w:val') : 0) || 0;
    const cells: { text: string; colspan: number; rowspan: number }[] = [];
    if (before > 0) cells.push({ text: '', colspan: before, rowspan: 1 });
    let col = before;
    for (const tc of cellsOf(tr)) {
      const pr = kids(tc).find((n) => tagOf(n) === 'w:tcPr');
      const prKids = pr ? kids(pr) : [];
      const span = Number(attr(prKids.find((n) => tagOf(n) === 'w:gridSpan') ?? {}, 'w:val') ?? 1) || 1;
      const vm = prKids.find((n) => tagOf(n) === 'w:vMerge');
      const continues = vm !== undefined && attr(vm, 'w:val') !== 'restart' && open.has(col);
      if (vm !== undefined && !continues) open.set(col, true);
      else if (vm === undefined) open.delete(col);
      cells.push({ text: continues ? '' : cellText(kids(tc).filter((n) => tagOf(n) !== 'w:tcPr')), colspan: span, rowspan: 1 });
      col += span;
    }
    grid.addRow(cells);
  }
  return grid.rows;
}

export async function readDocx(bytes: Uint8Array, path: string, sink: RowSink): Promise<SourceRead> {
  let xml: Uint8Array | undefined;
  try {
    xml = unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml'];
  } catch (e) {
    throw new EvalcheckError('format', `is not a readable .docx document (${e instanceof Error ? e.message : String(e)})`, { path });
  }
  if (!xml) throw new EvalcheckError('format', 'is not a .docx document (no word/document.xml in it)', { path });
  let doc: Node[];
  try {
    const p = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, parseTagValue: false, processEntities: true, htmlEntities: true });
    doc = p.parse(new TextDecoder('utf-8').decode(xml)) as Node[];
  } catch (e) {
    throw new EvalcheckError('format', `is not a readable .docx document (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`, { path });
  }
  const feeder = new GridFeeder('docx', sink);
  // Paragraphs since the last table, for a title standing above the next one.
  let recent: string[] = [];
  let tables = 0;
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      const t = tagOf(n);
      if (t === 'w:tbl') {
        tables++;
        const caption = recent.slice(-3).reverse().find(isTitleText);
        feeder.feed({ kind: 'table', name: '', firstRow: 1, rows: gridOf(n), ...(caption !== undefined ? { caption } : {}) });
        recent = [];
      } else if (t === 'w:p') {
        const text = cellText([n]).replace(/\s+/g, ' ').trim();
        if (text) recent.push(text);
      } else if (t === 'w:document' || t === 'w:body' || t === 'w:sdt' || t === 'w:sdtContent') walk(kids(n));
    }
  };
  walk(doc);
  if (tables === 0) throw new EvalcheckError('no-table', 'has no table (a .docx without tables)', { path });
  return feeder.result('utf-8');
}
