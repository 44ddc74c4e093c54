/**
 * The funds block (项目资金 / 资金情况 / 预算执行情况): its header maps every
 * column to a role by its text; each row is read at its header's columns.
 * A row under a header that was not understood keeps its cells as text —
 * values are never read by their position.
 */
import { finding } from '../findings.js';
import type { FundsRow, Unit } from '../model.js';
import { isNegative } from '../number.js';
import { clean, detach, excerpt } from '../text.js';
import type { BlockContext, NE } from './context.js';
import { FUNDS_HEADERS, FUNDS_ROLES, FUNDS_ROWS, labelKey, splitLevelWeight, type FundsKind, type FundsRole } from './vocab.js';

type ValueRole = Exclude<FundsRole, 'unit'>;
const AMOUNTS: readonly ValueRole[] = ['initialBudget', 'budget', 'executed'];
/** Shifts tried when a row's cells do not sit under their header (leading cells lost or gained). */
const SHIFTS = [0, -1, 1, -2, 2];

export function unitIn(text: string): Unit | null {
  const k = labelKey(text);
  if (k.includes('万元')) return '万元';
  if (/(^|\(|:)元\)?$/.test(k)) return '元';
  return null;
}

type HeaderCell = { entry: ReturnType<typeof FUNDS_ROLES.lookupKey>; unit: Unit | null; short: boolean };
const headerSeen = new Map<string, HeaderCell>();
/** A funds header cell: its role entry and the unit it names (headers repeat in every block: remembered). */
export function headerCell(text: string): HeaderCell {
  let h = headerSeen.get(text);
  if (h === undefined) {
    h = { entry: FUNDS_ROLES.lookup(text), unit: unitIn(text), short: labelKey(text).length <= 6 };
    if (headerSeen.size >= 1024) headerSeen.clear();
    headerSeen.set(detach(text), h);
  }
  return h;
}

export class FundsReader {
  /** Column roles of the header; null before a header, or when the header was not understood. */
  private roles: { role: ValueRole; col: number }[] | null = null;
  private unknownReported = false;
  /** The funds' weight written in the header's first cell (`预算执行情况(万元)(20分)`), when no column holds it. */
  private headerWeight: { text: string; line: number; col: number } | null = null;

  constructor(private readonly ctx: BlockContext) {}

  static isHeader(first: string): boolean {
    return FUNDS_HEADERS.lookup(first) !== null;
  }

  static rowKind(cell: string): FundsKind | null {
    if (cell.length > 24) return null;
    return FUNDS_ROWS.lookup(cell)?.value ?? null;
  }

  header(ne: NE[], line: number): void {
    const p = this.ctx.project;
    // A repeated header is reported; its columns still apply to the rows that follow it.
    if (p.lines.fundsHeader !== null) {
      this.ctx.add(finding('duplicate-label', line, { project: this.ctx.ref, args: { label: labelKey(ne[0]!.text), first: p.lines.fundsHeader } }));
    } else p.lines.fundsHeader = line;
    this.ctx.use(FUNDS_HEADERS.lookup(ne[0]!.text));
    p.unit = unitIn(ne[0]!.text);
    const roles: { role: ValueRole; col: number }[] = [];
    const unknown: string[] = [];
    for (const n of ne.slice(1)) {
      const h = headerCell(n.text);
      const entry = this.ctx.use(h.entry);
      const unit = h.unit;
      if (entry?.value === 'unit' || (!entry && unit && h.short)) {
        // The unit in a cell of its own: "项目资金 | （万元）", "年度预算数(万元)".
        p.unit ??= unit;
      } else if (entry && !roles.some((r) => r.role === entry.value)) roles.push({ role: entry.value as ValueRole, col: n.col });
      else unknown.push(n.text);
    }
    const understood = roles.some((r) => r.role === 'budget') && roles.some((r) => r.role === 'executed');
    this.roles = understood ? roles : null;
    const w = splitLevelWeight(ne[0]!.text).weight;
    this.headerWeight = w !== null && !roles.some((r) => r.role === 'weight') ? { text: w, line, col: ne[0]!.col } : null;
    if (!understood || unknown.length > 0) {
      this.unknownReported = true;
      this.ctx.add(
        finding('funds-header-unrecognised', line, {
          project: this.ctx.ref,
          args: { cells: unknown.map((u) => excerpt(u, 20)), understood, missing: understood ? [] : (['budget', 'executed'] as const).filter((r) => !roles.some((x) => x.role === r)) },
        }),
      );
    }
  }

  row(kind: FundsKind, cells: readonly string[], ne: NE[], line: number): void {
    const p = this.ctx.project;
    const label = ne[0]!;
    this.ctx.use(FUNDS_ROWS.lookup(label.text));
    if (kind === 'total' && p.funds.total) {
      this.ctx.add(finding('duplicate-label', line, { project: this.ctx.ref, args: { label: label.text, first: p.funds.total.line } }));
      return;
    }
    const row: FundsRow = { kind, line, label: label.text, initialBudget: null, budget: null, executed: null, weight: null, rate: null, score: null, reason: null, raw: null };
    if (kind === 'total') p.funds.total = row;
    else p.funds.subRows.push(row);
    const values = ne.slice(1);
    const roles = this.roles;
    if (!roles) {
      row.raw = values.map((v) => v.text);
      if (!this.unknownReported) {
        this.unknownReported = true;
        this.ctx.add(finding('funds-header-unrecognised', line, { project: this.ctx.ref, args: { cells: [], understood: false, missing: ['header'] } }));
      }
      return;
    }
    const shift = SHIFTS.find((s) => roles.every((r) => r.col + s > label.col) && values.every((v) => roles.some((r) => r.col + s === v.col)));
    if (shift === undefined) {
      row.raw = values.map((v) => v.text);
      this.ctx.add(finding('funds-row-shape', line, { project: this.ctx.ref, args: { label: label.text, values: values.length, columns: roles.length } }));
      return;
    }
    for (const r of roles) {
      const col = r.col + shift;
      const raw = col < cells.length ? cells[col]! : '';
      if (r.role === 'reason') {
        // '' when the template has the column and it was left empty; null when it has none.
        row.reason = clean(raw);
        continue;
      }
      const cell = this.ctx.numberCell(raw, line, col, r.role === 'rate', AMOUNTS.includes(r.role) ? this.ctx.project.unit : null);
      row[r.role] = cell;
      const num = cell.num;
      if (num && isNegative(num) && AMOUNTS.includes(r.role)) {
        this.ctx.add(finding('negative-amount', line, { project: this.ctx.ref, stated: num.text, args: { column: r.role } }));
      }
    }
    // The total row's weight, where the template writes it in the header (its cell is the header's).
    const hw = this.headerWeight;
    if (kind === 'total' && row.weight === null && hw) row.weight = this.ctx.numberCell(hw.text, hw.line, hw.col, false, null);
  }
}
