/**
 * The fast path, between the line reader and the verifier. Lines are kept
 * from one title that starts a block on its own (`startsBlockAlone`, the
 * rule that also cuts files into segments) to the next; a block the fast
 * reader accepts goes to the verifier as a fast block, anything else is
 * handed on as the rows it is, in order, so the full parser sees exactly the
 * rows it would have seen, less the blocks read fast (which it would have
 * read as one block each, with no effect on the others).
 *
 * A block shape (its labels and where they stand) is trusted only after the
 * first block of that shape, read both ways, gave the same record head,
 * figures and findings; until then, and for ever if they differed, its blocks
 * go through the full path. `EVALCHECK_FAST=0` turns the fast path off;
 * `EVALCHECK_FAST=check` reads every block both ways and reports any
 * difference (for the tests).
 */
import { detach } from '../text.js';
import { isBlankLine, startsBlockAlone, TableParser, type ParsedBlock } from '../parse/parser.js';
import type { LineSink } from '../parse/feed.js';
import type { Project, ProjectHead, TemplateId } from '../model.js';
import type { Recomputed } from '../score/engine.js';
import { readFast, type FastBlock } from './block.js';
import { analyseFast, type FastAnalysis } from './check.js';

export type FastSetting = 'on' | 'off' | 'check';

export function fastSetting(env: NodeJS.ProcessEnv = process.env): FastSetting {
  const v = env.EVALCHECK_FAST;
  return v === '0' || v === 'off' ? 'off' : v === 'check' ? 'check' : 'on';
}

/** Shapes read both ways: the template the full parser named, or false when the two paths differed. */
const shapes = new Map<string, TemplateId | false>();
const MAX_SHAPES = 4096;

export function shapeTemplate(shape: string): TemplateId | false | undefined {
  return shapes.get(shape);
}

export function learnShape(shape: string, template: TemplateId | false): void {
  if (shapes.size >= MAX_SHAPES) shapes.clear();
  // Once a shape differed it stays untrusted.
  if (shapes.get(shape) !== false) shapes.set(detach(shape), template);
}

/** Differences found by `EVALCHECK_FAST=check` (and by first blocks of a shape), for the tests. */
export const fastStats = { fast: 0, full: 0, compared: 0, learned: 0, differed: 0, differences: [] as string[], materialised: 0 };

/** Forget every shape (tests: a run then starts as a fresh process does). */
export function forgetShapes(): void {
  shapes.clear();
}

/** Read the lines of one block with the full parser, on its own (it starts a block alone, so this is how the file reads it). */
export function parseLines(lines: readonly string[], firstLine: number): ParsedBlock {
  let out: ParsedBlock | null = null;
  const parser = new TableParser((b) => (out ??= b));
  for (let i = 0; i < lines.length; i++) parser.row(lines[i]!.split('\t'), firstLine + i);
  parser.end();
  return out!;
}

/** The record head of a fast block (no record: cells are their numbers). */
export function headOf(b: FastBlock, template: TemplateId): ProjectHead {
  const c = b.total.cells;
  const cell = (n: typeof c.budget) => (n === undefined ? null : { num: n });
  return {
    line: b.line,
    title: b.title,
    template,
    name: b.name,
    department: b.department,
    implementer: b.implementer,
    unit: b.unit,
    funds: { total: { line: b.total.line, label: b.total.label, initialBudget: cell(c.initialBudget), budget: cell(c.budget), executed: cell(c.executed), weight: cell(c.weight), rate: cell(c.rate), score: cell(c.score) } },
    indicators: b.indicators,
    stated: { line: b.stated.line, weightTotal: { num: b.stated.weightTotal }, total: { num: b.stated.total }, grade: b.stated.grade, gradeLine: b.stated.gradeLine, gradeCol: b.stated.gradeCol },
  };
}

/** A project checked on the fast path: its head and figures; its record is read (with the full parser) only if asked for. */
export class FastResult {
  private record: Project | undefined;
  constructor(
    readonly head: ProjectHead,
    readonly figures: Recomputed,
    private readonly block: FastBlock,
  ) {}
  get project(): Project {
    if (this.record === undefined) fastStats.materialised++;
    return (this.record ??= parseLines(this.block.lines, this.block.firstLine).project);
  }
}

/** Where the lane hands blocks and rows. */
export interface FastTarget {
  row(cells: readonly string[], line: number): void;
  fast(b: FastBlock, a: FastAnalysis): void;
}

/** A line sink (see feed.ts) that reads blocks fast where it can. */
export class FastLane implements LineSink {
  private texts: (string | readonly string[])[] = [];
  private lineNos: number[] = [];
  /** The kept lines start with a title that starts a block alone, and are all plain lines. */
  private candidate = false;
  /**
   * The last line that was not blank, or the last quoted row, whichever came later (null: none yet): what
   * decides whether a title starts a block alone. Lines that cannot be a fast block are handed on at once,
   * not kept (a file with no title in it was held whole: 30 MB of lines took 1 GB).
   */
  private last: string | readonly string[] | null = null;

  constructor(
    private readonly target: FastTarget,
    private readonly delimiter: string = '\t',
  ) {}

  line(text: string, line: number): void {
    // Every title says 自 (自评, 自我评价): most lines are not looked at further.
    if (text.includes('自') && this.boundary(text)) {
      this.flush();
      this.candidate = true;
    }
    if (!isBlankLine(text)) this.last = text;
    if (!this.candidate) return this.pass(text.split(this.delimiter), line);
    this.texts.push(text);
    this.lineNos.push(line);
  }

  /** A row read with quotes (its cells may hold line breaks): the block it is in goes through the full path. */
  row(cells: string[], line: number): void {
    this.candidate = false;
    this.last = cells;
    this.pass(cells, line);
  }

  /** A row for the full path, after the kept ones (in order). */
  private pass(cells: readonly string[], line: number): void {
    if (this.texts.length > 0) this.flush();
    this.target.row(cells, line);
  }

  /** Whether `text` starts a block whatever came before it. */
  private boundary(text: string): boolean {
    const prev = this.last;
    if (prev !== null && typeof prev !== 'string') return false;
    return startsBlockAlone(text, prev);
  }

  /** The kept lines: one fast block, or rows for the full path. */
  flush(): void {
    const texts = this.texts;
    const nos = this.lineNos;
    if (texts.length === 0) return;
    this.texts = [];
    this.lineNos = [];
    if (this.candidate) {
      this.candidate = false;
      const b = readFast(texts as string[], nos[0]!);
      const a = b && analyseFast(b);
      if (b && a) {
        this.target.fast(b, a);
        return;
      }
    }
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i]!;
      this.target.row(typeof t === 'string' ? t.split(this.delimiter) : t, nos[i]!);
    }
  }

  end(): void {
    this.flush();
  }
}


// `EVALCHECK_FAST_STATS=1`: how many blocks went which way, on standard error at exit (for the bench and the tests).
if (process.env.EVALCHECK_FAST_STATS) process.on('exit', () => process.stderr.write(`evalcheck fast path: ${JSON.stringify({ ...fastStats, differences: fastStats.differences.length })}\n${fastStats.differences.join('\n')}\n`));
