/**
 * The fast path's reader: the lines of one block (from a title that starts a
 * block on its own to the next one) read straight into numbers, for the
 * common case only. Every row is classified by the parser's own classifier
 * and read with the parser's own vocabulary and cell grammar; the reader
 * accepts a block only when each row is of a shape the section readers read
 * without a finding and without a choice (no shifted row, no group or
 * placeholder row, no two-row header, no unit or direction column, no tail),
 * and returns null for anything else: that block goes through the full
 * parser. No record, no cell object and no decimal is made here.
 */
import { detach, stripHtml } from '../text.js';
import { isPlaceholder, isZero, parseNumber, parsePercentCell, isNegative, type Num } from '../number.js';
import type { NE } from '../parse/context.js';
import { ScannedRow } from './row.js';
import { classify, type Section } from '../parse/classify.js';
import { isPreamble, titleEntry, titleStart } from '../parse/parser.js';
import { HeadReader } from '../parse/head.js';
import { headerCell, unitIn } from '../parse/funds.js';
import { GoalsReader } from '../parse/goals.js';
import { parseActual, parseTarget } from '../parse/target.js';
import { headerColumns, isCostLevel, levelCells, numberShaped, stripGrade } from '../parse/indicators.js';
import { isInstruction } from '../checks/narrative.js';
import { markedNotApplicable } from '../checks/indicator-rules.js';
import { indicatorKey } from '../checks/repeated.js';
import type { Actual, FundsKind, Target, Unit } from '../model.js';
import { asLevel1Label, asLevel2, GOALS_LABELS, HEAD_LABELS, labelKey, LEVEL2_PARENT, PLACEHOLDER_NAMES, splitLevelWeight, TOTAL_LABELS, type FundsRole, type IndicatorRole } from '../parse/vocab.js';

type ValueRole = Exclude<FundsRole, 'unit' | 'reason'>;
const AMOUNTS: readonly ValueRole[] = ['initialBudget', 'budget', 'executed'];
/** One scanned line, reused (the reader is synchronous and not re-entered). */
const ROW = new ScannedRow();

export interface FastFunds {
  kind: FundsKind;
  line: number;
  label: string;
  /** Per role: the number, or null for a placeholder; a role without a column is absent (undefined). */
  cells: Partial<Record<ValueRole, Num | null>>;
}

export interface FastIndicator {
  line: number;
  level1: string | null;
  level2: string | null;
  target: Target;
  actual: Actual;
  weight: Num;
  score: Num;
  reason: string;
}

/** One block as the fast path read it. */
export interface FastBlock {
  line: number;
  title: string;
  name: string;
  department: string | null;
  implementer: string | null;
  unit: Unit | null;
  total: FastFunds;
  subRows: FastFunds[];
  indicators: FastIndicator[];
  stated: { line: number; weightTotal: Num; total: Num; grade: string | null; gradeLine: number | null; gradeCol: number | null };
  /** The labels of the block and where they stand: blocks with the same shape are read as the same template. */
  shape: string;
  /** Physical line of each line of the block, and its text (to read it again with the full parser when asked). */
  lines: readonly string[];
  firstLine: number;
}

/** A number cell as the section readers read it: a number, null for a placeholder, undefined when malformed (a finding). */
function numberCell(raw: string, percentAllowed: boolean): Num | null | undefined {
  if (isPlaceholder(raw)) return null;
  const num = percentAllowed ? parsePercentCell(raw).num : parseNumber(raw);
  return num ?? undefined;
}

/**
 * What a header line says, remembered by the line's text: the same template prints the same header line in
 * every block, and what is read from it depends on nothing else. null: the block goes through the full parser.
 */
interface FundsHeader {
  unit: Unit | null;
  roles: readonly FundsColumn[];
  roleCols: ReadonlySet<number>;
}
interface IndicatorHeader {
  cols: Readonly<Partial<Record<IndicatorRole, number>>>;
  /** Columns under a group label (绩效指标): a row with other text there goes to the full reader (column-not-read). */
  groups: readonly { col: number; label: string }[];
  /** The reason runs from its column to the next mapped one (a long reason spills over merged cells). */
  reasonEnd: number;
  /** Columns with a header cell: a row's cell anywhere else (and outside the reason's span) has no column (column-not-read). */
  headed: ReadonlySet<number>;
}
/**
 * A header line remembered: what it says, and a number for its text, unique in the process (a shape names the
 * line by it: a shorter string to build and look up than the line). A text read again after the cache was
 * cleared gets a new number, so its blocks' shape is learnt again: that costs a comparison, never a wrong reading.
 */
interface Remembered<T> {
  id: number;
  value: T | null;
}
interface GoalsHeader {
  /** Where the 实际完成情况 column starts (the goals rows' cells from there on are what was achieved). */
  actualCol: number | null;
}
const FUNDS_HEADERS = new Map<string, Remembered<FundsHeader>>();
const INDICATOR_HEADERS = new Map<string, Remembered<IndicatorHeader>>();
const GOALS_HEADERS = new Map<string, Remembered<GoalsHeader>>();
let headerIds = 0;
function remember<T>(cache: Map<string, Remembered<T>>, line: string, read: () => T | null): Remembered<T> {
  let hit = cache.get(line);
  if (hit === undefined) {
    if (cache.size >= 1024) cache.clear();
    hit = { id: headerIds++, value: read() };
    // The key is copied: a slice of the input would keep its whole chunk alive in the cache.
    cache.set(detach(line), hit);
  }
  return hit;
}

function goalsHeaderOf(ne: readonly NE[]): GoalsHeader {
  for (const n of ne) if (GOALS_LABELS.lookup(n.text)?.value === 'actual') return { actualCol: n.col };
  return { actualCol: null };
}

/** A value column of the funds header: its role, where it stands, and whether it holds an amount (never below zero). */
interface FundsColumn {
  role: ValueRole;
  col: number;
  amount: boolean;
}

/** `cells[role] = num` with the property named in the code (one store per role, not a store by a computed key). */
function setCell(cells: FastFunds['cells'], role: ValueRole, num: Num | null): void {
  switch (role) {
    case 'initialBudget':
      cells.initialBudget = num;
      break;
    case 'budget':
      cells.budget = num;
      break;
    case 'executed':
      cells.executed = num;
      break;
    case 'weight':
      cells.weight = num;
      break;
    case 'rate':
      cells.rate = num;
      break;
    case 'score':
      cells.score = num;
      break;
  }
}

function fundsHeaderOf(ne: readonly NE[]): FundsHeader | null {
  let unit = unitIn(ne[0]!.text);
  const roles: FundsColumn[] = [];
  for (let j = 1; j < ne.length; j++) {
    const n = ne[j]!;
    const h = headerCell(n.text);
    const entry = h.entry;
    if (entry?.value === 'unit' || (!entry && h.unit && h.short)) unit ??= h.unit;
    else if (entry && entry.value !== 'reason' && !roles.some((r) => r.role === entry.value)) roles.push({ role: entry.value as ValueRole, col: n.col, amount: AMOUNTS.includes(entry.value as ValueRole) });
    else return null;
  }
  if (!roles.some((r) => r.role === 'budget') || !roles.some((r) => r.role === 'executed')) return null;
  // The weight written in the header's first cell, not in a column (预算执行情况(万元)(20分)): the full reader takes it.
  if (!roles.some((r) => r.role === 'weight') && splitLevelWeight(ne[0]!.text).weight !== null) return null;
  return { unit, roles, roleCols: new Set(roles.map((r) => r.col)) };
}

function indicatorHeaderOf(ne: readonly NE[]): IndicatorHeader | null {
  const { cols, unread, reasonEnd } = headerColumns(ne);
  // Columns whose reading composes cells (unit, operator, direction) go through the full reader.
  if (cols.nature !== undefined || cols.direction !== undefined || cols.unit !== undefined) return null;
  if (cols.level3 === undefined || cols.target === undefined || cols.actual === undefined || cols.weight === undefined || cols.score === undefined) return null;
  // A column not read (column-not-read, said by the full reader); a group label's column is watched row by row.
  if (unread.some((u) => !u.group)) return null;
  return { cols, reasonEnd, groups: unread.map((u) => ({ col: u.col, label: u.header })), headed: new Set(ne.map((n) => n.col)) };
}

/** Read one block; null when any of it is not the common case. `lines` start with the title line. */
export function readFast(lines: readonly string[], firstLine: number): FastBlock | null {
  let section: Section = 'head';
  let title: string | null = null;
  let name: string | null = null;
  let nameLine: number | null = null;
  let department: string | null = null;
  let implementer: string | null = null;
  let departmentLine: number | null = null;
  let unit: Unit | null = null;
  let fundsHeader = false;
  let roles: readonly FundsColumn[] = [];
  let roleCols: ReadonlySet<number> = new Set<number>();
  let total: FastFunds | null = null;
  const subRows: FastFunds[] = [];
  let goalsHeader = false;
  /** A row of the goals was read since their header (classify's goalsRead). */
  let goalsRead = true;
  let actualCol: number | null = null;
  let goals: { expected: string; actual: string } | null = null;
  let cols: Readonly<Partial<Record<IndicatorRole, number>>> | null = null;
  /** The reason runs from its column to the next mapped one (a long reason spills over merged cells). */
  let reasonEnd = Infinity;
  let groups: IndicatorHeader['groups'] = [];
  let headed: ReadonlySet<number> = new Set();
  const indicators: FastIndicator[] = [];
  /** The indicators' names as compared (indicatorKey): a name listed twice is a finding (the full path says it). */
  const names: string[] = [];
  let lastLevel1: string | null = null;
  let lastLevel2: string | null = null;
  let stated: FastBlock['stated'] | null = null;
  let gradeLine: number | null = null;
  let grade: string | null = null;
  let gradeCol: number | null = null;
  let shape = '';

  for (let i = 0; i < lines.length; i++) {
    const line = firstLine + i;
    const cells = ROW.scan(lines[i]!);
    const ne = cells.nonEmpty();
    if (ne.length === 0) continue;
    if (title === null) {
      // The first row is the title, alone on its row.
      if (ne.length !== 1 || titleEntry(ne) === null) return null;
      title = ne[0]!.text;
      shape += `T${title}`;
      continue;
    }
    // Rows the file-level parser treats on its own (a second title, a preamble, half of a two-line title).
    if (titleEntry(ne) !== null || isPreamble(ne) || titleStart(ne)) return null;
    const k = classify(ne, section, stated !== null, goalsRead);
    switch (k.kind) {
      case 'head': {
        const first = HeadReader.field(ne[0]!.text);
        if (first === 'name') {
          if (nameLine !== null || ne.length === 1) return null;
          nameLine = line;
        } else {
          if (first !== 'department' && first !== 'implementer') return null;
          if (departmentLine !== null) return null;
          departmentLine = line;
        }
        for (let j = 0; j < ne.length; j++) {
          const entry = HEAD_LABELS.lookup(ne[j]!.text);
          const next = ne[j + 1];
          if (!entry || !next || HEAD_LABELS.lookup(next.text)) return null;
          shape += `|H${ne[j]!.text}@${ne[j]!.col}`;
          j++;
          if (entry.value === 'name' && name === null) name = next.text;
          else if (entry.value === 'department' && department === null) department = next.text;
          else if (entry.value === 'implementer' && implementer === null) implementer = next.text;
          else return null;
        }
        break;
      }
      case 'funds-header': {
        if (fundsHeader) return null;
        fundsHeader = true;
        section = 'funds';
        // A header line is its own shape: its labels and, by the tabs before them, their columns.
        const fh = remember(FUNDS_HEADERS, lines[i]!, () => fundsHeaderOf(ne));
        if (fh.value === null) return null;
        shape += `|F${fh.id}`;
        ({ unit, roles, roleCols } = fh.value);
        break;
      }
      case 'funds-row': {
        if (!fundsHeader) return null;
        section = 'funds';
        const label = ne[0]!;
        if (k.funds === 'total' && total) return null;
        // Every value under a column of the header, unshifted.
        for (const r of roles) if (r.col <= label.col) return null;
        for (let j = 1; j < ne.length; j++) if (!roleCols.has(ne[j]!.col)) return null;
        // Every role key present (one object shape); a role without a column stays undefined.
        const row: FastFunds = { kind: k.funds, line, label: label.text, cells: { initialBudget: undefined, budget: undefined, executed: undefined, weight: undefined, rate: undefined, score: undefined } };
        for (const r of roles) {
          const num = numberCell(cells.cell(r.col), r.role === 'rate');
          if (num === undefined) return null;
          if (num && r.amount && isNegative(num)) return null;
          setCell(row.cells, r.role, num);
        }
        shape += `|R${label.text}@${label.col}`;
        if (k.funds === 'total') total = row;
        else subRows.push(row);
        break;
      }
      case 'goals-header': {
        if (goalsHeader) return null;
        goalsHeader = true;
        goalsRead = false;
        section = 'goals';
        const gh = remember(GOALS_HEADERS, lines[i]!, () => goalsHeaderOf(ne));
        shape += `|G${gh.id}`;
        ({ actualCol } = gh.value!);
        break;
      }
      case 'goals': {
        if (k.label === 'process') return null;
        section = 'goals';
        goalsRead = true;
        let from = 0;
        if (GoalsReader.label(ne[0]!.text) === 'section') {
          shape += `|S${ne[0]!.text}`;
          from = 1;
        }
        if (from === ne.length) break;
        const expected: string[] = [];
        const actual: string[] = [];
        for (let j = from; j < ne.length; j++) {
          const c = ne[j]!;
          const isActual = actualCol !== null ? c.col >= actualCol : j > from;
          (isActual ? actual : expected).push(stripHtml(c.text));
        }
        if (goals) {
          if (expected.length) goals.expected = [goals.expected, ...expected].filter(Boolean).join('\n');
          if (actual.length) goals.actual = [goals.actual, ...actual].filter(Boolean).join('\n');
        } else goals = { expected: expected.join('\n'), actual: actual.join('\n') };
        break;
      }
      case 'indicator-header': {
        if (cols !== null) return null;
        section = 'indicators';
        const ih = remember(INDICATOR_HEADERS, lines[i]!, () => indicatorHeaderOf(ne));
        if (ih.value === null) return null;
        shape += `|I${ih.id}`;
        ({ cols, reasonEnd, groups, headed } = ih.value);
        break;
      }
      case 'indicator': {
        const h = cols;
        if (h === null) return null;
        const level3 = h.level3!;
        const { l1, l2 } = levelCells(ne, h);
        const guess = l2 && h.level2 !== undefined ? l2.col - h.level2 : l1 && h.level1 !== undefined ? l1.col - h.level1 : 0;
        if (guess !== 0) return null;
        if (level3 >= cells.length) return null;
        const nm = cells.clean(level3);
        if (nm === '' || asLevel1Label(nm) || asLevel2(nm) || h.weight! >= cells.length || !numberShaped(cells.cell(h.weight!))) return null;
        const labels = (l1 ? 1 : 0) + (l2 ? 1 : 0);
        if (ne.length === labels) return null;
        if (PLACEHOLDER_NAMES.lookupKey(labelKey(nm))) return null;
        const key = indicatorKey(nm);
        if (names.includes(key)) return null; // indicator-repeated
        names.push(key);
        // Text in the 一级 column that is no 一级 label (unknown-level), or under a group label (column-not-read): the full reader says it.
        if (!l1 && h.level1 !== undefined && !(l2 && l2.col === h.level1) && cells.clean(h.level1) !== '') return null;
        // A cell under no header cell, outside the reason's span: the full reader says its column (column-not-read).
        for (const n of ne) if (!headed.has(n.col) && !(h.reason !== undefined && n.col > h.reason && n.col < reasonEnd)) return null;
        for (const g of groups) {
          const t = cells.clean(g.col);
          if (t !== '' && t !== g.label && labelKey(t) !== labelKey(g.label)) return null;
        }
        // Levels: the 二级 name decides the 一级; an empty 二级 belongs to the one above (as the indicator reader reads them).
        let level2: string | null = l2 ? asLevel2(l2.text) : null;
        if (!level2 && !l2 && h.level2 !== undefined) {
          const t = cells.clean(h.level2);
          if (t !== '' && (!l1 || h.level2 !== l1.col)) return null; // an unknown 二级 (a finding)
        }
        const label = l1 ? asLevel1Label(l1.text) : null;
        if (label?.weight) return null; // a 一级 label with its weight (a level record)
        const level1FromCell = label?.name ?? null;
        if (!level2 && !(label && label.name !== null && label.name !== lastLevel1)) level2 = lastLevel2;
        let level1 = level2 ? (LEVEL2_PARENT.get(level2) ?? null) : null;
        if (level1 && level1FromCell && level1 !== level1FromCell && !(level1FromCell === '成本指标' && level2?.endsWith('成本指标'))) return null;
        if (!level1) level1 = level1FromCell ?? lastLevel1;
        if (level2 === '成本指标' && level1FromCell === '成本指标' && !l2) level2 = lastLevel2;
        lastLevel1 = level1;
        lastLevel2 = level2;
        let reason = '';
        if (h.reason !== undefined) {
          const end = Math.min(cells.length, reasonEnd);
          for (let j = Math.max(h.reason, 0); j < end; j++) {
            const c = cells.clean(j);
            if (c !== '') reason = reason === '' ? c : `${reason} ${c}`;
          }
        }
        const target = parseTarget(cells.cell(h.target!), h.target!, isCostLevel(level1, level2));
        if (target.kind === 'defect' || target.kind === 'unknown-op') return null;
        const actual = parseActual(cells.cell(h.actual!), h.actual!);
        if (target.kind === 'number' && !target.unit && !actual.unit) return null; // target-without-unit
        const weight = numberCell(cells.cell(h.weight!), false);
        const score = numberCell(cells.cell(h.score!), false);
        if (!weight || !score) return null;
        // Marked not applicable with 0 points (indicator-not-applicable): the full path says it.
        if (isZero(weight) && isZero(score) && markedNotApplicable(target.raw, actual.raw)) return null;
        indicators.push({ line, level1, level2, target, actual, weight, score, reason: stripHtml(reason) });
        break;
      }
      case 'total': {
        if (stated !== null || cols === null) return null;
        section = 'after';
        const labelled = TOTAL_LABELS.lookup(ne[0]!.text) !== null;
        if (labelled) shape += `|Z${ne[0]!.text}`;
        const all = labelled ? ne.slice(1) : ne;
        const rest = stripGrade(all);
        let g: NE | null = null;
        if (rest.length < all.length) g = all[all.length - 1]!;
        if (rest.length !== 2) return null;
        const h = cols;
        const nearer = (c: number): 'weight' | 'score' | null => {
          const dw = h.weight !== undefined ? Math.abs(c - h.weight) : Infinity;
          const ds = h.score !== undefined ? Math.abs(c - h.score) : Infinity;
          if (dw === ds) return null;
          return dw < ds ? 'weight' : 'score';
        };
        const [a, b] = rest as [NE, NE];
        const swap = nearer(a.col) === 'score' && nearer(b.col) === 'weight';
        const [w, t] = swap ? [b, a] : [a, b];
        const wt = numberCell(w.text, false);
        const tt = numberCell(t.text, false);
        if (!wt || !tt) return null;
        stated = { line, weightTotal: wt, total: tt, grade: g ? g.text : null, gradeLine: g ? line : null, gradeCol: g ? g.col : null };
        break;
      }
      case 'grade': {
        if (gradeLine !== null || ne.length !== 2) return null;
        if (stated !== null && stated.gradeLine !== null) return null;
        section = 'after';
        shape += `|K${ne[0]!.text}`;
        gradeLine = line;
        grade = ne[1]!.text;
        gradeCol = ne[1]!.col;
        break;
      }
      default:
        return null;
    }
  }
  if (title === null || name === null || total === null || indicators.length === 0 || stated === null) return null;
  if (goals && (isInstruction(goals.expected) || isInstruction(goals.actual))) return null;
  if (gradeLine !== null) stated = { ...stated, grade, gradeLine, gradeCol };
  return { line: firstLine, title, name, department, implementer, unit, total, subRows, indicators, stated, shape, lines, firstLine };
}
