/** Σ indicator 得分 + execution score = stated total. */
import { exactText, ROUNDING_MODES, roundTo } from '../decimal.js';
import { finding } from '../findings.js';
import { printedDecimals } from '../score/fast.js';
import type { Check } from './types.js';

export const scoreTotalCheck: Check = {
  id: 'score-total',
  run({ project, analysis, figures, mode, ref, selfScored }) {
    const stated = project.stated.total?.num;
    const sum = figures.statedScoreSum;
    if (!selfScored || !stated || !sum || sum.eqNum(stated)) return [];
    const exec = project.funds.total?.score?.num?.text ?? '0';
    const indSum = analysis.indicatorScoreSum ? exactText(analysis.indicatorScoreSum.value) : exactText(sum.value);
    const text = exactText(sum.value);
    const dp = printedDecimals(stated);
    // Parts printed more finely than the total (a score of 1.005): a rounding of their sum to the total's precision explains it.
    const finer = sum.value.decimalPlaces() > dp && ROUNDING_MODES.some((m) => roundTo(sum.value, m, dp).eq(stated.value));
    // Some units add the unrounded execution score and round the total instead.
    const alt = analysis.indicatorScoreSum && analysis.execScore ? roundTo(analysis.indicatorScoreSum.value.plus(analysis.execScore.exact), mode, dp) : null;
    const within = finer || (alt !== null && alt.eq(stated.value));
    // A sum above the weight total is not what the total should be: it is reported, never offered as the expected value.
    const limit = project.stated.weightTotal?.num ?? null;
    const impossible = limit !== null && sum.value.gt(limit.value);
    const fields = {
      project: ref,
      stated: stated.text,
      expected: impossible ? null : text,
      calc: `Σ ${project.indicators.length} 得分 ${indSum} + ${exec} = ${text}`,
      args: { quantity: 'score-total', withinRounding: within, sum: text, weightTotal: limit?.text ?? null, aboveWeights: impossible } as const,
    };
    return [within ? finding('rounding-difference', project.stated.line, fields) : finding('score-total-mismatch', project.stated.line, fields)];
  },
};
