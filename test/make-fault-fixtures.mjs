// Writes fixtures/faults/*.txt: the sample with one injected fault each, and
// fixtures/faults/expected.json with the finding each must produce.
// Run: node test/make-fault-fixtures.mjs  (the outputs are committed)
import { readFileSync, writeFileSync } from 'node:fs';

const SAMPLE = new URL('../fixtures/000_4494185c10663b20.txt', import.meta.url);
const OUT = new URL('../fixtures/faults/', import.meta.url);
const sample = readFileSync(SAMPLE, 'utf8');

/** Replace cell `col` of 1-based `line`; checks the old text so a wrong edit fails loudly. */
function cell(lines, line, col, from, to) {
  const cells = lines[line - 1].split('\t');
  if (cells[col] !== from) throw new Error(`line ${line} col ${col}: expected ${from}, found ${cells[col]}`);
  cells[col] = to;
  lines[line - 1] = cells.join('\t');
}

const faults = {
  'rate-mismatch': { edits: [[27, 8, '95.12', '95.21']], expect: [{ code: 'rate-mismatch', line: 27, severity: 'error' }] },
  'subrow-rate-mismatch': { edits: [[28, 8, '95.12', '94.12']], expect: [{ code: 'rate-mismatch', line: 28, severity: 'error' }] },
  'exec-score-mismatch': {
    edits: [[27, 9, '9.51', '9.15'], [39, 6, '99.51', '99.15']],
    expect: [{ code: 'exec-score-mismatch', line: 27, severity: 'error' }],
  },
  'subrow-sum-mismatch': { edits: [[29, 5, '0.00', '5.00']], expect: [{ code: 'subrow-sum-mismatch', line: 27, severity: 'error' }] },
  'over-budget': {
    edits: [[27, 6, '31.62', '34.00'], [28, 6, '31.62', '34.00'], [27, 8, '95.12', '102.28'], [28, 8, '95.12', '102.28'], [27, 9, '9.51', '10.00'], [39, 6, '99.51', '100.00']],
    expect: [{ code: 'over-budget', line: 27, severity: 'warning' }],
  },
  'weight-total-mismatch': { edits: [[39, 5, '100', '95']], expect: [{ code: 'weight-total-mismatch', line: 39, severity: 'error' }] },
  'score-total-mismatch': { edits: [[39, 6, '99.51', '99.61']], expect: [{ code: 'score-total-mismatch', line: 39, severity: 'error' }] },
  'score-out-of-range': {
    edits: [[34, 6, '10.00', '12.00'], [39, 6, '99.51', '101.51']],
    expect: [{ code: 'score-out-of-range', line: 34, severity: 'error' }],
  },
  'grade-mismatch': { edits: [[40, 2, '优', '良']], expect: [{ code: 'grade-mismatch', line: 40, severity: 'error' }] },
  'grade-unknown': { edits: [[40, 2, '优', '甲']], expect: [{ code: 'grade-unknown', line: 40, severity: 'warning' }] },
  'unmet-full-score': {
    edits: [[54, 4, '12962.00(家)', '9000.00(家)']],
    expect: [
      { code: 'unmet-full-score', line: 54, severity: 'warning' },
      { code: 'unmet-without-reason', line: 54, severity: 'warning' },
    ],
  },
  'policy-score-differs': {
    edits: [[58, 4, '95.83(%)', '80.00(%)'], [58, 6, '10.00', '9.00'], [58, 7, '', '申请单位减少'], [60, 6, '99.99', '98.99']],
    expect: [{ code: 'policy-score-differs', line: 58, severity: 'warning' }],
  },
  // A qualitative indicator that lost a point with no reason.
  'deduction-without-reason': {
    edits: [[17, 6, '20.00', '19.00'], [19, 6, '99.99', '98.99']],
    expect: [{ code: 'deduction-without-reason', line: 17, severity: 'warning' }],
  },
  // A quantitative target met (11 of ≥8) that lost a point.
  'met-but-deducted': {
    edits: [[15, 6, '30.00', '29.00'], [19, 6, '99.99', '98.99']],
    expect: [{ code: 'met-but-deducted', line: 15, severity: 'warning' }],
  },
  'unknown-operator': { edits: [[16, 3, '=100.00(%)', '≈100.00(%)']], expect: [{ code: 'unknown-operator', line: 16, severity: 'warning' }] },
  // The total row's budget is the wrong cell: the sub-rows and the stated rate agree (rescore fixes the total).
  'total-budget-wrong': {
    edits: [[27, 5, '33.24', '43.24']],
    expect: [
      { code: 'rate-mismatch', line: 27, severity: 'error' },
      { code: 'subrow-sum-mismatch', line: 27, severity: 'error' },
      // 33.24 at the start of the year, 43.24 in the total row: a reviewer asks about it too.
      { code: 'budget-adjusted', line: 27, severity: 'warning' },
    ],
  },
  // Consistent, but graded 良: for --min-grade gates.
  'consistent-grade-liang': {
    edits: [[17, 6, '20.00', '10.00'], [17, 7, '', '效率提升不及预期'], [19, 6, '99.99', '89.99'], [20, 2, '优', '良']],
    expect: [],
  },
  'bad-number': { edits: [[8, 4, '88.32', '88..32']], expect: [{ code: 'bad-number', line: 8, severity: 'warning' }] },
  // One rate rounded half up in a table that truncates: another convention, a warning (not an error).
  'rounding-convention': { edits: [[27, 8, '95.12', '95.13']], expect: [{ code: 'rounding-convention', line: 27, severity: 'warning' }] },
  // Spending against a budget of 0: no rate, no execution score, no total recomputed (reliability review F4).
  'not-checked-zero-budget': {
    edits: [[8, 5, '88.32', '0'], [9, 5, '88.32', '0']],
    expect: [
      { code: 'not-checked', line: 8, severity: 'warning' },
      { code: 'not-checked', line: 9, severity: 'warning' },
    ],
  },
  // A placeholder where the budget belongs (F5): the checks that need it say they could not run.
  'not-checked-placeholder': {
    edits: [[8, 5, '88.32', 'N/A'], [9, 5, '88.32', '—']],
    expect: [
      { code: 'not-checked', line: 8, severity: 'warning' },
      { code: 'not-checked', line: 9, severity: 'warning' },
    ],
  },
  // The total row never summed: all zeros under sub-rows that carry money (one finding, not three).
  'funds-total-unsummed': {
    edits: [[27, 4, '33.24', '0'], [27, 5, '33.24', '0'], [27, 6, '31.62', '0'], [27, 8, '95.12', '0'], [27, 9, '9.51', '0'], [39, 6, '99.51', '90.00']],
    expect: [{ code: 'funds-total-unsummed', line: 27, severity: 'error' }],
  },
  'funds-cell-empty': { edits: [[27, 8, '95.12', '']], expect: [{ code: 'funds-cell-empty', line: 27, severity: 'warning' }] },
  'subrow-scored': { edits: [[28, 7, '-', '10.00']], expect: [{ code: 'subrow-scored', line: 28, severity: 'info' }] },
  // The same 三级 indicator twice in a block (a copied row renamed, or a name typed twice).
  'indicator-repeated': { edits: [[36, 2, '系统维护及时性', '系统维护完成数']], expect: [{ code: 'indicator-repeated', line: 34, severity: 'info' }] },
  // A number target that says nothing of what it counts (its unit dropped).
  'target-without-unit': { edits: [[34, 3, '=1.00(个)', '=1.00']], expect: [{ code: 'target-without-unit', line: 34, severity: 'info' }] },
  // An indicator marked not applicable, its 20 points given to the row above (the totals still add up).
  'indicator-not-applicable': {
    edits: [[36, 3, '及时', '/'], [36, 4, '达成指标', '/'], [36, 5, '20.00', '/'], [36, 6, '20.00', '/'], [35, 5, '20.00', '40.00'], [35, 6, '20.00', '40.00']],
    expect: [{ code: 'indicator-not-applicable', line: 36, severity: 'info' }],
  },
  'empty-full-marks': { edits: [[36, 3, '及时', ''], [36, 4, '达成指标', '']], expect: [{ code: 'empty-full-marks', line: 36, severity: 'warning' }] },
  'no-satisfaction': {
    edits: [[38, 0, '满意度指标', '效益指标'], [38, 1, '服务对象满意度指标', '社会效益指标']],
    expect: [{ code: 'no-satisfaction', line: 33, severity: 'warning' }],
  },
  // The table's own note prescribes 50/30/10 + 10; block 1 is 50/20/20 + 10.
  'level-split-prescribed': {
    edits: [[21, 0, '', '注:1.一级指标分值统一设置为:产出指标50分、效益指标30分、满意度指标10分、预算资金执行率10分']],
    expect: [{ code: 'level-split', line: 17, severity: 'error' }],
  },
  // 28.00 of 33.24 spent: 84.23 %, no reason column in this template (a note).
  'low-rate-no-reason': {
    edits: [[27, 6, '31.62', '28.00'], [28, 6, '31.62', '28.00'], [27, 8, '95.12', '84.23'], [28, 8, '95.12', '84.23'], [27, 9, '9.51', '8.42'], [39, 6, '99.51', '98.42']],
    expect: [{ code: 'low-rate-no-reason', line: 27, severity: 'info' }],
  },
  'budget-adjusted': { edits: [[27, 4, '33.24', '40.00'], [28, 4, '33.24', '40.00']], expect: [{ code: 'budget-adjusted', line: 27, severity: 'info' }] },
  // From the real tables: 天长's (50分) label against its indicators' 50; 巴彦淖尔's 正向 with 小于等于 (its rate error mended); 青神's instructions.
  'level-weight-mismatch': { base: 'corpus/ah-tianchang-water-2022.tsv', edits: [[14, 1, '(50分)', '(40分)']], expect: [{ code: 'level-weight-mismatch', line: 14, severity: 'error' }] },
  'direction-conflict': { base: 'corpus/partial/nm-bayannur-gqmd-2024.partial.tsv', edits: [[9, 6, '0', '100']], expect: [{ code: 'direction-conflict', line: 14, severity: 'warning' }] },
  // A goal's scores above its weight (湖北: 年度绩效目标2(40分) over rows of 20 + 25).
  'goal-score-over-weight': {
    base: 'variants/hb-huanggang-2020.txt',
    edits: [[15, 6, '20', '25'], [18, 1, '99.6', '104.6']],
    expect: [{ code: 'goal-score-over-weight', line: 13, severity: 'error' }],
  },
  'template-text': { base: 'corpus/sc-qingshen-fgj-2023.tsv', edits: [], expect: [{ code: 'template-text', line: 7, severity: 'warning' }] },
};

const expected = {};
const bases = {};
for (const [name, f] of Object.entries(faults)) {
  const lines = (f.base ? readFileSync(new URL(`../fixtures/${f.base}`, import.meta.url), 'utf8') : sample).split('\n');
  if (f.base) bases[`${name}.txt`] = f.base;
  for (const [line, col, from, to] of f.edits) cell(lines, line, col, from, to);
  writeFileSync(new URL(`${name}.txt`, OUT), lines.join('\n'));
  expected[`${name}.txt`] = f.expect;
}
writeFileSync(new URL('expected.json', OUT), JSON.stringify(expected, null, 2) + '\n');
// The table each fixture was made from, where it is not the sample (its own verdict is the baseline).
writeFileSync(new URL('bases.json', OUT), JSON.stringify(bases, null, 2) + '\n');
console.log(`wrote ${Object.keys(faults).length} fixtures`);
