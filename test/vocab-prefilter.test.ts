/**
 * The first-character prefilter of the vocabulary (Vocabulary.lookupKey /
 * lookup answer null at once for a key no entry can start with) never changes
 * an answer: every lookup is compared with a brute-force match over the
 * entries, on every cell of the sample, the corpus, the fault fixtures and
 * the vocabulary's own examples, on fragments of every entry, and on random
 * strings of label characters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstCharsOf, labelKey, VOCABULARIES, type Entry } from '../src/parse/vocab.js';
import { ROOT, SAMPLE } from './helpers.js';

/** What lookupKey answers without any prefilter or memo: an exact label (the last one given wins, as in a Map), else the first pattern. */
function brute(entries: readonly Entry<unknown>[], key: string): Entry<unknown> | null {
  let exact: Entry<unknown> | null = null;
  for (const e of entries) if (typeof e.match === 'string' && e.match === key) exact = e;
  if (exact) return exact;
  for (const e of entries) if (typeof e.match !== 'string' && e.match.test(key)) return e;
  return null;
}

function cells(): string[] {
  const files = [SAMPLE];
  for (const d of ['fixtures/corpus', 'fixtures/corpus/partial', 'fixtures/faults', 'fixtures/variants']) {
    for (const f of readdirSync(join(ROOT, d))) if (/\.(tsv|txt)$/.test(f)) files.push(join(ROOT, d, f));
  }
  const out = new Set<string>();
  for (const f of files) for (const line of readFileSync(f, 'utf8').split(/\r?\n/)) for (const c of line.split('\t')) if (c.trim() !== '') out.add(c.trim());
  return [...out];
}

describe('vocabulary prefilter', () => {
  it('knows the first characters of most vocabularies (else it would save nothing)', () => {
    const known = VOCABULARIES.filter((v) => firstCharsOf(v.entries) !== null).map((v) => v.id);
    expect(known).toEqual(expect.arrayContaining(['head', 'funds-header', 'funds-role', 'funds-row', 'goals', 'indicator-role', 'total', 'grade', 'tail']));
    expect(firstCharsOf([{ match: /^a?b/ }])).toEqual(new Set([0x61, 0x62]));
    expect(firstCharsOf([{ match: /^(x|y)?$/ }])).toBeNull();
    expect(firstCharsOf([{ match: /^(a?)c/ }])).toBeNull();
    expect(firstCharsOf([{ match: /^a/i }])).toBeNull();
    expect(firstCharsOf([{ match: /b/ }])).toBeNull();
  });

  const all = cells();
  it(`answers as a brute-force match on ${all.length} cells of the fixtures and every example`, () => {
    expect(all.length).toBeGreaterThan(500);
    let checked = 0;
    for (const v of VOCABULARIES) {
      const keys = [...all, ...v.entries.map((e) => e.example), ...v.entries.flatMap((e) => (typeof e.match === 'string' ? [e.match, e.match.slice(1), `${e.match}x`, ` ${e.match}`] : []))];
      for (const cell of keys) {
        expect(v.lookupKey(labelKey(cell)), `${v.id}: ${cell}`).toBe(brute(v.entries, labelKey(cell)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(9_000);
  });

  it('answers as a brute-force match on random label-like strings (property)', () => {
    const chars = [...new Set(VOCABULARIES.flatMap((v) => v.entries.flatMap((e) => [...(typeof e.match === 'string' ? e.match : e.example)])))];
    const arb = fc.array(fc.constantFrom(...chars, ' ', '（', '）', '：', '1', 'a'), { minLength: 0, maxLength: 10 }).map((a) => a.join(''));
    fc.assert(
      fc.property(arb, (s) => {
        for (const v of VOCABULARIES) {
          if (v.lookupKey(labelKey(s)) !== brute(v.entries, labelKey(s))) return false;
          if (v.lookup(s) !== v.lookupKey(labelKey(s)) && v.id !== 'funds-role') return false;
        }
        return true;
      }),
      { numRuns: 3000 },
    );
  });
});
