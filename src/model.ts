/**
 * Typed records of a parsed self-evaluation table. Every record remembers the
 * 1-based physical line it came from. Cells keep their raw text and column so
 * that a table can be written back exactly (rescore).
 *
 * `JSON.stringify` of these records gives the documented JSON shape: number
 * cells serialise as decimal strings ("88.32") or null.
 */
import type { Num } from './number.js';
import type { Finding } from './findings.js';
import type { FundsKind, TemplateId } from './parse/vocab.js';
import type { SourceFormat, Where } from './source/where.js';

export type { FundsKind, TemplateId } from './parse/vocab.js';

/** One cell that should hold a number. */
export class Cell {
  constructor(
    /** Cell text exactly as in the file. */
    readonly raw: string,
    /** 1-based physical line. */
    readonly line: number,
    /** 0-based cell index in its tab-separated row. */
    readonly col: number,
    /** Parsed number; null for placeholders (`-`, empty…) and malformed text. */
    readonly num: Num | null,
    /** Whether the cell carried a `%` sign. */
    readonly percent = false,
  ) {}
  toJSON(): string | null {
    return this.num ? this.num.text : null;
  }
}

export type Unit = '万元' | '元';

export interface FundsRow {
  kind: FundsKind;
  line: number;
  /** The row label as written (年度资金总额, 其中：当年财政拨款 …). */
  label: string;
  initialBudget: Cell | null;
  budget: Cell | null;
  executed: Cell | null;
  weight: Cell | null;
  rate: Cell | null;
  score: Cell | null;
  /** The 原因 (reason) column: '' when the template has one and it is empty, null when it has none. */
  reason: string | null;
  /**
   * The row's cells as written when its header was not understood: then no
   * value is read (never by position) and a finding says why.
   */
  raw: string[] | null;
}

export interface Funds {
  /** The funds total row (年度资金总额, 总额 …). */
  total: FundsRow | null;
  /** Every sub-row (其中：当年财政拨款, 财政专户管理资金, 单位资金 …), in table order, each with its label. */
  subRows: FundsRow[];
  /**
   * Rows of the funds section with amounts in them that no funds label names (`企业自筹及捐赠款 ⇥ 10.00 …`): each
   * is an unrecognised-line, and the sub-rows are not summed without them. Present only when there are any.
   */
  unread?: { line: number; label: string }[];
}

export interface Goals {
  line: number;
  /** 预期目标, HTML stripped, paragraphs separated by "\n". */
  expected: string;
  /** 实际完成情况. */
  actual: string;
}

/** Normalised comparison operators. */
export type Op = '≥' | '≤' | '=' | '>' | '<';

export interface Target {
  raw: string;
  col: number;
  /**
   * number: operator (maybe implied) and value; qualitative: text such as 提升;
   * defect: a leading `-` where an operator belongs (export defect, never guessed);
   * unknown-op: a number behind an operator we do not know; empty: no target.
   */
  kind: 'number' | 'qualitative' | 'defect' | 'unknown-op' | 'empty';
  /** The operator as written, normalised; null when none was written. */
  op: Op | null;
  /** The operator the scoring uses: `op`, or ≥ (≤ for cost indicators) when none was written. */
  impliedOp: Op | null;
  /** The operator text as written (`>=`, `＝`, `大于等于`, `-`…). */
  opRaw: string | null;
  value: Num | null;
  unit: string | null;
}

export interface Actual {
  raw: string;
  col: number;
  /** number: a value (and unit); met: 达成指标 and the like; text: free text. */
  kind: 'number' | 'met' | 'text' | 'empty';
  value: Num | null;
  unit: string | null;
  /** A comparison written before the number (`≥266米`, the target copied in): a bound, not the value achieved. */
  op?: Op;
}

export interface Indicator {
  line: number;
  level1: string | null;
  level2: string | null;
  name: string;
  target: Target;
  actual: Actual;
  weight: Cell | null;
  score: Cell | null;
  reason: string;
  /** How many columns the row is shifted against its header (block 5 line 123: -1). */
  shift: number;
  /** 指标性质 written as a direction (正向: higher is better, 反向: lower is better). */
  direction: '正向' | '反向' | null;
  /** Rows under this one that detail it (`其中…`, `1、` under `一、`): kept, never scored or summed. */
  children: Indicator[];
  /** Its sheet and row, or table and row, in a workbook, document or page (absent for text). */
  where?: Where;
}

/** A 一级指标 label as written, with the weight it carries (`产出指标(50分)`, `(30分)`). */
export interface LevelLabel {
  line: number;
  col: number;
  /** The cell as written. */
  label: string;
  /** The 一级 it stands for; from the 二级 below when the cell holds only its weight (`(50分)`); null when unknown. */
  name: string | null;
  /** The weight written in the label. */
  weight: Cell;
}

export type TextKind = 'preamble' | 'title' | 'head' | 'goals' | 'header' | 'group' | 'placeholder' | 'tail';

/** A row kept as text: preamble, the rest of the title, narrative and tail rows, group and placeholder rows. */
export interface TextRow {
  line: number;
  kind: TextKind;
  /** The row's label (its first cell) where it has one. */
  label: string | null;
  /** The other cells, joined by " | ". */
  text: string;
}

export interface Stated {
  /** Line of the total row (no label, or 总分 / 合计). */
  line: number | null;
  weightTotal: Cell | null;
  total: Cell | null;
  grade: string | null;
  gradeLine: number | null;
  /** 0-based cell of the grade (for writing it back). */
  gradeCol: number | null;
}

/** Lines of the parts of a block, for locating findings and accounting for every line. */
export interface BlockLines {
  title: number[];
  name: number | null;
  /** The line that carried the name when it was outside its cell (block 6). */
  nameOutside: number | null;
  department: number | null;
  fundsHeader: number | null;
  goalsHeader: number | null;
  goals: number[];
  indicatorHeader: number | null;
  end: number;
}

export interface Project {
  /** Title line (first line of the block). */
  line: number;
  title: string;
  /** The template the table was recognised as (see docs/templates.md). */
  template: TemplateId;
  /** 项目名称. */
  name: string | null;
  /** 主管部门. */
  department: string | null;
  /** 实施单位. */
  implementer: string | null;
  /** Unit of the amounts, from the funds header. */
  unit: Unit | null;
  funds: Funds;
  goals: Goals | null;
  /** 一级 labels that carry a weight (`产出指标(50分)`, `(30分)`), in table order. */
  levels: LevelLabel[];
  indicators: Indicator[];
  stated: Stated;
  /** Rows kept as text, in line order. */
  texts: TextRow[];
  lines: BlockLines;
  /**
   * The annual goals of a template with a header per goal (`年度绩效目标1(40分)`: 湖北), in table order: each goal's
   * rows are the indicators after its header line and before the next. Absent in other templates.
   */
  goalBlocks?: GoalBlock[];
}

/** A goal's header: its first cell as written, and the weight it carries (`(40分)`; null when it carries none). */
export interface GoalBlock {
  line: number;
  col: number;
  label: string;
  weight: Cell | null;
}

export type LineEnding = 'LF' | 'CRLF' | 'CR';

/** How a file was read: what every result of one file (parsed, verified, streamed) says of it first. */
export interface FileRead {
  path: string;
  /** What the input was read as (SOURCE_FORMATS): text (tab-separated), csv, a workbook, a document or a page. */
  format: SourceFormat;
  encoding: string;
  bom: boolean;
  lineEndings: Partial<Record<LineEnding, number>>;
  lineCount: number;
}

export interface ParsedFile extends FileRead {
  projects: Project[];
  /** Findings of parsing (file-level and per block). */
  findings: Finding[];
}

/** A cell as the compact views read it: its number (null for a placeholder). */
export interface NumCell {
  readonly num: Num | null;
}

/**
 * What identifies a project and its stated figures: the part of the record
 * that compact output, the summary and the terminal table show. A Project
 * is one; the fast path makes one without a record.
 */
export interface ProjectHead {
  readonly line: number;
  readonly title: string;
  readonly template: TemplateId;
  readonly name: string | null;
  readonly department: string | null;
  readonly implementer: string | null;
  readonly unit: Unit | null;
  readonly funds: {
    readonly total: {
      readonly line: number;
      readonly label: string;
      readonly initialBudget: NumCell | null;
      readonly budget: NumCell | null;
      readonly executed: NumCell | null;
      readonly weight: NumCell | null;
      readonly rate: NumCell | null;
      readonly score: NumCell | null;
    } | null;
  };
  readonly indicators: { readonly length: number };
  readonly stated: {
    readonly line: number | null;
    readonly weightTotal: NumCell | null;
    readonly total: NumCell | null;
    readonly grade: string | null;
    readonly gradeLine: number | null;
    readonly gradeCol: number | null;
  };
}
