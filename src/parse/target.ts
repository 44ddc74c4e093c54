/** Targets (年度指标值) and actuals (实际完成值): operator, value, unit — or text. */
import { halfWidthNumber, hasFullWidthDigit, isPlaceholder, parseNumber, type Num } from '../number.js';
import type { Actual, Op, Target } from '../model.js';
import { clean, isJsSpace } from '../text.js';
import { MET_ACTUALS } from './vocab.js';

/** Operators as written → normalised. Longest spellings first. */
const OPERATORS: ReadonlyArray<readonly [string, Op]> = [
  ['大于或等于', '≥'], ['小于或等于', '≤'],
  ['大于等于', '≥'], ['小于等于', '≤'], ['不低于', '≥'], ['不少于', '≥'], ['不小于', '≥'],
  ['不高于', '≤'], ['不多于', '≤'], ['不超过', '≤'], ['不大于', '≤'],
  ['＞＝', '≥'], ['>＝', '≥'], ['＜＝', '≤'], ['<＝', '≤'], ['>=', '≥'], ['<=', '≤'], ['==', '='],
  ['大于', '>'], ['小于', '<'], ['等于', '='],
  ['≥', '≥'], ['≧', '≥'], ['⩾', '≥'], ['≤', '≤'], ['≦', '≤'], ['⩽', '≤'],
  ['＞', '>'], ['>', '>'], ['＜', '<'], ['<', '<'], ['=', '='], ['＝', '='], ['﹦', '='], ['═', '='],
];

/** Operators written after the value. Longest first. */
const SUFFIX_OPERATORS: ReadonlyArray<readonly [string, Op]> = [['及以上', '≥'], ['及以下', '≤'], ['以上', '≥'], ['以下', '≤'], ['以内', '≤']];

/** Operators by their first character, so a cell is tested against a handful, not all. */
const BY_FIRST = new Map<string, (readonly [string, Op])[]>();
for (const entry of OPERATORS) {
  const list = BY_FIRST.get(entry[0][0]!) ?? [];
  list.push(entry);
  BY_FIRST.set(entry[0][0]!, list);
}

export function operatorAt(s: string): readonly [string, Op] | null {
  const list = BY_FIRST.get(s[0] ?? '');
  if (list) for (const e of list) if (s.startsWith(e[0])) return e;
  return null;
}

/**
 * Where the number of "number then unit" ends and where its unit begins, as
 * `/^([+-]?[\d,]{1,40}(?:\.\d{1,20})?)\s*(.*)$/s` splits it (a hand scanner: a regular expression with
 * captures was a fifth of reading a target); null when it does not start so. test/target.test.ts compares them.
 */
export function splitNumberUnit(s: string): { end: number; rest: number } | null {
  const n = s.length;
  let i = 0;
  const c0 = s.charCodeAt(0);
  if (c0 === 0x2b || c0 === 0x2d) i++;
  const start = i;
  while (i < n && i - start < 40) {
    const c = s.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || c === 0x2c) i++;
    else break;
  }
  if (i === start) return null;
  if (s.charCodeAt(i) === 0x2e) {
    let j = i + 1;
    while (j < n && j - i - 1 < 20) {
      const c = s.charCodeAt(j);
      if (c >= 0x30 && c <= 0x39) j++;
      else break;
    }
    if (j > i + 1) i = j;
  }
  let r = i;
  while (r < n && isJsSpace(s.charCodeAt(r))) r++;
  return { end: i, rest: r };
}

function unitOf(rest: string): string | null {
  let u = clean(rest);
  if (u === '') return null;
  const first = u.charCodeAt(0);
  const last = u.charCodeAt(u.length - 1);
  if ((first === 0x28 || first === 0xff08) && (last === 0x29 || last === 0xff09)) u = clean(u.slice(1, -1));
  if (u.includes('％')) u = u.replaceAll('％', '%');
  return u === '' ? null : u;
}

/** "11.00(个)" → value 11.00, unit 个; "100%" → 100, %; anything else null. */
export function parseQuantity(s: string): { value: Num; unit: string | null } | null {
  const m = splitNumberUnit(s);
  if (!m) return null;
  const value = parseNumber(m.end === s.length ? s : s.slice(0, m.end));
  if (!value) return null;
  if (m.rest === s.length) return { value, unit: null };
  const rest = s.slice(m.rest);
  // A unit is short and holds no further digits outside brackets ("12..5", "1e400" are not units).
  if (rest.length > 20) return null;
  const c = rest.charCodeAt(0);
  const last = rest.charCodeAt(rest.length - 1);
  const bracketed = (c === 0x28 || c === 0xff08) && (last === 0x29 || last === 0xff09);
  if (!bracketed && hasDigitOrDot(rest)) return null;
  return { value, unit: unitOf(rest) };
}

function hasDigitOrDot(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || c === 0x2e) return true;
  }
  return false;
}

const SYMBOL_PREFIX_RE = /^([^\p{L}\p{N}\s(（]{1,3})\s*(\d.*)$/su;

/**
 * A target or actual typed with full-width digits (`≥９０％`) reads as the same in ASCII; the cell's raw text is
 * kept. (Looked for only when the cell did not read as a number: most cells are ASCII.)
 */
const wide = (s: string): boolean => s.length <= 80 && hasFullWidthDigit(s);

/** One shape for every target, so the hot path stays monomorphic. */
function target(raw: string, col: number, kind: Target['kind'], op: Op | null, impliedOp: Op | null, opRaw: string | null, value: Num | null, unit: string | null): Target {
  return { raw, col, kind, op, impliedOp, opRaw, value, unit };
}

/** Parse a 年度指标值 cell. `isCost` makes an operator-less number "at most". */
export function parseTarget(raw: string, col: number, isCost: boolean): Target {
  const s = clean(raw);
  const t = readTarget(raw, s, col, isCost);
  return t.kind !== 'number' && t.kind !== 'defect' && wide(s) ? readTarget(raw, halfWidthNumber(s), col, isCost) : t;
}

function readTarget(raw: string, s: string, col: number, isCost: boolean): Target {
  // Empty, or a placeholder (`/`, `-`, `—`: not applicable).
  if (s === '' || (s.length <= 3 && isPlaceholder(s))) return target(raw, col, 'empty', null, null, null, null, null);
  const first = s.charCodeAt(0);
  // "-100.00(%)": an export defect where an operator belongs; kept, never guessed.
  if (first === 0x2d || first === 0xff0d) {
    const q = parseQuantity(s.slice(1).trimStart());
    if (q) return target(raw, col, 'defect', null, null, '-', q.value, q.unit);
  }
  const found = operatorAt(s);
  if (found) {
    const [spelling, op] = found;
    const q = parseQuantity(clean(s.slice(spelling.length)));
    // "≥良好" and the like: an operator on words is still qualitative.
    return q ? target(raw, col, 'number', op, op, spelling, q.value, q.unit) : target(raw, col, 'qualitative', null, null, null, null, null);
  }
  if (first >= 0x30 && first <= 0x39) {
    // "90%以上", "5天以内": the operator written after the value.
    for (const [word, op] of SUFFIX_OPERATORS) {
      if (!s.endsWith(word)) continue;
      const q = parseQuantity(clean(s.slice(0, -word.length)));
      if (q) return target(raw, col, 'number', op, op, word, q.value, q.unit);
    }
    const q = parseQuantity(s);
    if (q) return target(raw, col, 'number', null, isCost ? '≤' : '≥', null, q.value, q.unit);
  }
  // Only a symbol can be an unknown operator; CJK text is qualitative without a regex test.
  const sym = first < 0x3400 || first > 0x9fff ? SYMBOL_PREFIX_RE.exec(s) : null;
  if (sym) {
    const q2 = parseQuantity(sym[2]!);
    if (q2) return target(raw, col, 'unknown-op', null, null, sym[1]!, q2.value, q2.unit);
  }
  return target(raw, col, 'qualitative', null, null, null, null, null);
}

/** Parse a 实际完成值 cell. */
export function parseActual(raw: string, col: number): Actual {
  const s = clean(raw);
  const a = readActual(raw, s, col);
  return a.kind === 'text' && wide(s) ? readActual(raw, halfWidthNumber(s), col) : a;
}

function readActual(raw: string, s: string, col: number): Actual {
  if (s === '' || (s.length <= 3 && isPlaceholder(s))) return { raw, col, kind: 'empty', value: null, unit: null };
  if (MET_ACTUALS.has(s)) return { raw, col, kind: 'met', value: null, unit: null };
  const op = operatorAt(s);
  const body = op ? clean(s.slice(op[0].length)) : s;
  const first = body.charCodeAt(0);
  const q = (first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d ? parseQuantity(body) : null;
  if (q) return op ? { raw, col, kind: 'number', value: q.value, unit: q.unit, op: op[1] } : { raw, col, kind: 'number', value: q.value, unit: q.unit };
  return { raw, col, kind: 'text', value: null, unit: null };
}
