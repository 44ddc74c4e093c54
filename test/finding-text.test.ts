/**
 * findingText (the ndjson line's findings, written field by field) is
 * JSON.stringify(findingJSON(f)) byte for byte: on every finding that
 * verify reports on the fixtures, in both languages, and on findings of
 * unusual shape (which it hands to JSON.stringify).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verify } from '../src/index.js';
import { finding, type Finding } from '../src/findings.js';
import { findingJSON, findingText } from '../src/report/serialize.js';
import { ROOT, SAMPLE } from './helpers.js';

function allFindings(): Finding[] {
  const files = [join(ROOT, SAMPLE)];
  for (const d of ['fixtures/corpus', 'fixtures/corpus/partial', 'fixtures/faults', 'fixtures/variants']) {
    for (const f of readdirSync(join(ROOT, d))) if (/\.(tsv|txt)$/.test(f)) files.push(join(ROOT, d, f));
  }
  return files.flatMap((f) => verify(readFileSync(f)).findings);
}

describe('findingText', () => {
  const findings = allFindings();
  it(`writes every finding of the fixtures as JSON.stringify does (${findings.length} findings)`, () => {
    const codes = new Set(findings.map((f) => f.code));
    expect(codes.size).toBeGreaterThan(30);
    for (const lang of ['zh', 'en'] as const) for (const f of findings) expect(findingText(f, lang)).toBe(JSON.stringify(findingJSON(f, lang)));
  });

  it('hands findings of other shapes to JSON.stringify', () => {
    const base = finding('low-rate-no-reason', 6, { project: { name: '项目"甲"\n', line: 1 }, stated: '82.28', args: { rate: '82.28', asks: false } });
    const odd: Finding[] = [
      { ...base, stated: undefined } as unknown as Finding,
      { ...base, line: Number.NaN },
      { ...base, project: { line: 1, name: 'x' } },
      { ...base, project: { name: 'x', line: 1, extra: true } as unknown as Finding['project'] },
      { ...base, calc: undefined } as unknown as Finding,
      // The same keys in another order: JSON.stringify keeps that order.
      { severity: base.severity, code: base.code, line: base.line, project: base.project, stated: base.stated, expected: base.expected, args: base.args } as Finding,
      { ...base, endLine: 9, calc: '1 + 1 = 2' },
      { ...base, where: { sheet: 'Sheet1', cell: 'C12' } } as unknown as Finding,
      { ...base, project: null, line: null },
    ];
    for (const f of odd) expect(findingText(f, 'zh')).toBe(JSON.stringify(findingJSON(f, 'zh')));
    expect(JSON.parse(findingText(base, 'en')).project.name).toBe('项目"甲"\n');
  });
});

describe('every message says what it is about', () => {
  it('no empty quotes, no missing value, no doubled space: every finding of the fixtures and of tables with unreadable, empty and placeholder amounts, in both languages', async () => {
    const { formatMessage } = await import('../src/messages.js');
    const sample = readFileSync(join(ROOT, SAMPLE), 'utf8');
    const variants = [
      // An amount with another unit than the table's in the cell, N/A, an empty cell, a placeholder: the not-checked finding names the cell as written.
      sample.replace('88.32\t88.32\t88.31', '88.32\t88.32元\t88.31'),
      sample.replace('88.32\t88.32\t88.31', '88.32\tN/A\t88.31'),
      sample.replace('88.32\t88.32\t88.31', '88.32\t88.32\t'),
      sample.replace('88.32\t88.32\t88.31', '88.32\t—\t88.31'),
    ];
    const findings = [...allFindings(), ...variants.flatMap((t) => verify(t).findings)];
    const notChecked = variants.map((t) => verify(t).findings.find((f) => f.code === 'not-checked')!);
    expect(notChecked.map((f) => formatMessage(f, 'en').split(',')[0])).toEqual([
      '年度资金总额: the budget "88.32元" is not a valid number',
      '年度资金总额: the budget holds no number ("N/A")',
      '年度资金总额: the spending is empty',
      '年度资金总额: the budget holds no number ("—")',
    ]);
    expect(formatMessage(notChecked[0]!, 'zh')).toBe('年度资金总额：全年预算数“88.32元”不是有效数值，无法核对执行率和预算执行率得分（总分亦无法复核）');
    for (const lang of ['zh', 'en'] as const) {
      for (const f of findings) {
        const m = formatMessage(f, lang);
        // (A cell that says NaN is quoted as it is.)
        expect(m.replace('"NaN"', '').replace('“NaN”', ''), `${f.code} ${lang}`).not.toMatch(/""|“”|undefined|\bnull\b|NaN| {2}|\(\)|（）|^\s|\s$/);
      }
    }
  });
});
