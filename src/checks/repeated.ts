/**
 * The same 三级 indicator listed twice in a table (copied rows are common in real exports): both rows' weights
 * and scores are in the totals. Said once per repeated name, as a note: two indicators may share a name on
 * purpose, and the totals say whether it matters.
 */
import { finding, type Finding } from '../findings.js';
import { isSpace } from '../text.js';
import type { Check } from './types.js';

/** Marks put before a name (★ ☆ * ※: a key indicator) and white space do not make it another indicator. */
const dropped = (c: number): boolean => c === 0x2605 || c === 0x2606 || c === 0x2a || c === 0x203b || isSpace(c);

/** A name as compared: without white space and marks; the name itself when it has none (no copy). */
export function indicatorKey(name: string): string {
  let i = 0;
  while (i < name.length && !dropped(name.charCodeAt(i))) i++;
  if (i === name.length) return name;
  let out = name.slice(0, i);
  for (; i < name.length; i++) if (!dropped(name.charCodeAt(i))) out += name[i];
  return out;
}

export const repeatedCheck: Check = {
  id: 'repeated',
  run({ project, ref }) {
    const byKey = new Map<string, { name: string; lines: number[] }>();
    for (const ind of project.indicators) {
      const key = indicatorKey(ind.name);
      if (key === '') continue;
      const seen = byKey.get(key);
      if (seen) seen.lines.push(ind.line);
      else byKey.set(key, { name: ind.name, lines: [ind.line] });
    }
    const out: Finding[] = [];
    for (const { name, lines } of byKey.values()) if (lines.length > 1) out.push(finding('indicator-repeated', lines[0]!, { project: ref, args: { name, lines } }));
    return out;
  },
};
