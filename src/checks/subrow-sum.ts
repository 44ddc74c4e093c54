/** 当年财政拨款 + 上年结转资金 + 其他资金 = 年度资金总额, in each amount column. */
import { finding, type Finding } from '../findings.js';
import type { Check } from './types.js';

export const subrowSumCheck: Check = {
  id: 'subrow-sum',
  run({ analysis, ref }) {
    const out: Finding[] = [];
    // A total row never summed is one finding (funds-total-unsummed), not one per column.
    if (analysis.unsummed) return out;
    for (const s of analysis.sums) {
      const amount = s.sum;
      if (amount.eqNum(s.total)) continue;
      const sum = amount.value;
      const within = sum.minus(s.total.value).abs().lte(s.tolerance);
      // As many decimals as the most finely printed amount (89.974 stays 89.974).
      const decimals = Math.max(2, s.total.decimals, ...s.parts.map((x) => x.decimals));
      const fields = {
        project: ref,
        stated: s.total.text,
        expected: sum.toFixed(decimals),
        calc: `${s.calc} = ${sum.toFixed(decimals)}`,
        args: { quantity: 'subrow-sum', column: s.column, difference: s.total.value.minus(sum).toFixed(decimals), withinRounding: within, parts: s.labels } as const,
      };
      out.push(within ? finding('rounding-difference', s.line, fields) : finding('subrow-sum-mismatch', s.line, fields));
    }
    return out;
  },
};
