import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, ROUNDING_MODES, roundTo, type RoundingMode } from '../src/decimal.js';
import type { Actual, Target } from '../src/model.js';
import { parseNumber } from '../src/number.js';
import { analyse, analyseTarget, policyScore, reproducedBy, roundingMissesByMode, type Analysis } from '../src/score/engine.js';
import { generate } from '../src/gen.js';
import { parse, verify, type Finding } from '../src/index.js';
import { fixture, sampleBytes, sampleText, argsOf } from './helpers.js';

const brief = (fs: Finding[]) => fs.map((f) => `${f.severity} ${f.code}:${f.line}`);

describe('verify: the sample', () => {
  const r = verify(sampleBytes(), { path: 'sample.txt' });

  it('chooses truncate and reports zero errors', () => {
    expect(r.rounding).toMatchObject({ mode: 'truncate', requested: 'auto', ambiguous: false });
    expect(r.rounding!.misses.truncate).toBe(0);
    expect(r.rounding!.misses['half-up']).toBeGreaterThan(0);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('reports exactly the cases the domain lists, at their lines, and what a reviewer adds', () => {
    const reviewer = ['level-split', 'budget-adjusted'];
    expect(brief(r.findings.filter((f) => !reviewer.includes(f.code)))).toEqual([
      'info actual-unverifiable:34',
      'info actual-unverifiable:117',
      'warning policy-score-differs:128',
      'info name-outside-cell:137',
      'warning target-operator-defect:169',
      'warning target-operator-defect:171',
      'warning target-operator-defect:174',
      'warning target-operator-defect:176',
      'warning target-operator-defect:177',
      'info eq-target-deviation:194',
      'info eq-target-deviation:196',
    ]);
    // domain-review §2: the 一级 splits of blocks 1, 2, 4, 6 and 8; the budget cuts of blocks 5 (−10.8 %) and 6 (−20.2 %, a warning: no explanation).
    expect(r.findings.filter((f) => reviewer.includes(f.code)).map((f) => [f.severity, f.code, f.line, f.stated])).toEqual([
      ['info', 'level-split', 17, '50/20/20+10'],
      ['info', 'level-split', 37, '50/20/20+10'],
      ['info', 'level-split', 54, '60/20/10+10'],
      ['info', 'level-split', 75, '48/35/7+10'],
      ['info', 'budget-adjusted', 96, '1042.24'],
      ['warning', 'budget-adjusted', 141, '34.35'],
      ['info', 'level-split', 148, '70/10/10+10'],
      ['info', 'level-split', 194, '60/20/10+10'],
    ]);
    expect(argsOf(r.findings.find((f) => f.line === 141)!).change).toBe('-20.2');
  });

  it('pins the proportional-rule difference at line 128', () => {
    const f = r.findings.find((x) => x.line === 128)!;
    expect(f.project).toEqual({ name: '残疾人就业支持服务', line: 91 });
    expect([f.stated, f.expected]).toEqual(['1.00', '1.17']);
    expect(f.calc).toBe('882.00 / 3000.00 × 4.00 = 1.176 → 1.17 (truncate)');
    expect(argsOf(f).direction).toBe('stricter');
    expect(argsOf(f).hasReason).toBe(true);
  });

  it('notes the "=" deductions of block 8 with their size', () => {
    const fs = r.findings.filter((x) => x.code === 'eq-target-deviation');
    expect(fs.map((f) => [f.line, f.stated, f.expected, f.args.deduction])).toEqual([
      [194, '9.50', '10.00', '0.50'],
      [196, '14.50', '15.00', '0.50'],
    ]);
  });

  it('summarises uncheckable actuals once per project', () => {
    const f = r.findings.find((x) => x.code === 'actual-unverifiable' && x.project?.line === 22)!;
    expect(f.args).toMatchObject({ count: 3, lines: [34, 35, 38], reasons: ['met-text'] });
  });

  it('recomputes rates, execution scores, totals and grades', () => {
    const fig = r.projects.map((p) => {
      const f = p.figures!;
      return [f.rates[0]!.value.toFixed(2), f.execScore!.value.toFixed(2), f.weightTotal!.toFixed(2), f.total!.toFixed(2), f.grade];
    });
    expect(fig).toEqual([
      ['99.98', '9.99', '100.00', '99.99', '优'],
      ['95.12', '9.51', '100.00', '99.51', '优'],
      ['99.98', '9.99', '100.00', '99.99', '优'],
      ['99.91', '9.99', '100.00', '99.99', '优'],
      ['99.25', '9.92', '100.00', '96.92', '优'],
      ['99.82', '9.98', '100.00', '99.98', '优'],
      ['99.73', '9.97', '100.00', '99.97', '优'],
      ['96.25', '9.62', '100.00', '98.62', '优'],
    ]);
    expect(r.projects[4]!.figures!.indicators.find((i) => i.line === 128)!.policyScore!.toFixed(2)).toBe('1.17');
  });
});

describe('verify: the sample under half-up', () => {
  const r = verify(sampleBytes(), { rounding: 'half-up' });
  const errs = r.findings.filter((f) => f.severity === 'error');
  const conv = r.findings.filter((f) => f.code === 'rounding-convention');

  it('finds no arithmetic error: the figures half-up does not reproduce are truncated, another convention', () => {
    expect(errs).toEqual([]);
    expect(r.findings.filter((f) => f.code === 'rounding-difference')).toEqual([]);
  });

  it('says so once per table, naming each figure and the mode that reproduces it: 6 of the 8 blocks', () => {
    expect(conv.map((f) => [f.project!.line, f.severity, f.line, f.args.modes])).toEqual([
      [3, 'warning', 8, ['truncate']],
      [22, 'warning', 27, ['truncate']],
      [42, 'warning', 47, ['truncate']],
      [91, 'warning', 96, ['truncate']],
      [135, 'warning', 141, ['truncate']],
      [182, 'warning', 187, ['truncate']],
    ]);
    // Block 5: the total row's rate and score and the sub-row's rate, all truncated.
    expect(conv[3]!.args.figures).toEqual(['96:rate:99.25:truncate', '97:rate:99.25:truncate', '96:exec-score:9.92:truncate']);
    expect(conv[5]!.args.figures).toEqual(['187:exec-score:9.62:truncate']);
  });

  it('a figure that no rounding reproduces but display rounding explains is a note, with its interval', () => {
    // 88.31 / 88.32 = 99.9886…; the amounts are rounded to 0.01, so the rate lies in 99.9773…–100: 100.00 is possible.
    const t = sampleText().replace('\t88.32\t88.32\t88.31\t10.00\t99.98\t9.99', '\t88.32\t88.32\t88.31\t10.00\t100.00\t9.99');
    const f = verify(t, { rounding: 'half-up' }).findings.find((x) => x.line === 8 && x.code === 'rounding-difference')!;
    expect([f.stated, f.expected, argsOf(f).low, argsOf(f).high, argsOf(f).withinRounding]).toEqual(['100.00', '99.99', '99.9773…', '100', true]);
    expect(f.calc).toBe('88.31 / 88.32 × 100 = 99.9886… → 99.99 (half-up)');
  });

  it('a figure that neither any rounding nor the interval explains is an error (block 5, 99.27)', () => {
    const t = sampleText().replace('\t99.25\t9.92', '\t99.27\t9.92');
    const f = verify(t, { rounding: 'half-up' }).findings.find((x) => x.code === 'rate-mismatch' && x.line === 96)!;
    expect([f.stated, f.expected, argsOf(f).low, argsOf(f).high, argsOf(f).withinRounding]).toEqual(['99.27', '99.26', '99.2583…', '99.2602…', false]);
    expect(f.calc).toBe('1034.52 / 1042.24 × 100 = 99.2592… → 99.26 (half-up)');
  });
});

describe('verify: one injected fault per check', () => {
  const expected = JSON.parse(readFileSync(new URL('../fixtures/faults/expected.json', import.meta.url), 'utf8')) as Record<string, { code: string; line: number; severity: string }[]>;
  const bases = JSON.parse(readFileSync(new URL('../fixtures/faults/bases.json', import.meta.url), 'utf8')) as Record<string, string>;
  const sampleBaseline = new Set(brief(verify(sampleBytes()).findings));

  for (const [file, want] of Object.entries(expected)) {
    it(`${file} → ${want.map((w) => `${w.code}@${w.line}`).join(', ')}`, () => {
      // Warnings the table it was made from already has are not new.
      const baseline = bases[file] ? new Set(brief(verify(fixture(bases[file]!)).findings)) : sampleBaseline;
      const r = verify(fixture(`faults/${file}`), { path: file });
      for (const w of want) {
        expect(r.findings.some((f) => f.code === w.code && f.line === w.line && f.severity === w.severity)).toBe(true);
      }
      // Nothing at error severity anywhere else.
      const otherErrors = r.findings.filter((f) => f.severity === 'error' && !want.some((w) => w.code === f.code && w.line === f.line));
      expect(otherErrors).toEqual([]);
      // And no new warnings beyond the injected one.
      const newWarnings = r.findings.filter((f) => f.severity === 'warning' && !baseline.has(`warning ${f.code}:${f.line}`) && !want.some((w) => w.code === f.code && w.line === f.line));
      expect(newWarnings).toEqual([]);
    });
  }

  it('covers every check of the registry with a fixture', async () => {
    const { CHECKS } = await import('../src/checks/index.js');
    const codes = new Set(Object.values(expected).flat().map((w) => w.code));
    const byCheck: Record<string, string[]> = {
      rate: ['rate-mismatch'],
      'exec-score': ['exec-score-mismatch'],
      'subrow-sum': ['subrow-sum-mismatch'],
      'over-budget': ['over-budget'],
      'weight-total': ['weight-total-mismatch'],
      'score-total': ['score-total-mismatch'],
      'score-range': ['score-out-of-range'],
      grade: ['grade-mismatch'],
      policy: ['unmet-full-score', 'policy-score-differs'],
      'deduction-reason': ['deduction-without-reason'],
      unverifiable: [],
      'not-checked': ['not-checked'],
      'rounding-convention': ['rounding-convention'],
      'funds-rows': ['funds-total-unsummed', 'funds-cell-empty', 'subrow-scored'],
      budget: ['low-rate-no-reason', 'budget-adjusted'],
      levels: ['level-weight-mismatch', 'level-split', 'no-satisfaction'],
      'indicator-rules': ['unmet-without-reason', 'met-but-deducted', 'empty-full-marks', 'direction-conflict', 'target-without-unit', 'indicator-not-applicable'],
      'template-text': ['template-text'],
      repeated: ['indicator-repeated'],
      goals: ['goal-score-over-weight'],
    };
    for (const c of CHECKS) {
      expect(byCheck[c.id], c.id).toBeDefined();
      for (const code of byCheck[c.id]!) expect(codes.has(code), code).toBe(true);
    }
  });

  it('pins the values of the injected rate fault', () => {
    const r = verify(fixture('faults/rate-mismatch.txt'));
    const f = r.findings.find((x) => x.code === 'rate-mismatch')!;
    expect([f.stated, f.expected, f.calc]).toEqual(['95.21', '95.12', '31.62 / 33.24 × 100 = 95.1263… → 95.12 (truncate)']);
    expect(f.project).toEqual({ name: '信息化运维项目', line: 22 });
  });

  it('pins the sub-row sum fault per column', () => {
    const r = verify(fixture('faults/subrow-sum-mismatch.txt'));
    const f = r.findings.find((x) => x.code === 'subrow-sum-mismatch')!;
    expect([f.line, f.stated, f.expected, f.args.column, f.args.difference]).toEqual([27, '33.24', '38.24', 'budget', '-5.00']);
  });
});

describe('verify: rounding-explained sums and totals', () => {
  it('treats a 0.01 sub-row difference as display rounding', () => {
    const text = sampleBytes().toString('utf8').split('\n');
    // 上年结转资金 0.01 more in the budget column: sum 33.25 vs total 33.24 is within ±0.015.
    const cells = text[28]!.split('\t');
    cells[5] = '0.01';
    text[28] = cells.join('\t');
    const r = verify(text.join('\n'));
    const f = r.findings.filter((x) => x.line === 27);
    expect(f.map((x) => [x.code, x.severity, argsOf(x).quantity, argsOf(x).column])).toEqual([['rounding-difference', 'info', 'subrow-sum', 'budget']]);
  });
});

describe('verifyParsed', () => {
  it('verifies an already parsed file exactly as verify does', async () => {
    const { parse, verifyParsed } = await import('../src/index.js');
    for (const name of ['000_4494185c10663b20.txt', 'faults/rate-mismatch.txt', 'bad/truncated.txt', 'variants/cost-level-no-initial-budget.txt']) {
      const bytes = fixture(name);
      const direct = verify(bytes);
      const replayed = verifyParsed(parse(bytes));
      expect(brief(replayed.findings), name).toEqual(brief(direct.findings));
      expect(replayed.rounding, name).toEqual(direct.rounding);
      expect(replayed.lineEndings, name).toEqual(direct.lineEndings);
    }
  });
});

describe('the proportional score of an unmet target in hundredths', () => {
  // The rule in exact rationals: max(0, min(nu / de, 1)) × weight = (clamped nu) × weight / de, rounded by the mode
  // at the hundredths by integer division (decimal.js dividing first was the bug: 0.03 / 0.09 × 24.36 = 8.1199…).
  const decimal = (nu: string, de: string, w: string, mode: RoundingMode): string => {
    const h = (x: string) => BigInt(new Decimal(x).times(100).toFixed(0));
    let [n, d] = [h(nu), h(de)];
    const wc = h(w);
    if (d === 0n) return roundTo(new Decimal(0).times(w), mode).toFixed(2);
    if (d < 0n) [n, d] = [-n, -d];
    if (n <= 0n) return roundTo(new Decimal(0).times(w), mode).toFixed(2);
    if (n >= d) return roundTo(new Decimal(w), mode).toFixed(2);
    // (n / d) × wc hundredths, rounded to whole hundredths by the mode (wc ≥ 0 here; a negative weight rounds as decimal.js does).
    if (wc < 0n) return roundTo(new Decimal(nu).times(w).dividedBy(de), mode).toFixed(2);
    const num = n * wc;
    const q = mode === 'truncate' ? num / d : mode === 'ceil' ? (num + d - 1n) / d : (2n * num + d) / (2n * d);
    return new Decimal(q.toString()).dividedBy(100).toFixed(2);
  };
  const target = (op: '≥' | '≤' | '=' | '>' | '<', v: string): Target => ({ raw: `${op}${v}`, col: 0, kind: 'number', op, impliedOp: op, opRaw: op, value: parseNumber(v), unit: null });
  const actual = (v: string): Actual => ({ raw: v, col: 0, kind: 'number', value: parseNumber(v), unit: null });

  it('is the decimal.js figure, rounded, on random unmet targets in every mode (property)', () => {
    const amount = fc.integer({ min: -500_000, max: 5_000_000 }).map((c) => (c / 100).toFixed(2));
    const op = fc.constantFrom('≥', '≤', '=', '>', '<') as fc.Arbitrary<'≥' | '≤' | '=' | '>' | '<'>;
    let unmet = 0;
    fc.assert(
      fc.property(op, amount, amount, fc.integer({ min: -500, max: 3000 }).map((c) => (c / 100).toFixed(2)), (o, t, a, w) => {
        const f = analyseTarget(1, target(o, t), actual(a), parseNumber(w)!);
        if (f.status !== 'unmet') return;
        unmet++;
        const atMost = o === '≤' || o === '<';
        for (const mode of ['truncate', 'half-up', 'ceil'] as const) {
          const [nu, de] = atMost ? [t, a] : [a, t];
          expect(policyScore(f, mode)!.toFixed(2), `${o}${t} ${a} ×${w} ${mode}`).toBe(decimal(nu, de, w, mode));
          expect(roundTo(f.policyExact!, mode).toFixed(2)).toBe(decimal(nu, de, w, mode));
        }
        // In hundredths unless the weight is negative.
        expect(f.policyCents === null).toBe(w.startsWith('-') && w !== '-0.00');
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 5000), seed: Number(process.env.FC_SEED ?? 20261201) },
    );
    expect(unmet).toBeGreaterThan(1000);
  });

  it('multiplies before it divides: 0.03 / 0.09 × 24.36 is 8.12 in every mode, in hundredths and in decimal.js (it was 8.11 truncated)', () => {
    for (const [t, a, w] of [['0.09', '0.03', '24.36'], ['0.090', '0.030', '24.360']] as const) {
      const f = analyseTarget(1, target('≥', t), actual(a), parseNumber(w)!);
      expect(f.status).toBe('unmet');
      expect(f.policyCents === null).toBe(t.length === 5);
      for (const mode of ['truncate', 'half-up', 'ceil'] as const) {
        expect([t, mode, policyScore(f, mode)!.toFixed(2), roundTo(f.policyExact!, mode).toFixed(2)]).toEqual([t, mode, '8.12', '8.12']);
      }
    }
  });

  it('the execution score in decimal.js multiplies before it divides too: 24.36 × 1.000 / 3.000 is 8.12 (it was 8.11 truncated)', () => {
    const r = verify(sampleText().replace('88.32\t88.32\t88.31\t10.00\t99.98\t9.99', '3.000\t3.000\t1.000\t24.36\t33.33\t8.12'));
    const p = r.projects[0]!;
    expect([String(p.figures!.execScore!.value), String(p.figures!.execScore!.exact)]).toEqual(['8.12', '8.12']);
    expect(r.findings.filter((f) => f.project?.line === p.project.line && f.code === 'exec-score-mismatch')).toEqual([]);
  });

  it('takes the decimal way for a value not in hundredths, with the same result', () => {
    const f = analyseTarget(1, target('≥', '3.333'), actual('1.5'), parseNumber('10')!);
    expect(f.policyCents).toBeNull();
    expect(policyScore(f, 'truncate')!.toFixed(2)).toBe('4.50');
    const g = analyseTarget(1, target('≥', '3.00'), actual('1.00'), parseNumber('10.00')!);
    expect(g.policyCents).toEqual({ num: 1000n * 100n, den: 300n });
    expect([policyScore(g, 'truncate')!.toFixed(2), policyScore(g, 'half-up')!.toFixed(2), policyScore(g, 'ceil')!.toFixed(2)]).toEqual(['3.33', '3.33', '3.34']);
  });
});

describe('the rounding tally', () => {
  it('counts per mode what the per-mode rule counts: a figure the mode does not print while another mode does', () => {
    // The rule as it was written per mode (each figure rounded again for the modes that reproduce it).
    const perMode = (a: Analysis, mode: RoundingMode): number => {
      let misses = 0;
      for (const r of a.rates) {
        if (!r.stated || r.exact.isZero()) continue;
        if (!r.printsAs(r.stated, mode) && reproducedBy(r, r.stated).length > 0) misses++;
      }
      const e = a.execScore;
      if (e?.stated && !e.printsAs(e.stated, mode) && !(a.execScoreFromStatedRate && a.execScoreFromStatedRate.printsAs(e.stated, mode))) {
        if (reproducedBy(e, e.stated, a.execScoreFromStatedRate).length > 0) misses++;
      }
      return misses;
    };
    let text = '';
    generate({ blocks: 300, seed: 5, errors: 0.2 }, (t) => (text += t));
    const inputs = [text, sampleText(), ...['fixtures/variants', 'fixtures/faults'].flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(`${d}/${f}`, 'utf8')))];
    const totals = [0, 0, 0];
    for (const input of inputs) {
      for (const p of parse(input).projects) {
        const a = analyse(p);
        const by = roundingMissesByMode(a);
        ROUNDING_MODES.forEach((m, i) => {
          expect(by[i], `${p.name}:${p.line} ${m}`).toBe(perMode(a, m));
          totals[i]! += by[i]!;
        });
      }
    }
    // The generated corpus is in truncate: the other modes miss.
    expect(totals[0]).toBeLessThan(totals[1]!);
    expect(totals[1]! + totals[2]!).toBeGreaterThan(100);
  });
});
