/** Execution rate of the total row and of each sub-row: executed / budget × 100. */
import { roundTo, show } from '../decimal.js';
import { finding, type Finding } from '../findings.js';
import { agreement } from '../score/engine.js';
import type { Check } from './types.js';

export const rateCheck: Check = {
  id: 'rate',
  run({ analysis, mode, ref }) {
    const out: Finding[] = [];
    for (const r of analysis.rates) {
      if (!r.stated) continue;
      const verdict = agreement(r, r.stated, mode);
      if (verdict === 'exact' || verdict === 'convention') continue;
      const expected = roundTo(r.exact, mode).toFixed(2);
      const fields = {
        project: ref,
        stated: r.stated.text,
        expected,
        calc: `${r.calc} = ${show(r.exact)} → ${expected} (${mode})`,
        args: { quantity: 'rate', row: r.row, label: r.label, low: show(r.low), high: r.high.isFinite() ? show(r.high) : '∞', withinRounding: verdict === 'rounding' } as const,
      };
      out.push(verdict === 'rounding' ? finding('rounding-difference', r.line, fields) : finding('rate-mismatch', r.line, fields));
    }
    return out;
  },
};
