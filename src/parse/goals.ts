/**
 * The goals block (年度总体目标 / 项目基本情况): a header naming the expected
 * and the achieved column, then content rows read by those columns.
 */
import { finding } from '../findings.js';
import { stripHtml } from '../text.js';
import type { BlockContext, NE } from './context.js';
import { GOALS_LABELS, labelKey, type GoalsLabel } from './vocab.js';

export class GoalsReader {
  private expectedCol: number | null = null;
  private actualCol: number | null = null;

  constructor(private readonly ctx: BlockContext) {}

  static label(cell: string): GoalsLabel | null {
    if (cell.length > 24) return null;
    return GOALS_LABELS.lookup(cell)?.value ?? null;
  }

  /** Every cell a goals label, one of them naming the expected or the achieved column. */
  static isHeader(ne: readonly NE[]): boolean {
    let columns = false;
    for (const n of ne) {
      const l = GoalsReader.label(n.text);
      if (l === null || l === 'process') return false;
      if (l === 'expected' || l === 'actual') columns = true;
    }
    return columns;
  }

  header(ne: NE[], line: number): void {
    const p = this.ctx.project;
    if (p.lines.goalsHeader !== null) {
      this.ctx.add(finding('duplicate-label', line, { project: this.ctx.ref, args: { label: labelKey(ne[0]!.text), first: p.lines.goalsHeader } }));
      return;
    }
    p.lines.goalsHeader = line;
    for (const n of ne) {
      const entry = this.ctx.use(GOALS_LABELS.lookup(n.text));
      if (entry?.value === 'expected' && this.expectedCol === null) this.expectedCol = n.col;
      if (entry?.value === 'actual' && this.actualCol === null) this.actualCol = n.col;
    }
  }

  /** A content row; a leading section label (年度总体目标 on the content row, sample block 5) is dropped. */
  content(ne: NE[], line: number): void {
    const p = this.ctx.project;
    let cells = ne;
    if (cells.length > 0 && GoalsReader.label(cells[0]!.text) === 'section') {
      this.ctx.use(GOALS_LABELS.lookup(cells[0]!.text));
      cells = cells.slice(1);
    }
    p.lines.goals.push(line);
    if (cells.length === 0) return;
    const expected: string[] = [];
    const actual: string[] = [];
    cells.forEach((c, i) => {
      // By the header's columns; without them, the first text is the expected goal.
      const isActual = this.actualCol !== null ? c.col >= this.actualCol : i > 0;
      (isActual ? actual : expected).push(stripHtml(c.text));
    });
    if (p.goals) {
      // Continuation (text broken over lines).
      if (expected.length) p.goals.expected = [p.goals.expected, ...expected].filter(Boolean).join('\n');
      if (actual.length) p.goals.actual = [p.goals.actual, ...actual].filter(Boolean).join('\n');
    } else {
      p.goals = { line, expected: expected.join('\n'), actual: actual.join('\n') };
    }
  }

  /** `2.项目实施内容及过程概述 | text`: narrative beside the goals, kept as text. */
  process(ne: NE[], line: number): void {
    this.ctx.use(GOALS_LABELS.lookup(ne[0]!.text));
    this.ctx.text('goals', line, ne[0]!.text, ne.slice(1));
  }
}
