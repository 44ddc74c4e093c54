/**
 * All wording lives here: finding data → a sentence in Chinese or English.
 * Checks never build sentences. Typed so that a code without both texts does
 * not compile.
 */
import type { Finding, FindingArgs, FindingCode, FindingOf } from './findings.js';

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

/** Each code's sentence reads only the arguments its code carries (FindingArgs). */
type Templates = { [C in FindingCode]: (f: FindingOf<C>, a: FindingArgs[C]) => string };

const list = (v: unknown, sep: string): string => (Array.isArray(v) ? v.map((x) => s(x)).join(sep) : s(v));
const COLUMN_ZH: Record<string, string> = { budget: '全年预算数', executed: '全年执行数' };
const COLUMN_EN: Record<string, string> = { budget: 'budget', executed: 'spending' };
const NOT_CHECKED_ZH: Record<string, (a: Record<string, unknown>) => string> = {
  'zero-budget': () => '预算数为 0（无法计算执行率）',
  negative: () => '金额为负数',
  placeholder: (a) => `${COLUMN_ZH[s(a.column)] ?? ''}未填写数值（“${s(a.text)}”）`,
  unreadable: (a) => `${COLUMN_ZH[s(a.column)] ?? ''}“${s(a.text)}”不是有效数值`,
};
const NOT_CHECKED_EN: Record<string, (a: Record<string, unknown>) => string> = {
  'zero-budget': () => 'the budget is 0 (no rate can be computed)',
  negative: () => 'an amount is negative',
  placeholder: (a) => `the ${COLUMN_EN[s(a.column)] ?? ''} holds no number ("${s(a.text)}")`,
  unreadable: (a) => `the ${COLUMN_EN[s(a.column)] ?? ''} "${s(a.text)}" is not a valid number`,
};
const FUNDS_COL_ZH: Record<string, string> = { budget: '全年预算数栏', executed: '全年执行数栏', header: '表头行' };
const FUNDS_COL_EN: Record<string, string> = { budget: 'budget', executed: 'spending', header: 'header row' };

const ROW_ZH: Record<string, string> = {
  total: '年度资金总额',
  currentYear: '当年财政拨款',
  carryOver: '上年结转资金',
  other: '其他资金',
  earmarked: '财政专户管理资金',
  unitFunds: '单位资金',
  central: '中央财政资金',
  local: '地方资金',
  subsidy: '上级补助资金',
};
const ROW_EN: Record<string, string> = {
  total: 'funds total',
  currentYear: 'current-year appropriation',
  carryOver: 'carry-over',
  other: 'other funds',
  earmarked: 'special-account funds',
  unitFunds: "the unit's own funds",
  central: 'central funds',
  local: 'local funds',
  subsidy: 'higher-level subsidies',
};
const COL_ZH: Record<string, string> = { initialBudget: '年初预算数', budget: '全年预算数', executed: '全年执行数' };
const COL_EN: Record<string, string> = { initialBudget: 'initial budget', budget: 'budget', executed: 'spending' };
const SECTION_EN: Record<string, string> = { name: 'project name', funds: 'funds section', indicators: 'indicators', total: 'total row', grade: 'grade' };
const QTY_ZH: Record<string, string> = { rate: '执行率', 'exec-score': '预算执行率得分', 'subrow-sum': '资金合计', 'score-total': '总分' };
const QTY_EN: Record<string, string> = { rate: 'execution rate', 'exec-score': 'execution score', 'subrow-sum': 'funds sum', 'score-total': 'total score' };
const REASON_ZH: Record<string, string> = { 'met-text': '填写“达成指标”', text: '文字描述', empty: '未填写', unit: '单位与指标值不同' };
const REASON_EN: Record<string, string> = { 'met-text': '"达成指标" (met)', text: 'free text', empty: 'empty', unit: 'a unit other than the target\'s' };

const s = (v: unknown): string => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v));
const lines = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : s(v));
const rangeLines = (f: Finding): unknown => ('lines' in f.args ? f.args.lines : '');
const rangeZh = (f: Finding) => (f.endLine !== undefined ? `（至第 ${f.endLine} 行，共 ${s(rangeLines(f))} 行）` : '');
const rangeEn = (f: Finding) => (f.endLine !== undefined ? ` (through line ${f.endLine}, ${s(rangeLines(f))} lines)` : '');

const MODE_ZH: Record<string, string> = { truncate: '截尾', 'half-up': '四舍五入', ceil: '向上进位' };
const MISSING_ZH: Record<string, string> = { name: '未找到项目名称', funds: '未识别到项目资金（预算执行）栏', indicators: '未找到绩效指标', total: '未找到总分（合计）行' };
/** A rate with its per-cent sign (`99.98%`); an interval end as computed, cut at four decimals. */
const pct = (v: unknown): string => {
  const t = s(v);
  return t === '' || t === '∞' || t.endsWith('%') ? t : `${t.replace(/…$/, '')}%`;
};
const rowZh = (a: Record<string, unknown>): string => (a.label ? s(a.label).replace(/^其中[:：]/, '') : (ROW_ZH[s(a.row)] ?? ''));
const diffZh = (d: unknown): string => {
  const t = s(d);
  return t.startsWith('-') ? `少 ${t.slice(1)}` : `多 ${t}`;
};
const diffEn = (d: unknown): string => {
  const t = s(d);
  return t.startsWith('-') ? `the total is ${t.slice(1)} short` : `the total is ${t} more`;
};
const conventionFigures = (a: Record<string, unknown>): { line: string; quantity: string; stated: string; modes: string[] }[] =>
  (Array.isArray(a.figures) ? (a.figures as string[]) : []).map((f) => {
    const [line = '', quantity = '', stated = '', modes = ''] = String(f).split(':');
    return { line, quantity, stated, modes: modes.split('/') };
  });
const plural = (n: unknown, word: string): string => `${s(n)} ${word}${Number(n) === 1 ? '' : 's'}`;

const ZH: Templates = {
  'no-table': () => '文件中没有找到财政项目支出绩效自评表',
  'text-before-title': (f, a) => `首个表格标题前有其他内容：${s(a.text)}${rangeZh(f)}`,
  'unrecognised-line': (f, a) => `未能识别的行（已跳过）：${s(a.text)}${rangeZh(f)}`,
  'name-outside-cell': (_f, a) => `项目名称“${s(a.name)}”不在“项目名称”单元格内，已按内容识别`,
  'target-operator-defect': (_f, a) => `“${s(a.name)}”的年度指标值“${s(a.target)}”以“-”开头，疑为导出时比较符号（≥、≤、=）缺失；不作推断，不参与计分核对`,
  'unknown-operator': (_f, a) => `“${s(a.name)}”的年度指标值中比较符号“${s(a.op)}”无法识别`,
  'bad-number': (_f, a) => `“${s(a.text)}”不是有效数值`,
  'missing-section': (_f, a) => MISSING_ZH[s(a.section)] ?? `表格缺少${s(a.section)}`,
  'duplicate-label': (_f, a) => `“${s(a.label)}”重复出现（首次在第 ${s(a.first)} 行），本行未采用`,
  'funds-row-shape': (_f, a) => `“${s(a.label)}”行的 ${s(a.values)} 个数值与表头的 ${s(a.columns)} 栏对不上，未读取（不按位置推断），不参与核对`,
  'funds-header-unrecognised': (_f, a) =>
    a.understood
      ? `资金表头中未能识别的栏目：${list(a.cells, '、')}；这些栏目的数值未读取`
      : `未能识别资金表头${Array.isArray(a.cells) && a.cells.length ? `（${list(a.cells, '、')}）` : ''}，缺少${list(((Array.isArray(a.missing) ? a.missing : []) as string[]).map((m) => FUNDS_COL_ZH[m] ?? m), '、')}；资金行的数值未读取（不按位置推断），不参与核对`,
  'level-mismatch': (_f, a) => `一级指标“${s(a.level1)}”与二级指标“${s(a.level2)}”不符（应为“${s(a.expected)}”）`,
  'unknown-level': (_f, a) => `二级指标“${s(a.level2)}”不属于标准指标体系（产出/效益/满意度/成本）`,
  'mixed-line-endings': (_f, a) => `文件混用了不同的换行符：${s(a.endings)}`,
  'sheet-without-table': (_f, a) => `工作表“${s(a.sheet)}”中没有自评表标题，其 ${a.rows} 行未作为自评表读取`,
  'negative-amount': (f, a) => `${COL_ZH[s(a.column)] ?? s(a.column)}为负数：${s(f.stated)}`,
  'not-self-scored': (_f, a) => `本表未填写自评得分（${s(a.indicators)} 项指标均无得分），跳过得分核对`,
  'not-checked': (_f, a) =>
    `${s(a.label)}：${NOT_CHECKED_ZH[s(a.reason)]?.(a) ?? ''}，无法核对${list(((Array.isArray(a.checks) ? a.checks : []) as string[]).map((c) => (c === 'rate' ? '执行率' : '预算执行率得分')), '和')}${a.checks && (a.checks as string[]).includes('exec-score') ? '（总分亦无法复核）' : ''}`,
  'rate-mismatch': (f, a) => `${rowZh(a)}执行率应为 ${pct(f.expected)}，表中填报 ${pct(f.stated)}；超出金额尾数舍入可解释的区间（${pct(a.low)}～${pct(a.high)}）`,
  'exec-score-mismatch': (f, a) => `预算执行率得分应为 ${s(f.expected)}，表中为 ${s(f.stated)}；差异超出金额尾数舍入所能解释的范围（${s(a.low)}～${s(a.high)}）`,
  'subrow-sum-mismatch': (f, a) => `${COL_ZH[s(a.column)] ?? ''}：${list(a.parts, '、') || '各资金来源'}合计 ${s(f.expected)}，与年度资金总额 ${s(f.stated)} 不符（总额${diffZh(a.difference)}）`,
  'weight-total-mismatch': (f, a) => `${s(a.indicators)} 项指标分值与预算执行率分值合计 ${s(f.expected)}，表中总分值为 ${s(f.stated)}`,
  'score-total-mismatch': (f, a) =>
    a.aboveWeights
      ? `各指标得分与预算执行率得分合计 ${s(a.sum)}，超过总分值 ${s(a.weightTotal)}；表中总分为 ${s(f.stated)}`
      : `各指标得分与预算执行率得分合计 ${s(a.sum ?? f.expected)}，表中总分为 ${s(f.stated)}`,
  'score-out-of-range': (f, a) => `“${s(a.name)}”得分 ${s(f.stated)} 超出分值范围（${s(f.expected).replace('–', '～')}）`,
  'grade-mismatch': (f, a) => `按总分 ${s(a.total)} 应评为“${s(f.expected)}”，表中评分等级为“${s(f.stated)}”`,
  'grade-unknown': (f) => `评分等级“${s(f.stated)}”无法识别（应为 优、良、中、差）`,
  'rounding-difference': (f, a) => `${QTY_ZH[s(a.quantity)] ?? ''}${a.row ? `（${rowZh(a)}）` : ''}按本表舍入方式应为 ${s(f.expected)}，表中为 ${s(f.stated)}；差异可由金额尾数舍入解释`,
  'rounding-convention': (_f, a) =>
    a.scope === 'file'
      ? `本文件的执行率和得分只有按${MODE_ZH[s(a.fileMode)] ?? ''}才能全部复现；向上进位不是通行的舍入规则，请核实计算方法`
      : `${conventionFigures(a).map((x) => `第 ${x.line} 行${QTY_ZH[x.quantity] ?? ''} ${x.quantity === 'rate' ? pct(x.stated) : x.stated}（按${x.modes.map((m) => MODE_ZH[m] ?? m).join('或')}）`).join('、')}与本表的舍入方式（${MODE_ZH[s(a.fileMode)] ?? ''}）不一致`,
  'rounding-mode-ambiguous': (_f, a) =>
    `没有一种舍入方式能复现全部执行率和得分（无法复现的个数：截尾 ${s(a.truncate)}、四舍五入 ${s(a['half-up'])}、向上进位 ${s(a.ceil)}），按${MODE_ZH[s(a.chosen)] ?? s(a.chosen)}核对`,
  'over-budget': (_f, a) => `全年执行数 ${s(a.executed)} 超过全年预算数 ${s(a.budget)}（超出 ${s(a.excess)}）`,
  'unmet-full-score': (f, a) => `“${s(a.name)}”未完成年度指标值（${s(a.target)}，实际 ${s(a.actual)}）却得满分 ${s(f.stated)}；按“完成值/指标值×分值”应得 ${s(f.expected)}`,
  'policy-score-differs': (f, a) =>
    `“${s(a.name)}”未完成年度指标值（${s(a.target)}，实际 ${s(a.actual)}），按比例计分应得 ${s(f.expected)}，表中为 ${s(f.stated)}（${a.direction === 'stricter' ? '扣分多于比例计分' : '扣分少于比例计分'}${a.hasReason ? '，已说明原因' : ''}）`,
  'deduction-without-reason': (f, a) => `“${s(a.name)}”扣 ${s(a.deduction)} 分（得分 ${s(f.stated)}，分值 ${s(f.expected)}），但未填写偏差原因分析`,
  'eq-target-deviation': (_f, a) => `“${s(a.name)}”年度指标值为“${s(a.target)}”，实际完成 ${s(a.actual)}，偏离指标值；已酌情扣 ${s(a.deduction)} 分`,
  'funds-total-unsummed': (_f, a) =>
    `年度资金总额行未汇总（全为 0），各资金来源合计：年初预算数 ${s(a.initialBudget) || '-'}、全年预算数 ${s(a.budget) || '-'}、全年执行数 ${s(a.executed) || '-'}${a.score !== null && a.score !== undefined ? `；按此计算预算执行率得分应为 ${s(a.score)}，而非 0` : ''}`,
  'funds-cell-empty': (f, a) => `${s(a.label)}的${a.cell === 'rate' ? '执行率' : '预算执行率得分'}未填写；按表中金额应为 ${a.cell === 'rate' ? pct(f.expected) : s(f.expected)}`,
  'subrow-scored': (_f, a) => `资金分项“${s(a.label)}”填有${[a.weight ? `分值 ${s(a.weight)}` : '', a.score ? `得分 ${s(a.score)}` : ''].filter(Boolean).join('、')}；分项不计分，已不计入合计`,
  'level-weight-mismatch': (f, a) => `一级指标“${s(a.label)}”标注 ${s(f.stated)} 分，其下各指标分值合计 ${s(f.expected)}`,
  'unmet-without-reason': (_f, a) => `“${s(a.name)}”未完成年度指标值（${s(a.target)}，实际 ${s(a.actual)}），但未填写偏差原因分析`,
  'met-but-deducted': (f, a) => `“${s(a.name)}”已完成年度指标值（${s(a.target)}，实际 ${s(a.actual)}），却扣 ${s(a.deduction)} 分（得分 ${s(f.stated)}，分值 ${s(f.expected)}）`,
  'empty-full-marks': (_f, a) => `${s(a.count)} 项指标的年度指标值和实际完成值均未填写，却得满分：第 ${list(a.lines, '、')} 行`,
  'direction-conflict': (_f, a) => `“${s(a.name)}”指标性质为“${s(a.direction)}”，而比较方向为“${s(a.op)}”（${a.direction === '正向' ? '正向指标应为 ≥' : '反向指标应为 ≤'}）`,
  'no-satisfaction': () => '本表未设满意度指标（一般应设服务对象满意度指标，权重 10 分）',
  'level-split': (f, a) =>
    `一级指标权重为 产出 ${s(a.output)}、效益 ${s(a.benefit)}、满意度 ${s(a.satisfaction)}、预算执行率 ${s(a.funds)}，${a.prescribedBy ? `与本表第 ${s(a.prescribedBy)} 行的注明规定（${s(f.expected).replace(/\//g, '、')}）不符` : '与通常的 50、30、10、10 不同（如有特殊情况可适当调整）'}`,
  'low-rate-no-reason': (_f, a) => `预算执行率 ${pct(a.rate)} 低于 90%，${a.asks ? '本表要求说明原因，但原因栏未填写' : '未说明原因'}`,
  'budget-adjusted': (_f, a) =>
    a.change === null
      ? `年初预算数为 0，全年预算数 ${s(a.budget)} 均为年中追加${a.explained ? '' : '，未说明理由'}`
      : `全年预算数 ${s(a.budget)} 较年初预算数 ${s(a.initial)} ${String(a.change).startsWith('-') ? `调减 ${String(a.change).slice(1)}%` : `调增 ${s(a.change)}%`}（超过 ${s(a.threshold)}%）${a.explained ? '' : '，未说明理由'}`,
  'template-text': (_f, a) => `${s(a.count)} 处叙述仍为模板的填写说明（如“(200字以内)”），自评内容未填写：第 ${list(a.lines, '、')} 行`,
  'actual-unverifiable': (_f, a) => `${s(a.count)} 项定量指标的实际完成值无法核对（${(a.reasons as string[]).map((r) => REASON_ZH[r] ?? r).join('、')}）：第 ${list(a.lines, '、')} 行`,
};

const EN: Templates = {
  'no-table': () => 'no performance self-evaluation table (财政项目支出绩效自评表) found',
  'text-before-title': (f, a) => `text before the first table title: ${s(a.text)}${rangeEn(f)}`,
  'unrecognised-line': (f, a) => `unrecognised line: ${s(a.text)}${rangeEn(f)}`,
  'name-outside-cell': (_f, a) => `project name "${s(a.name)}" stands outside its 项目名称 cell; read by content`,
  'target-operator-defect': (_f, a) => `target ${s(a.target)} of "${s(a.name)}" starts with "-" where an operator (≥, ≤, =) belongs; not guessed, not scored`,
  'unknown-operator': (_f, a) => `unknown operator "${s(a.op)}" in the target of "${s(a.name)}"`,
  'bad-number': (_f, a) => `"${s(a.text)}" is not a valid number`,
  'missing-section': (_f, a) => `the table has no ${SECTION_EN[s(a.section)] ?? s(a.section)}`,
  'duplicate-label': (_f, a) => `"${s(a.label)}" appears again (first at line ${s(a.first)}); this line is not used`,
  'funds-row-shape': (_f, a) => `the ${s(a.values)} values of row "${s(a.label)}" do not sit under the ${s(a.columns)} header columns; not read (never guessed by position), not checked`,
  'funds-header-unrecognised': (_f, a) =>
    a.understood
      ? `funds header columns not understood: ${list(a.cells, ', ')}; their values are not read`
      : `funds header not understood${Array.isArray(a.cells) && a.cells.length ? ` (${list(a.cells, ', ')})` : ''}: no ${list(((Array.isArray(a.missing) ? a.missing : []) as string[]).map((m) => FUNDS_COL_EN[m] ?? m), ', ')} column; the funds rows' values are not read (never guessed by position) and not checked`,
  'level-mismatch': (_f, a) => `level-1 "${s(a.level1)}" does not match level-2 "${s(a.level2)}" (expected "${s(a.expected)}")`,
  'unknown-level': (_f, a) => `level-2 indicator "${s(a.level2)}" is not in the standard vocabulary`,
  'mixed-line-endings': (_f, a) => `mixed line endings: ${s(a.endings)}`,
  'sheet-without-table': (_f, a) => `sheet "${s(a.sheet)}" has no table title: its ${a.rows} rows were not read as a table`,
  'negative-amount': (f, a) => `negative ${COL_EN[s(a.column)] ?? s(a.column)}: ${s(f.stated)}`,
  'not-self-scored': (_f, a) => `not self-scored (${Number(a.indicators) === 1 ? 'the one indicator has no score' : `none of ${s(a.indicators)} indicators has a score`}); scores not checked`,
  'not-checked': (_f, a) =>
    `${s(a.label)}: ${NOT_CHECKED_EN[s(a.reason)]?.(a) ?? ''}, so the ${list(((Array.isArray(a.checks) ? a.checks : []) as string[]).map((c) => (c === 'rate' ? 'execution rate' : 'execution score')), ' and the ')} cannot be checked${a.checks && (a.checks as string[]).includes('exec-score') ? ' (nor the total)' : ''}`,
  'rate-mismatch': (f, a) => `${ROW_EN[s(a.row)] ?? ''} execution rate should be ${s(f.expected)}, the table says ${s(f.stated)}; beyond what display rounding explains (${s(a.low)}–${s(a.high)})`,
  'exec-score-mismatch': (f, a) => `execution score should be ${s(f.expected)}, the table says ${s(f.stated)}; beyond what display rounding explains (${s(a.low)}–${s(a.high)})`,
  'subrow-sum-mismatch': (f, a) => `${COL_EN[s(a.column)] ?? ''}: the sub-rows add up to ${s(f.expected)}, the total row says ${s(f.stated)} (${diffEn(a.difference)})`,
  'weight-total-mismatch': (f, a) => `the weights of ${plural(a.indicators, 'indicator')} and the funds add up to ${s(f.expected)}, the table says ${s(f.stated)}`,
  'score-total-mismatch': (f, a) =>
    a.aboveWeights
      ? `scores add up to ${s(a.sum)}, more than the weight total ${s(a.weightTotal)}; the table says ${s(f.stated)}`
      : `scores add up to ${s(a.sum ?? f.expected)}, the table says ${s(f.stated)}`,
  'score-out-of-range': (f, a) => `score ${s(f.stated)} of "${s(a.name)}" is outside ${s(f.expected)}`,
  'grade-mismatch': (f, a) => `a total of ${s(a.total)} is graded ${s(f.expected)}, the table says ${s(f.stated)}`,
  'grade-unknown': (f) => `unknown grade "${s(f.stated)}" (expected 优, 良, 中 or 差)`,
  'rounding-difference': (f, a) => `${QTY_EN[s(a.quantity)] ?? ''}${a.row ? ` (${ROW_EN[s(a.row)] ?? ''})` : ''} recomputes to ${s(f.expected)} under this rounding, the table says ${s(f.stated)}; within what display rounding explains`,
  'rounding-convention': (_f, a) =>
    a.scope === 'file'
      ? `the file's rates and scores are reproduced only by rounding up (${s(a.fileMode)}), which no rule provides for; check how they were computed`
      : `${conventionFigures(a).map((x) => `${QTY_EN[x.quantity] ?? ''} ${x.stated} at line ${x.line} (${x.modes.join(' or ')})`).join(', ')} ${conventionFigures(a).length === 1 ? 'follows' : 'follow'} another rounding than this file's (${s(a.fileMode)})`,
  'rounding-mode-ambiguous': (_f, a) => `no single rounding mode explains every figure (misses: truncate ${s(a.truncate)}, half-up ${s(a['half-up'])}, ceil ${s(a.ceil)}); using ${s(a.chosen)}`,
  'over-budget': (_f, a) => `spending ${s(a.executed)} exceeds the budget ${s(a.budget)} by ${s(a.excess)}`,
  'unmet-full-score': (f, a) => `"${s(a.name)}" missed its target (${s(a.target)}, actual ${s(a.actual)}) but has full marks ${s(f.stated)}; the proportional rule gives ${s(f.expected)}`,
  'policy-score-differs': (f, a) =>
    `"${s(a.name)}" missed its target (${s(a.target)}, actual ${s(a.actual)}): the proportional rule gives ${s(f.expected)}, the table says ${s(f.stated)} (${a.direction === 'stricter' ? 'stricter' : 'more lenient'}${a.hasReason ? ', reason given' : ''})`,
  'deduction-without-reason': (f, a) => `"${s(a.name)}" lost ${s(a.deduction)} (${s(f.stated)} of ${s(f.expected)}) with no 偏差原因分析`,
  'eq-target-deviation': (_f, a) => `"${s(a.name)}" targets ${s(a.target)} and achieved ${s(a.actual)}, above an "=" target; ${s(a.deduction)} deducted`,
  'funds-total-unsummed': (_f, a) =>
    `the funds total row was never summed (all 0); the sub-rows add up to initial budget ${s(a.initialBudget) || '-'}, budget ${s(a.budget) || '-'}, spending ${s(a.executed) || '-'}${a.score !== null && a.score !== undefined ? `; the execution score would be ${s(a.score)}, not 0` : ''}`,
  'funds-cell-empty': (f, a) => `the ${a.cell === 'rate' ? 'execution rate' : 'execution score'} of "${s(a.label)}" is empty; the amounts give ${s(f.expected)}`,
  'subrow-scored': (_f, a) => `sub-row "${s(a.label)}" carries ${[a.weight ? `a weight of ${s(a.weight)}` : '', a.score ? `a score of ${s(a.score)}` : ''].filter(Boolean).join(' and ')}; sub-rows are not scored, and it is not added`,
  'level-weight-mismatch': (f, a) => `level-1 "${s(a.label)}" is labelled ${s(f.stated)} points, its indicators' weights add up to ${s(f.expected)}`,
  'unmet-without-reason': (_f, a) => `"${s(a.name)}" missed its target (${s(a.target)}, actual ${s(a.actual)}) and no 偏差原因分析 is given`,
  'met-but-deducted': (f, a) => `"${s(a.name)}" met its target (${s(a.target)}, actual ${s(a.actual)}) yet lost ${s(a.deduction)} (${s(f.stated)} of ${s(f.expected)})`,
  'empty-full-marks': (_f, a) =>
    `${plural(a.count, 'indicator')} with neither target nor actual ${Number(a.count) === 1 ? 'has' : 'have'} full marks: ${Number(a.count) === 1 ? 'line' : 'lines'} ${lines(a.lines)}`,
  'direction-conflict': (_f, a) => `"${s(a.name)}" is ${a.direction === '正向' ? 'higher-is-better (正向)' : 'lower-is-better (反向)'} but its target says ${s(a.op)}`,
  'no-satisfaction': () => 'the table has no satisfaction indicator (服务对象满意度, usually 10 points)',
  'level-split': (f, a) =>
    `level-1 weights are output ${s(a.output)}, benefit ${s(a.benefit)}, satisfaction ${s(a.satisfaction)}, funds ${s(a.funds)}; ${a.prescribedBy ? `the table's own note at line ${s(a.prescribedBy)} prescribes ${s(f.expected)}` : 'the usual split is 50/30/10 + 10 (adjustable in special cases)'}`,
  'low-rate-no-reason': (_f, a) => `execution rate ${s(a.rate)} % is below 90 %${a.asks ? ' and the reason column the template asks for is empty' : ' with no reason given'}`,
  'budget-adjusted': (_f, a) =>
    a.change === null
      ? `the initial budget is 0: all of the budget ${s(a.budget)} was added during the year${a.explained ? '' : ', with no explanation'}`
      : `the budget changed from ${s(a.initial)} to ${s(a.budget)} during the year (${s(a.change)} %, more than ${s(a.threshold)} %)${a.explained ? '' : ', with no explanation'}`,
  'template-text': (_f, a) => `${Number(a.count) === 1 ? '1 narrative cell still holds' : `${s(a.count)} narrative cells still hold`} the template's instructions (e.g. "(200字以内)"): ${Number(a.count) === 1 ? 'line' : 'lines'} ${lines(a.lines)}`,
  'actual-unverifiable': (_f, a) =>
    `${Number(a.count) === 1 ? '1 quantitative actual cannot' : `${s(a.count)} quantitative actuals cannot`} be checked (${(a.reasons as string[]).map((r) => REASON_EN[r] ?? r).join(', ')}): ${Number(a.count) === 1 ? 'line' : 'lines'} ${lines(a.lines)}`,
};

/** A finding's computation in the reader's language: the rounding mode named as the documents do (`→ 1.17（截尾）`). */
export function formatCalc(calc: string, lang: Lang): string {
  if (lang !== 'zh') return calc.replace(/^Σ (\d+) 分值 /, 'Σ $1 weights ').replace(/^Σ (\d+) 得分 /, 'Σ $1 scores ');
  return calc
    .replace(/ \((truncate|half-up|ceil)\)/g, (_m, mode: string) => `（${MODE_ZH[mode]}）`)
    .replace(/^Σ (\d+) 分值 (\S+) \+ (\S+) = /, '$1 项指标分值合计 $2 + 预算执行率分值 $3 = ')
    .replace(/^Σ (\d+) 得分 (\S+) \+ (\S+) = /, '$1 项指标得分合计 $2 + 预算执行率得分 $3 = ');
}

/** The rounding mode as the documents name it (截尾 / 四舍五入 / 向上进位). */
export function modeName(mode: string, lang: Lang): string {
  return lang === 'zh' ? (MODE_ZH[mode] ?? mode) : mode;
}

/** The sentence for a finding. */
export function formatMessage(f: Finding, lang: Lang): string {
  const t = (lang === 'zh' ? ZH : EN)[f.code] as (f: Finding, a: Finding['args']) => string;
  return t(f, f.args);
}

interface Totals {
  projects: number;
  budget: string;
  executed: string;
  rate: string | null;
}

/** Interface wording shared by the reporters; typed so that both languages have every entry. */
interface UIText {
  projects: string; errors: string; warnings: string; notes: string; error: string; warning: string; info: string;
  level: string; line: string; code: string; message: string; calc: string; noFindings: string; rounding: string; encoding: string; sourceFormat: string;
  name: string; funds: string; indicators: string; total: string; grade: string; rate: string; unreadable: string;
  summaryHead: readonly string[];
  totals: (t: Totals) => string;
  gradesStated: string;
  gradesRecomputed: string;
  gradeMismatch: (where: string, name: string, stated: string, grade: string) => string;
  /** `--min-grade`: a project below the grade, or with no grade that could be recomputed. */
  belowGrade: (name: string, grade: string | null, min: string) => string;
  statesGrade: (name: string, stated: string, grade: string) => string;
  cellsChanged: (where: string, name: string, n: number, kinds: string) => string;
  nothingToChange: (path: string) => string;
  leftAsIs: string;
}

export const UI: Record<Lang, UIText> = {
  zh: {
    projects: '个项目', errors: '个错误', warnings: '个警告', notes: '条提示', error: '错误', warning: '警告', info: '提示',
    level: '级别', line: '行', code: '代码', message: '说明', calc: '计算', noFindings: '未发现问题', rounding: '舍入方式', encoding: '编码', sourceFormat: '格式',
    name: '项目名称', funds: '预算/执行（{unit}）', indicators: '指标数', total: '总分', grade: '等级', rate: '执行率', unreadable: '个文件无法读取',
    summaryHead: ['文件', '行', '项目名称', '预算数', '执行数', '执行率', '表中总分', '复核总分', '表中等级', '复核等级', '错误', '警告'],
    totals: (t) => `合计：${t.projects} 个项目 · 预算 ${t.budget} 万元 · 执行 ${t.executed} 万元 · 执行率 ${t.rate ?? '-'}%`,
    gradesStated: '等级分布（表中）：',
    gradesRecomputed: '等级分布（复核）：',
    gradeMismatch: (where, name, stated, grade) => `等级不符：${where} ${name} 表中 ${stated}，复核 ${grade}`,
    belowGrade: (name, grade, min) => (grade === null ? `${name} 无法复核评分等级（未达到“${min}”的依据不足），门槛不通过` : `${name} 复核等级为“${grade}”，低于“${min}”`),
    statesGrade: (name, stated, grade) => `${name} 表中评分等级为“${stated}”，复核为“${grade}”`,
    cellsChanged: (where, name, n, kinds) => `${where} ${name}：修改 ${n} 个单元格（${kinds}）`,
    nothingToChange: (path) => `${path}：无需修改`,
    leftAsIs: '未修改（无法确定哪个单元格有误）',
  },
  en: {
    projects: 'projects', errors: 'errors', warnings: 'warnings', notes: 'notes', error: 'error', warning: 'warning', info: 'note',
    level: 'level', line: 'line', code: 'code', message: 'message', calc: 'computation', noFindings: 'no findings', rounding: 'rounding', encoding: 'encoding', sourceFormat: 'format',
    name: 'project', funds: 'budget/spent ({unit})', indicators: 'indicators', total: 'total', grade: 'grade', rate: 'rate', unreadable: 'unreadable',
    summaryHead: ['file', 'line', 'project', 'budget', 'spent', 'rate', 'stated total', 'total', 'stated grade', 'grade', 'errors', 'warnings'],
    totals: (t) => `Total: ${t.projects} projects · budget ${t.budget} 万元 · spent ${t.executed} 万元 · rate ${t.rate ?? '-'}%`,
    gradesStated: 'Grades (stated):     ',
    gradesRecomputed: 'Grades (recomputed): ',
    gradeMismatch: (where, name, stated, grade) => `grade mismatch: ${where} ${name} states ${stated}, recomputed ${grade}`,
    belowGrade: (name, grade, min) => (grade === null ? `${name} has no grade that can be recomputed, so it does not pass ${min}` : `${name} is graded ${grade}, below ${min}`),
    statesGrade: (name, stated, grade) => `${name} states grade ${stated}, recomputed ${grade}`,
    cellsChanged: (where, name, n, kinds) => `${where} ${name}: ${n} cell${n === 1 ? '' : 's'} changed (${kinds})`,
    nothingToChange: (path) => `${path}: nothing to change`,
    leftAsIs: 'left as it is (which cell is wrong is ambiguous)',
  },
};

/** The words of the documents people open (`--format html`, `--format xlsx`). */
export interface ReportText {
  title: string;
  checked: (files: number, projects: number) => string;
  when: string;
  rounding: string;
  tool: string;
  verdict: (errors: number, warnings: number, notes: number) => string;
  unreadable: (n: number) => string;
  charts: { grades: string; histogram: string; scatter: string; codes: string; departments: string };
  stated: string;
  recomputed: string;
  projectsCount: string;
  findingsCount: string;
  rateAxis: string;
  totalAxis: string;
  budget: string;
  executed: string;
  noDepartment: string;
  projectsHead: string;
  filter: string;
  allSeverities: string;
  onlyErrors: string;
  withFindings: string;
  show: string;
  noScript: string;
  /** Column headers of the projects table / the Projects sheet. */
  cols: {
    place: string; file: string; line: string; name: string; department: string; implementer: string; unit: string;
    budget: string; executed: string; rate: string; statedRate: string; statedTotal: string; total: string;
    statedGrade: string; grade: string; errors: string; warnings: string; notes: string;
  };
  /** Column headers of the findings list / the Findings sheet. */
  fcols: { file: string; place: string; project: string; code: string; severity: string; title: string; message: string; stated: string; expected: string; calc: string };
  fileFindings: string;
  failures: string;
  departmentsHead: string;
  sheets: { projects: string; findings: string; departments: string };
  noFindings: string;
}

export const REPORT: Record<Lang, ReportText> = {
  zh: {
    title: '财政项目支出绩效自评表复核报告',
    checked: (files, projects) => `复核 ${files} 个文件、${projects} 个项目`,
    when: '生成时间',
    rounding: '舍入方式',
    tool: '工具版本',
    verdict: (e, w, n) => `${e} 个错误 · ${w} 个警告 · ${n} 条提示`,
    unreadable: (n) => `${n} 个文件无法读取`,
    charts: { grades: '评分等级：表中与复核', histogram: '复核总分分布', scatter: '预算执行率与总分', codes: '问题类型', departments: '按主管部门汇总' },
    stated: '表中',
    recomputed: '复核',
    projectsCount: '项目数',
    findingsCount: '问题数',
    rateAxis: '预算执行率（%）',
    totalAxis: '总分',
    budget: '预算数（万元）',
    executed: '执行数（万元）',
    noDepartment: '（未填写主管部门）',
    projectsHead: '项目',
    filter: '筛选项目名称、部门或文件',
    allSeverities: '全部项目',
    onlyErrors: '仅有错误的项目',
    withFindings: '有问题的项目',
    show: '查看问题',
    noScript: '未启用脚本：表格不能排序和筛选，各项目的问题均已展开。',
    cols: {
      place: '位置', file: '文件', line: '行', name: '项目名称', department: '主管部门', implementer: '实施单位', unit: '金额单位',
      budget: '预算数', executed: '执行数', rate: '执行率（%）', statedRate: '表中执行率（%）', statedTotal: '表中总分', total: '复核总分',
      statedGrade: '表中等级', grade: '复核等级', errors: '错误', warnings: '警告', notes: '提示',
    },
    fcols: { file: '文件', place: '行或单元格', project: '项目名称', code: '代码', severity: '级别', title: '问题', message: '说明', stated: '表中数', expected: '应为', calc: '计算过程' },
    fileFindings: '文件层面的问题',
    failures: '无法读取的文件',
    departmentsHead: '按主管部门汇总（万元）',
    sheets: { projects: '项目', findings: '问题', departments: '主管部门' },
    noFindings: '未发现问题',
  },
  en: {
    title: 'Review of budget performance self-evaluation tables',
    checked: (files, projects) => `${files} file${files === 1 ? '' : 's'}, ${projects} project${projects === 1 ? '' : 's'} checked`,
    when: 'made',
    rounding: 'rounding',
    tool: 'tool',
    verdict: (e, w, n) => `${e} error${e === 1 ? '' : 's'} · ${w} warning${w === 1 ? '' : 's'} · ${n} note${n === 1 ? '' : 's'}`,
    unreadable: (n) => `${n} file${n === 1 ? '' : 's'} could not be read`,
    charts: { grades: 'Grades: stated and recomputed', histogram: 'Recomputed total scores', scatter: 'Execution rate and total score', codes: 'Findings by code', departments: 'By department (主管部门)' },
    stated: 'stated',
    recomputed: 'recomputed',
    projectsCount: 'projects',
    findingsCount: 'findings',
    rateAxis: 'execution rate (%)',
    totalAxis: 'total score',
    budget: 'budget (万元)',
    executed: 'spent (万元)',
    noDepartment: '(no department given)',
    projectsHead: 'Projects',
    filter: 'filter by project, department or file',
    allSeverities: 'all projects',
    onlyErrors: 'projects with errors',
    withFindings: 'projects with findings',
    show: 'findings',
    noScript: 'Scripts are off: the table cannot be sorted or filtered, and every project shows its findings.',
    cols: {
      place: 'where', file: 'file', line: 'line', name: 'project', department: 'department', implementer: 'implementer', unit: 'unit',
      budget: 'budget', executed: 'spent', rate: 'rate (%)', statedRate: 'stated rate (%)', statedTotal: 'stated total', total: 'total',
      statedGrade: 'stated grade', grade: 'grade', errors: 'errors', warnings: 'warnings', notes: 'notes',
    },
    fcols: { file: 'file', place: 'line or cell', project: 'project', code: 'code', severity: 'severity', title: 'finding', message: 'message', stated: 'stated', expected: 'expected', calc: 'computation' },
    fileFindings: 'Findings about whole files',
    failures: 'Files that could not be read',
    departmentsHead: 'By department (万元)',
    sheets: { projects: 'Projects', findings: 'Findings', departments: 'Departments' },
    noFindings: 'no findings',
  },
};
