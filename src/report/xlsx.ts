/**
 * `xlsx`: a workbook for colleagues who filter in Excel. Sheets: Projects
 * (one row per project, the figures of `summary`), Findings (one row per
 * finding, with its place, message and computation) and Departments (the
 * roll-up). Amounts and scores are numbers with a `0.00` format, rates
 * fractions with `0.00%`; text is always a string cell (never a formula, so
 * nothing in a table can run in Excel). Header row frozen, autofilter on,
 * column widths fitted to CJK text. Written with SheetJS (already the
 * workbook reader), loaded only when this format is asked for.
 *
 * SheetJS CE writes no frozen panes: the pane is added to each sheet's
 * `<sheetView>` in the written file (fflate, also already a dependency).
 */
import * as X from '@e965/xlsx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { Decimal } from '../decimal.js';
import { REPORT, UI } from '../messages.js';
import { columnName } from '../source/where.js';
import { reportRows } from './rows.js';
import type { Formatter, FormatMeta, RunResult } from './types.js';
import { textWidth } from './width.js';

/** A cell: text, a number with its format, or empty. */
type Cell = { t: 's'; v: string } | { t: 'n'; v: number; z: string } | null;

const TWO = '0.00';
const PERCENT = '0.00%';

const str = (v: string | null | undefined): Cell => (v === null || v === undefined || v === '' ? null : { t: 's', v });
/** A decimal string as a number shown with 2 decimals (the nearest double to the exact decimal). */
const dec = (v: string | null): Cell => (v === null ? null : { t: 'n', v: Number(v), z: TWO });
/** A rate in percent (99.98) as the fraction Excel formats as a percentage (0.9998). */
const pct = (v: string | null): Cell => (v === null ? null : { t: 'n', v: Number(new Decimal(v).dividedBy(100).toString()), z: PERCENT });
const int = (v: number | null): Cell => (v === null ? null : { t: 'n', v, z: '0' });
/** A stated or expected figure: a number when it is one, else its text. */
const figure = (v: string | null): Cell => (v === null ? null : /^-?\d+(\.\d+)?$/.test(v) ? { t: 'n', v: Number(v), z: v.includes('.') ? '0.' + '0'.repeat(v.split('.')[1]!.length) : '0' } : { t: 's', v });

function sheet(head: string[], rows: Cell[][]): X.WorkSheet {
  const ws: X.WorkSheet = {};
  const all: Cell[][] = [head.map((x) => ({ t: 's', v: x })), ...rows];
  const widths = head.map(() => 4);
  all.forEach((row, r) =>
    row.forEach((c, col) => {
      if (c === null) return;
      const addr = `${columnName(col)}${r + 1}`;
      ws[addr] = c.t === 's' ? { t: 's', v: c.v } : { t: 'n', v: c.v, z: c.z };
      const shown = c.t === 's' ? c.v : c.z === PERCENT ? `${(c.v * 100).toFixed(2)}%` : c.z === TWO ? c.v.toFixed(2) : String(c.v);
      widths[col] = Math.max(widths[col]!, Math.min(60, textWidth(shown) + 2));
    }),
  );
  const last = `${columnName(head.length - 1)}${Math.max(1, all.length)}`;
  ws['!ref'] = `A1:${last}`;
  ws['!autofilter'] = { ref: `A1:${last}` };
  ws['!cols'] = widths.map((wch) => ({ wch }));
  return ws;
}

/** Freeze the first row of every sheet: a `<pane>` in each sheet's `<sheetView>`. */
function freezeHeaders(book: Uint8Array): Uint8Array {
  const files = unzipSync(book);
  for (const name of Object.keys(files)) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    const xml = strFromU8(files[name]!);
    const pane = '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>';
    const frozen = xml.replace(/<sheetView ([^>]*?)\/>/, `<sheetView $1>${pane}</sheetView>`);
    if (frozen === xml) throw new Error(`xlsx: no <sheetView/> in ${name} to freeze`);
    files[name] = strToU8(frozen);
  }
  return zipSync(files, { level: 6 });
}

export function renderXlsx(run: RunResult, meta: FormatMeta): Uint8Array {
  const lang = meta.lang;
  const t = REPORT[lang];
  const rows = reportRows(run, lang);
  const c = t.cols;
  const projects = sheet(
    [c.file, c.line, t.fcols.place, c.name, c.department, c.implementer, c.unit, c.budget, c.executed, c.rate, c.statedRate, c.statedTotal, c.total, c.statedGrade, c.grade, c.errors, c.warnings, c.notes],
    rows.projects.map((p) => [
      // The cell or table row of a workbook or document (a text export has only its line).
      str(p.file), int(p.line), str(p.place.startsWith(`${p.file} `) ? p.place.slice(p.file.length + 1) : null), str(p.name), str(p.department), str(p.implementer), str(p.unit),
      dec(p.budget), dec(p.executed), pct(p.rate), pct(p.statedRate), dec(p.statedTotal), dec(p.total), str(p.statedGrade), str(p.grade),
      int(p.errors), int(p.warnings), int(p.notes),
    ]),
  );
  const f = t.fcols;
  const all = [...rows.projects.flatMap((p) => p.findings), ...rows.fileFindings];
  const findings = sheet(
    [f.file, f.place, f.project, f.code, f.severity, f.title, f.message, f.stated, f.expected, f.calc],
    [
      ...all.map((x) => [str(x.file), x.place !== null && /^\d+$/.test(x.place) ? int(Number(x.place)) : str(x.place), str(x.project), str(x.code), str(UI[lang][x.severity]), str(x.title), str(x.message), figure(x.stated), figure(x.expected), str(x.calc)]),
      ...run.failures.map((x) => [str(x.path), int(x.line), null, str(x.code), str(UI[lang].error), str(t.failures), str(x.message), null, null, null]),
    ],
  );
  const departments = sheet(
    [c.department, t.projectsCount, c.budget, c.executed, c.rate, c.errors, c.warnings, c.notes],
    rows.departments.map((d) => [str(d.department ?? t.noDepartment), int(d.projects), dec(d.budget), dec(d.executed), pct(d.rate), int(d.errors), int(d.warnings), int(d.notes)]),
  );
  const wb = X.utils.book_new();
  X.utils.book_append_sheet(wb, projects, t.sheets.projects);
  X.utils.book_append_sheet(wb, findings, t.sheets.findings);
  X.utils.book_append_sheet(wb, departments, t.sheets.departments);
  wb.Props = { Title: t.title, Author: 'evalcheck', CreatedDate: new Date(0) };
  const bytes = X.write(wb, { type: 'buffer', bookType: 'xlsx', compression: false }) as Uint8Array;
  return freezeHeaders(bytes);
}

export const xlsx: Formatter = Object.assign(
  (): string => {
    throw new Error('xlsx is binary: use its bytes()');
  },
  { bytes: renderXlsx },
);
