/** What the section readers of one block share: the record being built, findings, and the vocabulary used. */
import type { Finding, ProjectRef } from '../findings.js';
import { finding } from '../findings.js';
import { Cell, type Project, type TextKind, type Unit } from '../model.js';
import { isPlaceholder, parseNumber, parseNumberWithUnit, parsePercentCell } from '../number.js';
import { clean, excerpt } from '../text.js';
import type { Entry, TemplateId } from './vocab.js';

/** A non-empty cell: its 0-based column and trimmed text. */
export interface NE {
  col: number;
  text: string;
}

export function nonEmpty(cells: readonly string[]): NE[] {
  const out: NE[] = [];
  for (let i = 0; i < cells.length; i++) {
    const t = clean(cells[i]!);
    if (t !== '') out.push({ col: i, text: t });
  }
  return out;
}

export const joinCells = (ne: readonly NE[]): string => ne.map((n) => n.text).join(' | ');

export class BlockContext {
  readonly findings: Finding[] = [];
  /** Entries of the vocabulary this block matched, and structural marks, for naming its template. */
  readonly used = new Set<Entry<unknown>>();
  readonly marks: TemplateId[] = [];

  constructor(readonly project: Project) {}

  get ref(): ProjectRef {
    return { name: this.project.name, line: this.project.line };
  }

  add(f: Finding): void {
    this.findings.push(f);
  }

  /** Record that a vocabulary entry was used (its template counts towards the block's template). */
  use<V>(entry: Entry<V> | null): Entry<V> | null {
    if (entry) this.used.add(entry as Entry<unknown>);
    return entry;
  }

  /** Keep a row as text. `label` is its first cell when that is a label. */
  text(kind: TextKind, line: number, label: string | null, rest: readonly NE[]): void {
    this.project.texts.push({ line, kind, label, text: joinCells(rest) });
  }

  unrecognised(line: number, ne: readonly NE[]): void {
    this.add(finding('unrecognised-line', line, { project: this.ref, args: { text: excerpt(joinCells(ne)) } }));
  }

  /**
   * A cell that should hold a number; malformed text is a finding, placeholders are null. `unit`: the unit its
   * number may carry, the table's own for an amount (`88.32万元` in a 万元 table), 分 for a weight or a score.
   */
  numberCell(raw: string, line: number, col: number, percentAllowed = false, unit: Unit | '分' | null = null): Cell {
    if (isPlaceholder(raw)) return new Cell(raw, line, col, null);
    const { num, percent } = percentAllowed ? parsePercentCell(raw) : { num: parseNumber(raw) ?? (unit ? parseNumberWithUnit(raw, unit) : null), percent: false };
    if (!num) this.add(finding('bad-number', line, { project: this.ref, stated: null, args: { text: excerpt(clean(raw)), col } }));
    return new Cell(raw, line, col, num, percent);
  }
}
