/**
 * The indicator block: a header (one row, or two merged column by column)
 * maps every column to a role by its text; rows are indicators, group rows
 * (a 一级 / 二级 label alone, inherited by the rows below), placeholders,
 * children of the indicator above (`其中…`), the total row and the grade.
 */
import { finding } from '../findings.js';
import { Cell, type Indicator, type Target } from '../model.js';
import { isPlaceholder, parseNumber, parseNumberWithUnit } from '../number.js';
import { clean, detach, excerpt, stripHtml } from '../text.js';
import type { BlockContext, NE } from './context.js';
import { operatorAt, parseActual, parseTarget } from './target.js';
import {
  asLevel1Label,
  asLevel2,
  DIRECTIONS,
  GRADE_LABELS,
  INDICATOR_HEADERS,
  INDICATOR_ROLES,
  labelKey,
  splitLevelWeight,
  LEVEL1,
  LEVEL2_PARENT,
  PLACEHOLDER_NAMES,
  TOTAL_LABELS,
  type Entry,
  type IndicatorRole,
} from './vocab.js';

export type Columns = Partial<Record<IndicatorRole, number>>;

/** Label cells are short; a longer one is a name or a text. */
const MAX_LABEL = 24;

// Header cells repeat in every block, and every row is tested for being a header: the lookups are remembered.
const roles = new Map<string, IndicatorRole | null>();

function roleOf(cell: string): IndicatorRole | null {
  if (cell.length > MAX_LABEL) return null;
  let r = roles.get(cell);
  if (r === undefined) {
    r = INDICATOR_ROLES.lookup(cell)?.value ?? null;
    if (roles.size >= 4096) roles.clear();
    roles.set(detach(cell), r);
  }
  return r;
}

/** A cell that names the 三级 column (`三级指标`, `三 级 指 标`), found without a lookup per cell. */
const namesLevel3 = (n: NE): boolean => n.text.length <= 12 && n.text.includes('三') && roleOf(n.text) === 'level3';

/** A header cell that names no column read (`group`: a label over the rows, such as 绩效指标). */
export interface UnreadColumn {
  col: number;
  header: string;
  group: boolean;
}

/**
 * What an indicator header's cells say: the column of each role (the first cell naming it), and the cells that
 * name no column read, but those right of the reason up to the next column read (a long reason spills over
 * them: their cells are the reason's). `use` sees every vocabulary entry that matched.
 */
export function headerColumns(ne: readonly NE[], use: <V>(e: Entry<V> | null) => Entry<V> | null = (e) => e): { cols: Columns; unread: UnreadColumn[]; reasonEnd: number } {
  const cols: Columns = {};
  const other: UnreadColumn[] = [];
  for (const n of ne) {
    const entry = n.text.length <= MAX_LABEL ? use(INDICATOR_ROLES.lookup(n.text)) : null;
    if (entry && cols[entry.value] === undefined) cols[entry.value] = n.col;
    else other.push({ col: n.col, header: n.text, group: !entry && use(INDICATOR_HEADERS.lookup(n.text)) !== null });
  }
  let reasonEnd = Infinity;
  if (cols.reason !== undefined) for (const c of Object.values(cols)) if (c > cols.reason && c < reasonEnd) reasonEnd = c;
  const mapped = new Set(Object.values(cols));
  const unread = other.filter((u) => !mapped.has(u.col) && !(cols.reason !== undefined && u.col > cols.reason && u.col < reasonEnd));
  return { cols, unread, reasonEnd };
}

export function isCostLevel(level1: string | null, level2: string | null): boolean {
  return level1 === '成本指标' || level2 === '成本指标' || (level2 !== null && level2.endsWith('成本指标'));
}

/** Looks like a number (or a placeholder): the shape a weight or score cell has. */
export function numberShaped(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  const c = clean(raw).charCodeAt(0);
  // (Full width too: ０-９, ＋, －.)
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || (c >= 0xff10 && c <= 0xff19) || c === 0xff0b || c === 0xff0d || isPlaceholder(raw);
}

const CHILD_RE = /^其中/;
const NUMBERED_TOP = /^[一二三四五六七八九十]{1,3}[、.]/;
const NUMBERED_SUB = /^\d{1,2}[、.]/;

export class IndicatorReader {
  private cols: Columns | null = null;
  /** Header cells that name no column read here (and are not the reason's spill-over): their cells are counted. */
  private unread: { col: number; header: string; line: number; cells: number; sample: string[]; group: boolean }[] = [];
  /** Columns with a header cell, and the reason's span (its column up to the next read): a cell anywhere else has no column. */
  private headed: ReadonlySet<number> = new Set();
  private reasonSpan: readonly [number, number] | null = null;
  private headerLine = 0;
  /** First row of a two-row header, waiting for the second. */
  private part: { ne: NE[]; line: number } | null = null;
  private lastLevel1: string | null = null;
  private lastLevel2: string | null = null;
  /** The last 一级 cell that named no level (a vertically merged cell prints once; said once). */
  private lastUnknownLevel1: string | null = null;
  /** Text of the last 一级 label recorded (a vertically merged label prints once). */
  private lastLevelLabel: string | null = null;

  constructor(private readonly ctx: BlockContext) {}

  /** A first header row waits for its second. */
  get hasPart(): boolean {
    return this.part !== null;
  }

  /** A header row: it names the 三级 column and a level column. */
  static isHeader(ne: readonly NE[]): boolean {
    if (!ne.some(namesLevel3)) return false;
    let level = false;
    let l3 = false;
    for (const n of ne) {
      const r = roleOf(n.text);
      if (r === 'level1' || r === 'level2') level = true;
      else if (r === 'level3') l3 = true;
    }
    return level && l3;
  }

  /** The first row of a two-row header: value columns named, the levels on the row below. */
  static isHeaderPart(ne: readonly NE[]): boolean {
    if (ne.length < 3) return false;
    let roles = 0;
    for (const n of ne) {
      // A header holds no numbers: most rows are rejected here without a lookup.
      const c = n.text.charCodeAt(0);
      if (c >= 0x30 && c <= 0x39) return false;
      const r = roleOf(n.text);
      if (r === 'level1' || r === 'level2' || r === 'level3') return false;
      if (r) roles++;
      else if (!(n === ne[0] && INDICATOR_HEADERS.lookup(n.text))) return false;
    }
    return roles >= 3;
  }

  headerPart(ne: NE[], line: number): void {
    this.part = { ne, line };
  }

  /** A pending first header row that no second row completed. */
  takePart(): { ne: NE[]; line: number } | null {
    const p = this.part;
    this.part = null;
    return p;
  }

  header(ne: NE[], line: number): void {
    const p = this.ctx.project;
    const part = this.takePart();
    let cells = ne;
    if (part) {
      // Two rows merged column by column: a cell of the second row wins, an empty one inherits the first row's label.
      const byCol = new Map<number, NE>();
      for (const n of part.ne) byCol.set(n.col, n);
      for (const n of ne) byCol.set(n.col, n);
      cells = [...byCol.values()].sort((a, b) => a.col - b.col);
      this.ctx.marks.push('yn-two-row');
      this.ctx.text('header', line, null, ne);
    }
    const headerLine = part ? part.line : line;
    // A template with a header per annual goal (年度绩效目标1, 年度绩效目标2 …) repeats it over each goal's rows.
    const goal = INDICATOR_HEADERS.lookup(cells[0]!.text)?.value === 'goal';
    if (goal) {
      const first = cells[0]!;
      const w = splitLevelWeight(first.text).weight;
      (p.goalBlocks ??= []).push({ line: headerLine, col: first.col, label: first.text, weight: w !== null ? new Cell(first.text, headerLine, first.col, parseNumber(w)) : null });
    }
    if (p.lines.indicatorHeader !== null && !goal) {
      this.ctx.add(finding('duplicate-label', headerLine, { project: this.ctx.ref, args: { label: '一级指标', first: p.lines.indicatorHeader } }));
    } else p.lines.indicatorHeader ??= headerLine;
    this.flushUnread();
    const { cols, unread, reasonEnd } = headerColumns(cells, (e) => this.ctx.use(e));
    this.cols = cols;
    this.headed = new Set(cells.map((n) => n.col));
    this.reasonSpan = cols.reason !== undefined ? [cols.reason, reasonEnd] : null;
    this.headerLine = headerLine;
    for (const u of unread) this.unread.push({ ...u, line: headerLine, cells: 0, sample: [] });
  }

  /** What the columns not read held: one note per column, at its header. */
  flushUnread(): void {
    for (const u of this.unread) {
      // A group label over the rows (绩效指标, merged down the column) is understood: said only when its column holds text.
      if (u.group && u.cells === 0) continue;
      this.ctx.add(finding('column-not-read', u.line, { project: this.ctx.ref, args: { header: excerpt(u.header), col: u.col, cells: u.cells, sample: excerpt(u.sample.join(' / ')) } }));
    }
    this.unread = [];
  }

  /** A label and two numbers at the most (a grade may follow): the total row. */
  static isTotal(ne: readonly NE[], labelled = ne[0]!.text.length <= MAX_LABEL && TOTAL_LABELS.lookup(ne[0]!.text) !== null): boolean {
    if (ne.length > 5) return false;
    let rest = labelled ? ne.slice(1) : ne;
    rest = stripGrade(rest);
    if (rest.length === 0) return labelled || ne.length === 0;
    if (rest.length > 2) return false;
    return rest.every((n) => parseNumber(n.text) !== null || parseNumberWithUnit(n.text, '分') !== null || (labelled && isPlaceholder(n.text)));
  }

  total(ne: NE[], line: number): void {
    const s = this.ctx.project.stated;
    if (s.line !== null) {
      this.ctx.add(finding('duplicate-label', line, { project: this.ctx.ref, args: { label: '总分', first: s.line } }));
      return;
    }
    s.line = line;
    const labelled = TOTAL_LABELS.lookup(ne[0]!.text) !== null;
    if (labelled) this.ctx.use(TOTAL_LABELS.lookup(ne[0]!.text));
    const all = labelled ? ne.slice(1) : ne;
    const rest = stripGrade(all);
    if (rest.length < all.length) {
      const g = all[all.length - 1]!;
      s.grade = g.text;
      s.gradeLine = line;
      s.gradeCol = g.col;
    }
    const h = this.cols;
    // Each number under the column it is nearer to (weight or score); a tie keeps the order weight, total.
    const nearer = (c: number): 'weight' | 'score' | null => {
      if (!h) return null;
      const dw = h.weight !== undefined ? Math.abs(c - h.weight) : Infinity;
      const ds = h.score !== undefined ? Math.abs(c - h.score) : Infinity;
      if (dw === ds) return null;
      return dw < ds ? 'weight' : 'score';
    };
    if (rest.length === 2) {
      const [a, b] = rest as [NE, NE];
      const ra = nearer(a.col);
      const rb = nearer(b.col);
      const swap = ra === 'score' && rb === 'weight';
      const [w, t] = swap ? [b, a] : [a, b];
      s.weightTotal = this.ctx.numberCell(w.text, line, w.col, false, '分');
      s.total = this.ctx.numberCell(t.text, line, t.col, false, '分');
    } else if (rest.length === 1) {
      const c = rest[0]!;
      // One number: the weight total when it sits under the weight column (a table not self-scored).
      if (nearer(c.col) === 'weight') s.weightTotal = this.ctx.numberCell(c.text, line, c.col, false, '分');
      else s.total = this.ctx.numberCell(c.text, line, c.col, false, '分');
    }
  }

  grade(ne: NE[], line: number): void {
    const s = this.ctx.project.stated;
    if (s.gradeLine !== null) {
      this.ctx.add(finding('duplicate-label', line, { project: this.ctx.ref, args: { label: '评分等级', first: s.gradeLine } }));
      return;
    }
    this.ctx.use(GRADE_LABELS.lookup(ne[0]!.text));
    s.gradeLine = line;
    s.grade = ne[1]?.text ?? null;
    s.gradeCol = ne[1]?.col ?? null;
    // Anything after the grade is not read: said, not dropped.
    if (ne.length > 2) this.ctx.unrecognised(line, ne.slice(2));
  }

  /** A row of the indicator section that is not a header, total or grade. */
  row(cells: readonly string[], ne: NE[], line: number): void {
    const h = this.cols!;
    const level3 = h.level3!;
    const { l1, l2 } = levelCells(ne, h);
    const weightCol = h.weight ?? h.score;
    // The row may have lost (or gained) leading cells: find how far it is shifted.
    const fits = (s: number): boolean => {
      const name = cells[level3 + s];
      if (name === undefined || clean(name) === '' || asLevel1Label(clean(name)) || asLevel2(clean(name))) return false;
      return weightCol === undefined || numberShaped(cells[weightCol + s]);
    };
    // How many of the weight and score cells hold a number under shift `s` (a shift that fits reads them).
    const numbers = (s: number): number => {
      let n = 0;
      for (const c of [h.weight, h.score]) if (c !== undefined && (parseNumber(clean(cells[c + s] ?? '')) ?? parseNumberWithUnit(cells[c + s] ?? '', '分')) !== null) n++;
      return n;
    };
    const guess = l2 && h.level2 !== undefined ? l2.col - h.level2 : l1 && h.level1 !== undefined ? l1.col - h.level1 : 0;
    let shift = guess;
    const full = (h.weight !== undefined ? 1 : 0) + (h.score !== undefined ? 1 : 0);
    // Every cell under its column, weight and score numbers, only the name left empty: the row is where it is
    // (read with no name, and said), not moved until some other cell looks like a name.
    const unnamed = full > 0 && clean(cells[level3 + guess] ?? '') === '' && numbers(guess) === full;
    if (!unnamed && !fits(shift)) {
      // Where the level label stands says how far the row moved, unless the row did not move as a whole (an empty
      // cell after its label, where a merged header cell left one): then, of the shifts that fit, the one that
      // reads a number in both the weight and the score, the nearest first
      // (`时效指标 ⇥ ⇥ 项目完成及时性 ⇥ 及时 ⇥ 达成指标 ⇥ 5.00 ⇥ 5.00` under a header with an empty column after 一级指标).
      let best = -1;
      for (const s of [0, -1, 1, -2, 2]) {
        if (s === guess || !fits(s)) continue;
        const n = numbers(s);
        if (n > best) [best, shift] = [n, s];
      }
    }
    const at = (role: IndicatorRole): { raw: string; col: number } | null => {
      const c = h[role];
      if (c === undefined) return null;
      const col = c + shift;
      return { raw: col >= 0 && col < cells.length ? cells[col]! : '', col };
    };
    const nameCell = at('level3')!;
    const name = clean(nameCell.raw);
    const labels = (l1 ? 1 : 0) + (l2 ? 1 : 0);
    // A row of level labels only: a group row the rows below inherit.
    if (ne.length === labels && labels > 0) {
      this.levels(l1, l2, line);
      this.ctx.text('group', line, null, ne);
      return;
    }
    // `指标2:`, `……`: a placeholder with nothing filled in.
    if (name !== '' && ne.every((n) => n === l1 || n === l2 || n.col === nameCell.col || isPlaceholder(n.text)) && PLACEHOLDER_NAMES.lookupKey(labelKey(name))) {
      this.ctx.use(PLACEHOLDER_NAMES.lookupKey(labelKey(name)));
      this.levels(l1, l2, line);
      this.ctx.text('placeholder', line, null, ne);
      return;
    }
    if (unnamed && labels < ne.length) this.ctx.add(finding('indicator-without-name', line, { project: this.ctx.ref, stated: null, args: { col: nameCell.col } }));
    else if (name === '' && !fits(shift)) {
      this.ctx.unrecognised(line, ne);
      return;
    }
    // Text in the 一级 column that is no 一级 label (nor the 二级 standing there): said, not dropped.
    const c1 = at('level1');
    const t1 = c1 && !l1 && !(l2 && l2.col === c1.col) ? clean(c1.raw) : '';
    if (t1 !== '' && t1 !== this.lastUnknownLevel1) this.ctx.add(finding('unknown-level', line, { project: this.ctx.ref, args: { level1: t1 } }));
    this.lastUnknownLevel1 = t1 !== '' ? t1 : l1 ? null : this.lastUnknownLevel1;
    const { level1, level2 } = this.levels(l1, l2, line, at('level2'));
    for (const u of this.unread) {
      const c = u.col + shift;
      const t = c >= 0 && c < cells.length ? clean(cells[c]!) : '';
      // (The header's own label repeated down the column is a merged cell filled in by the export, spaced or not.)
      if (t === '' || t === u.header || labelKey(t) === labelKey(u.header)) continue;
      u.cells++;
      if (u.sample.length < 3) u.sample.push(t);
    }
    // A cell under no header cell (right of the last one, with no reason column to spill into, or in a gap): its
    // column is said as one not read, with no header.
    for (const n of ne) {
      const c = n.col - shift;
      const r = this.reasonSpan;
      if (this.headed.has(c) || (r !== null && c > r[0] && c < r[1]) || n === l1 || n === l2) continue;
      let u = this.unread.find((x) => x.header === '' && x.col === c);
      if (!u) this.unread.push((u = { col: c, header: '', line: this.headerLine, cells: 0, sample: [], group: false }));
      u.cells++;
      if (u.sample.length < 3) u.sample.push(n.text);
    }
    const ind = this.read(cells, line, name, level1, level2, shift, at);
    const parent = this.ctx.project.indicators[this.ctx.project.indicators.length - 1];
    const unweighted = !ind.weight?.num;
    if (parent && unweighted && !l1 && !l2 && (CHILD_RE.test(name) || (NUMBERED_SUB.test(name) && NUMBERED_TOP.test(parent.name)))) {
      parent.children.push(ind);
      return;
    }
    this.ctx.project.indicators.push(ind);
  }

  /** Levels of a row: the 二级 name decides the 一级; an empty 二级 belongs to the one above. */
  private levels(l1: NE | null, l2: NE | null, line: number, level2Cell: { raw: string; col: number } | null = null): { level1: string | null; level2: string | null } {
    let level2: string | null = l2 ? asLevel2(l2.text) : null;
    if (!level2 && level2Cell && !l2) {
      const t = clean(level2Cell.raw);
      if (t !== '' && (!l1 || level2Cell.col !== l1.col)) {
        level2 = t;
        if (t !== this.lastLevel2) this.ctx.add(finding('unknown-level', line, { project: this.ctx.ref, args: { level2: t } }));
      }
    }
    const label = l1 ? asLevel1Label(l1.text) : null;
    const level1FromCell = label?.name ?? null;
    // A new 一级 label starts a new group: its 二级 is not inherited from the group above.
    if (!level2 && !(label && label.name !== null && label.name !== this.lastLevel1)) level2 = this.lastLevel2;
    let level1 = level2 ? (LEVEL2_PARENT.get(level2) ?? null) : null;
    if (level1 && level1FromCell && level1 !== level1FromCell && !(level1FromCell === '成本指标' && level2?.endsWith('成本指标'))) {
      this.ctx.add(finding('level-mismatch', line, { project: this.ctx.ref, args: { level1: level1FromCell, level2: level2!, expected: level1 } }));
    }
    if (!level1) level1 = level1FromCell ?? this.lastLevel1;
    if (level2 === '成本指标' && level1FromCell === '成本指标' && !l2) level2 = this.lastLevel2;
    // A label with its weight is kept (a plain 一级 name says nothing the indicators do not).
    if (l1 && label?.weight && l1.text !== this.lastLevelLabel) {
      this.lastLevelLabel = l1.text;
      this.ctx.project.levels.push({ line, col: l1.col, label: l1.text, name: level1, weight: new Cell(l1.text, line, l1.col, parseNumber(label.weight)) });
    }
    this.lastLevel1 = level1;
    this.lastLevel2 = level2;
    return { level1, level2 };
  }

  private read(
    cells: readonly string[],
    line: number,
    name: string,
    level1: string | null,
    level2: string | null,
    shift: number,
    at: (role: IndicatorRole) => { raw: string; col: number } | null,
  ): Indicator {
    const h = this.cols!;
    const t = at('target');
    const a = at('actual');
    const w = at('weight');
    const sc = at('score');
    const unit = h.unit === undefined ? '' : clean(at('unit')!.raw);
    let op = '';
    let direction: Indicator['direction'] = null;
    if (h.nature !== undefined || h.direction !== undefined) for (const role of ['nature', 'direction'] as const) {
      const c = at(role);
      if (!c) continue;
      const v = labelKey(clean(c.raw));
      const d = DIRECTIONS.get(v);
      if (d) direction = d;
      else if (v !== '' && operatorAt(v)?.[0] === v) op = v;
    }
    let reason = '';
    if (h.reason !== undefined) {
      // From its column up to the next mapped one (a long reason may spill over merged cells to the right).
      let end = cells.length;
      for (const c of Object.values(h)) if (c > h.reason && c + shift < end) end = c + shift;
      for (let i = Math.max(h.reason + shift, 0); i < end; i++) {
        const c = clean(cells[i]!);
        if (c !== '') reason = reason === '' ? c : `${reason} ${c}`;
      }
    }
    const isCost = isCostLevel(level1, level2) || direction === '反向';
    const target = t ? parseTarget(compose(op, t.raw, unit), t.col, isCost) : parseTarget('', -1, isCost);
    const ind: Indicator = {
      line,
      level1,
      level2,
      name,
      target,
      actual: a ? parseActual(compose('', a.raw, unit), a.col) : parseActual('', -1),
      weight: w ? this.ctx.numberCell(w.raw, line, w.col, false, '分') : null,
      score: sc ? this.ctx.numberCell(sc.raw, line, sc.col, false, '分') : null,
      reason: stripHtml(reason),
      shift,
      direction,
      children: [],
    };
    this.targetFindings(target, name, line);
    return ind;
  }

  private targetFindings(target: Target, name: string, line: number): void {
    if (target.kind === 'defect') {
      this.ctx.add(finding('target-operator-defect', line, { project: this.ctx.ref, stated: clean(target.raw), args: { name, target: clean(target.raw) } }));
    } else if (target.kind === 'unknown-op') {
      this.ctx.add(finding('unknown-operator', line, { project: this.ctx.ref, stated: clean(target.raw), args: { name, op: target.opRaw } }));
    }
  }
}

/** The cells of a row that are its 一级 and 二级 labels (left of the 三级 name, at most two columns past it). */
export function levelCells(ne: readonly NE[], h: Columns): { l1: NE | null; l2: NE | null } {
  const nameLimit = h.level3! + 2;
  let l1: NE | null = null;
  let l2: NE | null = null;
  for (const n of ne) {
    if (n.col > nameLimit) break;
    if (n.text.length > MAX_LABEL) continue;
    const as2 = asLevel2(n.text);
    const as1 = as2 !== null && !LEVEL1.has(n.text) ? null : asLevel1Label(n.text);
    // 成本指标 is a 一级 in the newer template and a 二级 of 产出指标 in the older one.
    if (as1 && as2) {
      if (!l1 && h.level1 !== undefined && n.col <= h.level1 && !l2) l1 = n;
      else if (!l2) l2 = n;
    } else if (as1 && !l1 && !l2) l1 = n;
    else if (as2 && !l2) l2 = n;
  }
  return { l1, l2 };
}

/** The value as read: the operator from its own column before it, the unit from its own column after a bare number. */
function compose(op: string, raw: string, unit: string): string {
  if (op === '' && unit === '') return raw;
  const v = clean(raw);
  if (v === '' || isPlaceholder(v)) return raw;
  const withOp = op !== '' && !operatorAt(v) ? op + v : v;
  // (A number typed in full width, `１００`, ends in a digit too.)
  const withUnit = unit !== '' && /[\d.０-９．]$/.test(v) ? withOp + unit : withOp;
  return withUnit === v ? raw : withUnit;
}

/** The total row may end with the grade (`总分 | 100 | 95.5 | 优`, or `… | 评分等级 | 优`). */
export function stripGrade(rest: readonly NE[]): readonly NE[] {
  const last = rest[rest.length - 1];
  if (!last || !/^[优良中差]$/.test(last.text)) return rest;
  const before = rest[rest.length - 2];
  if (before && GRADE_LABELS.lookup(before.text)) return rest.slice(0, -2);
  return rest.slice(0, -1);
}
