import { describe, expect, it } from 'vitest';
import { cli, SAMPLE, sampleBytes, subRow } from './helpers.js';

describe('cli: verify', () => {
  it('prints a table with a closing line and exits 0 on the sample', async () => {
    const r = await cli(['verify', SAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('rounding truncate (auto)');
    expect(r.stdout).toContain('残疾人就业支持服务');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('8 projects · 0 errors · 7 warnings · 12 notes');
    // Not a TTY: no escape sequences.
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('writes Chinese with --lang zh and from a zh_* locale', async () => {
    const a = await cli(['verify', SAMPLE, '--lang', 'zh']);
    expect(a.stdout.trimEnd().split('\n').at(-1)).toBe('8 个项目 · 0 个错误 · 7 个警告 · 12 条提示');
    const b = await cli(['verify', SAMPLE], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(b.stdout).toContain('8 个项目');
  });

  it('colours only on a TTY and never with NO_COLOR or --no-color', async () => {
    const tty = await cli(['verify', SAMPLE], { tty: true });
    expect(tty.stdout).toContain('\x1b[');
    const noColor = await cli(['verify', SAMPLE], { tty: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain('\x1b[');
    const flag = await cli(['verify', SAMPLE, '--no-color'], { tty: true });
    expect(flag.stdout).not.toContain('\x1b[');
  });

  it('--quiet shows errors only', async () => {
    const r = await cli(['verify', SAMPLE, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('target-operator-defect');
    expect(r.stdout).toContain('0 errors');
  });

  it('--max-warnings fails when exceeded', async () => {
    expect((await cli(['verify', SAMPLE, '--max-warnings', '7'])).code).toBe(0);
    expect((await cli(['verify', SAMPLE, '--max-warnings', '6'])).code).toBe(1);
  });

  it('exits 1 on an arithmetic error', async () => {
    const r = await cli(['verify', 'fixtures/faults/rate-mismatch.txt']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('rate-mismatch');
    expect(r.stdout).toContain('31.62 / 33.24 × 100 = 95.1263… → 95.12 (truncate)');
  });

  it('--format json prints decimals as strings with schemaVersion', async () => {
    const r = await cli(['verify', SAMPLE, '--format', 'json', '--records', 'full']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(2);
    expect(doc.tool.name).toBe('evalcheck');
    expect(doc.records).toBe('full');
    const f = doc.files[0];
    expect(f.path).toBe(SAMPLE);
    expect(f.rounding.mode).toBe('truncate');
    expect(f.projects).toHaveLength(8);
    const p = f.projects[0];
    expect(p.funds.total.rate).toBe('99.98');
    expect(p.funds.total.budget).toBe('88.32');
    expect(p.recomputed.rates[0]).toMatchObject({ row: 'total', value: '99.98', stated: '99.98', exact: '99.988678' });
    expect(p.recomputed.execScore).toMatchObject({ value: '9.99' });
    expect(p.recomputed.total).toBe('99.99');
    const f128 = f.findings.find((x: { line: number }) => x.line === 128);
    expect(f128).toMatchObject({ code: 'policy-score-differs', severity: 'warning', stated: '1.00', expected: '1.17' });
    expect(typeof f128.message).toBe('string');
    // No number anywhere in the document is a float: every decimal is a string.
    const floats: string[] = [];
    JSON.parse(r.stdout, (k, v) => {
      if (typeof v === 'number' && !Number.isInteger(v)) floats.push(`${k}=${v}`);
      return v;
    });
    expect(floats).toEqual([]);
  });

  it('standard input gives the same JSON as the file, apart from the path', async () => {
    const a = await cli(['verify', SAMPLE, '--format', 'json']);
    const b = await cli(['verify', '-', '--format', 'json'], { stdin: sampleBytes() });
    expect(b.code).toBe(0);
    expect(b.stdout.replaceAll('"path": "-"', `"path": "${SAMPLE}"`)).toBe(a.stdout);
  });
});

describe('cli: parse', () => {
  it('prints an overview per project', async () => {
    const r = await cli(['parse', SAMPLE]);
    expect(r.code).toBe(0);
    for (const name of ['信息化建设项目', '残疾人事业综合保障经费']) expect(r.stdout).toContain(name);
    expect(r.stdout).toMatch(/19705\.34 \/ 19702\.08/);
  });

  it('prints the records as JSON', async () => {
    const r = await cli(['parse', SAMPLE, '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.command).toBe('parse');
    const p = doc.files[0].projects[4];
    expect(p).toMatchObject({ name: '残疾人就业支持服务', line: 91, department: '上海市残疾人联合会', implementer: '上海市残疾人就业服务中心', unit: '万元' });
    expect(p.funds.total).toMatchObject({ line: 96, initialBudget: '1168.70', budget: '1042.24', executed: '1034.52', weight: '10.00', rate: '99.25', score: '9.92' });
    expect(subRow(p, 'carryOver')).toMatchObject({ line: 98, weight: null, score: null });
    expect(p.indicators).toHaveLength(26);
    expect(p.stated).toMatchObject({ weightTotal: '100', total: '96.92', grade: '优' });
    expect(p.goals.expected).not.toContain('<p>');
    expect(doc.files[0].findings.map((x: { code: string; line: number; severity: string }) => `${x.code}:${x.line}:${x.severity}`)).toContain('name-outside-cell:137:info');
    expect(p.recomputed).toBeUndefined();
  });
});

describe('cli: errors and exit codes', () => {
  it('a missing file is one line naming it, exit 2, other files still processed', async () => {
    const r = await cli(['verify', 'nope.txt', SAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('evalcheck: nope.txt: no such file\n');
    expect(r.stdout).toContain('8 projects');
  });

  it('a file with no table is exit 2 with one line', async () => {
    const r = await cli(['verify', '-'], { stdin: 'hello\nworld\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('evalcheck: -: no self-evaluation table found (2 lines read)\n');
    expect(r.stderr).not.toMatch(/at .*\.js/);
  });

  it('a binary file is exit 2 naming file and line', async () => {
    const r = await cli(['verify', '-'], { stdin: Buffer.from([0x61, 0x0a, 0x62, 0x00, 0xff]) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('evalcheck: -:2: is a binary file (NUL byte), not an exported table\n');
  });

  it("commander's usage errors exit 2, not 1", async () => {
    expect((await cli(['verify'])).code).toBe(2);
    expect((await cli(['verify', SAMPLE, '--format', 'xml'])).code).toBe(2);
    expect((await cli(['verify', SAMPLE, '--rounding', 'banker'])).code).toBe(2);
    expect((await cli(['verify', SAMPLE, '--max-warnings', 'x'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli([])).code).toBe(2);
  });

  it('--help: usage first, then the examples; exits 0; --version prints the version', async () => {
    const h = await cli(['verify', '--help']);
    expect(h.code).toBe(0);
    const lines = h.stdout.split('\n');
    expect(lines[0]).toBe('Usage: evalcheck verify [options] <files...>');
    expect(lines[4]).toBe('Examples:');
    expect(lines[5]).toBe('  evalcheck verify report.txt');
    const v = await cli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('progress', () => {
  it('shows files, MB and rate on a terminal after a second, then clears the line', async () => {
    const { Progress } = await import('../src/cli/index.js');
    let t = 0;
    let out = '';
    const p = new Progress({ write: (s: string | Uint8Array) => (out += String(s)) }, 3, () => t);
    p.file = 1;
    p.add(5e6);
    expect(out).toBe(''); // short runs stay silent
    t = 2000;
    p.add(5e6);
    expect(out).toBe('\r\x1b[K1/3 files · 10.0 MB · 5.0 MB/s');
    t = 2100;
    p.add(1e6);
    expect(out).toBe('\r\x1b[K1/3 files · 10.0 MB · 5.0 MB/s'); // at most every 200 ms
    p.done();
    expect(out.endsWith('\r\x1b[K')).toBe(true);
  });

});

describe('the package', () => {
  it('can be imported by its name, with parse, verify and summarize', async () => {
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(
      'node',
      ['--input-type=module', '-e', "import { parse, verify, summarize } from 'evalcheck'; import { readFileSync } from 'node:fs'; const b = readFileSync('fixtures/000_4494185c10663b20.txt'); const r = verify(b); console.log(parse(b).projects.length, r.rounding.mode, summarize([r]).distribution.recomputed['优'])"],
      { cwd: new URL('..', import.meta.url), encoding: 'utf8' },
    );
    expect(out.trim()).toBe('8 truncate 8');
  });
});

describe('CJK alignment', () => {
  it('measures East Asian text as two columns, ANSI sequences and combining marks as none', async () => {
    const { textWidth } = await import('../src/report/width.js');
    expect(textWidth('abc')).toBe(3);
    expect(textWidth('信息化')).toBe(6);
    expect(textWidth('（％）')).toBe(6);
    expect(textWidth('\x1b[31m优\x1b[39m')).toBe(2);
    expect(textWidth('e\u0301')).toBe(1);
  });

  it('draws every table of the report with lines of equal width', async () => {
    const { textWidth } = await import('../src/report/width.js');
    for (const lang of ['zh', 'en']) {
      const r = await cli(['verify', SAMPLE, '--lang', lang]);
      const tableLines = r.stdout.split('\n').filter((l) => /^[┌│├└]/.test(l));
      expect(tableLines.length).toBeGreaterThan(20);
      expect(new Set(tableLines.map(textWidth))).toEqual(new Set([textWidth(tableLines[0]!)]));
    }
    const p = await cli(['parse', SAMPLE, '--lang', 'zh']);
    const first = p.stdout.split('\n').filter((l) => /^[┌│├└]/.test(l)).slice(0, 17);
    expect(new Set(first.map(textWidth)).size).toBe(1);
  });
});
