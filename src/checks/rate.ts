/** Execution rate of the total row and of each sub-row: executed / budget × 100. */
import { roundTo, show } from '../decimal.js';
import { finding, type Finding } from '../findings.js';
import { agreement } from '../score/engine.js';
import { parseNumber } from '../number.js';
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
      // 0.8618 for 86.18: the rate as a fraction (a General cell in Excel). Still wrong as printed, and said so.
      const scaled = verdict === 'mismatch' ? parseNumber(r.stated.value.times(100).toFixed()) : null;
      const fraction = scaled !== null && !r.stated.value.isZero() && agreement(r, scaled, mode) !== 'mismatch';
      const fields = {
        project: ref,
        stated: r.stated.text,
        expected,
        calc: `${r.calc} = ${show(r.exact)} → ${expected} (${mode})`,
        args: { quantity: 'rate', row: r.row, label: r.label, low: show(r.low), high: r.high.isFinite() ? show(r.high) : '∞', withinRounding: verdict === 'rounding', ...(fraction ? { fraction: true as const } : {}) } as const,
      };
      out.push(verdict === 'rounding' ? finding('rounding-difference', r.line, fields) : finding('rate-mismatch', r.line, fields));
    }
    return out;
  },
};
