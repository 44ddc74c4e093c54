/**
 * Text → rows of cells. Line endings are normalised by us (so that a row
 * starts on its physical line), and papaparse splits the rows:
 *
 * - Lines without a quotation mark at the start of a cell (nearly all of
 *   them) go through papaparse in fastMode: a fixed delimiter, no quote
 *   handling, no typing.
 * - A row that starts a cell with `"` is read with RFC 4180 quoting (as
 *   Excel writes a cell holding a line break or a quotation mark: the cell
 *   quoted, inner quotes doubled) **only where the quoting is well-formed**:
 *   every quoted cell closes, within QUOTED_LINES lines, right before a
 *   delimiter or the end of its line. `quotedExtent` decides that; papaparse
 *   (with quotes) then splits the row. Anything else is read literally, as a
 *   plain line, so a cell that merely begins with a quotation mark
 *   (`"阳光之家"项目`) still reads as it is written.
 */
import Papa from 'papaparse';
import type { LineEnding } from '../model.js';

export type Delimiter = '\t' | ',';

/** A quoted cell may span at most this many lines; a longer one is not taken for quoting. */
export const QUOTED_LINES = 50;

/**
 * Split LF-normalised text without quotes into rows of cells, as papaparse's
 * fastMode does (split at each newline, then at each delimiter): without
 * quotes there is nothing else to it, and this is the full path's hot loop
 * (test/scan.test.ts compares the two on random text and every fixture).
 */
export function splitRows(text: string, delimiter: Delimiter = '\t'): string[][] {
  if (text === '') return [];
  // (papaparse also drops a U+FEFF at the start of what it is given: a stray byte order mark, as where two
  // exports were concatenated, was then dropped or kept depending on where a read chunk began. It is kept here,
  // as on the fast path; cell cleaning trims it.)
  const lines = text.split('\n');
  const rows: string[][] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) rows[i] = lines[i]!.split(delimiter);
  return rows;
}

const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';

/** Offset of the next line break (CR or LF) at or after `from`, or the length of `text`. */
function lineEndOf(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (isBreak(text[i])) return i;
  return text.length;
}

/** Length of the line ending at `i` (CRLF counts as one ending). */
const endingLength = (text: string, i: number): number => (text[i] === '\r' && text[i + 1] === '\n' ? 2 : i < text.length ? 1 : 0);

/** Whether the line `text[from, end)` has a `"` at the start of a cell. */
function startsQuotedCell(text: string, from: number, end: number, delimiter: Delimiter): boolean {
  for (let q = text.indexOf('"', from); q !== -1 && q < end; q = text.indexOf('"', q + 1)) {
    if (q === from || text[q - 1] === delimiter) return true;
  }
  return false;
}

/** Line breaks in `text[from, to)` (CRLF counts once). */
function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) n++;
  }
  return n;
}

/**
 * The end (offset of the line ending after it, or the end of `text`) of a
 * well-formed quoted row starting at `from`, and the lines it spans;
 * 'literal' when its quoting is not well-formed; 'more' when a quoted cell is
 * still open at the end of `text` and more input may close it (never when
 * `final`). Line breaks are CR, LF or CRLF, as in the file.
 */
export function quotedExtent(text: string, from: number, delimiter: Delimiter, final: boolean): { end: number; lines: number } | 'literal' | 'more' {
  let i = from;
  let lines = 1;
  for (;;) {
    if (text[i] === '"') {
      let j = i + 1;
      for (;;) {
        const k = text.indexOf('"', j);
        if (k === -1) return !final && lines + countBreaks(text, j, text.length) <= QUOTED_LINES ? 'more' : 'literal';
        lines += countBreaks(text, j, k);
        if (lines > QUOTED_LINES) return 'literal';
        if (text[k + 1] === '"') {
          j = k + 2;
          continue;
        }
        i = k + 1;
        break;
      }
      if (i === text.length || isBreak(text[i])) return { end: i, lines };
      if (text[i] !== delimiter) return 'literal';
      i++;
      continue;
    }
    // An unquoted cell: to the next delimiter or the end of the line.
    for (; i < text.length && text[i] !== delimiter && !isBreak(text[i]); i++);
    if (i === text.length || isBreak(text[i])) return { end: i, lines };
    i++;
  }
}

/** One row read with quotes (papaparse), or null when papaparse does not read it as one clean row. */
function splitQuotedRow(row: string, delimiter: Delimiter): string[] | null {
  const r = Papa.parse<string[]>(row.replace(/\r\n?/g, '\n'), { newline: '\n', delimiter, quoteChar: '"', escapeChar: '"', dynamicTyping: false, header: false, skipEmptyLines: false, comments: false });
  return r.errors.length === 0 && r.data.length === 1 ? r.data[0]! : null;
}

/** What `splitQuoted` hands on: runs of plain lines (raw text, each line with its ending), and quoted rows. */
export interface QuotedSink {
  /** Lines without quoting, raw, to be split as on the fast path; `ended`: the last line has its ending. */
  plain(text: string, ended: boolean): void;
  /** A well-formed quoted row spanning `lines` lines, and the ending that closes it ('' at the end of input). */
  quoted(cells: string[], lines: number, ending: string): void;
}

/**
 * Split raw text of complete lines into plain runs and quoted rows, quoting
 * where it is well-formed. Returns the offset of a row left unread because a
 * quoted cell in it is still open (only when not `final`: the caller passes
 * it in again with more text), or null.
 */
export function splitQuoted(text: string, delimiter: Delimiter, final: boolean, sink: QuotedSink): number | null {
  let pos = 0;
  let run = 0;
  while (pos < text.length) {
    const lineEnd = lineEndOf(text, pos);
    const next = lineEnd + endingLength(text, lineEnd);
    if (!startsQuotedCell(text, pos, lineEnd, delimiter)) {
      pos = next;
      continue;
    }
    const ext = quotedExtent(text, pos, delimiter, final);
    if (ext === 'more') {
      if (pos > run) sink.plain(text.slice(run, pos), true);
      return pos;
    }
    const cells = ext === 'literal' ? null : splitQuotedRow(text.slice(pos, ext.end), delimiter);
    if (cells === null || ext === 'literal') {
      pos = next;
      continue;
    }
    if (pos > run) sink.plain(text.slice(run, pos), true);
    const len = endingLength(text, ext.end);
    sink.quoted(cells, ext.lines, text.slice(ext.end, ext.end + len));
    pos = run = ext.end + len;
  }
  if (run < text.length) sink.plain(text.slice(run), isBreak(text[text.length - 1]));
  return null;
}

/** Count the line endings of `text` and replace CRLF and lone CR by LF. */
export function normaliseEndings(text: string): { text: string; endings: Partial<Record<LineEnding, number>> } {
  const endings: Partial<Record<LineEnding, number>> = {};
  let crlf = 0;
  let cr = 0;
  let lf = 0;
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lf++;
    if (lf) endings.LF = lf;
    return { text, endings };
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  if (lf) endings.LF = lf;
  if (crlf) endings.CRLF = crlf;
  if (cr) endings.CR = cr;
  return { text: text.replace(/\r\n?/g, '\n'), endings };
}
