/**
 * One line of a block, scanned for its tabs into reused offsets: no array of
 * cell strings is made (`line.split('\t')` was half of the fast reader's own
 * time). A cell's text is sliced only when asked for; the non-empty cells
 * are the parser's `nonEmpty(line.split('\t'))`, same columns, same trimmed
 * texts (test/scan.test.ts reads random lines and every fixture line both
 * ways).
 */
import { isSpace } from '../text.js';
import type { NE } from '../parse/context.js';

export class ScannedRow {
  private text = '';
  /** Start and end (exclusive) of cell k, untrimmed. */
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  /** Number of cells (tabs + 1). */
  length = 0;

  /** Scan `text` (one line, no line break). */
  scan(text: string): this {
    this.text = text;
    let n = 0;
    let from = 0;
    for (let i = text.indexOf('\t'); i !== -1; i = text.indexOf('\t', i + 1)) {
      if (n + 1 >= this.starts.length) this.grow();
      this.starts[n] = from;
      this.ends[n++] = i;
      from = i + 1;
    }
    if (n + 1 >= this.starts.length) this.grow();
    this.starts[n] = from;
    this.ends[n++] = text.length;
    this.length = n;
    return this;
  }

  private grow(): void {
    const s = new Int32Array(this.starts.length * 2);
    const e = new Int32Array(this.ends.length * 2);
    s.set(this.starts);
    e.set(this.ends);
    this.starts = s;
    this.ends = e;
  }

  /** Cell `c` as `split('\t')[c]` gives it ('' past the end). */
  cell(c: number): string {
    if (c >= this.length || c < 0) return '';
    return this.text.slice(this.starts[c]!, this.ends[c]!);
  }

  /** Cell `c` trimmed, as `clean(split('\t')[c])` ('' past the end). */
  clean(c: number): string {
    if (c >= this.length || c < 0) return '';
    const t = this.text;
    let a = this.starts[c]!;
    let b = this.ends[c]!;
    while (a < b && isSpace(t.charCodeAt(a))) a++;
    while (b > a && isSpace(t.charCodeAt(b - 1))) b--;
    return a === b ? '' : t.slice(a, b);
  }

  /** `nonEmpty(split('\t'))`. */
  nonEmpty(): NE[] {
    const out: NE[] = [];
    const t = this.text;
    for (let c = 0; c < this.length; c++) {
      let a = this.starts[c]!;
      let b = this.ends[c]!;
      while (a < b && isSpace(t.charCodeAt(a))) a++;
      if (a === b) continue;
      while (b > a && isSpace(t.charCodeAt(b - 1))) b--;
      out.push({ col: c, text: t.slice(a, b) });
    }
    return out;
  }
}
