/**
 * `csv`: UTF-8 with a BOM so that Excel opens Chinese text correctly.
 * verify: one row per finding; summary: one row per project; parse: one row
 * per indicator. Cells that Excel would run as a formula are defused.
 * Written as each project is checked (a file's own findings after its
 * projects'); `summary --sort` other than file needs every row first.
 */
import type { Finding } from '../findings.js';
import { formatCalc, formatMessage } from '../messages.js';
import { headOfResult, type FileInfo, type ProjectResult } from '../pipeline.js';
import { summaryRow, type SummaryRow } from '../summary.js';
import { groupFindings } from '../verify.js';
import { whereText, type Where } from '../source/where.js';
import type { Command, Formatter, FormatMeta, RunResult, StreamContext } from './types.js';

const BOM = '\ufeff';

/** Quote when needed; prefix formula-looking text (=, +, -, @ not followed by a plain number) with '. */
export function csvCell(v: string | number | null | undefined): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const row = (cells: (string | number | null | undefined)[]) => cells.map(csvCell).join(',') + '\r\n';

const HEAD: Record<Command, string[]> = {
  summary: ['file', 'line', 'name', 'unit', 'budget', 'executed', 'rate', 'stated_total', 'total', 'stated_grade', 'grade', 'errors', 'warnings', 'notes', 'where'],
  parse: ['file', 'project', 'project_line', 'line', 'level1', 'level2', 'name', 'target', 'op', 'target_value', 'unit', 'actual', 'actual_value', 'weight', 'score', 'reason', 'where'],
  verify: ['file', 'line', 'project', 'project_line', 'severity', 'code', 'stated', 'expected', 'message', 'calc', 'where'],
};

/** `where`: the sheet and cell, or table and row, of a workbook's, document's or page's row (`line` numbers the rows read); empty for text. */
const whereCell = (w: Where | undefined, meta: FormatMeta) => (w ? whereText(w, meta.lang) : '');
const summaryLine = (r: SummaryRow, meta: FormatMeta) =>
  row([r.file, r.line, r.name, r.unit, r.budget, r.executed, r.rate, r.statedTotal, r.total, r.statedGrade, r.grade, r.errors, r.warnings, r.notes, whereCell(r.where, meta)]);
const findingLine = (path: string, f: Finding, meta: FormatMeta) =>
  row([path, f.line, f.project?.name, f.project?.line, f.severity, f.code, f.stated, f.expected, formatMessage(f, meta.lang), f.calc ? formatCalc(f.calc, meta.lang) : f.calc, whereCell(f.where, meta)]);

/** One project's rows for `command`. */
function projectRows(command: Command, path: string, pr: ProjectResult, own: readonly Finding[], meta: FormatMeta, summary: SummaryRow | null): string {
  if (command === 'summary') return summaryLine(summary!, meta);
  if (command === 'verify') return own.map((f) => findingLine(path, f, meta)).join('');
  const p = pr.project;
  let out = '';
  for (const i of p.indicators) {
    out += row([
      path, p.name, p.line, i.line, i.level1, i.level2, i.name, i.target.raw, i.target.op, i.target.value?.text, i.target.unit,
      i.actual.raw, i.actual.value?.text, i.weight?.num?.text, i.score?.num?.text, i.reason, whereCell(i.where, meta),
    ]);
  }
  return out;
}

/** An input that could not be read: in the findings an error row with its code; in the summary its row, the reason where the name goes, one error. */
function failureRows(run: Pick<RunResult, 'command' | 'failures'>): string {
  let out = '';
  for (const f of run.failures) {
    if (run.command === 'summary') out += row([f.path, f.line, f.message, null, null, null, null, null, null, null, null, 1, 0, 0]);
    else if (run.command === 'verify') out += row([f.path, f.line, null, null, 'error', f.code, null, null, f.message, null]);
  }
  return out;
}

/** Runs whose header is written (streaming; keyed by the run's meta). */
const opened = new WeakSet<FormatMeta>();
const open = (command: Command, meta: FormatMeta): string => {
  if (opened.has(meta)) return '';
  opened.add(meta);
  return BOM + row(HEAD[command]);
};

const whole = (run: RunResult, meta: FormatMeta): string => {
  let out = BOM + row(HEAD[run.command]);
  if (run.command === 'summary' && run.results.length === 0) {
    // The summary's rows only (sorted, or from other lanes).
    for (const r of run.summary!.rows) out += summaryLine(r, meta);
  } else {
    for (const r of run.results) {
      const { file, byProject } = groupFindings(r);
      for (const pr of r.projects) {
        const own = byProject.get(headOfResult(pr).line) ?? [];
        out += projectRows(run.command, r.path, pr, own, meta, run.command === 'summary' ? summaryRow(r.path, pr, own) : null);
      }
      if (run.command === 'verify') for (const f of file) out += findingLine(r.path, f, meta);
    }
  }
  return out + failureRows(run);
};

export const csv: Formatter = Object.assign(whole, {
  // Sorted summary rows need them all first; otherwise each project's rows are written as it is checked.
  needs: (command: Command, o?: { sorted?: boolean }) => (command === 'summary' && o?.sorted ? 'summary' : 'stream'),
  summaryRows: false,
  heads: true,
  // One document across files (one BOM, one header): not written from other lanes.
  lanes: false,
  project: (pr: ProjectResult, own: readonly Finding[], ctx: StreamContext, meta: FormatMeta) =>
    open(ctx.command, meta) + projectRows(ctx.command, ctx.path, pr, own, meta, ctx.command === 'summary' ? summaryRow(ctx.path, pr, own) : null),
  fileEnd: (info: FileInfo, ctx: StreamContext, meta: FormatMeta) => (ctx.command === 'verify' ? open(ctx.command, meta) + info.fileFindings.map((f) => findingLine(ctx.path, f, meta)).join('') : ''),
  runEnd: (run: RunResult, meta: FormatMeta) => open(run.command, meta) + failureRows(run),
} as const);
