/**
 * The strict number grammar of table cells. Never `parseFloat`: `12..5`,
 * `1,2,3`, `1e400` and `NaN` are not numbers here, they are findings.
 */
import { Decimal } from './decimal.js';
import { clean, isJsSpace } from './text.js';

/** Largest |cents| for which integer arithmetic on sums of a block stays exact. */
const MAX_CENTS = 2 ** 40;

/** A number read from a cell: canonical text ("18693.82"), and its exact value. */
export class Num {
  private dec: Decimal | undefined;
  /**
   * The value in hundredths as an integer, when it has at most two decimals
   * and is small enough that sums of a block's cells stay exact in a double
   * (|x| < 2^40 cents); null otherwise. The fast path for sums and
   * comparisons; everything else, and every fallback, uses `value`.
   */
  readonly cents: number | null;
  constructor(
    /** Canonical decimal text: sign, digits, the decimals as written; no separators. */
    readonly text: string,
    /** Number of decimals as written (for writing back in the same style). */
    readonly decimals: number,
    /** Whether the cell used thousands separators. */
    readonly grouped: boolean,
    cents: number | null = null,
  ) {
    this.cents = cents;
  }
  /** Exact value (decimal.js), made on first use. */
  get value(): Decimal {
    return (this.dec ??= new Decimal(this.text));
  }
  /** JSON shows the canonical text: decimals travel as strings, never floats. */
  toJSON(): string {
    return this.text;
  }
  toString(): string {
    return this.text;
  }
}

/**
 * Parse a bare number cell ("18,693.82", "-0.00", "100"); null when it is not
 * one. A hand-written scanner (this runs for every number cell of a corpus):
 * sign, digits with correct thousands grouping or none, optional decimals.
 */
export function parseNumber(raw: string): Num | null {
  const n = parseAsciiNumber(raw);
  // Digits typed in full width (０-９, ．, ，, －: an input method's full-width mode, common in Word tables)
  // are the same number; looked for only when the cell did not read as one.
  if (n === null && raw.length <= 60 && hasFullWidthDigit(raw)) return parseAsciiNumber(halfWidthNumber(raw));
  return n;
}

/** Whether `s` has a full-width digit (U+FF10–U+FF19). */
export function hasFullWidthDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff10 && c <= 0xff19) return true;
  }
  return false;
}

/**
 * `s` with the full-width forms of a number's characters in ASCII: digits, `．`, `，`, `＋`, `－`, `％`
 * (what NFKC makes of them; nothing else is changed). For cells with a full-width digit.
 */
export function halfWidthNumber(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += (c >= 0xff10 && c <= 0xff19) || c === 0xff0e || c === 0xff0c || c === 0xff0b || c === 0xff0d || c === 0xff05 ? String.fromCharCode(c - 0xfee0) : s[i];
  }
  return out;
}

/** An ASCII number's digits, `.`, `,`, `+` and `-` in full width (the inverse of `halfWidthNumber` on them). */
export function fullWidthNumber(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2c || c === 0x2b || c === 0x2d ? String.fromCharCode(c + 0xfee0) : s[i];
  }
  return out;
}

function parseAsciiNumber(raw: string): Num | null {
  let a = 0;
  let b = raw.length;
  while (a < b && isJsSpace(raw.charCodeAt(a))) a++;
  while (b > a && isJsSpace(raw.charCodeAt(b - 1))) b--;
  if (b - a === 0 || b - a > 40) return null;
  let i = a;
  const c0 = raw.charCodeAt(i);
  const neg = c0 === 0x2d;
  if (neg || c0 === 0x2b) i++;
  const intStart = i;
  let grouped = false;
  let run = 0; // digits since the start or the last comma
  let digits = 0;
  let intVal = 0; // exact while digits <= 15
  while (i < b) {
    const c = raw.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      run++;
      digits++;
      intVal = intVal * 10 + (c - 0x30);
    } else if (c === 0x2c) {
      // A comma needs 1–3 digits before the first one and exactly 3 between the others.
      if (grouped ? run !== 3 : run < 1 || run > 3) return null;
      grouped = true;
      run = 0;
    } else break;
    i++;
  }
  if (i === intStart || run === 0 || (grouped && run !== 3)) return null;
  const intEnd = i;
  let fracLen = 0;
  let fracVal = 0;
  if (i < b && raw.charCodeAt(i) === 0x2e) {
    i++;
    const fracStart = i;
    while (i < b) {
      const c = raw.charCodeAt(i);
      if (c < 0x30 || c > 0x39) return null;
      if (i - fracStart < 2) fracVal = fracVal * 10 + (c - 0x30);
      i++;
    }
    fracLen = i - fracStart;
    if (fracLen === 0) return null;
  }
  if (i !== b) return null;
  // The canonical text is the cell itself unless it had separators or a plus sign.
  const text = !grouped && c0 !== 0x2b ? (a === 0 && b === raw.length ? raw : raw.slice(a, b)) : (neg ? '-' : '') + raw.slice(intStart, intEnd).replaceAll(',', '') + raw.slice(intEnd, b);
  let cents: number | null = null;
  if (fracLen <= 2 && digits <= 12) {
    const c = intVal * 100 + (fracLen === 1 ? fracVal * 10 : fracVal);
    if (c < MAX_CENTS) cents = neg ? -c : c;
  }
  return new Num(text, fracLen, grouped, cents);
}

/**
 * A number written with its unit (`88.32万元` in a table in 万元, `30.00分` for a weight): the number; null when
 * the cell holds another unit (`88.32元` there) or none. Never a conversion.
 */
export function parseNumberWithUnit(raw: string, unit: string): Num | null {
  const t = clean(raw);
  return t.length > unit.length && t.endsWith(unit) ? parseNumber(t.slice(0, -unit.length)) : null;
}

/** Compare two numbers: integer cents when both have them, decimal.js otherwise. */
export function cmpNum(a: Num, b: Num): number {
  if (a.cents !== null && b.cents !== null) return a.cents < b.cents ? -1 : a.cents > b.cents ? 1 : 0;
  return a.value.cmp(b.value);
}

/** Cells that mean "no value". */
const PLACEHOLDERS = new Set(['', '-', '—', '——', '–', '/', '／', '－', '--', '---', '无', '不适用', '不涉及', 'N/A', 'n/a', 'NA']);

export function isPlaceholder(raw: string): boolean {
  // Placeholders are at most three characters: a longer cell is trimmed (any padding, U+3000 too) only when it is short.
  if (raw.length <= 3 && PLACEHOLDERS.has(raw)) return true;
  if (raw.length > 16) return false;
  const t = clean(raw);
  if (t.length <= 3) return PLACEHOLDERS.has(t);
  // Spaced out (`不 适 用`, `N / A`): the same placeholder. (Not a number: the cells this is asked of most.)
  if (t.length > 8) return false;
  const c = t.charCodeAt(0);
  return !(c >= 0x30 && c <= 0x39) && /\s/.test(t) && PLACEHOLDERS.has(t.replace(/\s+/g, ''));
}

/** A number cell that may carry a trailing percent sign ("99.98%", "99.98％"). */
export function parsePercentCell(raw: string): { num: Num | null; percent: boolean } {
  const s = raw.trim();
  // endsWith + slice, not a regex: a lazy pattern here would be quadratic on a long cell.
  if (s.endsWith('%') || s.endsWith('％')) return { num: parseNumber(s.slice(0, -1)), percent: true };
  return { num: parseNumber(s), percent: false };
}

/** Below zero (`-0.00` is not): from the text, without making a decimal. */
export const isNegative = (n: Num): boolean => n.text.startsWith('-') && /[1-9]/.test(n.text);

/** Zero: in hundredths when the number has them, without making a decimal. */
export const isZero = (n: Num): boolean => (n.cents !== null ? n.cents === 0 : n.value.isZero());
