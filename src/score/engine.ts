/**
 * The scoring engine: recomputes every derivable figure of a project with
 * exact decimals. Pure: records in, plain figures out. Judging stated against
 * recomputed is the checks' job.
 */
import { Decimal, exactText, HUNDRED, preimage, ROUNDING_MODES, roundTo, ZERO, type RoundingMode } from '../decimal.js';
import { Amount, centsText, divRound, fromCents, printedDecimals, Ratio } from './fast.js';
import type { Actual, Cell, FundsKind, Indicator, Op, Project, Target } from '../model.js';
import { cmpNum, isNegative, isPlaceholder, isZero, type Num } from '../number.js';
import type { Grade } from '../parse/vocab.js';
import { gradeOf, normaliseGrade } from './grade.js';

/** An exact figure (lazy), the interval the display-rounded inputs allow, and the stated value. */
export type Figure = Ratio;

export class RateFigure extends Ratio {
  constructor(
    readonly row: FundsKind,
    /** The row's label as written (`其中：当年财政拨款`). */
    readonly label: string,
    ...rest: ConstructorParameters<typeof Ratio>
  ) {
    super(...rest);
  }
}

/** Sub-rows against the total row in one amount column; computed only when asked. */
export class SumFigure {
  constructor(
    readonly line: number,
    readonly column: 'initialBudget' | 'budget' | 'executed',
    readonly total: Num,
    readonly parts: readonly Num[],
    /** The sub-rows' labels, as written. */
    readonly labels: readonly string[] = [],
  ) {}
  /** The sum of the sub-rows (integer hundredths while it can). */
  get sum(): Amount {
    const s = new Sum();
    for (const x of this.parts) s.add(x);
    return s.result()!;
  }
  /** Largest difference display rounding can explain. */
  get tolerance(): Decimal {
    return this.parts.reduce((acc, x) => acc.plus(halfUnit(x)), halfUnit(this.total));
  }
  get calc(): string {
    return this.parts.map((x) => x.text).join(' + ');
  }
}

export type TargetStatus = 'met' | 'unmet' | 'exceeded' | 'unverifiable' | 'not-quantitative';

export interface IndicatorFigure {
  line: number;
  status: TargetStatus;
  /** Why an actual could not be checked (met-text, text, empty, unit). */
  reason?: string;
  /** Exact score by the proportional rule (unmet quantitative targets). */
  policyExact: Decimal | null;
  /**
   * The same in hundredths, num / den (num ≥ 0, den > 0), when target, actual and weight are all in hundredths
   * and the weight is not negative: rounding it is integer division (see score/fast.ts). null otherwise.
   */
  policyCents: { num: bigint; den: bigint } | null;
  calc: string | null;
}

/**
 * A sum of cells: in integer hundredths while every term has them (exact: each
 * term is below 2^40 and a block has far fewer than 2^12 of them), in
 * decimal.js as soon as one does not.
 */
export class Sum {
  private cents = 0;
  private dec: Decimal | null = null;
  private any = false;
  add(x: Num): void {
    this.any = true;
    if (this.dec === null && x.cents !== null) this.cents += x.cents;
    else {
      this.dec ??= Amount.ofCents(this.cents).value;
      this.dec = this.dec.plus(x.value);
    }
  }
  /** null when nothing was added. */
  result(): Amount | null {
    if (!this.any) return null;
    return this.dec ? Amount.ofDecimal(this.dec) : Amount.ofCents(this.cents);
  }
}

/** A check that could not run on a funds row, and why. */
export interface Unchecked {
  line: number;
  row: FundsKind;
  label: string;
  checks: ('rate' | 'exec-score' | 'subrow-sum')[];
  reason: 'zero-budget' | 'negative' | 'placeholder' | 'unreadable' | 'unread-row';
  column: 'budget' | 'executed' | null;
  text: string | null;
}

/** Mode-independent analysis of one project. */
export interface Analysis {
  /** Funds checks that could not run (a zero budget, a negative amount, a placeholder or unreadable cell). */
  unchecked: Unchecked[];
  /** The total row left unsummed (all zeros while sub-rows carry money): the sub-rows' sums; null otherwise. */
  unsummed: { budget: string | null; executed: string | null; initialBudget: string | null } | null;
  rates: RateFigure[];
  execScore: Figure | null;
  /** The score from the printed rate (some units compute it that way). */
  execScoreFromStatedRate: Ratio | null;
  sums: SumFigure[];
  weightSum: Amount | null;
  statedScoreSum: Amount | null;
  indicatorScoreSum: Amount | null;
  indicators: IndicatorFigure[];
  overBudget: { line: number; budget: Num; executed: Num } | null;
}

const n = (c: Cell | null | undefined): Num | null => c?.num ?? null;
/** A cell with text that is neither a number nor a placeholder. */
const unreadable = (c: Cell | null | undefined): boolean => !!c && c.num === null && !isPlaceholder(c.raw);
const HALF_UNITS: Decimal[] = [];
/** Half of the last printed digit: the display-rounding error of a cell ("31.62" → 0.005). */
const halfUnit = (num: Num): Decimal => (HALF_UNITS[num.decimals] ??= new Decimal(5).dividedBy(new Decimal(10).pow(num.decimals + 1)));
const min = (a: Decimal, b: Decimal): Decimal => (a.lt(b) ? a : b);
const max = (a: Decimal, b: Decimal): Decimal => (a.gt(b) ? a : b);
const INF = new Decimal(Infinity);

/** Inputs in hundredths, non-negative: the integer fast path applies. */
const fastable = (...xs: Num[]): boolean => xs.every((x) => x.cents !== null && x.cents >= 0);

export function rateFigure(row: FundsKind, label: string, line: number, budget: Num, executed: Num, stated: Num | null, zeroAs: Decimal = ZERO): RateFigure {
  // 0 / 0 is what the table prints for it (0.00 or 100.00): the two usual values without decimal.js (empty carry-over rows have it).
  const zeroText = zeroAs === ZERO ? '0.00' : zeroAs === HUNDRED ? '100.00' : zeroAs.toFixed(2);
  const calc = isZero(budget) ? `0 / 0 → ${zeroText}` : `${executed.text} / ${budget.text} × 100`;
  // Hundredths of a percent: e × 10000 / b; 0 / 0 as the table prints it.
  const fast = fastable(budget, executed) ? (budget.cents === 0 ? { num: zeroAs === ZERO ? 0n : zeroAs === HUNDRED ? 10_000n : BigInt(zeroAs.toNumber() * 100), den: 1n } : { num: BigInt(executed.cents!) * 10_000n, den: BigInt(budget.cents!) }) : null;
  return new RateFigure(
    row,
    label,
    line,
    stated,
    calc,
    {
      exact: () => (budget.value.isZero() ? zeroAs : executed.value.dividedBy(budget.value).times(HUNDRED)),
      low: () => (budget.value.isZero() ? zeroAs : max(ZERO, executed.value.minus(halfUnit(executed))).dividedBy(budget.value.plus(halfUnit(budget))).times(HUNDRED)),
      high: () => {
        const b = budget.value;
        if (b.isZero()) return executed.value.isZero() ? zeroAs : INF;
        return b.minus(halfUnit(budget)).lte(0) ? INF : executed.value.plus(halfUnit(executed)).dividedBy(b.minus(halfUnit(budget))).times(HUNDRED);
      },
    },
    fast,
  );
}

function sameUnit(a: string | null, b: string | null): boolean {
  if (a === null || b === null || a === b) return true;
  const k = (u: string) => u.replace(/[\s()（）]/g, '').replace('％', '%');
  return k(a) === k(b);
}

function meets(op: Op, actual: Num, target: Num): boolean {
  const c = cmpNum(actual, target);
  switch (op) {
    case '≥': return c >= 0;
    case '>': return c > 0;
    case '≤': return c <= 0;
    case '<': return c < 0;
    case '=': return c === 0;
  }
}

/** One shape for every indicator figure (no object spread on the hot path). */
const fig = (line: number, status: TargetStatus, reason?: string): IndicatorFigure =>
  reason === undefined ? { line, status, policyExact: null, policyCents: null, calc: null } : { line, status, reason, policyExact: null, policyCents: null, calc: null };

/** An unmet target's figure: the proportional score in hundredths when it can be, its decimal.js value made only when asked for. */
class UnmetFigure implements IndicatorFigure {
  readonly status = 'unmet' as const;
  private exact: Decimal | undefined;
  constructor(
    readonly line: number,
    readonly policyCents: { num: bigint; den: bigint } | null,
    readonly calc: string,
    private readonly make: () => Decimal,
  ) {}
  get policyExact(): Decimal {
    return (this.exact ??= this.make());
  }
}

/** max(0, min(nu / de, 1)) × w in hundredths (num / den), or null when an input is not in hundredths or w is negative. */
function shareCents(nu: Num, de: Num, w: Num): { num: bigint; den: bigint } | null {
  if (nu.cents === null || de.cents === null || w.cents === null || w.cents < 0) return null;
  if (de.cents === 0) return { num: 0n, den: 1n }; // no share (decimal.js: ZERO)
  // The share nu / de with a positive denominator (the hundredths cancel).
  const n = de.cents < 0 ? -nu.cents : nu.cents;
  const d = Math.abs(de.cents);
  if (n <= 0) return { num: 0n, den: 1n };
  if (n >= d) return { num: BigInt(w.cents), den: 1n };
  return { num: BigInt(w.cents) * BigInt(n), den: BigInt(d) };
}

export function analyseIndicator(ind: Indicator): IndicatorFigure {
  return analyseTarget(ind.line, ind.target, ind.actual, n(ind.weight));
}

/** An indicator's target against its actual (and the proportional score when unmet), from its cells. */
export function analyseTarget(line: number, t: Target, a: Actual, w: Num | null): IndicatorFigure {
  if (t.kind !== 'number' || !t.value || !t.impliedOp) return fig(line, 'not-quantitative');
  if (a.kind !== 'number' || !a.value) return fig(line, 'unverifiable', a.kind === 'met' ? 'met-text' : a.kind);
  if (!sameUnit(t.unit, a.unit)) return fig(line, 'unverifiable', 'unit');
  // `≥266米` says at least 266, not what was achieved: never compared as if it were the value.
  if (a.op) return fig(line, 'unverifiable', 'operator');
  const op = t.impliedOp;
  if (meets(op, a.value, t.value)) return fig(line, 'met');
  if (op === '=' && cmpNum(a.value, t.value) > 0) return fig(line, 'exceeded');
  if (!w) return fig(line, 'unmet');
  // Proportional rule: actual/target for "at least" targets, target/actual for "at most".
  const atMost = op === '≤' || op === '<';
  const nu = atMost ? t.value : a.value;
  const de = atMost ? a.value : t.value;
  // max(0, min(nu / de, 1)) × w, multiplied before it is divided: 0.03 / 0.09 first is 0.3333…, and × 24.36
  // that is 8.1199…, which truncates to 8.11 where the score is 8.12.
  const exact = (): Decimal => {
    const dv = de.value;
    if (dv.isZero()) return ZERO.times(w.value);
    const nv = dv.isNegative() ? nu.value.negated() : nu.value;
    const d = dv.abs();
    if (nv.lte(ZERO)) return ZERO.times(w.value);
    if (nv.gte(d)) return ONE.times(w.value);
    return nv.times(w.value).dividedBy(d);
  };
  return new UnmetFigure(line, shareCents(nu, de, w), `${nu.text} / ${de.text} × ${w.text}`, exact);
}

const ONE = new Decimal(1);

const zeroOrEmpty = (c: Cell | null): boolean => !c || (c.num ? isZero(c.num) : isPlaceholder(c.raw));

/** The total row is all zeros (or empty) while a sub-row carries money: it was never summed. */
function unsummedTotal(p: Project): { budget: string | null; executed: string | null; initialBudget: string | null } | null {
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

/**
 * The execution score of a total row (weight × min(rate, 100 %)) and the same
 * from its printed rate (some units compute it that way).
 */
export function execScoreFigures(w: Num, b: Num, e: Num, rate: RateFigure, stated: Num | null, line: number, sr: Num | null, rowLine: number): { execScore: Figure; execScoreFromStatedRate: Ratio | null } {
  const cap = (r: Decimal) => min(r, HUNDRED);
  const f = (r: Decimal) => w.value.times(cap(r)).dividedBy(HUNDRED);
  // Hundredths: w × min(e, b) / b, i.e. w × min(rate, 100 %).
  let fast: { num: bigint; den: bigint } | null = null;
  if (fastable(w, b, e)) {
    if (b.cents === 0) fast = rate.exact.isZero() ? { num: 0n, den: 1n } : { num: BigInt(w.cents!), den: 1n };
    else if (e.cents! >= b.cents!) fast = { num: BigInt(w.cents!), den: 1n };
    else fast = { num: BigInt(w.cents!) * BigInt(e.cents!), den: BigInt(b.cents!) };
  }
  // The exact value as w × e / b (multiplied before it is divided, as the unmet score) while the rate is under 100 %.
  const exact = () => (b.value.gt(ZERO) && e.value.lt(b.value) ? w.value.times(e.value).dividedBy(b.value) : f(rate.exact));
  const execScore = new Ratio(line, stated, `${w.text} × min(${rate.calc}, 100) / 100`, { exact, low: () => f(rate.low), high: () => (rate.high.isFinite() ? f(rate.high) : w.value) }, fast);
  let execScoreFromStatedRate: Ratio | null = null;
  if (sr) {
    const srFast = fastable(w, sr) ? { num: BigInt(w.cents!) * BigInt(Math.min(sr.cents!, 10_000)), den: 10_000n } : null;
    execScoreFromStatedRate = new Ratio(rowLine, null, '', { exact: () => f(sr.value), low: () => f(sr.value), high: () => f(sr.value) }, srFast);
  }
  return { execScore, execScoreFromStatedRate };
}

/** Everything about a project that does not depend on the rounding mode. */
/** A table without a weight column (湖北: each annual goal's weight in its header, none per row): nothing adds up to a weight total. */
export const weightless = (p: Project): boolean => p.indicators.every((i) => i.weight === null);

export function analyse(p: Project): Analysis {
  const rates: RateFigure[] = [];
  const sums: SumFigure[] = [];
  const total = p.funds.total;
  let execScore: Figure | null = null;
  let execScoreFromStatedRate: Ratio | null = null;
  let overBudget: Analysis['overBudget'] = null;
  const unchecked: Unchecked[] = [];
  for (const row of total ? [total, ...p.funds.subRows] : p.funds.subRows) {
    const b = n(row.budget);
    const e = n(row.executed);
    const stated = n(row.rate);
    // What this row asks to be checked: its stated rate, and on the total row the execution score.
    const checks: Unchecked['checks'] = [];
    if (stated) checks.push('rate');
    if (row === total && n(row.weight)) checks.push('exec-score');
    const why = (reason: Unchecked['reason'], column: Unchecked['column'] = null, text: string | null = null) => {
      if (checks.length > 0) unchecked.push({ line: row.line, row: row.kind, label: row.label, checks, reason, column, text });
    };
    if (!b || !e) {
      // A placeholder or unreadable amount: the check that needs it says it could not run.
      const missing = !b ? row.budget : row.executed;
      const column = !b ? 'budget' : 'executed';
      if (row.raw === null) why(missing && !isPlaceholder(missing.raw) ? 'unreadable' : 'placeholder', column, missing?.raw.trim() ?? '');
      continue;
    }
    if (isNegative(b) || isNegative(e)) {
      why('negative');
      continue;
    }
    let zeroAs = ZERO;
    if (isZero(b)) {
      // Spending against a zero budget has no rate. 0 / 0 has none either: tables print 0.00 or 100.00 by convention, and the table's own is followed.
      const hundred = !!stated && (stated.cents !== null ? stated.cents === 10_000 : stated.value.eq(HUNDRED));
      if (!isZero(e) || (stated && !isZero(stated) && !hundred)) {
        why('zero-budget');
        continue;
      }
      if (hundred) zeroAs = HUNDRED;
    }
    rates.push(rateFigure(row.kind, row.label, row.rate?.line ?? row.line, b, e, stated, zeroAs));
  }
  const totalRate = rates.find((r) => r.row === 'total');
  if (total && totalRate) {
    const w = n(total.weight);
    const b = n(total.budget)!;
    const e = n(total.executed)!;
    if (cmpNum(e, b) > 0) overBudget = { line: total.line, budget: b, executed: e };
    if (w) ({ execScore, execScoreFromStatedRate } = execScoreFigures(w, b, e, totalRate, n(total.score), total.score?.line ?? total.line, n(total.rate), total.line));
    // Sub-rows add up to the total, in each amount column; not without a row whose amounts were not read (kept as
    // text, or with no label the funds know): its cells would be missing from the sum.
    const subs = p.funds.subRows;
    const unread = subs.find((r) => r.raw !== null) ?? p.funds.unread?.[0];
    if (subs.length > 0 && unread) {
      unchecked.push({ line: total.line, row: total.kind, label: total.label, checks: ['subrow-sum'], reason: 'unread-row', column: null, text: unread.label });
    } else if (subs.length > 0) {
      for (const column of ['initialBudget', 'budget', 'executed'] as const) {
        const t = n(total[column]);
        if (!t) continue;
        const withNum = subs.filter((r) => n(r[column]) !== null);
        if (withNum.length === 0) continue;
        sums.push(new SumFigure(total.line, column, t, withNum.map((r) => n(r[column])!), withNum.map((r) => r.label.replace(/^其中[:：]/, ''))));
      }
    }
  }
  // Weight and score totals. A cell that should hold a number but does not
  // (malformed, already reported) makes its sum unknown; placeholders count as 0.
  const weights = new Sum();
  const scores = new Sum();
  // Without a funds section or without indicators the sums are unknown, not wrong.
  // Nor when the funds row could not be read (its cells kept as text under a header that was not understood).
  let weightUnknown = !total || total.raw !== null || p.indicators.length === 0;
  let scoreUnknown = !total || total.raw !== null || p.indicators.length === 0;
  if (weightless(p)) weightUnknown = true;
  for (const ind of p.indicators) {
    const w = n(ind.weight);
    const s = n(ind.score);
    if (w) weights.add(w);
    else if (unreadable(ind.weight)) weightUnknown = true;
    if (s) scores.add(s);
    else if (unreadable(ind.score)) scoreUnknown = true;
  }
  const indicatorScoreSum = scores.result();
  const tw = n(total?.weight);
  if (tw) weights.add(tw);
  else if (unreadable(total?.weight)) weightUnknown = true;
  const ts = n(total?.score);
  if (!ts && unreadable(total?.score)) scoreUnknown = true;
  const weightSum = weightUnknown ? null : weights.result();
  const tsAmount = ts ? Amount.ofNum(ts) : null;
  let statedScoreSum = indicatorScoreSum !== null || tsAmount ? (indicatorScoreSum ?? Amount.ofCents(0)).plus(tsAmount ?? Amount.ofCents(0)) : null;
  if (scoreUnknown) statedScoreSum = null;
  return {
    unchecked,
    unsummed: unsummedTotal(p),
    rates,
    execScore,
    execScoreFromStatedRate,
    sums,
    weightSum,
    statedScoreSum,
    indicatorScoreSum,
    indicators: p.indicators.map(analyseIndicator),
    overBudget,
  };
}

/**
 * How a stated figure relates to its recomputation under the file's mode:
 * reproduced exactly; reproduced only by another rounding mode (a convention
 * of its own); within what display rounding of the amounts explains; or wrong.
 */
export type Agreement = 'exact' | 'convention' | 'rounding' | 'mismatch';

/** The rounding modes that print the exact value as `stated`, at its printed precision. */
export function reproducedBy(fig: Figure, stated: Num, alsoAccept: Ratio | null = null): RoundingMode[] {
  return ROUNDING_MODES.filter((m) => fig.printsAs(stated, m) || (alsoAccept !== null && alsoAccept.printsAs(stated, m)));
}

/** Does `stated` agree with `fig` under `mode`: exactly, by another rounding, within display rounding, or not at all? */
export function agreement(fig: Figure, stated: Num, mode: RoundingMode, alsoAccept: Ratio | null = null): Agreement {
  if (fig.printsAs(stated, mode)) return 'exact';
  if (alsoAccept && alsoAccept.printsAs(stated, mode)) return 'exact';
  if (reproducedBy(fig, stated, alsoAccept).length > 0) return 'convention';
  const [lo, hi] = preimage(stated.value, mode, printedDecimals(stated));
  if (hi.gte(fig.low) && lo.lte(fig.high)) return 'rounding';
  return 'mismatch';
}

/** A recomputed figure: its value under the mode; the exact value (and its 6-decimal text) on demand. */
export class RecomputedFigure {
  private v: Decimal | undefined;
  constructor(
    private readonly r: Ratio,
    private readonly mode: RoundingMode,
  ) {}
  get line(): number {
    return this.r.line;
  }
  get stated(): Num | null {
    return this.r.stated;
  }
  /** The value under the mode (decimal.js, made on first use). */
  get value(): Decimal {
    return (this.v ??= this.r.rounded(this.mode));
  }
  /** The value under the mode as 2-decimal text, without decimal.js on the fast path. */
  valueText(): string {
    const c = this.r.roundedCents(this.mode);
    return c !== null ? centsText(c) : this.value.toFixed(2);
  }
  get exact(): Decimal {
    return this.r.exact;
  }
  exactText(): string {
    return this.r.exactText();
  }
}

export class RateResult extends RecomputedFigure {
  constructor(
    readonly row: FundsKind,
    r: Ratio,
    mode: RoundingMode,
  ) {
    super(r, mode);
  }
}

function recomputedFigure(r: Ratio, mode: RoundingMode): RecomputedFigure {
  return new RecomputedFigure(r, mode);
}

/** The recomputed figures of a project under one rounding mode: plain data for checks and reports. */
export interface Recomputed {
  rounding: RoundingMode;
  rates: (RecomputedFigure & { readonly row: FundsKind })[];
  execScore: RecomputedFigure | null;
  weightTotal: Amount | null;
  /** Σ stated indicator scores + stated execution score. */
  statedScoreSum: Amount | null;
  /** Σ stated indicator scores + recomputed execution score. */
  total: Amount | null;
  statedGrade: Grade | null;
  /** Grade band of the stated total. */
  gradeOfStatedTotal: Grade | null;
  /** Grade band of the recomputed total. */
  grade: Grade | null;
  indicators: { line: number; status: TargetStatus; policyScore: Decimal | null }[];
}

export function recompute(p: Project, a: Analysis, mode: RoundingMode): Recomputed {
  return recomputeFrom(a, p.funds.total?.weight?.num ?? null, p.stated.total?.num ?? null, p.stated.grade, mode);
}

/** An indicator's proportional score rounded by `mode` (unmet targets only): in hundredths when it has them. */
export function policyScore(i: IndicatorFigure, mode: RoundingMode): Decimal | null {
  if (i.policyCents) return fromCents(divRound(i.policyCents.num, i.policyCents.den, mode));
  return i.policyExact ? roundTo(i.policyExact, mode) : null;
}

/** The recomputed figures from the analysis and the few stated cells they need (the fast path has no record). */
export function recomputeFrom(
  a: Pick<Analysis, 'rates' | 'execScore' | 'weightSum' | 'statedScoreSum' | 'indicatorScoreSum' | 'indicators'>,
  fundsWeight: Num | null,
  statedTotal: Num | null,
  statedGrade: string | null,
  mode: RoundingMode,
): Recomputed {
  const exec = a.execScore ? recomputedFigure(a.execScore, mode) : null;
  const execCents = a.execScore?.roundedCents(mode);
  const execAmount = exec ? (execCents !== null && execCents !== undefined && execCents < 2n ** 40n ? Amount.ofCents(Number(execCents)) : Amount.ofDecimal(exec.value)) : null;
  // Unknown when a part is unreadable or missing (then statedScoreSum is null too): no total, no grade, rather than a guess.
  // Nor when the funds carry a weight whose score cannot be recomputed (a zero budget, a placeholder …).
  const execUnknown = !exec && !!fundsWeight;
  const total = a.statedScoreSum !== null && !execUnknown && (a.indicatorScoreSum !== null || execAmount) ? (a.indicatorScoreSum ?? Amount.ofCents(0)).plus(execAmount ?? Amount.ofCents(0)) : null;
  return {
    rounding: mode,
    rates: a.rates.map((r) => new RateResult(r.row, r, mode)),
    execScore: exec,
    weightTotal: a.weightSum,
    statedScoreSum: a.statedScoreSum,
    total,
    statedGrade: normaliseGrade(statedGrade),
    gradeOfStatedTotal: statedTotal ? gradeOf(statedTotal) : null,
    grade: total ? gradeOf(total) : null,
    indicators: a.indicators.map((i) => ({ line: i.line, status: i.status, policyScore: policyScore(i, mode) })),
  };
}

/**
 * For every mode (in ROUNDING_MODES order), the stated figures it does not
 * reproduce exactly: the evidence for choosing a mode. A figure no mode
 * reproduces is an error, not evidence: it is not counted. Each figure is
 * rounded once per mode.
 */
export function roundingMissesByMode(a: Pick<Analysis, 'rates' | 'execScore' | 'execScoreFromStatedRate'>): number[] {
  const misses = ROUNDING_MODES.map(() => 0);
  const tally = (prints: (m: RoundingMode) => boolean): void => {
    const by = ROUNDING_MODES.map(prints);
    if (!by.includes(true)) return;
    for (let i = 0; i < by.length; i++) if (!by[i]) misses[i]!++;
  };
  for (const r of a.rates) {
    const stated = r.stated;
    if (!stated) continue;
    // A zero rate (0 / 0) says nothing about the mode.
    if (r.fast ? r.fast.num === 0n : r.exact.isZero()) continue;
    tally((m) => r.printsAs(stated, m));
  }
  const e = a.execScore;
  const alt = a.execScoreFromStatedRate;
  const es = e?.stated;
  if (e && es) tally((m) => e.printsAs(es, m) || (!!alt && alt.printsAs(es, m)));
  return misses;
}
