/**
 * textWidth measured in one pass over code units (no cache): the same columns as the implementation it
 * replaced, which walked code points with codePointAt and remembered every string it measured.
 */
import fc from 'fast-check';
import { eastAsianWidth } from 'get-east-asian-width';
import { describe, expect, it } from 'vitest';
import { textWidth } from '../src/report/width.js';

const ANSI = /\x1b\[[0-9;]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;
function oldWidth(s: string): number {
  const t = s.includes('\x1b') ? s.replace(ANSI, '') : s;
  let w = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.codePointAt(i)!;
    if (c > 0xffff) i++;
    if (c < 0x7f) w += c >= 0x20 ? 1 : 0;
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff60)) w += 2;
    else if (c < 0xa0 || (c >= 0x300 && c <= 0x36f) || c === 0x200b || c === 0x200d || (c >= 0xfe00 && c <= 0xfe0f)) continue;
    else w += eastAsianWidth(c);
  }
  return w;
}

describe('textWidth', () => {
  it('counts CJK two, combining marks and controls zero, a surrogate pair once', () => {
    expect(textWidth('预算执行率 82.28%')).toBe(17);
    expect(textWidth('ｅ１（）')).toBe(8);
    expect(textWidth('e\u0301\u200b\t')).toBe(1);
    expect(textWidth('😀a')).toBe(3);
    expect(textWidth('\x1b[31m红\x1b[39m')).toBe(2);
    // A lone surrogate is one character of the table's width, as before.
    expect(textWidth('\ud83d')).toBe(oldWidth('\ud83d'));
    expect(textWidth('\ude00x')).toBe(oldWidth('\ude00x'));
  });

  it('gives what the earlier implementation gave (property)', () => {
    const unit = fc.oneof(
      fc.constantFrom('\x1b[31m', '\x1b[0m', '\x1b]8;;x\x07', '\t', '\u0301', '\u200d', '\ufe0f', '\ud83d', '\ude00', '😀', '中', '，', '（', 'ｅ', 'é', ' ', '\u00a0', '\u3000', 'a', '1'),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
    );
    fc.assert(fc.property(fc.array(unit, { maxLength: 40 }).map((a) => a.join('')), (s) => textWidth(s) === oldWidth(s)), { numRuns: 3000, seed: Number(process.env.FC_SEED ?? 20261201) });
  });
});
