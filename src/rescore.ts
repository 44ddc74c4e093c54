/**
 * rescore: the table as it should read. Every derivable cell that is wrong is
 * replaced by its recomputed value, in the cell's own number style; nothing
 * else changes. Changed lines are re-encoded and spliced into the original
 * bytes, so encoding, BOM, line endings, tabs and untouched cells stay
 * byte-for-byte as they were.
 */
import iconv from 'iconv-lite';
import { roundTo, type RoundingMode } from './decimal.js';
import { finding, type Finding, type FindingOf, type ProjectRef } from './findings.js';
import type { Cell, Project } from './model.js';
import { fullWidthNumber, hasFullWidthDigit, type Num } from './number.js';
import type { Encoding } from './parse/decode.js';
import { analyse, reproducedBy, type Analysis, type Recomputed } from './score/engine.js';
import { Amount } from './score/fast.js';
import { gradeOf, normaliseGrade } from './score/grade.js';
import type { RoundingSetting } from './score/rounding.js';
import { projectFindings, verifyInput, type VerifyResult } from './verify.js';

export type RescoreWhat = 'rate' | 'exec-score' | 'subrow-sum' | 'indicator-score' | 'total' | 'grade';

export interface Change {
  line: number;
  /** 0-based cell index in the tab-separated row. */
  col: number;
  old: string;
  new: string;
  what: RescoreWhat;
  project: ProjectRef;
}

export interface RescoreOptions {
  path?: string;
  encoding?: Encoding;
  rounding?: RoundingSetting;
  /** `proportional`: also rescore unmet quantitative targets by the proportional rule. */
  policy?: 'none' | 'proportional';
}

export interface RescoreResult {
  /** The corrected file, in the input's encoding, BOM and line endings. */
  bytes: Uint8Array;
  changes: Change[];
  /** What could not be fixed safely (left as it is). */
  unfixed: Finding[];
  /** The verify result of the input. */
  before: VerifyResult;
  rounding: RoundingMode | null;
}

/** `value` (2 decimals) in the style of the cell it replaces: decimals, thousands separators, % sign, full-width digits, padding. */
export function styled(cell: Cell, value: string): string {
  const num = cell.num;
  let v = value;
  if (num) {
    if (num.decimals === 0 && v.endsWith('.00')) v = v.slice(0, -3);
    else if (num.decimals > 2) v = v + '0'.repeat(num.decimals - 2);
    if (num.grouped) {
      const [i, f] = v.split('.');
      v = i!.replace(/\B(?=(\d{3})+$)/g, ',') + (f !== undefined ? `.${f}` : '');
    }
  }
  const raw = cell.raw;
  const core = raw.trim();
  // A cell typed in full-width digits (８．６２) gets its new figure in full width too.
  if (hasFullWidthDigit(core)) v = fullWidthNumber(v);
  if (cell.percent) v += core.endsWith('％') ? '％' : '%';
  // A number that carried its unit (`88.32万元`, `9.99分`) keeps it.
  const unit = num && !cell.percent ? /\s*(万元|元|分)$/.exec(core) : null;
  if (unit) v += unit[0];
  if (core === '') return v;
  const at = raw.indexOf(core);
  return raw.slice(0, at) + v + raw.slice(at + core.length);
}

const LONG_GRADES: Record<string, string> = { 优: '优秀', 良: '良好', 中: '中等', 差: '较差' };

/** Findings that make a table incomplete or its reading doubtful: then no sum, total or grade is rewritten. */
const DOUBT = new Set<Finding['code']>([
  'not-checked',
  'bad-number',
  'funds-header-unrecognised',
  'funds-row-shape',
  'funds-total-unsummed',
  'weight-total-mismatch',
  'level-weight-mismatch',
  'duplicate-label',
  'missing-section',
  'score-out-of-range',
]);

/**
 * The changes one project needs, and what it cannot fix. One judge: every
 * change answers an error verify found in this project (`findings`), with the
 * value verify recomputed (`figures`); a table verify could not read whole,
 * or whose weights do not add up, gets no new total or grade.
 */
export function planProject(p: Project, a: Analysis, figures: Recomputed, findings: readonly Finding[], policy: RescoreOptions['policy']): { changes: Change[]; unfixed: Finding[] } {
  const mode = figures.rounding;
  const ref = { name: p.name, line: p.line };
  const changes: Change[] = [];
  const unfixed: Finding[] = [];
  const set = (cell: Cell, value: string, what: RescoreWhat) => {
    const text = styled(cell, value);
    if (text !== cell.raw) changes.push({ line: cell.line, col: cell.col, old: cell.raw, new: text, what, project: ref });
  };
  const errorAt = (code: Finding['code'], line: number | null) => findings.some((f) => f.code === code && f.severity === 'error' && f.line === line);
  const doubtful = findings.some((f) => DOUBT.has(f.code));
  const t = p.funds.total;

  // Sub-row sums verify called wrong, when the total row is the one at fault: the sub-rows reproduce the stated rate, the total's amounts do not.
  const fixedTotal: Partial<Record<'budget' | 'executed', Num>> = {};
  for (const s of a.sums) {
    if (!findings.some((f) => f.code === 'subrow-sum-mismatch' && f.severity === 'error' && f.args.column === s.column)) continue;
    const sum = s.sum;
    const totalRate = a.rates.find((r) => r.row === 'total');
    const cell = t?.[s.column];
    if (!t || !cell || s.column === 'initialBudget' || !totalRate?.stated || doubtful) {
      unfixed.push(finding('subrow-sum-mismatch', s.line, { project: ref, stated: s.total.text, expected: sum.toFixed(2), args: { column: s.column, difference: s.total.value.minus(sum.value).toFixed(2), reason: 'ambiguous' } }));
      continue;
    }
    const b = s.column === 'budget' ? sum.value : t.budget!.num!.value;
    const e = s.column === 'executed' ? sum.value : t.executed!.num!.value;
    const fromSums = b.isZero() ? null : roundTo(e.dividedBy(b).times(100), mode);
    if (fromSums && fromSums.eq(totalRate.stated.value) && !totalRate.printsAs(totalRate.stated, mode)) {
      set(cell, sum.toFixed(2), 'subrow-sum');
      fixedTotal[s.column] = cell.num!;
    } else {
      unfixed.push(finding('subrow-sum-mismatch', s.line, { project: ref, stated: s.total.text, expected: sum.toFixed(2), args: { column: s.column, difference: s.total.value.minus(sum.value).toFixed(2), reason: 'ambiguous' } }));
    }
  }

  // When the funds do not say which cell is wrong, nothing derived from them is rewritten either.
  if (unfixed.length > 0) return { changes, unfixed };

  // Execution rates and the execution score verify called errors (a rounding convention or a display-rounding difference is not wrong).
  // When the stated score agrees with the stated rate but not with the amounts, either the amounts or both figures are wrong
  // (or a header cell misplaced them): no single fix follows, so the rates are left and said (F2).
  const e = a.execScore;
  const totalRate = a.rates.find((r) => r.row === 'total');
  const scoreFollowsStatedRate = !!(e?.stated && a.execScoreFromStatedRate?.printsAs(e.stated, mode) && reproducedBy(e, e.stated).length === 0);
  if (scoreFollowsStatedRate && totalRate && errorAt('rate-mismatch', totalRate.line)) {
    for (const r of a.rates) {
      if (r.stated && errorAt('rate-mismatch', r.line)) unfixed.push(finding('rate-mismatch', r.line, { project: ref, stated: r.stated.text, expected: r.rounded(mode).toFixed(2), args: { row: r.row, label: r.label, reason: 'ambiguous' } }));
    }
    return { changes, unfixed };
  }
  for (const r of a.rates) {
    if (!r.stated || Object.keys(fixedTotal).length > 0 || !errorAt('rate-mismatch', r.line)) continue;
    const row = [p.funds.total, ...p.funds.subRows].find((x) => x?.kind === r.row && x.line === r.line);
    if (row?.rate) set(row.rate, r.rounded(mode).toFixed(2), 'rate');
  }
  const execFixed = !!(e?.stated && t?.score && Object.keys(fixedTotal).length === 0 && errorAt('exec-score-mismatch', e.line));
  if (execFixed) set(t!.score!, e!.rounded(mode).toFixed(2), 'exec-score');

  // Indicator scores by the proportional rule (opt-in): their change moves the total.
  let policyDelta = Amount.ofCents(0);
  if (policy === 'proportional') {
    a.indicators.forEach((fig, i) => {
      const ind = p.indicators[i]!;
      if (fig.status !== 'unmet' || !fig.policyExact || !ind.score?.num || !ind.weight?.num) return;
      const v = roundTo(fig.policyExact, mode);
      if (v.eq(ind.score.num.value)) return;
      set(ind.score, v.toFixed(2), 'indicator-score');
      policyDelta = policyDelta.plus(Amount.ofDecimal(v.minus(ind.score.num.value)));
    });
  }

  // The stated total and the grade: verify's recomputed total (stated scores + recomputed execution score), never from an incomplete or doubtful table.
  const st = p.stated;
  if (figures.weightTotal && st.weightTotal?.num && !figures.weightTotal.eqNum(st.weightTotal.num)) {
    // Which weight is wrong cannot be told: leave it, and everything summed from the weights.
    // (Verify's own finding, with its computation and its count of indicators, which the message names.)
    const said = findings.find((f): f is FindingOf<'weight-total-mismatch'> => f.code === 'weight-total-mismatch' && f.line === st.line);
    unfixed.push(
      said
        ? { ...said, args: { ...said.args, reason: 'ambiguous' } }
        : finding('weight-total-mismatch', st.line, { project: ref, stated: st.weightTotal.num.text, expected: figures.weightTotal.toFixed(2), args: { indicators: p.indicators.length, reason: 'ambiguous' } }),
    );
  }
  if (doubtful || unfixed.length > 0 || figures.total === null) return { changes, unfixed };
  const total = figures.total.plus(policyDelta);
  const limit = st.weightTotal?.num;
  if (limit && total.value.gt(limit.value)) return { changes, unfixed };
  let newTotal = st.total?.num ? Amount.ofNum(st.total.num) : null;
  if (st.total?.num && !total.eqNum(st.total.num) && (errorAt('score-total-mismatch', st.line) || execFixed || !policyDelta.value.isZero())) {
    set(st.total, total.toFixed(2), 'total');
    newTotal = total;
  }
  if (newTotal && st.grade !== null && st.gradeLine !== null && st.gradeCol !== null) {
    const band = gradeOf(newTotal);
    if (normaliseGrade(st.grade) !== band) {
      const text = st.grade.length > 1 ? LONG_GRADES[band]! : band;
      changes.push({ line: st.gradeLine, col: st.gradeCol, old: st.grade, new: text, what: 'grade', project: ref });
    }
  }
  return { changes, unfixed };
}

/** Split bytes into lines (byte ranges, terminators excluded). LF and CR never occur inside a UTF-8 or GB18030 character. */
function byteLines(buf: Uint8Array, encoding: Encoding, start: number): { from: number; to: number }[] {
  const lines: { from: number; to: number }[] = [];
  const wide = encoding === 'utf-16le' || encoding === 'utf-16be';
  const step = wide ? 2 : 1;
  const unit = (i: number) => (!wide ? buf[i]! : encoding === 'utf-16le' ? buf[i]! | (buf[i + 1]! << 8) : (buf[i]! << 8) | buf[i + 1]!);
  let from = start;
  for (let i = start; i < buf.length; i += step) {
    const u = unit(i);
    if (u === 0x0a || u === 0x0d) {
      lines.push({ from, to: i });
      if (u === 0x0d && i + step < buf.length && unit(i + step) === 0x0a) i += step;
      from = i + step;
    }
  }
  lines.push({ from, to: buf.length });
  return lines;
}

function encode(text: string, encoding: Encoding): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf-16le') return Buffer.from(text, 'utf16le');
  return iconv.encode(text, encoding === 'utf-16be' ? 'utf-16be' : 'gb18030');
}

/** One planning pass over a verify result: the changes its errors call for, and what it cannot fix. */
function plan(result: VerifyResult, policy: RescoreOptions['policy']): { changes: Change[]; unfixed: Finding[] } {
  const changes: Change[] = [];
  const unfixed: Finding[] = [];
  for (const { project, figures } of result.projects) {
    if (!figures) continue;
    const own = projectFindings(result, project.line);
    const p = planProject(project, analyse(project), figures, own, policy);
    changes.push(...p.changes);
    unfixed.push(...p.unfixed);
    // Every error verify found that no change answers is left as it is, and said.
    const changed = new Set(p.changes.map((c) => c.line));
    const column = (f: Finding) => (f.code === 'subrow-sum-mismatch' ? f.args.column : null);
    const said = (f: Finding) => p.unfixed.some((u) => u.code === f.code && u.line === f.line && column(u) === column(f));
    for (const f of own) if (f.severity === 'error' && !changed.has(f.line ?? -1) && !said(f)) unfixed.push(f);
  }
  return { changes, unfixed };
}

/** Splice changed cells into the original bytes: every other byte stays as it was. */
function apply(bytes: Buffer, encoding: Encoding, bom: boolean, changes: readonly Change[]): Buffer {
  const bomLength = !bom ? 0 : encoding === 'utf-8' ? 3 : 2;
  const lines = byteLines(bytes, encoding, bomLength);
  const byLine = new Map<number, Change[]>();
  for (const c of changes) (byLine.get(c.line) ?? byLine.set(c.line, []).get(c.line)!).push(c);
  const parts: Buffer[] = [];
  let pos = 0;
  for (const [line, cs] of [...byLine].sort((x, y) => x[0] - y[0])) {
    const range = lines[line - 1]!;
    const text = new TextDecoder(encoding).decode(bytes.subarray(range.from, range.to));
    const cells = text.split('\t');
    for (const c of cs) {
      const cell = cells[c.col]!;
      // Keep the cell's padding: replace its trimmed text.
      const core = cell.trim();
      cells[c.col] = core === '' ? c.new : cell.replace(core, c.new.trim());
    }
    parts.push(bytes.subarray(pos, range.from), encode(cells.join('\t'), encoding));
    pos = range.to;
  }
  parts.push(bytes.subarray(pos));
  return Buffer.concat(parts);
}

/** Passes at the most: a fix (a total row's amount) can make another derivable (the score, then the total). */
const MAX_PASSES = 4;

/**
 * Rescore a table export. The input's bytes come back unchanged where nothing
 * needed fixing. Planning is repeated on the corrected table, under the first
 * pass's rounding mode, until verify finds nothing more it can fix: rescoring
 * the output again changes nothing.
 */
export function rescore(input: Uint8Array | string, options: RescoreOptions = {}): RescoreResult {
  let bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const before = verifyInput(bytes, { ...options, ...(options.path ? { path: options.path } : {}) });
  const mode = before.rounding?.mode ?? null;
  if (!mode) return { bytes, changes: [], unfixed: [], before, rounding: mode };
  const encoding = before.encoding as Encoding;
  const all = new Map<string, Change>();
  let current = before;
  let unfixed: Finding[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const p = plan(current, options.policy ?? 'none');
    unfixed = p.unfixed;
    if (p.changes.length === 0) break;
    bytes = apply(bytes, encoding, before.bom, p.changes);
    for (const c of p.changes) {
      const key = `${c.line}:${c.col}`;
      const first = all.get(key);
      all.set(key, first ? { ...c, old: first.old } : c);
    }
    current = verifyInput(bytes, { ...options, rounding: mode, ...(options.path ? { path: options.path } : {}) });
  }
  const changes = [...all.values()].filter((c) => c.old !== c.new).sort((a, b) => a.line - b.line || a.col - b.col);
  return { bytes, changes, unfixed, before, rounding: mode };
}

/** A unified diff of two texts that differ only by replaced lines (rescore never adds or removes lines). */
export function unifiedDiff(path: string, oldText: string, newText: string, context = 3): string {
  const a = oldText.split(/\r\n|\r|\n/);
  const b = newText.split(/\r\n|\r|\n/);
  const changed: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) changed.push(i);
  if (changed.length === 0) return '';
  let out = `--- a/${path}\n+++ b/${path}\n`;
  let k = 0;
  while (k < changed.length) {
    let end = k;
    while (end + 1 < changed.length && changed[end + 1]! - changed[end]! <= 2 * context) end++;
    const from = Math.max(0, changed[k]! - context);
    const to = Math.min(a.length - 1, changed[end]! + context);
    const body: string[] = [];
    for (let i = from; i <= to; i++) {
      if (changed.includes(i)) {
        body.push(`-${a[i]}`);
        body.push(`+${b[i]}`);
      } else body.push(` ${a[i]}`);
    }
    const n = to - from + 1;
    out += `@@ -${from + 1},${n} +${from + 1},${n} @@\n${body.join('\n')}\n`;
    k = end + 1;
  }
  return out;
}

