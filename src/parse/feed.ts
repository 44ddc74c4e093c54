/**
 * Decoded text, in chunks of any size, → rows with the physical line each
 * starts on. Line endings are counted and normalised here (a CR at the end
 * of a chunk is held back, since it may be the first half of a CRLF), and
 * complete lines go to papaparse a chunk at a time. A row whose quoting is
 * well-formed (see rows.ts) may span lines; one whose quoted cell is still
 * open at the end of a chunk waits for the next.
 */
import type { LineEnding } from '../model.js';
import { normaliseEndings, splitQuoted, splitRows, type Delimiter } from './rows.js';

export interface FeedOptions {
  /** The physical line number of the first row (a segment of a file starts further on); default 1. */
  firstLine?: number;
  /** Cell delimiter: tab (exported text, Excel's Unicode text) or comma (.csv); default tab. */
  delimiter?: Delimiter;
  /** Read well-formed RFC 4180 quoting (default true). */
  quotes?: boolean;
  /** Hand plain lines on as text, not split (the fast path splits only what it reads); quoted rows still come as cells. */
  lines?: LineSink;
}

/** Takes plain lines as their text (without the ending) and quoted rows as cells, each with its physical line. */
export interface LineSink {
  line(text: string, line: number): void;
  row(cells: string[], line: number): void;
  /** The input ended (or paused at a block boundary: a segment's end). */
  end?(): void;
}

/** Whether `s` holds a line break (CR or LF). */
function hasBreak(s: string): boolean {
  return s.indexOf('\n') !== -1 || s.indexOf('\r') !== -1;
}

const ENDING: Record<string, LineEnding> = { '\n': 'LF', '\r\n': 'CRLF', '\r': 'CR' };

export class RowFeeder {
  private pending = '';
  /** Chunks that followed `pending` and decide nothing on their own (see push). */
  private held: string[] = [];
  private line = 0;
  private readonly delimiter: Delimiter;
  private readonly quotes: boolean;
  private readonly sink: LineSink | null;
  readonly endings: Partial<Record<LineEnding, number>> = {};

  constructor(
    private readonly onRow: (cells: string[], line: number) => void,
    options: FeedOptions | number = {},
  ) {
    const o = typeof options === 'number' ? { firstLine: options } : options;
    this.line = (o.firstLine ?? 1) - 1;
    this.delimiter = o.delimiter ?? '\t';
    this.quotes = o.quotes ?? true;
    this.sink = o.lines ?? null;
  }

  /** The pending text with the chunks held after it; both then empty. */
  private takePending(): string {
    let t = this.pending;
    if (this.held.length > 0) {
      t += this.held.join('');
      this.held = [];
    }
    this.pending = '';
    return t;
  }

  /** Number of the last line seen (the count of lines, when the feed started at line 1). */
  get lineCount(): number {
    return this.line;
  }

  push(chunk: string): void {
    // A chunk without a line break, after pending text that does not end in CR, decides nothing yet: lines are
    // read only up to the last break, and that stays where it was. It is held as a piece instead of being joined
    // to the pending text and searched again with every chunk (a 60 MB line without a break took 30 s, quadratic
    // in its length).
    if (this.pending !== '' && this.pending.charCodeAt(this.pending.length - 1) !== 13 && !hasBreak(chunk)) {
      this.held.push(chunk);
      return;
    }
    const text = this.takePending() + chunk;
    let cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    // (lastIndexOf clamps a negative start to 0, so guard cut === 0 explicitly.)
    if (cut === text.length - 1 && text.charCodeAt(cut) === 13) cut = cut === 0 ? -1 : Math.max(text.lastIndexOf('\n', cut - 1), text.lastIndexOf('\r', cut - 1));
    if (cut < 0) {
      this.pending = text;
      return;
    }
    const rest = this.lines(text.slice(0, cut + 1), false);
    this.pending = rest + text.slice(cut + 1);
  }

  /** Complete lines (and, when `final`, a last line maybe without its ending); returns what is left unread. */
  private lines(text: string, final: boolean): string {
    if (!this.quotes || !text.includes('"')) {
      this.plain(text, /[\r\n]$/.test(text));
      return '';
    }
    const rest = splitQuoted(text, this.delimiter, final, this);
    return rest === null ? '' : text.slice(rest);
  }

  /** Lines without quoting (each with its ending, the last one only if `ended`). */
  plain(raw: string, ended: boolean): void {
    const { text, endings } = normaliseEndings(raw);
    for (const k of Object.keys(endings) as LineEnding[]) this.endings[k] = (this.endings[k] ?? 0) + endings[k]!;
    if (this.sink) {
      // The lines papaparse's fastMode splits the text into (see splitRows), unsplit.
      if (text === '') return;
      const lines = text.split('\n');
      const n = ended ? lines.length - 1 : lines.length;
      for (let i = 0; i < n; i++) this.sink.line(lines[i]!, ++this.line);
      return;
    }
    const rows = splitRows(text, this.delimiter);
    // "a\nb\n" splits into a, b and an empty last row that is not a line.
    const n = ended ? rows.length - 1 : rows.length;
    for (let i = 0; i < n; i++) this.onRow(rows[i]!, ++this.line);
  }

  /** A quoted row spanning `lines` lines: its line breaks inside cells are not line endings. */
  quoted(cells: string[], lines: number, ending: string): void {
    const kind = ENDING[ending];
    if (kind) this.endings[kind] = (this.endings[kind] ?? 0) + 1;
    if (this.sink) this.sink.row(cells, this.line + 1);
    else this.onRow(cells, this.line + 1);
    this.line += lines;
  }

  /** End of input: the last line, if it has no line ending. */
  end(): void {
    if (this.pending !== '') {
      const last = this.takePending();
      this.lines(last, true);
    }
    this.sink?.end?.();
  }
}
