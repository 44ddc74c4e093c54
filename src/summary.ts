/** One row per project, totals and the grade distribution: rendered from verify results, nothing re-run. */
import { Decimal, HUNDRED, roundTo, ZERO } from './decimal.js';
import type { Finding, Severity } from './findings.js';
import { GRADE_RANK } from './score/grade.js';
import { GRADES, type Grade } from './parse/vocab.js';
import { headOfResult, type ProjectResult } from './pipeline.js';
import { projectFindings, type VerifyResult } from './verify.js';
import { detach } from './text.js';
import type { Where } from './source/where.js';

export interface SummaryRow {
  file: string;
  line: number;
  name: string | null;
  unit: string | null;
  budget: string | null;
  executed: string | null;
  /** Recomputed execution rate. */
  rate: string | null;
  statedTotal: string | null;
  /** Σ stated indicator scores + recomputed execution score. */
  total: string | null;
  statedGrade: string | null;
  grade: Grade | null;
  errors: number;
  warnings: number;
  notes: number;
  /** Where the project's title is in a workbook, document or page (its `line` only numbers the rows read); absent for text. */
  where?: Where;
}

export interface Summary {
  rows: SummaryRow[];
  totals: { projects: number; unit: '万元'; budget: string; executed: string; rate: string | null; errors: number; warnings: number };
  distribution: { stated: Record<Grade, number>; recomputed: Record<Grade, number> };
  /** Projects whose stated grade differs from the recomputed one. */
  gradeMismatches: SummaryRow[];
}

export type SortKey = 'file' | 'name' | 'score' | 'rate';
export const SORT_KEYS: readonly SortKey[] = ['file', 'name', 'score', 'rate'];

const TEN_THOUSAND = new Decimal(10000);

/** A row that is kept (for the whole-run formats and the gates): its texts detached from the input. */
function detached(r: SummaryRow): SummaryRow {
  return { ...r, name: detach(r.name), budget: detach(r.budget), executed: detach(r.executed), statedTotal: detach(r.statedTotal), statedGrade: detach(r.statedGrade) };
}

/** One project's summary row. Its texts may be slices of the input: copy them to keep the row (SummaryBuilder does). */
export function summaryRow(file: string, pr: ProjectResult, own: readonly Finding[]): SummaryRow {
  const p = headOfResult(pr);
  const figures = pr.figures;
  const count = (sev: Severity) => own.filter((f) => f.severity === sev).length;
  const total = p.funds.total;
  const rate = figures?.rates.find((x) => x.row === 'total');
  return {
    file,
    line: p.line,
    name: p.name,
    unit: p.unit,
    budget: total?.budget?.num?.text ?? null,
    executed: total?.executed?.num?.text ?? null,
    rate: rate ? rate.valueText() : null,
    statedTotal: p.stated.total?.num?.text ?? null,
    total: figures?.total ? figures.total.toFixed(2) : null,
    statedGrade: figures?.statedGrade ?? p.stated.grade,
    grade: figures?.grade ?? null,
    errors: count('error'),
    warnings: count('warning'),
    notes: count('info'),
    ...(pr.where ? { where: pr.where } : {}),
  };
}

/**
 * Builds a summary one project at a time (the CLI streams; nothing else is kept). With `keepRows: false`
 * (a formatter that writes each row itself) only the totals are kept, and the rows a gate may report: a
 * stated grade that differs, and with `minGrade` a grade below it or unknown.
 */
export class SummaryBuilder {
  private readonly rows: SummaryRow[] = [];
  private budget = ZERO;
  private executed = ZERO;
  private projects = 0;
  private errors = 0;
  private warnings = 0;
  private readonly stated = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
  private readonly recomputed = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
  constructor(private readonly o: { keepRows?: boolean; minGrade?: Grade | undefined } = {}) {}

  private keep(r: SummaryRow): boolean {
    if (this.o.keepRows !== false) return true;
    if (r.grade !== null && r.statedGrade !== null && r.statedGrade !== r.grade) return true;
    return this.o.minGrade !== undefined && (r.grade === null || GRADE_RANK[r.grade] < GRADE_RANK[this.o.minGrade]);
  }

  private count(r: SummaryRow): void {
    this.projects++;
    this.errors += r.errors;
    this.warnings += r.warnings;
    if (this.keep(r)) this.rows.push(detached(r));
  }

  add(file: string, pr: ProjectResult, own: readonly Finding[]): void {
    // The head, not the record: a fast-path result has no record until asked (and asking reads the block again).
    const p = headOfResult(pr);
    const figures = pr.figures;
    const total = p.funds.total;
    const toWan = (d: Decimal) => (p.unit === '元' ? d.dividedBy(TEN_THOUSAND) : d);
    if (total?.budget?.num) this.budget = this.budget.plus(toWan(total.budget.num.value));
    if (total?.executed?.num) this.executed = this.executed.plus(toWan(total.executed.num.value));
    if (figures?.statedGrade) this.stated[figures.statedGrade]++;
    if (figures?.grade) this.recomputed[figures.grade]++;
    this.count(summaryRow(file, pr, own));
  }

  /** Plain data for another thread; `merge` adds it back. */
  export(): { rows: SummaryRow[]; budget: string; executed: string; stated: Record<Grade, number>; recomputed: Record<Grade, number> } {
    return { rows: this.rows, budget: this.budget.toFixed(), executed: this.executed.toFixed(), stated: this.stated, recomputed: this.recomputed };
  }

  merge(x: ReturnType<SummaryBuilder['export']>): void {
    for (const r of x.rows) this.count(r);
    this.budget = this.budget.plus(x.budget);
    this.executed = this.executed.plus(x.executed);
    for (const g of GRADES) {
      this.stated[g] += x.stated[g];
      this.recomputed[g] += x.recomputed[g];
    }
  }

  build(sort: SortKey = 'file'): Summary {
    const rows = [...this.rows];
    // Descending by a decimal string; missing values last.
    const desc = (x: string | null, y: string | null) => (x === null ? (y === null ? 0 : 1) : y === null ? -1 : new Decimal(y).cmp(new Decimal(x)));
    if (sort === 'name') rows.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'zh-Hans-CN'));
    else if (sort === 'score') rows.sort((a, b) => desc(a.total ?? a.statedTotal, b.total ?? b.statedTotal));
    else if (sort === 'rate') rows.sort((a, b) => desc(a.rate, b.rate));
    const gradeMismatches = rows.filter((r) => r.grade !== null && r.statedGrade !== null && r.statedGrade !== r.grade);
    return {
      rows,
      totals: {
        projects: this.projects,
        unit: '万元',
        budget: this.budget.toFixed(2),
        executed: this.executed.toFixed(2),
        rate: this.budget.isZero() ? null : roundTo(this.executed.dividedBy(this.budget).times(HUNDRED), 'half-up').toFixed(2),
        errors: this.errors,
        warnings: this.warnings,
      },
      distribution: { stated: { ...this.stated }, recomputed: { ...this.recomputed } },
      gradeMismatches,
    };
  }
}

/** Summarise verify results: one row per project, totals, grade distribution. */
export function summarize(results: readonly VerifyResult[], sort: SortKey = 'file'): Summary {
  const b = new SummaryBuilder();
  for (const r of results) for (const p of r.projects) b.add(r.path, p, projectFindings(r, p.project.line));
  return b.build(sort);
}

/**
 * Rows whose recomputed grade is below `min` — or unknown: a table whose
 * grade cannot be recomputed (nothing scored, a part unreadable) has not shown
 * that it reaches `min`, so a gate does not pass it.
 */
export function belowGrade(s: Summary, min: Grade): SummaryRow[] {
  return s.rows.filter((r) => r.grade === null || GRADE_RANK[r.grade] < GRADE_RANK[min]);
}
