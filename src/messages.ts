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
// (`text`: the cell as written, which the finding states.)
const NOT_CHECKED_ZH: Record<string, (a: Record<string, unknown>) => string> = {
  'zero-budget': () => '预算数为 0（无法计算执行率）',
  negative: () => '金额为负数',
  placeholder: (a) => (s(a.text).trim() === '' ? `${COLUMN_ZH[s(a.column)] ?? ''}未填写` : `${COLUMN_ZH[s(a.column)] ?? ''}未填写数值（“${s(a.text)}”）`),
  unreadable: (a) => `${COLUMN_ZH[s(a.column)] ?? ''}“${s(a.text)}”不是有效数值`,
  'unread-row': (a) => `“${s(a.text)}”行的金额未能读取`,
};
const NOT_CHECKED_EN: Record<string, (a: Record<string, unknown>) => string> = {
  'zero-budget': () => 'the budget is 0 (no rate can be computed)',
  negative: () => 'an amount is negative',
  placeholder: (a) => (s(a.text).trim() === '' ? `the ${COLUMN_EN[s(a.column)] ?? ''} is empty` : `the ${COLUMN_EN[s(a.column)] ?? ''} holds no number ("${s(a.text)}")`),
  unreadable: (a) => `the ${COLUMN_EN[s(a.column)] ?? ''} "${s(a.text)}" is not a valid number`,
  'unread-row': (a) => `the amounts of the row "${s(a.text)}" were not read`,
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
const REASON_ZH: Record<string, string> = { 'met-text': '填写“达成指标”', text: '文字描述', empty: '未填写', unit: '单位与指标值不同', operator: '所填为“≥90%”这类带比较符号的值，不是实际完成的数值' };
const REASON_EN: Record<string, string> = { 'met-text': '"达成指标" (met)', text: 'free text', empty: 'empty', unit: 'a unit other than the target\'s', operator: 'a bound such as "≥90%" written instead of the value achieved' };

const s = (v: unknown): string => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v));
const lines = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : s(v));
const rangeLines = (f: Finding): unknown => ('lines' in f.args ? f.args.lines : '');
const rangeZh = (f: Finding) => (f.endLine !== undefined ? `（至第 ${f.endLine} 行，共 ${s(rangeLines(f))} 行）` : '');
const rangeEn = (f: Finding) => (f.endLine !== undefined ? ` (through line ${f.endLine}, ${s(rangeLines(f))} lines)` : '');

const MODE_ZH: Record<string, string> = { truncate: '截尾', 'half-up': '四舍五入', ceil: '向上进位' };
const MISSING_ZH: Record<string, string> = { name: '未找到项目名称', funds: '未识别到项目资金（预算执行）栏', indicators: '未找到绩效指标', total: '未找到总分（合计）行' };
/** Excel's error values, as a cell whose formula failed shows them (and a text export writes them). */
const FORMULA_ERROR = /^#(?:DIV\/0!|VALUE!|REF!|N\/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|GETTING_DATA)$/i;
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
  'undecodable-bytes': (_f, a) => `本行有 ${a.count} 个字节不是有效的 ${String(a.encoding).toUpperCase()} 文字（${a.bytes}${a.count > 16 ? '…' : ''}），已按转义形式读入；本行的文字和数字可能有误，请与原文件核对，其余各行照常复核`,
  'text-before-title': (f, a) => `首个表格标题前有其他内容：${s(a.text)}${rangeZh(f)}`,
  'unrecognised-line': (f, a) => `未能识别的行（已跳过）：${s(a.text)}${rangeZh(f)}`,
  'column-not-read': (_f, a) =>
    a.header === ''
      ? `指标表第 ${Number(a.col) + 1} 列没有表头，不在复核范围内：该列 ${a.cells} 个非空单元格未经核对（${s(a.sample)}）`
      : `指标表头中的“${s(a.header)}”列不在复核范围内：该列 ${a.cells} 个非空单元格未经核对${a.cells > 0 ? `（${s(a.sample)}）` : ''}`,
  'name-outside-cell': (_f, a) => `项目名称“${s(a.name)}”不在“项目名称”单元格内，已按内容识别`,
  'target-operator-defect': (_f, a) => `“${s(a.name)}”的年度指标值“${s(a.target)}”以“-”开头，疑为导出时比较符号（≥、≤、=）缺失；不作推断，不参与计分核对`,
  'unknown-operator': (_f, a) => `“${s(a.name)}”的年度指标值中比较符号“${s(a.op)}”无法识别`,
  'bad-number': (_f, a) => (FORMULA_ERROR.test(s(a.text)) ? `“${s(a.text)}”是 Excel 公式的错误值（公式未能算出结果），不是数值` : `“${s(a.text)}”不是有效数值`),
  'missing-section': (_f, a) => MISSING_ZH[s(a.section)] ?? `表格缺少${s(a.section)}`,
  'duplicate-label': (_f, a) => `“${s(a.label)}”重复出现（首次在第 ${s(a.first)} 行），本行未采用`,
  'funds-row-shape': (_f, a) => `“${s(a.label)}”行的 ${s(a.values)} 个数值与表头的 ${s(a.columns)} 栏对不上，未读取（不按位置推断），不参与核对`,
  'funds-header-unrecognised': (_f, a) =>
    a.understood
      ? `资金表头中未能识别的栏目：${list(a.cells, '、')}；这些栏目的数值未读取`
      : `未能识别资金表头${Array.isArray(a.cells) && a.cells.length ? `（${list(a.cells, '、')}）` : ''}，缺少${list(((Array.isArray(a.missing) ? a.missing : []) as string[]).map((m) => FUNDS_COL_ZH[m] ?? m), '、')}；资金行的数值未读取（不按位置推断），不参与核对`,
  'level-mismatch': (_f, a) => `一级指标“${s(a.level1)}”与二级指标“${s(a.level2)}”不符（应为“${s(a.expected)}”）`,
  'unknown-level': (_f, a) =>
    a.level1 !== undefined ? `一级指标“${s(a.level1)}”不属于标准指标体系（产出/效益/满意度/成本），该行的一级指标按其二级指标或上一行确定` : `二级指标“${s(a.level2)}”不属于标准指标体系（产出/效益/满意度/成本）`,
  'indicator-without-name': () => '该指标行未填写三级指标名称；其分值、得分等按所在列读取并参与合计',
  'mixed-line-endings': (_f, a) => `文件混用了不同的换行符：${s(a.endings)}`,
  'sheet-without-table': (_f, a) => `工作表“${s(a.sheet)}”中没有自评表标题，其 ${a.rows} 行未作为自评表读取`,
  'reader-note': (_f, a) => `读取工作簿时，解析程序（SheetJS）报告有内容未能读取：${list(a.said, '；')}；其余内容已照常读取和核对，如对结果有疑问，请在 Excel 中另存为 .xlsx 后再运行`,
  'sheet-hidden': (_f, a) => `工作表“${s(a.sheet)}”已隐藏，未读取（${a.table ? '其中有自评表，' : ''}共 ${s(a.rows)} 行）；如需复核，请在工作簿中取消隐藏后再运行`,
  'cell-edges-missing': (_f, a) => `文档中表${s(a.table)}第${s(a.row)}行没有记录单元格的位置，其 ${s(a.cells)} 个单元格按顺序各占一列读取，可能与上下行错位`,
  'negative-amount': (f, a) => `${COL_ZH[s(a.column)] ?? s(a.column)}为负数：${s(f.stated)}`,
  'not-self-scored': (_f, a) => `本表未填写自评得分（${s(a.indicators)} 项指标均无得分），跳过得分核对`,
  'not-checked': (f, a) =>
    `${s(a.label)}：${NOT_CHECKED_ZH[s(a.reason)]?.({ ...a, text: f.stated }) ?? ''}，无法核对${list(((Array.isArray(a.checks) ? a.checks : []) as string[]).map((c) => (c === 'rate' ? '执行率' : c === 'subrow-sum' ? '各资金来源合计' : '预算执行率得分')), '和')}${a.checks && (a.checks as string[]).includes('exec-score') ? '（总分亦无法复核）' : ''}`,
  'rate-mismatch': (f, a) =>
    `${rowZh(a)}执行率应为 ${pct(f.expected)}，表中填报 ${a.fraction ? s(f.stated) : pct(f.stated)}；${a.fraction ? `表中数值疑为小数形式的执行率（${s(f.stated)} 即 ${pct(f.expected)}），应按百分数填报` : `超出金额尾数舍入可解释的区间（${pct(a.low)}～${pct(a.high)}）`}`,
  'exec-score-mismatch': (f, a) => `预算执行率得分应为 ${s(f.expected)}，表中为 ${s(f.stated)}；差异超出金额尾数舍入所能解释的范围（${s(a.low)}～${s(a.high)}）`,
  'subrow-sum-mismatch': (f, a) => `${COL_ZH[s(a.column)] ?? ''}：${list(a.parts, '、') || '各资金来源'}合计 ${s(f.expected)}，与年度资金总额 ${s(f.stated)} 不符（总额${diffZh(a.difference)}）`,
  'weight-total-mismatch': (f, a) => `${s(a.indicators)} 项指标分值与预算执行率分值合计 ${s(f.expected)}，表中总分值为 ${s(f.stated)}`,
  'score-total-mismatch': (f, a) =>
    a.aboveWeights
      ? `各指标得分与预算执行率得分合计 ${s(a.sum)}，超过总分值 ${s(a.weightTotal)}；表中总分为 ${s(f.stated)}`
      : `各指标得分与预算执行率得分合计 ${s(a.sum ?? f.expected)}，表中总分为 ${s(f.stated)}`,
  'goal-score-over-weight': (_f, a) => `“${s(a.goal)}”下 ${s(a.count)} 项指标的得分合计 ${s(a.sum)}，超过该目标的分值 ${s(a.weight)}`,
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
  'indicator-not-applicable': (_f, a) => `${s(a.count)} 项指标标为不适用（年度指标值和实际完成值均为“${s(a.mark)}”），未设分值，不计入合计：第 ${list(a.lines, '、')} 行；其分值应调整给其他指标，而非按比例折算总分（以分值合计核对）`,
  'target-without-unit': (_f, a) => `${s(a.count)} 项定量指标的年度指标值只有数字，未写计量单位（单元格和度量单位列中均没有）：第 ${list(a.lines, '、')} 行；请注明其计量口径（个、次、%、万元等）`,
  'indicator-repeated': (_f, a) => `三级指标“${s(a.name)}”重复出现（第 ${list(a.lines, '、')} 行），各行的分值和得分均已计入合计；请核实是否重复填列`,
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
  'undecodable-bytes': (_f, a) => `${a.count} byte${a.count === 1 ? ' is' : 's are'} not valid ${String(a.encoding).toUpperCase()} text on this line (${a.bytes}${a.count > 16 ? '…' : ''}) and read as escapes: its cells may be wrong, check them against the original; the other lines are checked as usual`,
  'text-before-title': (f, a) => `text before the first table title: ${s(a.text)}${rangeEn(f)}`,
  'unrecognised-line': (f, a) => `unrecognised line: ${s(a.text)}${rangeEn(f)}`,
  'column-not-read': (_f, a) =>
    a.header === ''
      ? `indicator column ${Number(a.col) + 1} has no header and is not one evalcheck reads: its ${plural(a.cells, 'non-empty cell')} ${Number(a.cells) === 1 ? 'is' : 'are'} not checked (${s(a.sample)})`
      : `the indicator column “${s(a.header)}” is not one evalcheck reads: its ${a.cells} non-empty cells are not checked${a.cells > 0 ? ` (${s(a.sample)})` : ''}`,
  'name-outside-cell': (_f, a) => `project name "${s(a.name)}" stands outside its 项目名称 cell; read by content`,
  'target-operator-defect': (_f, a) => `target ${s(a.target)} of "${s(a.name)}" starts with "-" where an operator (≥, ≤, =) belongs; not guessed, not scored`,
  'unknown-operator': (_f, a) => `unknown operator "${s(a.op)}" in the target of "${s(a.name)}"`,
  'bad-number': (_f, a) => (FORMULA_ERROR.test(s(a.text)) ? `"${s(a.text)}" is an Excel formula error (the formula could not compute), not a number` : `"${s(a.text)}" is not a valid number`),
  'missing-section': (_f, a) => `the table has no ${SECTION_EN[s(a.section)] ?? s(a.section)}`,
  'duplicate-label': (_f, a) => `"${s(a.label)}" appears again (first at line ${s(a.first)}); this line is not used`,
  'funds-row-shape': (_f, a) => `the ${plural(a.values, 'value')} of row "${s(a.label)}" do not sit under the ${plural(a.columns, 'header column')}; not read (never guessed by position), not checked`,
  'funds-header-unrecognised': (_f, a) =>
    a.understood
      ? `funds header columns not understood: ${list(a.cells, ', ')}; their values are not read`
      : `funds header not understood${Array.isArray(a.cells) && a.cells.length ? ` (${list(a.cells, ', ')})` : ''}: no ${list(((Array.isArray(a.missing) ? a.missing : []) as string[]).map((m) => FUNDS_COL_EN[m] ?? m), ', ')} column; the funds rows' values are not read (never guessed by position) and not checked`,
  'level-mismatch': (_f, a) => `level-1 "${s(a.level1)}" does not match level-2 "${s(a.level2)}" (expected "${s(a.expected)}")`,
  'unknown-level': (_f, a) =>
    a.level1 !== undefined ? `level-1 indicator "${s(a.level1)}" is not in the standard vocabulary; the row's level 1 comes from its level 2 or the row above` : `level-2 indicator "${s(a.level2)}" is not in the standard vocabulary`,
  'indicator-without-name': () => 'this indicator row has no 三级 name; its weight, score and the rest are read under their columns and summed',
  'mixed-line-endings': (_f, a) => `mixed line endings: ${s(a.endings)}`,
  'sheet-without-table': (_f, a) => `sheet "${s(a.sheet)}" has no table title: its ${plural(a.rows, 'row')} ${Number(a.rows) === 1 ? 'was' : 'were'} not read as a table`,
  'reader-note': (_f, a) => `the workbook reader (SheetJS) said it could not read part of the file: ${list(a.said, '; ')}; the rest was read and checked as usual (if in doubt, save the workbook as .xlsx in Excel and run again)`,
  'sheet-hidden': (_f, a) => `sheet "${s(a.sheet)}" is hidden and was not read (${plural(Number(a.rows), 'row')}${a.table ? ', with a table in it' : ''}); unhide it in the workbook to check it`,
  'cell-edges-missing': (_f, a) => `row ${s(a.row)} of table ${s(a.table)} in the document does not say where its cells stand: its ${plural(Number(a.cells), 'cell')} are read one column each, which may not line up with the rows around it`,
  'negative-amount': (f, a) => `negative ${COL_EN[s(a.column)] ?? s(a.column)}: ${s(f.stated)}`,
  'not-self-scored': (_f, a) => `not self-scored (${Number(a.indicators) === 1 ? 'the one indicator has no score' : `none of ${s(a.indicators)} indicators has a score`}); scores not checked`,
  'not-checked': (f, a) =>
    `${s(a.label)}: ${NOT_CHECKED_EN[s(a.reason)]?.({ ...a, text: f.stated }) ?? ''}, so the ${list(((Array.isArray(a.checks) ? a.checks : []) as string[]).map((c) => (c === 'rate' ? 'execution rate' : c === 'subrow-sum' ? 'sum of the sub-rows' : 'execution score')), ' and the ')} cannot be checked${a.checks && (a.checks as string[]).includes('exec-score') ? ' (nor the total)' : ''}`,
  'rate-mismatch': (f, a) =>
    `${ROW_EN[s(a.row)] ?? ''} execution rate should be ${s(f.expected)}, the table says ${s(f.stated)}; ${a.fraction ? `that is the rate written as a fraction (${s(f.stated)} for ${s(f.expected)} %): a percentage belongs in the cell` : `beyond what display rounding explains (${s(a.low)}–${s(a.high)})`}`,
  'exec-score-mismatch': (f, a) => `execution score should be ${s(f.expected)}, the table says ${s(f.stated)}; beyond what display rounding explains (${s(a.low)}–${s(a.high)})`,
  'subrow-sum-mismatch': (f, a) => `${COL_EN[s(a.column)] ?? ''}: the sub-rows add up to ${s(f.expected)}, the total row says ${s(f.stated)} (${diffEn(a.difference)})`,
  'weight-total-mismatch': (f, a) => `the weights of ${plural(a.indicators, 'indicator')} and the funds add up to ${s(f.expected)}, the table says ${s(f.stated)}`,
  'score-total-mismatch': (f, a) =>
    a.aboveWeights
      ? `scores add up to ${s(a.sum)}, more than the weight total ${s(a.weightTotal)}; the table says ${s(f.stated)}`
      : `scores add up to ${s(a.sum ?? f.expected)}, the table says ${s(f.stated)}`,
  'goal-score-over-weight': (_f, a) => `the scores of the ${Number(a.count) === 1 ? 'indicator' : `${s(a.count)} indicators`} under "${s(a.goal)}" add up to ${s(a.sum)}, above the goal's weight ${s(a.weight)}`,
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
  'indicator-not-applicable': (_f, a) =>
    `${Number(a.count) === 1 ? '1 indicator is' : `${s(a.count)} indicators are`} marked not applicable ("${s(a.mark)}" for target and actual) with no weight, and left out of the totals: ${Number(a.count) === 1 ? 'line' : 'lines'} ${lines(a.lines)}; ${Number(a.count) === 1 ? 'its' : 'their'} points should have gone to the other indicators, not the total be rescaled (the weight total shows whether they did)`,
  'target-without-unit': (_f, a) =>
    `${Number(a.count) === 1 ? '1 number target has' : `${s(a.count)} number targets have`} no unit, in the cell or a unit column: ${Number(a.count) === 1 ? 'line' : 'lines'} ${lines(a.lines)}; say what ${Number(a.count) === 1 ? 'it counts' : 'they count'} (个, 次, %, 万元 …)`,
  'indicator-repeated': (_f, a) => `the 三级 indicator "${s(a.name)}" is listed ${Array.isArray(a.lines) ? a.lines.length : 2} times (lines ${lines(a.lines)}), each row's weight and score counted in the totals: check it was not entered twice`,
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
  /** The same four for a count of one: `1 project`, `1 error` (Chinese counts one as it counts many). */
  one: { projects: string; errors: string; warnings: string; notes: string };
  level: string; line: string; code: string; message: string; calc: string; noFindings: string; rounding: string; encoding: string; sourceFormat: string;
  name: string; funds: string; indicators: string; total: string; grade: string; rate: string; unreadable: string;
  summaryHead: readonly string[];
  /** The summary table's columns on a narrow terminal (under 120 columns). */
  summaryNarrowHead: readonly string[];
  totals: (t: Totals) => string;
  gradesStated: string;
  gradesRecomputed: string;
  gradeMismatch: (where: string, name: string, stated: string, grade: string) => string;
  /** `--min-grade`: a project below the grade, or with no grade that could be recomputed. */
  belowGrade: (name: string, grade: string | null, min: string) => string;
  statesGrade: (name: string, stated: string, grade: string) => string;
  /** rescore's line per project; `would`: only checked or shown (--check, --diff), nothing written. */
  cellsChanged: (where: string, name: string, n: number, kinds: string, would?: boolean) => string;
  nothingToChange: (path: string) => string;
  leftAsIs: string;
  /** The kinds of cell rescore changes. */
  what: Record<string, string>;
  listSep: string;
  /** The progress line on a terminal: files done of all, MB read, MB/s. */
  progress: (file: number, total: number, mb: string, rate: string) => string;
}

export const UI: Record<Lang, UIText> = {
  zh: {
    projects: '个项目', errors: '个错误', warnings: '个警告', notes: '条提示', error: '错误', warning: '警告', info: '提示',
    one: { projects: '个项目', errors: '个错误', warnings: '个警告', notes: '条提示' },
    level: '级别', line: '行', code: '代码', message: '说明', calc: '计算', noFindings: '未发现问题', rounding: '舍入方式', encoding: '编码', sourceFormat: '格式',
    name: '项目名称', funds: '预算/执行（{unit}）', indicators: '指标数', total: '总分', grade: '等级', rate: '执行率', unreadable: '个文件无法读取',
    summaryHead: ['文件', '行', '项目名称', '预算数', '执行数', '执行率', '表中总分', '复核总分', '表中等级', '复核等级', '错误', '警告'],
    summaryNarrowHead: ['位置', '项目名称', '执行率', '复核总分', '等级', '错误/警告'],
    totals: (t) => `合计：${t.projects} 个项目 · 预算 ${t.budget} 万元 · 执行 ${t.executed} 万元 · 执行率 ${t.rate ?? '-'}%`,
    gradesStated: '等级分布（表中）：',
    gradesRecomputed: '等级分布（复核）：',
    gradeMismatch: (where, name, stated, grade) => `等级不符：${where} ${name} 表中 ${stated}，复核 ${grade}`,
    belowGrade: (name, grade, min) => (grade === null ? `${name} 无法复核评分等级（未达到“${min}”的依据不足），门槛不通过` : `${name} 复核等级为“${grade}”，低于“${min}”`),
    statesGrade: (name, stated, grade) => `${name} 表中评分等级为“${stated}”，复核为“${grade}”`,
    cellsChanged: (where, name, n, kinds, would) => `${where} ${name}：${would ? '应修改' : '修改'} ${n} 个单元格（${kinds}）`,
    nothingToChange: (path) => `${path}：无需修改`,
    leftAsIs: '未修改（无法确定哪个单元格有误）',
    what: { rate: '执行率', 'exec-score': '预算执行得分', 'subrow-sum': '资金合计', 'indicator-score': '指标得分', total: '总分', grade: '评分等级' },
    listSep: '、',
    progress: (f, n, mb, rate) => `${f}/${n} 个文件 · ${mb} MB · ${rate} MB/秒`,
  },
  en: {
    projects: 'projects', errors: 'errors', warnings: 'warnings', notes: 'notes', error: 'error', warning: 'warning', info: 'note',
    one: { projects: 'project', errors: 'error', warnings: 'warning', notes: 'note' },
    level: 'level', line: 'line', code: 'code', message: 'message', calc: 'computation', noFindings: 'no findings', rounding: 'rounding', encoding: 'encoding', sourceFormat: 'format',
    name: 'project', funds: 'budget/spent ({unit})', indicators: 'indicators', total: 'total', grade: 'grade', rate: 'rate', unreadable: 'unreadable',
    summaryHead: ['file', 'line', 'project', 'budget', 'spent', 'rate', 'stated total', 'total', 'stated grade', 'grade', 'errors', 'warnings'],
    summaryNarrowHead: ['where', 'project', 'rate', 'total', 'grade', 'err/warn'],
    totals: (t) => `Total: ${t.projects} project${t.projects === 1 ? '' : 's'} · budget ${t.budget} 万元 · spent ${t.executed} 万元 · rate ${t.rate ?? '-'}%`,
    gradesStated: 'Grades (stated):     ',
    gradesRecomputed: 'Grades (recomputed): ',
    gradeMismatch: (where, name, stated, grade) => `grade mismatch: ${where} ${name} states ${stated}, recomputed ${grade}`,
    belowGrade: (name, grade, min) => (grade === null ? `${name} has no grade that can be recomputed, so it does not pass ${min}` : `${name} is graded ${grade}, below ${min}`),
    statesGrade: (name, stated, grade) => `${name} states grade ${stated}, recomputed ${grade}`,
    cellsChanged: (where, name, n, kinds, would) => `${where} ${name}: ${n} cell${n === 1 ? '' : 's'} ${would ? 'to change' : 'changed'} (${kinds})`,
    nothingToChange: (path) => `${path}: nothing to change`,
    leftAsIs: 'left as it is (which cell is wrong is ambiguous)',
    what: { rate: 'rate', 'exec-score': 'exec-score', 'subrow-sum': 'subrow-sum', 'indicator-score': 'indicator-score', total: 'total', grade: 'grade' },
    listSep: ', ',
    progress: (f, n, mb, rate) => `${f}/${n} files · ${mb} MB · ${rate} MB/s`,
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

/** The words of the command line: help, commander's usage errors, the CLI's own errors. */
export interface HelpText {
  program: string;
  titles: Record<'Usage:' | 'Options:' | 'Commands:' | 'Arguments:' | 'Global Options:', string>;
  examples: string;
  choices: (list: string) => string;
  default: (v: string) => string;
  /** An option's description with its annotations (choices, default). */
  annotate: (description: string, extra: string[]) => string;
  /** The usage line's words: `[options]`, `[command]`, the files argument and each option's value. */
  usage: { program: string; command: string; files: string };
  values: Record<'lang' | 'mode' | 'name' | 'file' | 'n' | 'what' | 'grade' | 'key' | 'rule', string>;
  commands: Record<'verify' | 'parse' | 'summary' | 'rescore' | 'help', { description: string; examples: string[] }>;
  args: { files: string; command: string };
  options: {
    lang: string; rounding: string; encoding: string; inputFormat: string; config: string; format: string; quiet: string;
    maxWarnings: string; noColor: string; output: string; jobs: string; records: string; grade: string; minGrade: string; sort: string;
    write: string; diff: string; check: string; rescoreOutput: string; policy: string; rescoreQuiet: string; force: string; help: string; version: string;
  };
  /** Commander's usage errors (by its error code) and the CLI's argument errors. */
  errors: {
    unknownOption: (flag: string, suggestion: string | null) => string;
    unknownCommand: (name: string, suggestion: string | null) => string;
    invalidChoice: (flag: string, value: string, allowed: readonly string[]) => string;
    invalidArgument: (flag: string, value: string, reason: string) => string;
    missingArgument: (name: string) => string;
    optionMissingArgument: (flag: string) => string;
    tooManyArguments: (expected: number, got: number) => string;
    wholeNumberAtLeast: (n: number) => string;
    conflict: (a: string, b: string) => string;
    usage: string;
    internal: string;
  };
}

export const HELP: Record<Lang, HelpText> = {
  zh: {
    program: '复核财政项目支出绩效自评表：重算执行率、预算执行得分、资金合计、分值与得分合计、评分等级，列出与表中数字不符之处。',
    titles: { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '通用选项：' },
    examples: '示例：',
    choices: (list) => `可选：${list.split(', ').join('、')}`,
    default: (v) => `默认：${v}`,
    annotate: (d, extra) => `${d}（${extra.join('；')}）`,
    usage: { program: '[选项] [命令]', command: '[选项] <文件...>', files: '文件' },
    values: { lang: '语言', mode: '方式', name: '名称', file: '文件', n: '数', what: '内容', grade: '等级', key: '排序', rule: '规则' },
    commands: {
      verify: { description: '重算表中所有可推导的数字，列出不符之处', examples: ['evalcheck verify 自评表.txt', 'evalcheck verify 自评表目录/ -o 复核报告.html', 'evalcheck verify 自评表.xlsx --format json | jq .counts'] },
      parse: { description: '把自评表读成结构化数据（不复核）', examples: ['evalcheck parse 自评表.txt', 'evalcheck parse 自评表.txt --format json'] },
      summary: { description: '每个项目一行的汇总、合计与评分等级分布，可作 CI 把关', examples: ['evalcheck summary 自评表目录/', 'evalcheck summary --grade "自评表/**/*.txt"', 'evalcheck summary --grade --min-grade 良 自评表目录/', 'evalcheck summary 自评表目录/ -o 汇总.xlsx'] },
      rescore: { description: '输出修正后的表格：只替换算错的可推导单元格，其余逐字节不变', examples: ['evalcheck rescore 自评表.txt > 修正后.txt', 'evalcheck rescore 自评表.txt --diff', 'evalcheck rescore 自评表目录/*.txt --check', 'evalcheck rescore 自评表目录/*.txt --write'] },
      help: { description: '显示某个命令的帮助', examples: [] },
    },
    args: { files: '自评表文件（文件、目录、通配符，或 - 表示标准输入）', command: '命令' },
    options: {
      lang: '提示语言（默认按系统区域设置）',
      rounding: '表中数字的舍入方式（默认 auto：按文件自动判断）',
      encoding: '指定输入文件编码，不自动识别',
      inputFormat: '按此格式读取所有输入，不按内容和扩展名判断',
      config: '配置文件（默认向上查找 evalcheck.config.json 或 .evalcheckrc.json）',
      format: '输出格式（用 -o 时可按文件扩展名选择）',
      quiet: '只显示错误',
      maxWarnings: '警告数超过此数时以退出码 1 结束',
      noColor: '不使用颜色',
      output: '把报告写入文件，而不是标准输出',
      jobs: '并行线程数（默认 1，至多为处理器核数）：多个文件并行复核，超过 32 MB 的单个 UTF-8 文件按表拆分并行；核数较多的机器上可加快大批量复核',
      records: 'json/ndjson 输出每个项目的内容：compact（默认：名称、数字、问题）或 full（全部资金行、指标与文字行）',
      grade: '显示评分等级分布；表中等级与复核等级不符时以退出码 1 结束',
      minGrade: '复核等级低于此等级时以退出码 1 结束',
      sort: '排序方式（默认按文件顺序）',
      write: '原地写回修正后的文件（原子替换）',
      diff: '显示统一格式差异，而不是输出表格；有需修改之处时退出码为 1',
      check: '只检查是否需要修改：有则列出并以退出码 1 结束，不输出表格',
      rescoreOutput: '把修正后的表格写入文件',
      policy: '同时按比例计分规则重算未完成的定量指标得分',
      rescoreQuiet: '无需修改时不提示',
      force: '文件有其他硬链接时仍然写回（写回后其他链接名也会看到修改）',
      help: '显示帮助',
      version: '显示版本号',
    },
    errors: {
      unknownOption: (flag, s) => `未知选项 ${flag}${s ? `（是否想用 ${s}？）` : ''}`,
      unknownCommand: (name, s) => `未知命令 ${name}${s ? `（是否想用 ${s}？）` : ''}`,
      invalidChoice: (flag, value, allowed) => `选项 ${flag} 的值“${value}”无效，可选：${allowed.join('、')}`,
      invalidArgument: (flag, value, reason) => `选项 ${flag} 的值“${value}”无效：${reason}`,
      missingArgument: (name) => `缺少参数 ${name}`,
      optionMissingArgument: (flag) => `选项 ${flag} 缺少取值`,
      tooManyArguments: (expected, got) => `参数过多：应为 ${expected} 个，实际 ${got} 个`,
      wholeNumberAtLeast: (n) => `应为不小于 ${n} 的整数`,
      conflict: (a, b) => `${a} 与 ${b} 不能同时使用`,
      usage: '（用 --help 查看用法）',
      internal: '内部错误（程序缺陷）：请连同以下信息报告',
    },
  },
  en: {
    program: 'Verify 财政项目支出绩效自评表 exports: recompute rates, scores, totals and grades, and report what does not add up.',
    titles: { 'Usage:': 'Usage:', 'Options:': 'Options:', 'Commands:': 'Commands:', 'Arguments:': 'Arguments:', 'Global Options:': 'Global Options:' },
    examples: 'Examples:',
    choices: (list) => `choices: ${list}`,
    default: (v) => `default: ${v}`,
    annotate: (d, extra) => `${d} (${extra.join('; ')})`,
    usage: { program: '[options] [command]', command: '[options] <files...>', files: 'files' },
    values: { lang: 'lang', mode: 'mode', name: 'name', file: 'file', n: 'n', what: 'what', grade: 'grade', key: 'key', rule: 'rule' },
    commands: {
      verify: { description: 'recompute every derivable number and report what does not add up', examples: ['evalcheck verify report.txt', 'evalcheck verify reports/ -o report.html', 'evalcheck verify reports/ --format json | jq .counts', 'evalcheck verify report.txt --rounding half-up --lang en'] },
      parse: { description: 'read the tables into typed records (no checks)', examples: ['evalcheck parse report.txt', 'evalcheck parse report.txt --format json'] },
      summary: { description: 'one row per project, totals, and a grade gate for CI', examples: ['evalcheck summary reports/', 'evalcheck summary --grade "reports/**/*.txt"', 'evalcheck summary --grade --min-grade 良 reports/', 'evalcheck summary reports/ -o summary.xlsx'] },
      rescore: { description: 'write the corrected table: wrong derivable cells replaced, everything else byte-for-byte', examples: ['evalcheck rescore report.txt > fixed.txt', 'evalcheck rescore report.txt --diff', 'evalcheck rescore reports/*.txt --check', 'evalcheck rescore reports/*.txt --write', 'evalcheck rescore report.txt --policy proportional -o fixed.txt'] },
      help: { description: 'display help for a command', examples: [] },
    },
    args: { files: 'table exports (files, directories, globs, or - for standard input)', command: 'command' },
    options: {
      lang: 'language of messages (default from the locale)',
      rounding: 'how stated figures were rounded (default: auto, decided per file)',
      encoding: 'force the input encoding instead of detecting it',
      inputFormat: 'read every input as this format instead of deciding by its content and extension',
      config: 'configuration file (default: evalcheck.config.json or .evalcheckrc.json, searched upward)',
      format: 'output format (with -o, the file extension can choose it)',
      quiet: 'show errors only',
      maxWarnings: 'exit 1 when there are more warnings than this',
      noColor: 'no colour, even on a terminal',
      output: 'write the report to a file instead of standard output',
      jobs: 'lanes (worker threads; default 1, at most the number of cores): files in parallel, and a single UTF-8 file over 32 MB split at block boundaries; for machines with more cores than this one',
      records: 'json/ndjson: compact (name, figures, findings; the default) or full (every funds row, indicator and text row)',
      grade: 'show the grade distribution; exit 1 when a stated grade disagrees with the recomputed one',
      minGrade: 'exit 1 when a recomputed grade is below this',
      sort: 'row order (default: file)',
      write: 'replace each file in place (atomically)',
      diff: 'print a unified diff instead of the table; exit 1 when something would change',
      check: 'only check: list what would change and exit 1 if anything would; print no table',
      rescoreOutput: 'write the corrected table to a file',
      policy: 'also rescore unmet quantitative targets by the proportional rule',
      rescoreQuiet: 'say nothing when nothing changes',
      force: 'write even when the file has other hard links (the other names then see the change too)',
      help: 'display help',
      version: 'output the version number',
    },
    errors: {
      unknownOption: (flag, s) => `unknown option ${flag}${s ? ` (did you mean ${s}?)` : ''}`,
      unknownCommand: (name, s) => `unknown command ${name}${s ? ` (did you mean ${s}?)` : ''}`,
      invalidChoice: (flag, value, allowed) => `option ${flag}: "${value}" is not one of ${allowed.join(', ')}`,
      invalidArgument: (flag, value, reason) => `option ${flag}: "${value}" is invalid: ${reason}`,
      missingArgument: (name) => `missing argument ${name}`,
      optionMissingArgument: (flag) => `option ${flag} needs a value`,
      tooManyArguments: (expected, got) => `too many arguments: expected ${expected}, got ${got}`,
      wholeNumberAtLeast: (n) => `expected a whole number ≥ ${n}`,
      conflict: (a, b) => `${a} and ${b} cannot be used together`,
      usage: ' (see --help)',
      internal: 'internal error — please report it with this trace',
    },
  },
};

/** The kinds of file the errors name (detect.ts), in Chinese. */
const KIND_ZH: Record<string, string> = { 'workbook or document': '工作簿或文档', '.xlsx workbook': ' .xlsx 工作簿', '.xls workbook': ' .xls 工作簿', '.ods spreadsheet': ' .ods 表格', 'Excel 2003 XML workbook': ' Excel 2003 XML 工作簿', '.docx document': ' .docx 文档', '.doc document': ' .doc 文档', 'RTF document': ' RTF 文档', '.odt document': ' .odt 文档', 'HTML page': '网页', 'web archive (.mht)': ' .mht 网页存档', CSV: ' CSV 文件', text: '文本文件' };
const kindZh = (k: string): string => KIND_ZH[k] ?? ` ${k}`;

/** Why a .doc could not be read (source/doc.ts), in Chinese. */
function docWhyZh(m: string): string {
  const fixed: Record<string, string> = { 'not a compound file': '不是 OLE 复合文件', 'no WordDocument stream': '缺少 WordDocument 流', 'no Word file header': '缺少 Word 文件头', 'no piece table': '缺少文本片段表', 'a damaged piece table': '文本片段表已损坏' };
  const stream = /^no (\S+) stream$/.exec(m);
  const cut = /^the (\S+) stream is cut short$/.exec(m);
  const cell = /^a table cell at character (\d+) without its properties$/.exec(m);
  return fixed[m] ?? (stream ? `缺少 ${stream[1]} 流` : cut ? `${cut[1]} 流被截断` : cell ? `第 ${cell[1]} 个字符处的表格单元格缺少其格式信息` : m);
}

/**
 * The CLI's one-line errors (EvalcheckError messages, written in English
 * where they are raised) in Chinese: each form the code raises, once here.
 * A test checks that every message the source raises has its form.
 */
const ERROR_ZH: [RegExp, (...m: string[]) => string][] = [
  [/^no such file$/, () => '文件不存在'],
  [/^no file matches this pattern$/, () => '没有与此通配符匹配的文件'],
  [/^directory holds no table files \((.*)\)$/, (list) => `目录中没有自评表文件（${list.replace(/\*/g, '').replace(/, /g, '、')}）`],
  [/^cannot read directory: (\S+)$/, (c) => `无法读取目录（${c}）`],
  [/^cannot read \((\S+)\)$/, (c) => `无法读取（${c}）`],
  [/^is not a regular file \((.+)\)$/, (k) => `不是普通文件（${({ 'a character device': '字符设备', 'a block device': '块设备', 'a FIFO': '命名管道', 'a socket': '套接字' } as Record<string, string>)[k] ?? k}），未读取`],
  [/^is a binary file \(NUL byte\), not an exported table$/, () => '是二进制文件（含 NUL 字节），不是导出的自评表'],
  [/^is mostly binary \((\d+) of (\d+) bytes are not text\), not an exported table$/, (a, b) => `大部分内容不是文本（${b} 字节中 ${a} 字节无法解码），不是导出的自评表`],
  [/^is neither UTF-8, UTF-16 \(with BOM\) nor GB18030 text$/, () => '既不是 UTF-8、UTF-16（带 BOM），也不是 GB18030 文本'],
  [/^has a (\S+) byte-order mark but is not valid \1$/, (e) => `带有 ${e} 字节顺序标记，但内容不是有效的 ${e}`],
  [/^not valid (\S+) \(forced by --encoding\)$/, (e) => `不是有效的 ${e}（由 --encoding 指定）`],
  [/^not valid (\S+)$/, (e) => `不是有效的 ${e}`],
  [/^no self-evaluation table found \((\d+) lines? read\)$/, (n) => `未找到自评表（已读 ${n} 行）`],
  [/^has no table \(a \.docx without tables\)$/, () => '没有表格（.docx 文档中没有表格）'],
  [/^has no table \(an HTML page without <table>\)$/, () => '没有表格（网页中没有 <table>）'],
  [/^has no table \(a web archive without <table>\)$/, () => '没有表格（.mht 网页存档中没有 <table>）'],
  [/^has no table \(the frame page of a workbook saved as a web page, whose sheet pages in (.+) hold no <table>\)$/, (d) => `没有表格（另存为网页的工作簿的框架页，${d} 中的工作表网页都没有 <table>）`],
  [/^is the frame page of a workbook saved as a web page, read without its folder \((.+)\): check the page where it is, with that folder beside it, or save the workbook as \.xlsx$/, (d) => `是另存为网页的工作簿的框架页，读取时没有其文件夹（${d}）：请在原位置复核该网页（文件夹与之同在），或将工作簿另存为 .xlsx`],
  [/^is the frame page of a workbook saved as a web page, and its sheet page (.+) is not there: keep the folder (.+) beside the page, or save the workbook as \.xlsx$/, (p, d) => `是另存为网页的工作簿的框架页，但其工作表网页 ${p} 不存在：请把文件夹 ${d} 与该网页放在一起，或将工作簿另存为 .xlsx`],
  [/^lists a sheet page outside its folder \((.+)\): not read$/, (p) => `列出的工作表网页不在其文件夹内（${p}），未读取`],
  [/^cannot read its sheet page (.+) \((\S+)\)$/, (p, c) => `无法读取其工作表网页 ${p}（${c}）`],
  [/^is a web archive \(\.mht\) without a page in it$/, () => '是 .mht 网页存档，但其中没有网页'],
  [/^is a password-protected Office file \(its package is encrypted\): save it without a password and run again$/, () => '是加密的 Office 文件（设置了打开密码）：请取消密码后另存再复核'],
  [/^has no table \(a \.doc without tables\)$/, () => '没有表格（.doc 文档中没有表格）'],
  [/^is a password-protected \.doc document: save it without a password and run again$/, () => '是加密的 .doc 文档：请取消密码后另存再复核'],
  [/^is a Word 6\.0\/95 document: save it as \.docx in Word or WPS and run again$/, () => '是 Word 6.0/95 文档：请在 Word 或 WPS 中另存为 .docx 后再复核'],
  [/^is not a readable \.doc document \((.*)\)$/, (m) => `无法读取的 .doc 文档（${docWhyZh(m)}）`],
  [/^is a PowerPoint presentation, not an exported table$/, () => '是 PowerPoint 演示文稿，不是导出的自评表'],
  [/^is a PDF document, not an exported table: read the Excel, Word or text file the PDF was printed from$/, () => '是 PDF 文档，不是导出的自评表：请改用生成该 PDF 的 Excel、Word 或文本文件'],
  [/^is an OFD document, not an exported table: read the Excel, Word or text file it was made from$/, () => '是 OFD 版式文档，不是导出的自评表：请改用生成它的 Excel、Word 或文本文件'],
  [/^is an image \((\S+)\), not an exported table: a scanned table has to be exported or typed first$/, (k) => `是图片（${k}），不是导出的自评表：扫描件须先导出或录入为表格`],
  [/^is a (\S+) archive: extract it and check the files? in it$/, (k) => `是 ${k} 压缩包：请解压后复核其中的文件`],
  [/^is not a readable zip archive \((.*)\)$/, (m) => `不是可读取的 zip 压缩包（${m}）`],
  [/^zip archive holds no table files$/, () => 'zip 压缩包中没有自评表文件'],
  [/^is larger than (\d+) MiB unpacked: extract it and check it as a file$/, (n) => `解压后大于 ${n} MiB：请解压后作为文件复核`],
  [/^is no longer in its archive$/, () => '已不在其压缩包中'],
  [/^is too large to read whole \(it is read in one piece, and passes what JavaScript can hold at once\): save the table as text \(Unicode text or CSV\) and check that file, which is streamed$/, () =>
    '太大，无法整体读取（此类文件须一次读入，已超过 JavaScript 单次可容纳的大小）：请将表格另存为文本（Unicode 文本或 CSV）后复核该文件（文本按流式读取）'],
  [/^is too large to read whole: (.+) in it is (\d+) MiB unpacked \(at most (\d+) MiB\); save the sheet as text \(Unicode text or CSV\) and check that file, which is streamed$/, (part, n, max) =>
    `太大，无法整体读取：其中的 ${part} 解压后为 ${n} MiB（上限 ${max} MiB）；请将工作表另存为文本（Unicode 文本或 CSV）后复核该文件（文本按流式读取）`],
  [/^is too large to read whole: (.+) in it is (\d+) MiB unpacked \(at most (\d+) MiB\); split the document and check the parts$/, (part, n, max) => `太大，无法整体读取：其中的 ${part} 解压后为 ${n} MiB（上限 ${max} MiB）；请拆分文档后分别复核`],
  [/^has no table \(an RTF document without tables\)$/, () => '没有表格（RTF 文档中没有表格）'],
  [/^is not a readable RTF document \(it ends inside a group that was never closed\)$/, () => '无法读取的 RTF 文档（文件在某个未闭合的编组中结束，可能被截断）'],
  [/^is not a readable RTF document \(no \{\\rtf header\)$/, () => '无法读取的 RTF 文档（缺少 {\\rtf 文件头）'],
  [/^has no table \(an \.odt without tables\)$/, () => '没有表格（.odt 文档中没有表格）'],
  [/^is not an \.odt document \(no content\.xml in it\)$/, () => '不是 .odt 文档（缺少 content.xml）'],
  [/^is not a readable \.odt document \((.*)\)$/, (m) => `无法读取的 .odt 文档（${m}）`],
  [/^is not a \.docx document \(no word\/document\.xml in it\)$/, () => '不是 .docx 文档（缺少 word/document.xml）'],
  [/^is not a readable (\S+) \(its part (.+) says it unpacks to (\S+) bytes but holds (\S+) packed: a damaged or forged zip\)$/, (k, part, n, m) =>
    `无法读取的${k === 'workbook' ? '工作簿' : k === 'document' ? '文档' : ` ${k} `}（其中的 ${part} 声称解压后为 ${n} 字节，压缩数据却有 ${m} 字节：zip 已损坏或被篡改）`],
  [/^is not a readable \.docx document \(its embedded part (.+) is missing\)$/, (n) => `无法读取的 .docx 文档（其中嵌入的部件 ${n} 缺失）`],
  [/^holds an embedded part \((.+)\) that is not a web page: open it in Word, save it as \.docx and run again$/, (n) => `含有嵌入部件（${n}），但不是网页：请在 Word 中打开、另存为 .docx 后再复核`],
  [/^is not a readable \.docx document \((.*)\)$/, (m) => `无法读取的 .docx 文档（${m}）`],
  [/^is a zip archive but not a (.+?): if it holds tables, give it a \.zip name to read them$/, (m) => `是 zip 压缩包，但不是${kindZh(m)}：若其中有自评表，将扩展名改为 .zip 即可直接读取`],
  [/^is not a (.+) \(neither a zip nor an OLE file\): renamed from another format\?$/, (m) => `不是${kindZh(m)}（既不是 zip 也不是 OLE 文件）：是否由其他格式改名而来？`],
  [/^is not a readable (\S+) workbook \(no sheets\)$/, (f) => `无法读取的 ${f} 工作簿（没有工作表）`],
  [/^is a password-protected (\S+) workbook: save it without a password and run again$/, (f) => `是加密的 ${f} 工作簿：请取消密码后另存再复核`],
  [/^is not a readable (\S+) workbook \((.*)\)$/, (f, m) => `无法读取的 ${f} 工作簿（${m}）`],
  [/^is a (\S+) input: rescore rewrites text exports only, and nothing was written; `rescore --diff` lists the cells to change$/, (f) => `是 ${f} 文件：rescore 只改写导出的文本表格，未写入任何内容；\`rescore --diff\` 可列出应修改的单元格`],
  [/^is a (\S+) input: read it with (.+)$/, (f, m) => `是 ${f} 文件：请用 ${m.replace(/, which loads? its reader$/, '')} 读取`],
  [/^--write needs files, not standard input$/, () => '--write 需要文件，不能用于标准输入'],
  [/^-o takes one input; use --write to fix several files in place$/, () => '-o 只能用于一个输入文件；修正多个文件请用 --write 原地写回'],
  [/^no input files$/, () => '没有输入文件'],
  [/^--format (\S+) writes a binary workbook: give a file with -o \(for example -o (\S+)\)$/, (f, o) => `--format ${f} 输出二进制工作簿：请用 -o 指定文件（如 -o ${o}）`],
  [/^(\S+) and (\S+) cannot be used together$/, (a, b) => `${a} 与 ${b} 不能同时使用`],
  [/^has (\d+) other hard links?: --write would leave (?:it|them|) ?unchanged; give --force to write anyway$/, (n) => `还有 ${n} 个硬链接：--write 不会更新其他链接名；确需写回请加 --force`],
  [/^is read-only; left unchanged$/, () => '是只读文件，未修改'],
  [/^cannot write \((\S+?)(: disk full)?\); the original is unchanged$/, (c, full) => `无法写入（${c}${full ? '：磁盘已满' : ''}），原文件未改动`],
  [/^cannot write: (\S+)$/, (c) => `无法写入（${c}）`],
  [/^cannot write output \((\S+?)(: disk full)?\)$/, (c, full) => `无法写入输出文件（${c}${full ? '：磁盘已满' : ''}）`],
  [/^cannot write to standard output \((\S+?)(: disk full)?\)$/, (c, full) => `无法写入标准输出（${c}${full ? '：磁盘已满' : ''}）`],
  [/^cannot make a temporary directory for --jobs \((\S+?)(: disk full)?\); run without --jobs, or set TMPDIR$/, (c, full) => `无法为 --jobs 创建临时目录（${c}${full ? '：磁盘已满' : ''}）；请不带 --jobs 运行，或设置 TMPDIR`],
  [/^cannot write the temporary output of --jobs \((\S+?)(: disk full)?\)$/, (c, full) => `无法写入 --jobs 的临时输出（${c}${full ? '：磁盘已满' : ''}）`],
  [/^cannot read configuration \((\S+)\)$/, (c) => `无法读取配置文件（${c}）`],
  [/^not valid JSON: (.*)$/, (m) => `不是有效的 JSON：${m}`],
  [/^must be a JSON object$/, () => '应为 JSON 对象'],
  [/^unknown key "(.+?)"(.*)$/, (k) => `未知的配置项“${k}”`],
  [/^invalid (.+?) (".*"|\S+)(.*)$/, (what, v) => `配置项 ${what} 的值 ${v} 无效`],
  [/^"severity" must map finding codes to off, info, warning or error$/, () => '"severity" 应把问题代码对应到 off、info、warning 或 error'],
];

/** An error message of the CLI in `lang` (they are raised in English). */
export function errorText(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  for (const [re, zh] of ERROR_ZH) {
    const m = re.exec(message);
    if (m) return zh(...m.slice(1).map((x) => x ?? ''));
  }
  return message;
}

/** The forms of ERROR_ZH (for the test that every raised message has one). */
export const ERROR_FORMS: readonly RegExp[] = ERROR_ZH.map(([re]) => re);
