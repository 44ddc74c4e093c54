/**
 * Bytes → text, strictly: UTF-8 (with or without BOM) first, then UTF-16 by
 * its BOM, then GB18030 (a superset of GBK). Never inserts U+FFFD; a file no
 * decoder accepts is an error naming the first bad line.
 */
import { EvalcheckError } from '../errors.js';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
export const ENCODINGS: readonly Encoding[] = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030'];

export interface Decoded {
  text: string;
  encoding: Encoding;
  bom: boolean;
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

/** Offset of the first byte that is not valid UTF-8. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
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

/** 1-based line of a byte offset, counting LF, CRLF and lone CR as the parser does. */
function lineAt(buf: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < buf.length; i++) {
    if (buf[i] === 0x0a || (buf[i] === 0x0d && buf[i + 1] !== 0x0a)) line++;
  }
  return line;
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
  if (nul !== -1) {
    throw new EvalcheckError('binary', 'is a binary file (NUL byte), not an exported table', { path, line: lineAt(buf, nul) });
  }
  const utf8 = tryDecode(buf, 'utf-8');
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', bom: false };
  const gb = tryDecode(buf, 'gb18030');
  if (gb !== null) return { text: gb, encoding: 'gb18030', bom: false };
  const bad = firstInvalidUtf8(buf);
  throw new EvalcheckError('encoding', 'is neither UTF-8, UTF-16 (with BOM) nor GB18030 text', { path, line: lineAt(buf, bad) });
}
