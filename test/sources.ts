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
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import iconv from 'iconv-lite';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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

/** A workbook; `xlml` is Excel 2003 XML (SpreadsheetML) in UTF-8, `xlml-gb2312` the same in GB2312, as declared. */
export function workbookOf(sheets: { name: string; rows: Rows; formula?: { r: number; c: number; f: string }; hidden?: boolean }[], bookType: 'xlsx' | 'xlsb' | 'ods' | 'biff8' | 'xlml' | 'xlml-gb2312'): Buffer {
  const wb = X.utils.book_new();
  for (const s of sheets) X.utils.book_append_sheet(wb, sheetOf(s.rows, s.formula ? { formula: s.formula } : {}), s.name);
  if (sheets.some((s) => s.hidden)) wb.Workbook = { Sheets: sheets.map((s) => ({ Hidden: s.hidden ? 1 : 0 })) };
  // (bookSST: shared strings, as Excel writes them; SheetJS's default BIFF8 cell strings stop at 255 characters.)
  if (bookType === 'xlml-gb2312') {
    const xml = (X.write(wb, { type: 'buffer', bookType: 'xlml' }) as Buffer).toString('utf8').replace('encoding="UTF-8"', 'encoding="GB2312"');
    return Buffer.from(iconv.encode(xml, 'gb2312'));
  }
  if (bookType === 'ods') {
    // An office suite writes each cell's displayed text into the file (SheetJS's writer only when told it).
    for (const name of wb.SheetNames) {
      const ws = wb.Sheets[name]!;
      for (const k of Object.keys(ws)) {
        const c = ws[k] as X.CellObject;
        if (!k.startsWith('!') && c.t === 'n') c.w = X.SSF.format(c.z ?? 'General', c.v as number);
      }
    }
  }
  const out = X.write(wb, { type: 'buffer', bookType, bookSST: true }) as Buffer;
  if (bookType === 'ods' && sheets.some((s) => s.hidden)) {
    // SheetJS writes every sheet shown (one table style, ta1); LibreOffice hides one by a table style of its own.
    const files = unzipSync(out);
    let xml = Buffer.from(files['content.xml']!).toString('utf8');
    xml = xml.replace('<style:style style:name="ta1"', '<style:style style:name="ta2" style:family="table" style:master-page-name="mp1"><style:table-properties table:display="false" style:writing-mode="lr-tb"/></style:style>\n  <style:style style:name="ta1"');
    for (const s of sheets) if (s.hidden) xml = xml.replace(`<table:table table:name="${esc(s.name)}" table:style-name="ta1">`, `<table:table table:name="${esc(s.name)}" table:style-name="ta2">`);
    files['content.xml'] = Buffer.from(xml);
    return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, k === 'mimetype' ? [v, { level: 0 }] : v])) as Zippable));
  }
  return out;
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

/** Text of one ODF paragraph: runs of spaces after the first, and a leading one, as text:s; tabs as text:tab. */
const odfText = (t: string) =>
  esc(t)
    .replace(/\t/g, '<text:tab/>')
    .replace(/(^|(?<= )) +|^ /g, (m) => `<text:s${m.length > 1 ? ` text:c="${m.length}"` : ''}/>`);

/**
 * An .odt as LibreOffice writes it (content.xml pretty-printed, which ODF's white-space rule must see through):
 * tables as full grids, a span followed or stood under by covered cells, each line of a cell a paragraph, a
 * title paragraph above when given. `note`: a footnote (and a comment) in that cell of the first table, after
 * its text, which must not be read into it.
 */
export function odtOf(tables: { rows: Rows; caption?: string }[], o: { note?: [number, number] } = {}): Buffer {
  const para = (t: string, extra = '') => `<text:p text:style-name="P1">${odfText(t)}${extra}</text:p>`;
  const note = '<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>数据来源：财务系统</text:p></text:note-body></text:note><office:annotation><dc:creator>审核</dc:creator><text:p>请核实</text:p></office:annotation>';
  const body = tables
    .map((t, ti) => {
      const rows = spanned(t.rows).map((cells, r) => {
        const tds = cells.map((x) => {
          if (x.continues) return '\n      <table:covered-table-cell/>'.repeat(x.colspan);
          const span = `${x.colspan > 1 ? ` table:number-columns-spanned="${x.colspan}"` : ''}${x.colspan > 1 || x.rowspan > 1 ? ` table:number-rows-spanned="${Math.max(1, x.rowspan)}"` : ''}`;
          const extra = ti === 0 && o.note && o.note[0] === r && o.note[1] === x.c ? note : '';
          const lines = x.text.split('\n');
          const ps = lines.map((l, k) => para(l, k === lines.length - 1 ? extra : '')).join('');
          return `\n      <table:table-cell${span} office:value-type="string">${x.text === '' && !extra ? '' : ps}</table:table-cell>` + '\n      <table:covered-table-cell/>'.repeat(x.colspan - 1);
        });
        return `\n    <table:table-row>${tds.join('')}\n    </table:table-row>`;
      });
      const width = Math.max(...t.rows.map((r) => r.length));
      return `${t.caption ? `\n   ${para(t.caption)}` : ''}\n   <table:table table:name="表格${ti + 1}" table:style-name="表格${ti + 1}">\n    <table:table-column table:number-columns-repeated="${width}"/>\n    <table:table-header-rows>${rows[0] ?? ''}\n    </table:table-header-rows>${rows.slice(1).join('')}\n   </table:table>\n   ${para('')}`;
    })
    .join('');
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">
 <office:body>
  <office:text>
   <text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Table"/></text:sequence-decls>
   ${para('附件')}${body}
   ${para('单位（盖章）')}
  </office:text>
 </office:body>
</office:document-content>
`;
  const manifest = '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>';
  return Buffer.from(zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }], 'content.xml': strToU8(content), 'META-INF/manifest.xml': strToU8(manifest) }));
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

/**
 * A .docx whose body is one part embedded whole (w:altChunk), as html-docx-js and other export code write a
 * "Word" file: a web archive (afchunk.mht) or an HTML page, between two paragraphs of the document's own.
 */
/**
 * A .docx as html-docx-js writes one (a popular way for web pages to "export to Word"): the page as a web archive in
 * /word/afchunk.htm, LF line endings, declared quoted-printable but only its `=` encoded (the UTF-8 text raw).
 */
export function htmlDocxJsOf(tables: { rows: Rows; caption?: string }[]): Buffer {
  const page = htmlOf(tables).replace(/=/g, '=3D');
  const mht = `MIME-Version: 1.0\nContent-Type: multipart/related;\n    type="text/html";\n    boundary="----=mhtDocumentPart"\n\n------=mhtDocumentPart\nContent-Type: text/html;\n    charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\nContent-Location: file:///C:/fake/document.html\n\n${page}\n\n\n\n------=mhtDocumentPart--\n`;
  const doc = `<?xml version="1.0" encoding="utf-8"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\n  <w:body>\n    <w:altChunk r:id="htmlChunk" xmlns:r=\n        "http://schemas.openxmlformats.org/officeDocument/2006/relationships" />\n    <w:sectPr/>\n  </w:body>\n</w:document>\n`;
  const rels = `<?xml version="1.0" encoding="utf-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\n  <Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"\n    Target="/word/afchunk.htm" Id="htmlChunk" />\n</Relationships>\n`;
  return docxWith(doc, { 'word/_rels/document.xml.rels': strToU8(rels), 'word/afchunk.htm': strToU8(mht) });
}

export function docxAltChunkOf(chunk: Buffer, name: 'afchunk.mht' | 'chunk.html'): Buffer {
  const p = (t: string) => `<w:p><w:r><w:t>${esc(t)}</w:t></w:r></w:p>`;
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${p('附件')}<w:altChunk r:id="htmlChunk"/>${p('单位（盖章）')}<w:sectPr/></w:body></w:document>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="htmlChunk" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="${name === 'afchunk.mht' ? '/word/afchunk.mht' : 'chunk.html'}"/></Relationships>`;
  return docxWith(doc, { 'word/_rels/document.xml.rels': strToU8(rels), [`word/${name}`]: new Uint8Array(chunk) });
}

export function docxWith(documentXml: string, more: Record<string, Uint8Array> = {}): Buffer {
  const files = {
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    'word/document.xml': strToU8(documentXml),
    ...more,
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

/** Quoted-printable (RFC 2045 §6.7) as Office writes it: lines kept, `=XX` for other bytes, soft breaks at 76. */
export function quotedPrintable(bytes: Buffer): string {
  const out: string[] = [];
  for (const line of bytes.toString('latin1').split('\r\n')) {
    let cur = '';
    for (const ch of line) {
      const c = ch.charCodeAt(0);
      const enc = c === 0x3d || c > 0x7e || (c < 0x20 && c !== 0x09) ? `=${c.toString(16).toUpperCase().padStart(2, '0')}` : ch;
      if (cur.length + enc.length > 75) {
        out.push(`${cur}=`);
        cur = '';
      }
      cur += enc;
    }
    out.push(cur);
  }
  return out.join('\r\n');
}

/** Every character past ASCII as a numeric entity, as Excel writes a us-ascii page. */
const entitiesOf = (s: string) => [...s].map((c) => (c.codePointAt(0)! > 0x7e ? `&#${c.codePointAt(0)};` : c)).join('');

const tableHtml = (rows: Rows, cellAttrs = '') =>
  `<table border=0 cellpadding=0 cellspacing=0 style='border-collapse:collapse'>\r\n${spanned(rows)
    .map((cells) => ` <tr height=19>\r\n${cells.filter((x) => !x.continues).map((x) => `  <td${cellAttrs}${x.colspan > 1 ? ` colspan=${x.colspan}` : ''}${x.rowspan > 1 ? ` rowspan=${x.rowspan}` : ''}>${esc(x.text).replace(/\n/g, '<br>')}</td>`).join('\r\n')}\r\n </tr>`)
    .join('\r\n')}\r\n</table>`;

/**
 * A web archive (.mht): `excel` as Excel saves a workbook as a single file web page (a frameset page with the
 * sheet list, a tab strip, one page per sheet; us-ascii, quoted-printable, CJK as entities; one sheet: the
 * table in the page that lists it), `word` as Word saves a document (one page, gb2312, quoted-printable, a
 * title paragraph above each table), `web` as web systems export ".xls" (LF, 8bit UTF-8, sheets found by
 * Content-ID), `base64` the same with base64 parts.
 */
export function mhtOf(sheets: { name: string; rows: Rows; caption?: string; hidden?: boolean }[], style: 'excel' | 'word' | 'web' | 'base64'): Buffer {
  const b = '----=_NextPart_01DA3C5E.8F1B2A40';
  if (style === 'excel') {
    const dir = 'file:///C:/0F2E4A7B/book.files';
    // (A hidden sheet: its options say so, as Excel writes them.)
    const list = sheets.map((s, i) => `<x:ExcelWorksheet><x:Name>${entitiesOf(s.name)}</x:Name>${sheets.length > 1 ? `<x:WorksheetSource HRef="book.files/sheet${String(i + 1).padStart(3, '0')}.htm"/>` : ''}${s.hidden ? '\r\n    <x:WorksheetOptions>\r\n     <x:Visible>SheetHidden</x:Visible>\r\n    </x:WorksheetOptions>' : ''}</x:ExcelWorksheet>`).join('');
    const head = `<html xmlns:o="urn:schemas-microsoft-com:office:office"\r\nxmlns:x="urn:schemas-microsoft-com:office:excel">\r\n<head>\r\n<meta name="Excel Workbook Frameset">\r\n<meta http-equiv=Content-Type content="text/html; charset=us-ascii">\r\n<!--[if gte mso 9]><xml>\r\n <x:ExcelWorkbook>\r\n  <x:ExcelWorksheets>${list}</x:ExcelWorksheets>\r\n </x:ExcelWorkbook>\r\n</xml><![endif]-->\r\n</head>\r\n`;
    const qp = (html: string) => quotedPrintable(Buffer.from(entitiesOf(html), 'latin1'));
    const part = (loc: string, html: string, type = 'text/html; charset="us-ascii"') => `--${b}\r\nContent-Location: ${loc}\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: ${type}\r\n\r\n${qp(html)}\r\n\r\n`;
    let t = `MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; boundary="${b}"\r\n\r\nThis document is a Single File Web Page, also known as a Web Archive file.  If you are seeing this message, your browser or editor doesn't support Web Archive files.  Please download a browser that supports Web Archive.\r\n\r\n`;
    if (sheets.length === 1) t += part('file:///C:/0F2E4A7B/book.htm', `${head}<body>\r\n${tableHtml(sheets[0]!.rows, ' class=xl65')}\r\n</body>\r\n</html>`);
    else {
      t += part('file:///C:/0F2E4A7B/book.htm', `${head}<frameset rows="*,39" border=0>\r\n <frame src="book.files/sheet001.htm" name="frSheet">\r\n <frame src="book.files/tabstrip.htm" name="frTabs">\r\n</frameset>\r\n</html>`);
      sheets.forEach((s, i) => {
        t += part(`${dir}/sheet${String(i + 1).padStart(3, '0')}.htm`, `<html xmlns:x="urn:schemas-microsoft-com:office:excel">\r\n<head>\r\n<link id=Main-File rel=Main-File href="../book.htm">\r\n</head>\r\n<body link=blue>\r\n${tableHtml(s.rows, ' class=xl65')}\r\n</body>\r\n</html>`);
      });
      t += part(`${dir}/tabstrip.htm`, `<html>\r\n<body topmargin=0 leftmargin=0 bgcolor="#808080">\r\n<table border=0 cellspacing=1><tr>${sheets.map((s, i) => `<td bgcolor="#FFFFFF" nowrap><b><small><small>&nbsp;<a href="sheet${String(i + 1).padStart(3, '0')}.htm" target="frSheet"><font face="Arial" color="#000000">${entitiesOf(s.name)}</font></a>&nbsp;</small></small></b></td>`).join('')}</tr></table>\r\n</body>\r\n</html>`);
      t += `--${b}\r\nContent-Location: ${dir}/filelist.xml\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/xml; charset="utf-8"\r\n\r\n<xml xmlns:o=3D"urn:schemas-microsoft-com:office:office">\r\n <o:MainFile HRef=3D"../book.htm"/>\r\n</xml>\r\n`;
    }
    return Buffer.from(`${t}--${b}--\r\n`, 'latin1');
  }
  if (style === 'word') {
    const body = sheets.map((s) => `${s.caption ? `<p class=MsoNormal align=center><b><span>${s.caption}</span></b></p>\r\n` : ''}${tableHtml(s.rows)}\r\n<p class=MsoNormal>&nbsp;</p>`).join('\r\n');
    const html = `<html xmlns:w="urn:schemas-microsoft-com:office:word">\r\n<head>\r\n<meta http-equiv=Content-Type content="text/html; charset=gb2312">\r\n</head>\r\n<body lang=ZH-CN>\r\n<div class=WordSection1>\r\n${body}\r\n</div>\r\n</body>\r\n</html>`;
    // (A character GB2312 has no code for is written as an entity, as Word does.)
    const gb = Buffer.from(iconv.encode([...html].map((c) => (c.charCodeAt(0) < 0x80 || iconv.decode(iconv.encode(c, 'gb2312'), 'gb2312') === c ? c : `&#${c.codePointAt(0)};`)).join(''), 'gb2312'));
    const qp = quotedPrintable(gb);
    return Buffer.from(`MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="${b}"\r\n\r\nThis document is a Single File Web Page, also known as a Web Archive file.\r\n\r\n--${b}\r\nContent-Location: file:///C:/D5E3A1B0/report.htm\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset="gb2312"\r\n\r\n${qp}\r\n\r\n--${b}--\r\n`, 'latin1');
  }
  const list = sheets.map((s, i) => `<x:ExcelWorksheet><x:Name>${s.name}</x:Name><x:WorksheetSource HRef="cid:sheet${i}"/></x:ExcelWorksheet>`).join('');
  const enc = (html: string) => (style === 'base64' ? Buffer.from(html, 'utf8').toString('base64').replace(/.{76}/g, '$&\n') : html);
  const te = style === 'base64' ? 'base64' : '8bit';
  let t = `MIME-Version: 1.0\nX-Document-Type: Workbook\nContent-Type: multipart/related;\n\tboundary="${b}"\n\n--${b}\nContent-Type: text/html; charset="utf-8"\nContent-Transfer-Encoding: ${te}\n\n${enc(`<html><head><xml><x:ExcelWorkbook><x:ExcelWorksheets>${list}</x:ExcelWorksheets></x:ExcelWorkbook></xml></head><body></body></html>`)}\n`;
  sheets.forEach((s, i) => {
    t += `--${b}\nContent-ID: <sheet${i}>\nContent-Type: text/html; charset="utf-8"\nContent-Transfer-Encoding: ${te}\n\n${enc(`<html><head><meta charset="utf-8"></head><body>${tableHtml(s.rows)}</body></html>`)}\n`;
  });
  return Buffer.from(`${t}--${b}--\n`, 'utf8');
}

/**
 * A workbook as Excel saves it as a web page (网页, `.htm`) into `dir`: the frame page `book.htm` (gb2312) with the
 * sheet list in its XML island, the frameset and a script (not the tables), and beside it the folder
 * (`book.files/`, as a Chinese Excel names it, or `folder`) with one page per sheet (each redirecting to the frame
 * page when opened alone; a hidden sheet's flag in its own options, or with `hiddenIn: 'list'` in the frame page's list), the tab strip, the style sheet and
 * `filelist.xml` naming the frame page. Returns the frame page's path.
 */
export function webPageOf(dir: string, sheets: { name: string; rows: Rows; hidden?: boolean }[], o: { folder?: string; page?: string; hiddenIn?: 'list' | 'sheet' } = {}): string {
  const folder = o.folder ?? 'book.files';
  const page = o.page ?? 'book.htm';
  const gb = (html: string) => iconv.encode([...html].map((c) => (c.charCodeAt(0) < 0x80 || iconv.decode(iconv.encode(c, 'gb2312'), 'gb2312') === c ? c : `&#${c.codePointAt(0)};`)).join(''), 'gb2312');
  const sheetFile = (i: number) => `sheet${String(i + 1).padStart(3, '0')}.htm`;
  mkdirSync(join(dir, folder), { recursive: true });
  const list = sheets.map((s, i) => `   <x:ExcelWorksheet>\r\n    <x:Name>${esc(s.name)}</x:Name>\r\n    <x:WorksheetSource HRef="${folder}/${sheetFile(i)}"/>\r\n${s.hidden && o.hiddenIn === 'list' ? '    <x:WorksheetOptions>\r\n     <x:Visible>SheetHidden</x:Visible>\r\n    </x:WorksheetOptions>\r\n' : ''}   </x:ExcelWorksheet>\r\n`).join('');
  const frame = `<html xmlns:v="urn:schemas-microsoft-com:vml"\r\nxmlns:o="urn:schemas-microsoft-com:office:office"\r\nxmlns:x="urn:schemas-microsoft-com:office:excel"\r\nxmlns="http://www.w3.org/TR/REC-html40">\r\n\r\n<head>\r\n<meta name="Excel Workbook Frameset">\r\n<meta http-equiv=Content-Type content="text/html; charset=gb2312">\r\n<meta name=ProgId content=Excel.Sheet>\r\n<meta name=Generator content="Microsoft Excel 15">\r\n<link rel=File-List href="${folder}/filelist.xml">\r\n<![if !supportTabStrip]>\r\n${sheets.map((_s, i) => `<link id="shLink" href="${folder}/${sheetFile(i)}">\r\n`).join('')}\r\n<link id="shLink">\r\n\r\n<script language="JavaScript">\r\n<!--\r\n var c_lTabs=${sheets.length};\r\n var c_rgszSh=new Array(c_lTabs);\r\n${sheets.map((s, i) => ` c_rgszSh[${i}] = "${s.name}";\r\n`).join('')}//-->\r\n</script>\r\n<![endif]><!--[if gte mso 9]><xml>\r\n <x:ExcelWorkbook>\r\n  <x:ExcelWorksheets>\r\n${list}  </x:ExcelWorksheets>\r\n  <x:Stylesheet HRef="${folder}/stylesheet.css"/>\r\n  <x:WindowHeight>12360</x:WindowHeight>\r\n  <x:ActiveSheet>0</x:ActiveSheet>\r\n </x:ExcelWorkbook>\r\n</xml><![endif]-->\r\n</head>\r\n\r\n<frameset rows="*,39" border=0 width=0 frameborder=no framespacing=0>\r\n <frame src="${folder}/sheet001.htm" name="frSheet">\r\n <frame src="${folder}/tabstrip.htm" name="frTabs" marginwidth=0 marginheight=0>\r\n <noframes>\r\n  <body>\r\n   <p>此页面使用了框架，而您的浏览器不支持框架。</p>\r\n  </body>\r\n </noframes>\r\n</frameset>\r\n</html>\r\n`;
  writeFileSync(join(dir, page), gb(frame));
  sheets.forEach((s, i) => {
    const island = `<!--[if gte mso 9]><xml>\r\n <x:WorksheetOptions>\r\n  <x:DefaultRowHeight>270</x:DefaultRowHeight>\r\n${s.hidden && o.hiddenIn !== 'list' ? '  <x:Visible>SheetHidden</x:Visible>\r\n' : ''}  <x:ProtectContents>False</x:ProtectContents>\r\n </x:WorksheetOptions>\r\n</xml><![endif]-->\r\n`;
    const html = `<html xmlns:v="urn:schemas-microsoft-com:vml"\r\nxmlns:o="urn:schemas-microsoft-com:office:office"\r\nxmlns:x="urn:schemas-microsoft-com:office:excel"\r\nxmlns="http://www.w3.org/TR/REC-html40">\r\n\r\n<head>\r\n<meta http-equiv=Content-Type content="text/html; charset=gb2312">\r\n<meta name=ProgId content=Excel.Sheet>\r\n<link id=Main-File rel=Main-File href="../${page}">\r\n<link rel=File-List href=filelist.xml>\r\n<link rel=Stylesheet href=stylesheet.css>\r\n<style>\r\n<!--table\r\n\t{mso-displayed-decimal-separator:"\\.";}\r\n-->\r\n</style>\r\n<![if !supportTabStrip]><script language="JavaScript">\r\n<!--\r\nif (window.name!="frSheet")\r\n window.location.replace("../${page}");\r\n//-->\r\n</script>\r\n<![endif]>\r\n${island}</head>\r\n\r\n<body link=blue vlink=purple class=xl65>\r\n\r\n${tableHtml(s.rows, ' class=xl65')}\r\n\r\n</body>\r\n\r\n</html>\r\n`;
    writeFileSync(join(dir, folder, sheetFile(i)), gb(html));
  });
  writeFileSync(join(dir, folder, 'tabstrip.htm'), gb(`<html>\r\n<head>\r\n<meta http-equiv=Content-Type content="text/html; charset=gb2312">\r\n<link id=Main-File rel=Main-File href="../${page}">\r\n</head>\r\n<body topmargin=0 leftmargin=0 bgcolor="#808080">\r\n<table border=0 cellspacing=1><tr>${sheets.map((s, i) => `<td bgcolor="#FFFFFF" nowrap><b><small><small>&nbsp;<a href="${sheetFile(i)}" target="frSheet"><font face="Arial" color="#000000">${esc(s.name)}</font></a>&nbsp;</small></small></b></td>`).join('')}</tr></table>\r\n</body>\r\n</html>\r\n`));
  writeFileSync(join(dir, folder, 'stylesheet.css'), 'tr\r\n\t{mso-height-source:auto;\r\n\tmso-ruby-visibility:none;}\r\n');
  writeFileSync(join(dir, folder, 'filelist.xml'), `<xml xmlns:o="urn:schemas-microsoft-com:office:office">\r\n <o:MainFile HRef="../${page}"/>\r\n <o:File HRef="stylesheet.css"/>\r\n <o:File HRef="tabstrip.htm"/>\r\n${sheets.map((_s, i) => ` <o:File HRef="${sheetFile(i)}"/>\r\n`).join('')} <o:File HRef="filelist.xml"/>\r\n</xml>`);
  return join(dir, page);
}

/** A paragraph of a Word 97-2003 document: its text, its mark (paragraph or cell/row), its sprms, deleted spans. */
export interface DocPara {
  text: string;
  mark: 0x0d | 0x07;
  grpprl: number[];
  deleted?: [number, number][];
}

const u16 = (v: number) => [v & 0xff, (v >> 8) & 0xff];
const u32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
/** The paragraph sprms of tables: in a table, the row's end, the table depth, a nested cell's and row's end. */
export const IN_TABLE = [0x16, 0x24, 1];
export const TTP = [0x17, 0x24, 1];
export const itap = (n: number) => [0x49, 0x66, ...u32(n)];
export const INNER_CELL = [0x4b, 0x24, 1];
export const INNER_TTP = [0x4c, 0x24, 1];
/** sprmTDefTable: the cell edges (twips) and a TC80 per cell (fVertMerge 0x20, fVertRestart 0x40). */
export function tDefTable(edges: number[], grf: number[]): number[] {
  const rest = [edges.length - 1, ...edges.flatMap(u16), ...grf.flatMap((g) => [...u16(g), ...u16(0), ...new Array(16).fill(0)])];
  return [0x08, 0xd6, ...u16(rest.length + 1), ...rest];
}

/**
 * A Word 97-2003 document (.doc) as Word or WPS saves it: the tables' rows with their cell edges (a cell as wide
 * as the columns it spans, 1000 twips each), vertical merges as continuing cells, paragraphs around the tables
 * and a title paragraph above when given. `fastSaved`: the text in pieces stored out of order, ASCII ones as
 * 8-bit text, as a fast save leaves them. `field`, `deleted`, `nested`: that cell's text is a field's result, has
 * deleted text (a tracked change) before it, or holds a nested table.
 */
export function docOf(
  tables: { rows: Rows; caption?: string }[],
  o: { fastSaved?: boolean; field?: [number, number]; deleted?: [number, number]; nested?: [number, number] } = {},
): Buffer {
  const paras: DocPara[] = [];
  const para = (text: string) => paras.push({ text, mark: 0x0d, grpprl: [] });
  para('附件');
  tables.forEach((t) => {
    if (t.caption) para(t.caption);
    spanned(t.rows).forEach((cells, r) => {
      const edges: number[] = [];
      const grf: number[] = [];
      cells.forEach((x) => {
        if (edges.length === 0) edges.push(x.c * 1000);
        edges.push((x.c + x.colspan) * 1000);
        grf.push(x.continues ? 0x20 : x.rowspan > 1 ? 0x60 : 0);
        const at = (p?: [number, number]) => p !== undefined && p[0] === r && p[1] === x.c;
        let text = x.continues ? '' : x.text;
        const lines = text.split('\n');
        lines.forEach((line, i) => {
          let t = line;
          let deleted: [number, number][] | undefined;
          if (i === 0 && at(o.field)) t = `\x13 =SUM(ABOVE) \\# "0.00" \x14${t}\x15`;
          if (i === 0 && at(o.deleted)) {
            deleted = [[0, 5]];
            t = `删除的文字${t}`;
          }
          const last = i === lines.length - 1;
          if (last && at(o.nested)) {
            // The cell's text, then a table of one row of two cells nested in it, then the cell's end.
            paras.push({ text: t, mark: 0x0d, grpprl: [...IN_TABLE] });
            paras.push({ text: '内', mark: 0x0d, grpprl: [...IN_TABLE, ...itap(2), ...INNER_CELL] });
            paras.push({ text: '表', mark: 0x0d, grpprl: [...IN_TABLE, ...itap(2), ...INNER_CELL] });
            paras.push({ text: '', mark: 0x0d, grpprl: [...IN_TABLE, ...itap(2), ...INNER_TTP, ...INNER_CELL] });
            paras.push({ text: '', mark: 0x07, grpprl: [...IN_TABLE, ...itap(1)] });
            return;
          }
          paras.push({ text: t, mark: last ? 0x07 : 0x0d, grpprl: [...IN_TABLE], ...(deleted ? { deleted } : {}) });
        });
        text = '';
      });
      paras.push({ text: '', mark: 0x07, grpprl: [...IN_TABLE, ...TTP, ...tDefTable(edges, grf)] });
    });
    para('');
  });
  para('单位（盖章）');
  return docWith(paras, o);
}

/** A .doc of these paragraphs (see docOf): the piece table, the properties' pages, the FIB, the compound file. */
export function docWith(paras: DocPara[], o: { fastSaved?: boolean } = {}): Buffer {
  // The text in pieces (one, or a piece per few paragraphs stored in reverse order), and each character's offset.
  const text = paras.map((p) => p.text + String.fromCharCode(p.mark)).join('');
  const groups: [number, number][] = [];
  if (o.fastSaved) {
    let cp = 0;
    for (let i = 0; i < paras.length; i += 3) {
      const len = paras.slice(i, i + 3).reduce((n, p) => n + p.text.length + 1, 0);
      groups.push([cp, cp + len]);
      cp += len;
    }
  } else groups.push([0, text.length]);
  const FC_MIN = 0x400;
  const stored = o.fastSaved ? [...groups].reverse() : groups;
  const body: number[] = [];
  const pieceFc = new Map<number, { fc: number; compressed: boolean }>();
  for (const [a, b] of stored) {
    const s = text.slice(a, b);
    const compressed = !!o.fastSaved && [...s].every((c) => c.charCodeAt(0) < 0x80);
    pieceFc.set(a, { fc: FC_MIN + body.length, compressed });
    // (By UTF-16 code unit, as Word stores text: a character outside the BMP is two.)
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (compressed) body.push(c);
      else body.push(c & 0xff, c >> 8);
    }
    if (body.length % 2) body.push(0);
  }
  const fcOf = (cp: number) => {
    const [a] = groups.length === 1 ? groups[0]! : groups.find(([x, y]) => cp >= x && cp < y)!;
    const p = pieceFc.get(a)!;
    return { fc: p.fc + (cp - a) * (p.compressed ? 1 : 2), size: p.compressed ? 1 : 2 };
  };

  // Runs of properties by byte offset, packed into 512-byte formatted disk pages.
  const runs = (list: { from: number; to: number; props: number[] | null }[], papx: boolean, firstPage: number) => {
    const pages: number[][] = [];
    const bte: { fc: number; pn: number }[] = [];
    let i = 0;
    while (i < list.length) {
      const page = new Array(512).fill(0);
      const fcs: number[] = [list[i]!.from];
      const offs: number[] = [];
      let free = 511;
      const start = i;
      while (i < list.length) {
        const r = list[i]!;
        const grp = r.props === null ? null : papx ? [0, 0, ...r.props] : r.props;
        const data = grp === null ? [] : papx ? (grp.length % 2 === 0 ? [0, grp.length / 2, ...grp] : [(grp.length + 1) / 2, ...grp]) : [grp.length, ...grp];
        const n = i - start + 1;
        const head = 4 * (n + 1) + (papx ? 13 : 1) * n;
        let at = free - data.length;
        at -= at % 2;
        if (head > at) break;
        if (data.length > 0) {
          for (let k = 0; k < data.length; k++) page[at + k] = data[k];
          offs.push(at / 2);
          free = at;
        } else offs.push(0);
        fcs.push(r.to);
        i++;
      }
      const crun = fcs.length - 1;
      fcs.forEach((f, k) => u32(f).forEach((b, j) => (page[4 * k + j] = b)));
      offs.forEach((off, k) => (page[4 * (crun + 1) + (papx ? 13 : 1) * k] = off));
      page[511] = crun;
      bte.push({ fc: fcs[0]!, pn: firstPage + pages.length });
      pages.push(page);
      if (i === list.length) bte.push({ fc: fcs[crun]!, pn: -1 });
    }
    const plc = [...bte.flatMap((b) => u32(b.fc)), ...bte.slice(0, -1).flatMap((b) => u32(b.pn))];
    return { pages, plc };
  };
  // Where each paragraph starts (its first character).
  const starts: number[] = [];
  paras.reduce((cp, p) => (starts.push(cp), cp + p.text.length + 1), 0);
  const marks = paras.map((p, k) => ({ ...fcOf(starts[k]! + p.text.length), props: p.grpprl })).sort((a, b) => a.fc - b.fc);
  const papRuns = marks.map((m, k) => ({ from: k === 0 ? FC_MIN : marks[k - 1]!.fc + marks[k - 1]!.size, to: m.fc + m.size, props: m.props.length ? m.props : null }));
  const dels: { from: number; to: number }[] = [];
  paras.forEach((p, k) => {
    const cp0 = starts[k]!;
    for (const [a, b] of p.deleted ?? []) dels.push({ from: fcOf(cp0 + a).fc, to: fcOf(cp0 + b - 1).fc + fcOf(cp0 + b - 1).size });
  });
  dels.sort((a, b) => a.from - b.from);
  const chpList: { from: number; to: number; props: number[] | null }[] = [];
  let at = FC_MIN;
  for (const d of dels) {
    if (d.from > at) chpList.push({ from: at, to: d.from, props: null });
    chpList.push({ from: d.from, to: d.to, props: [0x00, 0x08, 1] });
    at = d.to;
  }
  const textEnd = FC_MIN + body.length;
  if (at < textEnd) chpList.push({ from: at, to: textEnd, props: null });
  const firstPage = Math.ceil(textEnd / 512);
  const pap = runs(papRuns, true, firstPage);
  const chp = runs(chpList, false, firstPage + pap.pages.length);

  // The table stream: the piece table (Clx), then the bin tables.
  const pcds = groups.map(([a]) => {
    const p = pieceFc.get(a)!;
    return [0, 0, ...u32(p.compressed ? (p.fc * 2) | 0x40000000 : p.fc), 0, 0];
  });
  const plcPcd = [...groups.map(([a]) => a).concat(text.length).flatMap(u32), ...pcds.flat()];
  const clx = [0x02, ...u32(plcPcd.length), ...plcPcd];
  const tableStream = [...clx, ...pap.plc, ...chp.plc];
  const fcPap = clx.length;
  const fcChp = clx.length + pap.plc.length;

  // The FIB: FibBase, 14 words, 22 longs (ccpText), 93 offset/size pairs (PlcBteChpx 12, PlcBtePapx 13, Clx 33).
  const fib = new Array(FC_MIN).fill(0);
  const put = (off: number, bytes: number[]) => bytes.forEach((b, k) => (fib[off + k] = b));
  put(0, u16(0xa5ec));
  put(2, u16(0x00c1));
  put(0xa, u16(0x0200)); // fWhichTblStm: the table stream is 1Table
  put(32, u16(14));
  put(62, u16(22));
  put(64 + 12, u32(text.length));
  put(152, u16(93));
  const pair = (k: number, fc: number, lcb: number) => put(154 + 8 * k, [...u32(fc), ...u32(lcb)]);
  pair(12, fcChp, chp.plc.length);
  pair(13, fcPap, pap.plc.length);
  pair(33, 0, clx.length);
  const wd = [...fib, ...body];
  while (wd.length < firstPage * 512) wd.push(0);
  for (const pg of [...pap.pages, ...chp.pages]) wd.push(...pg);

  const cfb = X.CFB.utils.cfb_new();
  X.CFB.utils.cfb_add(cfb, 'WordDocument', Buffer.from(wd));
  X.CFB.utils.cfb_add(cfb, '1Table', Buffer.from(tableStream));
  return Buffer.from(X.CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
}

/** RTF text: `\`, `{`, `}` escaped, other characters as GBK bytes (`\'hh`, as Word writes under \ansicpg936) or `\uN?`. */
function rtfText(s: string, chars: 'gbk' | 'unicode'): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '{' || ch === '}') out += `\\${ch}`;
    else if (ch === '\t') out += '\\tab ';
    else if (c < 0x80) out += ch;
    else if (chars === 'gbk' && c <= 0xffff && iconv.decode(iconv.encode(ch, 'gbk'), 'gbk') === ch) out += [...iconv.encode(ch, 'gbk')].map((b) => `\\'${b.toString(16).padStart(2, '0')}`).join('');
    else for (let i = 0; i < ch.length; i++) out += `\\u${(ch.charCodeAt(i) << 16) >> 16}?`;
  }
  return out;
}

/**
 * An RTF document as Word or WPS writes it (and as systems export "Word" files, often under a .doc name): the
 * code page, a font table with GB2312 fonts, a header and footer, a picture, the tables' rows defined by
 * `\trowd` … `\cellx` before their cells (and again before `\row`), vertical merges as `\clvmgf` / `\clvmrg`,
 * a cell's paragraphs as `\par`, paragraphs around the tables and a title paragraph above when given.
 * `chars`: non-ASCII text as GBK bytes (`\'d6\'d0`) or as `\uN` with a `?` fallback.
 */
export function rtfOf(tables: { rows: Rows; caption?: string }[], o: { chars?: 'gbk' | 'unicode'; field?: [number, number]; deleted?: [number, number] } = {}): Buffer {
  const chars = o.chars ?? 'gbk';
  const t = (s: string) => rtfText(s, chars);
  const par = (s: string) => `\\pard\\plain \\ltrpar\\ql \\f0\\fs21 {${t(s)}}\\par\n`;
  let body = par('附件');
  tables.forEach((tb) => {
    if (tb.caption) body += par(tb.caption);
    spanned(tb.rows).forEach((cells, r) => {
      const def = `\\trowd \\irow${r}\\ts11\\trgaph108\\trleft-108\\trbrdrt\\brdrs\\brdrw10 ${cells.map((x) => `${x.continues ? '\\clvmrg' : x.rowspan > 1 ? '\\clvmgf' : ''}\\clvertalc\\clbrdrt\\brdrs\\brdrw10 \\cltxlrtb\\clftsWidth3\\clwWidth${x.colspan * 1000} \\cellx${(x.c + x.colspan) * 1000 - 108}`).join('')}\n`;
      body += def;
      for (const x of cells) {
        const at = (p?: [number, number]) => p !== undefined && p[0] === r && p[1] === x.c;
        const lines = (x.continues ? '' : x.text).split('\n');
        body += `\\pard\\plain \\ltrpar\\qc \\li0\\ri0\\widctlpar\\intbl\\wrapdefault\\aspalpha\\faauto\\adjustright\\rin0\\lin0 \\f0\\fs21 `;
        body += lines
          .map((line, i) => {
            let s = `{\\insrsid1 ${t(line)}}`;
            if (i === 0 && at(o.field)) s = `{\\field{\\*\\fldinst {\\insrsid1  =SUM(ABOVE) \\\\# "0.00" }}{\\fldrslt {\\insrsid1 ${t(line)}}}}`;
            if (i === 0 && at(o.deleted)) s = `{\\deleted\\revauth1 ${t('删除的文字')}}${s}`;
            return s;
          })
          .join('\\par ');
        body += '{\\cell }\n';
      }
      body += `\\pard\\plain \\ltrpar\\ql \\li0\\ri0\\widctlpar\\intbl {${def}\\row }\n`;
    });
    body += par('');
  });
  body += par('单位（盖章）');
  const fonts = `{\\fonttbl{\\f0\\fnil\\fcharset134\\fprq2{\\*\\panose 02010600030101010101}${rtfText('宋体', 'gbk')}{\\*\\falt SimSun};}{\\f1\\froman\\fcharset0\\fprq2 Times New Roman;}}`;
  const head = `{\\rtf1\\adeflang1025\\ansi\\ansicpg936\\uc1\\adeff0\\deff0\\stshfdbch13\\deflang1033\\deflangfe2052${fonts}\n{\\colortbl;\\red0\\green0\\blue0;}{\\stylesheet{\\ql \\f0\\fs21 \\snext0 Normal;}}\n{\\*\\generator Microsoft Word 11.0.0000;}{\\info{\\title ${rtfText('绩效自评表', 'gbk')}}{\\author x}}\n`;
  const extras = `{\\header \\pard\\plain ${rtfText('页眉：项目支出绩效自评表（草稿）', 'gbk')}\\par}{\\footer \\pard\\plain 1\\par}{\\*\\shppict{\\pict\\pngblip\\picw10\\pich10 89504e470d0a1a0a}}\n`;
  return Buffer.from(`${head}${extras}${body}}`, 'latin1');
}
