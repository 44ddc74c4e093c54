/**
 * RTF documents (`.rtf`, and the "Word" file many systems export: RTF under
 * a .doc name): the tables of the body, read from the RTF itself.
 *
 * - Text: 8-bit text and `\'hh` bytes in the document's code page
 *   (`\ansicpg936`: GBK, as Chinese Word and WPS write it) or the code page
 *   of a font whose character set names one (`\fcharset134`), `\uN` as the
 *   character it is (its fallback skipped, `\ucN`).
 * - Tables: a row is the cells ended by `\cell` up to `\row`; where each
 *   cell stands comes from the row's definition (`\trleft` and each cell's
 *   right edge, `\cellx`), laid out on the table's grid as for .doc: a wide
 *   cell reads as its text and empty cells, a row that starts further right
 *   gets empty cells before it, a cell continuing a vertical merge
 *   (`\clvmrg`) reads empty. A table nested in a cell is read as its text.
 * - Left out: field instructions (their results kept), deleted text of
 *   tracked changes (`\deleted`), pictures, objects, headers and footers,
 *   footnotes, and every destination marked `\*` that is not read.
 * Text between tables is not read, except a title paragraph right above a
 * table (its caption), as for .docx.
 */
import { EvalcheckError } from '../errors.js';
import { finding } from '../findings.js';
import { Above, GridFeeder, layOutEdges, type EdgedRow, type RowSink, type SourceRead } from './tables.js';

/** Destinations whose text is not the body's. */
const SKIPPED = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'object', 'header', 'headerl', 'headerr', 'headerf', 'footer', 'footerl', 'footerr', 'footerf', 'footnote', 'annotation', 'atnid', 'atnauthor',
  'xe', 'tc', 'txe', 'themedata', 'colorschememapping', 'datastore', 'latentstyles', 'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'mmathPr', 'pgdsctbl', 'revtbl', 'filetbl', 'shp', 'shpinst',
  'nonshppict', 'shppict', 'fldinst', 'bkmkstart', 'bkmkend', 'xmlnstbl', 'wgrffmtfilter', 'pnseclvl', 'pntext', 'pntxta', 'pntxtb', 'listtext', 'template', 'userprops', 'docvar', 'blipuid', 'ffdeftext', 'ffformat',
]);

/** Characters some control words stand for. */
const SYMBOLS: Record<string, string> = { emdash: '—', endash: '–', bullet: '•', lquote: '‘', rquote: '’', ldblquote: '“', rdblquote: '”', emspace: ' ', enspace: ' ', qmspace: ' ', tab: '\t', line: '\n' };

/** The code page a font's character set (`\fcharsetN`) names, where it names one. */
const CHARSET_CP: Record<number, number> = { 0: 1252, 128: 932, 129: 949, 134: 936, 136: 950, 161: 1253, 162: 1254, 177: 1255, 178: 1256, 186: 1257, 204: 1251, 222: 874, 238: 1250 };

/** The value of a hexadecimal digit, or -1. */
function hexDigit(x: number | undefined): number {
  if (x === undefined) return -1;
  if (x >= 0x30 && x <= 0x39) return x - 0x30;
  if (x >= 0x61 && x <= 0x66) return x - 0x57;
  if (x >= 0x41 && x <= 0x46) return x - 0x37;
  return -1;
}

type Decoder = InstanceType<typeof TextDecoder>;

function decoderFor(cp: number): Decoder {
  const label = cp === 936 ? 'gbk' : cp === 54936 ? 'gb18030' : cp === 950 ? 'big5' : cp === 932 ? 'shift_jis' : cp === 949 ? 'euc-kr' : cp === 65001 ? 'utf-8' : cp === 874 ? 'windows-874' : `windows-${cp}`;
  try {
    return new TextDecoder(label);
  } catch {
    return new TextDecoder('windows-1252');
  }
}

interface Group {
  /** This group's text is not the body's (a destination not read). */
  skip: boolean;
  /** How many characters of fallback follow a `\uN`. */
  uc: number;
  /** The code page of the font in use. */
  cp: number;
  /** Deleted text (tracked changes). */
  deleted: boolean;
  /** In the font table: the font being described. */
  fonttbl: boolean;
}

export async function readRtf(bytes: Uint8Array, path: string, sink: RowSink): Promise<SourceRead> {
  const n = bytes.length;
  let i = 0;
  // The header: {\rtf1\ansi\ansicpg936 …
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 64)).replace(/^\ufeff|^\xef\xbb\xbf/, '');
  if (!/^\s*\{\\rtf/.test(head)) throw new EvalcheckError('format', 'is not a readable RTF document (no {\\rtf header)', { path });

  let docCp = 1252;
  const fonts = new Map<number, number>();
  let fontNo = -1;
  const decoders = new Map<number, Decoder>();
  const decoder = (cp: number) => {
    let d = decoders.get(cp);
    if (!d) decoders.set(cp, (d = decoderFor(cp)));
    return d;
  };

  const stack: Group[] = [];
  let g: Group = { skip: false, uc: 1, cp: 1252, deleted: false, fonttbl: false };
  /** A `\*` was read: the next control word names a destination to skip unless it is read. */
  let starred = false;
  /** The first control word of a group decides whether it is a destination. */
  let groupStart = false;
  /** Fallback characters still to skip after a `\uN`. */
  let fallback = 0;
  let pendingBytes: number[] = [];
  let pendingCp = 0;

  // Body state.
  const feeder = new GridFeeder('rtf', sink);
  let tables = 0;
  const above = new Above();
  let text = '';
  let inTable = false;
  let itap = 0;
  let rows: EdgedRow[] = [];
  let cells: string[] = [];
  /** The row definition being read (`\trowd` … `\cellx`): the left edge, each cell's right edge and merge. */
  let def: { left: number; rights: number[]; continues: boolean[] } = { left: 0, rights: [], continues: [] };
  let continuesNext = false;

  const flushBytes = () => {
    if (pendingBytes.length === 0) return;
    const s = decoder(pendingCp).decode(Uint8Array.from(pendingBytes));
    pendingBytes = [];
    put(s);
  };
  const put = (s: string) => {
    if (g.skip || g.deleted || g.fonttbl) return;
    text += s;
  };
  const putByte = (b: number) => {
    if (g.skip || g.deleted || g.fonttbl) return;
    if (fallback > 0) {
      fallback--;
      return;
    }
    if (pendingBytes.length > 0 && pendingCp !== g.cp) flushBytes();
    pendingCp = g.cp;
    pendingBytes.push(b);
  };
  const endTable = () => {
    if (cells.length > 0) rows.push({ cells, edges: null, continues: [] });
    cells = [];
    if (rows.length === 0) return;
    tables++;
    const caption = above.caption();
    const laid = layOutEdges(rows);
    const first = feeder.feed({ kind: 'table', name: '', firstRow: 1, rows: laid.rows, ...(caption !== undefined ? { caption } : {}) });
    for (const k of laid.unplaced) feeder.findings.push(finding('cell-edges-missing', first + k, { args: { table: tables, row: k + 1, cells: rows[k]!.cells.length } }));
    rows = [];
  };
  const cellText = () => text.replace(/^\n+|\n+$/g, '');

  const word = (name: string, param: number | null) => {
    if (starred || (groupStart && SKIPPED.has(name))) {
      starred = false;
      groupStart = false;
      if (name === 'fonttbl') g.fonttbl = true;
      else if (name !== 'fldrslt') g.skip = true;
      return;
    }
    groupStart = false;
    if (name !== 'u') fallback = 0;
    if (g.fonttbl) {
      if (name === 'f' && param !== null) fontNo = param;
      else if (name === 'fcharset' && param !== null && fontNo >= 0 && CHARSET_CP[param] !== undefined && !fonts.has(fontNo)) fonts.set(fontNo, CHARSET_CP[param]!);
      else if (name === 'cpg' && param !== null && fontNo >= 0) fonts.set(fontNo, param);
      return;
    }
    if (g.skip) return;
    switch (name) {
      case 'ansicpg':
        if (param !== null && param > 0) docCp = g.cp = param;
        return;
      case 'f': {
        // A Western font (fcharset 0) in a document of another code page: its bytes are the document's.
        const cp = param !== null ? fonts.get(param) : undefined;
        g.cp = cp !== undefined && cp !== 1252 ? cp : docCp;
        return;
      }
      case 'uc':
        g.uc = Math.max(0, param ?? 1);
        return;
      case 'u':
        if (param !== null) {
          put(String.fromCharCode(param < 0 ? param + 65536 : param));
          fallback = g.uc;
        }
        return;
      case 'deleted':
        g.deleted = param !== 0;
        return;
      case 'plain':
        g.deleted = false;
        return;
      case 'par':
      case 'sect':
        if (inTable) {
          if (!g.skip && text !== '' && !text.endsWith('\n')) text += '\n';
          return;
        }
        endTable();
        above.paragraph(text);
        text = '';
        return;
      case 'pard':
        inTable = false;
        itap = 0;
        return;
      case 'intbl':
        inTable = true;
        if (itap === 0) itap = 1;
        return;
      case 'itap':
        itap = Math.max(0, param ?? 1);
        inTable = itap > 0;
        return;
      case 'cell':
        if (g.skip) return;
        if (itap > 1) {
          if (text !== '' && !text.endsWith('\n')) text += '\n';
          return;
        }
        inTable = true;
        cells.push(cellText());
        text = '';
        return;
      case 'nestcell':
      case 'nestrow':
        if (!g.skip && text !== '' && !text.endsWith('\n')) text += '\n';
        return;
      case 'row': {
        if (g.skip) return;
        const edges = def.rights.length > 0 ? [def.left, ...def.rights] : null;
        rows.push({ cells, edges, continues: def.continues });
        cells = [];
        text = '';
        return;
      }
      case 'trowd':
        if (g.skip) return;
        def = { left: 0, rights: [], continues: [] };
        continuesNext = false;
        return;
      case 'trleft':
        if (!g.skip) def.left = param ?? 0;
        return;
      case 'clvmrg':
        if (!g.skip) continuesNext = true;
        return;
      case 'clvmgf':
        if (!g.skip) continuesNext = false;
        return;
      case 'cellx':
        if (g.skip) return;
        def.rights.push(param ?? 0);
        def.continues.push(continuesNext);
        continuesNext = false;
        return;
    }
    const sym = SYMBOLS[name];
    if (sym !== undefined) put(sym);
  };

  while (i < n) {
    const c = bytes[i]!;
    if (c === 0x7b /* { */) {
      flushBytes();
      stack.push(g);
      g = { ...g };
      groupStart = true;
      fallback = 0;
      i++;
      continue;
    }
    if (c === 0x7d /* } */) {
      flushBytes();
      if (g.fonttbl) fontNo = -1;
      g = stack.pop() ?? g;
      groupStart = false;
      starred = false;
      fallback = 0;
      i++;
      if (stack.length === 0) break;
      continue;
    }
    if (c === 0x5c /* \ */) {
      const d = bytes[i + 1];
      if (d === undefined) break;
      const isLetter = (x: number | undefined) => x !== undefined && ((x >= 0x61 && x <= 0x7a) || (x >= 0x41 && x <= 0x5a));
      if (isLetter(d)) {
        let j = i + 1;
        while (j < n && isLetter(bytes[j]) && j - i < 34) j++;
        let name = '';
        for (let x = i + 1; x < j; x++) name += String.fromCharCode(bytes[x]!);
        let param: number | null = null;
        let k = j;
        if (bytes[k] === 0x2d || (bytes[k]! >= 0x30 && bytes[k]! <= 0x39)) {
          const neg = bytes[k] === 0x2d;
          if (neg) k++;
          let v = 0;
          const start = k;
          while (k < n && bytes[k]! >= 0x30 && bytes[k]! <= 0x39 && k - start < 10) v = v * 10 + (bytes[k++]! - 0x30);
          param = neg ? -v : v;
        }
        if (bytes[k] === 0x20) k++;
        i = k;
        if (name === 'bin') {
          // Binary data of that many bytes: never text.
          flushBytes();
          i += Math.max(0, param ?? 0);
          continue;
        }
        // (Before \uN too: bytes pending are text that came before it.)
        flushBytes();
        word(name, param);
        continue;
      }
      i += 2;
      if (d === 0x27 /* ' */) {
        const hi = hexDigit(bytes[i]);
        const lo = hexDigit(bytes[i + 1]);
        i += 2;
        if (hi >= 0 && lo >= 0) {
          groupStart = false;
          putByte(hi * 16 + lo);
        }
        continue;
      }
      flushBytes();
      if (d === 0x2a /* * */) {
        starred = true;
        continue;
      }
      groupStart = false;
      fallback = 0;
      if (d === 0x7b || d === 0x7d || d === 0x5c) put(String.fromCharCode(d));
      else if (d === 0x7e /* ~ */) put('\u00a0');
      else if (d === 0x5f /* _ */) put('-');
      else if (d === 0x0a || d === 0x0d) word('par', null);
      continue;
    }
    if (c === 0x0a || c === 0x0d) {
      i++;
      continue;
    }
    groupStart = false;
    if (c < 0x80) {
      if (fallback > 0 && !g.skip && !g.fonttbl && !g.deleted) {
        fallback--;
        i++;
        continue;
      }
      flushBytes();
      if (c === 0x09) put('\t');
      else if (c >= 0x20) put(String.fromCharCode(c));
    } else putByte(c);
    i++;
  }
  flushBytes();
  // Cut short inside a group whose text is not read: what came after its start is lost, so nothing is read.
  if (g.skip || stack.some((x) => x.skip)) throw new EvalcheckError('format', 'is not a readable RTF document (it ends inside a group that was never closed)', { path });
  endTable();
  if (tables === 0) throw new EvalcheckError('no-table', 'has no table (an RTF document without tables)', { path });
  return feeder.result(docCp === 936 ? 'gbk' : docCp === 1252 ? 'windows-1252' : docCp === 65001 ? 'utf-8' : `cp${docCp}`);
}
