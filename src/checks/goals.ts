/**
 * The annual goals of a template with a header per goal (湖北: `年度绩效目标1(40分)`): the scores of a goal's
 * rows cannot add up to more than the weight its header gives it, as no indicator scores above its weight.
 */
import { finding, type Finding } from '../findings.js';
import { isPlaceholder } from '../number.js';
import { Sum } from '../score/engine.js';
import type { Check } from './types.js';

export const goalsCheck: Check = {
  id: 'goals',
  run({ project, ref }) {
    const blocks = project.goalBlocks;
    if (!blocks || blocks.length === 0) return [];
    const out: Finding[] = [];
    const end = project.stated.line ?? Number.POSITIVE_INFINITY;
    blocks.forEach((b, k) => {
      const weight = b.weight?.num;
      if (!weight) return;
      const until = blocks[k + 1]?.line ?? end;
      const sum = new Sum();
      let scored = 0;
      for (const ind of project.indicators) {
        if (ind.line <= b.line || ind.line >= until) continue;
        const s = ind.score;
        if (s?.num) {
          sum.add(s.num);
          scored++;
        } else if (s && s.raw.trim() !== '' && !isPlaceholder(s.raw)) return; // a score not read (bad-number): the sum is unknown
      }
      const total = sum.result();
      if (scored === 0 || !total) return;
      if (total.value.gt(weight.value)) {
        out.push(finding('goal-score-over-weight', b.line, { project: ref, stated: total.toFixed(2), expected: weight.text, args: { goal: b.label, sum: total.toFixed(2), weight: weight.text, count: scored } }));
      }
    });
    return out;
  },
};
