import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, verify, type FundsRow } from '../src/index.js';
import { accountedLines, nonBlankLines, ROOT, sampleBytes, sampleText, argsOf } from './helpers.js';

const parsed = parse(sampleBytes(), { path: 'sample.txt' });
const P = parsed.projects;

describe('parse: the sample export', () => {
  it('finds the 8 projects with their names and title lines', () => {
    expect(P.map((p) => p.name)).toEqual([
      '信息化建设项目',
      '信息化运维项目',
      '残保金征收及奖励',
      '“阳光之家”活动经费',
      '残疾人就业支持服务',
      '盲人按摩管理工作',
      '社会工作业务经费',
      '残疾人事业综合保障经费',
    ]);
    expect(P.map((p) => p.line)).toEqual([3, 22, 42, 63, 91, 135, 157, 182]);
    expect(P.map((p) => p.title)).toEqual(['财政项目支出绩效自评价', ...Array(7).fill('财政项目支出绩效自我评价')]);
  });

  it('reads the file as UTF-8 without BOM, LF endings', () => {
    expect(parsed.encoding).toBe('utf-8');
    expect(parsed.bom).toBe(false);
    expect(parsed.lineEndings).toEqual({ LF: 202 });
    expect(parsed.lineCount).toBe(203);
  });

  it('counts the indicators of each block', () => {
    expect(P.map((p) => p.indicators.length)).toEqual([4, 5, 6, 13, 26, 6, 10, 8]);
  });

  it('reads department, implementer and unit', () => {
    for (const p of P) {
      expect(p.department).toBe('上海市残疾人联合会');
      expect(p.implementer).toBe('上海市残疾人就业服务中心');
      expect(p.unit).toBe('万元');
    }
  });

  it('reads every funds total row exactly, thousands separators removed', () => {
    const rows = P.map((p) => {
      const t = p.funds.total!;
      return [t.line, t.initialBudget?.num?.text, t.budget?.num?.text, t.executed?.num?.text, t.weight?.num?.text, t.rate?.num?.text, t.score?.num?.text];
    });
    expect(rows).toEqual([
      [8, '88.32', '88.32', '88.31', '10.00', '99.98', '9.99'],
      [27, '33.24', '33.24', '31.62', '10.00', '95.12', '9.51'],
      [47, '18693.82', '19705.34', '19702.08', '10.00', '99.98', '9.99'],
      [68, '264.31', '257.49', '257.27', '10.00', '99.91', '9.99'],
      [96, '1168.70', '1042.24', '1034.52', '10.00', '99.25', '9.92'],
      [141, '43.02', '34.35', '34.29', '10.00', '99.82', '9.98'],
      [162, '1302.55', '1351.44', '1347.81', '10.00', '99.73', '9.97'],
      [187, '287.22', '312.90', '301.18', '10.00', '96.25', '9.62'],
    ]);
    expect(P[2]!.funds.total!.budget!.raw).toBe('19,705.34');
    expect(P[2]!.funds.total!.budget!.num!.grouped).toBe(true);
  });

  it('reads sub-rows with placeholder weight and score as null', () => {
    const f = P[0]!.funds;
    expect(f.subRows.map((r) => [r.kind, r.line, r.label])).toEqual([
      ['currentYear', 9, '其中：当年财政拨款'],
      ['carryOver', 10, '上年结转资金'],
      ['other', 11, '其他资金'],
    ]);
    const [current, carry, other] = f.subRows as [FundsRow, FundsRow, FundsRow];
    expect(current.weight!.num).toBeNull();
    expect(current.weight!.raw).toBe('-');
    expect(carry.budget!.num!.text).toBe('0.00');
    expect(other.rate!.num!.text).toBe('0.00');
    expect([current.reason, current.raw]).toEqual([null, null]);
  });

  it('reads every stated total and grade', () => {
    expect(P.map((p) => [p.stated.line, p.stated.weightTotal?.num?.text, p.stated.total?.num?.text, p.stated.grade, p.stated.gradeLine])).toEqual([
      [19, '100', '99.99', '优', 20],
      [39, '100', '99.51', '优', 40],
      [60, '100', '99.99', '优', 61],
      [88, '100', '99.99', '优', 89],
      [132, '100', '96.92', '优', 133],
      [154, '100', '99.98', '优', 155],
      [179, '100', '99.97', '优', 180],
      [202, '100', '98.62', '优', 203],
    ]);
  });

  it('places the 一级 label found on the middle row of its group (block 5, line 112)', () => {
    const i = P[4]!.indicators.find((x) => x.line === 112)!;
    expect([i.level1, i.level2, i.name]).toEqual(['产出指标', '数量指标', '职业能力测评人数']);
    expect(i.target.op).toBe('≥');
    expect(i.target.value!.text).toBe('90.00');
    expect(i.target.unit).toBe('人');
    expect(i.actual.value!.text).toBe('96.00');
    // The rows above the label got their parent from the vocabulary too.
    const first = P[4]!.indicators[0]!;
    expect([first.line, first.level1, first.level2, first.name]).toEqual([105, '产出指标', '数量指标', '见习基地补贴学员人数']);
  });

  it('reads a row that lost its leading cell (block 5, line 123)', () => {
    const i = P[4]!.indicators.find((x) => x.line === 123)!;
    expect([i.level1, i.level2, i.name]).toEqual(['产出指标', '时效指标', '项目完成及时性']);
    expect(i.target.kind).toBe('qualitative');
    expect(i.target.raw).toBe('及时');
    expect(i.actual.kind).toBe('met');
    expect(i.weight!.num!.text).toBe('5.00');
    expect(i.score!.num!.text).toBe('5.00');
    expect(i.shift).toBe(-1);
  });

  it('parses line 78 target =3(件/人)', () => {
    const i = P[3]!.indicators.find((x) => x.line === 78)!;
    expect(i.name).toBe('人均套件数（训练营用品）');
    expect([i.target.op, i.target.value!.text, i.target.unit, i.target.kind]).toEqual(['=', '3', '件/人', 'number']);
    expect([i.actual.value!.text, i.actual.unit]).toEqual(['3.00', '件/人']);
    expect([i.level1, i.level2]).toEqual(['产出指标', '数量指标']);
  });

  it('parses targets into operator, value and unit', () => {
    const byLine = new Map(P.flatMap((p) => p.indicators).map((i) => [i.line, i]));
    const t = (line: number) => {
      const x = byLine.get(line)!.target;
      return [x.kind, x.op, x.value?.text ?? null, x.unit];
    };
    expect(t(15)).toEqual(['number', '≥', '8.00', '个']);
    expect(t(117)).toEqual(['number', '=', '100', '%']);
    expect(t(17)).toEqual(['qualitative', null, null, null]);
    expect(t(201)).toEqual(['number', '≥', '90', '%']);
    expect(t(197)).toEqual(['qualitative', null, null, null]);
  });

  it('keeps the "-" operator defect raw and reports it (block 7)', () => {
    const defects = parsed.findings.filter((f) => f.code === 'target-operator-defect');
    expect(defects.map((f) => f.line)).toEqual([169, 171, 174, 176, 177]);
    expect(defects.every((f) => f.project?.name === '社会工作业务经费' && f.severity === 'warning')).toBe(true);
    const i = P[6]!.indicators.find((x) => x.line === 174)!;
    expect([i.target.kind, i.target.op, i.target.opRaw, i.target.value!.text, i.target.unit, i.target.raw]).toEqual(['defect', null, '-', '300.00', '元/人/年', '-300.00(元/人/年)']);
  });

  it('finds the project name outside its cell in block 6 and reports line 137', () => {
    expect(P[5]!.name).toBe('盲人按摩管理工作');
    expect(P[5]!.lines.nameOutside).toBe(137);
    expect(P[5]!.lines.name).toBe(138);
    const f = parsed.findings.filter((x) => x.code === 'name-outside-cell');
    expect(f).toHaveLength(1);
    expect(f[0]!.line).toBe(137);
    expect(f[0]!.args.name).toBe('盲人按摩管理工作');
  });

  it('strips <p> markup from block 5 goals and keeps paragraph breaks', () => {
    const g = P[4]!.goals!;
    expect(g.line).toBe(102);
    expect(g.expected).not.toMatch(/<\/?p>/);
    expect(g.actual).not.toMatch(/<\/?p>/);
    expect(g.expected.split('\n')).toHaveLength(5);
    expect(g.expected.startsWith('一、完成年度市级残疾人就业支持工作')).toBe(true);
    expect(g.expected.split('\n')[1]!.startsWith('二、做好世界技能大赛培训')).toBe(true);
    expect(P[4]!.lines.goalsHeader).toBe(101);
  });

  it('reads the goals of ordinary blocks from the line after their header', () => {
    expect(P[0]!.goals!.line).toBe(13);
    expect(P[0]!.goals!.expected.startsWith('依托全国安排残疾人按比例就业情况联网认证系统')).toBe(true);
    expect(P[0]!.goals!.actual.length).toBeGreaterThan(10);
  });

  it('reads deductions with their reasons (block 8)', () => {
    const i = P[7]!.indicators.find((x) => x.line === 194)!;
    expect([i.weight!.num!.text, i.score!.num!.text, i.reason]).toEqual(['10.00', '9.50', '因工作实际安排，分两批次进行外出学习交流']);
  });

  it('reports nothing else while parsing the sample', () => {
    expect(parsed.findings.map((f) => `${f.code}:${f.line}`).sort()).toEqual(
      ['name-outside-cell:137', ...[169, 171, 174, 176, 177].map((l) => `target-operator-defect:${l}`)].sort(),
    );
  });

  it('accounts for every non-blank line of the sample', () => {
    const lines = nonBlankLines(sampleText());
    expect(lines).toHaveLength(183);
    const seen = accountedLines(parsed);
    expect(lines.filter((l) => !seen.has(l))).toEqual([]);
  });

  it('serialises decimals as strings and missing values as null', () => {
    const json = JSON.parse(JSON.stringify(P[0]));
    expect(json.funds.total).toMatchObject({ line: 8, initialBudget: '88.32', budget: '88.32', executed: '88.31', weight: '10.00', rate: '99.98', score: '9.99' });
    expect(json.funds.subRows[0]).toMatchObject({ kind: 'currentYear', score: null, raw: null });
    expect(json.template).toBe('sh-municipal');
    expect(json.indicators[0]).toMatchObject({ line: 15, level1: '产出指标', level2: '数量指标', name: '系统升级改造模块个数', weight: '30.00', score: '30.00', reason: '' });
    expect(json.indicators[0].target).toMatchObject({ raw: '≥8.00(个)', op: '≥', value: '8.00', unit: '个' });
    expect(json.indicators[0].actual).toMatchObject({ raw: '11.00(个)', value: '11.00', unit: '个' });
    expect(json.stated).toMatchObject({ weightTotal: '100', total: '99.99', grade: '优' });
  });
});

describe('parse: text before the first title and other lost lines', () => {
  it('reports lines before the first title, each with its line', () => {
    const r = parse('说明：本表由系统导出\n\n' + sampleText());
    const pre = r.findings.filter((f) => f.code === 'text-before-title');
    expect(pre.map((f) => f.line)).toEqual([1]);
    expect(r.projects).toHaveLength(8);
    expect(r.projects[0]!.line).toBe(5);
  });

  it('summarises a long run of unknown lines as one range finding', () => {
    const junk = Array.from({ length: 50 }, (_, i) => `junk ${i}`).join('\n');
    const r = parse(junk);
    expect(r.projects).toHaveLength(0);
    const seen = accountedLines(r);
    for (let l = 1; l <= 50; l++) expect(seen.has(l)).toBe(true);
    expect(r.findings.some((f) => f.code === 'no-table')).toBe(true);
    const range = r.findings.find((f) => f.endLine !== undefined)!;
    expect([range.line, range.endLine, argsOf(range).lines]).toEqual([20, 50, 31]);
  });

  it('a cell starting with a quote does not swallow the following rows', () => {
    const text = sampleText().replace('信息化建设项目', '"信息化建设项目');
    const r = parse(text);
    expect(r.projects).toHaveLength(8);
    expect(r.projects[0]!.name).toBe('"信息化建设项目');
    expect(r.projects[0]!.indicators).toHaveLength(4);
  });
});

describe('parse: no cell is dropped without a word', () => {
  const lines = sampleText().split('\n');
  const isIndicatorHeader = (l: string) => l.startsWith('一级指标');

  /**
   * Cells (`line@col`) where text put into an empty cell of a line (or one past its end) is lost: in no record and
   * no finding, and (unless `strict`) its line named by no finding either (a line not understood is said with an
   * excerpt of its cells). A header cell right of the reason's is skipped: the reason spills over those columns.
   */
  function lostCells(text: string, strict: boolean): string[] {
    const rows = text.split('\n');
    const lost: string[] = [];
    rows.forEach((l, i) => {
      if (l.trim() === '') return;
      const cells = l.split('\t');
      const reason = cells.some((c) => c.trim() === '三级指标') ? cells.findIndex((c) => /原因/.test(c)) : -1;
      for (let k = 0; k <= cells.length; k++) {
        if (k < cells.length && cells[k]!.trim() !== '') continue;
        if (reason >= 0 && k > reason) continue;
        const c = [...cells];
        c[k] = '多出的单元格';
        const t = [...rows];
        t[i] = c.join('\t');
        const r = parse(t.join('\n'));
        if (!JSON.stringify(r).includes('多出的单元格') && (strict || !r.findings.some((f) => f.line === i + 1))) lost.push(`${i + 1}@${k}`);
      }
    });
    return lost;
  }

  it('text put in any empty cell of any line (or one past its end) ends up in a record or a finding', () => {
    expect(lostCells(sampleText(), true)).toEqual([]);
  });

  // The same on every real table and layout variant. It found a cell right of the last column of a template
  // without a reason column (湖北) lost without a word.
  const tables = [
    ...readdirSync(join(ROOT, 'fixtures/corpus')).filter((f) => f.endsWith('.tsv')).map((f) => `corpus/${f}`),
    ...readdirSync(join(ROOT, 'fixtures/corpus/partial')).filter((f) => f.endsWith('.tsv')).map((f) => `corpus/partial/${f}`),
    ...readdirSync(join(ROOT, 'fixtures/variants')).filter((f) => f.endsWith('.txt')).map((f) => `variants/${f}`),
  ];
  it.each(tables)('%s: text put in any empty cell of any line ends up in a record or a finding, or its line in a finding', (file) => {
    expect(lostCells(readFileSync(join(ROOT, 'fixtures', file), 'utf8'), false)).toEqual([]);
  });

  it('a group label column (绩效指标 over the rows) is said only when a row has other text in it, on both paths', () => {
    const real = readFileSync(join(ROOT, 'fixtures/corpus/sh-putuo-sports-2022.tsv'), 'utf8').split('\n');
    const h = real.findIndex((l) => l.startsWith('绩效指标\t一级指标'));
    const quiet = real.map((l, i) => (i > h && i <= h + 3 ? `绩效指标${l}` : l)).join('\n'); // the merged label filled in
    const said = real.map((l, i) => (i === h + 2 ? `备查${l}` : l)).join('\n');
    for (const run of [parse, verify]) {
      expect(run(real.join('\n')).findings.filter((f) => f.code === 'column-not-read')).toEqual([]);
      expect(run(quiet).findings.filter((f) => f.code === 'column-not-read')).toEqual([]);
      expect(run(said).findings.filter((f) => f.code === 'column-not-read').map((f) => [f.line, argsOf(f)])).toEqual([[h + 1, { header: '绩效指标', col: 0, cells: 1, sample: '备查' }]]);
    }
  });

  it('text in the 一级 column that names no 一级 is an unknown-level note, once for a merged cell, on both paths', () => {
    const at = lines.findIndex((l) => l.startsWith('产出指标\t'));
    const t = [...lines];
    t[at] = t[at]!.replace('产出指标', '其他指标');
    t[at + 1] = `其他指标${t[at + 1]}`.replace(/^其他指标\t/, '其他指标\t'); // the next row carries it too (no merge)
    for (const r of [parse(t.join('\n')), verify(t.join('\n'))]) {
      expect(r.findings.filter((f) => f.code === 'unknown-level').map((f) => [f.line, argsOf(f)])).toEqual([[at + 1, { level1: '其他指标' }]]);
    }
    expect(parse(t.join('\n')).projects[0]!.indicators[0]!.level1).toBe('产出指标'); // from its 二级 (数量指标)
  });

  it('text after the grade is an unrecognised-line warning at the grade row, the grade still read', () => {
    const at = lines.findIndex((l) => l.startsWith('评分等级'));
    const t = [...lines];
    t[at] = '评分等级\t\t优\t\t评审人：张三';
    const r = parse(t.join('\n'));
    expect(r.projects[0]!.stated).toMatchObject({ grade: '优', gradeLine: at + 1 });
    expect(r.findings.filter((f) => f.line === at + 1).map((f) => [f.code, argsOf(f).text])).toEqual([['unrecognised-line', '评审人：张三']]);
  });

  it('an indicator column no reader takes (备注) is a column-not-read note at its header, with its cells counted', () => {
    const h = lines.findIndex(isIndicatorHeader);
    const end = lines.findIndex((l, i) => i > h && l.startsWith('评分等级'));
    const t = lines.map((l, i) => {
      if (i < h || i >= end - 1) return l; // the header and the indicator rows, not the total row
      const cells = l.split('\t');
      cells.splice(5, 0, i === h ? '备注' : i === h + 2 ? '' : `备注${i}`);
      return cells.join('\t');
    });
    const r = parse(t.join('\n'));
    const notes = r.findings.filter((f) => f.code === 'column-not-read');
    expect(notes.map((f) => [f.line, argsOf(f)])).toEqual([[h + 1, { header: '备注', col: 5, cells: 3, sample: `备注${h + 1} / 备注${h + 3} / 备注${h + 4}` }]]);
    // The columns after it are still read by their headers.
    expect(r.projects[0]!.indicators.map((i) => [i.weight!.num!.text, i.score!.num!.text])).toEqual(parse(sampleText()).projects[0]!.indicators.map((i) => [i.weight!.num!.text, i.score!.num!.text]));
    // The same table verified: the same note, and on the fast path too.
    expect(verify(t.join('\n')).findings.filter((f) => f.code === 'column-not-read')).toHaveLength(1);
  });
});

