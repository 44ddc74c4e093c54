/**
 * Exact arithmetic for amounts, rates and scores.
 *
 * A private decimal.js clone so that the library never changes the global
 * Decimal configuration of a host application. Precision 40 is far beyond
 * anything a table holds (amounts have at most ~15 significant digits); the
 * extra digits only matter for quotients such as execution rates, which are
 * then rounded explicitly by the rounding mode of the file.
 */
import { Decimal as DecimalJs } from 'decimal.js';

export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const HUNDRED = new Decimal(100);

/** How a file turns an exact figure into its printed two decimals. */
export type RoundingMode = 'truncate' | 'half-up' | 'ceil';
export const ROUNDING_MODES: readonly RoundingMode[] = ['truncate', 'half-up', 'ceil'];

const MODE_TO_DECIMAL: Record<RoundingMode, DecimalJs.Rounding> = {
  truncate: DecimalJs.ROUND_DOWN,
  'half-up': DecimalJs.ROUND_HALF_UP,
  ceil: DecimalJs.ROUND_UP,
};

/** Round `d` to `dp` places the way `mode` says (toward zero, half away from zero, away from zero). */
export function roundTo(d: Decimal, mode: RoundingMode, dp = 2): Decimal {
  return d.toDecimalPlaces(dp, MODE_TO_DECIMAL[mode]);
}

/**
 * The closed interval of exact values that `mode` prints as `stated` (2 dp).
 * truncate: [s, s+0.01); half-up: [s-0.005, s+0.005); ceil: (s-0.01, s].
 * Treated as closed: an exact value sitting on an open end is accepted, which
 * can only ever spare a finding, never invent one.
 */
export function preimage(stated: Decimal, mode: RoundingMode, dp = 2): [Decimal, Decimal] {
  const step = new Decimal(1).dividedBy(new Decimal(10).pow(dp));
  const half = step.dividedBy(2);
  // For negative numbers toward-zero/away-from-zero flip sides.
  const neg = stated.isNegative();
  switch (mode) {
    case 'truncate':
      return neg ? [stated.minus(step), stated] : [stated, stated.plus(step)];
    case 'ceil':
      return neg ? [stated, stated.plus(step)] : [stated.minus(step), stated];
    case 'half-up':
      return [stated.minus(half), stated.plus(half)];
  }
}

/** Format with at least `dp` decimals, and show when more digits were cut ("95.1263…"). */
export function show(d: Decimal, dp = 4): string {
  const fixed = d.toDecimalPlaces(dp, DecimalJs.ROUND_DOWN);
  const exact = fixed.equals(d);
  let s = fixed.toFixed();
  if (!exact) s = d.toFixed(dp, DecimalJs.ROUND_DOWN) + '…';
  return s;
}

/** A decimal with at least two decimals and all of its own (`94.005`, never a rounded `94.00`). */
export const exactText = (d: Decimal): string => d.toFixed(Math.max(2, d.decimalPlaces()));
