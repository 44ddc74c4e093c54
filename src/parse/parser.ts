/**
 * The table parser: rows in, blocks out. A title starts a block (lines that
 * stand before a title and belong to it — 附件:, 报表编号:, a report heading —
 * go with it); each block classifies its rows and reads them by section
 * (block.ts). Nothing is read by a fixed column position: the exports do
 * not keep them. Blocks are emitted as soon as the next title (or the end)
 * is seen, so the parser works the same on a whole file and on a stream.
 */
import { finding, type Finding } from '../findings.js';
import { excerpt, isSpace } from '../text.js';
import { BlockParser, type ParsedBlock } from './block.js';
import { labelOf } from './classify.js';
import { joinCells, nonEmpty, type NE } from './context.js';
import { labelKey, NOT_A_TITLE, PREAMBLE, TITLES, type Entry } from './vocab.js';

export type { ParsedBlock } from './block.js';

const MAX_PREAMBLE_FINDINGS = 20;
/** Cells that may stand beside a title on its row. */
const TITLE_EXTRA = /^(部门|单位|填报单位|主管部门|金额单位)[:：]|^[（(]?\d{4}\s*年度?[)）]?$/;

/** The title entry a row's first cell matches, or null when the row is not a title. */
export function titleEntry(ne: readonly NE[]): Entry<unknown> | null {
  if (ne.length < 1 || ne.length > 3 || ne[0]!.text.length > 60) return null;
  const text = ne[0]!.text;
  // Every title says 自评 (or 自我评价): most rows are rejected without a lookup.
  if (!text.includes('自')) return null;
  const key = labelKey(text);
  if (NOT_A_TITLE.test(key)) return null;
  const entry = TITLES.lookupKey(key);
  if (!entry) return null;
  // A third cell only when the extras are what a title row carries (`部门:…`, the year).
  if (ne.length === 3) for (let i = 1; i < ne.length; i++) if (!TITLE_EXTRA.test(ne[i]!.text)) return null;
  return entry;
}

const isTitle = (ne: readonly NE[]): boolean => titleEntry(ne) !== null;

/** A line that belongs to the title after it (附件:, 报表编号:, a report heading). */
export function isPreamble(ne: readonly NE[]): boolean {
  if (ne.length !== 1) return false;
  const t = ne[0]!.text;
  return t.length <= 24 ? labelOf(t).preamble : t.length <= 100 && PREAMBLE.lookup(t) !== null;
}

/** A line that may be the first half of a title split over two lines ("某区财政项目支出" / "绩效自评表"). */
export function titleStart(ne: readonly NE[]): boolean {
  return ne.length === 1 && ne[0]!.text.length <= 40 && /(财政|项目支出|绩效)/.test(ne[0]!.text) && !/[\d.]{3}/.test(ne[0]!.text);
}

/**
 * Whether a parser started fresh at `line` reads from there on exactly as one
 * that read everything before: true for a title line (which always starts a
 * block) whose previous non-blank line `prev` could be neither the first half
 * of a two-line title nor a line that belongs to this title (附件:).
 * Lines are raw text without their ending.
 */
export function startsBlockAlone(line: string, prev: string | null): boolean {
  if (!isTitle(nonEmpty(line.split('\t')))) return false;
  if (prev === null) return true;
  const p = nonEmpty(prev.split('\t'));
  return !titleStart(p) && !isPreamble(p);
}

/**
 * Whether a raw line holds no non-blank cell (blank lines are skipped by the parser): `nonEmpty(line.split(tab))`
 * is empty exactly when every character is a tab or white space as clean() trims it (the tab is such a space too).
 */
export function isBlankLine(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (!isSpace(line.charCodeAt(i))) return false;
  return true;
}

/**
 * Reads rows of one file and yields blocks. Feed rows in order with their
 * physical line numbers; call `end()` once.
 */
export class TableParser {
  private block: BlockParser | null = null;
  /** A held line that may start a two-line title; released with the next row. */
  private held: { cells: readonly string[]; line: number; ne: NE[] } | null = null;
  /** Preamble lines waiting for the title they stand before. */
  private preamble: { line: number; ne: NE[] }[] = [];
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
      const entry = ne.length === 1 ? titleEntry(joined) : null;
      if (entry) {
        this.startBlock(held.line, joined[0]!.text, entry, []);
        this.block!.project.lines.title.push(line);
        return;
      }
      this.dispatch(held.cells, held.line, held.ne);
    }
    const entry = titleEntry(ne);
    if (!entry && titleStart(ne) && (!this.block || this.block.project.stated.line !== null || this.block.project.lines.name === null)) {
      this.held = { cells, line, ne };
      return;
    }
    this.dispatch(cells, line, ne, entry);
  }

  private startBlock(line: number, title: string, entry: Entry<unknown>, extra: NE[]): void {
    this.flushLoose();
    this.closeBlock();
    const block = new BlockParser(line, title, entry);
    for (const p of this.preamble) block.preamble(p.ne, p.line);
    this.preamble = [];
    const known = extra.filter((n) => TITLE_EXTRA.test(n.text));
    block.titleRest(known, line);
    if (known.length < extra.length) block.findings.push(finding('unrecognised-line', line, { args: { text: excerpt(joinCells(extra.filter((n) => !known.includes(n)))) } }));
    this.block = block;
  }

  private dispatch(cells: readonly string[], line: number, ne: NE[], entry = titleEntry(ne)): void {
    if (entry) {
      this.startBlock(line, ne[0]!.text, entry, ne.slice(1));
      return;
    }
    if (isPreamble(ne)) {
      this.preamble.push({ line, ne });
      return;
    }
    this.releasePreamble();
    if (!this.block) {
      const text = joinCells(ne);
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

  /** Preamble lines not followed by a title: they stay in the block they stand in (or before the first). */
  private releasePreamble(): void {
    if (this.preamble.length === 0 || !this.block) return;
    for (const p of this.preamble) this.block.preamble(p.ne, p.line);
    this.preamble = [];
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

  /**
   * A block read elsewhere (the fast path) stands here: the open block ends,
   * and the skipped block counts as one read.
   */
  skipBlock(): void {
    this.end();
    this.projects++;
  }

  /** End of input. */
  end(): void {
    if (this.held) {
      const h = this.held;
      this.held = null;
      this.dispatch(h.cells, h.line, h.ne);
    }
    this.releasePreamble();
    // Preamble lines with no title after them, and no table: said like any text before a title.
    for (const p of this.preamble) this.loose.push({ line: p.line, text: joinCells(p.ne) });
    this.preamble = [];
    this.loose.sort((a, b) => a.line - b.line);
    this.flushLoose();
    this.closeBlock();
  }
}

/** Whether some row (or two consecutive one-cell rows, a title split in two) of `rows` is a table title. */
export function holdsTitle(rows: readonly (readonly string[])[]): boolean {
  let prev: NE[] | null = null;
  for (const cells of rows) {
    const ne = nonEmpty(cells);
    if (ne.length === 0) continue;
    if (isTitle(ne)) return true;
    if (prev && prev.length === 1 && ne.length === 1 && isTitle([{ col: prev[0]!.col, text: prev[0]!.text + ne[0]!.text }])) return true;
    prev = ne;
  }
  return false;
}

/** Whether one line of text is a table title (a paragraph above a table in a document or page). */
export const isTitleText = (text: string): boolean => isTitle(nonEmpty([text]));
