/**
 * The checks a reviewer asks for (domain-review.md §4): each finds the rows
 * the review lists under "Seen in", on the real tables and the sample.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMessage, verify, verifyDocument, type Finding } from '../src/index.js';
import { sampleBytes, argsOf } from './helpers.js';

const corpus = (name: string) => verify(readFileSync(new URL(`../fixtures/corpus/${name}`, import.meta.url)), { path: name }).findings;
const of = (fs: Finding[], code: string) => fs.filter((f) => f.code === code).map((f) => [f.severity, f.line, argsOf(f).lines ?? argsOf(f).cell ?? null]);
const sample = verify(sampleBytes()).findings;

describe('domain-review §4: the rows under "Seen in"', () => {
  it('2: an empty rate or score cell on the funds total row, with the recomputed value', () => {
    expect(of(corpus('ah-tianchang-water-2022.tsv'), 'funds-cell-empty')).toEqual([['warning', 7, 'rate']]);
    expect(corpus('ah-tianchang-water-2022.tsv').find((f) => f.code === 'funds-cell-empty')!.expected).toBe('100.00');
    expect(of(corpus('sc-qingshen-fgj-2023.tsv'), 'funds-cell-empty')).toEqual([['warning', 10, 'score']]);
  });

  it('3: a total row left unsummed is one error per table, with the score the sub-rows give', () => {
    const fs = corpus('partial/ah-chizhou-tangxi-2022.partial.tsv');
    expect(of(fs, 'funds-total-unsummed')).toEqual([
      ['error', 8, null],
      ['error', 32, null],
    ]);
    expect(fs.filter((f) => f.code === 'subrow-sum-mismatch')).toEqual([]);
    // The third decimal of the sub-rows is kept (89.974, not 89.97).
    expect(fs.find((f) => f.line === 8)!.args).toMatchObject({ budget: '89.974', executed: '89.974', score: '10.00' });
  });

  it('4: a rate below 90 % with no reason (a note where the template has no 原因 column)', () => {
    expect(of(corpus('partial/sh-putuo-sports-2022-b2.partial.tsv'), 'low-rate-no-reason')).toEqual([['info', 7, null]]);
    expect(of(corpus('sh-putuo-sports-2022.tsv'), 'low-rate-no-reason')).toEqual([['info', 7, null]]);
  });

  it('4: the low rate is written as the file rounds it (a truncating table states 87.38 for 87.386…, and so does the note)', () => {
    // 80644.13 / 92284.75 = 87.3861…: truncated 87.38 (as stated), half up 87.39.
    const table = [
      '财政项目支出绩效自我评价',
      '\t项目名称\t\t低执行率项目',
      '\t项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t权重\t执行率\t得分',
      '\t年度资金总额\t\t90000.00\t92284.75\t80644.13\t10.00\t87.38\t8.73',
      '\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析',
      '\t产出指标\t数量指标\t培训人数\t≥100人\t120人\t80\t80\t',
      '\t满意度指标\t服务对象满意度指标\t满意度\t≥90%\t95%\t10\t10\t',
      '\t\t\t\t\t\t100\t98.73\t',
    ].join('\n');
    const rateIn = (rounding?: 'truncate' | 'half-up') => {
      const r = verify(Buffer.from(table), rounding ? { rounding } : {});
      return [r.rounding?.mode, r.findings.filter((f) => f.code === 'low-rate-no-reason').map((f) => [f.line, f.stated, argsOf(f).rate])];
    };
    expect(rateIn()).toEqual(['truncate', [[4, '87.38', '87.38']]]);
    expect(rateIn('half-up')).toEqual(['half-up', [[4, '87.38', '87.39']]]);
  });

  it('5: budgets changed during the year: the sample blocks 5 and 6, 大英 and 巴彦淖尔 (年初 0); 青神 +5.4 % stays below 10 %', () => {
    expect(sample.filter((f) => f.code === 'budget-adjusted').map((f) => [f.severity, f.line, f.args.change])).toEqual([
      ['info', 96, '-10.8'],
      ['warning', 141, '-20.2'],
    ]);
    expect(of(corpus('partial/sc-daying-sfj-2023.partial.tsv'), 'budget-adjusted')).toEqual([['warning', 9, null]]);
    expect(of(corpus('partial/nm-bayannur-gqmd-2024.partial.tsv'), 'budget-adjusted')).toEqual([['warning', 7, null]]);
    expect(of(corpus('sc-qingshen-fgj-2023.tsv'), 'budget-adjusted')).toEqual([]);
  });

  it('7: the 一级 split of the sample blocks 1, 2, 4, 6, 8 (and 3: 60/20/10, which the review does not list) and 中江 70/20/10', () => {
    expect(sample.filter((f) => f.code === 'level-split').map((f) => [f.project!.line, f.stated])).toEqual([
      [3, '50/20/20+10'],
      [22, '50/20/20+10'],
      [42, '60/20/10+10'],
      [63, '48/35/7+10'],
      [135, '70/10/10+10'],
      [182, '60/20/10+10'],
    ]);
    expect(corpus('sc-zhongjiang-water-2022.tsv').filter((f) => f.code === 'level-split').map((f) => [f.severity, f.stated])).toEqual([['info', '70/20/10+10']]);
  });

  it('8: 青神 has no satisfaction indicator', () => {
    expect(of(corpus('sc-qingshen-fgj-2023.tsv'), 'no-satisfaction')).toEqual([['warning', 15, null]]);
    expect(sample.filter((f) => f.code === 'no-satisfaction')).toEqual([]);
  });

  it('9: 天长 lines 17, 20, 23, 26, 29, 35: neither target nor actual, full marks', () => {
    expect(of(corpus('ah-tianchang-water-2022.tsv'), 'empty-full-marks')).toEqual([['warning', 17, [17, 20, 23, 26, 29, 35]]]);
  });

  it('11: 丽江 lines 14–17: met, yet points deducted (not also deduction-without-reason)', () => {
    const fs = corpus('partial/yn-lijiang-gucheng-2020.partial.tsv');
    expect(of(fs, 'met-but-deducted').map((x) => x[1])).toEqual([14, 15, 16, 17]);
    expect(fs.filter((f) => f.code === 'deduction-without-reason')).toEqual([]);
  });

  it('12: 巴彦淖尔 line 14: 正向 with 小于等于', () => {
    expect(of(corpus('partial/nm-bayannur-gqmd-2024.partial.tsv'), 'direction-conflict')).toEqual([['warning', 14, null]]);
  });

  it('14: 青神 lines 7, 10, 19–21 still hold the template instructions', () => {
    expect(of(corpus('sc-qingshen-fgj-2023.tsv'), 'template-text')).toEqual([['warning', 7, [7, 10, 19, 20, 21]]]);
  });

  it('15: 萧县 line 8: the sub-row repeats the funds weight and score', () => {
    expect(of(corpus('partial/ah-xiaoxian-hexi-2023.partial.tsv'), 'subrow-scored')).toEqual([['info', 8, null]]);
  });

  it('20: 普陀 86.19 %: only rounding up reproduces it, never chosen silently', () => {
    const fs = corpus('sh-putuo-sports-2022.tsv');
    expect(fs.filter((f) => f.code === 'rounding-convention').map((f) => [f.severity, f.line, f.args.scope, f.args.fileMode])).toEqual([['warning', null, 'file', 'ceil']]);
  });

  it('not-self-scored is a warning and stands alone (no actual-unverifiable beside it)', () => {
    const fs = corpus('sc-qingshen-fgj-2023.tsv');
    expect(of(fs, 'not-self-scored')).toEqual([['warning', 3, null]]);
    expect(fs.filter((f) => f.code === 'actual-unverifiable')).toEqual([]);
  });

  it('rounding-mode-ambiguous is not raised by a real error (巴彦淖尔 其他资金 0 for 1.8/1.8)', () => {
    const fs = corpus('partial/nm-bayannur-gqmd-2024.partial.tsv');
    expect(fs.filter((f) => f.code === 'rounding-mode-ambiguous')).toEqual([]);
    expect(of(fs, 'rate-mismatch')).toEqual([['error', 9, null]]);
  });
});

describe('a rate written as a fraction (0.9998 for 99.98, a General cell in Excel)', () => {
  const sampleText = sampleBytes().toString('utf8');
  const withRate = (rate: string) => verify(Buffer.from(sampleText.replace('88.31\t10.00\t99.98', `88.31\t10.00\t${rate}`)), { path: 'x.txt' }).findings.filter((f) => f.line === 8);

  it('is still an error at its cell, and the message says what it is, in both languages', () => {
    const [f, ...rest] = withRate('0.9998');
    expect(rest.map((x) => x.code)).toEqual([]);
    expect([f!.code, f!.severity, f!.stated, f!.expected, f!.args]).toEqual(['rate-mismatch', 'error', '0.9998', '99.98', expect.objectContaining({ row: 'total', fraction: true })]);
    expect(formatMessage(f!, 'zh')).toBe('年度资金总额执行率应为 99.98%，表中填报 0.9998；表中数值疑为小数形式的执行率（0.9998 即 99.98%），应按百分数填报');
    expect(formatMessage(f!, 'en')).toBe('funds total execution rate should be 99.98, the table says 0.9998; that is the rate written as a fraction (0.9998 for 99.98 %): a percentage belongs in the cell');
    // A fraction with two decimals is a whole per cent: 1.00 is 99.98 % shown to 1 %.
    expect(withRate('1.00').map((x) => [x.code, argsOf(x).fraction])).toEqual([['rate-mismatch', true]]);
  });

  it('is not said of a rate that is merely wrong', () => {
    for (const rate of ['0.5', '95.00', '9.998', '0']) expect(withRate(rate).map((x) => [x.code, 'fraction' in x.args])).toEqual([['rate-mismatch', false]]);
  });
});

describe("an Excel formula error in a number cell (#DIV/0!, #VALUE!, …)", () => {
  it('is a bad-number that says it is a formula error, in a text export and in a workbook', async () => {
    const text = sampleBytes().toString('utf8').replace('88.31\t10.00\t99.98', '88.31\t10.00\t#DIV/0!');
    const f = verify(Buffer.from(text), { path: 'x.txt' }).findings.find((x) => x.line === 8)!;
    expect([f.code, f.severity, f.args]).toEqual(['bad-number', 'warning', expect.objectContaining({ text: '#DIV/0!' })]);
    expect(formatMessage(f, 'zh')).toBe('“#DIV/0!”是 Excel 公式的错误值（公式未能算出结果），不是数值');
    expect(formatMessage(f, 'en')).toBe('"#DIV/0!" is an Excel formula error (the formula could not compute), not a number');
    // A workbook's error cell (type e) reads as the error it shows.
    const X = await import('@e965/xlsx');
    const rows = text.split('\n').map((l) => l.split('\t'));
    const ws = X.utils.aoa_to_sheet(rows.map((r) => r.map((c) => (c === '#DIV/0!' ? { t: 'e', v: 0x07 } : c))));
    const wb = X.utils.book_new();
    X.utils.book_append_sheet(wb, ws, 'Sheet1');
    const r = await verifyDocument(X.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer, { path: 'x.xlsx' });
    const g = r.findings.find((x) => x.line === 8)!;
    expect([g.code, g.args, formatMessage(g, 'en')]).toEqual(['bad-number', expect.objectContaining({ text: '#DIV/0!' }), f && formatMessage(f, 'en')]);
    // Other text is still just not a number.
    expect(formatMessage({ ...f, args: { text: '#12', col: 1 } } as Finding, 'en')).toBe('"#12" is not a valid number');
  });
  it('17: the same 三级 indicator listed twice (spaces and ★ do not make another): a note with its lines', () => {
    const lines = sampleBytes().toString('utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('\t') && /\t≥|\t=|\t≤/.test(l));
    const cells = lines[at]!.split('\t');
    const name = cells.findIndex((_c, i) => i > 0 && /[≥≤=]/.test(cells[i + 1] ?? ''));
    const copy = [...cells];
    copy[name] = `★ ${cells[name]}`;
    lines.splice(at + 1, 0, copy.join('\t'));
    const fs = verify(lines.join('\n')).findings.filter((f) => f.code === 'indicator-repeated');
    expect(fs.map((f) => [f.severity, f.line, f.args])).toEqual([['info', at + 1, { name: cells[name], lines: [at + 1, at + 2] }]]);
    expect(formatMessage(fs[0]!, 'zh')).toBe(`三级指标“${cells[name]}”重复出现（第 ${at + 1}、${at + 2} 行），各行的分值和得分均已计入合计；请核实是否重复填列`);
    expect(formatMessage(fs[0]!, 'en')).toBe(`the 三级 indicator "${cells[name]}" is listed 2 times (lines ${at + 1}, ${at + 2}), each row's weight and score counted in the totals: check it was not entered twice`);
    // The sample and the real tables list no indicator twice.
    expect(sample.filter((f) => f.code === 'indicator-repeated')).toEqual([]);
    for (const c of ['ah-tianchang-water-2022.tsv', 'sc-qingshen-fgj-2023.tsv', 'sc-zhongjiang-water-2022.tsv', 'sh-putuo-sports-2022.tsv']) expect(corpus(c).filter((f) => f.code === 'indicator-repeated')).toEqual([]);
  });
  it('16: a number target with no unit, in its cell, a 度量单位 column or the actual (天长 lines 14 and 15: `1` project): a note once per table', () => {
    const fs = corpus('ah-tianchang-water-2022.tsv').filter((f) => f.code === 'target-without-unit');
    expect(fs.map((f) => [f.severity, f.line, f.args])).toEqual([['info', 14, { count: 2, lines: [14, 15] }]]);
    expect(formatMessage(fs[0]!, 'zh')).toBe('2 项定量指标的年度指标值只有数字，未写计量单位（单元格和度量单位列中均没有）：第 14、15 行；请注明其计量口径（个、次、%、万元等）');
    expect(formatMessage(fs[0]!, 'en')).toBe('2 number targets have no unit, in the cell or a unit column: lines 14, 15; say what they count (个, 次, %, 万元 …)');
    // A unit in the cell (`(个)`, `%`), in a 度量单位 column (青神, 丽江) or in the actual's cell is a unit; none of the others lacks one.
    expect(sample.filter((f) => f.code === 'target-without-unit')).toEqual([]);
    for (const c of ['sc-qingshen-fgj-2023.tsv', 'sc-zhongjiang-water-2022.tsv', 'sh-putuo-sports-2022.tsv']) expect(corpus(c).filter((f) => f.code === 'target-without-unit')).toEqual([]);
    const lines = sampleBytes().toString('utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('=1.00(个)'));
    const withActual = lines.map((l, i) => (i === at ? l.replace('=1.00(个)', '=1.00').replace('达成指标', '1个') : l));
    expect(verify(withActual.join('\n')).findings.filter((f) => f.code === 'target-without-unit')).toEqual([]);
    const without = lines.map((l, i) => (i === at ? l.replace('=1.00(个)', '=1.00') : l));
    expect(verify(without.join('\n')).findings.filter((f) => f.code === 'target-without-unit').map((f) => f.args)).toEqual([{ count: 1, lines: [at + 1] }]);
  });

  it('18: an indicator marked not applicable (天长 line 32, its 生态效益指标 `/ / /`): a note once per table, its points left out', () => {
    const fs = corpus('ah-tianchang-water-2022.tsv').filter((f) => f.code === 'indicator-not-applicable');
    expect(fs.map((f) => [f.severity, f.line, f.args])).toEqual([['info', 32, { count: 1, lines: [32], mark: '/' }]]);
    expect(formatMessage(fs[0]!, 'zh')).toBe('1 项指标标为不适用（年度指标值和实际完成值均为“/”），未设分值，不计入合计：第 32 行；其分值应调整给其他指标，而非按比例折算总分（以分值合计核对）');
    expect(formatMessage(fs[0]!, 'en')).toBe(
      '1 indicator is marked not applicable ("/" for target and actual) with no weight, and left out of the totals: line 32; its points should have gone to the other indicators, not the total be rescaled (the weight total shows whether they did)',
    );
    expect(sample.filter((f) => f.code === 'indicator-not-applicable')).toEqual([]);
    for (const c of ['sc-qingshen-fgj-2023.tsv', 'sc-zhongjiang-water-2022.tsv', 'sh-putuo-sports-2022.tsv']) expect(corpus(c).filter((f) => f.code === 'indicator-not-applicable')).toEqual([]);
    // In the sample's block 2: the row of 系统维护及时性 (20 points) marked `/`, its points moved to the row above.
    const lines = sampleBytes().toString('utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('系统维护及时性'));
    /** The sample's findings with the row's cells edited by `row`, and the row above's by `above`. */
    const edit = (row: (cells: string[]) => void, above?: (cells: string[]) => void) => {
      const changed = lines.map((l, i) => {
        const by = i === at ? row : i === at - 1 ? above : undefined;
        if (!by) return l;
        const cells = l.split('\t');
        by(cells);
        return cells.join('\t');
      });
      return verify(changed.join('\n')).findings;
    };
    const na = (fs: Finding[]) => fs.filter((f) => f.code === 'indicator-not-applicable').map((f) => [f.line, f.args.count]);
    const moved = (c: string[]) => ((c[5] = '40.00'), (c[6] = '40.00'));
    expect(na(edit((c) => ((c[3] = '/'), (c[4] = '/'), (c[5] = '/'), (c[6] = '/')), moved))).toEqual([[at + 1, 1]]);
    // 不适用 for the values and 0 points: the same.
    expect(na(edit((c) => ((c[3] = '不适用'), (c[4] = '不适用'), (c[5] = '0'), (c[6] = '0')), moved))).toEqual([[at + 1, 1]]);
    // Left blank: a row not filled in, not one marked not applicable.
    expect(na(edit((c) => ((c[3] = ''), (c[4] = ''), (c[5] = ''), (c[6] = '')), moved))).toEqual([]);
    // Marked `/` but still weighted: not left out (full marks on it are empty-full-marks).
    const weighted = edit((c) => ((c[3] = '/'), (c[4] = '/')));
    expect(na(weighted)).toEqual([]);
    expect(weighted.filter((f) => f.code === 'empty-full-marks').map((f) => f.line)).toEqual([at + 1]);
  });
});
