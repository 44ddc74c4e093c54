import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fixture } from './helpers.js';

function project(config: unknown, name = 'evalcheck.config.json'): string {
  const dir = mkdtempSync(join(tmpdir(), 'evalcheck-cfg-'));
  writeFileSync(join(dir, name), typeof config === 'string' ? config : JSON.stringify(config));
  mkdirSync(join(dir, 'reports'));
  writeFileSync(join(dir, 'reports', 'r.txt'), fixture('000_4494185c10663b20.txt'));
  return dir;
}

/** Under half-up the sample's truncated figures are another convention: one warning in each of six tables. */
const conventions = (stdout: string) => (JSON.parse(stdout).files[0].findings as { code: string }[]).filter((f) => f.code === 'rounding-convention').length;

describe('configuration', () => {
  it('is found upward from the working directory and sets defaults', async () => {
    const dir = project({ rounding: 'half-up', format: 'json' });
    const r = await cli(['verify', 'r.txt'], { cwd: join(dir, 'reports') });
    expect(r.code).toBe(0);
    expect(conventions(r.stdout)).toBe(6);
    expect(JSON.parse(r.stdout).files[0].rounding.requested).toBe('half-up');
  });

  it('.evalcheckrc.json works too', async () => {
    const dir = project({ format: 'json', lang: 'zh' }, '.evalcheckrc.json');
    const r = await cli(['verify', 'reports/r.txt'], { cwd: dir });
    expect(JSON.parse(r.stdout).files[0].findings[0].message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('precedence: flags > environment > file > defaults', async () => {
    const dir = project({ rounding: 'half-up', format: 'json' });
    const file = await cli(['verify', 'reports/r.txt'], { cwd: dir });
    expect(conventions(file.stdout)).toBe(6);
    const env = await cli(['verify', 'reports/r.txt'], { cwd: dir, env: { EVALCHECK_ROUNDING: 'auto' } });
    expect(conventions(env.stdout)).toBe(0);
    const flag = await cli(['verify', 'reports/r.txt', '--rounding', 'half-up'], { cwd: dir, env: { EVALCHECK_ROUNDING: 'truncate' } });
    expect(conventions(flag.stdout)).toBe(6);
  });

  it('overrides severities per code, "off" drops the code', async () => {
    const dir = project({ format: 'json', severity: { 'policy-score-differs': 'off', 'target-operator-defect': 'error', 'actual-unverifiable': 'warning' } });
    const r = await cli(['verify', 'reports/r.txt'], { cwd: dir });
    const doc = JSON.parse(r.stdout);
    expect(r.code).toBe(1);
    const codes = doc.files[0].findings.map((f: { code: string; severity: string }) => `${f.severity} ${f.code}`);
    expect(codes).not.toContain('warning policy-score-differs');
    expect(codes.filter((c: string) => c === 'error target-operator-defect')).toHaveLength(5);
    expect(codes.filter((c: string) => c === 'warning actual-unverifiable')).toHaveLength(2);
  });

  it('--config names a file explicitly', async () => {
    const dir = project({});
    writeFileSync(join(dir, 'strict.json'), JSON.stringify({ rounding: 'half-up' }));
    const r = await cli(['verify', 'reports/r.txt', '--config', 'strict.json', '--format', 'json'], { cwd: dir });
    expect(conventions(r.stdout)).toBe(6);
  });

  it('an invalid file is one clear line listing the allowed values, exit 2', async () => {
    const bad = project({ rounding: 'bankers' });
    const r = await cli(['verify', 'reports/r.txt'], { cwd: bad });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`evalcheck: ${join(bad, 'evalcheck.config.json')}: invalid "rounding" "bankers"; allowed: auto, truncate, half-up, ceil\n`);
    const key = await cli(['verify', 'reports/r.txt'], { cwd: project({ colour: true }) });
    expect(key.stderr).toMatch(/unknown key "colour"; allowed: rounding, lang, format, minGrade, severity, budgetChange\n$/);
    const sev = await cli(['verify', 'reports/r.txt'], { cwd: project({ severity: { 'rate-mismatch': 'fatal' } }) });
    expect(sev.stderr).toMatch(/invalid severity for rate-mismatch "fatal"; allowed: error, warning, info, off\n$/);
    const json = await cli(['verify', 'reports/r.txt'], { cwd: project('{ rounding: ') });
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/not valid JSON/);
    const env = await cli(['verify', 'reports/r.txt'], { cwd: project({}), env: { EVALCHECK_LANG: 'fr' } });
    expect(env.stderr).toBe('evalcheck: environment: invalid EVALCHECK_LANG "fr"; allowed: zh, en\n');
  });
});
