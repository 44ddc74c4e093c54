import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { formatMessage, parse, rescore, verify, type Finding, type Project } from '../src/index.js';
import { halfWidthNumber, parseNumber, parsePercentCell } from '../src/number.js';
import { Cell } from '../src/model.js';
import { styled } from '../src/rescore.js';
import { parseActual, parseTarget } from '../src/parse/target.js';
import { accountedLines, cli, fixture, nonBlankLines, sampleBytes, sampleText, subRow, argsOf } from './helpers.js';

const verdict = (fs: Finding[]) => fs.map((f) => `${f.project?.line ?? '-'} ${f.severity} ${f.code}:${f.line}`);

describe('layout variants (fixtures/variants)', () => {
  it('header synonyms, 元, year in title, % in rate cells, ASCII colon, operator spellings', () => {
    const r = verify(fixture('variants/header-synonyms.txt'), { path: 'v.txt' });
    expect(r.findings).toEqual([]);
    expect(r.rounding!.mode).toBe('truncate');
    const p = r.projects[0]!.project;
    expect([p.title, p.name, p.unit, p.department, p.implementer]).toEqual(['财政项目支出绩效自评表（2022年度）', '社区康复服务项目', '元', '某区残疾人联合会', '某区残疾人康复中心']);
    const t = p.funds.total!;
    expect([t.initialBudget!.num!.text, t.budget!.num!.text, t.executed!.num!.text, t.weight!.num!.text, t.rate!.num!.text, t.rate!.percent, t.score!.num!.text]).toEqual([
      '500000.00', '480000.00', '456789.00', '10.00', '95.16', true, '9.51',
    ]);
    expect(subRow(p, 'currentYear')!.label).toBe('其中:本年财政拨款');
    expect(subRow(p, 'currentYear')!.weight!.num).toBeNull();
    const ops = p.indicators.map((i) => [i.level1, i.level2, i.target.op, i.target.impliedOp, i.target.value?.text ?? null, i.target.unit]);
    expect(ops).toEqual([
      ['产出指标', '数量指标', '≥', '≥', '1200', '人次'],
      ['产出指标', '数量指标', '≥', '≥', '300', '户'],
      ['产出指标', '质量指标', '≥', '≥', '90', '%'],
      ['产出指标', '时效指标', '≤', '≤', '12', '月'],
      ['产出指标', '成本指标', null, '≤', '380', '元/人'],
      ['效益指标', '社会效益指标', '=', '=', '100', '%'],
      ['效益指标', '可持续影响指标', '=', '=', '100', '%'],
      ['效益指标', '社会效益指标', null, null, null, null],
      ['满意度指标', '服务对象满意度指标', null, '≥', '90', '%'],
    ]);
    expect(p.indicators[0]!.target.opRaw).toBe('>=');
    expect(p.indicators[2]!.target.opRaw).toBe('大于等于');
    expect([p.stated.line, p.stated.weightTotal!.num!.text, p.stated.total!.num!.text, p.stated.grade]).toEqual([22, '100', '99.51', '优秀']);
    expect(r.projects[0]!.figures!.statedGrade).toBe('优');
  });

  it('the Hubei template (黄冈 2020): a header per annual goal, no weight column, the funds weight in the funds header', () => {
    const text = fixture('variants/hb-huanggang-2020.txt').toString('utf8');
    const r = verify(text, { path: 'hb.txt' });
    // Every line read: the unit-and-date line under the title, the checkbox rows of the head, the tail rows.
    expect(r.findings).toEqual([]);
    const { project: p, figures } = r.projects[0]!;
    expect([p.template, p.name, p.department, p.implementer, p.unit]).toEqual(['hb-goals', '水土保持监测', '黄冈市水利和湖泊局', '本单位', '万元']);
    const t = p.funds.total!;
    // 20 in `预算执行情况(万元)(20分)`: the funds' weight, its cell the header's (line 6, column 1).
    expect([t.label, t.budget?.num?.text, t.executed?.num?.text, t.rate?.num?.text, t.weight?.num?.text, t.weight?.line, t.weight?.col, t.score?.num?.text]).toEqual(['年度财政资金总额', '10', '10', '100', '20', 6, 0, '20']);
    // Both goals' rows, read under their own header (年度绩效目标2 is no duplicate); no weight per row.
    expect(p.indicators.map((i) => [i.line, i.level1, i.level2, i.name, i.target.raw, i.actual.raw, i.weight, i.score?.num?.text])).toEqual([
      [9, '产出指标', '质量指标', '监测数据必须合格', '100%', '100%', null, '10'],
      [10, '产出指标', '进度指标', '取得2018-2022监测资料', '100%', '100%', null, '10'],
      [12, '满意度指标', '服务对象满意度指标', '整编资料审核', '98%', '98%', null, '19.6'],
      [14, '产出指标', '质量指标', '监测数据资料整编', '100%', '100%', null, '20'],
      [15, '产出指标', '进度指标', '完成年度资料上报', '100%', '100%', null, '20'],
    ]);
    expect(p.texts.map((x) => [x.kind, x.line])).toEqual(expect.arrayContaining([['preamble', 2], ['tail', 19], ['tail', 20]]));
    expect(p.goalBlocks!.map((b) => [b.line, b.col, b.label, b.weight?.num?.text])).toEqual([
      [8, 0, '年度绩效目标1(40分)', '40'],
      [13, 0, '年度绩效目标2(40分)', '40'],
    ]);
    // A goal's scores above its weight: 39.6 and 40 are not, 45 is.
    const over = verify(text.replace('完成年度资料上报\t100%\t100%\t20', '完成年度资料上报\t100%\t100%\t25'), { path: 'hb.txt' }).findings.filter((f) => f.code === 'goal-score-over-weight');
    expect(over.map((f) => [f.severity, f.line, f.stated, f.expected, f.args])).toEqual([['error', 13, '45.00', '40', { goal: '年度绩效目标2(40分)', sum: '45.00', weight: '40', count: 2 }]]);
    expect(formatMessage(over[0]!, 'zh')).toBe('“年度绩效目标2(40分)”下 2 项指标的得分合计 45.00，超过该目标的分值 40');
    // 20 × 10 / 10 = 20; 20 + 10 + 10 + 19.6 + 20 + 20 = 99.6, 优. No weight total: the table has none to add up.
    expect([figures!.execScore?.value.toFixed(2), figures!.total?.toFixed(2), figures!.grade, figures!.weightTotal]).toEqual(['20.00', '99.60', '优', null]);
    // Text right of its last column (it has no reason column to spill into) is said, not dropped; so is a third
    // cell on the unit-and-date line, kept with it.
    const extra = text.split('\n').map((l, i) => (i === 8 ? `${l}\t备查` : i === 1 ? `${l}\t联系人：张三` : l)).join('\n');
    const e = verify(extra, { path: 'hb.txt' });
    expect(e.findings.map((f) => [f.code, f.line, f.args])).toEqual([['column-not-read', 8, { header: '', col: 7, cells: 1, sample: '备查' }]]);
    expect(formatMessage(e.findings[0]!, 'zh')).toBe('指标表第 8 列没有表头，不在复核范围内：该列 1 个非空单元格未经核对（备查）');
    expect(formatMessage(e.findings[0]!, 'en')).toBe('indicator column 8 has no header and is not one evalcheck reads: its 1 non-empty cell is not checked (备查)');
    expect(e.projects[0]!.project.texts.find((x) => x.line === 2)).toMatchObject({ kind: 'preamble', text: expect.stringContaining('联系人：张三') });
    // Its faults are found: the spending, and a score that does not add up.
    const bad = verify(text.replace('年度财政资金总额\t10\t10\t100%\t20', '年度财政资金总额\t10\t8\t100%\t20').replace('\t98%\t98%\t19.6', '\t98%\t98%\t29.6'), { path: 'hb.txt' });
    expect(bad.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.line, f.stated, f.expected])).toEqual([
      // (The score 20 follows from the stated rate: the error is the rate's.)
      ['rate-mismatch', 7, '100', '80.00'],
      // (29.6 puts goal 1 at 49.6 of its 40.)
      ['goal-score-over-weight', 8, '49.60', '40'],
      ['score-total-mismatch', 18, '99.6', '109.60'],
    ]);
  });

  it('a page of the Hebei county template: labels wrapped in their cells, goals as bare numbers, placeholders left in', async () => {
    const r = await cli(['verify', 'fixtures/variants/wrapped-labels-numeric-goals.html', '--format', 'json', '--records', 'full', '--lang', 'en']);
    const doc = JSON.parse(r.stdout) as { files: { projects: (Project & { recomputed: { total: string; weightTotal: string } })[]; findings: Finding[] }[] };
    // Before: the goals row (50 | 43.5) was read as the total row (two false errors, weight total 50), each wrapped
    // level label (经济效益⏎指标, 满意度⏎指标) was unknown-level, and the real total row a duplicate-label.
    expect(doc.files[0]!.findings.map((f) => `${f.severity} ${f.code}:${f.line}`)).toEqual(['info low-rate-no-reason:5', 'warning policy-score-differs:12', 'info target-without-unit:12']);
    // (Its targets are bare numbers: 43.2 of what, 100 of what.)
    expect(doc.files[0]!.findings.find((f) => f.code === 'target-without-unit')!.args).toEqual({ count: 9, lines: [12, 15, 16, 18, 20, 22, 24, 27, 28] });
    expect(r.code).toBe(0);
    const p = doc.files[0]!.projects[0]!;
    const recomputed = p.recomputed;
    expect([p.name, p.unit, p.goals]).toEqual(['校舍暖通改造经费', '万元', { line: 10, expected: '50', actual: '43.5' }]);
    expect(p.indicators.map((i) => [i.line, i.level1, i.level2, i.name, String(i.weight), String(i.score)])).toEqual([
      [12, '产出指标', '数量指标', '指标1改造资金金额', '10', '9'],
      [15, '产出指标', '质量指标', '指标1工程完工率', '10', '10'],
      [16, '产出指标', '质量指标', '指标2工程验收合格率', '10', '10'],
      [18, '产出指标', '时效指标', '指标1项目完成及时率', '10', '10'],
      [20, '产出指标', '成本指标', '指标1成本控制率', '10', '10'],
      [22, '效益指标', '经济效益指标', '指标1运行安全率', '10', '10'],
      [24, '效益指标', '社会效益指标', '指标1办学条件改善', '10', '10'],
      [27, '效益指标', '可持续影响指标', '指标1长期使用性', '10', '10'],
      [28, '满意度指标', '服务对象满意度指标', '指标1师生满意度', '10', '10'],
    ]);
    expect([p.stated.line, String(p.stated.weightTotal), String(p.stated.total), recomputed.weightTotal, recomputed.total]).toEqual([30, '100', '98', '100.00', '97.70']);
    // (97.70: the stated scores with the execution score recomputed, 10 × 87 % = 8.70; the table's 9 is 8.70 at no decimals.)
    // The title above the table is where the project is: said as such, not as "row 0".
    const table = await cli(['verify', 'fixtures/variants/wrapped-labels-numeric-goals.html', '--lang', 'zh']);
    expect(table.stdout.split('\n')[1]).toBe('! 校舍暖通改造经费（表1 上方标题）总分 98');
    expect(table.stdout.trimEnd().split('\n').at(-1)).toBe('1 个项目 · 0 个错误 · 1 个警告 · 2 条提示');
    expect((await cli(['verify', 'fixtures/variants/wrapped-labels-numeric-goals.html', '--lang', 'en'])).stdout.trimEnd().split('\n').at(-1)).toBe('1 project · 0 errors · 1 warning · 2 notes');
  });

  it('a block cut before its indicators keeps its total row under the goals; the first row under the goals header is goals', () => {
    const cut = verify(fixture('bad/missing-indicators.txt'));
    expect(cut.projects[0]!.project.stated.total!.num!.text).toBe('99.99');
    const lines = sampleText().split('\n').slice(0, 20);
    // The goals of block 1 as bare numbers, right under their header: what the goals say, not a total.
    lines[12] = '\t\t88.32\t\t\t88.31\t\t\t\t';
    const r = verify(lines.join('\n'));
    expect(r.projects[0]!.project.goals).toEqual({ line: 13, expected: '88.32', actual: '88.31' });
    expect([r.projects[0]!.project.stated.line, r.projects[0]!.project.stated.total!.num!.text]).toEqual([19, '99.99']);
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('成本指标 as 一级, an extra leading 绩效指标 column, no 年初预算数, 合计, CRLF', () => {
    const r = verify(fixture('variants/cost-level-no-initial-budget.txt'));
    expect(r.findings).toEqual([]);
    expect(r.lineEndings).toEqual({ CRLF: 16 });
    const p = r.projects[0]!.project;
    expect(p.title).toBe('项目支出绩效自评表');
    const t = p.funds.total!;
    expect([t.initialBudget, t.budget!.num!.text, t.executed!.num!.text, t.weight!.num!.text, t.rate!.num!.text, t.score!.num!.text]).toEqual([null, '120.00', '120.00', '10', '100.00', '10.00']);
    expect(subRow(p, 'currentYear')!.label).toBe('其中：财政拨款');
    expect(p.indicators.map((i) => [i.line, i.level1, i.level2, i.name, i.target.impliedOp, i.target.unit])).toEqual([
      [10, '产出指标', '数量指标', '补贴发放人数', '≥', '人'],
      [11, '产出指标', '质量指标', '发放准确率', '=', '%'],
      [12, '成本指标', '经济成本指标', '人均补贴标准', '≤', '元/人'],
      [13, '成本指标', '社会成本指标', '投诉处理成本', '≤', '元'],
      [14, '效益指标', '社会效益指标', '老年人生活质量', null, null],
      [15, '满意度指标', '服务对象满意度指标', '受益老人满意度', '≥', '%'],
    ]);
    expect([p.stated.line, p.stated.total!.num!.text]).toEqual([16, '100.00']);
  });

  it('a title split over two lines, placeholder cells and a not-applicable row', () => {
    const r = verify(fixture('variants/title-split-placeholders-na.txt'));
    // The not-applicable row is said once, and nothing else.
    expect(r.findings.map((f) => [f.severity, f.code, f.line, f.args])).toEqual([['info', 'indicator-not-applicable', 15, { count: 1, lines: [15], mark: '不适用' }]]);
    const p = r.projects[0]!.project;
    expect([p.line, p.lines.title, p.title]).toEqual([1, [1, 2], '某区财政项目支出绩效自评表（2023年度）']);
    expect(subRow(p, 'carryOver')!.budget!.raw).toBe('/');
    expect(subRow(p, 'carryOver')!.budget!.num).toBeNull();
    expect(subRow(p, 'other')!.rate!.num).toBeNull();
    const na = p.indicators.find((i) => i.name === '适配及时率')!;
    // `/` in the target cell: not applicable, an empty target.
    expect([na.weight!.num, na.score!.num, na.target.kind, na.reason]).toEqual([null, null, 'empty', '本年度不考核']);
  });

  it('a table with no self-scores is reported once as not self-scored', () => {
    const r = verify(fixture('variants/not-self-scored.txt'));
    // The funds score cell is empty too: said, with the score the amounts give; the not-applicable row is a note.
    expect(verdict(r.findings)).toEqual(['1 warning not-self-scored:1', '1 warning funds-cell-empty:6', '1 info indicator-not-applicable:15']);
    expect(r.projects[0]!.project.stated.weightTotal!.num!.text).toBe('100');
    expect(r.projects[0]!.project.stated.total).toBeNull();
  });
});

describe('bad input (fixtures/bad)', () => {
  it('empty file, no table: exit 2 with one line', async () => {
    for (const [f, n] of [['empty.txt', 0], ['no-table.txt', 4]] as const) {
      const r = await cli(['verify', `fixtures/bad/${f}`]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`evalcheck: fixtures/bad/${f}: no self-evaluation table found (${n} lines read)\n`);
      expect(r.stdout).toBe('');
    }
    const one = await cli(['verify', '-'], { stdin: '只有一行，没有表格\n' });
    expect([one.code, one.stderr]).toEqual([2, 'evalcheck: -: no self-evaluation table found (1 line read)\n']);
  });

  it('a table cut off mid-way: block 1 checked, block 2 missing its total row at its last line (a grade row is not required)', () => {
    const r = verify(fixture('bad/truncated.txt'));
    expect(r.projects).toHaveLength(2);
    expect(verdict(r.findings)).toEqual(['3 info level-split:17', '22 info actual-unverifiable:34', '22 warning missing-section:36']);
    expect(r.findings.filter((f) => f.code === 'missing-section').map((f) => f.args.section)).toEqual(['total']);
  });

  it('a block missing its funds section or its indicators', () => {
    expect(verdict(verify(fixture('bad/missing-funds.txt')).findings)).toEqual(['3 warning missing-section:3', '17 info actual-unverifiable:29', '17 info level-split:32']);
    const r = verify(fixture('bad/missing-indicators.txt'));
    expect(verdict(r.findings)).toEqual(['3 warning missing-section:3', '17 info actual-unverifiable:29', '17 info level-split:32']);
    expect(argsOf(r.findings[0]!).section).toBe('indicators');
    expect(r.projects[0]!.project.stated.total!.num!.text).toBe('99.99');
  });

  it('duplicated labels: the first is used, the repeat reported with both lines', () => {
    const r = verify(fixture('bad/duplicate-labels.txt'));
    const d = r.findings.filter((f) => f.code === 'duplicate-label');
    expect(d.map((f) => [f.line, f.args.label, f.args.first])).toEqual([
      [6, '项目名称', 5],
      [10, '年度资金总额', 9],
    ]);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('malformed numbers are located findings, and sums that depend on them are not guessed', () => {
    const r = verify(fixture('bad/malformed-numbers.txt'));
    expect(r.findings.filter((f) => f.code === 'bad-number').map((f) => [f.line, f.args.text, f.args.col])).toEqual([
      [8, '12..5', 4],
      [8, '1,2,3', 5],
      [8, '1e400', 7],
      [8, 'NaN', 9],
    ]);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // The rest of the file is still checked: block 2 is read in full.
    expect(r.projects[1]!.project.indicators).toHaveLength(5);
  });

  it('negative amounts', () => {
    const r = verify(fixture('bad/negative-amounts.txt'));
    expect(r.findings.filter((f) => f.code === 'negative-amount').map((f) => [f.line, f.stated, f.args.column])).toEqual([
      [10, '-5.00', 'initialBudget'],
      [10, '-5.00', 'budget'],
      [10, '-5.00', 'executed'],
    ]);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a funds total of 0 with spending in its sub-rows', () => {
    const r = verify(fixture('bad/zero-total-with-subrows.txt'));
    // One finding for a total row never summed, with the sub-rows' sums (not one per column).
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.line, f.stated, f.expected])).toEqual([
      ['funds-total-unsummed', 8, '0.00', '88.32'],
      ['score-total-mismatch', 19, '99.99', '90.00'],
    ]);
    expect(r.findings[0]!.args).toMatchObject({ initialBudget: '88.32', budget: '88.32', executed: '88.31', score: '9.99' });
  });

  it('a binary file: one line naming file and line, exit 2, other files still processed', async () => {
    const r = await cli(['verify', '-', 'fixtures/000_4494185c10663b20.txt'], { stdin: Buffer.from('财政\n\u0000\u0001\u0002\u00ff') });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('evalcheck: -:2: is a binary file (NUL byte), not an exported table\n');
    expect(r.stdout).toContain('8 projects');
  });

  it('fixtures/bad/binary.txt (a PNG header) is refused as the image it is, whatever its name', async () => {
    const r = await cli(['parse', 'fixtures/bad/binary.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('evalcheck: fixtures/bad/binary.txt: is an image (PNG), not an exported table: a scanned table has to be exported or typed first\n');
    // Binary bytes of no known kind are refused at the line of the first NUL.
    const other = await cli(['parse', '-'], { stdin: Buffer.from('\x07\x08head\nmore\0\x01\x02\n') });
    expect([other.code, other.stderr]).toEqual([2, 'evalcheck: -:2: is a binary file (NUL byte), not an exported table\n']);
  });

  it('bytes that are no supported encoding: one line with the first bad line', async () => {
    const bytes = Buffer.concat([Buffer.from('财政项目\n第二行\n'), Buffer.from([0x80, 0x80, 0xff, 0xff])]);
    const r = await cli(['verify', '-'], { stdin: bytes });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('evalcheck: -:3: is neither UTF-8, UTF-16 (with BOM) nor GB18030 text\n');
  });

  it('control characters and escape sequences in cells are inert on the terminal, raw in JSON', async () => {
    const t = await cli(['verify', 'fixtures/bad/control-chars.txt'], { tty: true, env: { NO_COLOR: '1' } });
    expect(t.stdout).not.toContain('\x1b');
    expect(t.stdout).not.toContain('\x07');
    expect(t.stdout).not.toContain('\u202e');
    expect(t.stdout).toContain('信息化␛[31m建设␇项目<U+202E>');
    const j = await cli(['verify', 'fixtures/bad/control-chars.txt', '--format', 'json', '--records', 'full']);
    const doc = JSON.parse(j.stdout);
    expect(doc.files[0].projects[0].name).toBe('信息化\x1b[31m建设\x07项目\u202e');
    expect(doc.files[0].projects[0].indicators[0].reason).toBe('\x1b]8;;http://example.invalid\x07点此\x1b]8;;\x07');
    expect(j.stdout).toContain('\\u001b[31m');
  });
});

describe('encodings and line endings', () => {
  const text = sampleText();
  const base = verdict(verify(sampleBytes()).findings);
  const utf16be = (s: string) => {
    const le = Buffer.from('\ufeff' + s, 'utf16le');
    for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
    return le;
  };
  const cases: [string, Buffer, string, boolean][] = [
    ['UTF-8 with BOM', Buffer.from('\ufeff' + text, 'utf8'), 'utf-8', true],
    ['UTF-16LE with BOM', Buffer.from('\ufeff' + text, 'utf16le'), 'utf-16le', true],
    ['UTF-16BE with BOM', utf16be(text), 'utf-16be', true],
    ['GB18030', iconv.encode(text, 'gb18030'), 'gb18030', false],
    ['GB18030 + CRLF', iconv.encode(text.replace(/\n/g, '\r\n'), 'gb18030'), 'gb18030', false],
    ['UTF-16LE + CRLF', Buffer.from('\ufeff' + text.replace(/\n/g, '\r\n'), 'utf16le'), 'utf-16le', true],
    ['CR only', Buffer.from(text.replace(/\n/g, '\r')), 'utf-8', false],
  ];
  for (const [label, bytes, enc, bom] of cases) {
    it(`${label}: same verdict, encoding named`, () => {
      const r = verify(bytes);
      expect([r.encoding, r.bom]).toEqual([enc, bom]);
      expect(verdict(r.findings)).toEqual(base);
      expect(r.projects.map((p) => p.project.name)).toEqual(verify(sampleBytes()).projects.map((p) => p.project.name));
    });
  }

  it('reports mixed line endings', () => {
    const lines = text.split('\n');
    const mixed = lines.map((l, i) => l + (i === lines.length - 1 ? '' : i % 3 === 0 ? '\r\n' : '\n')).join('');
    const r = verify(mixed);
    const f = r.findings.find((x) => x.code === 'mixed-line-endings')!;
    expect(f.args.endings).toBe('LF×134, CRLF×68');
    expect(verdict(r.findings.filter((x) => x.code !== 'mixed-line-endings'))).toEqual(base);
  });

  it('--encoding forces a decoder', async () => {
    const gb = iconv.encode(text, 'gb18030');
    const ok = await cli(['parse', '-', '--encoding', 'gb18030', '--format', 'json'], { stdin: gb });
    expect(JSON.parse(ok.stdout).files[0].encoding).toBe('gb18030');
    const bad = await cli(['parse', '-', '--encoding', 'utf-8'], { stdin: gb });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('evalcheck: -: not valid utf-8 (forced by --encoding)\n');
  });
});

describe('no super-linear regular expressions', () => {
  it('parses a 1 MB single line and a 100,000-cell row, and still accounts for them', () => {
    const longLine = '项目名称\t' + 'x'.repeat(1 << 20);
    const spaces = ' '.repeat(1 << 20) + 'x';
    const manyCells = Array.from({ length: 100_000 }, (_, i) => (i % 2 ? '' : ' 1 ')).join('\t');
    const rateCell = sampleText().replace('\t99.98\t9.99', `\t${' '.repeat(1 << 19)}x${' '.repeat(1 << 19)}%\t9.99`);
    for (const extra of [longLine, spaces, manyCells]) {
      const t0 = performance.now();
      const text = sampleText() + '\n' + extra;
      const r = parse(text);
      expect(performance.now() - t0).toBeLessThan(5000);
      expect(r.projects).toHaveLength(8);
      const seen = accountedLines(r);
      expect(nonBlankLines(text).filter((l) => !seen.has(l))).toEqual([]);
    }
    const t0 = performance.now();
    expect(verify(rateCell).findings.some((f) => f.code === 'bad-number' && f.line === 8)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe('digits typed in full width (an input method’s full-width mode: ８８．３２)', () => {
  const fw = (s: string) => s.replace(/[0-9.,%+-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

  it('are numbers: the same value, decimals and grouping, in canonical ASCII', () => {
    const n = parseNumber('８８．３２')!;
    expect([n.text, n.cents, n.decimals, n.grouped]).toEqual(['88.32', 8832, 2, false]);
    const g = parseNumber(' １２，３４５．６ ')!;
    expect([g.text, g.cents, g.decimals, g.grouped]).toEqual(['12345.6', 1234560, 1, true]);
    expect(parseNumber('－１．００')!.text).toBe('-1.00');
    expect(parseNumber('88．3２')!.text).toBe('88.32');
    expect(parsePercentCell('９９．９８％')).toEqual({ num: parseNumber('99.98'), percent: true });
    // Still the strict grammar: not numbers in either width.
    for (const bad of ['８８．．３', '１，２，３', '８８ａ', '１２．', '．５']) expect(parseNumber(bad), bad).toBeNull();
  });

  it('in targets and actuals: operator, value and unit as in ASCII; the raw text is kept', () => {
    const t = parseTarget('≥９０％', 3, false);
    expect([t.kind, t.op, t.value?.text, t.unit, t.raw]).toEqual(['number', '≥', '90', '%', '≥９０％']);
    const a = parseActual('１００．００（％）', 4);
    expect([a.kind, a.value?.text, a.unit]).toEqual(['number', '100.00', '%']);
    const d = parseTarget('－１００．００(％)', 3, false);
    expect([d.kind, d.value?.text]).toEqual(['defect', '100.00']);
  });

  it('a value typed so keeps the unit of its own 度量单位 column (青神: `=１００` and `%`)', () => {
    const text = fixture('corpus/sc-qingshen-fgj-2023.tsv').toString('utf8');
    const wide = text.split('\n').map((l) => l.split('\t').map((c) => (/\d/.test(c) && c.length <= 30 ? fw(c) : c)).join('\t')).join('\n');
    const targets = (t: string) => parse(t).projects[0]!.indicators.map((i) => [i.target.raw, i.target.value?.text, i.target.unit]);
    expect(targets(text)).toEqual([['=100%', '100', '%'], ['=100%', '100', '%']]);
    // (It was `=１００` without its unit: the unit column was joined only to ASCII digits.)
    expect(targets(wide)).toEqual([['=１００%', '100', '%'], ['=１００%', '100', '%']]);
  });

  it('every real table, the sample and the variants, typed so: the same findings at the same lines, with the same figures', () => {
    const files = [
      ...['', 'partial/'].flatMap((d) => readdirSync(new URL(`../fixtures/corpus/${d}`, import.meta.url)).filter((f) => f.endsWith('.tsv')).map((f) => `corpus/${d}${f}`)),
      ...readdirSync(new URL('../fixtures/variants/', import.meta.url)).filter((f) => f.endsWith('.txt')).map((f) => `variants/${f}`),
      '000_4494185c10663b20.txt',
    ];
    expect(files.length).toBeGreaterThanOrEqual(15);
    const key = (fs: Finding[]) => fs.map((f) => `${f.severity} ${f.code}:${f.line} ${halfWidthNumber(String(f.stated))} ${f.expected}`).sort();
    for (const file of files) {
      const text = fixture(file).toString('utf8');
      // Every cell of up to 30 characters with a digit in it: numbers, targets, actuals, weights in labels, the year line.
      const wide = text.split('\n').map((l) => l.split('\t').map((c) => (/\d/.test(c) && c.length <= 30 ? fw(c) : c)).join('\t')).join('\n');
      expect(wide, file).not.toBe(text);
      const before = verify(text, { path: file });
      const after = verify(wide, { path: file });
      expect(key(after.findings), file).toEqual(key(before.findings));
      expect(after.projects.map((p) => [p.project.line, p.figures?.total?.toFixed(2), p.figures?.grade]), file).toEqual(before.projects.map((p) => [p.project.line, p.figures?.total?.toFixed(2), p.figures?.grade]));
    }
  });

  it('rescore writes a corrected figure in full width where the cell was', () => {
    const text = fixture('faults/rate-mismatch.txt').toString('utf8');
    // The funds rows typed in full width; the fault is the stated rate 95.21 of one total row (95.12 by its amounts).
    const wide = text.split('\n').map((l) => (/年度资金总额|财政拨款|结转|其他资金/.test(l) ? l.split('\t').map((c) => (/^[\d.]+$/.test(c) ? fw(c) : c)).join('\t') : l)).join('\n');
    const r = rescore(Buffer.from(wide));
    expect(r.changes.map((c) => [c.what, c.old, c.new])).toEqual([['rate', '９５．２１', '９５．１２']]);
    expect(Buffer.from(r.bytes).toString('utf8')).toBe(wide.replace('\t９５．２１\t', '\t９５．１２\t'));
    expect(verify(Buffer.from(r.bytes)).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('white space inside a label or a name (spaced out, or a line break where the cell wrapped)', () => {
  const files = [
    ...['', 'partial/'].flatMap((d) => readdirSync(new URL(`../fixtures/corpus/${d}`, import.meta.url)).filter((f) => f.endsWith('.tsv')).map((f) => `corpus/${d}${f}`)),
    ...['header-synonyms.txt', 'not-self-scored.txt', 'title-split-placeholders-na.txt'].map((f) => `variants/${f}`),
    '000_4494185c10663b20.txt',
  ];
  const key = (fs: Finding[]) => fs.map((f) => `${f.severity} ${f.code}:${f.line}`).sort();

  it('every short CJK cell of every real table, the sample and the variants, with a space in its middle: the same findings', () => {
    // Before: `服务对 象满意度` (a 三级 name) read as the 二级 服务对象满意度指标, the row shifted (a false score-total error);
    // `不 适用` was bad-number; `绩效 指标` under a 绩效指标 column was column-not-read.
    let cells = 0;
    for (const file of files) {
      const text = fixture(file).toString('utf8');
      const base = key(verify(text, { path: file }).findings);
      const lines = text.split('\n');
      lines.forEach((l, i) => {
        l.split('\t').forEach((c, k) => {
          const t = c.trim();
          if (!/^[\u4e00-\u9fff（）()：:]{3,12}$/.test(t)) return;
          for (const space of [' ', '\u3000']) {
            const row = l.split('\t');
            row[k] = t.slice(0, t.length >> 1) + space + t.slice(t.length >> 1);
            const spaced = [...lines.slice(0, i), row.join('\t'), ...lines.slice(i + 1)].join('\n');
            expect(key(verify(spaced, { path: file }).findings), `${file}:${i + 1} ${JSON.stringify(row[k])}`).toEqual(base);
          }
          cells++;
        });
      });
    }
    expect(cells).toBeGreaterThan(600);
  });

  it('a line break inside a quoted cell (Excel’s Alt+Enter) in a label or a name: the same findings', () => {
    const text = sampleText();
    const base = verify(text).findings.map((f) => f.code).sort();
    for (const cell of ['年初预算数', '全年执行数', '其中：当年财政拨款', '满意度指标', '服务对象满意度指标', '偏差原因分析', '评分等级', '项目名称']) {
      const t = text.replace(new RegExp(`(^|\t)${cell}(?=\t|\r?$)`, 'm'), `$1"${cell.slice(0, 2)}\n${cell.slice(2)}"`);
      expect(t, cell).not.toBe(text);
      expect(verify(t).findings.map((f) => f.code).sort(), cell).toEqual(base);
    }
  });
});

describe('an empty column in every line (a header cell merged over two columns, an export with a margin column)', () => {
  const files = [
    ...['', 'partial/'].flatMap((d) => readdirSync(new URL(`../fixtures/corpus/${d}`, import.meta.url)).filter((f) => f.endsWith('.tsv')).map((f) => `corpus/${d}${f}`)),
    ...readdirSync(new URL('../fixtures/variants/', import.meta.url)).filter((f) => f.endsWith('.txt')).map((f) => `variants/${f}`),
    '000_4494185c10663b20.txt',
  ];
  const key = (fs: Finding[]) => fs.map((f) => `${f.severity} ${f.code}:${f.line}`).sort();
  const insert = (text: string, at: number) =>
    text.split(/(?<=\n)/).map((l) => {
      const eol = /\r?\n$/.exec(l)?.[0] ?? '';
      const body = l.slice(0, l.length - eol.length);
      if (body.trim() === '') return l;
      const c = body.split('\t');
      while (c.length < at) c.push('');
      c.splice(at, 0, '');
      return c.join('\t') + eol;
    }).join('');

  it('first, second or after the last column: the same findings in every real table, the sample and the variants', () => {
    for (const file of files) {
      const text = fixture(file).toString('utf8');
      const base = key(verify(text, { path: file }).findings);
      const width = Math.max(...text.split('\n').map((l) => l.split('\t').length));
      for (const at of [0, 1, width]) expect(key(verify(insert(text, at), { path: file }).findings), `${file} @${at}`).toEqual(base);
    }
  });

  it('the sample’s row that lost its 二级 cell, under a header with an empty column after 一级指标: still its name, weight and score', () => {
    // (Before: the first shift that fitted was taken, and it read 及时 as the name and no score: a false score-total error.)
    const r = verify(insert(sampleText(), 1));
    const row = r.projects[4]!.project.indicators.find((i) => i.line === 123)!;
    expect([row.level1, row.level2, row.name, row.weight?.num?.text, row.score?.num?.text]).toEqual(['产出指标', '时效指标', '项目完成及时性', '5.00', '5.00']);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('a number with its unit in the cell (88.32万元, 30.00分, as typed in a Word table)', () => {
  const withUnits = (unit: string) => sampleText().replace(/^(\t\t(?:年度资金总额|其中：当年财政拨款|上年结转资金|其他资金)\t\t)([\d.]+)\t([\d.]+)\t([\d.]+)/gm, (_m, head: string, a: string, b: string, c: string) => `${head}${a}${unit}\t${b}${unit}\t${c}${unit}`);

  it('is read as the amount when the unit is the table’s own: the sample’s verdict, every amount read', () => {
    const text = withUnits('万元');
    expect(text.match(/万元\t/g)!.length).toBeGreaterThanOrEqual(40);
    const r = verify(text);
    expect(verdict(r.findings)).toEqual(verdict(verify(sampleText()).findings));
    const t = r.projects[0]!.project.funds.total!;
    expect([t.initialBudget!.raw, t.budget!.num!.text, t.executed!.num!.text]).toEqual(['88.32万元', '88.32', '88.31']);
  });

  it('another unit is never converted: bad-number, and the checks that need it say so', () => {
    const r = verify(withUnits('元'));
    const first = r.findings.filter((f) => f.project?.line === 3).map((f) => `${f.severity} ${f.code}:${f.line}`);
    expect(first.slice(0, 4)).toEqual(['warning bad-number:8', 'warning bad-number:8', 'warning bad-number:8', 'warning not-checked:8']);
    expect(r.projects[0]!.figures!.total).toBeNull();
  });

  it('a weight or a score with 分 (30.00分, and 100分 ⇥ 99.99分 on the total row) is the number', () => {
    const t = sampleText().split('\n').slice(0, 21);
    const plain = verdict(verify(t.join('\n')).findings);
    for (let i = 14; i <= 17; i++) t[i] = t[i]!.replace(/\t(\d+\.\d\d)\t(\d+\.\d\d)\t/, '\t$1分\t$2分\t');
    t[18] = t[18]!.replace('100\t99.99', '100分\t99.99分');
    const r = verify(t.join('\n'));
    expect(verdict(r.findings)).toEqual(plain);
    expect(r.projects[0]!.project.indicators.map((i) => [i.weight?.raw, i.weight?.num?.text])).toEqual([['30.00分', '30.00'], ['20.00分', '20.00'], ['20.00分', '20.00'], ['20.00分', '20.00']]);
    expect([r.projects[0]!.project.stated.weightTotal?.num?.text, r.projects[0]!.project.stated.total?.num?.text]).toEqual(['100', '99.99']);
  });

  it('rescore keeps the unit of a cell it rewrites', () => {
    const cell = new Cell('88.32万元', 8, 5, parseNumber('88.32'));
    expect(styled(cell, '90.00')).toBe('90.00万元');
    expect(styled(new Cell(' 88.32 万元', 8, 5, parseNumber('88.32')), '90.00')).toBe(' 90.00 万元');
    expect(styled(new Cell('9.98分', 8, 9, parseNumber('9.98')), '9.99')).toBe('9.99分');
  });
});

describe('a funds row whose amounts were not read', () => {
  // Block 1 of the sample with 10.00 moved from 当年财政拨款 to a row of its own: the table adds up with that row.
  const block = (row: string) => {
    const t = sampleText().split('\n').slice(0, 21);
    t[8] = t[8]!.replace('88.32\t88.32\t88.31', '78.32\t78.32\t78.31');
    t.splice(9, 0, row);
    return t.join('\n');
  };
  const said = (text: string) => verify(text).findings.map((f) => `${f.severity} ${f.code}:${f.line}`);

  it('a source no label names (企业自筹及捐赠款): unrecognised, and the sub-rows are not summed without it (they were three false errors)', () => {
    const r = verify(block('\t\t企业自筹及捐赠款\t\t10.00\t10.00\t10.00\t-\t100.00\t-'));
    expect(said(block('\t\t企业自筹及捐赠款\t\t10.00\t10.00\t10.00\t-\t100.00\t-'))).toEqual(['warning not-checked:8', 'warning unrecognised-line:10', 'info level-split:18']);
    expect(r.findings[0]!.args).toEqual({ row: 'total', label: '年度资金总额', checks: ['subrow-sum'], reason: 'unread-row', column: null });
    expect(r.findings[0]!.stated).toBe('企业自筹及捐赠款');
    expect(r.projects[0]!.project.funds.unread).toEqual([{ line: 10, label: '企业自筹及捐赠款' }]);
    // Its amounts written with the table's unit count as amounts too.
    expect(verify(block('\t\t企业自筹及捐赠款\t\t10.00万元\t10.00万元\t10.00万元')).projects[0]!.project.funds.unread).toEqual([{ line: 10, label: '企业自筹及捐赠款' }]);
    // The rate and the execution score are still checked, and the total recomputed: only the sum waits for the row.
    expect(r.projects[0]!.figures!.total?.toFixed(2)).toBe('99.99');
  });

  it('a sub-row whose values sit under no header column (funds-row-shape): the same', () => {
    const text = block('\t\t上年结转资金\t\t\t\t\t\t\t\t\t10.00\t10.00\t10.00').replace('\t\t上年结转资金\t\t0.00\t0.00\t0.00\t-\t0.00\t-\n', '');
    expect(said(text)).toEqual(['warning not-checked:8', 'warning funds-row-shape:10', 'info level-split:17']);
    expect(verify(text).projects[0]!.project.funds.unread).toBeUndefined();
  });

  it('a row of text without amounts in the funds section does not stop the sum; a record with no such row has no unread field', () => {
    const text = sampleText().split('\n').slice(0, 21);
    text.splice(9, 0, '\t\t（资金来源说明：均为财政拨款）');
    expect(said(text.join('\n'))).toEqual(['warning unrecognised-line:10', 'info level-split:18']);
    expect('unread' in verify(sampleText()).projects[0]!.project.funds).toBe(false);
    // And the sum still finds a total that does not add up.
    expect(said(block('')).filter((x) => x.startsWith('error'))).toEqual(['error subrow-sum-mismatch:8', 'error subrow-sum-mismatch:8', 'error subrow-sum-mismatch:8']);
  });
});

describe('an indicator row with no name', () => {
  const said = (text: string) => verify(text).findings.map((f) => `${f.severity} ${f.code}:${f.line}`);
  const block1 = (edit: (rows: string[]) => void) => {
    const t = sampleText().split('\n').slice(0, 21);
    edit(t);
    return t.join('\n');
  };

  it('every other cell under its column: read where it stands, said, and summed (it was read shifted, its score lost: a false score-total error)', () => {
    const text = block1((t) => (t[14] = t[14]!.replace('系统升级改造模块个数', '')));
    expect(said(text)).toEqual(['warning indicator-without-name:15', 'info level-split:17']);
    const r = verify(text);
    const ind = r.projects[0]!.project.indicators[0]!;
    expect([ind.name, ind.target.raw, ind.actual.raw, ind.weight?.num?.text, ind.score?.num?.text]).toEqual(['', '≥8.00(个)', '11.00(个)', '30.00', '30.00']);
    expect(r.findings[0]!.args).toEqual({ col: 2 });
    expect(r.projects[0]!.figures!.total?.toFixed(2)).toBe('99.99');
  });

  it('without its score it is still moved to where a name is (the reading it had)', () => {
    // (No score: nothing says the row is in place, so the old reading stands.)
    const noScore = block1((t) => (t[14] = t[14]!.replace('系统升级改造模块个数', '').replace('30.00\t30.00', '30.00\t')));
    expect(said(noScore).filter((x) => x.includes('indicator-without-name'))).toEqual([]);
    expect(verify(noScore).projects[0]!.project.indicators[0]!.name).toBe('≥8.00(个)');
  });
});
