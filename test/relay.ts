/**
 * Re-lays parsed tables in the layout of another template (domain-review.md
 * §5 A–E), so that a test can read the sample as each template prints it and
 * compare figures and verdict. Also: the sample's own layout with its
 * indicator columns in another order (headers moved with their columns).
 */
import type { Cell, Indicator, Project } from '../src/model.js';

export type Layout = 'anhui' | 'sichuan' | 'transfer' | 'two-row' | 'words' | 'shuffled';
export const LAYOUTS: readonly Layout[] = ['anhui', 'sichuan', 'transfer', 'two-row', 'words'];

const raw = (c: Cell | null): string => (c ? c.raw.trim() : '');
const row = (...cells: string[]): string => cells.join('\t');
const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ');

/** Σ of decimal strings, printed without trailing zeros (`50`, `7.5`). */
function sum(xs: readonly string[]): string {
  let cents = 0;
  for (const x of xs) cents += Math.round(Number(x) * 100);
  return String(cents / 100);
}

const WORDS: Record<string, string> = { '≥': '大于等于', '≤': '小于等于', '=': '等于', '>': '大于', '<': '小于' };

/** A target split into operator, value and unit columns; a target that is not a plain number stays whole in the value column. */
function splitTarget(i: Indicator): { op: string; value: string; unit: string; actual: string } {
  const t = i.target;
  const a = i.actual;
  if (t.kind !== 'number' || !t.value) return { op: '', value: t.raw.trim(), unit: '', actual: a.raw.trim() };
  const unit = t.unit ?? '';
  const sameUnit = a.kind === 'number' && a.value && (a.unit ?? '') === unit;
  return { op: t.op ?? '', value: t.value.text, unit, actual: sameUnit ? a.value!.text : a.raw.trim() };
}

/** Group the indicators by 一级 and 二级, in order, for labels printed once (as merged cells export). */
function groups(p: Project): { ind: Indicator; level1: string | null; level1Weight: string | null; level2: string | null }[] {
  const out: { ind: Indicator; level1: string | null; level1Weight: string | null; level2: string | null }[] = [];
  let l1: string | null = null;
  let l2: string | null = null;
  for (const ind of p.indicators) {
    const first1 = ind.level1 !== l1;
    const first2 = first1 || ind.level2 !== l2;
    const weights = p.indicators.filter((x) => x.level1 === ind.level1).map((x) => x.weight?.num?.text ?? '0');
    out.push({ ind, level1: first1 ? ind.level1 : null, level1Weight: first1 ? sum(weights) : null, level2: first2 ? ind.level2 : null });
    l1 = ind.level1;
    l2 = ind.level2;
  }
  return out;
}

const SUB_LABEL: Record<Layout, Record<string, string>> = {
  anhui: { total: '年度资金总额:', currentYear: '其中:本年财政拨款', carryOver: '上年结转资金', other: '其他资金' },
  sichuan: { total: '总额', currentYear: '其中:财政资金', carryOver: '上年结转资金', other: '其他资金' },
  transfer: { total: '年度资金总额:', currentYear: '其中:本年财政拨款', carryOver: '上年结转资金', other: '其他资金' },
  'two-row': { total: '年度资金总额', currentYear: '其中:当年财政拨款', carryOver: '上年结转资金', other: '其他资金' },
  words: { total: '年度资金总额', currentYear: '其中:财政拨款', carryOver: '上年结转资金', other: '其他资金' },
  shuffled: { total: '年度资金总额', currentYear: '其中：当年财政拨款', carryOver: '上年结转资金', other: '其他资金' },
};

function head(p: Project, lines: string[], implementerLabel = '实施单位'): void {
  // A name that stood outside its cell stays outside (the sample's block 6).
  if (p.lines.nameOutside !== null) lines.push(p.name ?? '', '项目名称');
  else lines.push(row('项目名称', p.name ?? ''));
  lines.push(row('主管部门', p.department ?? '', '', implementerLabel, p.implementer ?? ''));
}

function goals(p: Project, lines: string[], header: string[]): void {
  lines.push(row(...header));
  lines.push(row('', oneLine(p.goals?.expected ?? ''), '', '', oneLine(p.goals?.actual ?? '')));
}

/** One project in a layout; `order` permutes the indicator value columns (the `shuffled` layout). */
export function relay(p: Project, layout: Layout, order: readonly number[] = []): string[] {
  const lines: string[] = [];
  const funds = [p.funds.total, ...p.funds.subRows].filter((r) => r !== null);
  const label = (kind: string, written: string) => SUB_LABEL[layout][kind] ?? written;
  const total = [raw(p.stated.weightTotal), raw(p.stated.total)];
  const reason = (i: Indicator) => oneLine(i.reason);
  switch (layout) {
    case 'anhui': {
      lines.push('附件:', '项目支出绩效自评表', '(2023年度)');
      head(p, lines);
      lines.push(row('项目资金(万元)', '', '年初预算数', '全年预算数(A)', '全年执行数(B)', '分值', '执行率(B/A)', '得分'));
      for (const f of funds) lines.push(row('', label(f.kind, f.label), raw(f.initialBudget), raw(f.budget), raw(f.executed), raw(f.weight), raw(f.rate), raw(f.score)));
      goals(p, lines, ['年度总体目标完成情况', '预期目标', '', '', '实际完成情况']);
      lines.push(row('年度绩效指标完成情况', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'));
      let last2: string | null = null;
      for (const g of groups(p)) {
        if (g.level2 && last2) lines.push(row('', '', '', '……'));
        const i = g.ind;
        lines.push(row('', g.level1 ? `${g.level1}(${g.level1Weight}分)` : '', g.level2 ?? '', i.name, i.target.raw.trim(), i.actual.raw.trim(), raw(i.weight), raw(i.score), reason(i)));
        if (g.level2) last2 = g.level2;
      }
      lines.push(row('总分', '', '', '', '', '', ...total));
      break;
    }
    case 'sichuan': {
      lines.push('报表编号:510000_0013zp', '部门预算项目支出绩效自评表(2023年度)');
      head(p, lines, '实施单位 (盖章)');
      lines.push(row('项目基本情况', '1.项目年度目标完成情况', '项目年度目标', '', '', '年度目标完成情况'));
      lines.push(row('', '', oneLine(p.goals?.expected ?? ''), '', '', oneLine(p.goals?.actual ?? '')));
      lines.push(row('', '2.项目实施内容及过程概述', '按计划实施。'));
      lines.push(row('预算执行情况(10分)', '年度预算数(万元)', '年初预算', '调整后预算数', '预算执行数', '预算执行率', '权重', '得分', '原因'));
      for (const f of funds) lines.push(row('', label(f.kind, f.label), raw(f.initialBudget), raw(f.budget), raw(f.executed), raw(f.rate), raw(f.weight) || '/', raw(f.score) || '/', ''));
      lines.push(row('绩效指标(90分)', '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '完成值', '权重', '得分', '未完成原因分析'));
      for (const g of groups(p)) {
        const i = g.ind;
        const t = splitTarget(i);
        lines.push(row('', g.level1 ?? '', g.level2 ?? '', i.name, t.op, t.value, t.unit, t.actual, raw(i.weight), raw(i.score), reason(i)));
      }
      lines.push(row('合计', '', '', '', '', '', '', '', ...total));
      lines.push(row('评价结论', '项目按计划完成。'), row('存在问题', '无。'), row('改进措施', '无。'), row('项目负责人:', '', '', '', '财务负责人:'));
      break;
    }
    case 'transfer': {
      lines.push('绩效目标自评表', '(2023年度)');
      if (p.lines.nameOutside !== null) head(p, lines);
      else {
        lines.push(row('项目名称', p.name ?? '', '', '', '项目负责人及电话', '（略）'));
        lines.push(row('主管部门', p.department ?? '', '', '', '实施单位', p.implementer ?? ''));
      }
      lines.push(row('资金情况(万元)', '', '全年预算数(A)', '全年执行数(B)', '分值', '执行率(B/A)', '得分'));
      for (const f of funds) lines.push(row('', label(f.kind, f.label), raw(f.budget), raw(f.executed), raw(f.weight), raw(f.rate), raw(f.score)));
      goals(p, lines, ['年度总体目标', '年初设定目标', '', '', '年度总体目标完成情况综述']);
      lines.push(row('绩效指标', '一级指标', '二级指标', '三级指标', '分值', '年度指标值', '全年实际值', '得分', '未完成原因及拟采取的改进措施'));
      for (const g of groups(p)) {
        const i = g.ind;
        // A 二级 label on a row of its own (a group row) before its indicators, except on the first row of a 一级.
        if (g.level2 && !g.level1) lines.push(row('', '', g.level2));
        lines.push(row('', g.level1 ? `${g.level1}(${g.level1Weight}分)` : '', g.level1 ? (g.level2 ?? '') : '', i.name, raw(i.weight), i.target.raw.trim(), i.actual.raw.trim(), raw(i.score), reason(i)));
      }
      lines.push(row('总分', '', '', '', total[0]!, '', '', total[1]!));
      break;
    }
    case 'two-row': {
      lines.push('2023年度项目支出绩效自评表');
      head(p, lines);
      lines.push(row('项目资金 (万元)', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'));
      for (const f of funds) lines.push(row('', label(f.kind, f.label), raw(f.initialBudget), raw(f.budget), raw(f.executed), raw(f.weight), raw(f.rate), raw(f.score)));
      goals(p, lines, ['年度总体目标', '预期目标', '', '', '实际完成情况']);
      lines.push(row('绩效指标', '', '', '年度指标值', '', '', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'));
      lines.push(row('一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '', '', '', ''));
      for (const g of groups(p)) {
        const i = g.ind;
        const t = splitTarget(i);
        lines.push(row(g.level1 ?? '', g.level2 ?? '', i.name, t.op, t.value, t.unit, t.actual, raw(i.weight), raw(i.score), reason(i)));
      }
      lines.push(row('', '', '', '', '', '', '', ...total));
      break;
    }
    case 'words': {
      lines.push('2023年度上海市残疾人就业服务中心决算公开报告', '项目支出绩效自评表 (2023年度)');
      head(p, lines);
      lines.push(row('项目资金 (万元)', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率(%)', '得分'));
      for (const f of funds) lines.push(row('', label(f.kind, f.label), raw(f.initialBudget), raw(f.budget), raw(f.executed), raw(f.weight) || '——', raw(f.rate), raw(f.score) || '——'));
      goals(p, lines, ['年度总体目标', '预期目标', '', '', '实际完成情况']);
      lines.push(row('绩效指标', '一级指标', '二级指标', '三级指标', '指标性质', '指标方向', '年度指标值', '实际完成值', '计量单位', '分值', '得分', '偏差原因分析及改进措施'));
      for (const g of groups(p)) {
        const i = g.ind;
        const t = splitTarget(i);
        const nature = i.target.impliedOp === '≤' || i.target.impliedOp === '<' ? '反向' : '正向';
        lines.push(row('', g.level1 ?? '', g.level2 ?? '', i.name, nature, WORDS[t.op] ?? '', t.value, t.actual, t.unit, raw(i.weight), raw(i.score), reason(i)));
      }
      lines.push(row('总分', '', '', '', '', '', '', '', '', ...total));
      break;
    }
    case 'shuffled': {
      lines.push('财政项目支出绩效自我评价');
      head(p, lines);
      lines.push(row('项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分数', '执行率', '得分'));
      for (const f of funds) lines.push(row('', f.label, raw(f.initialBudget), raw(f.budget), raw(f.executed), raw(f.weight), raw(f.rate), raw(f.score)));
      goals(p, lines, ['年度总体目标', '预期目标', '', '', '实际完成情况']);
      // The value columns, permuted; the level and name columns stay first.
      const headers = ['年度指标值', '实际完成值', '分值', '得分', '偏差原因分析'];
      const cells = (i: Indicator) => [i.target.raw.trim(), i.actual.raw.trim(), raw(i.weight), raw(i.score), reason(i)];
      const perm = order.length === headers.length ? order : headers.map((_, k) => k);
      lines.push(row('一级指标', '二级指标', '三级指标', ...perm.map((k) => headers[k]!)));
      for (const g of groups(p)) {
        const c = cells(g.ind);
        lines.push(row(g.level1 ?? '', g.level2 ?? '', g.ind.name, ...perm.map((k) => c[k]!)));
      }
      // The total row under the weight and score columns, wherever they now are.
      const t = ['', '', '', '', ''];
      t[perm.indexOf(2)] = total[0]!;
      t[perm.indexOf(3)] = total[1]!;
      lines.push(row('', '', '', ...t));
      if (p.stated.grade) lines.push(row('评分等级', '', p.stated.grade));
      break;
    }
  }
  return lines;
}

/** A whole file of projects in one layout. */
export function relayFile(projects: readonly Project[], layout: Layout, order: readonly number[] = []): string {
  return projects.map((p) => relay(p, layout, order).join('\n')).join('\n\n') + '\n';
}
