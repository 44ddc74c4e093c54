/**
 * The direct box renderer (src/report/grid.ts) draws what cli-table3 draws,
 * byte for byte, whenever it draws at all; and it declines exactly the
 * tables cli-table3 must draw (a line too wide, colour, a control character).
 */
import Table from 'cli-table3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawGrid } from '../src/report/grid.js';
import { textWidth } from '../src/report/width.js';

const STYLE = { head: [], border: [], compact: false };
const cliTable3 = (head: string[] | null, widths: number[], rows: string[][]): string => {
  const t = new Table(head ? { head, colWidths: widths, style: STYLE } : { colWidths: widths, style: STYLE });
  for (const r of rows) t.push(r);
  return t.toString();
};

// ASCII, CJK ideographs and full-width punctuation: characters whose width cli-table3's string-width and textWidth agree on.
const char = fc.constantFrom('a', 'Z', '7', ' ', '.', '%', '-', '中', '文', '预', '算', '，', '。', '（', '）', '：', '∶');
const line = fc.array(char, { maxLength: 14 }).map((a) => a.join(''));
const cellText = fc.array(line, { minLength: 1, maxLength: 3 }).map((a) => a.join('\n'));

describe('drawGrid', () => {
  it('draws the findings-table shape exactly as cli-table3', () => {
    const head = ['行', '级别', '代码', '说明'];
    const widths = [6, 9, 26, 44];
    const rows = [
      ['6', '提示', 'low-rate-no-reason', '预算执行率 82.28% 低于 90%，未说明原因'],
      ['13', '警告', 'level-split', '一级指标权重为 产出 34、效益 32、满意度\n24、预算执行率 10'],
      ['', '', '', ''],
    ];
    const direct = drawGrid(head, widths, rows);
    expect(direct).toBe(cliTable3(head, widths, rows));
    expect(direct!.split('\n')[0]).toBe(`┌${'─'.repeat(6)}┬${'─'.repeat(9)}┬${'─'.repeat(26)}┬${'─'.repeat(44)}┐`);
    expect(direct!.split('\n')).toHaveLength(1 + 1 + 1 + 1 + 1 + 2 + 1 + 1 + 1);
  });

  it('declines what it cannot draw the same: a line too wide, colour, a tab', () => {
    expect(drawGrid(['a'], [5], [['abcd']])).toBeNull(); // 4 > 5 - 2: cli-table3 cuts it to "ab…"
    expect(drawGrid(['a'], [5], [['abc']])).not.toBeNull();
    expect(drawGrid(['a'], [6], [['中文']])).toBe(cliTable3(['a'], [6], [['中文']]));
    expect(drawGrid(['a'], [5], [['中文']])).toBeNull();
    expect(drawGrid(['a'], [10], [['\x1b[31mx\x1b[39m']])).toBeNull();
    expect(drawGrid(['a'], [10], [['a\tb']])).toBeNull();
    expect(drawGrid(['a', 'b'], [10], [['a', 'b']])).toBeNull();
    // A head alone, and rows without a head (a summary streamed row by row).
    expect(drawGrid(['行', '名称'], [6, 8], [])).toBe(cliTable3(['行', '名称'], [6, 8], []));
    expect(drawGrid(null, [6, 8], [['1', '名称']])).toBe(cliTable3(null, [6, 8], [['1', '名称']]));
  });

  it('draws tables of the same columns as when each is drawn first (borders and head remembered)', () => {
    const head = ['行', '级别', '代码', '说明'];
    const widths = [6, 9, 26, 44];
    const a = [['6', '提示', 'low-rate-no-reason', '预算执行率 82.28% 低于 90%']];
    const b = [['13', '警告', 'level-split', '一级指标权重\n为 产出 34'], ['14', '错误', 'x', '']];
    for (const rows of [a, b, a, b]) expect(drawGrid([...head], widths, rows)).toBe(cliTable3(head, widths, rows));
    // Other widths in between, then the first ones again.
    expect(drawGrid(['a'], [5], [['abc']])).toBe(cliTable3(['a'], [5], [['abc']]));
    expect(drawGrid(head, widths, b)).toBe(cliTable3(head, widths, b));
    // A head too wide for its column is declined every time, not only the first.
    expect(drawGrid(['abcdef'], [5], [['a']])).toBeNull();
    expect(drawGrid(['abcdef'], [5], [['b']])).toBeNull();
    expect(drawGrid(['abc'], [5], [['b']])).toBe(cliTable3(['abc'], [5], [['b']]));
  });

  it('is byte for byte cli-table3 on random tables it draws (property)', () => {
    const table = fc.integer({ min: 1, max: 4 }).chain((n) =>
      fc.record({
        widths: fc.array(fc.integer({ min: 3, max: 20 }), { minLength: n, maxLength: n }),
        head: fc.option(fc.array(line, { minLength: n, maxLength: n }), { nil: null }),
        rows: fc.array(fc.array(cellText, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 5 }),
      }),
    );
    let drawn = 0;
    fc.assert(
      fc.property(table, ({ widths, head, rows }) => {
        const direct = drawGrid(head, widths, rows);
        const fits = [...(head ? [head] : []), ...rows].every((r) => r.every((cell, c) => cell.split('\n').every((l) => textWidth(l) <= widths[c]! - 2)));
        if (!fits) return direct === null;
        drawn++;
        return direct === cliTable3(head, widths, rows);
      }),
      { numRuns: 2000, seed: Number(process.env.FC_SEED ?? 20261201) },
    );
    expect(drawn).toBeGreaterThan(100);
  });
});
