/** Spending above the budget: the rate is then above 100 % and the score is capped. */
import { finding } from '../findings.js';
import type { Check } from './types.js';

export const overBudgetCheck: Check = {
  id: 'over-budget',
  run({ analysis, ref }) {
    const o = analysis.overBudget;
    if (!o) return [];
    return [
      finding('over-budget', o.line, {
        project: ref,
        stated: o.executed.text,
        expected: o.budget.text,
        args: { budget: o.budget.text, executed: o.executed.text, excess: o.executed.value.minus(o.budget.value).toFixed() },
      }),
    ];
  },
};
