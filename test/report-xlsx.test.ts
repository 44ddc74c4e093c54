/** `--format xlsx` read back with the same library: sheets, cells, types, number formats, frozen header, filter, widths. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as X from '@e965/xlsx';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cli, SAMPLE, sampleText } from './helpers.js';
import { writeFileSync } from 'node:fs';

const dir = mkdtempSync(join(tmpdir(), 'evalcheck-xlsx-'));

async function book(args: string[], name: string): Promise<{ wb: X.WorkBook; bytes: Buffer }> {
  const out = join(dir, name);
  const r = await cli([...args, '-o', out]);
  expect([0, 1]).toContain(r.code);
  const bytes = readFileSync(out);
  return { wb: X.read(bytes, { cellNF: true, cellStyles: true }), bytes };
}

const cell = (ws: X.WorkSheet, a: string) => {
  const c = ws[a] as X.CellObject | undefined;
  return c === undefined ? undefined : { t: c.t, v: c.v, ...(c.t === 'n' ? { z: c.z } : {}) };
};

describe('--format xlsx', () => {
  it('the sample in Chinese: Projects, Findings and Departments with typed, formatted cells', async () => {
    const { wb, bytes } = await book(['verify', SAMPLE, '--lang', 'zh'], 'sample.xlsx');
    expect(wb.SheetNames).toEqual(['项目', '问题', '主管部门']);
    const p = wb.Sheets['项目']!;
    expect(p['!ref']).toBe('A1:R9');
    const head = 'ABCDEFGHIJKLMNOPQR'.split('').map((c) => p[`${c}1`]?.v);
    expect(head).toEqual(['文件', '行', '行或单元格', '项目名称', '主管部门', '实施单位', '金额单位', '预算数', '执行数', '执行率（%）', '表中执行率（%）', '表中总分', '复核总分', '表中等级', '复核等级', '错误', '警告', '提示']);
    // The first project: 信息化建设项目, line 3.
    expect(cell(p, 'A2')).toEqual({ t: 's', v: SAMPLE });
    expect(cell(p, 'B2')).toEqual({ t: 'n', v: 3, z: '0' });
    expect(cell(p, 'C2')).toBeUndefined();
    expect(cell(p, 'D2')).toEqual({ t: 's', v: '信息化建设项目' });
    expect(cell(p, 'E2')).toEqual({ t: 's', v: '上海市残疾人联合会' });
    expect(cell(p, 'G2')).toEqual({ t: 's', v: '万元' });
    expect(cell(p, 'H2')).toEqual({ t: 'n', v: 88.32, z: '0.00' });
    expect(cell(p, 'I2')).toEqual({ t: 'n', v: 88.31, z: '0.00' });
    expect(cell(p, 'J2')).toEqual({ t: 'n', v: 0.9998, z: '0.00%' });
    expect((p['J2'] as X.CellObject).w).toBe('99.98%');
    expect(cell(p, 'L2')).toEqual({ t: 'n', v: 99.99, z: '0.00' });
    expect(cell(p, 'M2')).toEqual({ t: 'n', v: 99.99, z: '0.00' });
    expect(cell(p, 'N2')).toEqual({ t: 's', v: '优' });
    expect(cell(p, 'O2')).toEqual({ t: 's', v: '优' });
    expect([cell(p, 'P2'), cell(p, 'Q2'), cell(p, 'R2')]).toEqual([{ t: 'n', v: 0, z: '0' }, { t: 'n', v: 0, z: '0' }, { t: 'n', v: 1, z: '0' }]);
    // Lines of the eight projects, in file order.
    expect([2, 3, 4, 5, 6, 7, 8, 9].map((r) => p[`B${r}`].v)).toEqual([3, 22, 42, 63, 91, 135, 157, 182]);
    // Findings: one row per finding (19 on the sample), with its line, code, severity, message.
    const f = wb.Sheets['问题']!;
    expect(f['!ref']).toBe('A1:J20');
    expect('ABCDEFGHIJ'.split('').map((c) => f[`${c}1`]?.v)).toEqual(['文件', '行或单元格', '项目名称', '代码', '级别', '问题', '说明', '表中数', '应为', '计算过程']);
    const rows = X.utils.sheet_to_json<Record<string, unknown>>(f);
    expect(rows).toHaveLength(19);
    const doc = JSON.parse((await cli(['verify', SAMPLE, '--format', 'json', '--lang', 'zh'])).stdout);
    const byLine = doc.files[0].findings.map((x: { line: number; code: string; message: string }) => [x.line, x.code, x.message]);
    expect(rows.map((r) => [r['行或单元格'], r['代码'], r['说明']])).toEqual(byLine);
    const warning = rows.find((r) => r['代码'] === 'policy-score-differs')!;
    expect(warning).toMatchObject({ 级别: '警告', 项目名称: expect.any(String), 表中数: 1, 应为: 1.17 });
    expect(f[`H${rows.indexOf(warning) + 2}`].z).toBe('0.00');
    // Departments: the one department of the sample, its totals in 万元.
    const d = wb.Sheets['主管部门']!;
    expect(X.utils.sheet_to_json(d, { header: 1 })).toEqual([
      ['主管部门', '项目数', '预算数', '执行数', '执行率（%）', '错误', '警告', '提示'],
      ['上海市残疾人联合会', 8, 22825.32, 22797.08, 0.9988, 0, 7, 12],
    ]);
    // Frozen header row and autofilter in every sheet; widths fitted (a CJK name counts double).
    const files = unzipSync(bytes);
    for (const n of [1, 2, 3]) {
      const xml = strFromU8(files[`xl/worksheets/sheet${n}.xml`]!);
      expect(xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
      expect(xml).toMatch(/<autoFilter ref="A1:[A-Z]+\d+"/);
    }
    const cols = p['!cols']!;
    expect(cols[3]!.wch).toBeGreaterThanOrEqual(2 * '残疾人事业综合保障经费'.length);
    expect(cols[1]!.wch).toBeLessThan(10);
  });

  it('text that looks like a formula stays a string cell; English headers with --lang en', async () => {
    const src = join(dir, 'formula.txt');
    writeFileSync(src, sampleText().replace('信息化建设项目', '=HYPERLINK("http://example.invalid","x")'));
    const { wb, bytes } = await book(['verify', src, '--lang', 'en'], 'formula.xlsx');
    expect(wb.SheetNames).toEqual(['Projects', 'Findings', 'Departments']);
    const p = wb.Sheets['Projects']!;
    expect(p['D1'].v).toBe('project');
    expect(cell(p, 'D2')).toEqual({ t: 's', v: '=HYPERLINK("http://example.invalid","x")' });
    expect((p['D2'] as X.CellObject).f).toBeUndefined();
    expect(strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!)).not.toContain('<f>');
  });

  it('is refused on a terminal without -o (a workbook is not text), and written whole with it', async () => {
    const r = await cli(['verify', SAMPLE, '--format', 'xlsx'], { tty: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('evalcheck: --format xlsx writes a binary workbook: give a file with -o (for example -o report.xlsx)\n');
    expect(r.stdout).toBe('');
    // Piped, the bytes go to standard output.
    const piped = await cli(['verify', SAMPLE, '--format', 'xlsx']);
    expect(piped.stdout.slice(0, 2)).toBe('PK');
  });

  it('summary --format xlsx gives the same Projects sheet', async () => {
    const a = (await book(['verify', SAMPLE], 'v.xlsx')).wb;
    const b = (await book(['summary', SAMPLE], 's.xlsx')).wb;
    expect(X.utils.sheet_to_json(b.Sheets['Projects']!, { header: 1 })).toEqual(X.utils.sheet_to_json(a.Sheets['Projects']!, { header: 1 }));
  });
});
