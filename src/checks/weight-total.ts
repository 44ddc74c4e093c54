/** Σ indicator 分值 + execution 分数 = stated weight total (100). */
import { finding } from '../findings.js';
import { exactText } from '../decimal.js';
import type { Check } from './types.js';

export const weightTotalCheck: Check = {
  id: 'weight-total',
  run({ project, figures, ref }) {
    const stated = project.stated.weightTotal?.num;
    const sum = figures.weightTotal;
    if (!stated || !sum || sum.eqNum(stated)) return [];
    const parts = project.indicators.length;
    const funds = project.funds.total?.weight?.num ?? null;
    const indicators = funds ? sum.value.minus(funds.value) : sum.value;
    return [
      finding('weight-total-mismatch', project.stated.line, {
        project: ref,
        stated: stated.text,
        expected: exactText(sum.value),
        calc: `Σ ${parts} 分值 ${exactText(indicators)} + ${funds?.text ?? '0'} = ${exactText(sum.value)}`,
        args: { indicators: parts },
      }),
    ];
  },
};
