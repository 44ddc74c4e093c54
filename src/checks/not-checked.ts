/** A funds check that could not run says so: a zero budget, a negative amount, a placeholder or unreadable amount. */
import { finding } from '../findings.js';
import type { Check } from './types.js';

export const notCheckedCheck: Check = {
  id: 'not-checked',
  run({ analysis, ref }) {
    return analysis.unchecked.map((u) =>
      finding('not-checked', u.line, {
        project: ref,
        stated: u.text,
        args: { row: u.row, label: u.label, checks: u.checks, reason: u.reason, column: u.column },
      }),
    );
  },
};
