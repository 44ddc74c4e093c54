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
  const all = head !== null ? [head, ...rows] : rows;
  // Every cell split into lines, each with its width; null when one does not fit.
  const cells: { lines: string[]; widths: number[] }[][] = [];
  for (const row of all) {
    if (row.length !== n) return null;
    const out: { lines: string[]; widths: number[] }[] = [];
    for (let c = 0; c < n; c++) {
      const text = row[c]!;
      if (CONTROL.test(text)) return null;
      const lines = text.split('\n');
      const ws: number[] = [];
      for (const l of lines) {
        const w = textWidth(l);
        if (w > widths[c]! - 2) return null;
        ws.push(w);
      }
      out.push({ lines, widths: ws });
    }
    cells.push(out);
  }
  const rule = (left: string, mid: string, right: string): string => left + widths.map((w) => '─'.repeat(w)).join(mid) + right;
  const between = rule('├', '┼', '┤');
  const parts: string[] = [rule('┌', '┬', '┐')];
  for (let r = 0; r < cells.length; r++) {
    if (r > 0) parts.push(between);
    const row = cells[r]!;
    let height = 1;
    for (const cell of row) height = Math.max(height, cell.lines.length);
    for (let k = 0; k < height; k++) {
      let line = '│';
      for (let c = 0; c < n; c++) {
        const cell = row[c]!;
        const text = k < cell.lines.length ? cell.lines[k]! : '';
        const w = k < cell.lines.length ? cell.widths[k]! : 0;
        line += ` ${text}${' '.repeat(widths[c]! - 2 - w)} │`;
      }
      parts.push(line);
    }
  }
  parts.push(rule('└', '┴', '┘'));
  return parts.join('\n');
}
