/**
 * Indicator rows as a reviewer reads them: an unmet target needs a reason
 * whatever its score; a met target should not lose points; full marks on a
 * row with neither target nor actual; 正向/反向 against the operator; a
 * number target that says nothing of what it counts; an indicator marked not
 * applicable.
 */
import { exactText } from '../decimal.js';
import { finding, type Finding } from '../findings.js';
import { cmpNum, isPlaceholder, isZero } from '../number.js';
import type { Cell, Indicator } from '../model.js';
import { hasReason } from './narrative.js';
import type { Check } from './types.js';

export const UNMET_TEXT = /未达成|部分达成|未完成|未达到|未实现/;

export const indicatorRulesCheck: Check = {
  id: 'indicator-rules',
  run({ project, analysis, ref, selfScored }) {
    const out: Finding[] = [];
    const empty: number[] = [];
    const unitless: number[] = [];
    const notApplicable: number[] = [];
    /** The first not-applicable row's mark (`/`, 不适用), for the message. */
    let mark = '';
    project.indicators.forEach((ind, i) => {
      const a = analysis.indicators[i]!;
      const s = ind.score?.num;
      const w = ind.weight?.num;
      const args = { name: ind.name, target: ind.target.raw.trim(), actual: ind.actual.raw.trim() };
      // 11: a met quantitative target with points deducted.
      if (selfScored && a.status === 'met' && s && w && cmpNum(s, w) < 0) {
        out.push(finding('met-but-deducted', ind.line, { project: ref, stated: s.text, expected: w.text, args: { ...args, deduction: exactText(w.value.minus(s.value)) } }));
      }
      // 1: an unmet target without a reason, whatever its score (a deduction without one is deduction-without-reason).
      const unmet = a.status === 'unmet' || (ind.target.kind === 'qualitative' && UNMET_TEXT.test(ind.actual.raw));
      const deducted = !!s && !!w && cmpNum(s, w) < 0;
      if (unmet && !hasReason(ind.reason) && !deducted) out.push(finding('unmet-without-reason', ind.line, { project: ref, stated: s?.text ?? null, args }));
      // 9: full marks with neither target nor actual.
      if (selfScored && ind.target.kind === 'empty' && ind.actual.kind === 'empty' && s && w && cmpNum(s, w) === 0 && !w.value.isZero()) empty.push(ind.line);
      // 16: a number target with no unit, in its cell or a unit column (and none in the actual's cell either).
      if (ind.target.kind === 'number' && !ind.target.unit && !ind.actual.unit) unitless.push(ind.line);
      // 18: marked not applicable (`/` for target and actual) with no weight: left out of the totals.
      if (isNotApplicable(ind)) {
        if (notApplicable.length === 0) mark = ind.target.raw.trim();
        notApplicable.push(ind.line);
      }
      // 12: the direction against the operator.
      const op = ind.target.op;
      if (ind.direction && op && ((ind.direction === '正向' && (op === '≤' || op === '<')) || (ind.direction === '反向' && (op === '≥' || op === '>')))) {
        out.push(finding('direction-conflict', ind.line, { project: ref, stated: `${ind.direction} ${ind.target.opRaw ?? op}`, args: { ...args, direction: ind.direction, op } }));
      }
    });
    if (empty.length > 0) out.push(finding('empty-full-marks', empty[0]!, { project: ref, args: { count: empty.length, lines: empty } }));
    if (unitless.length > 0) out.push(finding('target-without-unit', unitless[0]!, { project: ref, args: { count: unitless.length, lines: unitless } }));
    if (notApplicable.length > 0) out.push(finding('indicator-not-applicable', notApplicable[0]!, { project: ref, args: { count: notApplicable.length, lines: notApplicable, mark } }));
    return out;
  },
};

/** A cell with no points in it: empty, a placeholder (`/`, `-`), or 0. */
const noPoints = (c: Cell | null): boolean => c === null || (c.num === null ? isPlaceholder(c.raw) : isZero(c.num));

/**
 * An indicator marked not applicable: its target and its actual written as a placeholder (`/`, `—`, 不适用; not
 * left blank, which is a row not filled in), and no weight or score. Its points were given to the other rows
 * (the weight total says whether they still add up).
 */
function isNotApplicable(ind: Indicator): boolean {
  return markedNotApplicable(ind.target.raw, ind.actual.raw) && noPoints(ind.weight) && noPoints(ind.score);
}

/** Target and actual both written as a placeholder, not left blank (shared with the fast reader, which hands such a row on). */
export function markedNotApplicable(target: string, actual: string): boolean {
  const marked = (raw: string): boolean => raw.trim() !== '' && isPlaceholder(raw);
  return marked(target) && marked(actual);
}
