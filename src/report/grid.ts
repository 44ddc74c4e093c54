/**
 * cli-table3's default box, drawn directly, for the tables whose every cell
 * line already fits its column (the findings tables, pre-wrapped by wrap()):
 * one string per table instead of cli-table3's objects per cell, which were
 * a third of the default `verify` output's time on a large corpus. Anything
 * else — a line wider than its column (cli-table3 truncates it with …),
 * colour or other control characters, a column without a width — is drawn
 * by cli-table3 itself: `drawGrid` returns null. test/grid.test.ts compares
 * the two on random tables.
 */
import { quickWidth, textWidth } from './width.js';

/**
 * The table with `head` (null: none) and `rows`, columns `widths` wide
 * (padding included, as cli-table3's colWidths), in cli-table3's default
 * style without colour; null when cli-table3 must draw it.
 */
export function drawGrid(head: readonly string[] | null, widths: readonly number[], rows: readonly (readonly string[])[]): string | null {
  const n = widths.length;
  if (head !== null && head.length !== n) return null;
  for (const w of widths) if (!(w >= 3)) return null;
  // The borders and the head are the same for every table of a run's columns: drawn once, remembered.
  const key = widths.join(',');
  if (key !== last.key) last = { key, rules: rulesOf(widths), head: new Map() };
  const [top, between, bottom] = last.rules;
  const parts: string[] = [top];
  if (head !== null) {
    const hk = head.join('\u0000');
    let h = last.head.get(hk);
    if (h === undefined) {
      h = drawRow(head, widths);
      if (last.head.size >= 16) last.head.clear();
      last.head.set(hk, h);
    }
    if (h === null) return null;
    parts.push(h);
  }
  for (const row of rows) {
    const drawn = drawRow(row, widths);
    if (drawn === null) return null;
    if (parts.length > 1) parts.push(between);
    parts.push(drawn);
  }
  parts.push(bottom);
  return parts.join('\n');
}

/** The last column widths drawn: their three rules, and the heads drawn with them (by their texts). */
let last: { key: string; rules: readonly [string, string, string]; head: Map<string, string | null> } = { key: '', rules: ['', '', ''], head: new Map() };

function rulesOf(widths: readonly number[]): readonly [string, string, string] {
  const rule = (left: string, mid: string, right: string): string => left + widths.map((w) => '─'.repeat(w)).join(mid) + right;
  return [rule('┌', '┬', '┐'), rule('├', '┼', '┤'), rule('└', '┴', '┘')];
}

/** Spaces by count: a row's padding is made once per width. */
const PAD: string[] = [];
const pad = (n: number): string => (PAD[n] ??= ' '.repeat(n));
/** Lines of the row's cells, by position in their cell (start, end, width); cell c's are [FIRST[c], FIRST[c + 1]). Reused: drawing is synchronous. */
const LA: number[] = [];
const LB: number[] = [];
const LW: number[] = [];
const FIRST: number[] = [];

/**
 * One row's lines (cells side by side, each padded to its column); null when a cell line does not fit or holds a
 * control character. Each cell is read once: its line breaks, control characters and, for printable ASCII and
 * the common wide blocks, its width (any other character: that line is measured by textWidth).
 */
function drawRow(row: readonly string[], widths: readonly number[]): string | null {
  const n = widths.length;
  if (row.length !== n) return null;
  let m = 0;
  let height = 1;
  for (let c = 0; c < n; c++) {
    const text = row[c]!;
    const max = widths[c]! - 2;
    FIRST[c] = m;
    let a = 0;
    let w = 0;
    let other = false;
    for (let i = 0; i <= text.length; i++) {
      const ch = i < text.length ? text.charCodeAt(i) : 0x0a;
      if (ch === 0x0a) {
        if (other) w = textWidth(text.slice(a, i));
        if (w > max) return null;
        LA[m] = a;
        LB[m] = i;
        LW[m++] = w;
        a = i + 1;
        w = 0;
        other = false;
      } else if (ch < 0x20 || (ch >= 0x7f && ch <= 0x9f)) return null;
      else if (ch < 0x7f) w++;
      else {
        const q = quickWidth(ch);
        if (q >= 0) w += q;
        else other = true;
      }
    }
    if (m - FIRST[c]! > height) height = m - FIRST[c]!;
  }
  FIRST[n] = m;
  let out = '';
  for (let k = 0; k < height; k++) {
    out += k === 0 ? '│' : '\n│';
    for (let c = 0; c < n; c++) {
      const at = FIRST[c]! + k;
      if (at < FIRST[c + 1]!) out += ` ${row[c]!.slice(LA[at], LB[at])}${pad(widths[c]! - 2 - LW[at]!)} │`;
      else out += ` ${pad(widths[c]! - 2)} │`;
    }
  }
  return out;
}
