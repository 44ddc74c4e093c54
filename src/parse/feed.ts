/**
 * Decoded text, in chunks of any size, → rows with their physical line
 * numbers. Line endings are counted and normalised here (a CR at the end of
 * a chunk is held back, since it may be the first half of a CRLF), and
 * complete lines go to papaparse a chunk at a time.
 */
import type { LineEnding } from '../model.js';
import { normaliseEndings, splitRows } from './rows.js';

export class RowFeeder {
  private pending = '';
  private line = 0;
  readonly endings: Partial<Record<LineEnding, number>> = {};

  /** `firstLine`: the physical line number of the first row (a segment of a file starts further on). */
  constructor(
    private readonly onRow: (cells: string[], line: number) => void,
    firstLine = 1,
  ) {
    this.line = firstLine - 1;
  }

  /** Number of the last line seen (the count of lines, when the feed started at line 1). */
  get lineCount(): number {
    return this.line;
  }

  push(chunk: string): void {
    const text = this.pending === '' ? chunk : this.pending + chunk;
    let cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    // (lastIndexOf clamps a negative start to 0, so guard cut === 0 explicitly.)
    if (cut === text.length - 1 && text.charCodeAt(cut) === 13) cut = cut === 0 ? -1 : Math.max(text.lastIndexOf('\n', cut - 1), text.lastIndexOf('\r', cut - 1));
    if (cut < 0) {
      this.pending = text;
      return;
    }
    this.pending = text.slice(cut + 1);
    this.rows(text.slice(0, cut + 1), true);
  }

  private rows(complete: string, endsWithNewline: boolean): void {
    const { text, endings } = normaliseEndings(complete);
    for (const k of Object.keys(endings) as LineEnding[]) this.endings[k] = (this.endings[k] ?? 0) + endings[k]!;
    const rows = splitRows(text);
    // "a\nb\n" splits into a, b and an empty last row that is not a line.
    const n = endsWithNewline ? rows.length - 1 : rows.length;
    for (let i = 0; i < n; i++) this.onRow(rows[i]!, ++this.line);
  }

  /** End of input: the last line, if it has no line ending. */
  end(): void {
    if (this.pending !== '') {
      const last = this.pending;
      this.pending = '';
      if (last.endsWith('\r')) this.rows(last, true);
      else this.rows(last, false);
    }
  }
}
