/**
 * Wrapping text to a terminal width, for the findings tables and the help: Latin text at spaces, CJK between any
 * two characters (a CJK character is two columns), a number kept with its unit, no line starting with closing
 * punctuation.
 */
import { isJsSpace } from '../text.js';
import { quickWidth, textWidth } from './width.js';

/** Closing punctuation no line starts with, as Chinese typesetting has it: ，。、；：？！）》」』】〕〉”’… */
const CLOSING_CJK = new Set([...'，。、；：？！）》」』】〕〉”’…'].map((c) => c.charCodeAt(0)));
/** ASCII punctuation no line starts with, when a token is made of it alone (`.evalcheckrc.json` is a name). */
const CLOSING_ASCII = new Set([...'%,.;:?!)]}'].map((c) => c.charCodeAt(0)));
/** Units a number keeps beside it (`0.50 分`, `88.32 万元`, `2.00(次)`). */
const NUMBER_WITH_UNIT = /[+-]?\d[\d.,]*%?(?: ?(?:万元|元|分|次|份|个|人|项|天|户|家|篇|期|场|台|套|件|年|月|日|小时|公里|米|吨|亩|[(（][^)）\s]{1,4}[)）]))?/uy;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
/** Width of the one character at `i` (a code unit, or a surrogate pair ending at `j`), as textWidth measures it. */
const charWidth = (s: string, i: number, j: number): number => {
  const q = j === i + 1 ? quickWidth(s.charCodeAt(i)) : -1;
  return q >= 0 ? q : textWidth(s.slice(i, j));
};

/**
 * The pieces of the line being filled: start, end and width of each token (or character) in the paragraph,
 * by position (no string per token). Reused: wrap is synchronous.
 */
const SEG_A: number[] = [];
const SEG_B: number[] = [];
const SEG_W: number[] = [];

/** A piece of blank space: a run of spaces, or one character of white space. */
const blankAt = (p: string, a: number, b: number): boolean => {
  const c = p.charCodeAt(a);
  return c === 0x20 || (b === a + 1 && isJsSpace(c));
};
/** A piece no line starts with: CJK closing punctuation first, or ASCII closing punctuation only. */
const closingAt = (p: string, a: number, b: number): boolean => {
  const c = p.charCodeAt(a);
  if (c > 0x7f) return CLOSING_CJK.has(c);
  for (let i = a; i < b; i++) if (!CLOSING_ASCII.has(p.charCodeAt(i))) return false;
  return true;
};

/** The text of pieces [from, to) of the line, neighbours joined into one slice. */
function piecesText(p: string, from: number, to: number): string {
  let out = '';
  let a = SEG_A[from]!;
  let b = SEG_B[from]!;
  for (let k = from + 1; k < to; k++) {
    if (SEG_A[k] === b) b = SEG_B[k]!;
    else {
      out += p.slice(a, b);
      a = SEG_A[k]!;
      b = SEG_B[k]!;
    }
  }
  return from < to ? out + p.slice(a, b) : out;
}

/**
 * Wrap to `width` terminal columns: Latin text at spaces, CJK anywhere; CJK characters count as two. A number
 * stays with its unit, and no line starts with closing punctuation (the character before it moves down too).
 * Tokens that wrapping keeps whole: a number with its unit, a run of Latin characters (printable ASCII but the
 * space, at most 40), a run of spaces, or one other character (a code point). test/wrap-oracle.test.ts holds
 * the implementation with a string per token that this one replaced, and compares them.
 */
export function wrap(text: string, width: number): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    // A paragraph that fits is its own line (no break is ever taken in it).
    if (textWidth(para) <= width) out.push(para.trimEnd());
    else wrapParagraph(para, width, out);
  }
  return out.join('\n');
}

function wrapParagraph(p: string, width: number, out: string[]): void {
  let n = 0; // pieces on the line
  let w = 0;
  const len = p.length;
  let i = 0;
  while (i < len) {
    // The next token, [i, j), tw columns wide.
    const c = p.charCodeAt(i);
    let j = -1;
    let tw = 0;
    let single = false;
    if (isDigit(c) || ((c === 0x2b || c === 0x2d) && isDigit(p.charCodeAt(i + 1)))) {
      NUMBER_WITH_UNIT.lastIndex = i;
      const num = NUMBER_WITH_UNIT.exec(p);
      if (num) {
        j = i + num[0].length;
        tw = textWidth(num[0]);
      }
    }
    if (j < 0) {
      j = i + 1;
      if (c > 0x20 && c < 0x7f) {
        const end = Math.min(len, i + 40);
        while (j < end && p.charCodeAt(j) > 0x20 && p.charCodeAt(j) < 0x7f) j++;
        tw = j - i;
      } else if (c === 0x20) {
        while (j < len && p.charCodeAt(j) === 0x20) j++;
        tw = j - i;
      } else {
        if (c >= 0xd800 && c <= 0xdbff && j < len) {
          const d = p.charCodeAt(j);
          if (d >= 0xdc00 && d <= 0xdfff) j++;
        }
        single = true;
        tw = charWidth(p, i, j);
      }
    }
    // Spaces where the line is full are dropped; the next token decides where to break.
    const blank = c === 0x20 || (single && isJsSpace(c));
    if (blank && w + tw > width) {
      i = j;
      continue;
    }
    if (w + tw > width && n > 0) {
      // Closing punctuation takes the token before it down with it (and any punctuation between).
      let keep = n;
      let from = n;
      if (closingAt(p, i, j)) {
        while (keep > 1 && (blankAt(p, SEG_A[keep - 1]!, SEG_B[keep - 1]!) || closingAt(p, SEG_A[keep - 1]!, SEG_B[keep - 1]!))) keep--;
        if (keep > 1) keep--;
        // Spaces between the tokens that move down stay (`or .json`); spaces that would start the line go.
        from = keep;
        while (from < n && blankAt(p, SEG_A[from]!, SEG_B[from]!)) from++;
      }
      out.push(piecesText(p, 0, keep).trimEnd());
      // The pieces that move down start the next line.
      let m = 0;
      w = 0;
      for (let k = from; k < n; k++, m++) {
        SEG_A[m] = SEG_A[k]!;
        SEG_B[m] = SEG_B[k]!;
        SEG_W[m] = SEG_W[k]!;
        w += SEG_W[k]!;
      }
      n = m;
    }
    if (tw > width) {
      // A token wider than a line is cut between its characters.
      for (let a = i; a < j; ) {
        let b = a + 1;
        const ca = p.charCodeAt(a);
        if (ca >= 0xd800 && ca <= 0xdbff && b < j) {
          const d = p.charCodeAt(b);
          if (d >= 0xdc00 && d <= 0xdfff) b++;
        }
        const cw = charWidth(p, a, b);
        if (w + cw > width && n > 0) {
          out.push(piecesText(p, 0, n).trimEnd());
          n = 0;
          w = 0;
        }
        SEG_A[n] = a;
        SEG_B[n] = b;
        SEG_W[n++] = cw;
        w += cw;
        a = b;
      }
      i = j;
      continue;
    }
    SEG_A[n] = i;
    SEG_B[n] = j;
    SEG_W[n++] = tw;
    w += tw;
    i = j;
  }
  out.push(piecesText(p, 0, n).trimEnd());
}

/**
 * A file name and line (`reports/2023/水利局-自评表.txt:12`) wrapped to `width` columns where a path breaks
 * best: after a `/`, else after `-`, `_` or `.`; a piece still wider than the column is wrapped as text.
 */
export function wrapPath(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  const lines: string[] = [];
  let line = '';
  for (const piece of text.split(/(?<=[/\\\-_.])/)) {
    if (line !== '' && textWidth(line) + textWidth(piece) > width) {
      lines.push(line);
      line = '';
    }
    line += piece;
    if (textWidth(line) > width) {
      const wrapped = wrap(line, width).split('\n');
      line = wrapped.pop()!;
      lines.push(...wrapped);
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}
