/**
 * The real published tables (fixtures/corpus, a copy of shared/corpus/real):
 * each is read whole — project, every funds row, every indicator, the stated
 * totals — exactly as its hand-made expected.json says, with no finding on a
 * row its template legitimately has. Partial files are checked up to where
 * they stop.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verify, type FundsRow, type Project, type VerifyResult } from '../src/index.js';
import { FUNDS_ROLES, fundsRowKey } from '../src/parse/vocab.js';
import { accountedLines, nonBlankLines } from './helpers.js';
import { formatMessage } from '../src/messages.js';

const DIR = new URL('../fixtures/corpus/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, DIR));

interface ExpectedIndicator {
  l3: string;
  weight?: string;
  stated_score?: string | null;
  target?: string;
  actual?: string;
}
interface ExpectedBlock {
  project_name: string;
  competent_dept?: string;
  implementing_unit?: string;
  money_unit: string;
  funds_stated: Record<string, Record<string, string>>;
  indicators?: ExpectedIndicator[];
  indicators_visible?: ExpectedIndicator[];
  indicators_visible_weighted?: ExpectedIndicator[];
  unweighted_child_rows?: string[];
  stated_weight_total?: string;
  stated_total?: string | null;
}

/** Codes that must never be raised on a row its template has. */
const NOISE = ['unrecognised-line', 'missing-section', 'text-before-title', 'funds-row-shape', 'funds-header-unrecognised', 'bad-number', 'duplicate-label'];

const files = (dir: string) => readdirSync(new URL(dir, DIR)).filter((f) => f.endsWith('.tsv')).map((f) => `${dir}${f}`);
const complete = files('');
const partial = files('partial/');

function result(file: string): { r: VerifyResult; blocks: ExpectedBlock[] } {
  const r = verify(read(file), { path: file });
  const blocks = (JSON.parse(read(file.replace(/\.tsv$/, '.expected.json')).toString()) as { blocks: ExpectedBlock[] }).blocks;
  return { r, blocks };
}

/** Each stated funds cell of the expected.json, found in our record by the row's label and the column's role. */
function checkFunds(p: Project, funds: ExpectedBlock['funds_stated']): void {
  const rows = [p.funds.total, ...p.funds.subRows].filter((x): x is FundsRow => x !== null);
  for (const [label, cells] of Object.entries(funds)) {
    const row = rows.find((x) => fundsRowKey(x.label) === fundsRowKey(label));
    expect(row, `funds row ${label}`).toBeDefined();
    expect(row!.raw, `${label} read by its header`).toBeNull();
    for (const [header, value] of Object.entries(cells)) {
      const role = FUNDS_ROLES.lookup(header)!.value as keyof FundsRow;
      const cell = row![role] as { raw: string } | null;
      expect(cell?.raw.trim() ?? '', `${label} / ${header}`).toBe(value);
    }
  }
  // No funds row that the expected.json does not have, except empty ones it leaves out.
  for (const row of rows) {
    const listed = Object.keys(funds).some((l) => fundsRowKey(l) === fundsRowKey(row.label));
    if (!listed) expect([row.initialBudget, row.budget, row.executed, row.rate].every((c) => c === null || c.raw.trim() === '' || c.raw.trim() === '-'), row.label).toBe(true);
  }
}

function checkIndicators(p: Project, expected: ExpectedIndicator[]): void {
  const named = expected.filter((i) => i.l3 !== '');
  expect(p.indicators.map((i) => i.name)).toEqual(named.map((i) => i.l3));
  p.indicators.forEach((ind, k) => {
    const e = named[k]!;
    if (e.weight !== undefined) expect(ind.weight?.raw.trim() ?? '', `${ind.name} weight`).toBe(e.weight);
    if (e.stated_score !== undefined && e.stated_score !== null) expect(ind.score?.raw.trim() ?? '', `${ind.name} score`).toBe(e.stated_score);
    if (e.actual !== undefined && ind.actual.col >= 0) expect(ind.actual.raw.trim().startsWith(e.actual) || e.actual === '', `${ind.name} actual`).toBe(true);
  });
}

describe('real tables, complete (fixtures/corpus/*.tsv)', () => {
  it('has the four complete tables', () => {
    expect(complete.sort()).toEqual(['ah-tianchang-water-2022.tsv', 'sc-qingshen-fgj-2023.tsv', 'sc-zhongjiang-water-2022.tsv', 'sh-putuo-sports-2022.tsv']);
  });

  for (const file of complete) {
    it(`${file}: read whole, as its expected.json says`, () => {
      const { r, blocks } = result(file);
      expect(r.projects).toHaveLength(blocks.length);
      r.projects.forEach(({ project: p }, k) => {
        const b = blocks[k]!;
        expect(p.name).toBe(b.project_name);
        expect(p.department ?? '').toBe(b.competent_dept ?? '');
        expect(p.implementer ?? '').toBe(b.implementing_unit ?? '');
        expect(p.unit).toBe(b.money_unit);
        checkFunds(p, b.funds_stated);
        checkIndicators(p, b.indicators!);
        expect(p.stated.weightTotal?.raw.trim() ?? null).toBe(b.stated_weight_total ?? null);
        expect(p.stated.total?.raw.trim() ?? null).toBe(b.stated_total ?? null);
      });
      expect(r.findings.filter((f) => NOISE.includes(f.code)).map((f) => `${f.code}:${f.line}`)).toEqual([]);
      const seen = accountedLines(r);
      expect(nonBlankLines(read(file).toString()).filter((l) => !seen.has(l))).toEqual([]);
    });
  }

  it('中江: indicator weights 100 plus the funds 10 against a stated 100, an error at the total row', () => {
    const { r } = result('sc-zhongjiang-water-2022.tsv');
    const errors = r.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.code, f.line, f.stated, f.expected])).toEqual([
      ['weight-total-mismatch', 24, '100', '110.00'],
      // 110 is more than the weight total: said, never offered as what the total should be.
      ['score-total-mismatch', 24, '100', null],
    ]);
    expect(errors[1]!.args).toMatchObject({ sum: '110.00', weightTotal: '100', aboveWeights: true });
  });

  it('中江: actuals written as the target (≥266米) are bounds, not values: said once, and never compared', () => {
    const { r } = result('sc-zhongjiang-water-2022.tsv');
    const p = r.projects[0]!.project;
    const bound = p.indicators.filter((i) => i.actual.op !== undefined);
    expect(bound.map((i) => [i.line, i.actual.raw, i.actual.op, i.actual.value?.text, i.actual.unit])).toEqual([
      [13, '≥266米', '≥', '266', '米'],
      [14, '≥50厘米', '≥', '50', '厘米'],
      [16, '≥90%', '≥', '90', '%'],
      [17, '≥90%', '≥', '90', '%'],
      [20, '≥1000人', '≥', '1000', '人'],
      [22, '≥95%', '≥', '95', '%'],
    ]);
    // 100% and 20万元 are values: compared as before.
    expect(p.indicators.filter((i) => i.actual.kind === 'number' && i.actual.op === undefined).map((i) => i.actual.raw)).toEqual(['100%', '20万元']);
    const note = r.findings.filter((f) => f.code === 'actual-unverifiable');
    expect(note.map((f) => [f.severity, f.line, f.args])).toEqual([['info', 13, { count: 6, lines: [13, 14, 16, 17, 20, 22], reasons: ['operator'] }]]);
    expect(formatMessage(note[0]!, 'zh')).toBe('6 项定量指标的实际完成值无法核对（所填为“≥90%”这类带比较符号的值，不是实际完成的数值）：第 13、14、16、17、20、22 行');
    expect(formatMessage(note[0]!, 'en')).toBe('6 quantitative actuals cannot be checked (a bound such as "≥90%" written instead of the value achieved): lines 13, 14, 16, 17, 20, 22');
    // A bound below the target is no proof of a shortfall: no unmet-full-score error (it was one before).
    const below = verify(read('sc-zhongjiang-water-2022.tsv').toString('utf8').replace('≥50厘米\t≥50厘米', '≥50厘米\t≥40厘米'));
    expect(below.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['weight-total-mismatch', 'score-total-mismatch']);
    expect(below.findings.find((f) => f.code === 'actual-unverifiable')?.args).toEqual({ count: 6, lines: [13, 14, 16, 17, 20, 22], reasons: ['operator'] });
  });

  it('names the template of each table', () => {
    expect(complete.map((f) => [f, result(f).r.projects.map((p) => p.project.template)])).toEqual([
      ['ah-tianchang-water-2022.tsv', ['ah-county']],
      ['sc-qingshen-fgj-2023.tsv', ['sc-dept-budget']],
      ['sc-zhongjiang-water-2022.tsv', ['transfer-goals']],
      ['sh-putuo-sports-2022.tsv', ['sh-district']],
    ]);
  });

  it('天长: the 一级 label that keeps only its weight takes its name from the 二级; placeholders and the not-applicable row', () => {
    const p = result('ah-tianchang-water-2022.tsv').r.projects[0]!.project;
    expect(p.levels.map((l) => [l.line, l.label, l.name, l.weight?.num?.text])).toEqual([
      [14, '(50分)', '产出指标', '50'],
      [26, '(30分)', '效益指标', '30'],
      [38, '满意度指标(10分)', '满意度指标', '10'],
    ]);
    expect(p.texts.filter((t) => t.kind === 'placeholder').map((t) => t.line)).toEqual([16, 18, 19, 21, 22, 24, 25, 27, 28, 30, 31, 33, 34, 36, 37, 39, 40]);
    const na = p.indicators.find((i) => i.name === '指标1:/')!;
    expect([na.level2, na.target.kind, na.actual.kind, na.weight?.num ?? null]).toEqual(['生态效益指标', 'empty', 'empty', null]);
    expect(p.lines.title).toEqual([2, 3]);
    expect(p.goals).toEqual({ line: 12, expected: '完成年度防汛工作,完成中型灌区节水改造项目和农业综合水价改革项目。', actual: '完成年度目标。' });
  });

  it('青神: 指标性质 and 度量单位 columns give operator and unit; tail rows kept as text', () => {
    const p = result('sc-qingshen-fgj-2023.tsv').r.projects[0]!.project;
    expect(p.indicators.map((i) => [i.target.raw, i.target.op, i.target.value?.text, i.target.unit])).toEqual([
      ['=100%', '=', '100', '%'],
      ['=100%', '=', '100', '%'],
    ]);
    expect(p.texts.map((t) => [t.line, t.kind, t.label])).toEqual([
      [1, 'preamble', '报表编号:510000_0013zp'],
      [8, 'goals', '2.项目实施内容及过程概述'],
      [19, 'tail', '评价结论'],
      [20, 'tail', '存在问题'],
      [21, 'tail', '改进措施'],
      [22, 'tail', '项目负责人:'],
    ]);
    expect(p.funds.total!.reason).toMatch(/^1\.预算执行率=预算执行数\/调整后预算数/);
    expect(p.funds.subRows.map((r) => [r.kind, r.label])).toEqual([
      ['currentYear', '其中:财政资金'],
      ['earmarked', '财政专户管理资金'],
      ['unitFunds', '单位资金'],
      ['other', '其他资金'],
    ]);
    expect(p.goals!.expected).toMatch(/^严格执行相关政策/);
    expect(p.goals!.actual).toBe('对照年度目标,说明相关任务目标的完成情况(100字以内)');
  });
});

describe('real tables, cut short (fixtures/corpus/partial)', () => {
  /** Only these may say something is missing: the file stops before the part. */
  const truncatedParts = (f: { code: string; args: Record<string, unknown> }) => f.code === 'missing-section' && ['total', 'indicators'].includes(f.args.section as string);

  for (const file of partial) {
    it(`${file}: read up to where it stops`, () => {
      const { r, blocks } = result(file);
      // 大英's page shows the tail of an earlier table first; it is not transcribed.
      expect(r.projects).toHaveLength(blocks.length);
      r.projects.forEach(({ project: p }, k) => {
        const b = blocks[k]!;
        expect(p.name).toBe(b.project_name);
        expect(p.unit).toBe(b.money_unit);
        checkFunds(p, b.funds_stated);
        const visible = b.indicators_visible ?? b.indicators_visible_weighted;
        if (visible) checkIndicators(p, visible);
        if (b.unweighted_child_rows) {
          expect(p.indicators.flatMap((i) => i.children.map((c) => `${c.name} ${c.target.raw}/${c.actual.raw}`))).toEqual(b.unweighted_child_rows);
        }
      });
      expect(r.findings.filter((f) => NOISE.includes(f.code) && !truncatedParts(f)).map((f) => `${f.code}:${f.line}`)).toEqual([]);
      const seen = accountedLines(r);
      expect(nonBlankLines(read(file).toString()).filter((l) => !seen.has(l))).toEqual([]);
    });
  }

  it('names the template of each table', () => {
    expect(Object.fromEntries(partial.map((f) => [f.replace(/^partial\/|\.partial\.tsv$/g, ''), result(f).r.projects.map((p) => p.project.template).join(',')]))).toEqual({
      'ah-chizhou-tangxi-2022': 'ah-county,ah-county',
      'ah-xiaoxian-hexi-2023': 'transfer-goals',
      'nm-bayannur-gqmd-2024': 'nm-final-accounts',
      'sc-daying-sfj-2023': 'sc-dept-budget',
      'sh-putuo-sports-2022-b2': 'sh-district',
      'yn-lijiang-gucheng-2020': 'yn-two-row',
    });
  });

  it('萧县: group rows give the rows below their 二级; 其中 rows are children, never scored', () => {
    const p = result('partial/ah-xiaoxian-hexi-2023.partial.tsv').r.projects[0]!.project;
    expect(p.indicators.map((i) => [i.line, i.level1, i.level2])).toEqual([
      [13, '产出指标', '数量指标'],
      [18, '产出指标', '数量指标'],
      [20, '产出指标', '数量指标'],
      [24, '产出指标', '质量指标'],
      [25, '产出指标', '质量指标'],
      [28, '效益指标', '经济效益指标'],
      [29, '效益指标', '社会效益指标'],
    ]);
    expect(p.texts.filter((t) => t.kind === 'group').map((t) => t.line)).toEqual([23, 27, 30, 31]);
    expect(p.indicators[0]!.children.map((c) => [c.line, c.target.value?.text, c.weight?.num ?? null])).toEqual([
      [14, '1.5', null],
      [15, '5', null],
      [16, '20', null],
      [17, '3', null],
    ]);
    expect(p.levels.map((l) => [l.label, l.name, l.weight?.num?.text])).toEqual([
      ['产 出 指 标 (50分)', '产出指标', '50'],
      ['效 益 指 标 (30分)', '效益指标', '30'],
    ]);
  });

  it('丽江: the two header rows are merged column by column', () => {
    const p = result('partial/yn-lijiang-gucheng-2020.partial.tsv').r.projects[0]!.project;
    expect(p.indicators.map((i) => [i.name, i.target.op, i.target.value?.text, i.target.unit, i.actual.value?.text, i.weight?.num?.text, i.score?.num?.text ?? null])).toEqual([
      ['卫片执法补助经费', '=', '72890', '元', '72890', '10.00', '9.00'],
      ['项目验收合格率', '=', '100', '%', '100', '20', '19'],
      ['项目完成及时率', '=', '100', '%', '100', '20.00', '19.00'],
      ['违法行为责停率', '≥', '95', '%', '95', '30.00', '27.00'],
      ['满意度', '≥', '95', '%', '95', '10.00', null],
    ]);
    expect(p.lines.indicatorHeader).toBe(12);
    expect(p.texts).toEqual([{ line: 13, kind: 'header', label: null, text: '一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位' }]);
  });

  it('巴彦淖尔: 指标方向 in words gives the operator, 指标性质 the direction, 计量单位 the unit', () => {
    const p = result('partial/nm-bayannur-gqmd-2024.partial.tsv').r.projects[0]!.project;
    expect(p.indicators.map((i) => [i.target.op, i.target.value?.text, i.target.unit, i.direction, i.actual.unit])).toEqual([
      ['≥', '1', '次', '正向', '次'],
      ['≤', '1', '个', '正向', '个'],
      ['=', '100', '%', '正向', '%'],
      ['=', '100', '%', '正向', '%'],
    ]);
    expect(p.texts.map((t) => [t.line, t.kind])).toEqual([[1, 'preamble']]);
  });

  it('池州: 附件: before each title goes with its block; the empty 二级 row is a group row', () => {
    const r = result('partial/ah-chizhou-tangxi-2022.partial.tsv').r;
    expect(r.projects.map((p) => p.project.texts.map((t) => `${t.line} ${t.kind} ${t.label}`))).toEqual([['2 preamble 附件:', '24 group null'], ['26 preamble 附件:']]);
    expect(r.projects.map((p) => p.project.lines.title)).toEqual([
      [3, 4],
      [27, 28],
    ]);
  });
});
