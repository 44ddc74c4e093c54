/**
 * The registry of finding codes. A finding is plain data; its sentences are
 * made in `messages.ts`. Adding a code here without a severity, titles and a
 * description does not compile; `docs/findings.md` documents each code and a
 * test keeps the two in step.
 */

import type { Where } from './source/where.js';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface FindingInfo {
  severity: Severity;
  /** What the check is about: "parse" findings come from reading, "verify" from recomputation. */
  stage: 'parse' | 'verify';
  title: { zh: string; en: string };
}

export const FINDINGS = {
  // --- reading the file -------------------------------------------------
  'no-table': { severity: 'error', stage: 'parse', title: { zh: '文件中没有自评表', en: 'No table in the file' } },
  'undecodable-bytes': { severity: 'error', stage: 'parse', title: { zh: '无法解码的字节', en: 'Bytes that cannot be decoded' } },
  'text-before-title': { severity: 'warning', stage: 'parse', title: { zh: '表头之前的内容', en: 'Text before the first title' } },
  'unrecognised-line': { severity: 'warning', stage: 'parse', title: { zh: '无法识别的行', en: 'Unrecognised line' } },
  'column-not-read': { severity: 'info', stage: 'parse', title: { zh: '未读取的指标列', en: 'Indicator column not read' } },
  'name-outside-cell': { severity: 'info', stage: 'parse', title: { zh: '项目名称不在其单元格内', en: 'Project name outside its cell' } },
  'target-operator-defect': { severity: 'warning', stage: 'parse', title: { zh: '指标值运算符缺陷（“-”）', en: 'Target operator defect ("-")' } },
  'unknown-operator': { severity: 'warning', stage: 'parse', title: { zh: '无法识别的运算符', en: 'Unknown target operator' } },
  'bad-number': { severity: 'warning', stage: 'parse', title: { zh: '数字格式错误', en: 'Malformed number' } },
  'missing-section': { severity: 'warning', stage: 'parse', title: { zh: '表格缺少部分内容', en: 'Section missing from the table' } },
  'duplicate-label': { severity: 'warning', stage: 'parse', title: { zh: '重复的栏目', en: 'Duplicated label' } },
  'funds-row-shape': { severity: 'warning', stage: 'parse', title: { zh: '资金行与表头不对应', en: 'Funds row does not fit its header' } },
  'funds-header-unrecognised': { severity: 'warning', stage: 'parse', title: { zh: '未能识别的资金表头', en: 'Funds header not understood' } },
  'level-mismatch': { severity: 'info', stage: 'parse', title: { zh: '一级指标与二级指标不符', en: 'Level-1 label disagrees with its level-2' } },
  'unknown-level': { severity: 'info', stage: 'parse', title: { zh: '不在标准目录中的指标层级', en: 'Indicator level not in the vocabulary' } },
  'indicator-without-name': { severity: 'warning', stage: 'parse', title: { zh: '指标未填写名称', en: 'Indicator without a name' } },
  'mixed-line-endings': { severity: 'info', stage: 'parse', title: { zh: '换行符混用', en: 'Mixed line endings' } },
  'sheet-without-table': { severity: 'info', stage: 'parse', title: { zh: '工作表中没有自评表', en: 'Sheet without a table' } },
  'sheet-hidden': { severity: 'info', stage: 'parse', title: { zh: '隐藏的工作表', en: 'Hidden sheet' } },
  'reader-note': { severity: 'info', stage: 'parse', title: { zh: '工作簿中有未能读取的内容', en: 'Part of the workbook not read' } },
  'cell-edges-missing': { severity: 'warning', stage: 'parse', title: { zh: '表格行缺少单元格位置', en: 'Row without cell positions' } },
  'negative-amount': { severity: 'warning', stage: 'parse', title: { zh: '负数金额', en: 'Negative amount' } },
  'not-self-scored': { severity: 'warning', stage: 'parse', title: { zh: '未自评打分', en: 'Not self-scored' } },
  // --- recomputation: arithmetic ------------------------------------------
  'not-checked': { severity: 'warning', stage: 'verify', title: { zh: '无法核对', en: 'Check could not run' } },
  'rate-mismatch': { severity: 'error', stage: 'verify', title: { zh: '执行率计算错误', en: 'Execution rate does not match' } },
  'exec-score-mismatch': { severity: 'error', stage: 'verify', title: { zh: '预算执行得分计算错误', en: 'Execution score does not match' } },
  'subrow-sum-mismatch': { severity: 'error', stage: 'verify', title: { zh: '资金来源合计不等于总额', en: 'Sub-rows do not add up to the total' } },
  'weight-total-mismatch': { severity: 'error', stage: 'verify', title: { zh: '分值合计不符', en: 'Weights do not add up' } },
  'score-total-mismatch': { severity: 'error', stage: 'verify', title: { zh: '得分合计不符', en: 'Scores do not add up' } },
  'score-out-of-range': { severity: 'error', stage: 'verify', title: { zh: '得分超出分值范围', en: 'Score outside 0…weight' } },
  'goal-score-over-weight': { severity: 'error', stage: 'verify', title: { zh: '年度绩效目标得分超过其分值', en: 'A goal scores above its weight' } },
  'grade-mismatch': { severity: 'error', stage: 'verify', title: { zh: '评分等级与总分不符', en: 'Grade does not match the total' } },
  'grade-unknown': { severity: 'warning', stage: 'verify', title: { zh: '无法识别的评分等级', en: 'Unknown grade' } },
  'rounding-difference': { severity: 'info', stage: 'verify', title: { zh: '差异可由显示舍入解释', en: 'Difference explained by display rounding' } },
  'rounding-convention': { severity: 'warning', stage: 'verify', title: { zh: '舍入方式与本表不一致', en: 'Rounded by another convention' } },
  'rounding-mode-ambiguous': { severity: 'info', stage: 'verify', title: { zh: '无单一舍入方式能解释全部数字', en: 'No single rounding mode explains the file' } },
  'funds-total-unsummed': { severity: 'error', stage: 'verify', title: { zh: '年度资金总额行未汇总', en: 'Funds total row left unsummed' } },
  'funds-cell-empty': { severity: 'warning', stage: 'verify', title: { zh: '资金总额行执行率或得分未填写', en: 'Empty rate or score on the funds total row' } },
  'subrow-scored': { severity: 'info', stage: 'verify', title: { zh: '资金分项行填有分值或得分', en: 'Funds sub-row carries a weight or score' } },
  'level-weight-mismatch': { severity: 'error', stage: 'verify', title: { zh: '一级指标分值与其下指标合计不符', en: 'Level-1 weight does not match its indicators' } },
  'over-budget': { severity: 'warning', stage: 'verify', title: { zh: '执行数超过预算数', en: 'Spending above the budget' } },
  // --- recomputation: scoring policy --------------------------------------
  'unmet-full-score': { severity: 'warning', stage: 'verify', title: { zh: '未达标却得满分', en: 'Unmet target with full marks' } },
  'policy-score-differs': { severity: 'warning', stage: 'verify', title: { zh: '得分与比例计分规则不符', en: 'Score differs from the proportional rule' } },
  'deduction-without-reason': { severity: 'warning', stage: 'verify', title: { zh: '扣分未说明偏差原因', en: 'Deduction without a reason' } },
  'eq-target-deviation': { severity: 'info', stage: 'verify', title: { zh: '偏离“=”目标值', en: 'Deviation from an "=" target' } },
  'unmet-without-reason': { severity: 'warning', stage: 'verify', title: { zh: '未完成指标未说明原因', en: 'Unmet target without a reason' } },
  'met-but-deducted': { severity: 'warning', stage: 'verify', title: { zh: '已完成指标仍被扣分', en: 'Target met but points deducted' } },
  'indicator-repeated': { severity: 'info', stage: 'verify', title: { zh: '三级指标重复', en: 'Indicator listed twice' } },
  'target-without-unit': { severity: 'info', stage: 'verify', title: { zh: '定量指标值未写计量单位', en: 'Number target without a unit' } },
  'indicator-not-applicable': { severity: 'info', stage: 'verify', title: { zh: '指标标为不适用', en: 'Indicator marked not applicable' } },
  'empty-full-marks': { severity: 'warning', stage: 'verify', title: { zh: '指标值与完成值均未填写却得满分', en: 'Full marks with neither target nor actual' } },
  'direction-conflict': { severity: 'warning', stage: 'verify', title: { zh: '指标性质与比较方向矛盾', en: '正向/反向 contradicts the operator' } },
  'no-satisfaction': { severity: 'warning', stage: 'verify', title: { zh: '未设满意度指标', en: 'No satisfaction indicator' } },
  'level-split': { severity: 'info', stage: 'verify', title: { zh: '一级指标权重与规定不符', en: 'Level-1 split differs from 50/30/10 + 10' } },
  'low-rate-no-reason': { severity: 'info', stage: 'verify', title: { zh: '预算执行率低于 90% 未说明原因', en: 'Execution rate below 90 % without a reason' } },
  'budget-adjusted': { severity: 'info', stage: 'verify', title: { zh: '年中预算调整', en: 'Budget changed during the year' } },
  'template-text': { severity: 'warning', stage: 'verify', title: { zh: '仍为模板填写说明', en: 'Template instructions left in place' } },
  'actual-unverifiable': { severity: 'info', stage: 'verify', title: { zh: '实际完成值无法核对', en: 'Actuals that cannot be checked' } },
} as const satisfies Record<string, FindingInfo>;

export type FindingCode = keyof typeof FINDINGS;
export const FINDING_CODES = Object.keys(FINDINGS) as FindingCode[];

/** Which project a finding belongs to. */
export interface ProjectRef {
  name: string | null;
  /** Title line of the block. */
  line: number;
}

export type ArgValue = string | number | boolean | null | readonly (string | number)[];

type Quantity = 'rate' | 'exec-score' | 'subrow-sum' | 'score-total';
type Dec = string;
type Lines = readonly number[];
/** An indicator's cells as the policy findings quote them. */
type IndicatorArgs = { name: string; target: string; actual: string };

/**
 * The arguments of each code: what its messages may read. A union keyed by
 * code (as publint types its messages), so a message cannot read an argument
 * its code does not carry, and a check cannot forget one.
 */
export type FindingArgs = {
  'no-table': { lines: number };
  'undecodable-bytes': { bytes: string; count: number; encoding: string };
  'text-before-title': { text: string; lines?: number };
  'unrecognised-line': { text: string; lines?: number };
  'column-not-read': { header: string; col: number; cells: number; sample: string };
  'name-outside-cell': { name: string };
  'target-operator-defect': { name: string; target: string };
  'unknown-operator': { name: string; op: string | null };
  'bad-number': { text: string; col: number };
  'missing-section': { section: 'name' | 'funds' | 'indicators' | 'total' };
  'duplicate-label': { label: string; first: number | null };
  'funds-row-shape': { label: string; values: number; columns: number };
  'funds-header-unrecognised': { cells: readonly string[]; understood: boolean; missing: readonly string[] };
  'level-mismatch': { level1: string; level2: string; expected: string };
  /** One of the two: the 二级 or the 一级 cell that names no level of the vocabulary. */
  'unknown-level': { level2?: string; level1?: string };
  'indicator-without-name': { col: number };
  'mixed-line-endings': { endings: string };
  'sheet-without-table': { sheet: string; rows: number };
  'sheet-hidden': { sheet: string; rows: number; table: boolean };
  /** What the workbook reader (SheetJS) said it could not read, in its words (at most 5, each once). */
  'reader-note': { said: readonly string[] };
  'cell-edges-missing': { table: number; row: number; cells: number };
  'negative-amount': { column: string };
  'not-self-scored': { indicators: number };
  'not-checked': { row: string; label: string; checks: readonly ('rate' | 'exec-score' | 'subrow-sum')[]; reason: 'zero-budget' | 'negative' | 'placeholder' | 'unreadable' | 'unread-row'; column: 'budget' | 'executed' | null };
  /** `fraction`: the stated rate × 100 is the rate (0.8618 for 86.18), present only then. */
  'rate-mismatch': { quantity?: 'rate'; row: string; label: string; low?: string; high?: string; withinRounding?: boolean; reason?: 'ambiguous'; fraction?: true };
  'exec-score-mismatch': { quantity: 'exec-score'; low: string; high: string; withinRounding: boolean };
  'subrow-sum-mismatch': { quantity?: 'subrow-sum'; column: 'initialBudget' | 'budget' | 'executed'; difference: Dec; withinRounding?: boolean; parts?: readonly string[]; reason?: 'ambiguous' };
  'weight-total-mismatch': { indicators: number; reason?: 'ambiguous' };
  'score-total-mismatch': { quantity: 'score-total'; withinRounding: boolean; sum: Dec; weightTotal: Dec | null; aboveWeights: boolean };
  'score-out-of-range': { name: string; weight: Dec | null };
  'goal-score-over-weight': { goal: string; sum: Dec; weight: Dec; count: number };
  'grade-mismatch': { total: Dec };
  'grade-unknown': { grade: string };
  'rounding-difference': { quantity: Quantity; withinRounding: boolean; row?: string; label?: string; low?: string; high?: string; column?: string; difference?: Dec; sum?: Dec; weightTotal?: Dec | null; aboveWeights?: boolean };
  'rounding-convention': { scope?: 'file'; fileMode: string; modes?: readonly string[]; figures?: readonly string[]; lines?: Lines; quantity?: Quantity; row?: string | null };
  'rounding-mode-ambiguous': { chosen: string; truncate: number; 'half-up': number; ceil: number; wholeFile?: string; decidedAfter?: number };
  'funds-total-unsummed': { budget: Dec | null; executed: Dec | null; initialBudget: Dec | null; score: Dec | null; weight: Dec | null };
  'funds-cell-empty': { cell: 'rate' | 'score'; label: string };
  'subrow-scored': { label: string; weight: Dec | null; score: Dec | null };
  'level-weight-mismatch': { level: string | null; label: string };
  'over-budget': { budget: Dec; executed: Dec; excess: Dec };
  'unmet-full-score': IndicatorArgs & { weight: Dec };
  'policy-score-differs': IndicatorArgs & { weight: Dec; direction: 'stricter' | 'lenient'; hasReason: boolean };
  'deduction-without-reason': { name: string; deduction: Dec };
  'eq-target-deviation': IndicatorArgs & { weight: Dec; deduction: Dec };
  'unmet-without-reason': IndicatorArgs;
  'met-but-deducted': IndicatorArgs & { deduction: Dec };
  'empty-full-marks': { count: number; lines: Lines };
  'indicator-repeated': { name: string; lines: Lines };
  'target-without-unit': { count: number; lines: Lines };
  'indicator-not-applicable': { count: number; lines: Lines; mark: string };
  'direction-conflict': IndicatorArgs & { direction: '正向' | '反向'; op: string };
  'no-satisfaction': { levels: readonly string[] };
  'level-split': { output: Dec; benefit: Dec; satisfaction: Dec; funds: Dec; prescribedBy: number | null };
  'low-rate-no-reason': { rate: Dec; asks: boolean };
  'budget-adjusted': { initial: Dec; budget: Dec; change: Dec | null; threshold: string; explained: boolean };
  'template-text': { count: number; lines: Lines };
  'actual-unverifiable': { count: number; lines: Lines; reasons: readonly string[] };
};

interface FindingBase {
  severity: Severity;
  /** 1-based line of the wrong cell (or of the total row for a sum); null for the whole file. */
  line: number | null;
  /** Last line when the finding covers a range of lines. */
  endLine?: number;
  project: ProjectRef | null;
  /** The value the table states. */
  stated: string | null;
  /** The value the other stated numbers imply. */
  expected: string | null;
  /** The computation a reviewer can check by hand ("31.62 / 33.24 × 100 = 95.1263… → 95.12 (truncate)"). */
  calc?: string;
  /** Where in a workbook, document or page (sheet and cell, or table and row); absent for text, where `line` says it. */
  where?: Where;
}

/** A finding of one code, with that code's arguments. */
export type FindingOf<C extends FindingCode> = FindingBase & { code: C; args: FindingArgs[C] };

/** A finding: data, not prose. Decimal values are strings. */
export type Finding = { [C in FindingCode]: FindingOf<C> }[FindingCode];

/** Build a finding with the registry's default severity. */
export function finding<C extends FindingCode>(
  code: C,
  line: number | null,
  fields: Partial<Omit<FindingBase, 'line' | 'severity'>> & { args: FindingArgs[C] },
): FindingOf<C> {
  return {
    code,
    severity: FINDINGS[code].severity,
    line,
    project: fields.project ?? null,
    stated: fields.stated ?? null,
    expected: fields.expected ?? null,
    ...(fields.endLine !== undefined ? { endLine: fields.endLine } : {}),
    ...(fields.calc !== undefined ? { calc: fields.calc } : {}),
    args: fields.args,
  } as FindingOf<C>;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}
