import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { writeAtomic, type AtomicFs } from '../src/atomic.js';
import { rescore, styled, unifiedDiff } from '../src/rescore.js';
import { verify } from '../src/index.js';
import { Cell } from '../src/model.js';
import { parseNumber } from '../src/number.js';
import { cli, fixture, sampleBytes, sampleText } from './helpers.js';

/** Cells that differ between two texts: [line, col, old, new]. */
function cellDiff(a: string, b: string): [number, number, string, string][] {
  const la = a.split(/\r\n|\r|\n/);
  const lb = b.split(/\r\n|\r|\n/);
  expect(lb).toHaveLength(la.length);
  const out: [number, number, string, string][] = [];
  la.forEach((l, i) => {
    const ca = l.split('\t');
    const cb = lb[i]!.split('\t');
    expect(cb).toHaveLength(ca.length);
    ca.forEach((c, j) => {
      if (c !== cb[j]) out.push([i + 1, j, c, cb[j]!]);
    });
  });
  return out;
}

describe('rescore', () => {
  it('leaves the sample byte-identical', () => {
    const r = rescore(sampleBytes());
    expect(r.changes).toEqual([]);
    expect(Buffer.compare(Buffer.from(r.bytes), sampleBytes())).toBe(0);
  });

  it('leaves the sample in GB18030 with CRLF byte-identical', () => {
    const gb = iconv.encode(sampleText().replace(/\n/g, '\r\n'), 'gb18030');
    const r = rescore(gb);
    expect(r.before.encoding).toBe('gb18030');
    expect(Buffer.compare(Buffer.from(r.bytes), gb)).toBe(0);
  });

  const cases: [string, [number, number, string, string][]][] = [
    ['rate-mismatch', [[27, 8, '95.21', '95.12']]],
    ['exec-score-mismatch', [[27, 9, '9.15', '9.51'], [39, 6, '99.15', '99.51']]],
    ['score-total-mismatch', [[39, 6, '99.61', '99.51']]],
    ['grade-mismatch', [[40, 2, '良', '优']]],
    ['total-budget-wrong', [[27, 5, '43.24', '33.24']]],
    ['subrow-rate-mismatch', [[28, 8, '94.12', '95.12']]],
  ];
  for (const [name, expected] of cases) {
    it(`${name}: the output verifies with zero errors and differs only in the injected cells`, () => {
      const input = fixture(`faults/${name}.txt`);
      const r = rescore(input, { path: name });
      const out = Buffer.from(r.bytes).toString('utf8');
      expect(verify(r.bytes).findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(cellDiff(input.toString('utf8'), out)).toEqual(expected);
      // And exactly the sample again, since each fault was injected into it.
      expect(out).toBe(sampleText());
      expect(r.changes.map((c) => [c.line, c.col, c.old, c.new])).toEqual(expected);
    });
  }

  it('keeps GB18030 + CRLF while fixing a cell', () => {
    const text = fixture('faults/rate-mismatch.txt').toString('utf8').replace(/\n/g, '\r\n');
    const r = rescore(iconv.encode(text, 'gb18030'));
    expect(r.changes).toHaveLength(1);
    expect(iconv.decode(Buffer.from(r.bytes), 'gb18030')).toBe(sampleText().replace(/\n/g, '\r\n'));
  });

  it('keeps UTF-16LE with BOM while fixing a cell', () => {
    const bytes = Buffer.from('\ufeff' + fixture('faults/grade-mismatch.txt').toString('utf8'), 'utf16le');
    const r = rescore(bytes);
    expect(Buffer.from(r.bytes).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    expect(Buffer.from(r.bytes).toString('utf16le')).toBe('\ufeff' + sampleText());
  });

  it('leaves what is ambiguous and reports it', () => {
    for (const [name, code] of [
      ['weight-total-mismatch', 'weight-total-mismatch'],
      ['subrow-sum-mismatch', 'subrow-sum-mismatch'],
    ]) {
      const input = fixture(`faults/${name}.txt`);
      const r = rescore(input);
      expect(r.changes).toEqual([]);
      expect(Buffer.compare(Buffer.from(r.bytes), input)).toBe(0);
      expect(r.unfixed.map((f) => [f.code, f.line])).toEqual([[code, name === 'weight-total-mismatch' ? 39 : 27]]);
    }
  });

  it('says what it left with the message verify gives (the weight total named no count: "the weights of  indicators")', async () => {
    const w = rescore(fixture('faults/weight-total-mismatch.txt'));
    const said = verify(fixture('faults/weight-total-mismatch.txt')).findings.find((f) => f.code === 'weight-total-mismatch')!;
    expect(w.unfixed[0]).toEqual({ ...said, args: { ...said.args, reason: 'ambiguous' } });
    expect(w.unfixed[0]!.args).toEqual({ indicators: 5, reason: 'ambiguous' });
    const en = await cli(['rescore', '--check', 'fixtures/corpus/sc-zhongjiang-water-2022.tsv', '--lang', 'en']);
    expect(en.stderr).toContain(':24: left as it is (which cell is wrong is ambiguous): the weights of 9 indicators and the funds add up to 110.00, the table says 100\n');
    const zh = await cli(['rescore', '--check', 'fixtures/corpus/sc-zhongjiang-water-2022.tsv', '--lang', 'zh']);
    expect(zh.stderr).toContain(':24: 未修改（无法确定哪个单元格有误）：9 项指标分值与预算执行率分值合计 110.00，表中总分值为 100\n');
    // Every message rescore leaves, on every fault and corpus table, in both languages: nothing missing from it.
    for (const dir of ['faults', 'variants', 'bad', 'corpus']) {
      const files = (await import('node:fs')).readdirSync(`fixtures/${dir}`).filter((f) => /\.(txt|tsv)$/.test(f));
      for (const lang of ['en', 'zh']) {
        const r = await cli(['rescore', '--check', ...files.map((f) => `fixtures/${dir}/${f}`), '--lang', lang]);
        for (const l of r.stderr.split('\n').filter((x) => x.includes('left as it is') || x.includes('未修改'))) expect(l, l).not.toMatch(/ {2}|undefined|null|NaN|\(\)|（）：?$/);
      }
    }
  });

  it('does not rewrite a total whose parts are unreadable or missing, nor anything derived from ambiguous funds', () => {
    for (const name of ['malformed-numbers', 'missing-funds', 'missing-indicators', 'zero-total-with-subrows']) {
      const input = fixture(`bad/${name}.txt`);
      const r = rescore(input);
      expect(r.changes, name).toEqual([]);
      expect(Buffer.compare(Buffer.from(r.bytes), input), name).toBe(0);
    }
    const z = rescore(fixture('bad/zero-total-with-subrows.txt'));
    // The total row never summed, and the total that follows from it: said, not guessed.
    expect(z.unfixed.map((f) => [f.code, f.line])).toEqual([
      ['funds-total-unsummed', 8],
      ['score-total-mismatch', 19],
    ]);
  });

  it('--policy proportional rescores unmet targets, then the total and grade', () => {
    const r = rescore(sampleBytes(), { policy: 'proportional' });
    expect(r.changes.map((c) => [c.what, c.line, c.old, c.new])).toEqual([
      ['indicator-score', 128, '1.00', '1.17'],
      ['total', 132, '96.92', '97.09'],
    ]);
    expect(verify(r.bytes).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('writes numbers in the style of the cell they replace', () => {
    const c = (raw: string, percent = false) => new Cell(raw, 1, 0, parseNumber(raw.replace(/[%％]/, '')), percent);
    expect(styled(c('1,234.00'), '4321.50')).toBe('4,321.50');
    expect(styled(c('95.16%', true), '95.20')).toBe('95.20%');
    expect(styled(c(' 99.00 '), '98.50')).toBe(' 98.50 ');
    expect(styled(c('100'), '95.00')).toBe('95');
    expect(styled(c('9.500'), '9.51')).toBe('9.510');
  });

  it('prints a unified diff', () => {
    const d = unifiedDiff('x.txt', 'a\nb\nc\nd\ne\nf\ng\nh\ni', 'a\nb\nc\nd\nE\nf\ng\nh\ni');
    expect(d).toBe('--- a/x.txt\n+++ b/x.txt\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n');
  });
});

describe('rescore: the command', () => {
  it('prints the corrected table, and a per-project summary on stderr', async () => {
    const r = await cli(['rescore', 'fixtures/faults/rate-mismatch.txt']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(sampleText());
    expect(r.stderr).toBe('evalcheck: fixtures/faults/rate-mismatch.txt:22 信息化运维项目: 1 cell changed (rate)\n');
  });

  it('--write replaces the file atomically; ambiguous errors exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalcheck-rescore-'));
    const f = join(dir, 'r.txt');
    writeFileSync(f, fixture('faults/score-total-mismatch.txt'));
    expect((await cli(['rescore', f, '--write'])).code).toBe(0);
    expect(readFileSync(f, 'utf8')).toBe(sampleText());
    writeFileSync(f, fixture('faults/weight-total-mismatch.txt'));
    const w = await cli(['rescore', f, '--write']);
    expect(w.code).toBe(1);
    expect(w.stderr).toContain('left as it is');
  });

  it('--write on a read-only file leaves it intact and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalcheck-ro-'));
    const f = join(dir, 'r.txt');
    const before = fixture('faults/rate-mismatch.txt');
    writeFileSync(f, before);
    chmodSync(f, 0o444);
    const r = await cli(['rescore', f, '--write']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`evalcheck: ${f}: is read-only; left unchanged\n`);
    expect(Buffer.compare(readFileSync(f), before)).toBe(0);
  });

  it('a full disk leaves the original intact (simulated ENOSPC)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalcheck-full-'));
    const f = join(dir, 'r.txt');
    writeFileSync(f, 'original');
    let unlinked = '';
    const fullDisk: AtomicFs = {
      statSync: (p) => ({ mode: 0o644 + (p ? 0 : 0), uid: 0, gid: 0, nlink: 1 }),
      realpathSync: (p) => p,
      chmodSync: () => undefined,
      chownSync: () => undefined,
      writeFileSync: () => {
        throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
      },
      renameSync: () => {
        throw new Error('must not rename');
      },
      unlinkSync: (p) => {
        unlinked = p;
      },
    };
    expect(() => writeAtomic(f, Buffer.from('new'), fullDisk)).toThrow('cannot write (ENOSPC: disk full); the original is unchanged');
    expect(readFileSync(f, 'utf8')).toBe('original');
    expect(unlinked).toMatch(/\.r\.txt\.evalcheck-/);
  });

  it('--diff prints only the changed lines with context', async () => {
    const r = await cli(['rescore', 'fixtures/faults/grade-mismatch.txt', '--diff']);
    expect(r.stdout.split('\n').filter((l) => /^[-+][^-+]/.test(l))).toEqual(['-评分等级\t\t良\t\t\t\t\t\t\t', '+评分等级\t\t优\t\t\t\t\t\t\t']);
  });
});
