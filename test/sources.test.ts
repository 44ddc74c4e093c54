/**
 * The files reviewers really receive, built from the text exports by
 * test/sources.ts: each reads to the same records and the same verdict as
 * its text original, with findings pointing at the right sheet and cell.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as X from '@e965/xlsx';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, describe, expect, test } from 'vitest';
import { parseDocument, parseInput } from '../src/parse/index.js';
import { splitQuoted } from '../src/parse/rows.js';
import { RowFeeder } from '../src/parse/feed.js';
import { formatOf } from '../src/source/detect.js';
import { columnName, SourceMap, whereText } from '../src/source/where.js';
import { verifyDocument, verifyInput, type VerifyResult } from '../src/verify.js';
import { cli, fixture, ROOT, SAMPLE, sampleText } from './helpers.js';
import { blocksOf, csvOf, docOf, odtOf, docWith, docxAltChunkOf, htmlDocxJsOf, rtfOf, docxOf, IN_TABLE, INNER_CELL, INNER_TTP, itap, tDefTable, TTP, type DocPara, docxWith, htmlOf, mhtOf, webPageOf, quotedPrintable, rowsOf, unicodeTextOf, workbookOf, type Rows } from './sources.js';
import { formatMessage } from '../src/messages.js';
import { fromQuotedPrintable } from '../src/source/mht.js';
import { strToU8, unzipSync, zipSync } from 'fflate';
import iconvLite from 'iconv-lite';

const CORPUS = readdirSync(join(ROOT, 'fixtures/corpus')).filter((f) => f.endsWith('.tsv'));
const ORIGINALS: [string, string][] = [
  ['sample', sampleText()],
  ['rate-mismatch fault', fixture('faults/rate-mismatch.txt').toString('utf8')],
  ['grade-mismatch fault', fixture('faults/grade-mismatch.txt').toString('utf8')],
  ...CORPUS.map((f) => [f, readFileSync(join(ROOT, 'fixtures/corpus', f), 'utf8')] as [string, string]),
];

/** What a verdict is made of: every finding's code, severity, figures and message, in order. */
const verdict = (r: VerifyResult, withLines = true) =>
  r.findings.map((f) => ({ code: f.code, severity: f.severity, project: f.project?.name ?? null, stated: f.stated, expected: f.expected, calc: f.calc ?? null, args: withLines ? f.args : { ...f.args, lines: undefined, first: undefined } }));
/** Records without where a row stands in a workbook or document (text has none), and without the line numbers unless asked (a document's caption row moves them). */
const records = (r: VerifyResult, withLines: boolean) =>
  JSON.parse(JSON.stringify(r.projects.map((p) => p.project)), (k, v) => (k === 'where' || (!withLines && (k === 'line' || k === 'lines' || k === 'gradeLine' || k === 'endLine' || k === 'first')) ? undefined : v));

const BUILDS: { name: string; ext: string; lines: boolean; sheetRows?: boolean; build: (rows: Rows, starts: number[]) => Buffer }[] = [
  { name: 'xlsx, one sheet', ext: 'xlsx', lines: true, build: (rows) => workbookOf([{ name: 'Sheet1', rows }], 'xlsx') },
  { name: 'xls (BIFF8), one sheet', ext: 'xls', lines: true, build: (rows) => workbookOf([{ name: '自评表', rows }], 'biff8') },
  { name: 'xlsb (Excel binary workbook)', ext: 'xlsb', lines: true, build: (rows) => workbookOf([{ name: 'Sheet1', rows }], 'xlsb') },
  // (Empty leading rows are outside an .ods sheet's used range: the rows read start below them, so the lines
  // differ from the text's, and each finding's sheet row is the text's line.)
  { name: 'ods (OpenDocument spreadsheet: WPS, LibreOffice)', ext: 'ods', lines: false, sheetRows: true, build: (rows) => workbookOf([{ name: '自评表', rows }], 'ods') },
  { name: 'xls that is Excel 2003 XML (SpreadsheetML), UTF-8', ext: 'xls', lines: true, build: (rows) => workbookOf([{ name: '自评表', rows }], 'xlml') },
  { name: 'xls that is Excel 2003 XML, GB2312 as declared', ext: 'xls', lines: true, build: (rows) => workbookOf([{ name: '自评表', rows }], 'xlml-gb2312') },
  { name: 'html, one table', ext: 'html', lines: true, build: (rows) => Buffer.from(htmlOf([{ rows }])) },
  { name: 'html, a table per project with its title above', ext: 'html', lines: false, build: (rows, starts) => Buffer.from(htmlOf(blocksOf(rows, starts).map((b) => ({ caption: b[0]![0]!, rows: b.slice(1) })))) },
  { name: 'docx, one table', ext: 'docx', lines: true, build: (rows) => docxOf([{ rows }]) },
  { name: 'docx, a table per project with its title above', ext: 'docx', lines: false, build: (rows, starts) => docxOf(blocksOf(rows, starts).map((b) => ({ caption: b[0]![0]!, rows: b.slice(1) }))) },
  { name: 'docx whose body is an embedded web archive (altChunk, as html-docx-js writes it)', ext: 'docx', lines: true, build: (rows) => docxAltChunkOf(mhtOf([{ name: '', rows }], 'word'), 'afchunk.mht') },
  { name: 'docx as html-docx-js writes it (a web archive in afchunk.htm, raw UTF-8, = encoded)', ext: 'docx', lines: false, build: (rows, starts) => htmlDocxJsOf(blocksOf(rows, starts).map((b) => ({ caption: b[0]![0]!, rows: b.slice(1) }))) },
  { name: 'docx whose body is an embedded HTML page (altChunk)', ext: 'docx', lines: true, build: (rows) => docxAltChunkOf(Buffer.from(htmlOf([{ rows }])), 'chunk.html') },
  { name: 'doc (Word 97-2003), one table', ext: 'doc', lines: true, build: (rows) => docOf([{ rows }]) },
  { name: 'doc, fast-saved: pieces out of order, 8-bit and UTF-16', ext: 'doc', lines: true, build: (rows) => docOf([{ rows }], { fastSaved: true }) },
  { name: 'doc, a table per project with its title above', ext: 'doc', lines: false, build: (rows, starts) => docOf(blocksOf(rows, starts).map((b) => ({ caption: b[0]![0]!, rows: b.slice(1) }))) },
  { name: 'doc saved under an .xls name', ext: 'xls', lines: true, build: (rows) => docOf([{ rows }]) },
  { name: 'odt (OpenDocument text: WPS, LibreOffice), one table', ext: 'odt', lines: true, build: (rows) => odtOf([{ rows }]) },
  { name: 'odt, a table per project with its title above', ext: 'odt', lines: false, build: (rows, starts) => odtOf(blocksOf(rows, starts).map((b) => ({ caption: b[0]![0]!, rows: b.slice(1) }))) },
  { name: 'rtf (Word: GBK bytes under \\ansicpg936)', ext: 'rtf', lines: true, build: (rows) => rtfOf([{ rows }]) },
  { name: 'rtf (\\uN), exported as a "Word" .doc', ext: 'doc', lines: true, build: (rows) => rtfOf([{ rows }], { chars: 'unicode' }) },
  { name: 'rtf, a table per project with its title above', ext: 'rtf', lines: false, build: (rows, starts) => rtfOf(blocksOf(rows, starts).map((b) => ({ caption: b[0]![0]!, rows: b.slice(1) }))) },
  { name: 'mht (Excel: a single file web page, one sheet)', ext: 'mht', lines: true, build: (rows) => mhtOf([{ name: 'Sheet1', rows }], 'excel') },
  { name: 'mht (Word: gb2312, quoted-printable)', ext: 'mht', lines: true, build: (rows) => mhtOf([{ name: '', rows }], 'word') },
  { name: 'mht (Word), a table per project with its title above', ext: 'mht', lines: false, build: (rows, starts) => mhtOf(blocksOf(rows, starts).map((b) => ({ name: '', caption: b[0]![0]!, rows: b.slice(1) })), 'word') },
  { name: 'xls that is a web archive (a web system\'s export)', ext: 'xls', lines: true, build: (rows) => mhtOf([{ name: '自评表', rows }], 'web') },
  { name: 'csv (Excel: UTF-8 BOM, CRLF, quoted)', ext: 'csv', lines: true, build: (rows) => csvOf(rows) },
  { name: 'Unicode text (Excel: UTF-16LE BOM, CRLF)', ext: 'txt', lines: true, build: (rows) => unicodeTextOf(rows) },
];

describe.each(ORIGINALS)('%s in every source format', (_name, text) => {
  const base = verifyInput(text);
  const rows = rowsOf(text);
  // Block starts whose title is alone on its first row (the caption variants need one).
  const starts = base.projects.map((p) => p.project.line);
  const captionable = starts.every((s) => rows[s - 1]!.filter((c) => c.trim() !== '').length === 1) && starts[0] === 1 + rows.findIndex((r) => r.some((c) => c.trim() !== ''));
  test.each(BUILDS)('$name', async (b) => {
    if (!b.lines && !captionable) return;
    const bytes = b.build(rows, starts);
    const r = await verifyDocument(bytes, { path: `x.${b.ext}` });
    expect(r.projects.length).toBe(base.projects.length);
    expect(verdict(r, b.lines)).toEqual(verdict(base, b.lines));
    expect(records(r, b.lines)).toEqual(records(base, b.lines));
    if (b.lines) expect(r.findings.map((f) => f.line)).toEqual(base.findings.map((f) => f.line));
    // Each indicator row at its sheet row or table row: the text's line, where the rows start at row 1.
    if (b.lines && b.ext !== 'csv' && b.ext !== 'txt') expect(r.projects.flatMap((p) => p.project.indicators.map((i) => i.where?.row))).toEqual(base.projects.flatMap((p) => p.project.indicators.map((i) => i.line)));
    if (b.sheetRows) expect(r.findings.map((f) => (f.line === null ? null : (f.where?.row ?? -1)))).toEqual(base.findings.map((f) => f.line));
  });
});

describe('locations point at the cell', () => {
  const text = fixture('faults/rate-mismatch.txt').toString('utf8');
  const parsed = parseInput(text);
  const total = parsed.projects.find((p) => p.funds.total?.rate?.num?.text === '95.21')!.funds.total!;

  test('xlsx: the wrong rate is at its sheet row and column, the project at its title row', async () => {
    const r = await verifyDocument(workbookOf([{ name: 'Sheet1', rows: rowsOf(text) }], 'xlsx'), { path: 'r.xlsx' });
    const f = r.findings.find((x) => x.code === 'rate-mismatch')!;
    expect(f.line).toBe(27);
    expect(f.where).toEqual({ sheet: 'Sheet1', row: 27, col: total.rate!.col, cell: `${columnName(total.rate!.col)}27` });
    expect(whereText(f.where!, 'en')).toBe(`Sheet1!${columnName(total.rate!.col)}27`);
    const p = r.projects.find((x) => x.project.line === f.project!.line)!;
    expect(p.where).toEqual({ sheet: 'Sheet1', row: f.project!.line });
    // A finding about a row, not one cell: the whole row.
    const row = r.findings.find((x) => x.code === 'level-split')!;
    expect(row.where).toEqual({ sheet: 'Sheet1', row: row.line });
    expect(whereText(row.where!, 'zh')).toBe(`Sheet1!${row.line}:${row.line}`);
  });

  test('a project per sheet, and a sheet of notes: same verdict, each project on its sheet, the notes said once', async () => {
    const base = verifyInput(sampleText());
    const rows = rowsOf(sampleText());
    const starts = base.projects.map((p) => p.project.line);
    const sheets = [{ name: '填报说明', rows: [['填报说明'], ['1. 金额单位为万元。'], ['2. 得分保留两位小数。']] }, ...blocksOf(rows, starts).map((b, i) => ({ name: `表${i + 1}`, rows: b }))];
    const r = await verifyDocument(workbookOf(sheets, 'xlsx'), { path: 'book.xlsx' });
    expect(r.projects.map((p) => p.where?.sheet)).toEqual(starts.map((_, i) => `表${i + 1}`));
    expect(r.projects.map((p) => p.where?.row)).toEqual(starts.map(() => 1));
    const notes = r.findings.filter((f) => f.code === 'sheet-without-table');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ severity: 'info', line: 1, args: { sheet: '填报说明', rows: 3 }, where: { sheet: '填报说明', row: 1 } });
    expect(formatMessage(notes[0]!, 'en')).toBe('sheet "填报说明" has no table title: its 3 rows were not read as a table');
    // (One row is one: "its 1 row was".)
    expect(formatMessage({ ...notes[0]!, args: { sheet: 'B', rows: 1 } }, 'en')).toBe('sheet "B" has no table title: its 1 row was not read as a table');
    expect(verdict({ ...r, findings: r.findings.filter((f) => f.code !== 'sheet-without-table') }, false)).toEqual(verdict(base, false));
    // The rate of the second project is at row (27 - 22 + 1) of its sheet.
    const second = r.projects[1]!.project.funds.total!;
    expect(r.lineCount).toBe(3 + rows.length - (starts[0]! - 1));
    expect(second.line - r.projects[1]!.project.line).toBe(base.projects[1]!.project.funds.total!.line - base.projects[1]!.project.line);
  });

  test.each(['xlsx', 'biff8', 'xlsb', 'xlml', 'ods'] as const)('%s: a hidden sheet is not checked, and a note says what it holds', async (type) => {
    const base = verifyInput(sampleText());
    const wrong = fixture('faults/rate-mismatch.txt').toString('utf8');
    const book = workbookOf([{ name: '自评表', rows: rowsOf(sampleText()) }, { name: '旧版', rows: rowsOf(wrong), hidden: true }, { name: '下拉列表', rows: [['优'], ['良']], hidden: true }], type);
    const r = await verifyDocument(book, { path: 'book.xls' });
    const notes = r.findings.filter((f) => f.code === 'sheet-hidden');
    expect(notes.map((f) => [f.severity, f.args, f.where?.sheet])).toEqual([
      ['info', { sheet: '旧版', rows: rowsOf(wrong).filter((row) => row.some((c) => c.trim() !== '')).length, table: true }, '旧版'],
      ['info', { sheet: '下拉列表', rows: 2, table: false }, '下拉列表'],
    ]);
    expect(formatMessage(notes[1]!, 'zh')).toBe('工作表“下拉列表”已隐藏，未读取（共 2 行）；如需复核，请在工作簿中取消隐藏后再运行');
    expect(formatMessage(notes[0]!, 'en')).toMatch(/^sheet "旧版" is hidden and was not read \(\d+ rows, with a table in it\); unhide it in the workbook to check it$/);
    expect(r.projects.length).toBe(base.projects.length);
    // (An .ods keeps no empty rows before the first: its lines are not the text's, its sheet rows are.)
    expect(verdict({ ...r, findings: r.findings.filter((f) => f.code !== 'sheet-hidden') }, type !== 'ods')).toEqual(verdict(base, type !== 'ods'));
  });

  test('mht: a sheet the web page Excel writes marks hidden (x:Visible SheetHidden) is not checked either', async () => {
    const base = verifyInput(sampleText());
    const wrong = fixture('faults/rate-mismatch.txt').toString('utf8');
    const r = await verifyDocument(mhtOf([{ name: '自评表', rows: rowsOf(sampleText()) }, { name: '旧版', rows: rowsOf(wrong), hidden: true }], 'excel'), { path: 'book.mht' });
    expect(r.findings.filter((f) => f.code === 'sheet-hidden').map((f) => [f.args, f.where?.sheet])).toEqual([[{ sheet: '旧版', rows: rowsOf(wrong).filter((row) => row.some((c) => c.trim() !== '')).length, table: true }, '旧版']]);
    expect(r.projects.length).toBe(base.projects.length);
    expect(verdict({ ...r, findings: r.findings.filter((f) => f.code !== 'sheet-hidden') })).toEqual(verdict(base));
  });

  test('what SheetJS says of a workbook goes into a note, not onto the console; a damaged one is still an error', async () => {
    // An .xls whose last sheet holds a record of a kind SheetJS does not know (type 0x2e, 2 bytes), before its EOF.
    const cfb = X.CFB.read(workbookOf([{ name: '自评表', rows: rowsOf(sampleText()) }], 'biff8'), { type: 'buffer' });
    const entry = X.CFB.find(cfb, 'Workbook')!;
    const stream = Buffer.from(entry.content as Uint8Array);
    expect(stream.readUInt16LE(stream.length - 4)).toBe(0x000a); // the last record is the sheet's EOF
    entry.content = Buffer.concat([stream.subarray(0, stream.length - 4), Buffer.from([0x2e, 0x00, 0x02, 0x00, 0x01, 0x02]), stream.subarray(stream.length - 4)]);
    entry.size = entry.content.length;
    const book = Buffer.from(X.CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
    const said: unknown[] = [];
    const { error, warn, log } = console;
    console.error = console.warn = console.log = (...a: unknown[]) => said.push(a);
    let r: VerifyResult;
    try {
      r = await verifyDocument(book, { path: 'book.xls' });
    } finally {
      Object.assign(console, { error, warn, log });
    }
    expect(said).toEqual([]);
    const notes = r.findings.filter((f) => f.code === 'reader-note');
    expect(notes.map((f) => [f.severity, f.line, f.args])).toEqual([['info', null, { said: ['Missing Info for XLS Record 0x2e'] }]]);
    expect(formatMessage(notes[0]!, 'en')).toBe('the workbook reader (SheetJS) said it could not read part of the file: Missing Info for XLS Record 0x2e; the rest was read and checked as usual (if in doubt, save the workbook as .xlsx in Excel and run again)');
    expect(formatMessage(notes[0]!, 'zh')).toMatch(/^读取工作簿时，解析程序（SheetJS）报告有内容未能读取：Missing Info for XLS Record 0x2e；/);
    const base = verifyInput(sampleText());
    expect(verdict({ ...r, findings: r.findings.filter((f) => f.code !== 'reader-note') })).toEqual(verdict(base));
    // Through the executable: nothing on standard error but evalcheck's own words; a damaged workbook is one line.
    const exe = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/evalcheck.cjs'), ...args], { encoding: 'utf8' });
    const dir = mkdtempSync(join(tmpdir(), 'evalcheck-said-'));
    writeFileSync(join(dir, 'book.xls'), book);
    const ok = exe(['verify', join(dir, 'book.xls')]);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('reader-note');
    // Cut in the middle of a record SheetJS then cannot finish: it said "Missing Info …" and threw.
    const cut = Buffer.from(entry.content as Uint8Array);
    entry.content = Buffer.concat([cut.subarray(0, 40), Buffer.from([0x2e, 0x00, 0x02, 0x00, 0x01, 0x02]), cut.subarray(40, 60)]);
    entry.size = entry.content.length;
    writeFileSync(join(dir, 'cut.xls'), Buffer.from(X.CFB.write(cfb, { type: 'buffer' }) as Uint8Array));
    const bad = exe(['verify', join(dir, 'cut.xls'), join(dir, 'book.xls'), '-q']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^evalcheck: .*cut\.xls: /);
    rmSync(dir, { recursive: true, force: true });
  });

  test('documents: table and row', async () => {
    const r = await verifyDocument(docxOf([{ rows: rowsOf(text) }]), { path: 'r.docx' });
    const f = r.findings.find((x) => x.code === 'rate-mismatch')!;
    expect(f.where).toEqual({ table: 1, row: 27, col: total.rate!.col });
    expect(whereText(f.where!, 'zh')).toBe(`表1 第27行第${total.rate!.col + 1}列`);
    expect(whereText(f.where!, 'en')).toBe(`table 1, row 27, column ${total.rate!.col + 1}`);
  });

  test('SourceMap numbers rows across sheets and finds them back', () => {
    const m = new SourceMap('xlsx');
    expect(m.add('sheet', 'A', 10)).toBe(1);
    expect(m.add('sheet', "B c'd", 5, 3)).toBe(11);
    expect(m.locate(10, 0)).toEqual({ sheet: 'A', row: 10, col: 0, cell: 'A10' });
    expect(m.locate(11, 27)).toEqual({ sheet: "B c'd", row: 3, col: 27, cell: 'AB3' });
    expect(whereText(m.locate(11, 27)!, 'en')).toBe("'B c''d'!AB3");
    expect(m.locate(16)).toBeNull();
    expect(m.lineCount).toBe(15);
  });
});

describe('workbook cells as displayed', () => {
  const ws = (cells: Record<string, X.CellObject>, merges: X.Range[] = [], ref = 'A1:D3'): Buffer => {
    const sheet: X.WorkSheet = { ...cells, '!ref': ref, '!merges': merges };
    const wb = X.utils.book_new();
    X.utils.book_append_sheet(wb, sheet, 'S');
    return X.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  };
  const rowsRead = async (bytes: Buffer) => {
    const out: string[][] = [];
    const { feedAny } = await import('../src/source/index.js');
    await feedAny(bytes, 'x.xlsx', {}, { row: (c) => out.push([...c]), boundary: () => {} });
    return out;
  };

  test('number formats decide the text: percent, decimals, thousands; formulas by cached value', async () => {
    const rows = await rowsRead(
      ws({
        A1: { t: 's', v: '项目支出绩效自评表' },
        A2: { t: 'n', v: 0.9512, z: '0.00%' },
        B2: { t: 'n', v: 88.3, z: '0.00' },
        C2: { t: 'n', v: 1234.5, z: '#,##0.00' },
        D2: { t: 'n', v: 95.12, f: 'B2+6.82', z: '0.00' },
        A3: { t: 'n', v: 7 },
        B3: { t: 'n', v: 0.1 + 0.2 },
      }),
    );
    expect(rows[1]).toEqual(['95.12%', '88.30', '1,234.50', '95.12']);
    expect(rows[2]).toEqual(['7', '0.3']);
  });

  test('a merged range reads as its first cell, the others empty (even when a writer left text under it)', async () => {
    const rows = await rowsRead(ws({ A1: { t: 's', v: '项目支出绩效自评表' }, B1: { t: 's', v: '旧内容' }, A2: { t: 's', v: '产出指标' }, A3: { t: 's', v: '残留' }, B3: { t: 's', v: 'x' } }, [X.utils.decode_range('A1:D1'), X.utils.decode_range('A2:A3')]));
    expect(rows[0]).toEqual(['项目支出绩效自评表', '']);
    expect(rows[1]).toEqual(['产出指标']);
    expect(rows[2]).toEqual(['', 'x']);
  });
});

describe("Excel's quoted text", () => {
  const text = sampleText();
  const rows = rowsOf(text);
  // The reason cell (偏差原因分析) of the first indicator with one, made two lines long with a quotation mark in it.
  const parsed = parseInput(text);
  const ind = parsed.projects.flatMap((p) => p.indicators).find((i) => i.reason !== '')!;
  const r0 = ind.line - 1;
  const c0 = rows[r0]!.findIndex((c) => c.trim() === ind.reason);
  const edited = rows.map((r) => [...r]);
  edited[r0]![c0] = `${ind.reason}\n宣传稿件仅针对此类群体，"阅读量"不达标。`;

  test('a multi-line quoted reason reads whole: same verdict as the table with that cell, later lines one further on', () => {
    const fromRows = verifyInput(edited.map((cells, i) => ({ cells, line: i + 1 + (i > r0 ? 1 : 0) })));
    const quoted = verifyInput(unicodeTextOf(edited), { path: 'x.txt' });
    expect(quoted.encoding).toBe('utf-16le');
    expect(quoted.lineEndings).toEqual({ CRLF: rows.length });
    expect(quoted.lineCount).toBe(rows.length + 1);
    expect(verdict(quoted)).toEqual(verdict(fromRows));
    expect(quoted.findings.map((f) => f.line)).toEqual(fromRows.findings.map((f) => f.line));
    const read = quoted.projects.flatMap((p) => p.project.indicators).find((i) => i.line === ind.line)!;
    expect(read.reason).toBe(edited[r0]![c0]);
    expect(quoted.findings.some((f) => f.code === 'unrecognised-line' || f.code === 'mixed-line-endings')).toBe(false);
    // And the same verdict as the sample itself (only a reason's wording changed).
    expect(verdict(quoted).map((f) => f.code)).toEqual(verdict(verifyInput(text)).map((f) => f.code));
  });

  test('the same table as CSV', () => {
    const r = verifyInput(csvOf(edited), { path: 'x.csv', format: 'csv' });
    expect(r.projects.flatMap((p) => p.project.indicators).find((i) => i.line === ind.line)!.reason).toBe(edited[r0]![c0]);
    expect(formatOf('x.csv', csvOf(edited))).toBe('csv');
  });

  test('quoting that is not well-formed reads literally, as before', () => {
    const feed = (t: string) => {
      const out: [number, string[]][] = [];
      const f = new RowFeeder((cells, line) => out.push([line, cells]));
      f.push(t);
      f.end();
      return out;
    };
    // A cell that starts with a quotation mark and goes on after it; an opening quote never closed.
    expect(feed('"阳光之家"活动经费\t1\n"未闭合\t2\nx\t3\n')).toEqual([
      [1, ['"阳光之家"活动经费', '1']],
      [2, ['"未闭合', '2']],
      [3, ['x', '3']],
    ]);
    // Well-formed: a quoted cell with a doubled quote and a line break, then the rest of the row.
    expect(feed('"a ""b""\nc"\t1\nd\n')).toEqual([
      [1, ['a "b"\nc', '1']],
      [3, ['d']],
    ]);
    // Closed only after too many lines: not quoting.
    const long = `"x${'\n'.repeat(60)}y"\t1\n`;
    expect(feed(long)[0]).toEqual([1, ['"x']]);
  });

  test('a quoted cell split across chunks waits for its end', () => {
    const out: [number, string[]][] = [];
    const f = new RowFeeder((cells, line) => out.push([line, cells]));
    for (const ch of 'a\t"b\r\nc"\r\nd\r\n') f.push(ch);
    f.end();
    expect(out).toEqual([
      [1, ['a', 'b\nc']],
      [3, ['d']],
    ]);
    expect(f.endings).toEqual({ CRLF: 2 });
  });

  test('property: well-formed quoted rows, fed in chunks cut anywhere, read as written (papaparse splits them)', () => {
    const cell = fc.oneof(fc.string({ unit: fc.constantFrom('a', '中', ' ', '"', '\n', '\t', ',', '，') }), fc.string({ unit: fc.constantFrom('a', '中', '1', '.') }));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), fc.constantFrom('\t', ','), fc.constantFrom('\n', '\r\n'), fc.array(fc.nat(), { maxLength: 4 }), (table, d, eol, cuts) => {
        const text = table.map((r) => r.map((c) => (/["\n\t,]/.test(c) || c.startsWith('"') ? `"${c.replace(/"/g, '""')}"` : c)).join(d)).join(eol) + eol;
        const mine: string[][] = [];
        const f = new RowFeeder((cells) => mine.push(cells), { delimiter: d as '\t' | ',' });
        let at = 0;
        for (const c of [...cuts.map((x) => x % (text.length + 1))].sort((a, b) => a - b)) {
          f.push(text.slice(at, c));
          at = c;
        }
        f.push(text.slice(at));
        f.end();
        expect(mine).toEqual(table);
        // Papaparse with quotes reads the same rows.
        expect(Papa.parse<string[]>(text.replace(/\r\n/g, '\n'), { delimiter: d, newline: '\n', quoteChar: '"' }).data.slice(0, -1)).toEqual(table);
        expect(f.endings).toEqual({ [eol === '\n' ? 'LF' : 'CRLF']: table.length });
        void splitQuoted;
      }),
      { numRuns: 300, seed: Number(process.env.FC_SEED ?? 20261201) },
    );
  });
});

describe('inputs that are not tables', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evalcheck-sources-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const put = (name: string, bytes: Buffer | string) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };
  const encrypted = () => {
    const cfb = X.CFB.utils.cfb_new();
    X.CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
    X.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(64, 1));
    return Buffer.from(X.CFB.write(cfb, { type: 'buffer' }) as Buffer);
  };
  /** An OLE compound file with these streams at its root (a .doc has WordDocument, a .ppt PowerPoint Document). */
  const oleWith = (streams: string[]) => {
    const cfb = X.CFB.utils.cfb_new();
    for (const name of streams) X.CFB.utils.cfb_add(cfb, `/${name}`, Buffer.alloc(600, 1));
    return Buffer.from(X.CFB.write(cfb, { type: 'buffer' }) as Buffer);
  };
  /** A Word file's streams with only its header: identifier, version and flags (0x0100 encrypted, 0x0200 1Table). */
  const wordFile = (ident: number, nFib: number, flags: number) => {
    const wd = Buffer.alloc(1024);
    wd.writeUInt16LE(ident, 0);
    wd.writeUInt16LE(nFib, 2);
    wd.writeUInt16LE(flags, 0xa);
    const cfb = X.CFB.utils.cfb_new();
    X.CFB.utils.cfb_add(cfb, '/WordDocument', wd);
    X.CFB.utils.cfb_add(cfb, '/1Table', Buffer.alloc(600));
    return Buffer.from(X.CFB.write(cfb, { type: 'buffer' }) as Buffer);
  };
  /** A .doc whose WordDocument stream ends in its text (the pages of properties after it are gone). */
  const cutDoc = () => {
    const cfb = X.CFB.read(docOf([{ rows: rowsOf(sampleText()) }]), { type: 'buffer' });
    const wd = X.CFB.find(cfb, 'WordDocument');
    wd.content = wd.content.subarray(0, 4096);
    wd.size = 4096;
    return Buffer.from(X.CFB.write(cfb, { type: 'buffer' }) as Buffer);
  };
  const cases: [string, () => Buffer | string, RegExp][] = [
    ['broken.xlsx', () => Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from('xl/workbook.xml'), Buffer.alloc(200, 7)]), /broken\.xlsx: is not a readable xlsx workbook/],
    ['locked.xlsx', encrypted, /^evalcheck: .*locked\.xlsx: is a password-protected Office file \(its package is encrypted\): save it without a password and run again$/],
    ['damaged.doc', () => oleWith(['WordDocument', '1Table']), /^evalcheck: .*damaged\.doc: is not a readable \.doc document \(no Word file header\)$/],
    // A Word document under a workbook's name: the streams decide, not the name (the .doc reader says what is wrong).
    ['renamed.xls', () => oleWith(['WordDocument']), /renamed\.xls: is not a readable \.doc document \(no Word file header\)$/],
    ['word95.doc', () => wordFile(0xa5dc, 0x0065, 0), /word95\.doc: is a Word 6\.0\/95 document: save it as \.docx in Word or WPS and run again$/],
    ['locked.doc', () => wordFile(0xa5ec, 0x00c1, 0x0300), /^evalcheck: .*locked\.doc: is a password-protected \.doc document: save it without a password and run again$/],
    ['notes.doc', () => docOf([]), /notes\.doc: has no table \(a \.doc without tables\)$/],
    // A body embedded whole as RTF (altChunk): not read, and said, rather than "a .docx without tables".
    ['chunk.docx', () => docxAltChunkOf(rtfOf([{ rows: rowsOf(sampleText()) }]), 'chunk.html'), /chunk\.docx: holds an embedded part \(word\/chunk\.html\) that is not a web page: open it in Word, save it as \.docx and run again$/],
    ['lost.docx', () => docxWith('<w:document xmlns:w="w" xmlns:r="r"><w:body><w:altChunk r:id="c1"/></w:body></w:document>', { 'word/_rels/document.xml.rels': Buffer.from('<Relationships><Relationship Id="c1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="afchunk.mht"/></Relationships>') }), /lost\.docx: is not a readable \.docx document \(its embedded part word\/afchunk\.mht is missing\)$/],
    ['cut.doc', () => cutDoc(), /cut\.doc: is not a readable \.doc document \(the WordDocument stream is cut short\)$/],
    ['slides.xls', () => oleWith(['PowerPoint Document']), /slides\.xls: is a PowerPoint presentation, not an exported table$/],
    ['printed.pdf', () => '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n', /^evalcheck: .*printed\.pdf: is a PDF document, not an exported table: read the Excel, Word or text file the PDF was printed from$/],
    // A PDF saved under a text export's name is still a PDF (it read as 5 lines of no table before).
    ['printed.txt', () => '%PDF-1.4\n1 0 obj <<>> endobj\n', /printed\.txt: is a PDF document/],
    ['scan.jpg', () => Buffer.from('ffd8ffe000104a46494600010100', 'hex'), /scan\.jpg: is an image \(JPEG\), not an exported table: a scanned table has to be exported or typed first$/],
    ['tables.rar', () => Buffer.from('526172211a0700cf907300000d', 'hex'), /tables\.rar: is a RAR archive: extract it and check the files in it$/],
    ['tables.7z', () => Buffer.from('377abcaf271c0004', 'hex'), /tables\.7z: is a 7z archive: extract it and check the files in it$/],
    ['table.txt.gz', () => Buffer.from('1f8b0800000000000003', 'hex'), /table\.txt\.gz: is a gzip archive: extract it and check the file in it$/],
    ['notes.rtf', () => '{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}\\pard \\\'d7\\\'d4\\\'c6\\\'c0\\par}', /notes\.rtf: has no table \(an RTF document without tables\)$/],
    ['report.odt', () => Buffer.concat([Buffer.from('504b0304140000000000', 'hex'), Buffer.alloc(18, 0), Buffer.from('mimetypeapplication/vnd.oasis.opendocument.text'), Buffer.alloc(40, 1)]), /report\.odt: is not a readable \.odt document \(.+\)$/],
    ['letter.odt', () => odtOf([]), /letter\.odt: has no table \(an \.odt without tables\)$/],
    ['notice.ofd', () => Buffer.concat([Buffer.from('504b030414000000', 'hex'), Buffer.from('OFD.xml'), Buffer.alloc(40, 1)]), /notice\.ofd: is an OFD document, not an exported table/],
    // (A zip named .zip is opened: see the archive tests. Under another name it is only said what it is.)
    ['bundle.bin', () => Buffer.concat([Buffer.from('504b030414000000', 'hex'), Buffer.from('readme.txt'), Buffer.alloc(40, 1)]), /bundle\.bin: is a zip archive but not a workbook or document: if it holds tables, give it a \.zip name to read them$/],
    ['empty.docx', () => docxWith('<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>只有文字</w:t></w:r></w:p></w:body></w:document>'), /empty\.docx: has no table \(a \.docx without tables\)/],
    ['page.html', () => '<!DOCTYPE html><html><body><p>绩效自评结果公开</p></body></html>', /page\.html: has no table \(an HTML page without <table>\)/],
    ['photo.xlsx', () => Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), /photo\.xlsx: is an image \(PNG\), not an exported table/],
    ['data.xlsx', () => Buffer.from('0102030400000000aabbccdd', 'hex'), /data\.xlsx: is not a \.xlsx workbook \(neither a zip nor an OLE file\): renamed from another format\?$/],
  ];

  test.each(cases)('%s: one line naming the file, exit 2, the other input still checked', async (name, bytes, message) => {
    const bad = put(name, bytes());
    const good = put(`good-${name}.xlsx`, workbookOf([{ name: 'Sheet1', rows: rowsOf(sampleText()) }], 'xlsx'));
    const r = await cli(['verify', bad, good, '--format', 'json']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const doc = JSON.parse(r.stdout);
    expect(doc.files.map((f: { path: string; format: string }) => [f.path, f.format])).toEqual([[good, 'xlsx']]);
    expect(doc.failures.map((f: { path: string }) => f.path)).toEqual([bad]);
  });

  test("only the root's streams say what an OLE file is: an object embedded in it has streams of its own", async () => {
    // An .xls with a Word document embedded in it is a workbook …
    const xls = X.CFB.read(workbookOf([{ name: 'Sheet1', rows: rowsOf(sampleText()) }], 'biff8'), { type: 'buffer' });
    X.CFB.utils.cfb_add(xls, '/MBD00000001/WordDocument', Buffer.alloc(600, 1));
    const withDoc = put('with-object.xls', Buffer.from(X.CFB.write(xls, { type: 'buffer' }) as Buffer));
    const r = await cli(['verify', withDoc, '-q']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    // … and a Word document with a workbook embedded in it is a document.
    const doc = X.CFB.read(docOf([{ rows: rowsOf(sampleText()) }]), { type: 'buffer' });
    X.CFB.utils.cfb_add(doc, '/ObjectPool/_1234/Workbook', Buffer.alloc(600, 2));
    const withBook = put('with-book.xls', Buffer.from(X.CFB.write(doc, { type: 'buffer' }) as Buffer));
    const d = await cli(['verify', withBook, '-f', 'json']);
    expect([d.code, d.stderr]).toEqual([0, '']);
    expect(JSON.parse(d.stdout).files.map((f: { format: string; projects: unknown[] }) => [f.format, f.projects.length])).toEqual([['doc', 8]]);
    // What a damaged .doc lacks, said in Chinese too.
    const cut = put('cut-zh.doc', cutDoc());
    const z = await cli(['verify', cut, '--lang', 'zh']);
    expect([z.code, z.stderr.trim()]).toEqual([2, `evalcheck: ${cut}: 无法读取的 .doc 文档（WordDocument 流被截断）`]);
  });

  test('a cut, flipped or spliced RTF is read or refused with a known error, never a crash; cut inside a skipped group, it says so', async () => {
    const source = rtfOf([{ rows: rowsOf(sampleText()) }]);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ cut: fc.double({ min: 0, max: 1, noNaN: true }) }),
          fc.record({ flips: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.nat(255)), { minLength: 1, maxLength: 8 }) }),
          fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), insert: fc.constantFrom('{', '}', '\\', '\\bin999999 ', '\\u-1', "\\'", '\\*', '{\\*\\x ', '\\cell ', '\\row ', '\\trowd ', '\\cellx-5 ') }),
        ),
        async (m) => {
          let b = Buffer.from(source);
          if ('cut' in m) b = b.subarray(0, Math.floor(m.cut * b.length));
          else if ('flips' in m) for (const [at, v] of m.flips) b[Math.floor(at * b.length)] = v;
          else {
            const at = Math.floor(m.at * b.length);
            b = Buffer.concat([b.subarray(0, at), Buffer.from(m.insert, 'latin1'), b.subarray(at)]);
          }
          try {
            await verifyDocument(b, { path: 'x.rtf' });
          } catch (err) {
            expect((err as Error).name).toBe('EvalcheckError');
          }
        },
      ),
      { numRuns: 200, seed: Number(process.env.FC_SEED ?? 20261202) },
    );
    // Cut inside the picture group near the start: the rest of the document would be lost, so nothing is read.
    const cut = source.subarray(0, source.indexOf('89504e47'));
    await expect(verifyDocument(cut, { path: 'cut.rtf' })).rejects.toThrow('is not a readable RTF document (it ends inside a group that was never closed)');
  });

  test('a cut or flipped .doc is read or refused with a known error, never a crash', async () => {
    const sources = [docOf([{ rows: rowsOf(sampleText()) }]), docOf([{ rows: rowsOf(sampleText()) }], { fastSaved: true })];
    // Flips inside the streams (the compound file around them is SheetJS's to check): the FIB, the piece table, the pages.
    const streams = sources.map((b) => X.CFB.read(b, { type: 'buffer' }));
    await fc.assert(
      fc.asyncProperty(
        fc.nat(1),
        fc.constantFrom('WordDocument', '1Table'),
        fc.oneof(fc.record({ cut: fc.double({ min: 0, max: 1, noNaN: true }) }), fc.record({ flips: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.nat(255)), { minLength: 1, maxLength: 8 }) })),
        async (which, name, m) => {
          const cfb = X.CFB.read(X.CFB.write(streams[which]!, { type: 'buffer' }), { type: 'buffer' });
          const e = X.CFB.find(cfb, name);
          let b = Buffer.from(e.content);
          if ('cut' in m) b = b.subarray(0, Math.floor(m.cut * b.length));
          else for (const [at, v] of m.flips) b[Math.floor(at * b.length)] = v;
          e.content = b;
          e.size = b.length;
          try {
            await verifyDocument(Buffer.from(X.CFB.write(cfb, { type: 'buffer' }) as Buffer), { path: 'x.doc' });
          } catch (err) {
            expect((err as Error).name).toBe('EvalcheckError');
          }
        },
      ),
      { numRuns: 200, seed: Number(process.env.FC_SEED ?? 20261202) },
    );
  });
});

describe('the CLI on workbooks, documents and pages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evalcheck-cli-sources-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const rate = fixture('faults/rate-mismatch.txt').toString('utf8');
  const rows = rowsOf(rate);
  writeFileSync(join(dir, 'a.xlsx'), workbookOf([{ name: 'Sheet1', rows }], 'xlsx'));
  writeFileSync(join(dir, 'b.docx'), docxOf([{ rows }]));
  writeFileSync(join(dir, 'c.html'), htmlOf([{ rows }]));
  writeFileSync(join(dir, 'd.csv'), csvOf(rows));
  writeFileSync(join(dir, 'e.xls'), workbookOf([{ name: 'Sheet1', rows }], 'biff8'));
  writeFileSync(join(dir, 'f.mht'), mhtOf([{ name: 'Sheet1', rows }], 'excel'));
  // A web system's "export to Excel": a web archive named .xls.
  writeFileSync(join(dir, 'g.xls'), mhtOf([{ name: 'Sheet1', rows }], 'web'));
  writeFileSync(join(dir, 'h.ods'), workbookOf([{ name: 'Sheet1', rows }], 'ods'));
  writeFileSync(join(dir, 'i.xlsb'), workbookOf([{ name: 'Sheet1', rows }], 'xlsb'));
  writeFileSync(join(dir, 'j.doc'), docOf([{ rows }]));
  // WPS Office's own formats: a spreadsheet (.et, BIFF8) and a document (.wps, Word 97-2003).
  writeFileSync(join(dir, 'k.et'), workbookOf([{ name: 'Sheet1', rows }], 'biff8'));
  writeFileSync(join(dir, 'l.wps'), docOf([{ rows }]));
  writeFileSync(join(dir, 'm.odt'), odtOf([{ rows }]));
  writeFileSync(join(dir, '~$a.xlsx'), 'lock');
  const col = columnName(parseInput(rate).projects.find((p) => p.funds.total?.rate?.num?.text === '95.21')!.funds.total!.rate!.col);

  test('a directory picks up every format (not Office lock files); each finds the same error', async () => {
    const r = await cli(['verify', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.files.map((f: { format: string }) => f.format)).toEqual(['xlsx', 'docx', 'html', 'csv', 'xls', 'mht', 'mht', 'ods', 'xlsx', 'doc', 'xls', 'doc', 'odt']);
    // (At line 27 of the text, and at row 27 of each sheet or table: an .ods sheet's rows read start at its used range.)
    for (const f of doc.files) expect(f.findings.filter((x: { severity: string }) => x.severity === 'error').map((x: { code: string; line: number; where?: { row: number } }) => `${x.code}@${x.where?.row ?? x.line}`)).toEqual(['rate-mismatch@27']);
    for (const i of [0, 5, 6, 7, 8]) expect(doc.files[i].findings.find((x: { code: string }) => x.code === 'rate-mismatch').where).toEqual({ sheet: 'Sheet1', row: 27, col: col.charCodeAt(0) - 65, cell: `${col}27` });
  });

  test('the table output shows the cell; summary and parse read workbooks too', async () => {
    const r = await cli(['verify', join(dir, 'a.xlsx'), '--no-color']);
    expect(r.stdout).toContain(`Sheet1!${col}27`);
    expect(r.stdout).toMatch(/format XLSX/);
    const s = await cli(['summary', join(dir, 'a.xlsx'), join(dir, 'b.docx'), '--format', 'csv']);
    expect(s.stdout.trim().split('\n')).toHaveLength(1 + 2 * 8);
    const p = await cli(['parse', join(dir, 'c.html'), '--format', 'json']);
    expect(JSON.parse(p.stdout).files[0].projects).toHaveLength(8);
  });

  test('SARIF and GitHub use the row as the line and name the cell', async () => {
    const s = JSON.parse((await cli(['verify', join(dir, 'a.xlsx'), '--format', 'sarif'])).stdout);
    const res = s.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'rate-mismatch');
    expect(res.locations[0].physicalLocation.region).toEqual({ startLine: 27, startColumn: col.charCodeAt(0) - 64 });
    expect(res.message.text.startsWith(`[Sheet1!${col}27] `)).toBe(true);
    const g = (await cli(['verify', join(dir, 'b.docx'), '--format', 'github'])).stdout;
    expect(g).toMatch(new RegExp(`::error file=[^,]+b\\.docx,line=27,col=${col.charCodeAt(0) - 64},title=evalcheck rate-mismatch::\\[table 1, row 27, column ${col.charCodeAt(0) - 64}\\]`));
  });

  test('--input-format forces a reader', async () => {
    writeFileSync(join(dir, 'export.dat'), htmlOf([{ rows }]));
    const r = await cli(['verify', join(dir, 'export.dat'), '--input-format', 'html', '--format', 'json']);
    expect(JSON.parse(r.stdout).files[0].format).toBe('html');
    const bad = await cli(['verify', join(dir, 'export.dat'), '--input-format', 'pdf']);
    expect(bad.code).toBe(2);
  });

  test('rescore refuses a workbook (exit 2, nothing written) and --diff lists the cells to change', async () => {
    const before = readFileSync(join(dir, 'a.xlsx'));
    const r = await cli(['rescore', join(dir, 'a.xlsx'), '--write']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/a\.xlsx: is a xlsx input: rescore rewrites text exports only, and nothing was written; `rescore --diff` lists the cells to change/);
    expect(readFileSync(join(dir, 'a.xlsx'))).toEqual(before);
    const d = await cli(['rescore', join(dir, 'a.xlsx'), '--diff']);
    expect(d.stdout).toBe(`${join(dir, 'a.xlsx')}: Sheet1!${col}27: 95.21 → 95.12 (rate) ${parseInput(rate).projects.find((p) => p.funds.total?.rate?.num?.text === '95.21')!.name}\n`);
  });

  test('reading text does not load the readers; reading a workbook does', () => {
    // Every module the executable requires, written to fd 3 at exit.
    const loaded = (file: string): string[] => {
      const hook = `const M=require('module');const seen=new Set();const o=M._load;M._load=function(r,...a){seen.add(r);return o.call(this,r,...a)};process.argv=[process.argv[0],'evalcheck','verify',${JSON.stringify(file)}];process.on('exit',()=>{require('fs').writeSync(3,JSON.stringify([...seen]))});require('./bin/evalcheck.cjs')`;
      const r = spawnSync(process.execPath, ['-e', hook], { cwd: ROOT, stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
      return JSON.parse(r.output[3]!.toString()) as string[];
    };
    const readers = ['@e965/xlsx', 'fflate', 'saxes', './parse5.cjs'];
    expect(readers.filter((m) => loaded(SAMPLE).includes(m))).toEqual([]);
    expect(readers.filter((m) => loaded(join(dir, 'a.xlsx')).includes(m))).toEqual(['@e965/xlsx']);
    expect(readers.filter((m) => loaded(join(dir, 'b.docx')).includes(m))).toEqual(['fflate', 'saxes']);
    expect(readers.filter((m) => loaded(join(dir, 'c.html')).includes(m))).toEqual(['./parse5.cjs']);
    expect(readers.filter((m) => loaded(join(dir, 'f.mht')).includes(m))).toEqual(['./parse5.cjs']);
  }, 30_000);
});

describe('web archives (.mht): Excel and Word single file web pages, web systems\' ".xls"', () => {
  const text = fixture('faults/rate-mismatch.txt').toString('utf8');
  const rows = rowsOf(text);
  const want = verifyInput(text);
  const codes = (r: VerifyResult) => r.findings.map((f) => `${f.code}@${f.line}`).sort();

  test.each(['excel', 'web', 'base64'] as const)('%s: each sheet read as the sheet it is, named by the sheet list; the frameset and tab strip not read', async (style) => {
    const r = await verifyDocument(mhtOf([{ name: '自评表', rows }, { name: '第二张', rows }], style), { path: `book.${style === 'excel' ? 'mht' : 'xls'}` });
    expect(r.format).toBe('mht');
    expect(r.projects.map((p) => p.project.name)).toEqual([...want.projects, ...want.projects].map((p) => p.project.name));
    // The second sheet's lines follow the first's; every finding of the text export, once per sheet, nothing else.
    const n = rows.length;
    expect(codes(r)).toEqual([...want.findings.map((f) => `${f.code}@${f.line}`), ...want.findings.map((f) => `${f.code}@${f.line! + n}`)].sort());
    const rate = r.findings.filter((f) => f.code === 'rate-mismatch');
    expect(rate.map((f) => [f.where?.sheet, f.where?.row])).toEqual([['自评表', 27], ['第二张', 27]]);
  });

  test('a page the sheet list does not name is still read when it holds a table title (never dropped unsaid)', async () => {
    const full = mhtOf([{ name: '自评表', rows }, { name: 'Sheet2', rows }], 'web').toString('utf8');
    const unlisted = full.replace('<x:ExcelWorksheet><x:Name>Sheet2</x:Name><x:WorksheetSource HRef="cid:sheet1"/></x:ExcelWorksheet>', '');
    expect(unlisted).not.toBe(full);
    const r = await verifyDocument(Buffer.from(unlisted), { path: 'export.xls' });
    expect(r.projects).toHaveLength(2 * want.projects.length);
    expect(r.projects.map((p) => (p.where?.sheet ?? `table ${p.where?.table}`))).toEqual([...want.projects.map(() => '自评表'), ...want.projects.map(() => 'table 1')]);
  });

  test('excel, one sheet: the table stands in the page that lists the sheet', async () => {
    const r = await verifyDocument(mhtOf([{ name: '项目自评', rows }], 'excel'), { path: 'one.mht' });
    expect(codes(r)).toEqual(codes(want));
    expect(r.findings.find((f) => f.code === 'rate-mismatch')?.where).toMatchObject({ sheet: '项目自评', row: 27 });
  });

  test('word: a gb2312 page in quoted-printable, its tables read one after another as in a .docx', async () => {
    const r = await verifyDocument(mhtOf([{ name: '', rows }], 'word'), { path: 'report.mht' });
    expect(r.format).toBe('mht');
    expect(r.projects[0]!.project.name).toBe('信息化建设项目');
    expect(r.projects.map((p) => p.project.name)).toEqual(want.projects.map((p) => p.project.name));
    expect(codes(r)).toEqual(codes(want));
    expect(r.findings.find((f) => f.code === 'rate-mismatch')?.where).toEqual({ table: 1, row: 27, col: expect.any(Number) });
  });

  test('quoted-printable: =XX bytes, soft line breaks (CRLF and LF), a stray = kept; the encoder\'s inverse', () => {
    const dec = (s: string) => Buffer.from(fromQuotedPrintable(Buffer.from(s, 'latin1'))).toString('latin1');
    expect(dec('a=3Db=\r\nc=\nd')).toBe('a=bcd');
    expect(dec('=C9=CF=ba=a3')).toBe('\xc9\xcf\xba\xa3');
    expect(dec('50% = x=')).toBe('50% = x=');
    expect(dec('=G1=')).toBe('=G1=');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        // (Line breaks are kept as they are, so the round trip holds for bytes without a lone CR or LF.)
        const b = Buffer.from(bytes.filter((x) => x !== 0x0a && x !== 0x0d));
        expect(Buffer.from(fromQuotedPrintable(Buffer.from(quotedPrintable(b), 'latin1')))).toEqual(b);
      }),
      { numRuns: 300, seed: Number(process.env.FC_SEED ?? 20261201) },
    );
  });

  test('a cut, flipped or spliced archive is read or refused with a known error, never a crash', async () => {
    const sources = (['excel', 'word', 'web', 'base64'] as const).map((st) => mhtOf([{ name: '自评表', rows }, { name: 'Sheet2', rows: rows.slice(0, 30) }], st));
    await fc.assert(
      fc.asyncProperty(
        fc.nat(3),
        fc.oneof(
          fc.record({ cut: fc.double({ min: 0, max: 1, noNaN: true }) }),
          fc.record({ flips: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.nat(255)), { minLength: 1, maxLength: 8 }) }),
          fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), insert: fc.constantFrom('\r\n--', '=', '\r\n\r\n', 'Content-Type: text/html\r\n', '\0', 'Content-Transfer-Encoding: base64\r\n') }),
        ),
        async (which, m) => {
          let b = Buffer.from(sources[which]!);
          if ('cut' in m) b = b.subarray(0, Math.floor(m.cut * b.length));
          else if ('flips' in m) for (const [at, v] of m.flips) b[Math.floor(at * b.length)] = v;
          else {
            const at = Math.floor(m.at * b.length);
            b = Buffer.concat([b.subarray(0, at), Buffer.from(m.insert), b.subarray(at)]);
          }
          try {
            await verifyDocument(b, { path: 'x.mht' });
          } catch (e) {
            expect((e as Error).name).toBe('EvalcheckError');
          }
        },
      ),
      { numRuns: 150, seed: Number(process.env.FC_SEED ?? 20261201) },
    );
  }, 60_000);

  test('an archive without a page, or whose pages hold no table: one line naming the file', async () => {
    const b = 'BOUNDARY';
    const only = (type: string, body: string) => Buffer.from(`MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="${b}"\r\n\r\n--${b}\r\nContent-Location: file:///C:/x/${type === 'image/png' ? 'image001.png' : 'page.htm'}\r\nContent-Type: ${type}\r\n\r\n${body}\r\n--${b}--\r\n`, 'utf8');
    await expect(verifyDocument(only('image/png', 'iVBORw0KGgo='), { path: 'pic.mht' })).rejects.toThrow(/^is a web archive \(\.mht\) without a page in it$/);
    await expect(verifyDocument(only('text/html; charset="utf-8"', '<html><body><p>说明</p></body></html>'), { path: 'note.mht' })).rejects.toThrow(/^has no table \(a web archive without <table>\)$/);
    const r = await cli(['verify', '-', '--lang', 'zh'], { stdin: only('text/html', '<p>x</p>') });
    expect([r.code, r.stderr]).toEqual([2, 'evalcheck: -: 没有表格（.mht 网页存档中没有 <table>）\n']);
  });
});

test('a page is told by its first tags, past an XML declaration and comments, whatever its name', () => {
  for (const start of ['<table border=1><tr><td>x', '\ufeff\r\n  <html xmlns:x="urn:schemas-microsoft-com:office:excel">', '<meta http-equiv="content-type" content="application/vnd.ms-excel; charset=utf-8">', '<style>td{mso-number-format:"\\@"}</style><table>', '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">\n<html>', '<!-- exported by 预算一体化系统 -->\n<html>', '<title>绩效自评</title>'])
    expect([start, formatOf('export.xls', Buffer.from(`${start}</td></tr></table>`))]).toEqual([start, 'html']);
  // Text that merely starts with "<" is text.
  for (const start of ['<项目支出绩效自评表>\t\t', '<tablet>', '<!-- a comment --> 项目名称\tx']) expect([start, formatOf('a.txt', Buffer.from(start))]).toEqual([start, 'text']);
});

test('an Excel 2003 XML workbook (SpreadsheetML) is told by its first bytes, named .xls or .txt, and read as a workbook', async () => {
  const rows = rowsOf(fixture('faults/rate-mismatch.txt').toString('utf8'));
  for (const [bytes, path] of [[workbookOf([{ name: '自评表', rows }], 'xlml'), 'export.xls'], [workbookOf([{ name: '自评表', rows }], 'xlml-gb2312'), 'export.txt']] as const) {
    expect(formatOf(path, bytes)).toBe('xml');
    const r = await verifyDocument(bytes, { path });
    expect([r.format, r.projects[0]!.project.name]).toEqual(['xml', '信息化建设项目']);
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.where?.sheet, f.where?.row])).toEqual([['rate-mismatch', '自评表', 27]]);
  }
  // Other XML is not a workbook: it reads as text.
  expect(formatOf('data.xls', Buffer.from('<?xml version="1.0"?>\n<root><a>1</a></root>\n'))).toBe('text');
});

test('parseDocument gives the records with their format', async () => {
  const p = await parseDocument(workbookOf([{ name: 'Sheet1', rows: rowsOf(sampleText()) }], 'xlsx'), { path: 'x.xlsx' });
  expect(p.format).toBe('xlsx');
  expect(p.projects.map((x) => x.name)).toEqual(parseInput(sampleText()).projects.map((x) => x.name));
  expect(() => parseInput(workbookOf([{ name: 'Sheet1', rows: [['x']] }], 'xlsx'), { path: 'x.xlsx' })).toThrow(/parseDocument/);
});

describe('document and page readers, cell by cell', () => {
  const rowsOfDoc = async (bytes: Buffer | string, path: string) => {
    const out: [number, string[]][] = [];
    const { feedAny } = await import('../src/source/index.js');
    const meta = await feedAny(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, path, {}, { row: (c, line) => out.push([line, [...c]]), boundary: () => {} });
    return { rows: out, meta };
  };
  const tc = (text: string, pr = '') => `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ''}<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;

  test('odt: covered cells, white space as ODF collapses it, text:s, repeats, two paragraphs, a nested table; notes and comments left out', async () => {
    const P = (t: string) => `<text:p>${t}</text:p>`;
    const c = (inner: string, attrs = '') => `<table:table-cell${attrs}>${inner}</table:table-cell>`;
    const content = `<office:document-content xmlns:office="o" xmlns:text="t" xmlns:table="tb" xmlns:draw="d"><office:body><office:text>
      ${P('附件2')}${P('  项目支出绩效自评表  ')}
      <table:table table:name="T1">
        <table:table-column table:number-columns-repeated="4"/>
        <table:table-row>${c(P('项目名称'))}${c(P('某<text:span>项目</text:span>'), ' table:number-columns-spanned="3"')}<table:covered-table-cell/><table:covered-table-cell/></table:table-row>
        <table:table-row>${c(P('主管  部门\n 单位'))}${c(P('甲<text:s text:c="2"/>乙'))}${c('', ' table:number-columns-repeated="2"')}</table:table-row>
        <table:table-row>${c(P('合并'), ' table:number-rows-spanned="2"')}${c(P('第一段') + P('第二段'))}${c(P('88.32<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>注</text:p></text:note-body></text:note><office:annotation><text:p>请核实</text:p></office:annotation>'))}${c(P('<draw:frame><draw:text-box><text:p>文本框</text:p></draw:text-box></draw:frame>a<text:tab/>b<text:line-break/>c'))}</table:table-row>
        <table:table-row table:number-rows-repeated="2"><table:covered-table-cell/>${c('<table:table><table:table-row>' + c(P('内')) + c(P('表')) + '</table:table-row></table:table>')}${c(P('x'))}</table:table-row>
      </table:table>
      ${P('<text:tracked-changes><text:changed-region><text:deletion><text:p>删去的</text:p></text:deletion></text:changed-region></text:tracked-changes>正文')}
    </office:text></office:body></office:document-content>`;
    const odt = Buffer.from(zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }], 'content.xml': strToU8(content) }));
    const { rows, meta } = await rowsOfDoc(odt, 'x.odt');
    expect(meta.format).toBe('odt');
    expect(rows).toEqual([
      [1, ['项目支出绩效自评表']],
      [2, ['项目名称', '某项目']],
      [3, ['主管 部门 单位', '甲  乙']],
      [4, ['合并', '第一段\n第二段', '88.32', 'a\tb\nc']],
      [5, ['', '内\n表', 'x']],
      [6, ['', '内\n表', 'x']],
    ]);
  });

  test('docx: gridSpan, vMerge, gridBefore, tracked deletions, tab stops, two paragraphs, a nested table, the title above', async () => {
    const doc = `<w:document xmlns:w="w"><w:body>
      <w:p><w:r><w:t>附件2</w:t></w:r></w:p><w:p><w:r><w:t>项目支出绩效自评表</w:t></w:r></w:p>
      <w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid>
        <w:tr>${tc('项目名称')}${tc('某项目', '<w:gridSpan w:val="3"/>')}</w:tr>
        <w:tr>${tc('产出指标', '<w:vMerge w:val="restart"/>')}${tc('数量指标')}<w:tc><w:p><w:r><w:t>A</w:t></w:r><w:del><w:r><w:delText>旧</w:delText></w:r></w:del><w:r><w:tab/><w:t>B</w:t></w:r></w:p><w:p><w:r><w:t>第二段</w:t></w:r></w:p></w:tc>${tc('1')}</w:tr>
        <w:tr>${tc('', '<w:vMerge/>')}${tc('质量指标')}<w:tc><w:tbl><w:tr>${tc('内表')}</w:tr></w:tbl><w:p/></w:tc>${tc('2')}</w:tr>
        <w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>${tc('&lt;&amp;&gt;')}</w:tr>
      </w:tbl><w:p><w:r><w:t>单位负责人：</w:t></w:r></w:p></w:body></w:document>`;
    const { rows, meta } = await rowsOfDoc(docxWith(doc), 'x.docx');
    expect(rows).toEqual([
      [1, ['项目支出绩效自评表']],
      [2, ['项目名称', '某项目', '', '']],
      [3, ['产出指标', '数量指标', 'A\tB\n第二段', '1']],
      [4, ['', '质量指标', '内表', '2']],
      [5, ['', '', '<&>']],
    ]);
    expect(meta.map!.locate(1)).toEqual({ table: 1, row: 0 });
    expect(meta.map!.locate(3, 2)).toEqual({ table: 1, row: 2, col: 2 });
    expect(whereText(meta.map!.locate(1)!, 'en')).toBe('table 1, the title above it');
    expect(whereText(meta.map!.locate(1)!, 'zh')).toBe('表1 上方标题');
    expect(whereText(meta.map!.locate(3, 2)!, 'zh')).toBe('表1 第2行第3列');
  });

  // A .doc's paragraphs: a plain one, a cell (ended by its cell mark), a row's end with its cell edges and merge flags.
  const P = (text: string, grpprl: number[] = [], mark: 0x0d | 0x07 = 0x0d, deleted?: [number, number][]): DocPara => ({ text, mark, grpprl, ...(deleted ? { deleted } : {}) });
  const C = (text: string, deleted?: [number, number][]) => P(text, IN_TABLE, 0x07, deleted);
  const ROW = (edges: number[], grf: number[]) => P('', [...IN_TABLE, ...TTP, ...tDefTable(edges, grf)], 0x07);
  /** The table the .doc and the RTF cell-by-cell tests write, as both must read it (the last row's cell differs). */
  const MERGED = (last: string): [number, string[]][] => [
    [1, ['项目支出绩效自评表']],
    [2, ['项目名称', '某-项目𠀀', '', '']],
    [3, ['产出指标', '数量指标', 'A\tB\n第二段', '是']],
    [4, ['', '质量指标', '内\n表', '2']],
    [5, ['', '', last, '']],
  ];

  test('doc: cell edges across (a wide cell, a row that starts further right), vertical merges, tracked deletions, fields, a nested table, a character outside the BMP, the title above', async () => {
    const four = [0, 1000, 2000, 3000, 4000];
    const paras = [
      P('附件2'),
      P('项目支出绩效自评表'),
      // A cell as wide as three columns of the rows below.
      C('项目名称'),
      C('某\x1e项目𠀀'),
      ROW([0, 1000, 4000], [0, 0]),
      // A vertical merge starts; a cell of two paragraphs, with a tab and deleted text in the first; a field's result.
      C('产出指标'),
      C('数量指标'),
      P('A旧\tB', IN_TABLE, 0x0d, [[1, 2]]),
      C('第二段'),
      C('\x13 IF \x13 =1 \x141\x15 = 1 "是" \x14是\x15'),
      ROW(four, [0x60, 0, 0, 0]),
      // The merge goes on; a table nested in a cell.
      C(''),
      C('质量指标'),
      P('内', [...IN_TABLE, ...itap(2), ...INNER_CELL]),
      P('表', [...IN_TABLE, ...itap(2), ...INNER_CELL]),
      P('', [...IN_TABLE, ...itap(2), ...INNER_TTP, ...INNER_CELL]),
      P('', [...IN_TABLE, ...itap(1)], 0x07),
      C('2'),
      ROW(four, [0x20, 0, 0, 0]),
      // A row that starts two columns in: a line break and a picture in its cell.
      C('x\x0by\x01'),
      ROW([2000, 4000], [0]),
      P('单位负责人：'),
    ];
    for (const fastSaved of [false, true]) {
      const { rows, meta } = await rowsOfDoc(docWith(paras, { fastSaved }), 'x.doc');
      expect(rows).toEqual(MERGED('x\ny'));
      expect(meta.format).toBe('doc');
      expect(meta.map!.locate(3, 2)).toEqual({ table: 1, row: 2, col: 2 });
      expect(whereText(meta.map!.locate(1)!, 'zh')).toBe('表1 上方标题');
    }
  });

  test('doc: a row whose cell edges are missing is read a column per cell, and said; a cell mark outside a table is an error', async () => {
    const paras = [P('项目支出绩效自评表'), C('项目名称'), C('某项目'), P('', [...IN_TABLE, ...TTP, ...tDefTable([0, 1000, 4000], [0, 0])], 0x07), C('a'), C('b'), C('c'), P('', [...IN_TABLE, ...TTP], 0x07), P('')];
    const { rows, meta } = await rowsOfDoc(docWith(paras), 'x.doc');
    expect(rows).toEqual([
      [1, ['项目支出绩效自评表']],
      [2, ['项目名称', '某项目']],
      [3, ['a', 'b', 'c']],
    ]);
    expect(meta.findings.map((f) => [f.code, f.severity, f.line, f.args])).toEqual([['cell-edges-missing', 'warning', 3, { table: 1, row: 2, cells: 3 }]]);
    expect(formatMessage(meta.findings[0]!, 'zh')).toBe('文档中表1第2行没有记录单元格的位置，其 3 个单元格按顺序各占一列读取，可能与上下行错位');
    const stray = [P('项目支出绩效自评表'), P('x', [], 0x07), P('')];
    await expect(rowsOfDoc(docWith(stray), 'y.doc')).rejects.toThrow('is not a readable .doc document (a table cell at character 11 without its properties)');
  });

  test('rtf: cell edges (a wide cell, a row that starts further right), vertical merges, GBK bytes and \\uN with their fallback, fields, deletions, a nested table; headers, pictures and starred destinations left out', async () => {
    const gbk = (s: string) => [...iconvLite.encode(s, 'gbk')].map((b) => `\\'${b.toString(16)}`).join('');
    const rtf = [
      `{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 ${gbk('宋体')};}{\\f1\\fswiss\\fcharset0 Arial;}}`,
      `{\\header \\pard ${gbk('项目支出绩效自评表（页眉）')}\\par}{\\*\\unknowndest ${gbk('不读')}}{\\pict\\pngblip 89504e47}`,
      `\\pard\\plain\\f0 ${gbk('附件2')}\\par ${gbk('项目支出绩效自评表')}\\par`,
      // A cell as wide as three of the columns below; \u with a two-byte fallback (\uc2).
      `\\trowd\\trleft-108\\cellx892\\cellx3892\\pard\\intbl ${gbk('项目名称')}\\cell {\\uc2\\u26576\\'c4\\'b3}\\_${gbk('项目')}\\u-10176?\\u-9216?\\cell \\pard\\intbl{\\trowd\\trleft-108\\cellx892\\cellx3892\\row}`,
      // A vertical merge starts; a cell of two paragraphs with a tab and deleted text; a field's result; \~ and \_.
      `\\trowd\\trleft-108\\clvmgf\\cellx892\\cellx1892\\cellx2892\\cellx3892\\pard\\intbl ${gbk('产出指标')}\\cell ${gbk('数量指标')}\\cell A{\\deleted ${gbk('旧')}}\\tab B\\par ${gbk('第二段')}\\cell {\\field{\\*\\fldinst { IF 1 = 1 "${gbk('是')}" }}{\\fldrslt ${gbk('是')}}}\\cell \\row`,
      // The merge goes on; a table nested in a cell; binary data skipped.
      `\\trowd\\trleft-108\\clvmrg\\cellx892\\cellx1892\\cellx2892\\cellx3892\\pard\\intbl \\cell ${gbk('质量指标')}\\cell \\pard\\intbl\\itap2 ${gbk('内')}\\nestcell ${gbk('表')}\\nestcell {\\*\\nesttableprops\\trowd\\cellx500\\cellx1000\\nestrow}{\\nonesttables \\par}\\pard\\intbl\\itap1 {\\*\\objdata \\bin4 }}}}}\\cell 2\\cell \\row`,
      // A row that starts two columns in: a line break, a no-break space and a non-breaking hyphen.
      `\\trowd\\trleft1892\\cellx3892\\pard\\intbl x\\line y\\~z\\_w\\cell \\row`,
      `\\pard\\plain ${gbk('单位负责人：')}\\par}`,
    ].join('\n');
    const { rows, meta } = await rowsOfDoc(Buffer.from(rtf, 'latin1'), 'x.doc');
    expect(rows).toEqual(MERGED('x\ny\u00a0z-w'));
    expect([meta.format, meta.encoding]).toEqual(['rtf', 'gbk']);
    expect(whereText(meta.map!.locate(3, 2)!, 'zh')).toBe('表1 第2行第3列');
  });

  test('html: colspan and rowspan, entities, <br>, scripts and layout tables looked through, the title above', async () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><script>var t = "<table>";</script></head><body>
      <table><tr><td><h2>项目支出绩效自评表</h2>
        <table><tbody>
          <tr><td>项目名称</td><td colspan="3">A&amp;B &lt;站&gt;</td></tr>
          <tr><th rowspan="2">产出指标</th><td>数量指标</td><td>第一行<br>第二行</td><td>1</td></tr>
          <tr><td>质量&nbsp;指标</td><td>  多个   空格 </td><td>2</td></tr>
        </tbody></table>
      </td></tr></table><p>联系电话</p></body></html>`;
    const gbk = Buffer.from(new TextEncoder().encode(html));
    const { rows } = await rowsOfDoc(gbk, 'x.html');
    expect(rows).toEqual([
      [1, ['项目支出绩效自评表']],
      [2, ['项目名称', 'A&B <站>', '', '']],
      [3, ['产出指标', '数量指标', '第一行\n第二行', '1']],
      [4, ['', '质量 指标', '多个 空格', '2']],
    ]);
  });

  test('html as Word saves it: footnote, endnote and comment marks are not read into the cell (88.32, not 88.32[1])', async () => {
    const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><div class=WordSection1>
      <p class=MsoNormal align=center>项目支出绩效自评表</p>
      <table class=MsoTableGrid border=1><tr>
        <td><p class=MsoNormal>执行率</p></td>
        <td><p class=MsoNormal>88.32<a style='mso-footnote-id:ftn1' href="#_ftn1" name="_ftnref1" title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><![if !supportFootnotes]><span class=MsoFootnoteReference>[1]</span><![endif]></span></span></a></p></td>
        <td><p class=MsoNormal>9.51<a style='mso-endnote-id:edn1' href="#_edn1" name="_ednref1" title=""><span class=MsoEndnoteReference>[i]</span></a></p></td>
        <td><p class=MsoNormal>已完成<span class=MsoCommentReference><a class=msocomanchor id="_anchor_1" href="#_msocom_1" language=JavaScript name="_msoanchor_1">[A1]</a></span></p></td>
        <td><p class=MsoNormal><a href="#_Toc1">见说明</a></p></td>
      </tr></table></div>
      <div style='mso-element:footnote-list'><div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText><a href="#_ftnref1" name="_ftn1">[1]</a> 数据来源：财务系统</p></div></div>
    </body></html>`;
    const { rows } = await rowsOfDoc(html, 'x.html');
    // (A link that is no note keeps its text.)
    expect(rows).toEqual([
      [1, ['项目支出绩效自评表']],
      [2, ['执行率', '88.32', '9.51', '已完成', '见说明']],
    ]);
  });

  test('html in GB18030 by its <meta charset>', async () => {
    const { encode } = await import('iconv-lite');
    const page = `<html><head><meta charset="GBK"></head><body><table><tr><td>项目支出绩效自评表</td></tr><tr><td>项目名称</td><td>测试</td></tr></table></body></html>`;
    const { rows, meta } = await rowsOfDoc(encode(page, 'gb18030'), 'x.htm');
    expect(meta.encoding).toBe('gb18030');
    expect(rows[1]).toEqual([2, ['项目名称', '测试']]);
  });
});

test('a document that names its encoding: the name wins, a Western one only when the bytes are neither UTF-8 nor GB18030', async () => {
  const { decodeDeclared } = await import('../src/parse/decode.js');
  const gb = Buffer.from((await import('iconv-lite')).default.encode('项目支出绩效自评表', 'gb18030'));
  expect(decodeDeclared(gb, 'x', 'windows-1252')).toEqual({ text: '项目支出绩效自评表', encoding: 'gb18030' });
  expect(decodeDeclared(Buffer.from('plain ascii'), 'x', 'windows-1252')).toEqual({ text: 'plain ascii', encoding: 'utf-8' });
  expect(decodeDeclared(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'x', 'windows-1252')).toEqual({ text: 'café', encoding: 'windows-1252' });
  expect(decodeDeclared(gb, 'x', 'gb18030').text).toBe('项目支出绩效自评表');
  // Named UTF-8 but GB18030 bytes: detection reads them.
  expect(decodeDeclared(gb, 'x', 'utf-8')).toEqual({ text: '项目支出绩效自评表', encoding: 'gb18030' });
  // A byte-order mark wins over the name.
  expect(decodeDeclared(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('自评', 'utf8')]), 'x', 'windows-1252').text).toBe('自评');
});

describe('workbooks saved by Excel as a web page (网页, .htm with its folder of sheet pages)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evalcheck-webpage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const text = fixture('faults/rate-mismatch.txt').toString('utf8');
  const rows = rowsOf(text);
  const want = verifyInput(text);
  const codes = (r: VerifyResult) => r.findings.map((f) => `${f.code}@${f.line}`).sort();
  const at = (name: string) => {
    const d = join(dir, name);
    mkdirSync(d);
    return d;
  };

  test('the frame page holds no table: each sheet page of its folder is read as the sheet it is, named by the list', async () => {
    const page = webPageOf(at('two'), [{ name: '自评表', rows }, { name: '第二张', rows }]);
    const r = await verifyDocument(readFileSync(page), { path: 'book.htm', file: page });
    expect(r.format).toBe('html');
    expect(r.encoding).toBe('gb18030');
    expect(r.projects.map((p) => p.project.name)).toEqual([...want.projects, ...want.projects].map((p) => p.project.name));
    const n = rows.length;
    expect(codes(r)).toEqual([...want.findings.map((f) => `${f.code}@${f.line}`), ...want.findings.map((f) => `${f.code}@${f.line! + n}`)].sort());
    expect(r.findings.filter((f) => f.code === 'rate-mismatch').map((f) => [f.where?.sheet, f.where?.row])).toEqual([['自评表', 27], ['第二张', 27]]);
  });

  test.each(['sheet', 'list'] as const)('a hidden sheet (its flag in the %s) is not checked, and a note says what it holds', async (hiddenIn) => {
    const sample = rowsOf(sampleText());
    const page = webPageOf(at(`hidden-${hiddenIn}`), [{ name: '自评表', rows: sample }, { name: '旧版', rows, hidden: true }], { hiddenIn });
    const r = await verifyDocument(readFileSync(page), { path: 'book.htm', file: page });
    expect(r.findings.filter((f) => f.code === 'sheet-hidden').map((f) => [f.args, f.where?.sheet])).toEqual([[{ sheet: '旧版', rows: rows.filter((row) => row.some((c) => c.trim() !== '')).length, table: true }, '旧版']]);
    expect(r.findings.some((f) => f.code === 'rate-mismatch')).toBe(false);
    expect(r.projects).toHaveLength(8);
  });

  test('sheet pages named %-encoded, in a folder named as English Excel names it (book_files)', async () => {
    const d = at('encoded');
    const page = webPageOf(d, [{ name: 'Sheet1', rows }, { name: 'Sheet2', rows }], { folder: '自评表_files', page: '自评表.htm' });
    const frame = readFileSync(page);
    // (The folder's name in the list written %-encoded, as a URL.)
    const encoded = Buffer.from(frame.toString('latin1').split(iconvLite.encode('自评表_files', 'gb2312').toString('latin1')).join(encodeURIComponent('自评表') + '_files'), 'latin1');
    expect(encoded.equals(frame)).toBe(false);
    const r = await verifyDocument(encoded, { path: '自评表.htm', file: page });
    expect(r.projects).toHaveLength(2 * want.projects.length);
  });

  test('read without its folder, or with the folder not there: a one-line error that says what to do, in zh too', async () => {
    const page = webPageOf(at('bytes'), [{ name: 'A', rows }, { name: 'B', rows }]);
    await expect(verifyDocument(readFileSync(page), { path: 'book.htm' })).rejects.toThrow('is the frame page of a workbook saved as a web page, read without its folder (book.files): check the page where it is, with that folder beside it, or save the workbook as .xlsx');
    const lone = join(at('lone'), 'book.htm');
    writeFileSync(lone, readFileSync(page));
    const r = await cli(['verify', lone, '--lang', 'zh']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`evalcheck: ${lone}: 是另存为网页的工作簿的框架页，但其工作表网页 book.files/sheet001.htm 不存在：请把文件夹 book.files 与该网页放在一起，或将工作簿另存为 .xlsx\n`);
    const en = await cli(['verify', lone, join(dir, 'two', 'book.htm'), '--format', 'json']);
    expect(en.code).toBe(2);
    expect(en.stderr.trim().split('\n')).toEqual([`evalcheck: ${lone}: is the frame page of a workbook saved as a web page, and its sheet page book.files/sheet001.htm is not there: keep the folder book.files beside the page, or save the workbook as .xlsx`]);
    // (The other file is still checked.)
    expect(JSON.parse(en.stdout).files.map((f: { path: string }) => f.path)).toEqual([join(dir, 'two', 'book.htm')]);
  });

  test.each(['../outside/sheet001.htm', '/etc/passwd', 'file:///etc/passwd', 'http://example.com/sheet001.htm', 'book.files/../../outside/sheet001.htm'])('a list naming a page outside the folder (%s) is refused, and that page is not read', async (href) => {
    // (The page named is there, beside the frame page's folder, and holds a table.)
    const d = at(`escape-${encodeURIComponent(href)}`);
    mkdirSync(join(d, 'outside'));
    writeFileSync(join(d, 'outside', 'sheet001.htm'), htmlOf([{ rows }]));
    const page = webPageOf(join(d, 'main'), [{ name: 'A', rows }]);
    const frame = readFileSync(page).toString('latin1').replace('<x:WorksheetSource HRef="book.files/sheet001.htm"/>', `<x:WorksheetSource HRef="${href}"/>`);
    expect(frame).toContain(href);
    writeFileSync(page, frame, 'latin1');
    await expect(verifyDocument(readFileSync(page), { path: 'book.htm', file: page })).rejects.toThrow(`lists a sheet page outside its folder (${href}): not read`);
  });

  test('a directory reads the frame page, not the pages of its folder one by one (nor a Word page\'s header page)', async () => {
    const d = at('dir');
    webPageOf(d, [{ name: '自评表', rows }, { name: '第二张', rows }]);
    // A document Word saved as a web page: its table in the page, its headers in a page of its folder.
    mkdirSync(join(d, 'report.files'));
    writeFileSync(join(d, 'report.htm'), htmlOf([{ rows }]));
    writeFileSync(join(d, 'report.files', 'header.htm'), '<html><body><p>页眉</p></body></html>');
    writeFileSync(join(d, 'report.files', 'filelist.xml'), '<xml xmlns:o="urn:schemas-microsoft-com:office:office">\r\n <o:MainFile HRef="../report.htm"/>\r\n <o:File HRef="header.htm"/>\r\n</xml>');
    for (const args of [[d], [join(d, '**', '*.htm')]]) {
      const r = await cli(['verify', ...args, '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.stdout);
      expect(doc.files.map((f: { path: string }) => f.path)).toEqual([join(d, 'book.htm'), join(d, 'report.htm')]);
      expect(doc.files.map((f: { findings: { code: string }[] }) => f.findings.filter((x) => x.code === 'rate-mismatch').length)).toEqual([2, 1]);
    }
    // Without its frame page, a folder's pages are what there is to read.
    rmSync(join(d, 'book.htm'));
    const alone = JSON.parse((await cli(['verify', join(d, 'book.files', 'sheet001.htm'), '--format', 'json'])).stdout);
    expect(alone.files[0].findings.filter((x: { code: string }) => x.code === 'rate-mismatch')).toHaveLength(1);
  });

  test('a page with its own tables and a sheet list (a web system\'s "export to Excel") is read as the page it is', async () => {
    const html = htmlOf([{ rows }]).replace('<head>', '<head><!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>导出</x:Name><x:WorksheetSource HRef="sheet001.htm"/></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->');
    expect(html).toContain('WorksheetSource');
    const r = await verifyDocument(Buffer.from(html), { path: 'export.xls' });
    expect(codes(r)).toEqual(codes(want));
  });
});

describe('zip archives of tables: each table file in it an input of its own', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evalcheck-zip-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const rate = fixture('faults/rate-mismatch.txt');
  const rows = rowsOf(rate.toString('utf8'));
  /** A zip; `gbk` entries are named in GBK without the UTF-8 flag, as Chinese Windows tools write them. */
  const zipOf = (files: Record<string, Uint8Array>, gbk: Record<string, Uint8Array> = {}) => {
    const placeholders: [Buffer, Buffer][] = [];
    const all: Record<string, Uint8Array> = { ...files };
    for (const [name, data] of Object.entries(gbk)) {
      const raw = Buffer.from(iconvLite.encode(name, 'gbk'));
      const ph = `${'X'.repeat(raw.length - 4)}${name.slice(-4)}`;
      placeholders.push([Buffer.from(ph), raw]);
      all[ph] = data;
    }
    let z = Buffer.from(zipSync(all));
    for (const [ph, raw] of placeholders) for (let at = z.indexOf(ph); at !== -1; at = z.indexOf(ph, at + 1)) raw.copy(z, at);
    return z;
  };
  const put = (name: string, bytes: Uint8Array) => (writeFileSync(join(dir, name), bytes), join(dir, name));

  test('read in name order, every reader, a GBK name shown decoded; other files, lock files and macOS copies left out', async () => {
    const zip = put('batch.zip', zipOf({
      'b/workbook.xlsx': workbookOf([{ name: 'Sheet1', rows }], 'xlsx'),
      'a.mht': mhtOf([{ name: '自评表', rows }], 'excel'),
      'c.txt': rate,
      'readme.md': Buffer.from('说明'),
      '~$lock.xlsx': Buffer.from('x'),
      '__MACOSX/._c.txt': Buffer.from([0, 5, 22, 7]),
      'empty/': new Uint8Array(0),
    }, { '自评表.txt': rate }));
    const r = await cli(['verify', zip, '--format', 'json']);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc.files.map((f: { path: string; format: string }) => [f.path.slice(dir.length + 1), f.format])).toEqual([
      ['batch.zip/a.mht', 'mht'],
      ['batch.zip/b/workbook.xlsx', 'xlsx'],
      ['batch.zip/c.txt', 'text'],
      ['batch.zip/自评表.txt', 'text'],
    ]);
    for (const f of doc.files) expect(f.findings.filter((x: { severity: string }) => x.severity === 'error').map((x: { code: string; line: number; where?: { row: number } }) => `${x.code}@${x.where?.row ?? x.line}`)).toEqual(['rate-mismatch@27']);
    // Two lanes give the same document.
    const two = await cli(['verify', zip, '--format', 'json', '--jobs', '2']);
    expect(JSON.parse(two.stdout).files).toEqual(doc.files);
  });

  test('an unreadable archive, one without tables, one with an entry too large to inflate: one line each, the rest checked', async () => {
    const bad = put('bad.zip', Buffer.from('PK\x05\x06 not a zip'));
    const none = put('none.zip', zipOf({ 'readme.md': Buffer.from('x') }));
    const big = zipOf({ 'big.txt': rate });
    // The central directory says the entry unpacks to 4 GiB − 1: it is refused before anything is inflated.
    const cd = big.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    big.writeUInt32LE(0xfffffffe, cd + 24);
    const huge = put('huge.zip', big);
    const good = put('good.txt', rate);
    const r = await cli(['verify', bad, none, huge, good, '--format', 'json', '--lang', 'zh']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      `evalcheck: ${bad}: 不是可读取的 zip 压缩包（invalid zip data）`,
      `evalcheck: ${none}: zip 压缩包中没有自评表文件`,
      `evalcheck: ${huge}/big.txt: 解压后大于 256 MiB：请解压后作为文件复核`,
    ]);
    expect(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path)).toEqual([good]);
    const en = await cli(['verify', huge]);
    expect(en.stderr).toBe(`evalcheck: ${huge}/big.txt: is larger than 256 MiB unpacked: extract it and check it as a file\n`);
  });
});

test('a workbook or document with a part that unpacks past 256 MiB is refused before anything is inflated, in both languages', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'evalcheck-bomb-'));
  const rows = rowsOf(sampleText());
  /** The package with `part`'s size in the central directory set to 300 MiB (a zip bomb's honest header). */
  const inflated = (bytes: Buffer, part: string) => {
    const b = Buffer.from(bytes);
    for (let at = b.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at !== -1; at = b.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
      const name = b.subarray(at + 46, at + 46 + b.readUInt16LE(at + 28)).toString('latin1');
      if (name === part) b.writeUInt32LE(300 << 20, at + 24);
    }
    return b;
  };
  const book = join(dir, 'book.xlsx');
  writeFileSync(book, inflated(workbookOf([{ name: 'Sheet1', rows }], 'xlsx'), 'xl/worksheets/sheet1.xml'));
  const doc = join(dir, 'report.docx');
  writeFileSync(doc, inflated(docxOf([{ rows }]), 'word/document.xml'));
  const ods = join(dir, 'sheet.ods');
  writeFileSync(ods, inflated(workbookOf([{ name: 'Sheet1', rows }], 'ods'), 'content.xml'));
  const good = join(dir, 'good.txt');
  writeFileSync(good, sampleText());
  // A header that says less than the part holds (a forged zip: the readers would inflate it for minutes).
  const forged = Buffer.from(workbookOf([{ name: 'Sheet1', rows }], 'xlsx'));
  for (let at = forged.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at !== -1; at = forged.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4))
    if (forged.subarray(at + 46, at + 46 + forged.readUInt16LE(at + 28)).toString('latin1') === 'xl/worksheets/sheet1.xml') forged.writeUInt32LE(10, at + 24);
  const liar = join(dir, 'liar.xlsx');
  writeFileSync(liar, forged);
  const f = await cli(['verify', liar, '--lang', 'zh']);
  expect(f.code).toBe(2);
  expect(f.stderr).toMatch(/^evalcheck: .*liar\.xlsx: 无法读取的工作簿（其中的 xl\/worksheets\/sheet1\.xml 声称解压后为 10 字节，压缩数据却有 \d+ 字节：zip 已损坏或被篡改）\n$/);
  const r = await cli(['verify', book, doc, ods, good, '-q']);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toEqual([
    `evalcheck: ${book}: is too large to read whole: xl/worksheets/sheet1.xml in it is 300 MiB unpacked (at most 256 MiB); save the sheet as text (Unicode text or CSV) and check that file, which is streamed`,
    `evalcheck: ${doc}: is too large to read whole: word/document.xml in it is 300 MiB unpacked (at most 256 MiB); split the document and check the parts`,
    `evalcheck: ${ods}: is too large to read whole: content.xml in it is 300 MiB unpacked (at most 256 MiB); save the sheet as text (Unicode text or CSV) and check that file, which is streamed`,
  ]);
  const zh = await cli(['verify', doc, '--lang', 'zh']);
  expect(zh.stderr).toBe(`evalcheck: ${doc}: 太大，无法整体读取：其中的 word/document.xml 解压后为 300 MiB（上限 256 MiB）；请拆分文档后分别复核\n`);
  // The central directory as read without a zip library: every part, its size as fflate reads it.
  const { checkPartSizes, zipParts } = await import('../src/source/zipdir.js');
  for (const pkg of [workbookOf([{ name: 'Sheet1', rows }], 'xlsx'), docxOf([{ rows }]), workbookOf([{ name: 'Sheet1', rows }], 'ods'), Buffer.from(zipSync({ 'a.txt': Buffer.from(sampleText()), '表/b.txt': Buffer.from('x') }))]) {
    const seen: [string, number][] = [];
    unzipSync(pkg, { filter: (f) => (seen.push([f.name, f.originalSize]), false) });
    expect(zipParts(pkg)!.map((p) => [p.name, p.size])).toEqual(seen.map(([n, s]) => [Buffer.from(n, 'utf8').toString('latin1'), s]));
    // Honest packages pass the packed-size check.
    expect(() => checkPartSizes(pkg, 'x', 'workbook')).not.toThrow();
  }
  expect(zipParts(Buffer.from('PK\x03\x04 no directory'))).toBeNull();
  // Cut or flipped, the directory reads or is null: never a throw.
  const pkg = workbookOf([{ name: 'Sheet1', rows }], 'xlsx');
  fc.assert(
    fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.nat(255)), { maxLength: 8 }), (cut, flips) => {
      const b = Buffer.from(pkg.subarray(0, Math.floor(cut * pkg.length)));
      for (const [at, v] of flips) if (b.length) b[Math.floor(at * b.length)] = v;
      const parts = zipParts(b);
      expect(parts === null || Array.isArray(parts)).toBe(true);
    }),
    { numRuns: 300, seed: 20261202 },
  );
  rmSync(dir, { recursive: true, force: true });
});

test('a directory without table files names every extension a reader takes, in both languages', async () => {
  const { EXTENSIONS } = await import('../src/source/detect.js');
  const empty = mkdtempSync(join(tmpdir(), 'evalcheck-empty-'));
  writeFileSync(join(empty, 'notes.md'), '说明');
  const en = await cli(['verify', empty]);
  expect([en.code, en.stderr]).toEqual([2, `evalcheck: ${empty}: directory holds no table files (${Object.keys(EXTENSIONS).map((e) => `*${e}`).join(', ')})\n`]);
  const zh = await cli(['verify', empty, '--lang', 'zh']);
  expect(zh.stderr).toBe(`evalcheck: ${empty}: 目录中没有自评表文件（${Object.keys(EXTENSIONS).join('、')}）\n`);
  expect(Object.keys(EXTENSIONS)).toEqual(expect.arrayContaining(['.mht', '.ods', '.xlsb']));
  rmSync(empty, { recursive: true, force: true });
});
