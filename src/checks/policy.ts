/**
 * Indicator scoring policy (a judgement rule: warnings, not arithmetic errors).
 * A met target earns full marks; an unmet quantitative target earns
 * actual/target × weight (target/actual for "at most" targets); exceeding an
 * "=" target is a deviation the evaluator may deduct for.
 */
import { finding, type Finding } from '../findings.js';
import { exactText, show } from '../decimal.js';
import { cmpNum } from '../number.js';
import type { Check } from './types.js';

export const policyCheck: Check = {
  id: 'policy',
  run({ project, analysis, figures, mode, ref, selfScored }) {
    if (!selfScored) return [];
    const out: Finding[] = [];
    project.indicators.forEach((ind, i) => {
      const a = analysis.indicators[i]!;
      const fig = figures.indicators[i]!;
      const score = ind.score?.num;
      const weight = ind.weight?.num;
      if (!score || !weight) return;
      const base = { project: ref, stated: score.text };
      const args = { name: ind.name, target: ind.target.raw.trim(), actual: ind.actual.raw.trim(), weight: weight.text };
      if (a.status === 'exceeded' && cmpNum(score, weight) < 0) {
        out.push(finding('eq-target-deviation', ind.line, { ...base, expected: weight.text, args: { ...args, deduction: exactText(weight.value.minus(score.value)) } }));
      } else if (a.status === 'unmet' && fig.policyScore && a.policyExact) {
        const expected = fig.policyScore.toFixed(2);
        const calc = `${a.calc} = ${show(a.policyExact)} → ${expected} (${mode})`;
        if (cmpNum(score, weight) === 0) {
          out.push(finding('unmet-full-score', ind.line, { ...base, expected, calc, args }));
        } else if (!score.value.eq(fig.policyScore)) {
          const direction = score.value.lt(fig.policyScore) ? 'stricter' : 'lenient';
          out.push(finding('policy-score-differs', ind.line, { ...base, expected, calc, args: { ...args, direction, hasReason: ind.reason !== '' } }));
        }
      }
    });
    return out;
  },
};
