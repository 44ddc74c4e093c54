/** A deduction (score below weight) should come with a 偏差原因分析. */
import { finding, type Finding } from '../findings.js';
import { exactText } from '../decimal.js';
import { hasReason } from './narrative.js';
import { cmpNum } from '../number.js';
import type { Check } from './types.js';

export const deductionReasonCheck: Check = {
  id: 'deduction-reason',
  run({ project, analysis, ref, selfScored }) {
    if (!selfScored) return [];
    const out: Finding[] = [];
    for (const [i, ind] of project.indicators.entries()) {
      const s = ind.score?.num;
      const w = ind.weight?.num;
      if (!s || !w || hasReason(ind.reason) || cmpNum(s, w) >= 0) continue;
      // A met target that lost points is met-but-deducted, its own finding.
      if (analysis.indicators[i]!.status === 'met') continue;
      out.push(
        finding('deduction-without-reason', ind.line, {
          project: ref,
          stated: s.text,
          expected: w.text,
          args: { name: ind.name, deduction: exactText(w.value.minus(s.value)) },
        }),
      );
    }
    return out;
  },
};
