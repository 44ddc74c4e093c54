/**
 * The fast path's figures and checks for a block `readFast` accepted. The
 * figures are the engine's own (rateFigure, execScoreFigures, analyseTarget,
 * recomputeFrom: integer hundredths, decimal.js only where an input needs
 * it); the rules that fire on ordinary tables (a low rate, a budget changed
 * in the year, the 一级 split) are the checks' own functions. Every other
 * check is decided here to stay silent, or the block goes back to the full
 * path (`null`): a figure that does not agree exactly under the file's
 * rounding mode, a deduction without a reason, an unmet target … — that
 * is, every error and every finding but those three. The full path then
 * reports them with their computations.
 */
import { HUNDRED, roundTo, ZERO, type RoundingMode } from '../decimal.js';
import type { Finding, ProjectRef } from '../findings.js';
import { cmpNum, isZero, type Num } from '../number.js';
import { agreement, analyseTarget, execScoreFigures, rateFigure, recomputeFrom, Sum, type Analysis, type IndicatorFigure, type RateFigure, type Recomputed } from '../score/engine.js';
import { Amount, divRound, type Ratio } from '../score/fast.js';
import { gradeOf, normaliseGrade } from '../score/grade.js';
import { budgetRules } from '../checks/budget.js';
import { levelSplit } from '../checks/levels.js';
import { hasReason } from '../checks/narrative.js';
import { UNMET_TEXT } from '../checks/indicator-rules.js';
import type { CheckPolicy } from '../checks/types.js';
import type { FastBlock } from './block.js';

/** What the rounding tally and the checks need of a fast block, independent of the rounding mode. */
export interface FastAnalysis extends Pick<Analysis, 'rates' | 'execScore' | 'execScoreFromStatedRate' | 'indicators'> {
  weightSum: Amount;
  statedScoreSum: Amount;
  indicatorScoreSum: Amount;
  totalRate: RateFigure;
}

const negative = (n: Num): boolean => n.text.startsWith('-') && !isZero(n);

/** The figures of a fast block; null when a funds check could not run (the full path says why). */
export function analyseFast(b: FastBlock): FastAnalysis | null {
  const rates: RateFigure[] = [];
  const t = b.total;
  for (const row of [t, ...b.subRows]) {
    const bud = row.cells.budget;
    const exe = row.cells.executed;
    const stated = row.cells.rate ?? null;
    const checks = !!stated || (row === t && !!row.cells.weight);
    if (!bud || !exe) {
      if (checks) return null; // not-checked: a placeholder amount
      continue;
    }
    let zeroAs = ZERO;
    if (isZero(bud)) {
      const hundred = !!stated && (stated.cents !== null ? stated.cents === 10_000 : stated.value.eq(HUNDRED));
      if (!isZero(exe) || (stated && !isZero(stated) && !hundred)) {
        if (checks) return null; // not-checked: a zero budget
        continue;
      }
      if (hundred) zeroAs = HUNDRED;
    }
    rates.push(rateFigure(row.kind, row.label, row.line, bud, exe, stated, zeroAs));
  }
  const totalRate = rates.find((r) => r.row === 'total');
  if (!totalRate) return null;
  const b0 = t.cells.budget!;
  const e0 = t.cells.executed!;
  if (cmpNum(e0, b0) > 0) return null; // over-budget
  const w = t.cells.weight ?? null;
  let execScore: Ratio | null = null;
  let execScoreFromStatedRate: Ratio | null = null;
  if (w) ({ execScore, execScoreFromStatedRate } = execScoreFigures(w, b0, e0, totalRate, t.cells.score ?? null, t.line, t.cells.rate ?? null, t.line));
  // Sub-rows add up to the total in each amount column, exactly (else subrow-sum reports it).
  if (b.subRows.length > 0) {
    for (const column of ['initialBudget', 'budget', 'executed'] as const) {
      const tc = t.cells[column];
      if (!tc) continue;
      const parts = b.subRows.map((r) => r.cells[column]).filter((x): x is Num => !!x);
      if (parts.length === 0) continue;
      const s = new Sum();
      for (const x of parts) s.add(x);
      if (!s.result()!.eqNum(tc)) return null;
    }
  }
  const weights = new Sum();
  const scores = new Sum();
  for (const ind of b.indicators) {
    weights.add(ind.weight);
    scores.add(ind.score);
  }
  const indicatorScoreSum = scores.result()!;
  if (w) weights.add(w);
  const ts = t.cells.score ?? null;
  const statedScoreSum = ts ? indicatorScoreSum.plus(Amount.ofNum(ts)) : indicatorScoreSum;
  const indicators: IndicatorFigure[] = b.indicators.map((i) => analyseTarget(i.line, i.target, i.actual, i.weight));
  return { rates, execScore, execScoreFromStatedRate, indicators, weightSum: weights.result()!, statedScoreSum, indicatorScoreSum, totalRate };
}

/**
 * The findings and figures of a fast block under `mode`; null when any check
 * other than the three ordinary ones would report something.
 */
export function checkFast(b: FastBlock, a: FastAnalysis, mode: RoundingMode, policy: CheckPolicy): { findings: Finding[]; figures: Recomputed } | null {
  for (const r of a.rates) if (r.stated && agreement(r, r.stated, mode) !== 'exact') return null;
  const e = a.execScore;
  if (e?.stated && agreement(e, e.stated, mode, a.execScoreFromStatedRate) !== 'exact') return null;
  const st = b.stated;
  if (!a.weightSum.eqNum(st.weightTotal) || !a.statedScoreSum.eqNum(st.total)) return null;
  const t = b.total;
  const tw = t.cells.weight ?? null;
  const tsc = t.cells.score ?? null;
  if (tsc && (negative(tsc) || (tw && cmpNum(tsc, tw) > 0))) return null;
  // A funds cell left empty on the total row, a sub-row with a weight or score of its own.
  if (t.cells.rate === null || (t.cells.score === null && tw && e)) return null;
  for (const r of b.subRows) if (r.cells.weight || r.cells.score) return null;
  if (st.grade !== null) {
    const g = normaliseGrade(st.grade);
    if (g === null || gradeOf(st.total) !== g) return null;
  }
  const byLevel = new Map<string, { sum: Sum; unknown: boolean; line: number }>();
  for (const [i, ind] of b.indicators.entries()) {
    const f = a.indicators[i]!;
    const s = ind.score;
    const w = ind.weight;
    const c = cmpNum(s, w);
    if (negative(s) || c > 0) return null; // score-out-of-range
    if (f.status === 'unverifiable') return null; // actual-unverifiable
    if (f.status === 'exceeded' && c < 0) return null; // eq-target-deviation
    // (policyCents first: an unmet figure makes its decimal value only when asked, and here only without hundredths.)
    if (f.status === 'unmet' && (f.policyCents !== null || f.policyExact !== null)) {
      if (c === 0) return null; // unmet-full-score
      // policy-score-differs: in hundredths when both have them.
      const pc = f.policyCents;
      if (pc && s.cents !== null ? divRound(pc.num, pc.den, mode) !== BigInt(s.cents) : !s.value.eq(roundTo(f.policyExact!, mode))) return null;
    }
    if (c < 0 && (f.status === 'met' || !hasReason(ind.reason))) return null; // met-but-deducted, deduction-without-reason
    const unmet = f.status === 'unmet' || (ind.target.kind === 'qualitative' && UNMET_TEXT.test(ind.actual.raw));
    if (unmet && !hasReason(ind.reason) && c >= 0) return null; // unmet-without-reason
    if (ind.target.kind === 'empty' && ind.actual.kind === 'empty' && c === 0 && !isZero(w)) return null; // empty-full-marks
    if (ind.level1) {
      const g = byLevel.get(ind.level1) ?? { sum: new Sum(), unknown: false, line: ind.line };
      g.sum.add(w);
      byLevel.set(ind.level1, g);
    }
  }
  if (!byLevel.has('满意度指标')) return null; // no-satisfaction
  const ref: ProjectRef = { name: b.name, line: b.line };
  const findings = budgetRules(t.line, t.cells.initialBudget ?? null, t.cells.budget ?? null, null, a.totalRate, ref, policy, mode);
  if (tw) {
    const split = levelSplit(byLevel, tw, t.line, b.line, null, ref);
    if (split) findings.push(split);
  }
  const figures = recomputeFrom(a, tw, st.total, st.grade, mode);
  return { findings, figures };
}
