/** Execution score: weight × min(rate, 100 %) / 100. */
import { roundTo, show } from '../decimal.js';
import { finding } from '../findings.js';
import { agreement } from '../score/engine.js';
import type { Check } from './types.js';

export const execScoreCheck: Check = {
  id: 'exec-score',
  run({ analysis, mode, ref }) {
    const e = analysis.execScore;
    if (!e?.stated) return [];
    const verdict = agreement(e, e.stated, mode, analysis.execScoreFromStatedRate);
    if (verdict === 'exact' || verdict === 'convention') return [];
    const expected = roundTo(e.exact, mode).toFixed(2);
    const fields = {
      project: ref,
      stated: e.stated.text,
      expected,
      calc: `${e.calc} = ${show(e.exact)} → ${expected} (${mode})`,
      args: { quantity: 'exec-score', low: show(e.low), high: show(e.high), withinRounding: verdict === 'rounding' } as const,
    };
    return [verdict === 'rounding' ? finding('rounding-difference', e.line, fields) : finding('exec-score-mismatch', e.line, fields)];
  },
};
