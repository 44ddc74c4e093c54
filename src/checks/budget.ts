/** The execution rate and the budget as a reviewer reads them: a low rate needs a reason; so does a budget changed in the year. */
import { HUNDRED } from '../decimal.js';
import { finding, type Finding } from '../findings.js';
import { hasReason } from './narrative.js';
import type { Check } from './types.js';

export const budgetCheck: Check = {
  id: 'budget',
  run({ project, analysis, ref, policy }) {
    const out: Finding[] = [];
    const t = project.funds.total;
    if (!t || t.raw !== null) return out;
    // The template asks for a reason when it has a 原因 column (Sichuan: 预算执行率未达到90%的需说明原因).
    const asks = t.reason !== null;
    const explained = hasReason(t.reason);
    const rate = analysis.rates.find((r) => r.row === 'total');
    if (rate && !t.budget?.num?.value.isZero() && rate.exact.lt(90) && !explained) {
      const f = finding('low-rate-no-reason', t.line, { project: ref, stated: rate.stated?.text ?? null, args: { rate: rate.exact.toDecimalPlaces(2).toFixed(2), asks } });
      out.push(asks ? { ...f, severity: 'warning' } : f);
    }
    const b0 = t.initialBudget?.num;
    const b1 = t.budget?.num;
    if (b0 && b1 && !b0.value.isNegative() && !b1.value.isNegative() && !b1.value.isZero() && !b0.value.eq(b1.value)) {
      const added = b0.value.isZero();
      const change = added ? null : b1.value.minus(b0.value).dividedBy(b0.value);
      if (added || change!.abs().gt(policy.budgetChange)) {
        const big = added || change!.abs().gte(0.2);
        const f = finding('budget-adjusted', t.line, {
          project: ref,
          stated: b1.text,
          expected: b0.text,
          args: { initial: b0.text, budget: b1.text, change: change ? change.times(HUNDRED).toDecimalPlaces(1).toFixed(1) : null, threshold: String(policy.budgetChange * 100), explained },
        });
        out.push(big && !explained ? { ...f, severity: 'warning' } : f);
      }
    }
    return out;
  },
};
