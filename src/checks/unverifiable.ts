/** Actuals that cannot be checked against a numeric target (达成指标, free text, other unit): once per project. */
import { finding } from '../findings.js';
import type { Check } from './types.js';

export const unverifiableCheck: Check = {
  id: 'unverifiable',
  run({ analysis, ref, selfScored }) {
    // A table never scored says so once (not-self-scored): its empty actuals are not a second finding.
    if (!selfScored) return [];
    const rows = analysis.indicators.filter((i) => i.status === 'unverifiable');
    if (rows.length === 0) return [];
    const reasons = [...new Set(rows.map((r) => r.reason ?? 'text'))];
    return [
      finding('actual-unverifiable', rows[0]!.line, {
        project: ref,
        args: { count: rows.length, lines: rows.map((r) => r.line), reasons },
      }),
    ];
  },
};
