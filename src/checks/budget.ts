/** The execution rate and the budget as a reviewer reads them: a low rate needs a reason; so does a budget changed in the year. */
import { HUNDRED, roundTo, type RoundingMode } from '../decimal.js';
import { finding, type Finding, type ProjectRef } from '../findings.js';
import type { RateFigure } from '../score/engine.js';
import { isNegative, isZero, type Num } from '../number.js';
import { centsText, divRound } from '../score/fast.js';
import { hasReason } from './narrative.js';
import type { Check, CheckPolicy } from './types.js';

const zero = (n: Num | null): boolean => n !== null && isZero(n);

/** |全年 − 年初| above `threshold` × 年初 (or any budget added to a 年初 of 0): exact, in hundredths when both amounts have them. */
function changedBeyond(b0: Num, b1: Num, threshold: number): boolean {
  if (b0.cents !== null && b1.cents !== null) {
    if (b0.cents === b1.cents) return false;
    if (b0.cents === 0) return true;
    const d = BigInt(Math.abs(b1.cents - b0.cents));
    // threshold to a millionth, as a fraction of integers.
    return d * 1_000_000n > BigInt(Math.round(threshold * 1_000_000)) * BigInt(b0.cents);
  }
  if (b0.value.eq(b1.value)) return false;
  return b0.value.isZero() || b1.value.minus(b0.value).abs().gt(b0.value.times(threshold));
}

export const budgetCheck: Check = {
  id: 'budget',
  run({ project, analysis, ref, policy, mode }) {
    const t = project.funds.total;
    if (!t || t.raw !== null) return [];
    return budgetRules(t.line, t.initialBudget?.num ?? null, t.budget?.num ?? null, t.reason, analysis.rates.find((r) => r.row === 'total'), ref, policy, mode);
  },
};

/**
 * The two rules on a total funds row read under an understood header: its
 * stated 年初 and 全年 budgets, its 原因 cell (null when the template has no
 * such column) and its recomputed rate. Shared by the check and the fast path.
 * The rate is written as the file's rounding `mode` prints it (a table that
 * truncates states 87.38 for 87.386…, and the note says 87.38 too).
 */
export function budgetRules(line: number, b0: Num | null, b1: Num | null, reason: string | null, rate: RateFigure | undefined, ref: ProjectRef, policy: CheckPolicy, mode: RoundingMode): Finding[] {
  const out: Finding[] = [];
  // The template asks for a reason when it has a 原因 column (Sichuan: 预算执行率未达到90%的需说明原因).
  const asks = reason !== null;
  const explained = hasReason(reason);
  // Below 90 %: in hundredths of a per cent (the rate's integer form) when it has one.
  const low = rate && !zero(b1) && (rate.fast ? rate.fast.num < 9000n * rate.fast.den : rate.exact.lt(90));
  if (rate && low && !explained) {
    const f = finding('low-rate-no-reason', line, { project: ref, stated: rate.stated?.text ?? null, args: { rate: rate.fast ? centsText(divRound(rate.fast.num, rate.fast.den, mode)) : roundTo(rate.exact, mode).toFixed(2), asks } });
    out.push(asks ? { ...f, severity: 'warning' } : f);
  }
  if (b0 && b1 && !isNegative(b0) && !isNegative(b1) && !zero(b1) && changedBeyond(b0, b1, policy.budgetChange)) {
    const added = zero(b0);
    // The change in per cent, to one decimal (half up), and whether it reaches 20 %: in hundredths when both amounts have them.
    let change: string | null = null;
    let big = added;
    if (!added && b0.cents !== null && b1.cents !== null) {
      const d = BigInt(b1.cents - b0.cents);
      const tenths = divRound(d < 0n ? -d * 1000n : d * 1000n, BigInt(b0.cents), 'half-up');
      change = `${d < 0n ? '-' : ''}${tenths / 10n}.${tenths % 10n}`;
      big = (d < 0n ? -d : d) * 5n >= BigInt(b0.cents);
    } else if (!added) {
      const c = b1.value.minus(b0.value).dividedBy(b0.value);
      change = c.times(HUNDRED).toDecimalPlaces(1).toFixed(1);
      big = c.abs().gte(0.2);
    }
    const f = finding('budget-adjusted', line, {
      project: ref,
      stated: b1.text,
      expected: b0.text,
      args: { initial: b0.text, budget: b1.text, change, threshold: String(policy.budgetChange * 100), explained },
    });
    out.push(big && !explained ? { ...f, severity: 'warning' } : f);
  }
  return out;
}
