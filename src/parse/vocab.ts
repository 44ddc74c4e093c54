/**
 * The vocabulary of the templates, as data: what a cell says decides what
 * a row is. Every entry names the template it was seen in and carries an
 * example cell as that template prints it; `docs/templates.md` lists them
 * (a test keeps the two in step). Adding a province's template is an entry
 * here (or a few) and a fixture — not a branch in the parser.
 *
 * Matching is on `labelKey(cell)`: white space removed (merged vertical
 * labels print as `产 出 指 标`), full-width `：（）％，` unified to ASCII.
 */
import { detach, isJsSpace } from '../text.js';

// --- templates ---------------------------------------------------------------

export type TemplateId = 'hb-goals' | 'sh-municipal' | 'sh-district' | 'ah-county' | 'sc-dept-budget' | 'transfer-goals' | 'yn-two-row' | 'nm-final-accounts' | 'generic';

export interface TemplateInfo {
  id: TemplateId;
  name: { zh: string; en: string };
  /** Where a real table of this template is (the sample, a corpus file, or a fixture). */
  source: string;
}

/** Known templates, most specific first: a tie between two goes to the earlier one. */
export const TEMPLATES: readonly TemplateInfo[] = [
  { id: 'yn-two-row', name: { zh: '云南 项目支出绩效自评表（两行表头）', en: 'Yunnan, two-row indicator header' }, source: 'corpus/real/partial/yn-lijiang-gucheng-2020.partial.tsv' },
  { id: 'nm-final-accounts', name: { zh: '内蒙古 决算公开 项目支出绩效自评表', en: 'Inner Mongolia, final-accounts disclosure' }, source: 'corpus/real/partial/nm-bayannur-gqmd-2024.partial.tsv' },
  { id: 'sc-dept-budget', name: { zh: '四川 部门预算项目支出绩效自评表', en: 'Sichuan, department budget projects' }, source: 'corpus/real/sc-qingshen-fgj-2023.tsv' },
  { id: 'transfer-goals', name: { zh: '衔接资金（转移支付）绩效目标自评表', en: 'Transfer funds, performance-goal self-evaluation' }, source: 'corpus/real/sc-zhongjiang-water-2022.tsv' },
  { id: 'hb-goals', name: { zh: '湖北 项目绩效自评表（按年度绩效目标分块）', en: 'Hubei, goals in blocks' }, source: 'fixtures/variants/hb-huanggang-2020.txt' },
  { id: 'ah-county', name: { zh: '安徽 县区 项目支出绩效自评表', en: 'Anhui, county project table' }, source: 'corpus/real/ah-tianchang-water-2022.tsv' },
  { id: 'sh-district', name: { zh: '上海 区级 财政项目支出绩效自评表', en: 'Shanghai, district' }, source: 'corpus/real/sh-putuo-sports-2022.tsv' },
  { id: 'sh-municipal', name: { zh: '上海 市级 财政项目支出绩效自评价', en: 'Shanghai, municipal' }, source: 'fixtures/000_4494185c10663b20.txt' },
  { id: 'generic', name: { zh: '通用（未能归入已知模板）', en: 'Generic (no known template matched)' }, source: '—' },
];

/** An entry of the vocabulary: a label (exact, or a pattern), what it means, an example and its template. */
export interface Entry<V> {
  match: string | RegExp;
  value: V;
  example: string;
  /** The template this label is characteristic of; `common` when many templates print it. */
  template: TemplateId | 'common';
}

/** A category of the vocabulary: exact labels in a map, patterns tried in order. */
export class Vocabulary<V> {
  private readonly exact = new Map<string, Entry<V>>();
  private readonly patterns: Entry<V>[] = [];
  constructor(
    readonly id: string,
    readonly title: string,
    readonly entries: readonly Entry<V>[],
    /** How a cell becomes the label its entries match (spaces and full-width punctuation unified, suffixes dropped). */
    private readonly key: (cell: string) => string = labelKey,
  ) {
    for (const e of entries) {
      if (typeof e.match === 'string') this.exact.set(e.match, e);
      else this.patterns.push(e);
    }
    this.firsts = firstCharsOf(entries);
  }
  /**
   * Every character a matching key can start with, when every entry says so
   * (exact labels; patterns anchored at `^` that begin with a literal or a
   * group of literal alternatives); null otherwise. Most cells (names,
   * numbers, texts) are answered by this one set lookup.
   */
  private readonly firsts: ReadonlySet<number> | null;
  // Labels repeat in every block: answers are remembered (bounded; cleared when full).
  private readonly seen = new Map<string, Entry<V> | null>();

  /** The entry a normalised label matches, or null. */
  lookupKey(key: string): Entry<V> | null {
    if (this.firsts !== null && key !== '' && !this.firsts.has(key.charCodeAt(0))) return null;
    const hit = this.exact.get(key);
    if (hit) return hit;
    if (this.patterns.length === 0) return null;
    let e = this.seen.get(key);
    if (e !== undefined) return e;
    e = null;
    for (const p of this.patterns) {
      if ((p.match as RegExp).test(key)) {
        e = p;
        break;
      }
    }
    if (this.seen.size >= 2048) this.seen.clear();
    this.seen.set(detach(key), e);
    return e;
  }
  private readonly seenRaw = new Map<string, Entry<V> | null>();
  lookup(cell: string): Entry<V> | null {
    // A cell starting with a CJK ideograph keeps it first in its key (labelKey drops spaces and maps punctuation only).
    const c0 = cell.charCodeAt(0);
    if (this.firsts !== null && this.key === labelKey && c0 >= 0x4e00 && c0 <= 0x9fff && !this.firsts.has(c0)) return null;
    let e = this.seenRaw.get(cell);
    if (e !== undefined) return e;
    e = this.lookupKey(this.key(cell));
    if (this.seenRaw.size >= 2048) this.seenRaw.clear();
    this.seenRaw.set(detach(cell), e);
    return e;
  }
}

/**
 * The characters a key matching one of `entries` can start with, or null when
 * that is not known for some entry. A pattern is understood only when it is
 * `^` then a literal character, or `^` then a group of alternatives that each
 * begin with one, not made optional; no flags.
 */
export function firstCharsOf(entries: readonly { match: string | RegExp }[]): ReadonlySet<number> | null {
  const out = new Set<number>();
  for (const { match } of entries) {
    if (typeof match === 'string') {
      if (match === '') return null;
      out.add(match.charCodeAt(0));
      continue;
    }
    const first = patternFirsts(match);
    if (first === null) return null;
    for (const c of first) out.add(c);
  }
  return out;
}

const SPECIAL = new Set('\\^$.|?*+()[]{}'.split(''));
const DIGITS = Array.from({ length: 10 }, (_, d) => 0x30 + d);

function patternFirsts(re: RegExp): number[] | null {
  if (re.flags.replace(/[gy]/g, '') !== '' || !re.source.startsWith('^') || topLevelAlternation(re.source)) return null;
  const out = new Set<number>();
  // 'open': the pattern may match an empty start, so any key could match.
  return firstsFrom(re.source, 1, re.source.length, out) !== 'fixed' ? null : [...out];
}

/**
 * Add to `out` the characters a match of `src[i, end)` can start with.
 * 'fixed': a character is required (out is complete); 'open': the part may
 * match nothing and what comes after it decides; 'ends': not understood, or
 * the pattern may end here (then any key could match past it).
 */
function firstsFrom(src: string, i: number, end: number, out: Set<number>): 'fixed' | 'open' | 'ends' {
  if (i >= end) return 'open';
  const c = src[i]!;
  let next: number;
  let firsts: number[] | null = null;
  if (c === '(') {
    const body = src.startsWith('(?:', i) ? i + 3 : src.startsWith('(?', i) ? -1 : i + 1;
    if (body < 0) return 'ends';
    const close = closing(src, i);
    if (close < 0) return 'ends';
    // Each alternative must start with something known.
    const alts: number[] = [];
    let from = body;
    let depth = 0;
    for (let j = body; j <= close; j++) {
      const d = src[j];
      if (d === '\\') j++;
      else if (d === '(' || d === '[') depth++;
      else if ((d === ')' || d === ']') && j !== close) depth--;
      else if ((d === '|' && depth === 0) || j === close) {
        const alt = new Set<number>();
        if (firstsFrom(src, from, j, alt) !== 'fixed') return 'ends';
        alts.push(...alt);
        from = j + 1;
      }
    }
    firsts = alts;
    next = close + 1;
  } else if (c === '[') {
    const close = src.indexOf(']', i);
    if (close < 0) return 'ends';
    const set = src.slice(i + 1, close);
    if (set.startsWith('^') || set.includes('-') || /\\[^.\/\-]/.test(set)) return 'ends';
    firsts = [...set.replace(/\\/g, '')].map((x) => x.charCodeAt(0));
    next = close + 1;
  } else if (c === '\\') {
    const d = src[i + 1];
    if (d === 'd') firsts = DIGITS;
    else if (d !== undefined && SPECIAL.has(d)) firsts = [d.charCodeAt(0)];
    else return 'ends';
    next = i + 2;
  } else if (c === '$') {
    return 'ends';
  } else if (SPECIAL.has(c)) {
    return 'ends';
  } else {
    firsts = [src.charCodeAt(i)];
    next = i + 1;
  }
  for (const f of firsts) out.add(f);
  const q = src[next];
  if (q === '?' || q === '*' || (q === '{' && /^\{0[,}]/.test(src.slice(next)))) {
    // Optional: what follows may start the match too.
    let after = next + 1;
    if (q === '{') after = src.indexOf('}', next) + 1;
    if (src[after] === '?') after++;
    return firstsFrom(src, after, end, out);
  }
  return 'fixed';
}

/** Whether `src` has a `|` outside every group and class (`^a|b`: the `b` is not anchored). */
function topLevelAlternation(src: string): boolean {
  let depth = 0;
  for (let j = 0; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') j++;
    else if (c === '[') {
      const close = src.indexOf(']', j + 1);
      if (close < 0) return true;
      j = close;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** The index of the `)` closing the group opened at `open`, or -1. */
function closing(src: string, open: number): number {
  let depth = 0;
  for (let j = open; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') j++;
    else if (c === '[') {
      const close = src.indexOf(']', j);
      if (close < 0) return -1;
      j = close;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j;
  }
  return -1;
}

const e = <V>(match: string | RegExp, value: V, example: string, template: TemplateId | 'common' = 'common'): Entry<V> => ({ match, value, example, template });

const LABEL_NOISE = /[\s\u3000\u00a0：（）％，０-９．]/;

/** Remove spaces (ASCII, full-width, NBSP) and unify full-width punctuation and digits, for label matching. */
export function labelKey(s: string): string {
  if (!LABEL_NOISE.test(s)) return s;
  return s
    .replace(/[\s\u3000\u00a0]+/g, '')
    .replace(/：/g, ':')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/％/g, '%')
    .replace(/，/g, ',')
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

// --- titles and what stands around them --------------------------------------

export const TITLES = new Vocabulary<'evaluation'>('titles', 'Titles (a block starts here)', [
  e(/财政项目支出绩效自(我)?评价/, 'evaluation', '财政项目支出绩效自我评价', 'sh-municipal'),
  e(/财政项目支出绩效自评表/, 'evaluation', '财政项目支出绩效自评表 (2022 年度)', 'sh-district'),
  e(/部门预算项目支出绩效自评表/, 'evaluation', '部门预算项目支出绩效自评表(2023年度)', 'sc-dept-budget'),
  e(/绩效目标自评表/, 'evaluation', '绩效目标自评表(2022年度)', 'transfer-goals'),
  e(/转移支付.{0,30}绩效自评表/, 'evaluation', '中央对地方转移支付区域绩效自评表', 'common'),
  e(/项目支出绩效自(我)?评(价|表)/, 'evaluation', '项目支出绩效自评表', 'common'),
  e(/财政项目绩效自评表/, 'evaluation', '财政项目绩效自评表', 'common'),
  e(/项目(绩效)?自评表(\(\d{4}年度?\))?$/, 'evaluation', '2020年度水土保持监测项目绩效自评表', 'common'),
]);

/** A title that is not a self-evaluation (a 申报表 declares goals, it scores nothing). */
export const NOT_A_TITLE = /申报/;

/** The year on its own line under the title: `(2022年度)`. */
export const YEAR_LINE = new Vocabulary<'year'>('year-line', 'Year line under the title', [e(/^\(?\d{4}年度?\)?$/, 'year', '(2022年度)', 'ah-county')]);

export type PreambleKind = 'attachment' | 'report-code' | 'unit-date' | 'heading';

/** Lines before a title that belong to it (kept as text, no warning). */
export const PREAMBLE = new Vocabulary<PreambleKind>('preamble', 'Lines before a title', [
  e(/^附件\d*(:.{0,40})?$/, 'attachment', '附件:', 'ah-county'),
  e(/^报表编号:/, 'report-code', '报表编号:510000_0013zp', 'sc-dept-budget'),
  e(/^(单位名称|填报单位|填报日期|填报时间|金额单位)/, 'unit-date', '单位名称:××局', 'common'),
  e(/(决算公开|预算公开|决算报告|自评报告|绩效报告|自评情况)/, 'heading', '2024年度…决算公开报告', 'nm-final-accounts'),
]);

// --- the head of a table -----------------------------------------------------

export type HeadField = 'name' | 'department' | 'implementer' | 'other';

export const HEAD_LABELS = new Vocabulary<HeadField>('head', 'Head labels (项目名称 / 主管部门 / 实施单位 …)', [
  e('项目名称', 'name', '项目名称'),
  e('专项资金名称', 'name', '专项资金名称'),
  e(/^转移支付(\(项目\))?名称$/, 'name', '转移支付(项目)名称'),
  e('主管部门', 'department', '主管部门'),
  e('主管单位', 'department', '主管单位'),
  e(/^(中央|地方|省级|市级)主管部门$/, 'department', '中央主管部门'),
  e(/^实施单位(\(盖章\))?$/, 'implementer', '实施单位 (盖章)', 'common'),
  e('项目单位', 'implementer', '项目单位'),
  e('预算单位', 'implementer', '预算单位'),
  e('项目实施单位', 'implementer', '项目实施单位'),
  e('资金使用单位', 'implementer', '资金使用单位'),
  e('项目负责人及电话', 'other', '项目负责人及电话', 'transfer-goals'),
  e(/^(项目负责人|联系人|联系电话|项目属性|项目类型|项目类别|填报人)$/, 'other', '联系电话'),
]);

// --- the funds block ---------------------------------------------------------

/** First cell of a funds header; the unit (万元 / 元) comes from it or from a cell of its own. */
export const FUNDS_HEADERS = new Vocabulary<'funds'>('funds-header', 'Funds header (first cell)', [
  e(/^项目资金/, 'funds', '项目资金（万元）', 'common'),
  e(/^资金情况/, 'funds', '资金情况(万元)', 'transfer-goals'),
  e(/^预算执行情况(\(\d{1,3}分\))?$/, 'funds', '预算执行情况(10分)', 'sc-dept-budget'),
  e(/^预算执行情况\((万元|元)\)(\(\d{1,3}分\))?$/, 'funds', '预算执行情况(万元)(20分)', 'hb-goals'),
  e(/^资金投入情况/, 'funds', '资金投入情况(万元)', 'common'),
]);

export type FundsRole = 'initialBudget' | 'budget' | 'executed' | 'weight' | 'rate' | 'score' | 'reason' | 'unit';

/** Funds header cells → column role. Header suffixes `(A)`, `(B)`, `(B/A)`, `(%)` are dropped before matching. */
export const FUNDS_ROLES = new Vocabulary<FundsRole>('funds-role', 'Funds columns', [
  e(/^年初预算(数|金额)?$/, 'initialBudget', '年初预算数'),
  e(/^(全年|调整后)预算(数|金额)?$/, 'budget', '全年预算数(A)'),
  e('预算数', 'budget', '预算数(A)'),
  e(/^(全年|预算|实际)?执行(数|金额)$/, 'executed', '全年执行数(B)'),
  e(/^(全年)?实际支出(数)?$/, 'executed', '实际支出'),
  e(/^(分数|分值|权重)$/, 'weight', '分值'),
  e(/^(预算)?执行率$/, 'rate', '执行率(B/A)'),
  e(/^(得分|评分)$/, 'score', '得分'),
  e(/^得分\(\d{1,3}分\*执行率\)$/, 'score', '得分(20分*执行率)', 'hb-goals'),
  e(/^(原因|偏差原因|情况说明|说明)/, 'reason', '原因', 'sc-dept-budget'),
  e(/^年度预算数\((万元|元)\)$/, 'unit', '年度预算数(万元)', 'sc-dept-budget'),
], fundsRoleKey);

/** Strip a funds header's suffix: `全年预算数(A)` → `全年预算数`, `执行率(%)` → `执行率`. */
export function fundsRoleKey(cell: string): string {
  return labelKey(cell).replace(/\((?:[A-Za-z](?:\/[A-Za-z])?(?:×100%)?|%)\)$|[A-Za-z]$/, '');
}

export type FundsKind = 'total' | 'currentYear' | 'carryOver' | 'other' | 'earmarked' | 'unitFunds' | 'central' | 'local' | 'subsidy';

/** Funds row labels (without `其中:` and a trailing colon). */
export const FUNDS_ROWS = new Vocabulary<FundsKind>('funds-row', 'Funds rows', [
  e('年度资金总额', 'total', '年度资金总额'),
  e('资金总额', 'total', '资金总额'),
  e('年度财政资金总额', 'total', '年度财政资金总额'),
  e('总额', 'total', '总额', 'sc-dept-budget'),
  e(/^(当年|本年)财政拨款$/, 'currentYear', '其中：当年财政拨款'),
  e('财政拨款', 'currentYear', '其中:财政拨款', 'nm-final-accounts'),
  e(/^(当年)?财政资金$/, 'currentYear', '其中:财政资金', 'sc-dept-budget'),
  e(/^上年结(转|余)(资金)?$/, 'carryOver', '上年结转资金'),
  e('其他资金', 'other', '其他资金'),
  e('财政专户管理资金', 'earmarked', '财政专户管理资金', 'sc-dept-budget'),
  e(/^单位(自有)?资金$/, 'unitFunds', '单位资金', 'sc-dept-budget'),
  e(/^中央(财政|补助)?资金$/, 'central', '中央财政资金'),
  e(/^(地方|省级|市级|县级)(财政)?资金$/, 'local', '地方资金'),
  e(/^(中央|省|市)[、,](省|市|县)?.{0,6}补助.{0,4}资金$/, 'subsidy', '中央、省、市补助县级资金'),
], fundsRowKey);

/** A funds row label → its key: `其中：本年财政拨款` → `本年财政拨款`, `年度资金总额:` → `年度资金总额`. */
export function fundsRowKey(cell: string): string {
  let k = labelKey(cell);
  if (k.startsWith('其中')) k = k.slice(2).replace(/^:/, '');
  if (k.endsWith(':')) k = k.slice(0, -1);
  return k;
}

// --- goals ---------------------------------------------------------------------

export type GoalsLabel = 'section' | 'expected' | 'actual' | 'process';

/** The goals block: its section label, the expected / achieved column headers, extra narrative rows. */
export const GOALS_LABELS = new Vocabulary<GoalsLabel>('goals', 'Goals (年度总体目标)', [
  e('年度总体目标', 'section', '年度总体目标'),
  e('总体目标', 'section', '总体目标'),
  e('年度目标', 'section', '年度目标'),
  e('年度总体目标完成情况', 'section', '年度总体目标完成情况', 'ah-county'),
  e('项目基本情况', 'section', '项目基本情况', 'sc-dept-budget'),
  e(/^(1[.、])?项目年度目标完成情况$/, 'section', '1.项目年度目标完成情况', 'sc-dept-budget'),
  e('预期目标', 'expected', '预期目标'),
  e('年初设定目标', 'expected', '年初设定目标', 'transfer-goals'),
  e('项目年度目标', 'expected', '项目年度目标', 'sc-dept-budget'),
  e(/^实际完成(情况)?$/, 'actual', '实际完成情况'),
  e('年度总体目标完成情况综述', 'actual', '年度总体目标完成情况综述', 'transfer-goals'),
  e('年度目标完成情况', 'actual', '年度目标完成情况', 'sc-dept-budget'),
  e(/^(2[.、])?项目实施内容及过程概述$/, 'process', '2.项目实施内容及过程概述', 'sc-dept-budget'),
]);

// --- indicators ----------------------------------------------------------------

/** First cell of an indicator header, before 一级指标 (a merged vertical label). */
export const INDICATOR_HEADERS = new Vocabulary<'indicators' | 'goal'>('indicator-header', 'Indicator header (first cell)', [
  e(/^绩效指标(\(\d{1,3}分\))?$/, 'indicators', '绩效指标(90分)'),
  e('年度绩效指标完成情况', 'indicators', '年度绩效指标完成情况', 'ah-county'),
  e('绩效指标完成情况', 'indicators', '绩效指标完成情况'),
  // One header per annual goal (年度绩效目标1, 2 …), each over its own indicator rows.
  e(/^年度绩效目标\d{0,2}(\(\d{1,3}分\))?$/, 'goal', '年度绩效目标1(40分)', 'hb-goals'),
]);

export type IndicatorRole = 'level1' | 'level2' | 'level3' | 'nature' | 'direction' | 'target' | 'unit' | 'actual' | 'weight' | 'score' | 'reason';

export const INDICATOR_ROLES = new Vocabulary<IndicatorRole>('indicator-role', 'Indicator columns', [
  e('一级指标', 'level1', '一级指标'),
  e('二级指标', 'level2', '二级指标'),
  e('三级指标', 'level3', '三级指标'),
  e('指标性质', 'nature', '指标性质'),
  e('指标方向', 'direction', '指标方向', 'nm-final-accounts'),
  e(/^(年度)?指标值$/, 'target', '年度指标值'),
  e(/^(年度|预期)?目标值$/, 'target', '年度目标值'),
  e(/^年初目标值(\([A-Z]\))?$/, 'target', '年初目标值(A)', 'hb-goals'),
  e(/^(度量|计量)?单位$/, 'unit', '度量单位'),
  e(/^实际完成值(\([A-Z]\))?$/, 'actual', '实际完成值(B)'),
  e(/^全年(实际|完成)值$/, 'actual', '全年实际值', 'transfer-goals'),
  e(/^(完成值|实际值)$/, 'actual', '完成值', 'sc-dept-budget'),
  e(/^(分值|分数|权重)$/, 'weight', '分值'),
  e(/^(自评)?(得分|评分)$/, 'score', '得分'),
  e(/^(偏差|未完成)原因/, 'reason', '偏差原因分析及改进措施'),
]);

/** 二级指标 → its 一级指标. The 二级 name alone places a row in the hierarchy. */
export const LEVEL2_PARENT: ReadonlyMap<string, string> = new Map([
  ['数量指标', '产出指标'],
  ['质量指标', '产出指标'],
  ['时效指标', '产出指标'],
  ['进度指标', '产出指标'],
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

/** 二级 names written without 指标 (`成本`, `时效`): only the short 产出 ones, which no 三级 name is. */
const SHORT_LEVEL2: ReadonlyMap<string, string> = new Map(['数量', '质量', '时效', '成本'].map((k) => [k, `${k}指标`]));

/**
 * `产出指标(50分)` → { name: 产出指标, weight: "50" }; `(50分)` → { name: "", weight: "50" };
 * spaces are gone already (`产 出 指 标 (50分)`).
 */
export function splitLevelWeight(s: string): { name: string; weight: string | null } {
  const k = labelKey(s);
  // `…(50分)` or `…(50)`: the character before the closing bracket is 分 or a digit.
  const before = k.charCodeAt(k.length - 2);
  if (k.charCodeAt(k.length - 1) !== 0x29 || (before !== 0x5206 && (before < 0x30 || before > 0x39))) return { name: k, weight: null };
  const m = /^(.{0,20}?)\((\d{1,3}(?:\.\d{1,2})?)分?\)$/.exec(k);
  if (m) return { name: m[1]!, weight: m[2]! };
  return { name: k, weight: null };
}

// Only a cell that ends with a bracket ("产出指标(50分)") or 等, or holds white space (a space, or the line break
// of a label wrapped in its cell: `经济效益⏎指标`), needs more than a set lookup.
function maybeDecorated(cell: string): boolean {
  const last = cell.charCodeAt(cell.length - 1);
  if (last === 0x29 || last === 0xff09 || last === 0x7b49 /* 等 */) return true;
  for (let i = 0; i < cell.length; i++) if (isJsSpace(cell.charCodeAt(i))) return true;
  return false;
}

/**
 * Characters a level label's key can start with: the first characters of the 一级 and 二级 names (full or short),
 * and the bracket of a bare `(50分)`. labelKey drops white space and maps （ to (, so a cell is a level label only
 * if its first character that is not white space is one of these: most cells (names, targets, numbers) are
 * rejected without a lookup.
 */
const LEVEL_FIRSTS = new Uint8Array(0x10000);
for (const k of [...LEVEL1, ...LEVEL2_PARENT.keys(), ...SHORT_LEVEL2.keys(), '(', '（']) LEVEL_FIRSTS[k.charCodeAt(0)] = 1;

function mayBeLevel(cell: string): boolean {
  let i = 0;
  while (i < cell.length && isJsSpace(cell.charCodeAt(i))) i++;
  return i < cell.length && LEVEL_FIRSTS[cell.charCodeAt(i)] === 1;
}

const level1Seen = new Map<string, { name: string | null; weight: string | null } | null>();

/** A 一级 label: its name (null for a bare `(50分)`) and the weight written in it. */
export function asLevel1Label(cell: string): { readonly name: string | null; readonly weight: string | null } | null {
  return mayBeLevel(cell) ? level1LabelOf(cell) : null;
}

/** asLevel1Label without the first-character test (exported for the test that the test rejects no label). */
export function level1LabelOf(cell: string): { readonly name: string | null; readonly weight: string | null } | null {
  if (!maybeDecorated(cell)) return LEVEL1.has(cell) ? { name: cell, weight: null } : null;
  if (!weightShaped(cell)) return null;
  let r = level1Seen.get(cell);
  if (r !== undefined) return r;
  const { name, weight } = splitLevelWeight(cell);
  r = LEVEL1.has(name) ? { name, weight } : name === '' && weight !== null ? { name: null, weight } : null;
  if (level1Seen.size >= 2048) level1Seen.clear();
  level1Seen.set(detach(cell), r);
  return r;
}

/** A 二级 label, normalised: `经济效益 指标` → 经济效益指标, `时效` → 时效指标, `社会效益指标等` → 社会效益指标. */
export function asLevel2(cell: string): string | null {
  return mayBeLevel(cell) ? level2Of(cell) : null;
}

/** asLevel2 without the first-character test (exported for the test that the test rejects no label). */
export function level2Of(cell: string): string | null {
  if (LEVEL2_PARENT.has(cell)) return cell;
  // Shortened: 成本, 时效.
  const short = SHORT_LEVEL2.get(cell);
  if (short) return short;
  if (!maybeDecorated(cell) || !weightShaped(cell)) return null;
  let r = level2Seen.get(cell);
  if (r !== undefined) return r;
  let { name, weight } = splitLevelWeight(cell);
  const suffixed = name.endsWith('等');
  if (suffixed) name = name.slice(0, -1);
  // `社会效益(30分)`, `社会效益等`: a 二级 label without its 指标. A cell that only had white space in it reads as it
  // would without (`服务对 象满意度` is the common 三级 name 服务对象满意度, not the 二级 服务对象满意度指标).
  r = LEVEL2_PARENT.has(name) ? name : (SHORT_LEVEL2.get(name) ?? ((weight !== null || suffixed) && LEVEL2_PARENT.has(`${name}指标`) ? `${name}指标` : null));
  if (level2Seen.size >= 2048) level2Seen.clear();
  level2Seen.set(detach(cell), r);
  return r;
}

/** A cell decorated by a closing bracket is a level label only when it holds a weight: `…(20分)`, `…(20)`. */
function weightShaped(cell: string): boolean {
  const last = cell.charCodeAt(cell.length - 1);
  if (last !== 0x29 && last !== 0xff09) return true;
  const before = cell.charCodeAt(cell.length - 2);
  return before === 0x5206 || (before >= 0x30 && before <= 0x39);
}
const level2Seen = new Map<string, string | null>();

// --- the end of a table ----------------------------------------------------------

export const TOTAL_LABELS = new Vocabulary<'total'>('total', 'Total row', [
  e('总分', 'total', '总分', 'common'),
  e('合计', 'total', '合计'),
  e(/^(总计|合计得分|总得分|自评总分)$/, 'total', '总计'),
]);

export const GRADE_LABELS = new Vocabulary<'grade'>('grade', 'Grade row', [
  e('评分等级', 'grade', '评分等级', 'sh-municipal'),
  e(/^(自评等级|绩效等级|等级|评价等级)$/, 'grade', '自评等级'),
]);

export type TailKind = 'conclusion' | 'problems' | 'measures' | 'signature' | 'notes';

/** Rows after the table (kept as text). */
export const TAIL_LABELS = new Vocabulary<TailKind>('tail', 'Rows after the table', [
  e(/^(评价结论|自评结论|总体评价)$/, 'conclusion', '评价结论', 'sc-dept-budget'),
  e('存在问题', 'problems', '存在问题', 'sc-dept-budget'),
  e(/^(改进措施|整改措施|改进意见)$/, 'measures', '改进措施', 'sc-dept-budget'),
  e(/^改进措施及结果应用方案$/, 'measures', '改进措施及结果应用方案', 'hb-goals'),
  e(/^偏差大或目标未完成原因分析$/, 'problems', '偏差大或目标未完成原因分析', 'hb-goals'),
  e(/^(项目负责人|财务负责人|单位负责人|填表人|联系电话|填报日期)(:.{0,30})?$/, 'signature', '项目负责人:', 'sc-dept-budget'),
  e(/^(其他需要说明的?事项|说明|备注)(:.*)?$/, 'notes', '其他需要说明事项'),
  e(/^注\d*[:.、]/, 'notes', '注:1.一级指标分值统一设置为…', 'transfer-goals'),
]);

// --- values ------------------------------------------------------------------------

/** Placeholder indicator rows: a numbered name with nothing filled in, or dots (`指标2:`, `……`). */
export const PLACEHOLDER_NAMES = new Vocabulary<'placeholder'>('placeholder', 'Placeholder indicator rows', [
  e(/^指标\d{0,2}:?$/, 'placeholder', '指标2:', 'ah-county'),
  e(/^[…\.。·]{1,12}$/, 'placeholder', '……'),
  e(/^[\/／\-—]{1,3}$/, 'placeholder', '/'),
]);

export const MET_ACTUALS = new Set(['达成指标', '达成', '已达成', '完成指标', '已完成', '达标', '达成预期指标', '达到预期', '达成年度指标']);

/** 指标性质 / 指标方向 written as a direction. */
export const DIRECTIONS: ReadonlyMap<string, '正向' | '反向'> = new Map([
  ['正向', '正向'],
  ['正向指标', '正向'],
  ['反向', '反向'],
  ['反向指标', '反向'],
]);

export const GRADES = ['优', '良', '中', '差'] as const;
export type Grade = (typeof GRADES)[number];

/** Every category, in the order `docs/templates.md` lists them. */
export const VOCABULARIES: readonly Vocabulary<unknown>[] = [
  TITLES,
  YEAR_LINE,
  PREAMBLE,
  HEAD_LABELS,
  FUNDS_HEADERS,
  FUNDS_ROLES,
  FUNDS_ROWS,
  GOALS_LABELS,
  INDICATOR_HEADERS,
  INDICATOR_ROLES,
  TOTAL_LABELS,
  GRADE_LABELS,
  TAIL_LABELS,
  PLACEHOLDER_NAMES,
];
