/**
 * The content-driven table parser. It reads rows one at a time and decides
 * what each row is from its labels, the vocabulary and the shape of its
 * values — never from fixed column positions, which the exports do not keep.
 * Blocks are emitted as soon as the next title (or the end) is seen, so the
 * parser works the same on a whole file and on a stream of lines.
 */
import { finding, type Finding, type ProjectRef } from '../findings.js';
import { Cell, type Funds, type FundsRow, type Indicator, type Project } from '../model.js';
import { isPlaceholder, parseNumber, parsePercentCell } from '../number.js';
import { clean, excerpt, stripHtml } from '../text.js';
import { parseActual, parseTarget } from './target.js';
import {
  asLevel1,
  asLevel2,
  fundsKind,
  fundsRole,
  indicatorRole,
  labelKey,
  LEVEL1,
  LEVEL2_PARENT,
  TITLE_RE,
  type FundsRole,
  type IndicatorRole,
} from './vocab.js';

interface NE {
  col: number;
  text: string;
}

/** A parsed block and the findings raised while reading it. */
export interface ParsedBlock {
  project: Project;
  findings: Finding[];
}

const NAME_LABELS = new Set(['项目名称']);
const DEPT_LABELS = new Set(['主管部门', '主管单位']);
const IMPL_LABELS = new Set(['实施单位', '项目单位', '预算单位', '项目实施单位']);
const GRADE_LABELS = new Set(['评分等级', '自评等级', '绩效等级', '等级']);
const TOTAL_LABELS = new Set(['总分', '合计', '总计', '合计得分', '总得分']);
const GOALS_LABELS = new Set(['年度总体目标', '总体目标', '年度目标']);
const MAX_PREAMBLE_FINDINGS = 20;
/** First-cell labels that start a part other than the indicators. */
const OTHER_PARTS = new Set([...NAME_LABELS, ...DEPT_LABELS, ...IMPL_LABELS, ...GOALS_LABELS, '预期目标', '年度资金总额', '资金总额']);

function nonEmpty(cells: readonly string[]): NE[] {
  const out: NE[] = [];
  for (let i = 0; i < cells.length; i++) {
    const t = clean(cells[i]!);
    if (t !== '') out.push({ col: i, text: t });
  }
  return out;
}

function isTitle(ne: readonly NE[]): boolean {
  return ne.length >= 1 && ne.length <= 2 && ne[0]!.text.length <= 60 && TITLE_RE.test(ne[0]!.text);
}

function isCostLevel(level1: string | null, level2: string | null): boolean {
  return level1 === '成本指标' || level2 === '成本指标' || (level2 !== null && level2.endsWith('成本指标'));
}

class BlockParser {
  readonly project: Project;
  readonly findings: Finding[] = [];
  private section: 'head' | 'funds' | 'goals' | 'indicators' | 'after' = 'head';
  private orphan: NE & { line: number } | null = null;
  private nameMissing = false;
  private fundsRoles: { role: FundsRole; col: number }[] | null = null;
  private indCols: Partial<Record<IndicatorRole, number>> | null = null;
  private lastLevel1: string | null = null;
  private lastLevel2: string | null = null;
  private goalsSeen = false;

  constructor(titleLine: number, title: string) {
    const funds: Funds = { total: null, currentYear: null, carryOver: null, other: null };
    this.project = {
      line: titleLine,
      title,
      name: null,
      department: null,
      implementer: null,
      unit: null,
      funds,
      goals: null,
      indicators: [],
      stated: { line: null, weightTotal: null, total: null, grade: null, gradeLine: null, gradeCol: null },
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
  }

  private get ref(): ProjectRef {
    return { name: this.project.name, line: this.project.line };
  }

  private add(f: Finding): void {
    this.findings.push(f);
  }

  private flushOrphan(): void {
    if (!this.orphan) return;
    this.add(finding('unrecognised-line', this.orphan.line, { args: { text: excerpt(this.orphan.text) } }));
    this.orphan = null;
  }

  row(cells: readonly string[], line: number, ne: NE[]): void {
    this.project.lines.end = line;
    // Labels are short; a long first cell (an indicator's name, goals text) needs no normalising.
    const first = ne[0]!.text.length <= 16 ? labelKey(ne[0]!.text) : ne[0]!.text;
    // Fast path for the bulk of a table: rows of the indicator section that carry no label of another part.
    if (this.section === 'indicators' && !OTHER_PARTS.has(first) && !first.startsWith('项目资金') && !cells.includes('一级指标')) {
      if (GRADE_LABELS.has(first)) return this.gradeRow(ne, line);
      if (this.isTotalRow(ne)) return this.totalRow(ne, line);
      return this.indicatorRow(cells, ne, line);
    }

    if (NAME_LABELS.has(first)) return this.nameRow(ne, line);
    if (this.nameMissing && this.section === 'head' && ne.length === 1 && !DEPT_LABELS.has(first)) {
      // The name sits on the line after its label.
      this.setNameOutside(ne[0]!.text, line);
      return;
    }
    if (DEPT_LABELS.has(first) || IMPL_LABELS.has(first)) {
      this.flushOrphan();
      return this.deptRow(ne, line);
    }
    if (first.startsWith('项目资金')) {
      this.flushOrphan();
      return this.fundsHeader(ne, line);
    }
    const kind = fundsKind(ne[0]!.text);
    if (kind && this.section !== 'indicators') {
      this.flushOrphan();
      return this.fundsRow(kind, cells, ne, line);
    }
    if (GRADE_LABELS.has(first)) return this.gradeRow(ne, line);
    if (this.isIndicatorHeader(ne)) {
      this.flushOrphan();
      return this.indicatorHeader(ne, line);
    }
    if (this.isGoalsHeader(ne)) {
      this.flushOrphan();
      if (this.project.lines.goalsHeader !== null) {
        this.add(finding('duplicate-label', line, { project: this.ref, args: { label: '预期目标', first: this.project.lines.goalsHeader } }));
        return;
      }
      this.project.lines.goalsHeader = line;
      this.section = 'goals';
      // "年度总体目标 → text → text" on the header line itself is content, not a header.
      return;
    }
    if (GOALS_LABELS.has(first) && this.section !== 'indicators') {
      this.flushOrphan();
      return this.goalsContent(ne.slice(1), line);
    }
    if (this.section === 'goals' && !this.goalsSeen) return this.goalsContent(ne, line);
    if (this.section !== 'indicators' && this.section !== 'head' && this.project.stated.line === null && this.isTotalRow(ne) && !GOALS_LABELS.has(first)) {
      this.flushOrphan();
      return this.totalRow(ne, line);
    }
    if (this.section === 'indicators') {
      if (this.isTotalRow(ne)) return this.totalRow(ne, line);
      return this.indicatorRow(cells, ne, line);
    }
    if (this.section === 'head' && ne.length === 1 && this.project.name === null && !this.orphan) {
      // Possibly the project name outside its cell (block 6): decided when 项目名称 comes.
      this.orphan = { ...ne[0]!, line };
      return;
    }
    this.add(finding('unrecognised-line', line, { project: this.ref, args: { text: excerpt(ne.map((n) => n.text).join(' | ')) } }));
  }

  private setNameOutside(name: string, line: number): void {
    this.project.name = name;
    this.project.lines.nameOutside = line;
    this.nameMissing = false;
    this.add(finding('name-outside-cell', line, { project: this.ref, args: { name } }));
  }

  private nameRow(ne: NE[], line: number): void {
    if (this.project.lines.name !== null) {
      this.add(finding('duplicate-label', line, { project: this.ref, args: { label: '项目名称', first: this.project.lines.name } }));
      return;
    }
    this.project.lines.name = line;
    if (ne.length >= 2) {
      this.flushOrphan();
      if (this.project.name === null) this.project.name = ne[1]!.text;
      if (ne.length > 2) this.add(finding('unrecognised-line', line, { project: this.ref, args: { text: excerpt(ne.slice(2).map((n) => n.text).join(' | ')) } }));
      return;
    }
    if (this.orphan) {
      const o = this.orphan;
      this.orphan = null;
      this.setNameOutside(o.text, o.line);
    } else {
      this.nameMissing = true;
    }
  }

  private deptRow(ne: NE[], line: number): void {
    if (this.project.lines.department !== null) {
      this.add(finding('duplicate-label', line, { project: this.ref, args: { label: labelKey(ne[0]!.text), first: this.project.lines.department } }));
      return;
    }
    this.project.lines.department = line;
    this.nameMissing = false;
    for (let i = 0; i < ne.length; i++) {
      const k = labelKey(ne[i]!.text);
      const next = ne[i + 1];
      const isLabel = (t: string) => DEPT_LABELS.has(labelKey(t)) || IMPL_LABELS.has(labelKey(t));
      if (DEPT_LABELS.has(k) && next && !isLabel(next.text)) {
        this.project.department = next.text;
        i++;
      } else if (IMPL_LABELS.has(k) && next && !isLabel(next.text)) {
        this.project.implementer = next.text;
        i++;
      }
    }
  }

  private fundsHeader(ne: NE[], line: number): void {
    // A repeated header is reported; its columns still apply to the rows that follow it.
    if (this.project.lines.fundsHeader !== null) {
      this.add(finding('duplicate-label', line, { project: this.ref, args: { label: '项目资金', first: this.project.lines.fundsHeader } }));
    } else this.project.lines.fundsHeader = line;
    this.nameMissing = false;
    const label = labelKey(ne[0]!.text);
    this.project.unit = /万元/.test(label) ? '万元' : /元/.test(label) ? '元' : null;
    const roles: { role: FundsRole; col: number }[] = [];
    for (const n of ne.slice(1)) {
      const role = fundsRole(n.text);
      if (role && !roles.some((r) => r.role === role)) roles.push({ role, col: n.col });
      // The unit sometimes sits in its own header cell: "项目资金 | （万元）".
      else if (!this.project.unit && /万元/.test(n.text)) this.project.unit = '万元';
      else if (!this.project.unit && /^[(（]?元[)）]?$/.test(n.text)) this.project.unit = '元';
    }
    this.fundsRoles = roles;
    this.section = 'funds';
  }

  private fundsRow(kind: NonNullable<ReturnType<typeof fundsKind>>, cells: readonly string[], ne: NE[], line: number): void {
    const project = this.project;
    if (project.funds[kind]) {
      this.add(finding('duplicate-label', line, { project: this.ref, args: { label: ne[0]!.text, first: project.funds[kind]!.line } }));
      return;
    }
    this.section = 'funds';
    const roles = this.fundsRoles ?? [
      { role: 'initialBudget', col: -1 },
      { role: 'budget', col: -1 },
      { role: 'executed', col: -1 },
      { role: 'weight', col: -1 },
      { role: 'rate', col: -1 },
      { role: 'score', col: -1 },
    ];
    const labelCol = ne[0]!.col;
    // Values after the label, by order; when their number does not fit the header, by the header's columns.
    let start = labelCol + 1;
    while (start < cells.length && clean(cells[start]!) === '') start++;
    let end = cells.length;
    while (end > start && clean(cells[end - 1]!) === '') end--;
    const cols: number[] = [];
    if (end - start === roles.length) {
      for (let i = 0; i < roles.length; i++) cols.push(start + i);
    } else if (roles.every((r) => r.col > labelCol) && !ne.slice(1).some((n) => !roles.some((r) => r.col === n.col))) {
      for (const r of roles) cols.push(r.col);
    } else {
      this.add(finding('funds-row-shape', line, { project: this.ref, args: { label: ne[0]!.text, values: end - start, columns: roles.length } }));
      for (let i = 0; i < roles.length; i++) cols.push(start + i);
    }
    const row: FundsRow = { kind, line, label: ne[0]!.text, initialBudget: null, budget: null, executed: null, weight: null, rate: null, score: null };
    roles.forEach((r, i) => {
      const col = cols[i]!;
      const raw = col < cells.length ? cells[col]! : '';
      row[r.role] = this.numberCell(raw, line, col, r.role === 'rate');
      const num = row[r.role]?.num;
      if (num && num.text.startsWith('-') && /[1-9]/.test(num.text) && (r.role === 'initialBudget' || r.role === 'budget' || r.role === 'executed')) {
        this.add(finding('negative-amount', line, { project: this.ref, stated: num.text, args: { column: r.role } }));
      }
    });
    project.funds[kind] = row;
  }

  /** A cell that should hold a number; malformed text is a finding, placeholders are null. */
  private numberCell(raw: string, line: number, col: number, percentAllowed = false): Cell {
    if (isPlaceholder(raw)) return new Cell(raw, line, col, null);
    const { num, percent } = percentAllowed ? parsePercentCell(raw) : { num: parseNumber(raw), percent: false };
    if (!num) this.add(finding('bad-number', line, { project: this.ref, stated: null, args: { text: excerpt(clean(raw)), col } }));
    return new Cell(raw, line, col, num, percent);
  }

  private isGoalsHeader(ne: NE[]): boolean {
    let expected = false;
    let actual = false;
    for (const n of ne) {
      const k = labelKey(n.text);
      if (k === '预期目标') expected = true;
      else if (k === '实际完成情况' || k === '实际完成') actual = true;
      else if (!GOALS_LABELS.has(k)) return false;
    }
    return expected && actual;
  }

  private goalsContent(texts: NE[], line: number): void {
    const p = this.project;
    this.section = 'goals';
    if (texts.length === 0) {
      // A bare 年度总体目标 label line (content follows).
      p.lines.goals.push(line);
      return;
    }
    const parts = texts.map((t) => stripHtml(t.text));
    if (p.goals) {
      // Continuation of the goals (text broken over lines).
      p.goals.actual = [p.goals.actual, ...parts].filter(Boolean).join('\n');
    } else {
      p.goals = { line, expected: parts[0] ?? '', actual: parts.slice(1).join('\n') };
    }
    p.lines.goals.push(line);
    this.goalsSeen = true;
  }

  private isIndicatorHeader(ne: NE[]): boolean {
    let l1 = false;
    let l3 = false;
    for (const n of ne) {
      const r = indicatorRole(n.text);
      if (r === 'level1') l1 = true;
      if (r === 'level3') l3 = true;
    }
    return l1 && l3;
  }

  private indicatorHeader(ne: NE[], line: number): void {
    if (this.project.lines.indicatorHeader !== null) {
      this.add(finding('duplicate-label', line, { project: this.ref, args: { label: '一级指标', first: this.project.lines.indicatorHeader } }));
    } else this.project.lines.indicatorHeader = line;
    const cols: Partial<Record<IndicatorRole, number>> = {};
    for (const n of ne) {
      const r = indicatorRole(n.text);
      if (r && cols[r] === undefined) cols[r] = n.col;
    }
    // Fill roles missing from the header by the standard order.
    const order: IndicatorRole[] = ['level1', 'level2', 'level3', 'target', 'actual', 'weight', 'score', 'reason'];
    order.forEach((r, i) => {
      if (cols[r] === undefined) cols[r] = i === 0 ? 0 : cols[order[i - 1]!]! + 1;
    });
    this.indCols = cols;
    this.section = 'indicators';
  }

  private isTotalRow(ne: NE[]): boolean {
    // A label and two numbers at the most.
    if (ne.length > 3) return false;
    const rest = TOTAL_LABELS.has(labelKey(ne[0]!.text)) ? ne.slice(1) : ne;
    if (rest.length === 0 || rest.length > 2) return rest.length === 0 && ne.length === 1;
    return rest.every((n) => parseNumber(n.text) !== null || isPlaceholder(n.text));
  }

  private totalRow(ne: NE[], line: number): void {
    const s = this.project.stated;
    if (s.line !== null) {
      this.add(finding('duplicate-label', line, { project: this.ref, args: { label: '总分', first: s.line } }));
      return;
    }
    s.line = line;
    const rest = TOTAL_LABELS.has(labelKey(ne[0]!.text)) ? ne.slice(1) : ne;
    const h = this.indCols;
    if (rest.length === 2) {
      s.weightTotal = this.numberCell(rest[0]!.text, line, rest[0]!.col);
      s.total = this.numberCell(rest[1]!.text, line, rest[1]!.col);
    } else if (rest.length === 1) {
      // One number: the weight total when it sits nearer the weight column (a table not self-scored).
      const c = rest[0]!.col;
      const nearWeight = h && Math.abs(c - h.weight!) < Math.abs(c - h.score!);
      if (nearWeight) s.weightTotal = this.numberCell(rest[0]!.text, line, c);
      else s.total = this.numberCell(rest[0]!.text, line, c);
    }
    this.section = 'after';
  }

  private gradeRow(ne: NE[], line: number): void {
    const s = this.project.stated;
    if (s.gradeLine !== null) {
      this.add(finding('duplicate-label', line, { project: this.ref, args: { label: '评分等级', first: s.gradeLine } }));
      return;
    }
    s.gradeLine = line;
    s.grade = ne[1]?.text ?? null;
    s.gradeCol = ne[1]?.col ?? null;
    this.section = 'after';
  }

  private indicatorRow(cells: readonly string[], ne: NE[], line: number): void {
    const h = this.indCols!;
    const nameLimit = h.level3! + 2;
    let l1: NE | null = null;
    let l2: NE | null = null;
    for (const n of ne) {
      if (n.col > nameLimit) break;
      if (n.text.length > 16) continue;
      const as2 = LEVEL2_PARENT.has(n.text) ? n.text : LEVEL1.has(n.text) ? null : asLevel2(n.text);
      const as1 = LEVEL1.has(n.text) ? n.text : as2 !== null ? null : asLevel1(n.text);
      // 成本指标 is a 一级 in the newer template and a 二级 of 产出指标 in the older one.
      if (as1 && as2) {
        if (!l1 && n.col <= h.level1! && !l2) l1 = n;
        else if (!l2) l2 = n;
      } else if (as1 && !l1 && !l2) l1 = n;
      else if (as2 && !l2) l2 = n;
    }
    // The row may have lost (or gained) leading cells: find how far it is shifted.
    const fits = (s: number): boolean => {
      const name = cells[h.level3! + s];
      const w = cells[h.weight! + s];
      if (name === undefined || clean(name) === '' || asLevel1(name) || asLevel2(name)) return false;
      if (w === undefined) return false;
      // Shape only (the cell is parsed once, below): a number starts with a digit or sign.
      const c = clean(w).charCodeAt(0);
      return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || isPlaceholder(w);
    };
    const guess = l2 ? l2.col - h.level2! : l1 ? l1.col - h.level1! : 0;
    let shift = guess;
    if (!fits(shift)) {
      const alt = [0, -1, 1, -2, 2].find((s) => s !== guess && fits(s));
      if (alt !== undefined) shift = alt;
    }
    const at = (role: IndicatorRole): { raw: string; col: number } => {
      const col = h[role]! + shift;
      return { raw: col >= 0 && col < cells.length ? cells[col]! : '', col };
    };
    const nameCell = at('level3');
    const name = clean(nameCell.raw);
    if (name === '' && !fits(shift)) {
      this.add(finding('unrecognised-line', line, { project: this.ref, args: { text: excerpt(ne.map((n) => n.text).join(' | ')) } }));
      return;
    }
    // Levels: the 二级 name decides the 一级; an empty 二级 belongs to the one above.
    let level2: string | null = l2 ? asLevel2(l2.text) : null;
    if (!level2) {
      const c = at('level2');
      const t = clean(c.raw);
      if (t !== '' && (!l1 || c.col !== l1.col)) {
        level2 = t;
        if (t !== this.lastLevel2) this.add(finding('unknown-level', line, { project: this.ref, args: { level2: t } }));
      } else level2 = this.lastLevel2;
    }
    const level1FromCell = l1 ? asLevel1(l1.text) : null;
    let level1 = level2 ? (LEVEL2_PARENT.get(level2) ?? null) : null;
    if (level1 && level1FromCell && level1 !== level1FromCell && !(level1FromCell === '成本指标' && level2?.endsWith('成本指标'))) {
      this.add(finding('level-mismatch', line, { project: this.ref, args: { level1: level1FromCell, level2: level2!, expected: level1 } }));
    }
    if (!level1) level1 = level1FromCell ?? this.lastLevel1;
    if (level2 === '成本指标' && level1FromCell === '成本指标' && !l2) level2 = this.lastLevel2;
    this.lastLevel1 = level1;
    this.lastLevel2 = level2;

    const t = at('target');
    const a = at('actual');
    const w = at('weight');
    const sc = at('score');
    const reasonStart = h.reason! + shift;
    let reason = '';
    for (let i = Math.max(reasonStart, 0); i < cells.length; i++) {
      const c = clean(cells[i]!);
      if (c !== '') reason = reason === '' ? c : `${reason} ${c}`;
    }
    const target = parseTarget(t.raw, t.col, isCostLevel(level1, level2));
    const ind: Indicator = {
      line,
      level1,
      level2,
      name,
      target,
      actual: parseActual(a.raw, a.col),
      weight: this.numberCell(w.raw, line, w.col),
      score: this.numberCell(sc.raw, line, sc.col),
      reason: stripHtml(reason),
      shift,
    };
    if (target.kind === 'defect') {
      this.add(finding('target-operator-defect', line, { project: this.ref, stated: clean(target.raw), args: { name, target: clean(target.raw) } }));
    } else if (target.kind === 'unknown-op') {
      this.add(finding('unknown-operator', line, { project: this.ref, stated: clean(target.raw), args: { name, op: target.opRaw } }));
    }
    this.project.indicators.push(ind);
  }

  /** Close the block: report what a complete table would have had. */
  finish(): ParsedBlock {
    this.flushOrphan();
    const p = this.project;
    const missing = (section: string, line: number) => this.add(finding('missing-section', line, { project: this.ref, args: { section } }));
    const notSelfScored = p.indicators.length > 0 && p.indicators.every((i) => !i.score?.num) && !p.stated.total?.num;
    if (p.name === null) missing('name', p.line);
    if (!p.funds.total) missing('funds', p.line);
    if (p.indicators.length === 0) missing('indicators', p.line);
    // A table not self-scored is said once, not as a missing total and grade too.
    if (notSelfScored) this.add(finding('not-self-scored', p.line, { project: this.ref, args: { indicators: p.indicators.length } }));
    else {
      if (p.stated.line === null) missing('total', p.lines.end);
      if (p.stated.gradeLine === null) missing('grade', p.lines.end);
    }
    // Findings raised before the name was known get the final reference.
    for (const f of this.findings) if (f.project) f.project = this.ref;
    return { project: p, findings: this.findings };
  }
}

/**
 * Reads rows of one file and yields blocks. Feed rows in order with their
 * physical line numbers; call `end()` once.
 */
/** A line that may be the first half of a title split over two lines ("某区财政项目支出" / "绩效自评表"). */
function titleStart(ne: readonly NE[]): boolean {
  return ne.length === 1 && ne[0]!.text.length <= 40 && /(财政|项目支出|绩效)/.test(ne[0]!.text) && !/[\d.]{3}/.test(ne[0]!.text);
}

/**
 * Whether a parser started fresh at `line` reads from there on exactly as one
 * that read everything before: true for a title line (which always starts a
 * block) whose previous non-blank line `prev` could not be the first half of
 * a two-line title. Lines are raw text without their ending.
 */
export function startsBlockAlone(line: string, prev: string | null): boolean {
  if (!isTitle(nonEmpty(line.split('\t')))) return false;
  return prev === null || !titleStart(nonEmpty(prev.split('\t')));
}

/** Whether a raw line holds any non-blank cell (blank lines are skipped by the parser). */
export function isBlankLine(line: string): boolean {
  return nonEmpty(line.split('\t')).length === 0;
}

export class TableParser {
  private block: BlockParser | null = null;
  /** A held line that may start a two-line title; released with the next row. */
  private held: { cells: readonly string[]; line: number; ne: NE[] } | null = null;
  /** Lines outside any block: the first ones one by one, the rest as one range. */
  private loose: { line: number; text: string }[] = [];
  private looseRest: { first: number; last: number; text: string; count: number } | null = null;
  readonly fileFindings: Finding[] = [];
  projects = 0;

  constructor(private readonly onBlock: (b: ParsedBlock) => void) {}

  /** One row of cells from physical line `line` (1-based). */
  row(cells: readonly string[], line: number): void {
    const ne = nonEmpty(cells);
    if (ne.length === 0) return;
    const held = this.held;
    if (held) {
      this.held = null;
      const joined = [{ col: held.ne[0]!.col, text: held.ne[0]!.text + ne[0]!.text }];
      if (ne.length === 1 && isTitle(joined)) {
        this.startBlock(held.line, joined[0]!.text, []);
        this.block!.project.lines.title.push(line);
        return;
      }
      this.dispatch(held.cells, held.line, held.ne);
    }
    if (!isTitle(ne) && titleStart(ne) && (!this.block || this.block.project.stated.gradeLine !== null || this.block.project.lines.name === null)) {
      this.held = { cells, line, ne };
      return;
    }
    this.dispatch(cells, line, ne);
  }

  private startBlock(line: number, title: string, extra: NE[]): void {
    this.flushLoose();
    this.closeBlock();
    this.block = new BlockParser(line, title);
    if (extra.length > 0) this.block.findings.push(finding('unrecognised-line', line, { args: { text: excerpt(extra.map((n) => n.text).join(' | ')) } }));
  }

  private dispatch(cells: readonly string[], line: number, ne: NE[]): void {
    if (isTitle(ne)) {
      this.startBlock(line, ne[0]!.text, ne.slice(1));
      return;
    }
    if (!this.block) {
      const text = ne.map((n) => n.text).join(' | ');
      if (this.loose.length < MAX_PREAMBLE_FINDINGS - 1) this.loose.push({ line, text });
      else if (!this.looseRest) this.looseRest = { first: line, last: line, text, count: 1 };
      else {
        this.looseRest.last = line;
        this.looseRest.count++;
      }
      return;
    }
    this.block.row(cells, line, ne);
  }

  private flushLoose(): void {
    const code = this.projects === 0 ? 'text-before-title' : 'unrecognised-line';
    for (const p of this.loose) this.fileFindings.push(finding(code, p.line, { args: { text: excerpt(p.text) } }));
    const r = this.looseRest;
    if (r) this.fileFindings.push(finding(code, r.first, { endLine: r.last, args: { text: excerpt(r.text), lines: r.count } }));
    this.loose = [];
    this.looseRest = null;
  }

  private closeBlock(): void {
    if (!this.block) return;
    const b = this.block.finish();
    this.block = null;
    this.projects++;
    this.onBlock(b);
  }

  /** End of input. */
  end(): void {
    if (this.held) {
      const h = this.held;
      this.held = null;
      this.dispatch(h.cells, h.line, h.ne);
    }
    this.flushLoose();
    this.closeBlock();
  }
}
