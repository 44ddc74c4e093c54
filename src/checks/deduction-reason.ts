/** A deduction (score below weight) should come with a 偏差原因分析. */
import { finding, type Finding } from '../findings.js';
import { exactText } from '../decimal.js';
import { cmpNum } from '../number.js';
import type { Check } from './types.js';

export const deductionReasonCheck: Check = {
  id: 'deduction-reason',
  run({ project, ref, selfScored }) {
    if (!selfScored) return [];
    const out: Finding[] = [];
    for (const ind of project.indicators) {
      const s = ind.score?.num;
      const w = ind.weight?.num;
      if (!s || !w || ind.reason !== '' || cmpNum(s, w) >= 0) continue;
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
