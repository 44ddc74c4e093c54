/**
 * What the templates contain (issue #11 §4), one item at a time, on a small
 * table built here: each label form is read into its record with no finding.
 */
import { describe, expect, it } from 'vitest';
import { parse, verify, type Project } from '../src/index.js';
import { argsOf } from './helpers.js';

interface Parts {
  preamble?: string[];
  title?: string;
  afterTitle?: string[];
  head?: string[];
  fundsHeader?: string;
  funds?: string[];
  goals?: string[];
  indicatorHeader?: string;
  indicators?: string[];
  total?: string;
  after?: string[];
}

const T = (...cells: string[]) => cells.join('\t');

/** A small complete table (万元; 90 of 100 spent; weights 10 + 50 + 30 + 10), with parts replaced. */
function table(parts: Parts = {}): string {
  const lines = [
    ...(parts.preamble ?? []),
    parts.title ?? '项目支出绩效自评表',
    ...(parts.afterTitle ?? []),
    ...(parts.head ?? [T('项目名称', '测试项目'), T('主管部门', '某局', '', '实施单位', '某中心')]),
    parts.fundsHeader ?? T('项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'),
    ...(parts.funds ?? [T('', '年度资金总额', '100.00', '100.00', '90.00', '10', '90.00', '9.00'), T('', '其中：当年财政拨款', '100.00', '100.00', '90.00', '-', '90.00', '-')]),
    ...(parts.goals ?? [T('年度总体目标', '预期目标', '实际完成情况'), T('', '完成年度任务', '已完成')]),
    parts.indicatorHeader ?? T('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析'),
    ...(parts.indicators ?? [
      T('产出指标', '数量指标', '服务人次', '≥100(人次)', '120(人次)', '50', '50', ''),
      T('效益指标', '社会效益指标', '服务质量', '提升', '达成指标', '30', '30', ''),
      T('满意度指标', '服务对象满意度指标', '满意度', '≥90%', '95%', '10', '10', ''),
    ]),
    parts.total ?? T('总分', '', '', '', '', '100', '99.00', ''),
    ...(parts.after ?? []),
  ];
  return lines.join('\n') + '\n';
}

const one = (text: string): { p: Project; codes: string[] } => {
  const r = verify(text, { path: 't.txt' });
  expect(r.projects).toHaveLength(1);
  return { p: r.projects[0]!.project, codes: r.findings.map((f) => `${f.code}:${f.line}`) };
};

describe('the table built here', () => {
  it('reads clean: no findings, total 99.00', () => {
    const r = verify(table());
    expect(r.findings).toEqual([]);
    expect(r.projects[0]!.figures!.total!.toFixed(2)).toBe('99.00');
  });
});

describe('titles', () => {
  const titles = [
    '项目支出绩效自评表',
    '财政项目支出绩效自评价',
    '财政项目支出绩效自我评价',
    '绩效目标自评表',
    '中央对地方转移支付区域绩效自评表',
    '部门预算项目支出绩效自评表',
    '财政项目绩效自评表',
    '专项资金绩效目标自评表',
    '2020年度项目支出绩效自评表',
    '项目支出绩效自评表（2023年度）',
    '财政项目支出绩效自评表 (2022 年度)',
  ];
  for (const title of titles) {
    it(`${title} starts a table`, () => {
      const { p, codes } = one(table({ title }));
      expect([p.title, codes]).toEqual([title, []]);
    });
  }

  it('a year line under the title belongs to it', () => {
    const { p, codes } = one(table({ afterTitle: ['(2022年度)'] }));
    expect([p.lines.title, codes]).toEqual([[1, 2], []]);
  });

  it('部门:… beside the title is kept with it', () => {
    const { p, codes } = one(table({ title: T('项目支出绩效自评表', '部门:某局') }));
    expect(p.title).toBe('项目支出绩效自评表');
    expect(p.texts).toEqual([{ line: 1, kind: 'title', label: null, text: '部门:某局' }]);
    expect(codes).toEqual([]);
  });

  it('a 申报表 (a declaration of goals) is not a self-evaluation table', () => {
    const r = parse(table({ title: '项目支出绩效目标申报表' }).replace('绩效目标自', ''));
    expect(r.projects).toHaveLength(0);
    expect(r.findings.map((f) => f.code)).toContain('no-table');
    expect(parse('项目支出绩效自评申报表\n项目名称\tx\n').projects).toHaveLength(0);
  });
});

describe('lines before a title and after the table', () => {
  it('附件1:, 报表编号:, 单位名称, 填报日期 and a report heading are kept as the preamble, with no warning', () => {
    const preamble = ['2023年度某局部门决算公开报告', '附件1:', '报表编号:510000_0013zp', '单位名称:某局', '填报日期:2024年1月'];
    const { p, codes } = one(table({ preamble }));
    expect(p.texts.map((t) => [t.line, t.kind, t.label])).toEqual(preamble.map((l, i) => [i + 1, 'preamble', l]));
    expect(codes).toEqual([]);
  });

  it('附件: between two tables belongs to the second', () => {
    const r = parse(table() + '\n附件2:\n' + table());
    expect(r.projects.map((p) => p.texts.map((t) => t.label))).toEqual([[], ['附件2:']]);
    expect(r.findings).toEqual([]);
  });

  it('text before the first title that is no preamble is still reported', () => {
    expect(parse('随便写的一行\n' + table()).findings.map((f) => f.code)).toEqual(['text-before-title']);
  });

  it('评价结论, 存在问题, 改进措施, signatures, 其他需要说明事项, 说明, 注: are tail rows kept as text', () => {
    const after = [T('评价结论', '完成较好'), T('存在问题', '无'), T('改进措施', '无'), T('项目负责人:', '', '财务负责人:'), T('其他需要说明事项', '无'), T('说明', '金额单位万元'), '注:1.一级指标分值统一设置为:产出指标50分、效益指标30分、满意度指标10分、预算资金执行率10分'];
    const { p, codes } = one(table({ after }));
    expect(p.texts.map((t) => [t.kind, t.label])).toEqual(after.map((a) => ['tail', a.split('\t')[0]]));
    expect(codes).toEqual([]);
  });
});

describe('head labels', () => {
  it('专项资金名称, 中央/地方主管部门, 资金使用单位, 项目负责人及电话', () => {
    const { p, codes } = one(table({ head: [T('专项资金名称', '某专项', '', '项目负责人及电话', '（略）'), T('中央主管部门', '某部', '地方主管部门', '某局', '资金使用单位', '某中心')] }));
    expect([p.name, p.department, p.implementer]).toEqual(['某专项', '某部', '某中心']);
    expect(p.texts.map((t) => [t.kind, t.label, t.text])).toEqual([
      ['head', '项目负责人及电话', '（略）'],
      ['head', '地方主管部门', '某局'],
    ]);
    expect(codes).toEqual([]);
  });

  it('转移支付(项目)名称 and 项目实施单位', () => {
    const { p, codes } = one(table({ head: [T('转移支付（项目）名称', '某转移支付'), T('主管部门', '某局', '项目实施单位', '某中心')] }));
    expect([p.name, p.implementer, codes]).toEqual(['某转移支付', '某中心', []]);
  });
});

describe('funds', () => {
  const total = (p: Project) => {
    const t = p.funds.total!;
    return [t.initialBudget, t.budget, t.executed, t.weight, t.rate, t.score].map((c) => c?.num?.text ?? null);
  };

  it('资金情况 without 年初预算数; 预算数(A), 执行数(B), 执行率(B/A)', () => {
    const { p, codes } = one(table({ fundsHeader: T('资金情况(万元)', '', '预算数(A)', '执行数(B)', '分值', '执行率(B/A)', '得分'), funds: [T('', '年度资金总额:', '100', '90', '10', '90.00%', '9')] }));
    expect([p.unit, total(p), codes]).toEqual(['万元', [null, '100', '90', '10', '90.00', '9'], []]);
  });

  it('预算执行情况(10分) | 年度预算数(万元) | … 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 | 原因', () => {
    const { p, codes } = one(
      table({
        fundsHeader: T('预算执行情况(10分)', '年度预算数(万元)', '年初预算', '调整后预算数', '预算执行数', '预算执行率', '权重', '得分', '原因'),
        funds: [T('', '总额', '80.00', '100.00', '90.00', '90.00%', '10', '9.00', '年中追加'), T('', '其中:财政资金', '80.00', '100.00', '90.00', '90.00%', '/', '/', '')],
      }),
    );
    // 80 → 100 during the year, explained in the 原因 column: a note, not a warning.
    expect([p.unit, total(p), p.funds.total!.reason, codes]).toEqual(['万元', ['80.00', '100.00', '90.00', '10', '90.00', '9.00'], '年中追加', ['budget-adjusted:5']]);
  });

  it('the unit in a cell of its own; 执行率(%) with bare numbers; 元', () => {
    const { p, codes } = one(table({ fundsHeader: T('项目资金', '（元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率(%)', '得分'), funds: [T('', '年度资金总额', '1000000', '1000000', '900000', '10', '90', '9')] }));
    expect([p.unit, total(p), codes]).toEqual(['元', ['1000000', '1000000', '900000', '10', '90', '9'], []]);
  });

  it('a weight of 20 points', () => {
    const r = verify(table({ funds: [T('', '年度资金总额', '100.00', '100.00', '90.00', '20', '90.00', '18.00')], total: T('总分', '', '', '', '', '110', '108.00', '') }));
    expect(r.findings.map((f) => [f.severity, f.code, f.stated])).toEqual([['info', 'level-split', '50/30/10+20']]);
    expect(r.projects[0]!.figures!.execScore!.valueText()).toBe('18.00');
  });

  it('no weight column: the execution score cannot be recomputed and is not invented', () => {
    const r = verify(table({ fundsHeader: T('项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '执行率'), funds: [T('', '年度资金总额', '100.00', '100.00', '90.00', '90.00')], total: T('总分', '', '', '', '', '90', '90.00', '') }));
    expect(r.projects[0]!.project.funds.total!.weight).toBeNull();
    expect(r.projects[0]!.figures!.execScore).toBeNull();
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('every sub-row kind is kept with its label and summed', () => {
    const funds = [
      T('', '年度财政资金总额', '100', '100', '90', '10', '90.00', '9'),
      T('', '其中：中央财政资金', '40', '40', '40', '-', '100.00', '-'),
      T('', '地方资金', '30', '30', '30', '-', '100.00', '-'),
      T('', '中央、省、市补助县级资金', '10', '10', '10', '-', '100.00', '-'),
      T('', '上年结转资金', '5', '5', '0', '-', '0.00', '-'),
      T('', '财政专户管理资金', '5', '5', '5', '-', '100.00', '-'),
      T('', '单位资金', '5', '5', '5', '-', '100.00', '-'),
      T('', '其他资金', '5', '5', '0', '-', '0.00', '-'),
    ];
    const r = verify(table({ funds }));
    const p = r.projects[0]!.project;
    expect(p.funds.subRows.map((s) => s.kind)).toEqual(['central', 'local', 'subsidy', 'carryOver', 'earmarked', 'unitFunds', 'other']);
    expect(r.findings).toEqual([]);
    // 20 too much in the last sub-row: the sum over all seven rows says so.
    const off = verify(table({ funds: funds.map((l, i) => (i === 7 ? l.replace('\t5\t5\t0', '\t5\t25\t0') : l)) }));
    expect(off.findings.map((f) => [f.code, argsOf(f).column, f.expected, f.calc])).toEqual([['subrow-sum-mismatch', 'budget', '120.00', '40 + 30 + 10 + 5 + 5 + 5 + 25 = 120.00']]);
  });

  it('a header without a budget or spending column: the rows are kept as text, never read by position', () => {
    const r = verify(table({ fundsHeader: T('项目资金（万元）', '', '金额甲', '金额乙', '比例', '分值', '得分') }));
    const p = r.projects[0]!.project;
    expect(p.funds.total!.raw).toEqual(['100.00', '100.00', '90.00', '10', '90.00', '9.00']);
    expect(p.funds.total!.budget).toBeNull();
    // The funds could not be read: no total is recomputed from what is left (no false weight or score error).
    expect(r.findings.map((f) => `${f.code}:${f.line}`)).toEqual(['funds-header-unrecognised:4']);
    expect(r.projects[0]!.figures!.total).toBeNull();
  });

  it('a row whose cells do not sit under the header keeps them as text', () => {
    const r = verify(table({ funds: [T('', '年度资金总额', '100.00', '100.00', '', '', '', '', '', '90.00', '10', '90.00', '9.00')] }));
    expect(r.projects[0]!.project.funds.total!.raw).toEqual(['100.00', '100.00', '90.00', '10', '90.00', '9.00']);
    expect(r.findings[0]!.code).toBe('funds-row-shape');
    expect(r.findings.filter((f) => f.code === 'rate-mismatch' || f.code === 'over-budget')).toEqual([]);
  });
});

describe('indicators', () => {
  const ind = (target: string, actual = '120') => T('产出指标', '数量指标', '服务人次', target, actual, '50', '50', '');
  const ops: [string, string][] = [
    ['≥100', '≥'], ['≤100', '≤'], ['=100', '='], ['>100', '>'], ['<200', '<'], ['≧100', '≥'], ['≦200', '≤'], ['═120', '='], ['﹦120', '='], ['＞＝100', '≥'],
    ['大于等于100', '≥'], ['不低于100', '≥'], ['不少于100', '≥'], ['100以上', '≥'], ['小于等于200', '≤'], ['不高于200', '≤'], ['不超过200', '≤'], ['200以下', '≤'], ['等于120', '='],
  ];
  it('operators as glyphs and as words', () => {
    for (const [target, op] of ops) {
      const { p } = one(table({ indicators: [ind(target), ...table().split('\n').slice(10, 12)] }));
      expect([target, p.indicators[0]!.target.op, p.indicators[0]!.target.value!.text]).toEqual([target, op, target.replace(/[^\d]/g, '')]);
    }
  });

  it('一级 labels with their weight, or the weight alone; spaced-out labels; 二级 shortened or suffixed', () => {
    const { p, codes } = one(
      table({
        indicators: [
          T('产 出 指 标 (50分)', '数 量', '服务人次', '≥100人次', '120人次', '30', '30', ''),
          T('', '时效', '及时性', '及时', '达成指标', '20', '20', ''),
          T('(30分)', '社会效益指标等', '服务质量', '提升', '达成指标', '30', '30', ''),
          T('满意度指标(10分)', '服务对象满意度 指标', '满意度', '≥90%', '95%', '10', '10', ''),
        ],
      }),
    );
    expect(p.indicators.map((i) => [i.level1, i.level2])).toEqual([
      ['产出指标', '数量指标'],
      ['产出指标', '时效指标'],
      ['效益指标', '社会效益指标'],
      ['满意度指标', '服务对象满意度指标'],
    ]);
    expect(p.levels.map((l) => [l.name, l.weight?.num?.text])).toEqual([
      ['产出指标', '50'],
      ['效益指标', '30'],
      ['满意度指标', '10'],
    ]);
    expect(codes).toEqual([]);
  });

  it('placeholder rows (指标1:, 指标2, ……, / / /) are kept as such, not scored', () => {
    const { p, codes } = one(table({ indicators: [...table().split('\n').slice(9, 12), T('', '', '指标1:'), T('', '', '指标2'), T('', '', '……'), T('', '', '/', '/', '/')] }));
    expect(p.indicators).toHaveLength(3);
    expect(p.texts.map((t) => [t.kind, t.line])).toEqual([13, 14, 15, 16].map((l) => ['placeholder', l]));
    expect(codes).toEqual([]);
  });

  it('a row holding only a 二级 label is a group row the rows below inherit', () => {
    const { p, codes } = one(
      table({ indicators: [T('产出指标', '数量指标', '服务人次', '≥100人次', '120人次', '30', '30', ''), T('', '质量指标'), T('', '', '合格率', '≥95%', '100%', '20', '20', ''), ...table().split('\n').slice(10, 12)] }),
    );
    expect(p.indicators[1]!.level2).toBe('质量指标');
    expect(p.texts).toEqual([{ line: 11, kind: 'group', label: null, text: '质量指标' }]);
    expect(codes).toEqual([]);
  });

  it('child rows (其中…, 1、 under 一、) are kept as children, never counted twice', () => {
    const { p, codes } = one(
      table({
        indicators: [
          T('产出指标', '数量指标', '一、服务人次', '≥100人次', '120人次', '50', '50', ''),
          T('', '', '1、上门服务', '≥60', '70', '', '', ''),
          T('', '', '其中：电话回访', '≥40', '50', '', '', ''),
          ...table().split('\n').slice(10, 12),
        ],
      }),
    );
    expect(p.indicators.map((i) => [i.name, i.children.map((c) => c.name)])).toEqual([
      ['一、服务人次', ['1、上门服务', '其中：电话回访']],
      ['服务质量', []],
      ['满意度', []],
    ]);
    expect(codes).toEqual([]);
  });

  it('no weight column, no score column', () => {
    const { p } = one(table({ indicatorHeader: T('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '偏差原因分析'), indicators: [T('产出指标', '数量指标', '服务人次', '≥100', '120', '')], total: T('总分', '', '', '', '', '') }));
    expect(p.indicators.map((i) => [i.name, i.weight, i.score, i.target.value?.text])).toEqual([['服务人次', null, null, '100']]);
  });

  it('全年完成值 and 计量单位 columns', () => {
    const { p, codes } = one(
      table({
        indicatorHeader: T('一级指标', '二级指标', '三级指标', '年度指标值', '计量单位', '全年完成值', '分值', '得分', '偏差原因分析'),
        indicators: [T('产出指标', '数量指标', '服务人次', '≥100', '人次', '120', '50', '50', ''), T('效益指标', '社会效益指标', '服务质量', '提升', '', '达成指标', '30', '30', ''), T('满意度指标', '服务对象满意度指标', '满意度', '≥90', '%', '95', '10', '10', '')],
      }),
    );
    expect(p.indicators.map((i) => [i.target.raw, i.target.unit, i.actual.value?.text ?? null, i.actual.unit])).toEqual([
      ['≥100人次', '人次', '120', '人次'],
      ['提升', null, null, null],
      ['≥90%', '%', '95', '%'],
    ]);
    expect(codes).toEqual([]);
  });
});

describe('total and grade', () => {
  it('the grade on the total row', () => {
    const { p, codes } = one(table({ total: T('总分', '', '', '', '', '100', '99.00', '优') }));
    expect([p.stated.total?.num?.text, p.stated.grade, p.stated.gradeLine, codes]).toEqual(['99.00', '优', 13, []]);
  });

  it('no grade row: no finding, the recomputed grade is still reported', () => {
    const r = verify(table());
    expect(r.findings).toEqual([]);
    expect(r.projects[0]!.figures!.grade).toBe('优');
  });

  it('合计 with only the weight total: a table not self-scored', () => {
    const r = verify(table({ total: T('合计', '', '', '', '', '100', '', '') }).replace(/\t50\t50\t/, '\t50\t\t').replace(/\t30\t30\t/, '\t30\t\t').replace(/\t10\t10\t/, '\t10\t\t'));
    expect(r.projects[0]!.project.stated.weightTotal?.num?.text).toBe('100');
    expect(r.findings.map((f) => f.code)).toContain('not-self-scored');
  });
});

describe('figures printed with 0, 1 or 2 decimals are compared at their own precision', () => {
  const funds = (rate: string, score: string) => [T('', '年度资金总额', '100.00', '100.00', '86.18', '10', rate, score)];
  const total = (s: string) => T('总分', '', '', '', '', '100', s, '');
  it.each([
    ['86.18', '8.61', 'truncate'],
    ['86.2', '8.6', 'half-up'],
    ['86', '9', 'half-up'],
    ['87', '9', 'ceil'],
  ])('rate %s and score %s are explained by %s', (rate, score, mode) => {
    const r = verify(table({ funds: funds(rate, score), total: total(String(Number(score) + 90)) }));
    expect(r.rounding!.mode).toBe(mode);
    expect(r.findings.filter((f) => f.code === 'rate-mismatch' || f.code === 'exec-score-mismatch')).toEqual([]);
  });

  it('a rate that no rounding at its precision explains is still an error', () => {
    const r = verify(table({ funds: funds('88', '8.61'), total: total('98.61') }));
    expect(r.findings.map((f) => [f.code, f.stated, f.expected])).toContainEqual(['rate-mismatch', '88', '86.18']);
  });
});

describe('block boundaries for splitting a file (segments)', () => {
  it('a title starts a block alone unless the line before belongs to it (附件:, 报表编号:) or may be the first half of a title', async () => {
    const { startsBlockAlone } = await import('../src/parse/parser.js');
    expect(startsBlockAlone('项目支出绩效自评表', T('项目名称', 'x'))).toBe(true);
    expect(startsBlockAlone('项目支出绩效自评表', null)).toBe(true);
    expect(startsBlockAlone('项目支出绩效自评表', '附件:')).toBe(false);
    expect(startsBlockAlone('项目支出绩效自评表', '报表编号:510000_0013zp')).toBe(false);
    expect(startsBlockAlone('项目支出绩效自评表', '某区财政')).toBe(false);
    expect(startsBlockAlone(T('项目名称', 'x'), null)).toBe(false);
  });
});
