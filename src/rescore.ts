/**
 * rescore: the table as it should read. Every derivable cell that is wrong is
 * replaced by its recomputed value, in the cell's own number style; nothing
 * else changes. Changed lines are re-encoded and spliced into the original
 * bytes, so encoding, BOM, line endings, tabs and untouched cells stay
 * byte-for-byte as they were.
 */
import iconv from 'iconv-lite';
import { roundTo, type RoundingMode } from './decimal.js';
import { finding, type Finding, type ProjectRef } from './findings.js';
import type { Cell, Project } from './model.js';
import type { Num } from './number.js';
import type { Encoding } from './parse/decode.js';
import { agreement, analyse, type Analysis } from './score/engine.js';
import { Amount } from './score/fast.js';
import { gradeOf, normaliseGrade } from './score/grade.js';
import type { RoundingSetting } from './score/rounding.js';
import { verifyInput, type VerifyResult } from './verify.js';

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

/** `value` (2 decimals) in the style of the cell it replaces: decimals, thousands separators, % sign, padding. */
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
  if (cell.percent) v += core.endsWith('％') ? '％' : '%';
  if (core === '') return v;
  const at = raw.indexOf(core);
  return raw.slice(0, at) + v + raw.slice(at + core.length);
}

const LONG_GRADES: Record<string, string> = { 优: '优秀', 良: '良好', 中: '中等', 差: '较差' };

/** The changes one project needs, and what it cannot fix. */
export function planProject(p: Project, a: Analysis, mode: RoundingMode, policy: RescoreOptions['policy']): { changes: Change[]; unfixed: Finding[] } {
  const ref = { name: p.name, line: p.line };
  const changes: Change[] = [];
  const unfixed: Finding[] = [];
  const set = (cell: Cell, value: string, what: RescoreWhat) => {
    const text = styled(cell, value);
    if (text !== cell.raw) changes.push({ line: cell.line, col: cell.col, old: cell.raw, new: text, what, project: ref });
  };
  const t = p.funds.total;

  // Sub-row sums, when the total row is the one at fault: the sub-rows reproduce the stated rate, the total's amounts do not.
  const fixedTotal: Partial<Record<'budget' | 'executed', Num>> = {};
  for (const s of a.sums) {
    const sum = s.sum;
    if (sum.eqNum(s.total)) continue;
    const totalRate = a.rates.find((r) => r.row === 'total');
    const cell = t?.[s.column];
    if (!t || !cell || s.column === 'initialBudget' || !totalRate?.stated) {
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

  // Execution rates and the execution score: errors only (a difference display rounding explains is not wrong).
  for (const r of a.rates) {
    if (!r.stated || Object.keys(fixedTotal).length > 0) continue;
    if (agreement(r, r.stated, mode) !== 'mismatch') continue;
    const row = [p.funds.total, ...p.funds.subRows].find((x) => x?.kind === r.row && x.line === r.line);
    if (row?.rate) set(row.rate, r.rounded(mode).toFixed(2), 'rate');
  }
  let exec: Amount | null = t?.score?.num ? Amount.ofNum(t.score.num) : null;
  const e = a.execScore;
  if (e?.stated && t?.score && Object.keys(fixedTotal).length === 0 && agreement(e, e.stated, mode, a.execScoreFromStatedRate) === 'mismatch') {
    const v = e.rounded(mode);
    set(t.score, v.toFixed(2), 'exec-score');
    exec = Amount.ofDecimal(v);
  }

  // Indicator scores by the proportional rule (opt-in).
  let indicatorSum: Amount | null = null;
  let scoresChanged = false;
  a.indicators.forEach((fig, i) => {
    const ind = p.indicators[i]!;
    let score = ind.score?.num ? Amount.ofNum(ind.score.num) : null;
    if (policy === 'proportional' && fig.status === 'unmet' && fig.policyExact && ind.score?.num && ind.weight?.num) {
      const v = roundTo(fig.policyExact, mode);
      if (!v.eq(ind.score.num.value)) {
        set(ind.score, v.toFixed(2), 'indicator-score');
        score = Amount.ofDecimal(v);
        scoresChanged = true;
      }
    }
    if (score) indicatorSum = (indicatorSum ?? Amount.ofCents(0)).plus(score);
  });

  // The stated total and the grade.
  const st = p.stated;
  let total: Amount | null = st.total?.num ? Amount.ofNum(st.total.num) : null;
  const computed = indicatorSum !== null || exec ? (indicatorSum ?? Amount.ofCents(0)).plus(exec ?? Amount.ofCents(0)) : null;
  const execChanged = changes.some((c) => c.what === 'exec-score');
  // A sum with an unreadable or missing part (no funds section, no indicators, a malformed score) is unknown: not rewritten.
  const sumKnown = a.statedScoreSum !== null;
  if (sumKnown && st.total?.num && computed && (scoresChanged || execChanged || !computed.eqNum(st.total.num))) {
    if (!computed.eqNum(st.total.num)) {
      set(st.total, computed.toFixed(2), 'total');
      total = computed;
    }
  }
  if (st.weightTotal?.num && a.weightSum && !a.weightSum.eqNum(st.weightTotal.num)) {
    // Which weight is wrong cannot be told: leave it.
    unfixed.push(finding('weight-total-mismatch', st.line, { project: ref, stated: st.weightTotal.num.text, expected: a.weightSum.toFixed(2), args: { reason: 'ambiguous' } }));
  }
  if (total && st.grade !== null && st.gradeLine !== null && st.gradeCol !== null) {
    const band = gradeOf(total);
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

/** Rescore a table export. The input's bytes come back unchanged where nothing needed fixing. */
export function rescore(input: Uint8Array | string, options: RescoreOptions = {}): RescoreResult {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const before = verifyInput(bytes, { ...options, ...(options.path ? { path: options.path } : {}) });
  const mode = before.rounding?.mode ?? null;
  const changes: Change[] = [];
  const unfixed: Finding[] = [];
  if (mode) {
    for (const { project } of before.projects) {
      const plan = planProject(project, analyse(project), mode, options.policy ?? 'none');
      changes.push(...plan.changes);
      unfixed.push(...plan.unfixed);
    }
  }
  if (changes.length === 0) return { bytes, changes, unfixed, before, rounding: mode };
  const encoding = before.encoding as Encoding;
  const bomLength = !before.bom ? 0 : encoding === 'utf-8' ? 3 : 2;
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
  return { bytes: Buffer.concat(parts), changes, unfixed, before, rounding: mode };
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

