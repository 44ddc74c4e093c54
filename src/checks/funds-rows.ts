/**
 * The funds rows as a reviewer reads them: a total row left unsummed (one
 * finding, not three), an empty rate or score cell on the total row, a sub-row
 * that carries a weight or score of its own.
 */
import { Decimal, roundTo } from '../decimal.js';
import { finding, type Finding } from '../findings.js';
import type { Cell, FundsRow } from '../model.js';
import { isPlaceholder } from '../number.js';
import type { Check } from './types.js';

const emptyCell = (c: Cell | null): boolean => !!c && c.num === null && (c.raw.trim() === '' || isPlaceholder(c.raw));

export const fundsRowsCheck: Check = {
  id: 'funds-rows',
  run({ project, analysis, figures, mode, ref }) {
    const out: Finding[] = [];
    const t = project.funds.total;
    const u = analysis.unsummed;
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
