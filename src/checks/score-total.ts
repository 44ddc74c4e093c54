/** Σ indicator 得分 + execution score = stated total. */
import { roundTo } from '../decimal.js';
import { finding } from '../findings.js';
import type { Check } from './types.js';

export const scoreTotalCheck: Check = {
  id: 'score-total',
  run({ project, analysis, figures, mode, ref, selfScored }) {
    const stated = project.stated.total?.num;
    const sum = figures.statedScoreSum;
    if (!selfScored || !stated || !sum || sum.eqNum(stated)) return [];
    const exec = project.funds.total?.score?.num?.text ?? '0';
    const indSum = (analysis.indicatorScoreSum ?? sum).toFixed(2);
    // Some units add the unrounded execution score and round the total instead.
    const alt = analysis.indicatorScoreSum && analysis.execScore ? roundTo(analysis.indicatorScoreSum.value.plus(analysis.execScore.exact), mode) : null;
    const within = alt !== null && alt.eq(stated.value);
    return [
      finding(within ? 'rounding-difference' : 'score-total-mismatch', project.stated.line, {
        project: ref,
        stated: stated.text,
        expected: sum.toFixed(2),
        calc: `Σ ${project.indicators.length} 得分 ${indSum} + ${exec} = ${sum.toFixed(2)}`,
        args: { quantity: 'score-total', withinRounding: within },
      }),
    ];
  },
};
