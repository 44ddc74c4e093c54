import { describe, expect, it } from 'vitest';
import { parseNumber } from '../src/number.js';
import { parseActual, parseTarget } from '../src/parse/target.js';

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
    for (const s of ['12..5', '1,2,3', '1e400', 'NaN', 'Infinity', '1,23', '12,3456', '.5', '5.', '--1', '0x10', '１２', '']) expect(parseNumber(s), s).toBeNull();
  });
});
