/**
 * The strict number grammar of table cells. Never `parseFloat`: `12..5`,
 * `1,2,3`, `1e400` and `NaN` are not numbers here, they are findings.
 */
import { Decimal } from './decimal.js';

// digits with correct thousands grouping, or plain digits; optional decimals.
// Linear: no nested quantifiers that can backtrack over the same characters.
const NUMBER_RE = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

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

/** Parse a bare number cell ("18,693.82", "-0.00", "100"); null when it is not one. */
export function parseNumber(raw: string): Num | null {
  const s = raw.trim();
  if (s.length === 0 || s.length > 40) return null;
  const m = NUMBER_RE.exec(s);
  if (!m) return null;
  const sign = m[1] === '-' ? '-' : '';
  const int = m[2]!;
  const grouped = int.includes(',');
  const frac = m[3] ?? '';
  const digits = grouped ? int.replaceAll(',', '') : int;
  const text = sign + digits + (frac ? '.' + frac : '');
  let cents: number | null = null;
  if (frac.length <= 2 && digits.length <= 12) {
    const c = Number(digits) * 100 + (frac.length === 0 ? 0 : frac.length === 1 ? Number(frac) * 10 : Number(frac));
    if (c < MAX_CENTS) cents = sign ? -c : c;
  }
  return new Num(text, frac.length, grouped, cents);
}

/** Cells that mean "no value". */
const PLACEHOLDERS = new Set(['', '-', '—', '——', '–', '/', '／', '－', '--', '---', '无', '不适用', '不涉及', 'N/A', 'n/a', 'NA']);

/** Compare two numbers: integer cents when both have them, decimal.js otherwise. */
export function cmpNum(a: Num, b: Num): number {
  if (a.cents !== null && b.cents !== null) return a.cents < b.cents ? -1 : a.cents > b.cents ? 1 : 0;
  return a.value.cmp(b.value);
}

export function isPlaceholder(raw: string): boolean {
  return PLACEHOLDERS.has(raw.trim());
}

/** A number cell that may carry a trailing percent sign ("99.98%", "99.98％"). */
export function parsePercentCell(raw: string): { num: Num | null; percent: boolean } {
  const s = raw.trim();
  // endsWith + slice, not a regex: a lazy pattern here would be quadratic on a long cell.
  if (s.endsWith('%') || s.endsWith('％')) return { num: parseNumber(s.slice(0, -1)), percent: true };
  return { num: parseNumber(s), percent: false };
}
