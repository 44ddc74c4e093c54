/** The human format: cli-table3 tables with aligned CJK text, colour only when meta says so. */
import type { ProjectHead } from '../model.js';
import { summaryRow, type Summary, type SummaryRow } from '../summary.js';
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { textWidth } from './width.js';
import { drawGrid } from './grid.js';
import { countBySeverity, type Finding, type Severity } from '../findings.js';
import { formatCalc, formatMessage, modeName, UI } from '../messages.js';
import { inert } from '../text.js';
import { wrap, wrapPath } from './wrap.js';
import { whereText } from '../source/where.js';
import { groupFindings, projectFindings } from '../verify.js';
import type { FormatMeta, Formatter, RunResult, StreamContext } from './types.js';
import { headOfResult, type FileInfo, type ProjectResult } from '../pipeline.js';
import type { RoundingMode } from '../decimal.js';
import type { Where } from '../source/where.js';

function makeTable(head: string[] | null, colWidths: (number | null)[]): Table.Table {
  // Empty style arrays: cli-table3 colours heads and borders unless told not to.
  // We wrap text ourselves (wrap()): cli-table3 cuts CJK text instead of wrapping it.
  const style = { head: [], border: [], compact: false };
  return new Table(head ? { head, colWidths, style } : { colWidths, style });
}

/**
 * A table of fixed column widths: drawn directly when every cell line fits
 * (the common case, see grid.ts), by cli-table3 otherwise (colour, a line it
 * cuts). `head` null: rows only.
 */
function box(head: string[] | null, widths: number[], rows: string[][]): string {
  const direct = drawGrid(head, widths, rows);
  if (direct !== null) return direct;
  const t = makeTable(head, widths);
  for (const r of rows) t.push(r);
  return t.toString();
}

/**
 * A table of many rows, drawn a few hundred rows at a time: cli-table3 builds objects for every cell of a
 * table, so a summary of 100,000 projects drawn at once held them all. Column widths are decided over
 * every row first (as cli-table3 would), then each piece is drawn with them and the pieces joined: the
 * bytes are those of the one table.
 */
export function drawRows(head: string[], widths: (number | null)[], count: number, rowAt: (i: number) => string[], chunk = 256): string {
  // (Rows are made again for each use rather than held: a row per project is all the summary keeps.)
  const fixed = widths.map((w) => w ?? 0);
  head.forEach((h, i) => widths[i] === null && (fixed[i] = textWidth(h) + 2));
  if (widths.some((w) => w === null)) {
    for (let r = 0; r < count; r++) {
      const row = rowAt(r);
      for (let i = 0; i < row.length; i++) if (widths[i] === null) for (const l of row[i]!.split('\n')) fixed[i] = Math.max(fixed[i]!, textWidth(l) + 2);
    }
  }
  const pieces: string[] = [];
  for (let i = 0; i < Math.max(count, 1); i += chunk) {
    const rows: string[][] = [];
    for (let r = i; r < Math.min(count, i + chunk); r++) rows.push(rowAt(r));
    let text = box(i === 0 ? head : null, fixed, rows);
    // A later piece's top border is the separator between rows; every piece but the last loses its bottom border.
    if (i > 0) text = text.replace(/^┌([^\n]*)┐/, (_m, mid: string) => `├${mid.replace(/┬/g, '┼')}┤`);
    if (i + chunk < count) text = text.slice(0, text.lastIndexOf('\n'));
    pieces.push(text);
  }
  return pieces.join('\n');
}

function sevColour(c: ChalkInstance, sev: Severity): (s: string) => string {
  return sev === 'error' ? c.red.bold : sev === 'warning' ? c.yellow : c.cyan;
}

/** "8 projects · 0 errors · 3 warnings · 6 notes", "1 project · 1 error · 0 warnings · 1 note" */
export function closingLine(run: RunResult, meta: FormatMeta, c: ChalkInstance): string {
  const t = UI[meta.lang];
  const n = run.counts;
  const projects = run.counts.projects;
  const counted = (k: number, what: keyof typeof t.one) => `${k} ${k === 1 ? t.one[what] : t[what]}`;
  const parts = [
    counted(projects, 'projects'),
    (n.error ? c.red.bold : (x: string) => x)(counted(n.error, 'errors')),
    (n.warning ? c.yellow : (x: string) => x)(counted(n.warning, 'warnings')),
    counted(n.info, 'notes'),
  ];
  if (run.failures.length) parts.push(c.red(`${run.failures.length} ${t.unreadable}`));
  return parts.join(' · ');
}

interface HeaderInfo {
  path: string;
  format: string | undefined;
  encoding: string | undefined;
  bom: boolean | undefined;
  rounding: { mode: string; requested: string } | null;
}

function fileHeader(r: HeaderInfo, meta: FormatMeta, c: ChalkInstance): string {
  const t = UI[meta.lang];
  const zh = meta.lang === 'zh';
  const format = r.format ?? 'text';
  const bits = r.encoding !== undefined && (format === 'text' || format === 'csv' || format === 'html') ? [`${t.encoding}${zh ? '：' : ' '}${r.encoding.toUpperCase()}${r.bom ? '+BOM' : ''}`] : [];
  if (format !== 'text') bits.unshift(`${t.sourceFormat}${zh ? '：' : ' '}${format.toUpperCase()}`);
  if (r.rounding) bits.push(`${t.rounding}${zh ? '：' : ' '}${modeName(r.rounding.mode as RoundingMode, meta.lang)}${r.rounding.requested === 'auto' ? (zh ? '（自动判定）' : ' (auto)') : ''}`);
  return `${c.bold(inert(r.path))}  ${c.dim(bits.join(' · '))}`;
}

/** One project: its mark, name, place, stated total and grade, and its findings. */
function projectBlock(p: ProjectHead, where: Where | undefined, own: Finding[], meta: FormatMeta, c: ChalkInstance): string[] {
  const t = UI[meta.lang];
  const out: string[] = [];
  // -q: only projects with an error are shown (their findings are the errors).
  if (meta.quiet && own.length === 0) return out;
  const n = countBySeverity(own);
  const place = where ? inert(whereText(where, meta.lang)) : null;
  const mark = n.error ? c.red('✗') : n.warning ? c.yellow('!') : c.green('✓');
  const stated = p.stated.total?.num?.text ?? null;
  const grade = p.stated.grade ? inert(p.stated.grade) : null;
  if (meta.lang === 'zh') {
    const bits = [stated !== null ? `总分 ${stated}` : '', grade !== null ? `等级 ${grade}` : ''].filter(Boolean).join('，');
    out.push(`${mark} ${c.bold(inert(p.name ?? '?'))}${c.dim(place ? `（${place}）` : `（第 ${p.line} 行）`)}${bits}${own.length ? '' : c.dim(`${bits ? '：' : ''}${t.noFindings}`)}`);
  } else {
    out.push(`${mark} ${c.bold(inert(p.name ?? '?'))} ${c.dim(place ? `(${place})` : `(${t.line} ${p.line})`)}${stated !== null ? ` ${stated}` : ''}${grade !== null ? ` ${grade}` : ''}${own.length ? '' : c.dim(`  ${t.noFindings}`)}`);
  }
  if (own.length) out.push(findingsTable(own, meta, c));
  return out;
}

/** A finding's place: the line of a text export, the cell (Sheet1!C12) or table and row of a workbook or document. */
const placeOf = (f: Finding, lang: FormatMeta['lang']): string => (f.where ? inert(whereText(f.where, lang)) : f.line === null ? '-' : String(f.line));

function findingsTable(findings: Finding[], meta: FormatMeta, c: ChalkInstance): string {
  const t = UI[meta.lang];
  const placeWidth = Math.min(24, Math.max(6, ...findings.map((f) => textWidth(placeOf(f, meta.lang)) + 2)));
  const msgWidth = Math.max(30, meta.width - placeWidth - 9 - 26 - 4);
  const head = [t.line, t.level, t.code, t.message];
  const widths = [placeWidth, 9, 26, msgWidth];
  const rows: string[][] = [];
  for (const f of findings) {
    const sev = sevColour(c, f.severity)(t[f.severity]);
    let msg = wrap(inert(formatMessage(f, meta.lang)), msgWidth - 2);
    if (f.calc) msg += '\n' + c.dim(wrap(inert(formatCalc(f.calc, meta.lang)), msgWidth - 2));
    rows.push([wrap(placeOf(f, meta.lang), placeWidth - 2), sev, f.code, msg]);
  }
  return box(head, widths, rows);
}

// One instance per colour level: chalk makes a style's function on its first use on an instance, so an
// instance per project made them again for every project (a streamed table is drawn project by project).
const CHALKS = [new Chalk({ level: 0 }), new Chalk({ level: 1 })] as const;
const chalkOf = (meta: FormatMeta): ChalkInstance => CHALKS[meta.color ? 1 : 0];

/** The whole run at once (with -o, and for the library). File-level findings come after the file's projects, as when streamed. */
export const verifyTable: Formatter = (run, meta) => {
  const c = chalkOf(meta);
  const out: string[] = [];
  for (const r of run.results) {
    out.push(fileHeader(r, meta, c));
    for (const { project: p, where } of r.projects) out.push(...projectBlock(p, where, projectFindings(r, p.line), meta, c));
    const fileLevel = groupFindings(r).file;
    if (fileLevel.length) out.push(findingsTable(fileLevel, meta, c));
    out.push('');
  }
  out.push(closingLine(run, meta, c));
  return out.join('\n') + '\n';
};

/** Files whose header has been written (streaming). */
const headed = new WeakSet<StreamContext>();

/** Streamed: each project as soon as it is checked (the file's header before its first), so nothing of a run is held. */
const streamProject = (pr: ProjectResult, own: readonly Finding[], ctx: StreamContext, meta: FormatMeta): string => {
  const c = chalkOf(meta);
  const block = projectBlock(headOfResult(pr), pr.where, [...own], meta, c);
  if (block.length === 0) return '';
  const out: string[] = [];
  if (!headed.has(ctx)) {
    headed.add(ctx);
    const rounding = ctx.rounding !== null ? { mode: ctx.rounding, requested: ctx.requested ?? 'auto' } : null;
    out.push(fileHeader({ path: ctx.path, format: ctx.source?.format, encoding: ctx.source?.encoding, bom: ctx.source?.bom, rounding }, meta, c));
  }
  out.push(...block);
  return out.join('\n') + '\n';
};

const streamFileEnd = (info: FileInfo, ctx: StreamContext, meta: FormatMeta): string => {
  const c = chalkOf(meta);
  // -q with nothing shown for the file: no blank line either.
  if (meta.quiet && !headed.has(ctx) && info.fileFindings.length === 0) return '';
  return (info.fileFindings.length ? findingsTable(info.fileFindings, meta, c) + '\n' : '') + '\n';
};

export const parseTable: Formatter = (run, meta) => {
  const c = chalkOf(meta);
  const t = UI[meta.lang];
  const out: string[] = [];
  for (const r of run.results) {
    out.push(fileHeader(r, meta, c));
    const unit = r.projects[0]?.project.unit ?? '万元';
    // (A document's places, 自评表!3:3 or table 1, row 1, take the width they need.)
    const table = makeTable([t.line, t.name, t.funds.replace('{unit}', unit), t.rate, t.indicators, t.total, t.grade], [r.projects.some((x) => x.where) ? null : 6, null, null, null, null, null, null]);
    for (const { project: p, where } of r.projects) {
      const f = p.funds.total;
      table.push([
        where ? inert(whereText(where, meta.lang)) : String(p.line),
        inert(p.name ?? '?'),
        `${f?.budget?.num?.text ?? '-'} / ${f?.executed?.num?.text ?? '-'}`,
        f?.rate?.num?.text ?? '-',
        String(p.indicators.length),
        p.stated.total?.num?.text ?? '-',
        inert(p.stated.grade ?? '-'),
      ]);
    }
    out.push(table.toString());
    if (r.findings.length) out.push(findingsTable(r.findings, meta, c));
    out.push('');
  }
  out.push(closingLine(run, meta, c));
  return out.join('\n') + '\n';
};

/** A summary row's place: `file:line` for text; for a workbook, document or page the sheet and row (or table and row) of its title. */
function rowPlace(r: SummaryRow, lang: FormatMeta['lang'], withFile: boolean): string {
  if (!r.where) return withFile ? `${inert(r.file)}:${r.line}` : String(r.line);
  const at = inert(whereText(r.where, lang));
  return withFile ? `${inert(r.file)} ${at}` : at;
}

/** The place wrapped into a column: a path breaks after its separators; a document's place goes under the path when both do not fit on one line. */
function placeCell(r: SummaryRow, lang: FormatMeta['lang'], width: number): string {
  const one = rowPlace(r, lang, true);
  if (!r.where || textWidth(one) <= width) return wrapPath(one, width);
  return `${wrapPath(inert(r.file), width)}\n${wrap(inert(whereText(r.where, lang)), width)}`;
}

function wideSummary(s: Summary, meta: FormatMeta, c: ChalkInstance): string {
  const u = UI[meta.lang];
  const rowAt = (i: number): string[] => {
    const r = s.rows[i]!;
    const gradeCell = r.grade !== null && r.statedGrade !== r.grade ? c.red.bold(r.grade) : (r.grade ?? '-');
    return [
      inert(r.file), rowPlace(r, meta.lang, false), inert(r.name ?? '?'), r.budget ?? '-', r.executed ?? '-', r.rate ?? '-',
      r.statedTotal ?? '-', r.total ?? '-', inert(r.statedGrade ?? '-'), gradeCell,
      r.errors ? c.red(String(r.errors)) : '0', r.warnings ? c.yellow(String(r.warnings)) : '0',
    ];
  };
  return drawRows([...u.summaryHead], u.summaryHead.map(() => null), s.rows.length, rowAt);
}

/** One grade cell: the recomputed grade, or `良→优` (stated→recomputed, in red) when they differ. */
const gradeCell = (r: SummaryRow, c: ChalkInstance): string =>
  r.grade !== null && r.statedGrade !== null && r.statedGrade !== r.grade ? c.red.bold(`${inert(r.statedGrade)}→${r.grade}`) : (r.grade ?? inert(r.statedGrade ?? '-'));
/** `errors/warnings`, coloured when not zero. */
const countsCell = (r: SummaryRow, c: ChalkInstance): string => `${r.errors ? c.red(String(r.errors)) : '0'}/${r.warnings ? c.yellow(String(r.warnings)) : '0'}`;

/**
 * Under ~120 columns: place (file:line), name, rate, total, one grade cell (`优`, or `良→优` when the stated
 * grade differs) and errors/warnings; the name and the place wrap to what the terminal leaves.
 */
function narrowSummary(s: Summary, meta: FormatMeta, c: ChalkInstance): string {
  const u = UI[meta.lang];
  // One file: it is named above the table, and the place is the line.
  const oneFile = s.rows.length > 0 && s.rows.every((r) => r.file === s.rows[0]!.file);
  const fixed = [9, 10, 8, 11];
  // Borders: 7 vertical lines; colWidths include the padding.
  const rest = Math.max(24, meta.width - 7 - fixed.reduce((a, b) => a + b, 0));
  const placeW = oneFile ? Math.min(24, Math.max(8, ...s.rows.map((r) => textWidth(rowPlace(r, meta.lang, false)) + 2))) : Math.max(12, Math.floor(rest * 0.45));
  const nameW = Math.max(12, rest - placeW);
  const head = [...u.summaryNarrowHead];
  if (oneFile) head[0] = u.line;
  const rowAt = (i: number): string[] => {
    const r = s.rows[i]!;
    return [
      oneFile ? wrap(rowPlace(r, meta.lang, false), placeW - 2) : placeCell(r, meta.lang, placeW - 2), wrap(inert(r.name ?? '?'), nameW - 2), r.rate ?? '-', r.total ?? '-', gradeCell(r, c), countsCell(r, c),
    ];
  };
  return (oneFile ? `${c.bold(inert(s.rows[0]!.file))}\n` : '') + drawRows(head, [placeW, nameW, ...fixed], s.rows.length, rowAt);
}

/** At least this many columns for the summary's full table (it is about 155 wide with a long file name). */
const SUMMARY_WIDE = 120;

/** What follows the rows: totals, the grade distribution (--grade) and the closing line. */
function summaryTail(run: RunResult, meta: FormatMeta, c: ChalkInstance): string[] {
  const u = UI[meta.lang];
  const s = run.summary!;
  const out = [u.totals(s.totals)];
  if (run.grade) {
    const d = s.distribution;
    const fmt = (x: Record<string, number>) => Object.entries(x).map(([g, n]) => `${g} ${n}`).join('  ');
    out.push(u.gradesStated + fmt(d.stated));
    out.push(u.gradesRecomputed + fmt(d.recomputed));
    for (const m of s.gradeMismatches) out.push(c.red(u.gradeMismatch(rowPlace(m, meta.lang, true), inert(m.name ?? '?'), inert(m.statedGrade ?? '-'), m.grade ?? '-')));
  }
  out.push(closingLine(run, meta, c));
  return out;
}

export const summaryTable: Formatter = (run, meta) => {
  const c = chalkOf(meta);
  const s = run.summary!;
  const out = [meta.width < SUMMARY_WIDE ? narrowSummary(s, meta, c) : wideSummary(s, meta, c)];
  out.push(...summaryTail(run, meta, c));
  return out.join('\n') + '\n';
};

/**
 * The summary streamed (in file order): a row per project as it is checked, so nothing of the run is held.
 * Column widths cannot wait for every row: they come from the terminal's width, the place (file:line) and
 * the name wrapping within theirs; under ~120 columns the narrow columns, otherwise the figures too.
 */
interface SummaryStream {
  head: string[];
  widths: number[];
  wide: boolean;
  started: boolean;
  bottom: string;
}
const summaryStreams = new WeakMap<FormatMeta, SummaryStream>();

function summaryStreamOf(meta: FormatMeta): SummaryStream {
  let st = summaryStreams.get(meta);
  if (st) return st;
  const u = UI[meta.lang];
  const wide = meta.width >= SUMMARY_WIDE;
  const fixed = wide ? [11, 11, 8, 14, 10, 8, 11] : [9, 10, 8, 11];
  const rest = Math.max(24, meta.width - (fixed.length + 3) - fixed.reduce((a, b) => a + b, 0));
  const placeW = Math.max(12, Math.floor(rest * 0.45));
  const nameW = Math.max(12, rest - placeW);
  const n = u.summaryNarrowHead;
  const w = u.summaryHead;
  const head = wide ? [n[0]!, w[2]!, w[3]!, w[4]!, w[5]!, w[6]!, w[7]!, n[4]!, n[5]!] : [...n];
  st = { head, widths: [placeW, nameW, ...fixed], wide, started: false, bottom: '' };
  summaryStreams.set(meta, st);
  return st;
}

function summaryStreamRow(r: SummaryRow, meta: FormatMeta, c: ChalkInstance): string {
  const st = summaryStreamOf(meta);
  const [placeW, nameW] = st.widths as [number, number];
  const cells = [placeCell(r, meta.lang, placeW - 2), wrap(inert(r.name ?? '?'), nameW - 2)];
  if (st.wide) cells.push(r.budget ?? '-', r.executed ?? '-', r.rate ?? '-', r.statedTotal ?? '-', r.total ?? '-');
  else cells.push(r.rate ?? '-', r.total ?? '-');
  cells.push(gradeCell(r, c), countsCell(r, c));
  let text = box(st.started ? null : st.head, st.widths, [cells]);
  // After the first row, the top border is the separator between rows; the bottom border waits for the end.
  if (st.started) text = text.replace(/^┌([^\n]*)┐/, (_m, mid: string) => `├${mid.replace(/┬/g, '┼')}┤`);
  const cut = text.lastIndexOf('\n');
  st.bottom = text.slice(cut + 1);
  st.started = true;
  return text.slice(0, cut) + '\n';
}

const streamSummaryEnd = (run: RunResult, meta: FormatMeta): string => {
  if (run.counts.files === 0) return '';
  const c = chalkOf(meta);
  const st = summaryStreams.get(meta);
  return [...(st?.started ? [st.bottom] : []), ...summaryTail(run, meta, c)].join('\n') + '\n';
};

export const table: Formatter = Object.assign(
  // Nothing read: the error lines on standard error say it all.
  (run: RunResult, meta: FormatMeta): string =>
    run.counts.files === 0 ? '' : run.command === 'summary' ? summaryTable(run, meta) : run.command === 'parse' ? parseTable(run, meta) : verifyTable(run, meta),
  {
    // verify's report and the summary (in file order) stream; parse's table and a sorted summary are drawn whole.
    needs: (command: RunResult['command'], o?: { sorted?: boolean }) => (command === 'verify' || (command === 'summary' && !o?.sorted) ? 'stream' : command === 'summary' ? 'summary' : 'results'),
    summaryRows: false,
    heads: true,
    // The summary is one table across files: not written from other lanes.
    lanes: (command: RunResult['command']) => command !== 'summary',
    project: (pr: ProjectResult, own: readonly Finding[], ctx: StreamContext, meta: FormatMeta) =>
      ctx.command === 'summary' ? summaryStreamRow(summaryRow(ctx.path, pr, own), meta, chalkOf(meta)) : streamProject(pr, own, ctx, meta),
    fileEnd: (info: FileInfo, ctx: StreamContext, meta: FormatMeta) => (ctx.command === 'summary' ? '' : streamFileEnd(info, ctx, meta)),
    runEnd: (run: RunResult, meta: FormatMeta) => (run.command === 'summary' ? streamSummaryEnd(run, meta) : run.counts.files === 0 ? '' : closingLine(run, meta, chalkOf(meta)) + '\n'),
  },
);
