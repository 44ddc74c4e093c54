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
import { asLevel1Label, asLevel2, firstCharsOf, labelKey, level1LabelOf, level2Of, LEVEL1, LEVEL2_PARENT, VOCABULARIES, type Entry } from '../src/parse/vocab.js';
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
    // An alternative outside any group is not anchored: ^a|b matches "xb".
    expect(firstCharsOf([{ match: /^a|b/ }])).toBeNull();
    expect(firstCharsOf([{ match: /^(a|b)c/ }])).toEqual(new Set([0x61, 0x62]));
    expect(firstCharsOf([{ match: /^[|]x/ }])).toEqual(new Set([0x7c]));
    expect(firstCharsOf([{ match: /^(?=a)a/ }])).toBeNull();
    expect(firstCharsOf([{ match: /^\d{4}/ }])).toEqual(new Set('0123456789'.split('').map((c) => c.charCodeAt(0))));
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

  it('is sound on random patterns: a key a pattern matches starts with one of its characters (property)', () => {
    // Small regular expressions from a grammar with what the vocabulary uses (groups, alternatives, classes, quantifiers, anchors).
    const atom: fc.Arbitrary<string> = fc.letrec<{ atom: string; seq: string }>((tie) => ({
      atom: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom('a', 'b', 'c', '\\d', '.', '[ab]', '[a|]', '\\.', '\\('),
        fc.tuple(fc.constantFrom('(', '(?:'), fc.array(tie('seq'), { minLength: 1, maxLength: 3 })).map(([open, alts]) => `${open}${alts.join('|')})`),
      ),
      seq: fc.array(fc.tuple(tie('atom'), fc.constantFrom('', '', '?', '*', '+', '{0,2}', '{1,2}')).map(([a, q]) => a + q), { minLength: 1, maxLength: 3 }).map((xs) => xs.join('')),
    })).seq;
    const pattern = fc.tuple(fc.constantFrom(true, true, true, false), atom, fc.option(atom, { nil: null, freq: 4 }), fc.boolean()).map(([anchored, a, alt, end]) => `${anchored ? '^' : ''}${a}${alt !== null ? `|${alt}` : ''}${end ? '$' : ''}`);
    const key = fc.array(fc.constantFrom('a', 'b', 'c', '1', 'x', '.', '(', '|'), { maxLength: 6 }).map((a) => a.join(''));
    let known = 0;
    fc.assert(
      fc.property(pattern, fc.array(key, { minLength: 20, maxLength: 20 }), (src, keys) => {
        const re = new RegExp(src);
        const firsts = firstCharsOf([{ match: re }]);
        if (firsts === null) return true;
        known++;
        return keys.every((k) => k === '' || !re.test(k) || firsts.has(k.charCodeAt(0)));
      }),
      { numRuns: 3000, seed: Number(process.env.FC_SEED ?? 20261201) },
    );
    expect(known).toBeGreaterThan(150);
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
      { numRuns: 3000, seed: Number(process.env.FC_SEED ?? 20261201) },
    );
  });
});

describe('level label prefilter (asLevel1Label, asLevel2: a cell whose first character no level label starts with is none)', () => {
  const same = (c: string): void => {
    expect(asLevel1Label(c), c).toEqual(level1LabelOf(c));
    expect(asLevel2(c), c).toBe(level2Of(c));
  };

  it('answers as the lookups without it on every cell of the fixtures, and on the level names dressed as tables write them', () => {
    for (const c of cells()) same(c);
    const names = [...LEVEL1, ...LEVEL2_PARENT.keys(), '数量', '质量', '时效', '成本'];
    const dressed = names.flatMap((n) => [n, ` ${n}`, `\u3000${n}`, `\u2028${n}`, [...n].join(' '), `${n}(50分)`, `${n}（20）`, `${n}等`, `${n.slice(0, -2)} 指标`]);
    for (const c of [...dressed, '(50分)', '（30分）', ' (10)', '三级指标', '≥95%', '']) same(c);
    expect(asLevel1Label('产出指标(50分)')).toEqual({ name: '产出指标', weight: '50' });
    expect(asLevel1Label('（30分）')).toEqual({ name: null, weight: '30' });
    expect(asLevel2('\u3000经济效益 指标')).toBe('经济效益指标');
    expect(asLevel2('时效')).toBe('时效指标');
  });

  it('answers as the lookups without it on random label-like strings (property)', () => {
    const chars = [...new Set([...LEVEL1, ...LEVEL2_PARENT.keys()].flatMap((n) => [...n]))];
    const arb = fc.array(fc.constantFrom(...chars, ' ', '\u3000', '\u00a0', '\u2028', '(', ')', '（', '）', '分', '等', '1', '5', '0', '.', 'a'), { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(
      fc.property(arb, (s) => {
        same(s);
      }),
      { numRuns: 20000, seed: Number(process.env.FC_SEED ?? 20261201) },
    );
  });
});
