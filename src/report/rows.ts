/**
 * The rows the documents people open are made of (`html`, `xlsx`): one per
 * project with the figures of `summary`, its department and its findings as
 * sentences; one per finding; a roll-up per department. Plain data, decimals
 * as strings: the formats decide how to show them.
 */
import { Decimal, HUNDRED, roundTo, ZERO } from '../decimal.js';
import type { Finding, Severity } from '../findings.js';
import { FINDINGS } from '../findings.js';
import { formatCalc, formatMessage, type Lang } from '../messages.js';
import { whereText, type Where } from '../source/where.js';
import { summarize, type Summary, type SummaryRow } from '../summary.js';
import { inert } from '../text.js';
import { projectFindings, type VerifyResult } from '../verify.js';
import type { RunResult } from './types.js';

export interface FindingRow {
  file: string;
  /** `12` for a text export, `Sheet1!C12` or `表2 第5行` for a workbook or document; null when the finding is about the whole file. */
  place: string | null;
  line: number | null;
  project: string | null;
  projectLine: number | null;
  code: string;
  severity: Severity;
  title: string;
  message: string;
  stated: string | null;
  expected: string | null;
  calc: string | null;
}

export interface ProjectRow extends SummaryRow {
  /** Position in the run (0-based): the anchor `p-<id>` of the report. */
  id: number;
  department: string | null;
  implementer: string | null;
  /** Where its title is: `file:line`, or the file and the cell of a workbook or document. */
  place: string;
  statedRate: string | null;
  findings: FindingRow[];
}

export interface DepartmentRow {
  department: string | null;
  projects: number;
  /** 万元, over the projects whose amount could be read. */
  budget: string;
  executed: string;
  /** executed / budget × 100, half-up to 2 decimals; null without a budget. */
  rate: string | null;
  errors: number;
  warnings: number;
  notes: number;
}

export interface ReportRows {
  projects: ProjectRow[];
  /** Findings about a whole file (no project). */
  fileFindings: FindingRow[];
  departments: DepartmentRow[];
  summary: Summary;
  /** Rounding modes the files were read with, each once. */
  roundings: string[];
}

const text = (s: string | null | undefined): string | null => (s === null || s === undefined ? null : inert(s));

/** A finding as the documents show it, its words in `lang`. */
export function findingRow(file: string, f: Finding, lang: Lang): FindingRow {
  const where = f.where as Where | undefined;
  return {
    file,
    place: where ? whereText(where, lang) : f.line === null ? null : String(f.line),
    line: f.line,
    project: text(f.project?.name),
    projectLine: f.project?.line ?? null,
    code: f.code,
    severity: f.severity,
    title: FINDINGS[f.code].title[lang],
    message: inert(formatMessage(f, lang)),
    stated: f.stated === null || f.stated === undefined ? null : inert(String(f.stated)),
    expected: f.expected === null || f.expected === undefined ? null : inert(String(f.expected)),
    calc: f.calc ? inert(formatCalc(f.calc, lang)) : null,
  };
}

const TEN_THOUSAND = new Decimal(10000);

export function reportRows(run: RunResult, lang: Lang): ReportRows {
  const results: readonly VerifyResult[] = run.results;
  const summary = run.summary ?? summarize(results);
  // summarize() keeps the results' order (sort 'file'); with another sort the rows are looked up by file and line.
  const byKey = new Map<string, SummaryRow>();
  for (const r of summarize(results).rows) byKey.set(`${r.file}\u0000${r.line}`, r);
  const projects: ProjectRow[] = [];
  const fileFindings: FindingRow[] = [];
  const depts = new Map<string | null, { projects: number; budget: Decimal; executed: Decimal; errors: number; warnings: number; notes: number }>();
  const roundings = new Set<string>();
  for (const r of results) {
    if (r.rounding) roundings.add(r.rounding.mode);
    for (const f of r.findings) if (!f.project) fileFindings.push(findingRow(r.path, f, lang));
    for (const pr of r.projects) {
      const p = pr.project;
      const row = byKey.get(`${r.path}\u0000${p.line}`)!;
      const own = projectFindings(r, p.line);
      projects.push({
        ...row,
        name: text(row.name),
        statedGrade: text(row.statedGrade),
        id: projects.length,
        department: text(p.department),
        implementer: text(p.implementer),
        place: pr.where ? `${r.path} ${whereText(pr.where, lang)}` : `${r.path}:${p.line}`,
        statedRate: p.funds.total?.rate?.num?.text ?? null,
        findings: own.map((f) => findingRow(r.path, f, lang)),
      });
      const key = text(p.department);
      const d = depts.get(key) ?? { projects: 0, budget: ZERO, executed: ZERO, errors: 0, warnings: 0, notes: 0 };
      const toWan = (x: Decimal) => (p.unit === '元' ? x.dividedBy(TEN_THOUSAND) : x);
      const total = p.funds.total;
      d.projects++;
      if (total?.budget?.num) d.budget = d.budget.plus(toWan(total.budget.num.value));
      if (total?.executed?.num) d.executed = d.executed.plus(toWan(total.executed.num.value));
      d.errors += row.errors;
      d.warnings += row.warnings;
      d.notes += row.notes;
      depts.set(key, d);
    }
  }
  const departments: DepartmentRow[] = [...depts].map(([department, d]) => ({
    department,
    projects: d.projects,
    budget: d.budget.toFixed(2),
    executed: d.executed.toFixed(2),
    rate: d.budget.isZero() ? null : roundTo(d.executed.dividedBy(d.budget).times(HUNDRED), 'half-up').toFixed(2),
    errors: d.errors,
    warnings: d.warnings,
    notes: d.notes,
  }));
  // Largest budget first; the unnamed department last.
  departments.sort((a, b) => (a.department === null ? 1 : b.department === null ? -1 : new Decimal(b.budget).cmp(a.budget)));
  return { projects, fileFindings, departments, summary, roundings: [...roundings] };
}
