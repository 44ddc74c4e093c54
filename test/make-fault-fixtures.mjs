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
  'unmet-full-score': { edits: [[54, 4, '12962.00(家)', '9000.00(家)']], expect: [{ code: 'unmet-full-score', line: 54, severity: 'warning' }] },
  'policy-score-differs': {
    edits: [[58, 4, '95.83(%)', '80.00(%)'], [58, 6, '10.00', '9.00'], [58, 7, '', '申请单位减少'], [60, 6, '99.99', '98.99']],
    expect: [{ code: 'policy-score-differs', line: 58, severity: 'warning' }],
  },
  'deduction-without-reason': {
    edits: [[15, 6, '30.00', '29.00'], [19, 6, '99.99', '98.99']],
    expect: [{ code: 'deduction-without-reason', line: 15, severity: 'warning' }],
  },
  'unknown-operator': { edits: [[16, 3, '=100.00(%)', '≈100.00(%)']], expect: [{ code: 'unknown-operator', line: 16, severity: 'warning' }] },
  // The total row's budget is the wrong cell: the sub-rows and the stated rate agree (rescore fixes the total).
  'total-budget-wrong': {
    edits: [[27, 5, '33.24', '43.24']],
    expect: [
      { code: 'rate-mismatch', line: 27, severity: 'error' },
      { code: 'subrow-sum-mismatch', line: 27, severity: 'error' },
    ],
  },
  // Consistent, but graded 良: for --min-grade gates.
  'consistent-grade-liang': {
    edits: [[15, 6, '30.00', '20.00'], [15, 7, '', '模块上线推迟'], [19, 6, '99.99', '89.99'], [20, 2, '优', '良']],
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
};

const expected = {};
for (const [name, f] of Object.entries(faults)) {
  const lines = sample.split('\n');
  for (const [line, col, from, to] of f.edits) cell(lines, line, col, from, to);
  writeFileSync(new URL(`${name}.txt`, OUT), lines.join('\n'));
  expected[`${name}.txt`] = f.expect;
}
writeFileSync(new URL('expected.json', OUT), JSON.stringify(expected, null, 2) + '\n');
console.log(`wrote ${Object.keys(faults).length} fixtures`);
