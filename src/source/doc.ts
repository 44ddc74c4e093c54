/**
 * Word 97-2003 documents (.doc, also what WPS saves as "Word 97-2003"): the
 * tables of the main text, read from the binary format itself ([MS-DOC]).
 * The compound file is opened with SheetJS's reader (loaded with this module,
 * only when a .doc is read).
 *
 * - The text comes from the piece table (8-bit or UTF-16 pieces, in the order
 *   of the document, as fast saves leave them).
 * - Which paragraph is in a table, and which ends a cell or a row, comes from
 *   each paragraph's properties (its PAPX: in-table, table depth, row end).
 * - Where the cells of a row stand comes from the row's properties: the
 *   cell edges (sprmTDefTable). The table's columns are all the edges of its
 *   rows, as Word makes its grid when it saves the document as .docx, so a
 *   cell as wide as two columns reads as its text and an empty cell, and a
 *   row that starts further right gets empty cells before it. A cell that
 *   continues a vertical merge reads empty. Nothing is placed by counting
 *   cells.
 * - A table nested in a cell is read as that cell's text; field codes are left
 *   out and their results kept; deleted text of tracked changes is left out.
 *   Text between tables is not read, except a title paragraph right above a
 *   table (its caption), as for .docx.
 */
import { EvalcheckError } from '../errors.js';
import { finding } from '../findings.js';
import { Above, GridFeeder, layOutEdges, type EdgedRow, type RowSink, type SourceRead } from './tables.js';

import * as X from '@e965/xlsx';
import { quietly } from './quiet.js';

/** The root streams of an OLE compound file, by name in lower case (a compound file's names are case-insensitive). */
export function rootStreams(bytes: Uint8Array): Map<string, Uint8Array> | null {
  // (SheetJS types its compound-file reader loosely: the container's fields as its docs give them.)
  let cfb: { FullPaths: string[]; FileIndex: { type: number; content?: ArrayLike<number> }[] };
  try {
    // (What the container reader says goes nowhere: a stream it could not read is said by the reader of that stream.)
    cfb = quietly(() => X.CFB.read(bytes, { type: 'buffer' })).value;
  } catch {
    return null;
  }
  const out = new Map<string, Uint8Array>();
  // FullPaths: "Root Entry/WordDocument"; a storage ends with "/". Only the root's own streams count (an
  // embedded object has streams of its own, deeper down).
  cfb.FullPaths.forEach((p, i) => {
    const parts = p.split('/');
    const e = cfb.FileIndex[i];
    if (parts.length === 2 && parts[1] !== '' && e && e.type === 2) out.set(parts[1]!.toLowerCase(), e.content instanceof Uint8Array ? e.content : Uint8Array.from(e.content ?? []));
  });
  return out;
}

const fail = (path: string, why: string): never => {
  throw new EvalcheckError('format', `is not a readable .doc document (${why})`, { path });
};

/** Little-endian reads that say where a file is cut instead of reading past its end. */
class Bytes {
  private readonly view: DataView;
  constructor(
    readonly b: Uint8Array,
    private readonly path: string,
    private readonly what: string,
  ) {
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  get length(): number {
    return this.b.length;
  }
  private at(o: number, n: number): number {
    if (!Number.isInteger(o) || o < 0 || o + n > this.b.length) fail(this.path, `the ${this.what} stream is cut short`);
    return o;
  }
  u8(o: number): number {
    return this.view.getUint8(this.at(o, 1));
  }
  u16(o: number): number {
    return this.view.getUint16(this.at(o, 2), true);
  }
  i16(o: number): number {
    return this.view.getInt16(this.at(o, 2), true);
  }
  u32(o: number): number {
    return this.view.getUint32(this.at(o, 4), true);
  }
  slice(o: number, n: number): Uint8Array {
    return this.b.subarray(this.at(o, n), o + n);
  }
}

/** One piece of the text: characters [cp, cpEnd) stored from byte `fc`, one byte (cp1252) or two (UTF-16) each. */
interface Piece {
  cp: number;
  cpEnd: number;
  fc: number;
  compressed: boolean;
  /** Properties the piece applies to its paragraphs (a fast save's Prm), as sprms. */
  grpprl: Uint8Array | null;
}

/** The sprms read here ([MS-DOC] 2.6). */
const sprmPFInTable = 0x2416;
const sprmPFTtp = 0x2417;
const sprmPItap = 0x6649;
const sprmPDtap = 0x664a;
/** The paragraph's properties are in the Data stream, at this offset (a row with many cells). */
const sprmPHugePapx = 0x6646;
const sprmTDefTable = 0xd608;
const sprmPChgTabs = 0xc615;
const sprmCFRMarkDel = 0x0800;

/** Each sprm of a grpprl: its code and operand. */
function* sprms(g: Uint8Array): Generator<{ sprm: number; op: Uint8Array }> {
  let i = 0;
  while (i + 2 <= g.length) {
    const sprm = g[i]! | (g[i + 1]! << 8);
    i += 2;
    let n: number;
    switch (sprm >> 13) {
      case 0:
      case 1:
        n = 1;
        break;
      case 2:
      case 4:
      case 5:
        n = 2;
        break;
      case 3:
        n = 4;
        break;
      case 7:
        n = 3;
        break;
      default:
        // Variable: a size byte first; sprmTDefTable (and sprmPChgTabs, not read) a size of two bytes.
        if (sprm === sprmTDefTable) {
          if (i + 2 > g.length) return;
          n = (g[i]! | (g[i + 1]! << 8)) - 1;
          i += 2;
          // (cb counts itself less one byte: the operand after it is cb − 1 bytes.)
        } else {
          if (i >= g.length) return;
          n = g[i]!;
          i++;
          if (sprm === sprmPChgTabs && n === 255) {
            // Its size is in its two lists: tabs deleted (2 + 2 bytes each), tabs added (2 + 1 bytes each).
            const del = g[i] ?? 0;
            const add = g[i + 1 + 4 * del] ?? 0;
            n = 2 + 4 * del + 3 * add;
          }
        }
    }
    if (n < 0 || i + n > g.length) return;
    yield { sprm, op: g.subarray(i, i + n) };
    i += n;
  }
}

/** What a paragraph's properties say about tables. */
interface ParaProps {
  inTable: boolean;
  ttp: boolean;
  /** Table depth: 1 in a table, 2 and more in a table nested in a cell (its cells' and rows' ends are paragraphs there). */
  itap: number;
  /** Cell edges (twips) and, per cell, whether it continues a vertical merge: from the row end's properties. */
  edges: number[] | null;
  continues: boolean[];
}

function applyPara(p: ParaProps, g: Uint8Array, huge: (offset: number) => Uint8Array | null = () => null): void {
  for (const { sprm, op } of sprms(g)) {
    const v8 = op[0] ?? 0;
    const v32 = op.length >= 4 ? (op[0]! | (op[1]! << 8) | (op[2]! << 16) | (op[3]! << 24)) : 0;
    switch (sprm) {
      case sprmPFInTable:
        p.inTable = v8 !== 0;
        break;
      case sprmPFTtp:
        p.ttp = v8 !== 0;
        break;
      case sprmPHugePapx: {
        // (No deeper: a list read from the Data stream does not point into it again.)
        const more = huge(v32 >>> 0);
        if (more) applyPara(p, more);
        break;
      }
      case sprmPItap:
        p.itap = Math.max(0, v32);
        break;
      case sprmPDtap:
        p.itap = Math.max(0, p.itap + v32);
        break;
      case sprmTDefTable: {
        const n = op[0] ?? 0;
        if (n < 1 || 1 + 2 * (n + 1) > op.length) break;
        const dv = new DataView(op.buffer, op.byteOffset, op.byteLength);
        const edges: number[] = [];
        for (let k = 0; k <= n; k++) edges.push(dv.getInt16(1 + 2 * k, true));
        // TC80 (20 bytes each) after the edges; fewer when the row's cells have default properties.
        const tcs = 1 + 2 * (n + 1);
        const continues: boolean[] = [];
        for (let k = 0; k < n; k++) {
          const o = tcs + 20 * k;
          const grf = o + 2 <= op.length ? dv.getUint16(o, true) : 0;
          // fVertMerge (bit 5) without fVertRestart (bit 6): the cell continues the one above.
          continues.push((grf & 0x20) !== 0 && (grf & 0x40) === 0);
        }
        p.edges = edges;
        p.continues = continues;
        break;
      }
    }
  }
}

/** cp1252's characters 0x80–0x9F (an 8-bit piece is cp1252); the others are Latin-1. */
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export async function readDoc(bytes: Uint8Array, path: string, sink: RowSink, streams = rootStreams(bytes)): Promise<SourceRead> {
  if (!streams) fail(path, 'not a compound file');
  const wd = streams!.get('worddocument');
  if (!wd) fail(path, 'no WordDocument stream');
  const doc = new Bytes(wd!, path, 'WordDocument');
  const ident = doc.length >= 4 ? doc.u16(0) : 0;
  // Word 6 and Word 95 (and Word 2) wrote another layout, with no piece table in a table stream.
  if (ident === 0xa5dc || ident === 0xa699 || (ident === 0xa5ec && doc.u16(2) < 0x00c1)) throw new EvalcheckError('format', 'is a Word 6.0/95 document: save it as .docx in Word or WPS and run again', { path });
  if (doc.length < 0x200 || ident !== 0xa5ec) fail(path, 'no Word file header');
  const flags = doc.u16(0xa);
  if (flags & 0x0100) throw new EvalcheckError('format', 'is a password-protected .doc document: save it without a password and run again', { path });
  const tableName = flags & 0x0200 ? '1Table' : '0Table';
  const tb = streams!.get(tableName.toLowerCase());
  if (!tb) fail(path, `no ${tableName} stream`);
  const table = new Bytes(tb!, path, tableName);
  const dataStream = streams!.get('data');
  const data = dataStream ? new Bytes(dataStream, path, 'Data') : null;
  /** A PrcData in the Data stream (sprmPHugePapx): its size, then its sprms. */
  const huge = (offset: number): Uint8Array | null => {
    if (!data) fail(path, 'no Data stream');
    return data!.slice(offset + 2, data!.u16(offset));
  };

  // FIB: FibBase (32 bytes), csw and FibRgW97, cslw and FibRgLw97, cbRgFcLcb and FibRgFcLcb.
  const csw = doc.u16(32);
  const lw = 34 + csw * 2;
  const cslw = doc.u16(lw);
  const ccpText = doc.u32(lw + 2 + 12);
  const fcl = lw + 2 + cslw * 4;
  const cbRgFcLcb = doc.u16(fcl);
  const pair = (k: number): [number, number] => (k < cbRgFcLcb ? [doc.u32(fcl + 2 + 8 * k), doc.u32(fcl + 6 + 8 * k)] : [0, 0]);
  const [fcPlcfBteChpx, lcbPlcfBteChpx] = pair(12);
  const [fcPlcfBtePapx, lcbPlcfBtePapx] = pair(13);
  const [fcClx, lcbClx] = pair(33);
  if (lcbClx === 0) fail(path, 'no piece table');

  // The Clx: property lists of fast saves (Prc), then the piece table (Pcdt).
  const prcs: Uint8Array[] = [];
  let o = fcClx;
  const clxEnd = fcClx + lcbClx;
  while (o < clxEnd && table.u8(o) === 0x01) {
    const cb = table.i16(o + 1);
    prcs.push(table.slice(o + 3, Math.max(0, cb)));
    o += 3 + Math.max(0, cb);
  }
  if (o >= clxEnd || table.u8(o) !== 0x02) fail(path, 'no piece table');
  const lcb = table.u32(o + 1);
  const plc = o + 5;
  const n = Math.floor((lcb - 4) / 12);
  if (n < 1 || plc + lcb > table.length) fail(path, 'a damaged piece table');
  const pieces: Piece[] = [];
  for (let k = 0; k < n; k++) {
    const cp = table.u32(plc + 4 * k);
    const cpEnd = table.u32(plc + 4 * (k + 1));
    const pcd = plc + 4 * (n + 1) + 8 * k;
    const raw = table.u32(pcd + 2);
    const prm = table.u16(pcd + 6);
    const compressed = (raw & 0x40000000) !== 0;
    const fc = compressed ? (raw & 0x3fffffff) / 2 : raw & 0x3fffffff;
    // A Prm that names a Prc (fComplex): that list's sprms apply to the piece. (A Prm0 holds one character
    // property of a fast save, such as bold: nothing a table is read by.)
    const grpprl = prm & 1 ? (prcs[prm >> 1] ?? null) : null;
    if (cpEnd > cp) pieces.push({ cp, cpEnd, fc, compressed, grpprl });
  }

  // Formatted disk pages: paragraph properties (PAPX) and character properties (CHPX), by byte offset.
  // Every run of every page is taken, in order of its bytes, as Word's own readers do: the bin table's offsets
  // only say which page comes first (some writers leave them off by a page's worth).
  const papRuns = fkpRuns(doc, binTable(table, fcPlcfBtePapx, lcbPlcfBtePapx), true);
  const chpRuns = fkpRuns(doc, binTable(table, fcPlcfBteChpx, lcbPlcfBteChpx), false);
  const paraProps = (fc: number, piece: Piece): ParaProps => {
    const p: ParaProps = { inTable: false, ttp: false, itap: -1, edges: null, continues: [] };
    const g = runAt(papRuns, fc)?.grpprl ?? null;
    if (g) applyPara(p, g, huge);
    if (piece.grpprl) applyPara(p, piece.grpprl, huge);
    if (p.itap < 0) p.itap = p.inTable ? 1 : 0;
    if (p.itap > 0) p.inTable = true;
    return p;
  };
  // Deleted text (tracked changes): the runs marked deleted.
  const deleted = chpRuns.filter((r) => {
    let del = false;
    if (r.grpprl) for (const { sprm, op } of sprms(r.grpprl)) if (sprm === sprmCFRMarkDel) del = (op[0] ?? 0) !== 0;
    return del;
  });

  // The main text, character by character, with each paragraph's properties at its mark.
  const feeder = new GridFeeder('doc', sink);
  let tables = 0;
  const above = new Above();
  let grid: { rows: EdgedRow[] } | null = null;
  let cells: string[] = [];
  let text = '';
  /** Field nesting: for each open field, whether its result (after the separator) is being read. */
  const fields: boolean[] = [];
  const endTable = () => {
    if (!grid) return;
    // Cells after the last row end (a damaged table): a row of their own.
    if (cells.length > 0) grid.rows.push({ cells, edges: null, continues: [] });
    cells = [];
    tables++;
    const caption = above.caption();
    const { rows, unplaced } = layOutEdges(grid.rows);
    const first = feeder.feed({ kind: 'table', name: '', firstRow: 1, rows, ...(caption !== undefined ? { caption } : {}) });
    for (const i of unplaced) feeder.findings.push(finding('cell-edges-missing', first + i, { args: { table: tables, row: i + 1, cells: grid.rows[i]!.cells.length } }));
    grid = null;
  };
  const end = Math.min(ccpText, pieces.reduce((m, p) => Math.max(m, p.cpEnd), 0));
  for (const piece of pieces) {
    const to = Math.min(piece.cpEnd, end);
    for (let cp = piece.cp; cp < to; cp++) {
      const fc = piece.fc + (cp - piece.cp) * (piece.compressed ? 1 : 2);
      let c: number;
      if (piece.compressed) {
        const b = doc.u8(fc);
        c = b >= 0x80 && b <= 0x9f ? CP1252.charCodeAt(b - 0x80) : b;
      } else c = doc.u16(fc);
      if (c === 0x0d || c === 0x07) {
        // A paragraph mark, a cell mark or a row mark: what it ends is in its properties.
        const p = paraProps(fc, piece);
        // A cell mark is only ever written in a table: without the properties that say so, the file is damaged.
        if (c === 0x07 && !p.inTable) fail(path, `a table cell at character ${cp} without its properties`);
        if (!p.inTable) {
          endTable();
          above.paragraph(text);
          text = '';
          continue;
        }
        grid ??= { rows: [] };
        if (p.itap > 1 || (c === 0x0d && !p.ttp)) {
          // A paragraph in a cell, or a cell or row of a table nested in it: the cell's text goes on.
          if (text !== '' && !text.endsWith('\n')) text += '\n';
          continue;
        }
        if (p.ttp) {
          grid.rows.push({ cells, edges: p.edges, continues: p.continues });
          cells = [];
          text = '';
          continue;
        }
        cells.push(text.replace(/^\n+|\n+$/g, ''));
        text = '';
        continue;
      }
      // Fields: the code (before the separator) is left out, the result kept.
      if (c === 0x13) {
        fields.push(false);
        continue;
      }
      if (c === 0x14) {
        if (fields.length) fields[fields.length - 1] = true;
        continue;
      }
      if (c === 0x15) {
        fields.pop();
        continue;
      }
      if (fields.length && !fields.every(Boolean)) continue;
      if (deleted.length > 0 && runAt(deleted, fc)) continue;
      if (c === 0x0b || c === 0x0c) text += '\n';
      else if (c === 0x09) text += '\t';
      else if (c === 0x1e) text += '-';
      else if (c >= 0x20) text += String.fromCharCode(c);
    }
  }
  endTable();
  if (tables === 0) throw new EvalcheckError('no-table', 'has no table (a .doc without tables)', { path });
  return feeder.result('utf-16le');
}

/** A bin table (PlcBtePapx, PlcBteChpx): the page number of each of its formatted disk pages. */
function binTable(table: Bytes, fc: number, lcb: number): { pns: number[] } {
  const k = lcb >= 12 ? Math.floor((lcb - 4) / 8) : 0;
  const pns: number[] = [];
  for (let i = 0; i < k; i++) pns.push(table.u32(fc + 4 * (k + 1) + 4 * i) & 0x3fffff);
  return { pns };
}

/** A run of a formatted disk page: bytes [from, to) of the text have these sprms (null: none). */
interface Run {
  from: number;
  to: number;
  grpprl: Uint8Array | null;
}

/** The runs of the pages of a bin table (papx: PapxInFkp, else Chpx), sorted by their bytes. */
function fkpRuns(doc: Bytes, t: { pns: number[] }, papx: boolean): Run[] {
  const out: Run[] = [];
  for (const pn of t.pns) {
    const base = pn * 512;
    const crun = doc.u8(base + 511);
    for (let i = 0; i < crun; i++) {
      const from = doc.u32(base + 4 * i);
      const to = doc.u32(base + 4 * (i + 1));
      const at = papx ? doc.u8(base + 4 * (crun + 1) + 13 * i) : doc.u8(base + 4 * (crun + 1) + i);
      let grpprl: Uint8Array | null = null;
      if (at !== 0) {
        const p = base + 2 * at;
        if (!papx) grpprl = doc.slice(p + 1, doc.u8(p));
        else {
          const cb = doc.u8(p);
          // GrpPrlAndIstd: the style (2 bytes), then the sprms.
          const [start, size] = cb !== 0 ? [p + 1, 2 * cb - 1] : [p + 2, 2 * doc.u8(p + 1)];
          grpprl = size > 2 ? doc.slice(start + 2, size - 2) : null;
        }
      }
      if (to > from) out.push({ from, to, grpprl });
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

/** The run that holds byte `fc` (runs sorted, not overlapping), or null. */
function runAt(runs: readonly Run[], fc: number): Run | null {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = runs[mid]!;
    if (fc < r.from) hi = mid - 1;
    else if (fc >= r.to) lo = mid + 1;
    else return r;
  }
  return null;
}
