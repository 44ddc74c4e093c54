/** One row per project, totals and the grade distribution: rendered from verify results, nothing re-run. */
import { Decimal, HUNDRED, roundTo, ZERO } from './decimal.js';
import { type Severity } from './findings.js';
import { GRADE_RANK } from './score/grade.js';
import { GRADES, type Grade } from './parse/vocab.js';
import { projectFindings, type VerifyResult } from './verify.js';

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

export function summarize(results: readonly VerifyResult[], sort: SortKey = 'file'): Summary {
  const rows: SummaryRow[] = [];
  let budget = ZERO;
  let executed = ZERO;
  const stated = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
  const recomputed = { ...stated };
  for (const r of results) {
    for (const { project: p, figures } of r.projects) {
      const own = projectFindings(r, p.line);
      const count = (sev: Severity) => own.filter((f) => f.severity === sev).length;
      const total = p.funds.total;
      const rate = figures?.rates.find((x) => x.row === 'total');
      const toWan = (d: Decimal) => (p.unit === '元' ? d.dividedBy(TEN_THOUSAND) : d);
      if (total?.budget?.num) budget = budget.plus(toWan(total.budget.num.value));
      if (total?.executed?.num) executed = executed.plus(toWan(total.executed.num.value));
      if (figures?.statedGrade) stated[figures.statedGrade]++;
      if (figures?.grade) recomputed[figures.grade]++;
      rows.push({
        file: r.path,
        line: p.line,
        name: p.name,
        unit: p.unit,
        budget: total?.budget?.num?.text ?? null,
        executed: total?.executed?.num?.text ?? null,
        rate: rate ? rate.value.toFixed(2) : null,
        statedTotal: p.stated.total?.num?.text ?? null,
        total: figures?.total ? figures.total.toFixed(2) : null,
        statedGrade: figures?.statedGrade ?? p.stated.grade,
        grade: figures?.grade ?? null,
        errors: count('error'),
        warnings: count('warning'),
        notes: count('info'),
      });
    }
  }
  // Descending by a decimal string; missing values last.
  const desc = (x: string | null, y: string | null) => (x === null ? (y === null ? 0 : 1) : y === null ? -1 : new Decimal(y).cmp(new Decimal(x)));
  if (sort === 'name') rows.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'zh-Hans-CN'));
  else if (sort === 'score') rows.sort((a, b) => desc(a.total ?? a.statedTotal, b.total ?? b.statedTotal));
  else if (sort === 'rate') rows.sort((a, b) => desc(a.rate, b.rate));
  const gradeMismatches = rows.filter((r) => r.grade !== null && r.statedGrade !== null && r.statedGrade !== r.grade);
  return {
    rows,
    totals: {
      projects: rows.length,
      unit: '万元',
      budget: budget.toFixed(2),
      executed: executed.toFixed(2),
      rate: budget.isZero() ? null : roundTo(executed.dividedBy(budget).times(HUNDRED), 'half-up').toFixed(2),
      errors: rows.reduce((n, r) => n + r.errors, 0),
      warnings: rows.reduce((n, r) => n + r.warnings, 0),
    },
    distribution: { stated, recomputed },
    gradeMismatches,
  };
}

/** Rows whose recomputed grade is below `min`. */
export function belowGrade(s: Summary, min: Grade): SummaryRow[] {
  return s.rows.filter((r) => r.grade !== null && GRADE_RANK[r.grade] < GRADE_RANK[min]);
}
