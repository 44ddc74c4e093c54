/**
 * Figures that another rounding mode than the file's reproduces (a total row
 * rounded half up in a table that truncates, a rate rounded up): one warning
 * per table, naming each figure and its mode. Not an arithmetic error.
 */
import { roundTo } from '../decimal.js';
import { finding } from '../findings.js';
import { agreement, reproducedBy } from '../score/engine.js';
import type { Check } from './types.js';

export const roundingConventionCheck: Check = {
  id: 'rounding-convention',
  run({ analysis, mode, ref }) {
    const figures: { quantity: 'rate' | 'exec-score'; row: string | null; line: number; stated: string; value: string; modes: string[] }[] = [];
    for (const r of analysis.rates) {
      if (r.stated && agreement(r, r.stated, mode) === 'convention') {
        figures.push({ quantity: 'rate', row: r.label, line: r.line, stated: r.stated.text, value: roundTo(r.exact, mode).toFixed(2), modes: reproducedBy(r, r.stated) });
      }
    }
    const e = analysis.execScore;
    if (e?.stated && agreement(e, e.stated, mode, analysis.execScoreFromStatedRate) === 'convention') {
      figures.push({ quantity: 'exec-score', row: null, line: e.line, stated: e.stated.text, value: roundTo(e.exact, mode).toFixed(2), modes: reproducedBy(e, e.stated, analysis.execScoreFromStatedRate) });
    }
    if (figures.length === 0) return [];
    const modes = [...new Set(figures.flatMap((f) => f.modes))];
    return [
      finding('rounding-convention', figures[0]!.line, {
        project: ref,
        stated: figures[0]!.stated,
        expected: figures[0]!.value,
        args: { fileMode: mode, modes, figures: figures.map((f) => `${f.line}:${f.quantity}:${f.stated}:${f.modes.join('/')}`), lines: figures.map((f) => f.line), quantity: figures[0]!.quantity, row: figures[0]!.row },
      }),
    ];
  },
};
