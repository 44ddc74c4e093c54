/**
 * The sample, re-laid in each template of domain-review.md §5 A–E
 * (test/relay.ts), reads back to the same figures and the same verdict; and
 * with its indicator columns in any order, to the same records.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, verify, type Project, type VerifyResult } from '../src/index.js';
import { sampleBytes } from './helpers.js';
import { LAYOUTS, relayFile, type Layout } from './relay.js';

const sample = verify(sampleBytes(), { path: 'sample.txt' });
const projects = sample.projects.map((p) => p.project);

/** What a layout must not change: every figure of every project. */
function figures(p: Project, layout: Layout | 'sample') {
  const t = p.funds.total!;
  const cell = (c: { num: { text: string } | null } | null) => c?.num?.text ?? null;
  return {
    name: p.name,
    department: p.department,
    implementer: p.implementer,
    unit: p.unit,
    // The transfer-funds template has no 年初预算数 column.
    funds: [layout === 'transfer' ? null : cell(t.initialBudget), cell(t.budget), cell(t.executed), cell(t.weight), cell(t.rate), cell(t.score)],
    subRows: p.funds.subRows.map((r) => [r.kind, cell(r.budget), cell(r.executed), cell(r.rate)]),
    goals: p.goals !== null,
    indicators: p.indicators.map((i) => ({
      levels: [i.level1, i.level2, i.name],
      target: [i.target.kind, i.target.op, i.target.impliedOp, i.target.value?.text ?? null, i.target.unit],
      actual: [i.actual.kind, i.actual.value?.text ?? null],
      weight: cell(i.weight),
      score: cell(i.score),
      reason: i.reason.replace(/\s+/g, ' '),
    })),
    stated: [cell(p.stated.weightTotal), cell(p.stated.total)],
  };
}

/** The verdict without its lines (they move with the layout). */
function verdict(r: VerifyResult): string[] {
  return r.findings.map((f) => `${f.project?.name ?? '-'} ${f.severity} ${f.code} ${f.stated ?? ''} ${f.expected ?? ''}`).sort();
}

const recomputed = (r: VerifyResult) =>
  r.projects.map((p) => ({ rates: p.figures!.rates.map((x) => x.valueText()), exec: p.figures!.execScore?.valueText(), total: p.figures!.total?.toFixed(2), grade: p.figures!.grade }));

describe('the sample re-laid in each template (domain-review.md §5 A–E)', () => {
  for (const layout of LAYOUTS) {
    it(`${layout}: the same figures and the same verdict as the sample`, () => {
      const text = relayFile(projects, layout);
      const r = verify(text, { path: `${layout}.txt` });
      expect(r.projects).toHaveLength(8);
      expect(r.projects.map((p) => figures(p.project, layout))).toEqual(projects.map((p) => figures(p, layout)));
      expect(r.rounding!.mode).toBe('truncate');
      expect(recomputed(r)).toEqual(recomputed(sample));
      // The transfer-funds template has no 年初预算数: the budget changes of blocks 5 and 6 cannot be seen there.
      const seen = (v: string[]) => (layout === 'transfer' ? v.filter((x) => !x.includes(' budget-adjusted ')) : v);
      expect(verdict(r)).toEqual(seen(verdict(sample)));
    });
  }

  it('names the template each layout belongs to', () => {
    const names = Object.fromEntries(LAYOUTS.map((l) => [l, [...new Set(parse(relayFile(projects, l)).projects.map((p) => p.template))]]));
    expect(names).toEqual({ anhui: ['ah-county'], sichuan: ['sc-dept-budget'], transfer: ['transfer-goals'], 'two-row': ['yn-two-row'], words: ['nm-final-accounts'] });
  });
});

describe('property: indicator columns in any order', () => {
  it('the sample with shuffled value columns (headers moved with them) gives the same records', () => {
    const base = parse(relayFile(projects, 'shuffled')).projects.map((p) => figures(p, 'sample'));
    expect(base).toEqual(projects.map((p) => figures(p, 'sample')));
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }), (order) => {
        const r = parse(relayFile(projects, 'shuffled', order));
        expect(r.projects.map((p) => figures(p, 'sample'))).toEqual(base);
        expect(r.findings.filter((f) => f.severity !== 'info' && f.code !== 'target-operator-defect')).toEqual([]);
      }),
      { numRuns: 120, seed: 20261201 },
    );
  });
});
