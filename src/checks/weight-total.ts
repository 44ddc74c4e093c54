/** Σ indicator 分值 + execution 分数 = stated weight total (100). */
import { finding } from '../findings.js';
import type { Check } from './types.js';

export const weightTotalCheck: Check = {
  id: 'weight-total',
  run({ project, figures, ref }) {
    const stated = project.stated.weightTotal?.num;
    const sum = figures.weightTotal;
    if (!stated || !sum || sum.eqNum(stated)) return [];
    const parts = project.indicators.length;
    return [
      finding('weight-total-mismatch', project.stated.line, {
        project: ref,
        stated: stated.text,
        expected: sum.toFixed(2),
        calc: `Σ ${parts} 分值 + ${project.funds.total?.weight?.num?.text ?? '0'} = ${sum.toFixed(2)}`,
        args: { indicators: parts },
      }),
    ];
  },
};
