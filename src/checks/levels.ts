/**
 * The 一级 weights: each label's own weight against its indicators, the split
 * against the prescribed 产出 50 / 效益 30 / 满意度 10 + 预算执行率 10, and a
 * table without any satisfaction indicator.
 */
import { finding, type Finding, type ProjectRef } from '../findings.js';
import type { Num } from '../number.js';
import { Sum, weightless } from '../score/engine.js';
import { Amount } from '../score/fast.js';
import type { Check } from './types.js';

const SPLIT: Record<string, number> = { 产出指标: 50, 效益指标: 30, 满意度指标: 10 };
const SPLIT_NAMES = Object.keys(SPLIT);
const NOTE_RE: Record<string, RegExp> = { 产出指标: /产出指标\s*(\d+)\s*分/, 效益指标: /效益指标\s*(\d+)\s*分/, 满意度指标: /满意度指标\s*(\d+)\s*分/, funds: /(?:预算(?:资金)?执行率|预算执行)\s*(\d+)\s*分/ };

/** A weight as a reviewer writes it: `50`, `7.5`. */
function wholeText(a: Amount | null): string {
  if (a === null) return '0';
  if (a.cents !== null) return a.cents % 100 === 0 ? String(a.cents / 100) : a.toFixed(2).replace(/0$/, '');
  return a.value.toFixed();
}

export const levelsCheck: Check = {
  id: 'levels',
  run({ project, ref }) {
    const out: Finding[] = [];
    const byLevel = new Map<string, { sum: Sum; unknown: boolean; line: number }>();
    for (const ind of project.indicators) {
      if (!ind.level1) continue;
      const g = byLevel.get(ind.level1) ?? { sum: new Sum(), unknown: false, line: ind.line };
      if (ind.weight?.num) g.sum.add(ind.weight.num);
      else if (ind.weight && ind.weight.raw.trim() !== '' && ind.weight.num === null && !/^[-—/]+$/.test(ind.weight.raw.trim())) g.unknown = true;
      byLevel.set(ind.level1, g);
    }
    // Only in a complete table (its total row read): a table cut short has only some of its indicators.
    if (project.stated.line === null) return out;
    // 6: the weight written in a 一级 label against the weights of its indicators.
    for (const l of project.levels) {
      const g = l.name ? byLevel.get(l.name) : undefined;
      const sum = g?.sum.result();
      if (!g || g.unknown || !sum || !l.weight.num || sum.eqNum(l.weight.num)) continue;
      out.push(finding('level-weight-mismatch', l.line, { project: ref, stated: l.weight.num.text, expected: sum.toFixed(2), args: { level: l.name, label: l.label } }));
    }
    // 7: the split, when the table has the three classic 一级, a funds weight, and its indicators' weights (a column of them).
    const funds = project.funds.total?.weight?.num;
    if (funds && !weightless(project)) {
      const note = project.texts.find((t) => t.kind === 'tail' && /^注/.test(t.label ?? '') && NOTE_RE.产出指标!.test(`${t.label}${t.text}`));
      const f = levelSplit(byLevel, funds, project.funds.total!.line, project.line, note ? { line: note.line, text: `${note.label}${note.text}` } : null, ref);
      if (f) out.push(f);
    }
    const names = [...byLevel.keys()];
    // 8: no satisfaction indicator at all.
    if (project.indicators.length > 0 && !byLevel.has('满意度指标')) {
      out.push(finding('no-satisfaction', project.lines.indicatorHeader ?? project.line, { project: ref, args: { levels: names } }));
    }
    return out;
  },
};

/** The weights of each 一级 (their indicators' 分值), as the levels check and the fast path collect them. */
export type LevelWeights = ReadonlyMap<string, { sum: Sum; unknown: boolean; line: number }>;

/**
 * The split against the prescribed 产出 50 / 效益 30 / 满意度 10 + 预算执行率 10
 * (or what a 注 row prescribes): one finding, or null when it is kept or does
 * not apply. Shared by the check and the fast path.
 */
export function levelSplit(byLevel: LevelWeights, funds: Num, fundsLine: number, projectLine: number, note: { line: number; text: string } | null, ref: ProjectRef): Finding | null {
  // (This runs for every table: plain loops over the three names, no intermediate objects.)
  if (byLevel.size === 0) return null;
  for (const [name, g] of byLevel) if (!(name in SPLIT) || g.unknown) return null;
  // The prescribed weights of the three 一级 (in SPLIT_NAMES order), then of the funds.
  const prescribed = [...SPLIT_NAMES.map((k) => SPLIT[k]!), 10];
  if (note) {
    for (let i = 0; i < SPLIT_NAMES.length; i++) {
      const m = NOTE_RE[SPLIT_NAMES[i]!]!.exec(note.text);
      if (m) prescribed[i] = Number(m[1]);
    }
    const m = NOTE_RE.funds!.exec(note.text);
    if (m) prescribed[3] = Number(m[1]);
  }
  const sums = SPLIT_NAMES.map((k) => byLevel.get(k)?.sum.result() ?? null);
  let first: string | null = null;
  let off = false;
  for (let i = 0; i < SPLIT_NAMES.length; i++) {
    const sum = sums[i]!;
    if (sum ? sum.eqInt(prescribed[i]!) : prescribed[i] === 0) continue;
    off = true;
    first ??= SPLIT_NAMES[i]!;
  }
  if (!(funds.cents !== null ? funds.cents === prescribed[3]! * 100 : funds.value.eq(prescribed[3]!))) off = true;
  if (!off) return null;
  const split = sums.map(wholeText);
  const fundsText = wholeText(Amount.ofNum(funds));
  const line = first ? (byLevel.get(first)?.line ?? projectLine) : fundsLine;
  const f = finding('level-split', line, {
    project: ref,
    stated: `${split.join('/')}+${fundsText}`,
    expected: `${prescribed.slice(0, 3).join('/')}+${prescribed[3]}`,
    args: { output: split[0]!, benefit: split[1]!, satisfaction: split[2]!, funds: fundsText, prescribedBy: note ? note.line : null },
  });
  return note ? { ...f, severity: 'error' } : f;
}
