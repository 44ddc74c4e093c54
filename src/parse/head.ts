/** The head of a table: 项目名称, 主管部门 / 实施单位, and other labelled pairs (项目负责人及电话 …). */
import { finding } from '../findings.js';
import { excerpt } from '../text.js';
import { joinCells, type BlockContext, type NE } from './context.js';
import { HEAD_LABELS, labelKey, type HeadField } from './vocab.js';

export class HeadReader {
  /** A lone line before 项目名称 that may be the name outside its cell (sample block 6). */
  private orphan: (NE & { line: number }) | null = null;
  /** 项目名称 stood alone on its line: the name may follow on the next one. */
  private nameMissing = false;

  constructor(private readonly ctx: BlockContext) {}

  static field(cell: string): HeadField | null {
    return HEAD_LABELS.lookup(cell)?.value ?? null;
  }

  /** A row whose first cell is a head label: label / value pairs. */
  row(ne: NE[], line: number): void {
    const p = this.ctx.project;
    const first = HeadReader.field(ne[0]!.text)!;
    if (first === 'name') {
      if (p.lines.name !== null) return this.duplicate(ne, line, p.lines.name);
      p.lines.name = line;
      if (ne.length === 1) {
        if (this.orphan) {
          const o = this.orphan;
          this.orphan = null;
          this.nameOutside(o.text, o.line);
        } else this.nameMissing = true;
        return;
      }
    } else {
      if (p.lines.department !== null && (first === 'department' || first === 'implementer')) return this.duplicate(ne, line, p.lines.department);
      this.flushOrphan();
      this.nameMissing = false;
      if (first === 'department' || first === 'implementer') p.lines.department = line;
    }
    this.flushOrphan();
    const left: NE[] = [];
    for (let i = 0; i < ne.length; i++) {
      const entry = this.ctx.use(HEAD_LABELS.lookup(ne[i]!.text));
      if (!entry) {
        left.push(ne[i]!);
        continue;
      }
      const next = ne[i + 1];
      const value = next && !HEAD_LABELS.lookup(next.text) ? next : null;
      if (value) i++;
      const text = value?.text ?? null;
      if (entry.value === 'name' && text !== null && p.name === null) p.name = text;
      else if (entry.value === 'department' && text !== null && p.department === null) p.department = text;
      else if (entry.value === 'implementer' && text !== null && p.implementer === null) p.implementer = text;
      else if (entry.value === 'other' || text !== null) this.ctx.text('head', line, ne[i - (value ? 1 : 0)]!.text, value ? [value] : []);
    }
    if (left.length > 0) this.ctx.add(finding('unrecognised-line', line, { project: this.ctx.ref, args: { text: excerpt(joinCells(left)) } }));
  }

  /**
   * A row of one cell in the head: the name after its lone label, or a
   * candidate for the name before it. Returns false when it is neither.
   */
  single(ne: NE[], line: number): boolean {
    const p = this.ctx.project;
    if (ne.length !== 1) return false;
    if (this.nameMissing) {
      this.nameOutside(ne[0]!.text, line);
      return true;
    }
    if (p.name === null && !this.orphan) {
      this.orphan = { ...ne[0]!, line };
      return true;
    }
    return false;
  }

  private nameOutside(name: string, line: number): void {
    const p = this.ctx.project;
    p.name = name;
    p.lines.nameOutside = line;
    this.nameMissing = false;
    this.ctx.add(finding('name-outside-cell', line, { project: this.ctx.ref, args: { name } }));
  }

  private duplicate(ne: NE[], line: number, first: number): void {
    this.ctx.add(finding('duplicate-label', line, { project: this.ctx.ref, args: { label: labelKey(ne[0]!.text), first } }));
  }

  /** Any other row ends the head: a held lone line was not the name. */
  flushOrphan(): void {
    this.nameMissing = false;
    if (!this.orphan) return;
    this.ctx.add(finding('unrecognised-line', this.orphan.line, { args: { text: excerpt(this.orphan.text) } }));
    this.orphan = null;
  }
}
