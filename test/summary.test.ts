import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize, verify } from '../src/index.js';
import { spawnSync } from 'node:child_process';
import { generate } from '../src/gen.js';
import { drawRows } from '../src/report/table.js';
import { cli, fixture, ROOT, SAMPLE, sampleBytes } from './helpers.js';

describe('summary --grade', () => {
  it('prints 8 rows, all 优, distribution 优 8, exit 0 on the sample', async () => {
    const r = await cli(['summary', '--grade', SAMPLE]);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('│ fixtures/'));
    expect(rows).toHaveLength(8);
    // Streamed in file order: one grade cell, 优 (a differing stated grade would read 良→优).
    for (const row of rows) expect(row).toMatch(/│ 优\s+│ 0\/\d\s+│$/);
    expect(r.stdout).toContain('Grades (stated):     优 8  良 0  中 0  差 0');
    expect(r.stdout).toContain('Grades (recomputed): 优 8  良 0  中 0  差 0');
    expect(r.stdout).toContain('Total: 8 projects · budget 22825.32 万元 · spent 22797.08 万元 · rate 99.88%');
  });

  it('exits 1 and names project and line when a stated grade disagrees', async () => {
    const r = await cli(['summary', '--grade', 'fixtures/faults/grade-mismatch.txt']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('evalcheck: fixtures/faults/grade-mismatch.txt:22: 信息化运维项目 states grade 良, recomputed 优\n');
  });

  it('--min-grade 优 fails on a table whose total is 89.99', async () => {
    const ok = await cli(['summary', 'fixtures/faults/consistent-grade-liang.txt', '--min-grade', '良']);
    expect(ok.code).toBe(0);
    const r = await cli(['summary', 'fixtures/faults/consistent-grade-liang.txt', '--min-grade', '优']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('evalcheck: fixtures/faults/consistent-grade-liang.txt:3: 信息化建设项目 is graded 良, below 优\n');
  });

  it('sorts by name, score, rate or file order', () => {
    const results = [verify(sampleBytes(), { path: 's.txt' })];
    expect(summarize(results, 'file').rows.map((r) => r.line)).toEqual([3, 22, 42, 63, 91, 135, 157, 182]);
    expect(summarize(results, 'rate').rows.map((r) => r.rate)).toEqual(['99.98', '99.98', '99.91', '99.82', '99.73', '99.25', '96.25', '95.12']);
    expect(summarize(results, 'score').rows.map((r) => r.total)).toEqual(['99.99', '99.99', '99.99', '99.98', '99.97', '98.62', '99.51', '96.92'].sort().reverse());
    expect(summarize(results, 'name').rows[0]!.name).toBe('“阳光之家”活动经费');
  });

  it('reports totals across units, in 万元', () => {
    const yuan = sampleBytes().toString('utf8').replace('项目资金（万元）', '项目资金（元）');
    const s = summarize([verify(yuan, { path: 'y.txt' })]);
    // Block 1 is now in 元: 88.32 元 = 0.008832 万元.
    expect(s.totals.budget).toBe('22737.01');
  });
});

describe('summary: json', () => {
  it('carries the rows, totals and distribution', async () => {
    const r = await cli(['summary', SAMPLE, 'fixtures/faults/grade-mismatch.txt', '--format', 'json', '--grade']);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout).summary;
    expect(s.rows).toHaveLength(16);
    expect(s.distribution.stated).toEqual({ 优: 15, 良: 1, 中: 0, 差: 0 });
    expect(s.distribution.recomputed).toEqual({ 优: 16, 良: 0, 中: 0, 差: 0 });
    expect(s.gradeMismatches.map((m: { file: string; line: number }) => `${m.file}:${m.line}`)).toEqual(['fixtures/faults/grade-mismatch.txt:22']);
  });
});

describe('inputs', () => {
  it('expands directories recursively in a stable order', async () => {
    const r = await cli(['summary', 'fixtures/faults', '--format', 'json']);
    const files = JSON.parse(r.stdout).files.map((f: { path: string }) => f.path);
    expect(files).toHaveLength(36);
    expect(files[0]).toBe('fixtures/faults/bad-number.txt');
    expect([...files].sort()).toEqual(files);
  });

  it('expands quoted globs itself', async () => {
    const r = await cli(['verify', 'fixtures/faults/*-mismatch.txt', '--format', 'json']);
    const files = JSON.parse(r.stdout).files.map((f: { path: string }) => f.path);
    expect(files).toEqual([
      'fixtures/faults/exec-score-mismatch.txt',
      'fixtures/faults/grade-mismatch.txt',
      'fixtures/faults/level-weight-mismatch.txt',
      'fixtures/faults/rate-mismatch.txt',
      'fixtures/faults/score-total-mismatch.txt',
      'fixtures/faults/subrow-rate-mismatch.txt',
      'fixtures/faults/subrow-sum-mismatch.txt',
      'fixtures/faults/weight-total-mismatch.txt',
    ]);
    const deep = await cli(['verify', 'fixtures/**/grade-*.txt', '--format', 'json']);
    expect(JSON.parse(deep.stdout).files.map((f: { path: string }) => f.path)).toEqual(['fixtures/faults/grade-mismatch.txt', 'fixtures/faults/grade-unknown.txt']);
  });

  it('an unmatched pattern is one line, exit 2, the other inputs still processed', async () => {
    const r = await cli(['verify', 'nothing/*.txt', SAMPLE, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('evalcheck: nothing/*.txt: no file matches this pattern\n');
    const doc = JSON.parse(r.stdout);
    expect(doc.files).toHaveLength(1);
    expect(doc.failures).toEqual([{ path: 'nothing/*.txt', code: 'not-found', line: null, message: 'no file matches this pattern' }]);
  });

  it('reads *.tsv and *.txt only from directories', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalcheck-in-'));
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'b', 'x.tsv'), fixture(`000_4494185c10663b20.txt`));
    writeFileSync(join(dir, 'a.txt'), fixture(`000_4494185c10663b20.txt`));
    writeFileSync(join(dir, 'notes.md'), '# not a table');
    const r = await cli(['summary', '.', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path)).toEqual(['a.txt', 'b/x.tsv']);
  });
});

describe('summary of incomplete tables', () => {
  it('leaves the recomputed total and grade empty when a part is missing, and does not fail the grade gate on a guess', async () => {
    const r = await cli(['summary', '--grade', 'fixtures/bad/missing-indicators.txt', 'fixtures/bad/malformed-numbers.txt', 'fixtures/bad/missing-funds.txt', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).summary.rows as { file: string; line: number; total: string | null; grade: string | null }[];
    expect(rows.filter((x) => x.line === 3).map((x) => [x.file, x.total, x.grade])).toEqual([
      ['fixtures/bad/missing-indicators.txt', null, null],
      ['fixtures/bad/malformed-numbers.txt', null, null],
      ['fixtures/bad/missing-funds.txt', null, null],
    ]);
  });
});

describe('large summaries (F15)', () => {
  it('drawn in pieces: the same bytes as one table; the bundle (cli-table3 patched for linear fill-in) draws the same, sorted or streamed', async () => {
    const rows = Array.from({ length: 700 }, (_, i) => [`f${i % 7}.txt`, String(i), `项目${i}`, (i * 1.5).toFixed(2)]);
    const head = ['file', 'line', 'name', 'budget'];
    const pieces = drawRows(head, [null, null, null, null], rows.length, (i) => rows[i]!);
    const whole = drawRows(head, [null, null, null, null], rows.length, (i) => rows[i]!, 100_000);
    expect(pieces).toBe(whole);
    expect(pieces.split('\n')).toHaveLength(3 + 2 * 700);
    let text = '';
    generate({ blocks: 600, seed: 15, errors: 0.02 }, (t) => (text += t));
    const file = join(mkdtempSync(join(tmpdir(), 'evalcheck-sum-')), 'big.txt');
    writeFileSync(file, text);
    for (const sort of [['--sort', 'score'], []]) {
      const inProcess = await cli(['summary', file, '--no-color', ...sort]);
      const bundled = spawnSync(process.execPath, ['bin/evalcheck.cjs', 'summary', file, '--no-color', ...sort], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', COLUMNS: '' } });
      expect(bundled.stdout).toBe(inProcess.stdout);
    }
    const bundled = spawnSync(process.execPath, ['bin/evalcheck.cjs', 'summary', file, '--no-color'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', COLUMNS: '' } });
    // A row per project (the place wraps onto more lines), and the header.
    expect(bundled.stdout.split('\n').filter((l) => /^│ \S/.test(l) && l.includes(':')).length).toBe(600);
  }, 60_000);
});

describe('detach', () => {
  it('gives an equal string, code unit for code unit (lone surrogates too), and null for null', async () => {
    const { detach } = await import('../src/text.js');
    const big = 'x'.repeat(70_000) + '信息化建设项目\ud800' + 'y'.repeat(10);
    const slice = big.slice(70_000, 70_008);
    expect(detach(slice)).toBe('信息化建设项目\ud800');
    expect(detach('')).toBe('');
    expect(detach(null)).toBeNull();
  });

  it('kept summary rows read as the rows written while streaming', async () => {
    const r = await cli(['summary', '--format', 'csv', SAMPLE]);
    const sorted = await cli(['summary', '--format', 'csv', '--sort', 'file', SAMPLE]);
    const kept = await cli(['summary', '--format', 'json', SAMPLE]);
    expect(sorted.stdout).toBe(r.stdout);
    const names = (JSON.parse(kept.stdout) as { summary: { rows: { name: string }[] } }).summary.rows.map((x) => x.name);
    expect(names[0]).toBe('信息化建设项目');
    expect(names).toHaveLength(8);
  });
});

describe('summary: the place column', () => {
  const run = (columns: string) => spawnSync(process.execPath, ['bin/evalcheck.cjs', 'summary', 'fixtures/corpus/', '--no-color'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', COLUMNS: columns } });
  /** The place cell of the first row, line by line. */
  const firstPlace = (out: string) => {
    const lines = out.split('\n');
    const cells: string[] = [];
    for (const l of lines.slice(3)) {
      if (!l.startsWith('│')) break;
      cells.push(l.split('│')[1]!.trim());
    }
    return cells;
  };

  it('a path wraps after its / and -, not in the middle of a word', () => {
    expect(firstPlace(run('').stdout)).toEqual(['fixtures/', 'corpus/ah-', 'tianchang-', 'water-2022.', 'tsv:2']);
    // (Not a number of columns: the default, 120.)
    expect(run('wide').stdout).toBe(run('').stdout);
  });

  it('COLUMNS widens the table where the output is no terminal (a CI log): the place fits on its line', () => {
    const wide = run('200').stdout;
    expect(firstPlace(wide)).toEqual(['fixtures/corpus/ah-tianchang-water-2022.tsv:2']);
    expect(Math.max(...wide.split('\n').map((l) => l.length))).toBe(200);
    // Never wider than 200 nor narrower than 80.
    expect(Math.max(...run('500').stdout.split('\n').map((l) => l.length))).toBe(200);
  });
});

describe('wrapPath', () => {
  it('breaks after /, then - _ ., and wraps a piece wider than the column as text', async () => {
    const { wrapPath } = await import('../src/report/wrap.js');
    expect(wrapPath('a/b.txt:1', 20)).toBe('a/b.txt:1');
    expect(wrapPath('reports/2023/water_bureau.txt:12', 14)).toBe('reports/2023/\nwater_bureau.\ntxt:12');
    expect(wrapPath('reports/自评表-水利局-2023.txt:7', 12)).toBe('reports/\n自评表-\n水利局-2023.\ntxt:7');
    expect(wrapPath('abcdefghijklmnopqrstuvwxyz.txt:3', 10).split('\n').every((l) => l.length <= 10)).toBe(true);
  });
});
