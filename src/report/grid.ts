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
import { textWidth } from './width.js';

/** Any control character but the line breaks that split a cell (ANSI colour included). */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

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

/** One row's lines (cells side by side, each padded to its column); null when a cell line does not fit or holds a control character. */
function drawRow(row: readonly string[], widths: readonly number[]): string | null {
  const n = widths.length;
  if (row.length !== n) return null;
  const lines: string[][] = [];
  const ws: number[][] = [];
  let height = 1;
  for (let c = 0; c < n; c++) {
    const text = row[c]!;
    if (CONTROL.test(text)) return null;
    const ls = text.split('\n');
    const lw: number[] = [];
    for (const l of ls) {
      const w = textWidth(l);
      if (w > widths[c]! - 2) return null;
      lw.push(w);
    }
    lines.push(ls);
    ws.push(lw);
    if (ls.length > height) height = ls.length;
  }
  let out = '';
  for (let k = 0; k < height; k++) {
    let line = k === 0 ? '│' : '\n│';
    for (let c = 0; c < n; c++) {
      const cl = lines[c]!;
      const text = k < cl.length ? cl[k]! : '';
      const w = k < cl.length ? ws[c]![k]! : 0;
      line += ` ${text}${' '.repeat(widths[c]! - 2 - w)} │`;
    }
    out += line;
  }
  return out;
}
