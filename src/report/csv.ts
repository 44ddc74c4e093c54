/**
 * `csv`: UTF-8 with a BOM so that Excel opens Chinese text correctly.
 * verify: one row per finding; summary: one row per project; parse: one row
 * per indicator. Cells that Excel would run as a formula are defused.
 */
import { formatCalc, formatMessage } from '../messages.js';
import type { Formatter, FormatMeta, RunResult } from './types.js';

const BOM = '\ufeff';

/** Quote when needed; prefix formula-looking text (=, +, -, @ not followed by a plain number) with '. */
export function csvCell(v: string | number | null | undefined): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const row = (cells: (string | number | null | undefined)[]) => cells.map(csvCell).join(',') + '\r\n';

export const csv: Formatter = Object.assign((run: RunResult, meta: FormatMeta): string => {
  let out = BOM;
  if (run.command === 'summary') {
    out += row(['file', 'line', 'name', 'unit', 'budget', 'executed', 'rate', 'stated_total', 'total', 'stated_grade', 'grade', 'errors', 'warnings', 'notes']);
    for (const r of run.summary!.rows) {
      out += row([r.file, r.line, r.name, r.unit, r.budget, r.executed, r.rate, r.statedTotal, r.total, r.statedGrade, r.grade, r.errors, r.warnings, r.notes]);
    }
    // An input that could not be read: its row, with the reason where the name goes and one error.
    for (const f of run.failures) out += row([f.path, f.line, f.message, null, null, null, null, null, null, null, null, 1, 0, 0]);
    return out;
  }
  if (run.command === 'parse') {
    out += row(['file', 'project', 'project_line', 'line', 'level1', 'level2', 'name', 'target', 'op', 'target_value', 'unit', 'actual', 'actual_value', 'weight', 'score', 'reason']);
    for (const r of run.results) {
      for (const { project: p } of r.projects) {
        for (const i of p.indicators) {
          out += row([
            r.path, p.name, p.line, i.line, i.level1, i.level2, i.name, i.target.raw, i.target.op, i.target.value?.text, i.target.unit,
            i.actual.raw, i.actual.value?.text, i.weight?.num?.text, i.score?.num?.text, i.reason,
          ]);
        }
      }
    }
    return out;
  }
  out += row(['file', 'line', 'project', 'project_line', 'severity', 'code', 'stated', 'expected', 'message', 'calc']);
  for (const r of run.results) {
    for (const f of r.findings) {
      out += row([r.path, f.line, f.project?.name, f.project?.line, f.severity, f.code, f.stated, f.expected, formatMessage(f, meta.lang), f.calc ? formatCalc(f.calc, meta.lang) : f.calc]);
    }
  }
  // An input that could not be read: one error row with its code (not-found, binary, encoding…).
  for (const f of run.failures) out += row([f.path, f.line, null, null, 'error', f.code, null, null, f.message, null]);
  return out;
}, { needs: (command: RunResult['command']) => (command === 'summary' ? 'summary' : 'results') } as const);
