/**
 * The json format's `at` (a value pretty-printed at a nesting depth) is the
 * stringify-then-indent it replaced, on random JSON values at depths 0–6.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at } from '../src/report/json.js';

const reference = (value: unknown, depth: number): string => JSON.stringify(value, null, 2).replace(/\n/g, '\n' + '  '.repeat(depth));

describe('json at()', () => {
  it('is JSON.stringify(value, null, 2) with 2·depth spaces after each line break (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 6 }), (v, d) => at(v, d) === reference(v, d)),
      { numRuns: 3000, seed: Number(process.env.FC_SEED ?? 20261201) },
    );
  });

  it('on the values the format writes: a project, a finding, scalars and empty containers', () => {
    const project = { line: 1, name: '项目"甲"', funds: { budget: '100.00', subRows: [] }, findings: [{ code: 'x', args: {} }] };
    for (const v of [project, 'text\nwith a break', 42, null, [], {}, [[]], { a: [] }]) for (const d of [0, 1, 2, 4]) expect(at(v, d)).toBe(reference(v, d));
    expect(at({ a: 1 }, 2)).toBe('{\n      "a": 1\n    }');
  });
});
