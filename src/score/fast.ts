/**
 * The exact fast path. Most stated figures are consistent, and deciding that
 * needs no decimal.js: with amounts in integer hundredths, a rate or score is
 * a ratio of integers, and rounding it is integer division (BigInt, exact at
 * any size). decimal.js computes the exact value, the display-rounding
 * interval and the explanation only when a figure is to be reported, or when
 * an input is not in hundredths (the fast path then does not apply).
 */
import { Decimal, roundTo, type RoundingMode } from '../decimal.js';
import type { Num } from '../number.js';

/** num/den (num ≥ 0, den > 0) rounded to an integer the way `mode` rounds. */
export function divRound(num: bigint, den: bigint, mode: RoundingMode): bigint {
  switch (mode) {
    case 'truncate':
      return num / den;
    case 'half-up':
      return (2n * num + den) / (2n * den);
    case 'ceil':
      return (num + den - 1n) / den;
  }
}

const SCALES = [1n, 10n, 100n];

/** The precision a stated figure is printed with, for comparing it: 0, 1 or 2 decimals. */
export const printedDecimals = (s: Num): number => Math.min(s.decimals, 2);

/** Hundredths → "123.45" (also negative). */
export function centsText(c: bigint | number): string {
  const b = BigInt(c);
  const neg = b < 0n;
  const s = (neg ? -b : b).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** Hundredths → an exact Decimal (parsed from text: no division). */
export const fromCents = (c: bigint | number): Decimal => new Decimal(centsText(c));

/**
 * A figure with an exact value in decimal.js, made only when asked for, and,
 * when the inputs are in hundredths, the same value as the integer ratio
 * `num / den` hundredths for the fast path.
 */
export class Ratio {
  private ex: Decimal | undefined;
  private lo: Decimal | undefined;
  private hi: Decimal | undefined;
  constructor(
    readonly line: number,
    readonly stated: Num | null,
    /** The hand-checkable computation, without the rounding step. */
    readonly calc: string,
    private readonly make: { exact: () => Decimal; low: () => Decimal; high: () => Decimal },
    /** The exact value is num/den hundredths; null when the inputs are not all in hundredths. */
    readonly fast: { num: bigint; den: bigint } | null,
  ) {}
  get exact(): Decimal {
    return (this.ex ??= this.make.exact());
  }
  /** Lowest and highest value the inputs allow, given that they were printed rounded. */
  get low(): Decimal {
    return (this.lo ??= this.make.low());
  }
  get high(): Decimal {
    return (this.hi ??= this.make.high());
  }
  /** Rounded to hundredths by `mode`, as an integer count of hundredths; null off the fast path. */
  roundedCents(mode: RoundingMode): bigint | null {
    return this.fast ? divRound(this.fast.num, this.fast.den, mode) : null;
  }
  /** Rounded to 2 decimals by `mode`. */
  rounded(mode: RoundingMode): Decimal {
    const c = this.roundedCents(mode);
    return c !== null ? fromCents(c) : roundTo(this.exact, mode);
  }
  /**
   * Does `mode` print the exact value as `s`, at the precision `s` is printed
   * with (0, 1 or 2 decimals: `100%`, `86.2`, `86.18`)?
   */
  printsAs(s: Num, mode: RoundingMode): boolean {
    const dp = printedDecimals(s);
    if (this.fast && s.cents !== null) {
      const scale = SCALES[2 - dp]!;
      return divRound(this.fast.num, this.fast.den * scale, mode) * scale === BigInt(s.cents);
    }
    return roundTo(this.exact, mode, dp).eq(s.value);
  }
  /** The exact value to 6 decimals (half up), for output. */
  exactText(): string {
    if (this.fast) {
      const q = divRound(this.fast.num * 10_000n, this.fast.den, 'half-up');
      const s = q.toString().padStart(7, '0');
      return `${s.slice(0, -6)}.${s.slice(-6)}`.replace(/\.?0+$/, '') || '0';
    }
    return this.exact.toDecimalPlaces(6).toFixed();
  }
}

/** An amount that stays in integer hundredths while it can, decimal.js otherwise. */
export class Amount {
  private dec: Decimal | undefined;
  private constructor(
    /** Hundredths, or null when the value needs decimal.js. */
    readonly cents: number | null,
    dec?: Decimal,
  ) {
    this.dec = dec;
  }
  static ofCents(c: number): Amount {
    return new Amount(c);
  }
  static ofDecimal(d: Decimal): Amount {
    return new Amount(null, d);
  }
  /** A stated number: in hundredths when it has them. */
  static ofNum(n: Num): Amount {
    return n.cents !== null ? new Amount(n.cents) : new Amount(null, n.value);
  }
  get value(): Decimal {
    return (this.dec ??= fromCents(this.cents!));
  }
  plus(x: Amount): Amount {
    if (this.cents !== null && x.cents !== null) return new Amount(this.cents + x.cents);
    return new Amount(null, this.value.plus(x.value));
  }
  eqNum(n: Num): boolean {
    if (this.cents !== null && n.cents !== null) return this.cents === n.cents;
    return this.value.eq(n.value);
  }
  /** Equal to a whole number (a weight such as 50)? In hundredths when it can. */
  eqInt(n: number): boolean {
    if (this.cents !== null) return this.cents === n * 100;
    return this.value.eq(n);
  }
  toFixed(dp: number): string {
    if (this.cents !== null && dp === 2) return centsText(this.cents);
    return this.value.toFixed(dp);
  }
}
