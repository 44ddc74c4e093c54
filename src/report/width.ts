/**
 * Terminal width of text: East Asian wide and fullwidth characters count
 * two, combining marks and controls zero. The bundled CLI also gives this to
 * cli-table3 in place of string-width@4 (esbuild --alias, see package.json):
 * that one compiles a very large emoji regular expression and a new ANSI
 * regular expression per call, which was a sixth of the start-up time on
 * the sample. ANSI sequences are stripped first, as string-width does.
 */
import { eastAsianWidth } from 'get-east-asian-width';

const ANSI = /\x1b\[[0-9;]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

/**
 * Columns of `s`. One pass over its UTF-16 code units; printable ASCII and the common wide blocks (CJK
 * ideographs, CJK punctuation, fullwidth forms) are decided inline, anything else by the East Asian Width table.
 * Not cached: the pass is cheaper than hashing the string for a lookup (most strings measured are unique).
 */
export function textWidth(s: string): number {
  const t = s.includes('\x1b') ? s.replace(ANSI, '') : s;
  let w = 0;
  for (let i = 0; i < t.length; i++) {
    let c = t.charCodeAt(i);
    const q = quickWidth(c);
    if (q >= 0) {
      w += q;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < t.length) {
      const d = t.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (c < 0xa0 || (c >= 0x300 && c <= 0x36f) || c === 0x200b || c === 0x200d || (c >= 0xfe00 && c <= 0xfe0f)) continue;
    w += eastAsianWidth(c);
  }
  return w;
}

/**
 * The width of a UTF-16 code unit when it is decided without the East Asian Width table: printable ASCII 1, an
 * ASCII control 0, the common wide blocks (CJK ideographs, CJK punctuation, fullwidth forms) 2; -1 for any other.
 * The one rule for textWidth and the loops that measure as they scan (wrap, the findings tables).
 */
export function quickWidth(c: number): number {
  if (c < 0x7f) return c >= 0x20 ? 1 : 0;
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff60)) return 2;
  return -1;
}

export default textWidth;
