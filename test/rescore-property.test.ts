/**
 * Property: rescore is one judge with verify. On random faults of the sample
 * and of the real tables, rescoring twice equals rescoring once, and what is
 * left after it are only errors rescore says it cannot fix (so `verify` after
 * `rescore --write` has nothing rescore could still correct).
 * FC_RUNS / FC_SEED run it longer.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rescore, verify } from '../src/index.js';
import { sampleText } from './helpers.js';

const corpus = (n: string) => readFileSync(new URL(`../fixtures/corpus/${n}`, import.meta.url), 'utf8');
const BASES = [sampleText(), corpus('sh-putuo-sports-2022.tsv'), corpus('ah-tianchang-water-2022.tsv'), corpus('sc-zhongjiang-water-2022.tsv'), corpus('partial/yn-lijiang-gucheng-2020.partial.tsv')];
const NUM = /^-?[\d,]+(\.\d+)?%?$/;

type Edit = { kind: 'number'; pick: number; how: number } | { kind: 'dup' | 'drop'; pick: number } | { kind: 'swap-header'; pick: number };

function mutate(text: string, edits: Edit[]): string {
  let lines = text.split('\n');
  for (const e of edits) {
    if (e.kind === 'number') {
      const cells: [number, number][] = [];
      lines.forEach((l, i) => l.split('\t').forEach((c, j) => NUM.test(c.trim()) && cells.push([i, j])));
      if (cells.length === 0) continue;
      const [i, j] = cells[e.pick % cells.length]!;
      const row = lines[i]!.split('\t');
      const c = row[j]!.trim();
      const pct = c.endsWith('%');
      const v = Number(c.replace(/[,%]/g, ''));
      const dp = (c.replace(/%$/, '').split('.')[1] ?? '').length;
      const next = [v + 0.01, v - 0.01, v + 1, v * 10, 0, v - 1][e.how % 6]!;
      row[j] = next.toFixed(dp) + (pct ? '%' : '');
      lines[i] = row.join('\t');
    } else if (e.kind === 'dup' || e.kind === 'drop') {
      const rows = lines.map((l, i) => [l, i] as const).filter(([l]) => l.split('\t').filter((c) => NUM.test(c.trim())).length >= 2);
      if (rows.length === 0) continue;
      const [, i] = rows[e.pick % rows.length]!;
      lines = e.kind === 'dup' ? [...lines.slice(0, i + 1), lines[i]!, ...lines.slice(i + 1)] : [...lines.slice(0, i), ...lines.slice(i + 1)];
    } else {
      const heads = lines.map((l, i) => [l, i] as const).filter(([l]) => /项目资金|资金情况|预算执行情况/.test(l));
      if (heads.length === 0) continue;
      const [, i] = heads[e.pick % heads.length]!;
      const row = lines[i]!.split('\t');
      const a = 2 + (e.pick % Math.max(1, row.length - 3));
      if (a + 1 < row.length) [row[a], row[a + 1]] = [row[a + 1]!, row[a]!];
      lines[i] = row.join('\t');
    }
  }
  return lines.join('\n');
}

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('number' as const), pick: fc.nat(), how: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('dup' as const, 'drop' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap-header' as const), pick: fc.nat() }) },
);

describe('property: rescore is idempotent and leaves nothing it could fix', () => {
  it('rescore twice equals once; verify afterwards finds only errors rescore says it cannot fix', () => {
    fc.assert(
      fc.property(fc.nat(BASES.length - 1), fc.array(edit, { minLength: 1, maxLength: 3 }), (b, edits) => {
        const input = mutate(BASES[b]!, edits);
        const once = rescore(input);
        const twice = rescore(once.bytes);
        expect(twice.changes).toEqual([]);
        expect(Buffer.compare(Buffer.from(twice.bytes), Buffer.from(once.bytes))).toBe(0);
        // Every error verify still finds is one rescore reports as left as it is.
        const left = verify(once.bytes).findings.filter((f) => f.severity === 'error');
        for (const f of left) expect(twice.unfixed.some((u) => u.code === f.code && u.line === f.line), `${f.code}:${f.line}`).toBe(true);
        // Never a total above the weight total.
        for (const p of verify(once.bytes).projects) {
          const s = p.project.stated;
          if (s.total?.num && s.weightTotal?.num && once.changes.some((c) => c.what === 'total' && c.line === s.line)) expect(s.total.num.value.lte(s.weightTotal.num.value)).toBe(true);
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 150), seed: Number(process.env.FC_SEED ?? 20261201) },
    );
  }, 120_000);
});
