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

// cli-table3 measures the same strings many times: remember them (bounded).
const cache = new Map<string, number>();

export function textWidth(s: string): number {
  const hit = cache.get(s);
  if (hit !== undefined) return hit;
  const t = s.includes('\x1b') ? s.replace(ANSI, '') : s;
  let w = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.codePointAt(i)!;
    if (c > 0xffff) i++;
    if (c < 0x7f) w += c >= 0x20 ? 1 : 0;
    // The common wide blocks first (CJK ideographs, CJK punctuation, fullwidth forms), without the full table.
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff60)) w += 2;
    else if (c < 0xa0 || (c >= 0x300 && c <= 0x36f) || c === 0x200b || c === 0x200d || (c >= 0xfe00 && c <= 0xfe0f)) continue;
    else w += eastAsianWidth(c);
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(s, w);
  return w;
}

export default textWidth;
