/**
 * One block (one table): rows are classified, then handed to the reader of
 * their section. At the end the block says what a complete table would
 * have had, and which template it was read as.
 */
import { finding, type Finding } from '../findings.js';
import type { Project } from '../model.js';
import { parseNumber, parseNumberWithUnit } from '../number.js';
import { classify, type Section } from './classify.js';
import { BlockContext, type NE } from './context.js';
import { FundsReader } from './funds.js';
import { GoalsReader } from './goals.js';
import { HeadReader } from './head.js';
import { IndicatorReader } from './indicators.js';
import { PREAMBLE, TAIL_LABELS, TEMPLATES, YEAR_LINE, type Entry, type TemplateId } from './vocab.js';

/** A parsed block and the findings raised while reading it. */
export interface ParsedBlock {
  project: Project;
  findings: Finding[];
}

/** An amount as a funds cell may write it: a number, or one with the table's unit (`10.00万元`). */
const isAmount = (text: string, unit: string | null): boolean => parseNumber(text) !== null || (unit !== null && parseNumberWithUnit(text, unit) !== null);

export class BlockParser {
  private readonly ctx: BlockContext;
  private section: Section = 'head';
  /** A row of the goals was read since the goals header (see classify). */
  private goalsRead = true;
  private readonly head: HeadReader;
  private readonly funds: FundsReader;
  private readonly goals: GoalsReader;
  private readonly indicators: IndicatorReader;

  constructor(titleLine: number, title: string, titleEntry: Entry<unknown> | null) {
    const project: Project = {
      line: titleLine,
      title,
      template: 'generic',
      name: null,
      department: null,
      implementer: null,
      unit: null,
      funds: { total: null, subRows: [] },
      goals: null,
      levels: [],
      indicators: [],
      stated: { line: null, weightTotal: null, total: null, grade: null, gradeLine: null, gradeCol: null },
      texts: [],
      lines: {
        title: [titleLine],
        name: null,
        nameOutside: null,
        department: null,
        fundsHeader: null,
        goalsHeader: null,
        goals: [],
        indicatorHeader: null,
        end: titleLine,
      },
    };
    this.ctx = new BlockContext(project);
    this.ctx.use(titleEntry);
    this.head = new HeadReader(this.ctx);
    this.funds = new FundsReader(this.ctx);
    this.goals = new GoalsReader(this.ctx);
    this.indicators = new IndicatorReader(this.ctx);
  }

  get project(): Project {
    return this.ctx.project;
  }

  get findings(): Finding[] {
    return this.ctx.findings;
  }

  /** Rows that came before the title and belong to it (附件:, 报表编号:, a report heading). */
  preamble(ne: NE[], line: number): void {
    this.ctx.use(PREAMBLE.lookup(ne[0]!.text.slice(0, 60)));
    this.ctx.text('preamble', line, ne[0]!.text, ne.slice(1));
  }

  /** Cells of the title row besides the title (`部门:…`). */
  titleRest(ne: NE[], line: number): void {
    if (ne.length > 0) this.ctx.text('title', line, null, ne);
  }

  row(cells: readonly string[], line: number, ne: NE[]): void {
    this.project.lines.end = line;
    const part = this.pendingHeaderPart(ne);
    if (part) this.ctx.unrecognised(part.line, part.ne);
    const c = classify(ne, this.section, this.project.stated.line !== null, this.goalsRead);
    if (c.kind !== 'head' && c.kind !== 'head-single' && c.kind !== 'year') this.head.flushOrphan();
    switch (c.kind) {
      case 'year':
        this.ctx.use(YEAR_LINE.lookup(ne[0]!.text));
        this.project.lines.title.push(line);
        return;
      case 'head':
        return this.head.row(ne, line);
      case 'head-single':
        if (!this.head.single(ne, line)) this.ctx.unrecognised(line, ne);
        return;
      case 'funds-header':
        this.section = 'funds';
        return this.funds.header(ne, line);
      case 'funds-row':
        this.section = 'funds';
        return this.funds.row(c.funds, cells, ne, line);
      case 'goals-header':
        this.section = 'goals';
        this.goalsRead = false;
        return this.goals.header(ne, line);
      case 'goals':
        this.section = 'goals';
        this.goalsRead = true;
        if (c.label === 'process') return this.goals.process(ne, line);
        return this.goals.content(ne, line);
      case 'indicator-header-part':
        return this.indicators.headerPart(ne, line);
      case 'indicator-header':
        this.section = 'indicators';
        return this.indicators.header(ne, line);
      case 'indicator':
        return this.indicators.row(cells, ne, line);
      case 'total':
        this.section = 'after';
        return this.indicators.total(ne, line);
      case 'grade':
        this.section = 'after';
        return this.indicators.grade(ne, line);
      case 'tail':
        this.section = 'after';
        this.ctx.use(TAIL_LABELS.lookup(ne[0]!.text.slice(0, 60)));
        return this.ctx.text('tail', line, ne[0]!.text, ne.slice(1));
      case 'preamble':
        return this.preamble(ne, line);
      case 'unknown':
        // A row with amounts in the funds section that no label names: the sub-rows do not add up without it.
        if (this.section === 'funds' && ne.slice(1).some((n) => isAmount(n.text, this.project.unit))) (this.project.funds.unread ??= []).push({ line, label: ne[0]!.text });
        return this.ctx.unrecognised(line, ne);
    }
  }

  /** A first header row is only kept when the next row completes it. */
  private pendingHeaderPart(ne: NE[]): { ne: NE[]; line: number } | null {
    if (!this.indicators.hasPart || IndicatorReader.isHeader(ne)) return null;
    return this.indicators.takePart();
  }

  /** Close the block: report what a complete table would have had. */
  finish(): ParsedBlock {
    this.head.flushOrphan();
    this.indicators.flushUnread();
    const left = this.indicators.takePart();
    if (left) this.ctx.unrecognised(left.line, left.ne);
    const p = this.project;
    const ref = this.ctx.ref;
    const missing = (section: 'name' | 'funds' | 'indicators' | 'total', line: number) => this.ctx.add(finding('missing-section', line, { project: ref, args: { section } }));
    const notSelfScored = p.indicators.length > 0 && p.indicators.every((i) => !i.score?.num) && !p.stated.total?.num;
    if (p.name === null) missing('name', p.line);
    if (!p.funds.total) missing('funds', p.line);
    if (p.indicators.length === 0) missing('indicators', p.line);
    // A table not self-scored is said once, not as a missing total too. A grade row is not required: most templates have none.
    if (notSelfScored) this.ctx.add(finding('not-self-scored', p.line, { project: ref, args: { indicators: p.indicators.length } }));
    else if (p.stated.line === null) missing('total', p.lines.end);
    p.template = templateOf(this.ctx);
    p.texts.sort((a, b) => a.line - b.line);
    // Findings raised before the name was known get the final reference.
    for (const f of this.ctx.findings) if (f.project) f.project = ref;
    return { project: p, findings: this.ctx.findings };
  }
}

/** The template whose characteristic labels the block used most; ties go to the more specific (earlier) template. */
function templateOf(ctx: BlockContext): TemplateId {
  const count = new Map<TemplateId, number>();
  for (const e of ctx.used) if (e.template !== 'common') count.set(e.template, (count.get(e.template) ?? 0) + 1);
  for (const m of ctx.marks) count.set(m, (count.get(m) ?? 0) + 1);
  let best: TemplateId = 'generic';
  let most = 0;
  for (const t of TEMPLATES) {
    const n = count.get(t.id) ?? 0;
    if (n > most) {
      best = t.id;
      most = n;
    }
  }
  return best;
}
