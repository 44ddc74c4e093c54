import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumber } from '../src/number.js';
import { parseActual, parseQuantity, parseTarget, splitNumberUnit } from '../src/parse/target.js';
import { clean } from '../src/text.js';

const t = (raw: string, cost = false) => {
  const x = parseTarget(raw, 0, cost);
  return [x.kind, x.op, x.impliedOp, x.value?.text ?? null, x.unit];
};

describe('targets', () => {
  it('reads every operator spelling', () => {
    expect(t('≥8.00(个)')).toEqual(['number', '≥', '≥', '8.00', '个']);
    expect(t('>=90%')).toEqual(['number', '≥', '≥', '90', '%']);
    expect(t('≧300（户）')).toEqual(['number', '≥', '≥', '300', '户']);
    expect(t('大于等于90（％）')).toEqual(['number', '≥', '≥', '90', '%']);
    expect(t('不低于95%')).toEqual(['number', '≥', '≥', '95', '%']);
    expect(t('≤12(月)')).toEqual(['number', '≤', '≤', '12', '月']);
    expect(t('<=12(月)')).toEqual(['number', '≤', '≤', '12', '月']);
    expect(t('小于等于5天')).toEqual(['number', '≤', '≤', '5', '天']);
    expect(t('不超过2400元/人')).toEqual(['number', '≤', '≤', '2400', '元/人']);
    expect(t('=100%')).toEqual(['number', '=', '=', '100', '%']);
    expect(t('＝100%')).toEqual(['number', '=', '=', '100', '%']);
    expect(t('﹦100%')).toEqual(['number', '=', '=', '100', '%']);
    expect(t('>0')).toEqual(['number', '>', '>', '0', null]);
    expect(t('＞50人')).toEqual(['number', '>', '>', '50', '人']);
    expect(t('<3次')).toEqual(['number', '<', '<', '3', '次']);
    expect(t('＜3次')).toEqual(['number', '<', '<', '3', '次']);
  });

  it('reads an operator-less number as at least, or at most for a cost indicator', () => {
    expect(t('90%')).toEqual(['number', null, '≥', '90', '%']);
    expect(t('380(元/人)', true)).toEqual(['number', null, '≤', '380', '元/人']);
    expect(t('1,000.00(人次)')).toEqual(['number', null, '≥', '1000.00', '人次']);
  });

  it('keeps the "-" defect, unknown operators and text apart', () => {
    expect(t('-100.00(%)')).toEqual(['defect', null, null, '100.00', '%']);
    expect(parseTarget('-100.00(%)', 0, false).opRaw).toBe('-');
    expect(t('≈100%')).toEqual(['unknown-op', null, null, '100', '%']);
    expect(parseTarget('~90%', 0, false).opRaw).toBe('~');
    expect(t('提升')).toEqual(['qualitative', null, null, null, null]);
    expect(t('档案管理规范要求')).toEqual(['qualitative', null, null, null, null]);
    expect(t('≥良好')).toEqual(['qualitative', null, null, null, null]);
    expect(t('')).toEqual(['empty', null, null, null, null]);
    expect(t('12..5')).toEqual(['qualitative', null, null, null, null]);
  });

  it('reads actuals', () => {
    const a = (raw: string) => {
      const x = parseActual(raw, 0);
      return [x.kind, x.value?.text ?? null, x.unit];
    };
    expect(a('11.00(个)')).toEqual(['number', '11.00', '个']);
    expect(a('达成指标')).toEqual(['met', null, null]);
    expect(a('按时完成')).toEqual(['text', null, null]);
    expect(a('')).toEqual(['empty', null, null]);
    expect(a('≥95%')).toEqual(['number', '95', '%']);
  });
});

describe('the number grammar', () => {
  it('accepts plain, grouped, signed and decimal numbers', () => {
    expect(['0', '88.32', '18,693.82', '-0.00', '+5', '1,000,000', ' 7 '].map((s) => parseNumber(s)?.text)).toEqual(['0', '88.32', '18693.82', '-0.00', '5', '1000000', '7']);
  });
  it('rejects what is not a number', () => {
    // (Full-width digits are digits, １２ is 12: see test/robust.test.ts. Other scripts' digits are not.)
    for (const s of ['12..5', '1,2,3', '1e400', 'NaN', 'Infinity', '1,23', '12,3456', '.5', '5.', '--1', '0x10', '١٢', '１２ａ', '０ｘ１０', '']) expect(parseNumber(s), s).toBeNull();
  });
});

describe('number then unit: the hand scanner splits as the regular expression it replaced', () => {
  // The regular expression and parseQuantity as they were before the scanner (the oracle).
  const NUM_UNIT_RE = /^([+-]?[\d,]{1,40}(?:\.\d{1,20})?)\s*(.*)$/s;
  const unitOf = (rest: string): string | null => {
    let u = clean(rest);
    if (u === '') return null;
    if (/^[(（]/.test(u) && /[)）]$/.test(u)) u = clean(u.slice(1, -1));
    u = u.replaceAll('％', '%');
    return u === '' ? null : u;
  };
  const oracle = (s: string): { value: string; unit: string | null } | null => {
    const m = NUM_UNIT_RE.exec(s);
    if (!m) return null;
    const value = parseNumber(m[1]!);
    if (!value) return null;
    const rest = m[2]!;
    if (rest === '') return { value: value.text, unit: null };
    if (rest.length > 20) return null;
    const bracketed = /^[(（]/.test(rest) && /[)）]$/.test(rest);
    if (!bracketed && /[\d.]/.test(rest)) return null;
    return { value: value.text, unit: unitOf(rest) };
  };
  const mine = (s: string) => {
    const q = parseQuantity(s);
    return q && { value: q.value.text, unit: q.unit };
  };
  const split = (s: string) => {
    const m = NUM_UNIT_RE.exec(s);
    return m && { end: m[1]!.length, rest: s.length - m[2]!.length };
  };

  it('on the edges: sign, 40 digits, 20 decimals, a dot without decimals, spaces of every kind', () => {
    const cases = ['11.00(个)', '100%', '-5', '+5 元', '1.', '1.x', `${'9'.repeat(45)}`, `1.${'5'.repeat(25)}`, '1,000.5 \u3000(人次)', '3\u2028x', '5\ufeff%', '.5', '', '-', '12..5', '7 (2020年)', '7（次）', '8 （次', '1e400', '1,2,3 个'];
    for (const c of cases) {
      expect(splitNumberUnit(c), c).toEqual(split(c));
      expect(mine(c), c).toEqual(oracle(c));
    }
    expect(mine('11.00(个)')).toEqual({ value: '11.00', unit: '个' });
    expect(mine('1,000.5 \u3000(人次)')).toEqual({ value: '1000.5', unit: '人次' });
    expect(mine('7 (2020年)')).toEqual({ value: '7', unit: '2020年' });
    expect(mine('12..5')).toBeNull();
  });

  it('on random cells (property)', () => {
    const ch = fc.constantFrom('0', '1', '9', ',', '.', '+', '-', ' ', '\u3000', '\u00a0', '\t', '\n', '(', ')', '（', '）', '%', '％', '个', '元', 'e', 'x', '\u2028');
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 70 }).map((a) => a.join('')), (s) => {
        expect(splitNumberUnit(s)).toEqual(split(s));
        expect(mine(s)).toEqual(oracle(s));
      }),
      { numRuns: 20000, seed: Number(process.env.FC_SEED ?? 20261201) },
    );
  });
});
