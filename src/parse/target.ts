/** Targets (年度指标值) and actuals (实际完成值): operator, value, unit — or text. */
import { parseNumber, type Num } from '../number.js';
import type { Actual, Op, Target } from '../model.js';
import { clean } from '../text.js';
import { MET_ACTUALS } from './vocab.js';

/** Operators as written → normalised. Longest spellings first. */
const OPERATORS: ReadonlyArray<readonly [string, Op]> = [
  ['大于或等于', '≥'], ['小于或等于', '≤'],
  ['大于等于', '≥'], ['小于等于', '≤'], ['不低于', '≥'], ['不少于', '≥'], ['不小于', '≥'],
  ['不高于', '≤'], ['不多于', '≤'], ['不超过', '≤'], ['不大于', '≤'],
  ['＞＝', '≥'], ['>＝', '≥'], ['＜＝', '≤'], ['<＝', '≤'], ['>=', '≥'], ['<=', '≤'], ['==', '='],
  ['大于', '>'], ['小于', '<'], ['等于', '='],
  ['≥', '≥'], ['≧', '≥'], ['⩾', '≥'], ['≤', '≤'], ['≦', '≤'], ['⩽', '≤'],
  ['＞', '>'], ['>', '>'], ['＜', '<'], ['<', '<'], ['=', '='], ['＝', '='], ['﹦', '='],
];

// number then unit; the number part is re-checked by the strict grammar.
const NUM_UNIT_RE = /^([+-]?[\d,]{1,40}(?:\.\d{1,20})?)\s*(.*)$/s;

function unitOf(rest: string): string | null {
  let u = clean(rest);
  if (u === '') return null;
  const m = /^[(（]\s*(.*?)\s*[)）]$/s.exec(u);
  if (m) u = m[1]!;
  u = u.replace(/％/g, '%');
  return u === '' ? null : u;
}

/** "11.00(个)" → value 11.00, unit 个; "100%" → 100, %; anything else null. */
export function parseQuantity(s: string): { value: Num; unit: string | null } | null {
  const m = NUM_UNIT_RE.exec(s);
  if (!m) return null;
  const value = parseNumber(m[1]!);
  if (!value) return null;
  const rest = m[2]!;
  // A unit is short and holds no further digits ("12..5", "1e400" are not units).
  if (rest.length > 20 || /[\d.]/.test(rest.replace(/^[(（].*[)）]$/s, (x) => x.replace(/\d/g, '')))) return null;
  return { value, unit: unitOf(rest) };
}

const SYMBOL_PREFIX_RE = /^([^\p{L}\p{N}\s(（]{1,3})\s*(\d.*)$/su;

/** Parse a 年度指标值 cell. `isCost` makes an operator-less number "at most". */
export function parseTarget(raw: string, col: number, isCost: boolean): Target {
  const s = clean(raw);
  const base = { raw, col, op: null, impliedOp: null, opRaw: null, value: null, unit: null } as const;
  if (s === '') return { ...base, kind: 'empty' };
  // "-100.00(%)": an export defect where an operator belongs; kept, never guessed.
  if (s.startsWith('-') || s.startsWith('－')) {
    const q = parseQuantity(s.slice(1).trimStart());
    if (q) return { ...base, kind: 'defect', opRaw: '-', value: q.value, unit: q.unit };
  }
  for (const [spelling, op] of OPERATORS) {
    if (s.startsWith(spelling)) {
      const q = parseQuantity(clean(s.slice(spelling.length)));
      if (q) return { ...base, kind: 'number', op, impliedOp: op, opRaw: spelling, value: q.value, unit: q.unit };
      // "≥良好" and the like: an operator on words is still qualitative.
      return { ...base, kind: 'qualitative' };
    }
  }
  const q = parseQuantity(s);
  if (q) return { ...base, kind: 'number', impliedOp: isCost ? '≤' : '≥', value: q.value, unit: q.unit };
  const sym = SYMBOL_PREFIX_RE.exec(s);
  if (sym) {
    const q2 = parseQuantity(sym[2]!);
    if (q2) return { ...base, kind: 'unknown-op', opRaw: sym[1]!, value: q2.value, unit: q2.unit };
  }
  return { ...base, kind: 'qualitative' };
}

/** Parse a 实际完成值 cell. */
export function parseActual(raw: string, col: number): Actual {
  const s = clean(raw);
  if (s === '') return { raw, col, kind: 'empty', value: null, unit: null };
  if (MET_ACTUALS.has(s)) return { raw, col, kind: 'met', value: null, unit: null };
  let body = s;
  for (const [spelling] of OPERATORS) {
    if (body.startsWith(spelling)) {
      body = clean(body.slice(spelling.length));
      break;
    }
  }
  const q = parseQuantity(body);
  if (q) return { raw, col, kind: 'number', value: q.value, unit: q.unit };
  return { raw, col, kind: 'text', value: null, unit: null };
}
