/**
 * Bytes → text, strictly: UTF-8 (with or without BOM) first, then UTF-16 by
 * its BOM, then GB18030 (a superset of GBK). Never inserts U+FFFD.
 *
 * A file that is UTF-8 but for a few bytes (a flipped byte, a stray NUL, a
 * line pasted in another encoding) is read, not rejected: each bad byte
 * reads as its escape (`\xFF`) and the lines holding them are listed, for an
 * error finding at each (`undecodable-bytes`); the rest of the file is
 * checked as usual. Only a file whose bad bytes are more than 1 % of it
 * (binary, or another encoding) is an error naming the first bad line.
 */
import { EvalcheckError } from '../errors.js';
import { finding, type Finding } from '../findings.js';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
export const ENCODINGS: readonly Encoding[] = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030'];

export interface Decoded {
  text: string;
  encoding: Encoding;
  bom: boolean;
  /** Lines with bytes that are not valid in the encoding (shown escaped in the text). */
  damage?: Damage[];
}

/** Bytes on one line that could not be decoded. */
export interface Damage {
  line: number;
  /** The first of them, escaped (`\xFF\x00`). */
  bytes: string;
  count: number;
}

/** Bad bytes may be at most this share of a file for it to be read (with error findings) rather than rejected. */
export const DAMAGE_LIMIT = 0.01;

/** `\xFF` for a byte. */
export const escapeByte = (b: number): string => `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * Decode UTF-8 that may hold bad bytes (invalid sequences and NULs): each bad byte becomes its escape.
 * `bad` receives each bad byte's offset in `buf` (plus `base`). Ends at a complete character (the caller
 * carries an incomplete tail over).
 */
export function decodeUtf8Lossy(buf: Uint8Array, bad: (offset: number, byte: number) => void, base = 0): string {
  const dec = new TextDecoder('utf-8', { ignoreBOM: true });
  let out = '';
  let i = 0;
  while (i < buf.length) {
    let j = firstInvalidUtf8(buf, i);
    const nul = buf.indexOf(0, i);
    if (nul !== -1 && (j === -1 || nul < j)) j = nul;
    if (j === -1) {
      out += dec.decode(buf.subarray(i));
      break;
    }
    if (j > i) out += dec.decode(buf.subarray(i, j));
    out += escapeByte(buf[j]!);
    bad(base + j, buf[j]!);
    i = j + 1;
  }
  return out;
}

/** Number of bad bytes (invalid UTF-8 and NULs) in `buf`, stopping once above `limit`. */
export function countUtf8Damage(buf: Uint8Array, limit = Infinity): number {
  let n = 0;
  let i = 0;
  while (i < buf.length && n <= limit) {
    let j = firstInvalidUtf8(buf, i);
    const nul = buf.indexOf(0, i);
    if (nul !== -1 && (j === -1 || nul < j)) j = nul;
    if (j === -1) break;
    n++;
    i = j + 1;
  }
  return n;
}

/** The damaged lines, from the bad bytes (in order) and their lines. */
export function damageOf(bad: readonly { line: number; byte: number }[]): Damage[] {
  const out: Damage[] = [];
  for (const { line, byte } of bad) {
    const last = out.at(-1);
    if (last && last.line === line) {
      if (last.count < 16) last.bytes += escapeByte(byte);
      last.count++;
    } else out.push({ line, bytes: escapeByte(byte), count: 1 });
  }
  return out;
}

/**
 * Line numbers of ascending byte offsets, fed the bytes in order (a whole buffer, or a file chunk by
 * chunk): LF, CRLF and lone CR count as the parser counts them, a CRLF's LF being on its CR's line.
 */
export class OffsetLines {
  readonly lines: number[] = [];
  private line = 1;
  private prevCR = false;
  private k = 0;
  constructor(private readonly offsets: readonly number[]) {}
  get done(): boolean {
    return this.k >= this.offsets.length;
  }
  /** The next `n` bytes of the input, which start at byte `base`. */
  feed(buf: Uint8Array, base: number, n = buf.length): void {
    for (let i = 0; i < n && !this.done; i++) {
      while (this.k < this.offsets.length && this.offsets[this.k] === base + i) {
        this.lines.push(buf[i] === 0x0a && this.prevCR ? this.line - 1 : this.line);
        this.k++;
      }
      const b = buf[i]!;
      if (b === 0x0a) this.line += this.prevCR ? 0 : 1;
      else if (b === 0x0d) this.line++;
      this.prevCR = b === 0x0d;
    }
  }
  /** Every offset's line (offsets past the end: the last line). */
  end(): number[] {
    while (this.k++ < this.offsets.length) this.lines.push(this.line);
    return this.lines;
  }
}

/** Line numbers of ascending byte offsets of `buf`. */
export function linesOf(buf: Uint8Array, offsets: readonly number[]): number[] {
  const l = new OffsetLines(offsets);
  l.feed(buf, 0);
  return l.end();
}

/** The error findings for damaged lines. */
export function damageFindings(damage: readonly Damage[] | undefined, encoding: Encoding): Finding[] {
  return (damage ?? []).map((d) => finding('undecodable-bytes', d.line, { args: { bytes: d.bytes, count: d.count, encoding } }));
}

/** The encoding a byte-order mark at the start of `buf` announces, and the mark's length. */
export function bomOf(buf: Uint8Array): { encoding: Encoding; length: number } | null {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

function tryDecode(buf: Uint8Array, encoding: Encoding): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    return null;
  }
}

/** Offset of the first byte at or after `from` that is not valid UTF-8. */
export function firstInvalidUtf8(buf: Uint8Array, from = 0): number {
  let i = from;
  while (i < buf.length) {
    const b = buf[i]!;
    let n = 0;
    if (b < 0x80) n = 0;
    else if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) n = 2;
    else if (b >= 0xf0 && b <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) if (i + k >= buf.length || (buf[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

/** 1-based line of a byte offset. */
const lineAt = (buf: Uint8Array, offset: number): number => linesOf(buf, [offset])[0]!;

/** A charset name (a <meta>'s, a MIME part's, an XML declaration's) as one of the encodings read, or `windows-1252` for a single-byte Western one; undefined for any other. */
export function encodingOfCharset(name: string): Encoding | 'windows-1252' | undefined {
  const cs = name.trim().toLowerCase();
  if (cs === 'utf-8' || cs === 'utf8') return 'utf-8';
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|windows-936)$/.test(cs)) return 'gb18030';
  if (cs === 'utf-16le' || cs === 'utf-16') return 'utf-16le';
  if (cs === 'utf-16be') return 'utf-16be';
  // Excel writes its web pages in us-ascii or windows-1252 with every other character as an entity (&#39033;).
  if (/^(us-ascii|ascii|windows-1252|iso-8859-1|latin1|cp1252)$/.test(cs)) return 'windows-1252';
  return undefined;
}

/**
 * Decode a document that names its own encoding (a page's charset, an XML declaration): a byte-order mark
 * wins; then the encoding named, falling back to detection when the bytes are not in it; one said to be
 * Western is tried as UTF-8 and GB18030 first (ASCII is UTF-8; a Chinese table mislabelled is GB18030), and
 * only then read as windows-1252.
 */
export function decodeDeclared(buf: Uint8Array, path: string, declared: Encoding | 'windows-1252' | undefined): { text: string; encoding: string } {
  if (declared === 'windows-1252' && !bomOf(buf)) {
    for (const e of ['utf-8', 'gb18030'] as const) {
      const text = tryDecode(buf, e);
      if (text !== null) return { text, encoding: e };
    }
    return { text: new TextDecoder('windows-1252').decode(buf), encoding: 'windows-1252' };
  }
  let d: Decoded;
  try {
    d = decode(buf, path, declared === 'windows-1252' ? undefined : declared);
  } catch {
    d = decode(buf, path);
  }
  return { text: d.text, encoding: d.encoding };
}

/** Decode a whole file. `forced` skips detection. */
export function decode(buf: Uint8Array, path: string, forced?: Encoding): Decoded {
  const bom = bomOf(buf);
  if (forced) {
    const skip = bom && bom.encoding === forced ? bom.length : 0;
    const text = tryDecode(buf.subarray(skip), forced);
    if (text === null) throw new EvalcheckError('encoding', `not valid ${forced} (forced by --encoding)`, { path });
    return { text, encoding: forced, bom: skip > 0 };
  }
  if (bom) {
    const text = tryDecode(buf.subarray(bom.length), bom.encoding);
    if (text === null) throw new EvalcheckError('encoding', `has a ${bom.encoding} byte-order mark but is not valid ${bom.encoding}`, { path });
    return { text, encoding: bom.encoding, bom: true };
  }
  const nul = buf.indexOf(0);
  if (nul === -1) {
    const utf8 = tryDecode(buf, 'utf-8');
    if (utf8 !== null) return { text: utf8, encoding: 'utf-8', bom: false };
    const gb = tryDecode(buf, 'gb18030');
    if (gb !== null) return { text: gb, encoding: 'gb18030', bom: false };
  }
  // UTF-8 but for a few bytes: read it, the bad bytes escaped, their lines listed.
  const limit = Math.floor(buf.length * DAMAGE_LIMIT);
  if (countUtf8Damage(buf, limit) <= limit) {
    const bad: { offset: number; byte: number }[] = [];
    const text = decodeUtf8Lossy(buf, (offset, byte) => bad.push({ offset, byte }));
    const lines = linesOf(buf, bad.map((b) => b.offset));
    return { text, encoding: 'utf-8', bom: false, damage: damageOf(bad.map((b, i) => ({ line: lines[i]!, byte: b.byte }))) };
  }
  if (nul !== -1) throw new EvalcheckError('binary', 'is a binary file (NUL byte), not an exported table', { path, line: lineAt(buf, nul) });
  const bad = firstInvalidUtf8(buf);
  throw new EvalcheckError('encoding', 'is neither UTF-8, UTF-16 (with BOM) nor GB18030 text', { path, line: lineAt(buf, bad) });
}
