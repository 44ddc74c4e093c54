/**
 * wrap() is the same function as before its speed-ups (tokens found by
 * character codes, not a pattern made per token; a paragraph that fits
 * taken whole; tokens and lines held as positions in the paragraph, not strings):
 * the earlier implementation, kept here as the oracle, against the current
 * one on random paragraphs of CJK text, numbers with units, Latin words,
 * spaces and punctuation, at random widths.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrap } from '../src/report/wrap.js';
import { textWidth } from '../src/report/width.js';

// ---- the oracle: wrap as of commit 79d52d6 (then in src/report/table.ts), with the two later changes of behaviour ----
// (014d26c: spaces between the tokens that move down with closing punctuation stay; a Latin token that starts
// with a dot, `.evalcheckrc.json`, is not punctuation). The speed-ups are what it checks, not those.
/** Characters a line never starts with (closing punctuation, as Chinese typesetting has it). */
const NO_LINE_START = /^[，。、；：？！）》」』】〕〉”’…%,.;:?!)\]}]/u;
/** A token no line starts with: CJK closing punctuation, or ASCII punctuation alone (`.evalcheckrc.json` is a name). */
const closing = (tok: string): boolean => NO_LINE_START.test(tok) && (tok.charCodeAt(0) > 0x7f || /^[%,.;:?!)\]}]+$/.test(tok));
/** Units a number keeps beside it (`0.50 分`, `88.32 万元`, `2.00(次)`). */
const NUMBER_WITH_UNIT = /[+-]?\d[\d.,]*%?(?: ?(?:万元|元|分|次|份|个|人|项|天|户|家|篇|期|场|台|套|件|年|月|日|小时|公里|米|吨|亩|[(（][^)）\s]{1,4}[)）]))?/uy;

/** Tokens that wrapping keeps whole: a number with its unit, a run of Latin characters, spaces, or one other character. */
function tokensOf(para: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < para.length) {
    NUMBER_WITH_UNIT.lastIndex = i;
    const num = /\d/.test(para[i]!) || (/[+-]/.test(para[i]!) && /\d/.test(para[i + 1] ?? '')) ? NUMBER_WITH_UNIT.exec(para) : null;
    const m = num ?? /[\u0021-\u007e]{1,40}| +|[^]/uy;
    if (num) {
      out.push(num[0]);
      i += num[0].length;
      continue;
    }
    (m as RegExp).lastIndex = i;
    const t = (m as RegExp).exec(para)![0];
    out.push(t);
    i += t.length;
  }
  return out;
}

/**
 * Wrap to `width` terminal columns: Latin text at spaces, CJK anywhere; CJK characters count as two. A number
 * stays with its unit, and no line starts with closing punctuation (the character before it moves down too).
 */
function oldWrap(text: string, width: number): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line: string[] = [];
    let w = 0;
    const flush = () => {
      out.push(line.join('').trimEnd());
      line = [];
      w = 0;
    };
    for (const tok of tokensOf(para)) {
      const tw = textWidth(tok);
      // Spaces where the line is full are dropped; the next token decides where to break.
      if (tok.trim() === '' && w + tw > width) continue;
      if (w + tw > width && line.length > 0) {
        // Closing punctuation takes the token before it down with it (and any punctuation between).
        const carry: string[] = [];
        if (closing(tok)) {
          while (line.length > 1) {
            const last = line.at(-1)!;
            if (last.trim() === '' || closing(last)) carry.unshift(line.pop()!);
            else break;
          }
          if (line.length > 1) carry.unshift(line.pop()!);
          // Spaces between the tokens that move down stay (`or .json`); spaces that would start the line go.
          while (carry.length > 0 && carry[0]!.trim() === '') carry.shift();
        }
        flush();
        if (tok.trim() === '') continue;
        for (const t of carry) {
          line.push(t);
          w += textWidth(t);
        }
      }
      if (tw > width) {
        for (const ch of tok) {
          const cw = textWidth(ch);
          if (w + cw > width && line.length > 0) flush();
          line.push(ch);
          w += cw;
        }
        continue;
      }
      line.push(tok);
      w += tw;
    }
    flush();
  }
  return out.join('\n');
}

describe('wrap', () => {
  // No escape character: the text wrapped is made inert first (findings, help), and a paragraph with a colour
  // sequence is measured without it, so it may fit whole where the earlier implementation broke it.
  it('gives what the earlier implementation gave (property)', () => {
    const piece = fc.constantFrom('指标', '完成', '为2.00(次)', '扣0.50 分', '共88.32 万元', '“=1(份)”', 'rate', 'execution ', ' ', '  ', '（说明', '为9.50', '-3.5%', '+12', '，', '。', '）', '、', 'a'.repeat(45), '中'.repeat(30), '😀', 'é', '\u0301', '\u3000', '\t', '\ud83d', '\ude00', '.json', ' or ', '-', '+', '~', '\u00a0', '\u2028', '\ufeff', '\x7f', ')', '%,', '…', '”', '1(次)', '2 (份)', '3（人）', 'x'.repeat(39), ' '.repeat(12));
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 30 }).map((a) => a.join('')), { minLength: 1, maxLength: 3 }).map((ps) => ps.join('\n')), fc.integer({ min: 4, max: 90 }), (text, width) => wrap(text, width) === oldWrap(text, width)),
      { numRuns: 20000, seed: Number(process.env.FC_SEED ?? 20261201) },
    );
  });

  it('wraps a message as a reviewer reads it', () => {
    expect(wrap('预算执行率 82.28% 低于 90%，未说明原因  ', 60)).toBe('预算执行率 82.28% 低于 90%，未说明原因');
    expect(textWidth('预算执行率 82.28% 低于 90%，未说明原因')).toBe(38);
    expect(wrap('预算执行率 82.28% 低于 90%，未说明原因', 37).split('\n')).toEqual(['预算执行率 82.28% 低于 90%，未说明原', '因']);
    // A space before the tokens that move down stays; a name starting with a dot is not punctuation.
    expect(wrap('配置文件（默认向上查找 evalcheck.config.json 或 .evalcheckrc.json）', 42).split('\n')).toEqual(['配置文件（默认向上查找', 'evalcheck.config.json 或', '.evalcheckrc.json）']);
    expect(wrap('一二三四 五，', 11).split('\n')).toEqual(['一二三四', '五，']);
    expect(wrap('扣分 0.50 分，原因', 10).split('\n')).toEqual(['扣分', '0.50 分，', '原因']);
  });
});
