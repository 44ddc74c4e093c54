/**
 * The funds rows as a reviewer reads them: a total row left unsummed (one
 * finding, not three), an empty rate or score cell on the total row, a sub-row
 * that carries a weight or score of its own.
 */
import { Decimal, exactText, roundTo } from '../decimal.js';
import { finding, type Finding } from '../findings.js';
import type { Cell, FundsRow, Project } from '../model.js';
import { isPlaceholder } from '../number.js';
import { Sum } from '../score/engine.js';
import type { Check } from './types.js';

const zeroOrEmpty = (c: Cell | null): boolean => !c || (c.num ? (c.num.cents !== null ? c.num.cents === 0 : c.num.value.isZero()) : isPlaceholder(c.raw));

/** The total row is all zeros (or empty) while a sub-row carries money: it was never summed. */
export function unsummed(p: Project): { budget: string | null; executed: string | null; initialBudget: string | null } | null {
  const t = p.funds.total;
  if (!t || t.raw !== null || p.funds.subRows.length === 0) return null;
  if (![t.initialBudget, t.budget, t.executed].every(zeroOrEmpty)) return null;
  const sum = (col: 'initialBudget' | 'budget' | 'executed') => {
    const s = new Sum();
    for (const r of p.funds.subRows) if (r[col]?.num) s.add(r[col]!.num!);
    return s.result();
  };
  const b = sum('budget');
  const e = sum('executed');
  const i = sum('initialBudget');
  if (![b, e, i].some((x) => x && !x.value.isZero())) return null;
  // All the decimals the sub-rows were printed with (89.974, not 89.97).
  const text = (x: ReturnType<typeof sum>) => (x ? exactText(x.value) : null);
  return { budget: text(b), executed: text(e), initialBudget: text(i) };
}

const emptyCell = (c: Cell | null): boolean => !!c && c.num === null && (c.raw.trim() === '' || isPlaceholder(c.raw));

export const fundsRowsCheck: Check = {
  id: 'funds-rows',
  run({ project, figures, mode, ref }) {
    const out: Finding[] = [];
    const t = project.funds.total;
    const u = unsummed(project);
    if (t && u) {
      // What the funds score would be from the sub-rows' sums.
      const w = t.weight?.num;
      let score: string | null = null;
      if (w && u.budget && u.executed && Number(u.budget) > 0) {
        const share = new Decimal(u.executed).dividedBy(u.budget);
        score = roundTo(w.value.times(share.gt(1) ? 1 : share), mode).toFixed(2);
      }
      out.push(finding('funds-total-unsummed', t.line, { project: ref, stated: t.budget?.num?.text ?? null, expected: u.budget, args: { ...u, score, weight: w?.text ?? null } }));
    }
    if (t && !u && t.budget?.num && t.executed?.num) {
      const rate = figures.rates.find((r) => r.row === 'total');
      if (emptyCell(t.rate) && rate) out.push(finding('funds-cell-empty', t.line, { project: ref, expected: rate.valueText(), args: { cell: 'rate', label: t.label } }));
      if (emptyCell(t.score) && t.weight?.num && figures.execScore) out.push(finding('funds-cell-empty', t.line, { project: ref, expected: figures.execScore.valueText(), args: { cell: 'score', label: t.label } }));
    }
    for (const r of project.funds.subRows) out.push(...scoredSubRow(r, ref));
    return out;
  },
};

function scoredSubRow(r: FundsRow, ref: Parameters<Check['run']>[0]['ref']): Finding[] {
  const cells = [r.weight, r.score].filter((c): c is Cell => !!c?.num);
  if (cells.length === 0) return [];
  return [finding('subrow-scored', r.line, { project: ref, stated: cells.map((c) => c.num!.text).join(' / '), args: { label: r.label, weight: r.weight?.num?.text ?? null, score: r.score?.num?.text ?? null } })];
}
