/** The label vocabulary of the tables: what a cell says decides what it is. */

/** 二级指标 → its 一级指标. The 二级 name alone places a row in the hierarchy. */
export const LEVEL2_PARENT: ReadonlyMap<string, string> = new Map([
  ['数量指标', '产出指标'],
  ['质量指标', '产出指标'],
  ['时效指标', '产出指标'],
  ['成本指标', '产出指标'],
  ['经济效益指标', '效益指标'],
  ['社会效益指标', '效益指标'],
  ['生态效益指标', '效益指标'],
  ['可持续影响指标', '效益指标'],
  ['服务对象满意度指标', '满意度指标'],
  ['经济成本指标', '成本指标'],
  ['社会成本指标', '成本指标'],
  ['生态环境成本指标', '成本指标'],
]);

export const LEVEL1 = new Set(['产出指标', '效益指标', '满意度指标', '成本指标']);

const LABEL_NOISE = /[\s\u3000\u00a0：（）％]/;

/** Remove spaces (ASCII, full-width, NBSP) and unify full-width punctuation, for label matching. */
export function labelKey(s: string): string {
  if (!LABEL_NOISE.test(s)) return s;
  return s
    .replace(/[\s\u3000\u00a0]+/g, '')
    .replace(/[：]/g, ':')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[％]/g, '%');
}

/** `产出指标(50分)` → { name: 产出指标, weight: "50" }. */
export function splitLevelWeight(s: string): { name: string; weight: string | null } {
  const k = labelKey(s);
  const m = /^(.{1,20}?)\((\d{1,3}(?:\.\d{1,2})?)分?\)$/.exec(k);
  if (m) return { name: m[1]!, weight: m[2]! };
  return { name: k, weight: null };
}

// Exact vocabulary first; only a cell that ends with a bracket ("产出指标(50分)") or holds a space needs more.
function maybeDecorated(cell: string): boolean {
  const last = cell.charCodeAt(cell.length - 1);
  return last === 0x29 || last === 0xff09 || cell.includes(' ') || cell.includes('\u3000');
}

export function asLevel1(cell: string): string | null {
  if (LEVEL1.has(cell)) return cell;
  if (!maybeDecorated(cell)) return null;
  const { name } = splitLevelWeight(cell);
  return LEVEL1.has(name) ? name : null;
}

export function asLevel2(cell: string): string | null {
  if (LEVEL2_PARENT.has(cell)) return cell;
  if (!maybeDecorated(cell)) return null;
  const { name } = splitLevelWeight(cell);
  return LEVEL2_PARENT.has(name) ? name : null;
}

export const TITLE_RE = /项目支出绩效自(?:我)?评(?:价|表)/;

export type FundsRole = 'initialBudget' | 'budget' | 'executed' | 'weight' | 'rate' | 'score';

/** Funds header cell → role. Synonyms seen in published tables. */
export function fundsRole(cell: string): FundsRole | null {
  const k = labelKey(cell).replace(/\([A-Za-z]\)|[A-Za-z]$/g, '');
  if (/^年初预算(数|金额)?/.test(k)) return 'initialBudget';
  if (/^(全年|调整后)预算(数|金额)?/.test(k) || k === '预算数') return 'budget';
  if (/^(全年)?执行(数|金额)/.test(k) || k === '实际执行数') return 'executed';
  if (/^(分数|分值|权重)/.test(k)) return 'weight';
  if (/^执行率/.test(k)) return 'rate';
  if (/^(得分|评分)/.test(k)) return 'score';
  return null;
}

export type FundsKindKey = 'total' | 'currentYear' | 'carryOver' | 'other';

export function fundsKind(cell: string): FundsKindKey | null {
  const k = labelKey(cell).replace(/^其中:?/, '');
  if (/^(年度)?资金总额/.test(k)) return 'total';
  if (/^(当年|本年)?财政拨款/.test(k)) return 'currentYear';
  if (/^上年结(转|余)/.test(k)) return 'carryOver';
  if (/^其他资金/.test(k)) return 'other';
  return null;
}

export type IndicatorRole = 'level1' | 'level2' | 'level3' | 'target' | 'actual' | 'weight' | 'score' | 'reason';

export function indicatorRole(cell: string): IndicatorRole | null {
  const k = labelKey(cell);
  if (k === '一级指标') return 'level1';
  if (k === '二级指标') return 'level2';
  if (k === '三级指标') return 'level3';
  if (/^(年度)?指标值/.test(k) || k === '年度目标值' || k === '目标值') return 'target';
  if (/^实际完成值/.test(k) || k === '实际值' || k === '完成值') return 'actual';
  if (/^(分值|分数|权重)/.test(k)) return 'weight';
  if (/^(得分|评分)/.test(k)) return 'score';
  if (/^偏差原因/.test(k)) return 'reason';
  return null;
}

export const MET_ACTUALS = new Set(['达成指标', '达成', '已达成', '完成指标', '已完成', '达标']);

export const GRADES = ['优', '良', '中', '差'] as const;
export type Grade = (typeof GRADES)[number];
