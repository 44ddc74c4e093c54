/** Narrative cells that still hold the template's instructions: the self-evaluation text was never written. */
import { finding } from '../findings.js';
import { isInstruction } from './narrative.js';
import type { Check } from './types.js';

export const templateTextCheck: Check = {
  id: 'template-text',
  run({ project: p, ref }) {
    const lines = new Set<number>();
    if (p.goals && (isInstruction(p.goals.expected) || isInstruction(p.goals.actual))) lines.add(p.goals.line);
    const t = p.funds.total;
    if (t && isInstruction(t.reason)) lines.add(t.line);
    for (const x of p.texts) if ((x.kind === 'tail' || x.kind === 'goals') && isInstruction(x.text)) lines.add(x.line);
    if (lines.size === 0) return [];
    const sorted = [...lines].sort((a, b) => a - b);
    return [finding('template-text', sorted[0]!, { project: ref, args: { count: sorted.length, lines: sorted } })];
  },
};
