/** No score above its weight, none below 0 (indicators and the execution score). */
import { finding, type Finding } from '../findings.js';
import type { Cell } from '../model.js';
import { cmpNum } from '../number.js';
import type { Check } from './types.js';

function outOfRange(score: Cell | null, weight: Cell | null): boolean {
  const s = score?.num;
  if (!s) return false;
  if (s.text.startsWith('-') && !s.value.isZero()) return true;
  const w = weight?.num;
  return !!w && cmpNum(s, w) > 0;
}

export const scoreRangeCheck: Check = {
  id: 'score-range',
  run({ project, ref }) {
    const out: Finding[] = [];
    const report = (line: number, name: string, score: Cell, weight: Cell | null) =>
      out.push(
        finding('score-out-of-range', line, {
          project: ref,
          stated: score.num!.text,
          expected: weight?.num ? `0–${weight.num.text}` : '≥ 0',
          args: { name, weight: weight?.num?.text ?? null },
        }),
      );
    const t = project.funds.total;
    if (t?.score && outOfRange(t.score, t.weight)) report(t.score.line, t.label, t.score, t.weight);
    for (const ind of project.indicators) {
      if (ind.score && outOfRange(ind.score, ind.weight)) report(ind.line, ind.name, ind.score, ind.weight);
    }
    return out;
  },
};
