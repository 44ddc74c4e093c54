/**
 * Builds the files reviewers really receive from a text export: workbooks
 * (.xlsx, .xls), Word documents (.docx), web pages (.html), CSV and Excel's
 * quoted "Unicode text", laid out as real exports have them:
 *
 * - numbers stored as numbers with the number format that prints them as
 *   the text did (`88.30` → 88.3 under `0.00`, `95.12%` → 0.9512 under `0.00%`);
 * - a title merged across the table, long texts merged across the empty
 *   cells after them, labels merged down over the empty cells below them
 *   (一级指标 over its 二级 rows);
 * - one cell a formula with its cached value.
 *
 * Merges only ever cover cells that are empty in the text, so each built file
 * must read exactly as its text original. Used by test/sources.test.ts; run
 * `node --import tsx`-free: everything is built in memory.
 */
import * as X from '@e965/xlsx';
import { strToU8, zipSync } from 'fflate';

export type Rows = string[][];

/** The rows of a tab-separated text (LF or CRLF), as the parser splits them (no quoting). */
export const rowsOf = (text: string): Rows => text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/).map((l) => l.split('\t')).slice(0, text.endsWith('\n') ? -1 : undefined);

const NUMBER = /^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$/;

/** A cell as Excel would hold it: numbers as numbers with a format that prints them as written. */
export function excelCell(text: string): X.CellObject {
  const t = text.trim();
  if (t !== text || !NUMBER.test(t) || /^-?0\d/.test(t)) return { t: 's', v: text };
  const pct = t.endsWith('%');
  const core = (pct ? t.slice(0, -1) : t).replace(/,/g, '');
  const dec = core.includes('.') ? core.split('.')[1]!.length : 0;
  const grouped = t.includes(',');
  const fmt = `${grouped ? '#,##0' : '0'}${dec ? '.' + '0'.repeat(dec) : ''}${pct ? '%' : ''}`;
  const v = pct ? Number(core) / 100 : Number(core);
  return { t: 'n', v, z: fmt };
}

export interface Merge {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/**
 * Where a real export merges: a row with one non-empty cell (a title, a
 * goals text) across the table width; a long text (≥ 12 characters) across
 * the empty cells after it; the first column's label down over the empty
 * first cells below it, within a run of rows that have other content.
 */
export function mergesOf(rows: Rows): Merge[] {
  const width = Math.max(...rows.map((r) => r.length));
  const out: Merge[] = [];
  const covered = new Set<string>();
  const free = (r: number, c: number) => (rows[r]?.[c] ?? '').trim() === '' && !covered.has(`${r}:${c}`);
  const add = (m: Merge) => {
    if (m.r1 === m.r0 && m.c1 === m.c0) return;
    for (let r = m.r0; r <= m.r1; r++) for (let c = m.c0; c <= m.c1; c++) if (r !== m.r0 || c !== m.c0) covered.add(`${r}:${c}`);
    out.push(m);
  };
  rows.forEach((row, r) => {
    const ne = row.map((c, i) => [c, i] as const).filter(([c]) => c.trim() !== '');
    if (ne.length === 1 && ne[0]![1] === 0) {
      let c1 = 0;
      while (c1 + 1 < width && free(r, c1 + 1)) c1++;
      add({ r0: r, c0: 0, r1: r, c1 });
      return;
    }
    for (const [text, c] of ne) {
      if (text.length < 12 || covered.has(`${r}:${c}`)) continue;
      let c1 = c;
      while (c1 + 1 < row.length && free(r, c1 + 1)) c1++;
      add({ r0: r, c0: c, r1: r, c1 });
    }
  });
  // Down: a first-column label over empty first cells of the rows below that carry other cells.
  for (let r = 0; r < rows.length; r++) {
    const label = rows[r]![0] ?? '';
    if (label.trim() === '' || covered.has(`${r}:0`) || rows[r]!.filter((c) => c.trim() !== '').length < 3) continue;
    let r1 = r;
    while (r1 + 1 < rows.length && free(r1 + 1, 0) && rows[r1 + 1]!.filter((c) => c.trim() !== '').length >= 3) r1++;
    add({ r0: r, c0: 0, r1, c1: 0 });
  }
  return out;
}

/** A worksheet of `rows` with their merges, numbers typed; `formula` turns one cell into a formula with its cached value. */
export function sheetOf(rows: Rows, o: { formula?: { r: number; c: number; f: string } } = {}): X.WorkSheet {
  const ws: X.WorkSheet = {};
  let maxC = 0;
  rows.forEach((row, r) =>
    row.forEach((text, c) => {
      if (text === '') return;
      const cell = excelCell(text);
      if (o.formula && o.formula.r === r && o.formula.c === c) cell.f = o.formula.f;
      ws[X.utils.encode_cell({ r, c })] = cell;
      maxC = Math.max(maxC, c);
    }),
  );
  ws['!ref'] = X.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(0, rows.length - 1), c: maxC } });
  ws['!merges'] = mergesOf(rows).map((m) => ({ s: { r: m.r0, c: m.c0 }, e: { r: m.r1, c: m.c1 } }));
  return ws;
}

export function workbookOf(sheets: { name: string; rows: Rows; formula?: { r: number; c: number; f: string } }[], bookType: 'xlsx' | 'biff8'): Buffer {
  const wb = X.utils.book_new();
  for (const s of sheets) X.utils.book_append_sheet(wb, sheetOf(s.rows, s.formula ? { formula: s.formula } : {}), s.name);
  // (bookSST: shared strings, as Excel writes them; SheetJS's default BIFF8 cell strings stop at 255 characters.)
  return X.write(wb, { type: 'buffer', bookType, bookSST: true }) as Buffer;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Cells of `rows` with their spans (horizontal and vertical), for documents and pages. */
function spanned(rows: Rows): { text: string; c: number; colspan: number; rowspan: number; continues: boolean }[][] {
  const merges = mergesOf(rows);
  const at = new Map<string, Merge>();
  const inside = new Map<string, Merge>();
  for (const m of merges) {
    at.set(`${m.r0}:${m.c0}`, m);
    for (let r = m.r0; r <= m.r1; r++) for (let c = m.c0; c <= m.c1; c++) if (r !== m.r0 || c !== m.c0) inside.set(`${r}:${c}`, m);
  }
  const width = Math.max(...rows.map((r) => r.length));
  return rows.map((row, r) => {
    const out: { text: string; c: number; colspan: number; rowspan: number; continues: boolean }[] = [];
    for (let c = 0; c < width; c++) {
      const m = at.get(`${r}:${c}`);
      const inner = inside.get(`${r}:${c}`);
      if (inner && inner.r0 === r) continue; // covered by a cell to its left
      if (inner) {
        // Below the start of a vertical merge: Word writes a continuing cell, HTML nothing.
        out.push({ text: '', c, colspan: inner.c1 - inner.c0 + 1, rowspan: 0, continues: true });
        c = inner.c1;
        continue;
      }
      out.push({ text: row[c] ?? '', c, colspan: m ? m.c1 - m.c0 + 1 : 1, rowspan: m ? m.r1 - m.r0 + 1 : 1, continues: false });
      if (m) c = m.c1;
    }
    return out;
  });
}

/** An HTML page: a heading and a paragraph around the table(s), colspan/rowspan, entities. */
export function htmlOf(tables: { rows: Rows; caption?: string }[], o: { charset?: string } = {}): string {
  const body = tables
    .map((t) => {
      const trs = spanned(t.rows)
        .map((cells) => `<tr>${cells.filter((x) => !x.continues).map((x) => `<td${x.colspan > 1 ? ` colspan="${x.colspan}"` : ''}${x.rowspan > 1 ? ` rowspan="${x.rowspan}"` : ''}>${esc(x.text)}</td>`).join('')}</tr>`)
        .join('\n');
      return `${t.caption ? `<p class="title">${esc(t.caption)}</p>\n` : ''}<table border="1">\n<tbody>\n${trs}\n</tbody>\n</table>\n<p>&nbsp;</p>`;
    })
    .join('\n');
  return `<!DOCTYPE html>\n<html><head><meta charset="${o.charset ?? 'utf-8'}"><title>绩效自评表公开</title><style>td{border:1px solid}</style></head>\n<body><h1>关于公开2023年度项目支出绩效自评结果的说明</h1><p>根据有关规定，现将自评表公开如下。</p>\n${body}\n<p>联系电话：12345</p></body></html>\n`;
}

/** A .docx: the tables (gridSpan across, vMerge down), paragraphs around them, a title paragraph above when given. */
export function docxOf(tables: { rows: Rows; caption?: string }[]): Buffer {
  const p = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${esc(t)}</w:t></w:r></w:p>`;
  const body = tables
    .map((t) => {
      const trs = spanned(t.rows)
        .map(
          (cells) =>
            `<w:tr>${cells
              .map((x) => {
                const pr = `${x.colspan > 1 ? `<w:gridSpan w:val="${x.colspan}"/>` : ''}${x.continues ? '<w:vMerge/>' : x.rowspan > 1 ? '<w:vMerge w:val="restart"/>' : ''}`;
                return `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ''}${x.continues ? '<w:p/>' : p(x.text)}</w:tc>`;
              })
              .join('')}</w:tr>`,
        )
        .join('');
      return `${t.caption ? p(t.caption) : ''}<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>${trs}</w:tbl>${p('')}`;
    })
    .join('');
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${p('附件')}${body}${p('单位（盖章）')}<w:sectPr/></w:body></w:document>`;
  return docxWith(doc);
}

export function docxWith(documentXml: string): Buffer {
  const files = {
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    'word/document.xml': strToU8(documentXml),
  };
  return Buffer.from(zipSync(files));
}

/** A cell as Excel's text export writes it: quoted when it holds the delimiter, a quote or a line break. */
const quoteCell = (c: string, delimiter: string) => (c.includes(delimiter) || c.includes('"') || c.includes('\n') ? `"${c.replace(/"/g, '""')}"` : c);

/** Excel's "Unicode text": UTF-16LE with BOM, CRLF rows, quoted cells (line breaks inside them LF). */
export function unicodeTextOf(rows: Rows): Buffer {
  const text = rows.map((r) => r.map((c) => quoteCell(c, '\t')).join('\t')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/** Excel's CSV (UTF-8 with BOM, CRLF, quoted where needed). */
export function csvOf(rows: Rows): Buffer {
  const text = rows.map((r) => r.map((c) => quoteCell(c, ',')).join(',')).join('\r\n') + '\r\n';
  return Buffer.from('\ufeff' + text, 'utf8');
}

/** Split text rows into blocks: each from a title line (1-based `starts`) to the line before the next. */
export function blocksOf(rows: Rows, starts: readonly number[]): Rows[] {
  return starts.map((s, i) => rows.slice(s - 1, (starts[i + 1] ?? rows.length + 1) - 1));
}
