/**
 * The row classifier: what a row of a block is, from its labels (the
 * vocabulary) and, for rows without a label, from the section it stands in.
 * The section readers refine their own rows (an indicator row may turn out
 * to be a group, placeholder or child row once its columns are read).
 */
import { detach } from '../text.js';
import type { NE } from './context.js';
import { FundsReader } from './funds.js';
import { GoalsReader } from './goals.js';
import { HeadReader } from './head.js';
import { IndicatorReader } from './indicators.js';
import { FUNDS_HEADERS, GRADE_LABELS, labelKey, PREAMBLE, TAIL_LABELS, TOTAL_LABELS, YEAR_LINE, type FundsKind, type GoalsLabel, type HeadField } from './vocab.js';

export type Section = 'head' | 'funds' | 'goals' | 'indicators' | 'after';

export type RowKind =
  | { kind: 'year' }
  | { kind: 'preamble' }
  | { kind: 'head' }
  | { kind: 'head-single' }
  | { kind: 'funds-header' }
  | { kind: 'funds-row'; funds: FundsKind }
  | { kind: 'goals-header' }
  | { kind: 'goals'; label: GoalsLabel | null }
  | { kind: 'indicator-header' }
  | { kind: 'indicator-header-part' }
  | { kind: 'indicator' }
  | { kind: 'total' }
  | { kind: 'grade' }
  | { kind: 'tail' }
  | { kind: 'unknown' };

// One object per kind without details: classifying a row allocates nothing.
const K_YEAR: RowKind = { kind: 'year' };
const K_PREAMBLE: RowKind = { kind: 'preamble' };
const K_HEAD: RowKind = { kind: 'head' };
const K_HEAD_SINGLE: RowKind = { kind: 'head-single' };
const K_FUNDS_HEADER: RowKind = { kind: 'funds-header' };
const K_GOALS_HEADER: RowKind = { kind: 'goals-header' };
const K_INDICATOR_HEADER: RowKind = { kind: 'indicator-header' };
const K_INDICATOR_HEADER_PART: RowKind = { kind: 'indicator-header-part' };
const K_INDICATOR: RowKind = { kind: 'indicator' };
const K_TOTAL: RowKind = { kind: 'total' };
const K_GRADE: RowKind = { kind: 'grade' };
const K_TAIL: RowKind = { kind: 'tail' };
const K_UNKNOWN: RowKind = { kind: 'unknown' };
const GOALS_CONTENT: RowKind = { kind: 'goals', label: null };

/** What a first cell is, in every category at once (a label may belong to several). */
interface LabelInfo {
  head: HeadField | null;
  fundsHeader: boolean;
  fundsRow: FundsKind | null;
  goals: GoalsLabel | null;
  total: boolean;
  grade: boolean;
  tail: boolean;
  preamble: boolean;
  year: boolean;
}

/** Label cells are short: a longer first cell is a name or a text. */
const MAX_LABEL = 24;
const NONE: LabelInfo = { head: null, fundsHeader: false, fundsRow: null, goals: null, total: false, grade: false, tail: false, preamble: false, year: false };
// First cells repeat (the same labels in every block): the lookups are pure, so they are remembered.
const memo = new Map<string, LabelInfo>();

export function labelOf(text: string): LabelInfo {
  if (text.length > MAX_LABEL) return NONE;
  let info = memo.get(text);
  if (info) return info;
  const key = labelKey(text);
  info = {
    head: HeadReader.field(key),
    fundsHeader: FUNDS_HEADERS.lookupKey(key) !== null,
    fundsRow: FundsReader.rowKind(key),
    goals: GoalsReader.label(key),
    total: TOTAL_LABELS.lookupKey(key) !== null,
    grade: GRADE_LABELS.lookupKey(key) !== null,
    tail: TAIL_LABELS.lookupKey(key) !== null,
    preamble: PREAMBLE.lookupKey(key) !== null,
    year: YEAR_LINE.lookupKey(key) !== null,
  };
  if (Object.values(info).every((v) => v === null || v === false)) info = NONE;
  if (memo.size >= 4096) memo.clear();
  memo.set(detach(text), info);
  return info;
}

/** `单位名称:…`, `填报日期:…`: the lines a template prints over its table, or right under its title. */
const isUnitDate = (n: NE): boolean => PREAMBLE.lookupKey(labelKey(n.text.slice(0, 60)))?.value === 'unit-date';

/** A long first cell may still be a tail or preamble label with its text in the same cell (`注:1.…`, `附件1:…`). */
function longLabel(text: string): { tail: boolean; preamble: boolean } {
  const key = labelKey(text.slice(0, 60));
  return { tail: TAIL_LABELS.lookupKey(key) !== null, preamble: PREAMBLE.lookupKey(key) !== null };
}

/**
 * Classify a row in `section`. `totalRead`: the total row was read; `goalsRead`: a row of what the goals say
 * was read since the goals header (false right under it).
 */
export function classify(ne: readonly NE[], section: Section, totalRead: boolean, goalsRead = true): RowKind {
  const first = ne[0]!.text;
  const l = labelOf(first);
  if (l !== NONE) {
    if (l.year && ne.length === 1 && section === 'head') return K_YEAR;
    if (l.tail && (section === 'after' || section === 'indicators' || !l.head)) return K_TAIL;
    if (l.grade) return K_GRADE;
    if (l.total && IndicatorReader.isTotal(ne, true)) return K_TOTAL;
    if (l.head) return K_HEAD;
    if (l.fundsHeader && ne.length > 1) return K_FUNDS_HEADER;
    if (l.fundsRow && section !== 'indicators' && section !== 'after') return { kind: 'funds-row', funds: l.fundsRow };
    if (l.goals) {
      if (GoalsReader.isHeader(ne)) return K_GOALS_HEADER;
      if (section !== 'indicators' && section !== 'after') return { kind: 'goals', label: l.goals };
    }
    // (Under the title, a unit-and-date line keeps every cell it has: `单位名称:… ⇥ 填报日期:…`.)
    if (l.preamble && (ne.length === 1 || (section === 'head' && isUnitDate(ne[0]!)))) return K_PREAMBLE;
  } else if (first.length > MAX_LABEL && ne.length <= 2) {
    const ll = longLabel(first);
    if (ll.tail && section !== 'head') return K_TAIL;
    if (ll.preamble && ne.length === 1) return K_PREAMBLE;
  }
  if (IndicatorReader.isHeader(ne)) return K_INDICATOR_HEADER;
  if (IndicatorReader.isHeaderPart(ne)) return K_INDICATOR_HEADER_PART;
  switch (section) {
    case 'indicators':
      return IndicatorReader.isTotal(ne, l.total) ? K_TOTAL : K_INDICATOR;
    case 'goals':
      // A block cut before its indicators still has its total row (bare numbers under the goals). The first row
      // under the goals header is what the goals say, though, numbers or not (`43.2 | 37.24`, Langfang 2019).
      if (!totalRead && goalsRead && IndicatorReader.isTotal(ne, l.total)) return K_TOTAL;
      return GOALS_CONTENT;
    case 'head':
      return ne.length === 1 ? K_HEAD_SINGLE : K_UNKNOWN;
    case 'funds':
      if (!totalRead && IndicatorReader.isTotal(ne, l.total)) return K_TOTAL;
      return K_UNKNOWN;
    case 'after':
      return K_UNKNOWN;
  }
}
