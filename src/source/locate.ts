/**
 * Findings of a workbook, document or page get a `where`: the sheet and cell
 * (`Sheet1!C12`), or the table and row. A finding about one stated figure
 * names that figure's cell; which cell each code is about is said here, per
 * code, from the project's records (never by matching values).
 */
import type { Finding } from '../findings.js';
import type { Cell, FundsRow, Project } from '../model.js';
import type { SourceMap, Where } from './where.js';

const fundsRows = (p: Project): FundsRow[] => (p.funds.total ? [p.funds.total, ...p.funds.subRows] : p.funds.subRows);

/** The score cell of the indicator (or funds row) on `line`. */
function scoreOn(p: Project, line: number | null): Cell | null {
  if (line === null) return null;
  const ind = p.indicators.find((i) => i.line === line) ?? p.indicators.flatMap((i) => i.children).find((i) => i.line === line);
  if (ind) return ind.score;
  return fundsRows(p).find((r) => r.line === line)?.score ?? null;
}

/** The column of the cell a finding is about, when it is about one. */
export function columnOf(f: Finding, p: Project | null): number | undefined {
  if (f.code === 'bad-number') return f.args.col;
  if (!p) return undefined;
  let cell: Cell | null | undefined = null;
  switch (f.code) {
    case 'rate-mismatch':
    case 'rounding-difference': {
      const q = f.code === 'rate-mismatch' ? 'rate' : f.args.quantity;
      if (q === 'rate') cell = fundsRows(p).find((r) => r.rate?.line === f.line && r.label === f.args.label)?.rate;
      else if (q === 'exec-score') cell = p.funds.total?.score;
      else if (q === 'score-total') cell = p.stated.total;
      else if (q === 'subrow-sum' && f.code === 'rounding-difference' && f.args.column) cell = p.funds.total?.[f.args.column as 'budget'];
      break;
    }
    case 'exec-score-mismatch':
      cell = p.funds.total?.score;
      break;
    case 'subrow-sum-mismatch':
      cell = p.funds.total?.[f.args.column];
      break;
    case 'score-total-mismatch':
      cell = p.stated.total;
      break;
    case 'weight-total-mismatch':
      cell = p.stated.weightTotal;
      break;
    case 'grade-mismatch':
    case 'grade-unknown':
      return p.stated.gradeCol ?? undefined;
    case 'over-budget':
      cell = p.funds.total?.executed;
      break;
    case 'funds-cell-empty':
      cell = p.funds.total?.[f.args.cell];
      break;
    case 'score-out-of-range':
    case 'unmet-full-score':
    case 'policy-score-differs':
    case 'deduction-without-reason':
    case 'met-but-deducted':
    case 'eq-target-deviation':
      cell = scoreOn(p, f.line);
      break;
    default:
      return undefined;
  }
  return cell && cell.line === f.line ? cell.col : undefined;
}

/** Give each finding its place in the source. */
export function locateFindings(fs: Finding[], p: Project | null, map: SourceMap): void {
  for (const f of fs) {
    if (f.line === null) continue;
    const w = map.locate(f.line, columnOf(f, p));
    if (w) f.where = w;
  }
}

export type { Where };
