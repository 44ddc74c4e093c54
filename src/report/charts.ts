/**
 * The report's charts, drawn when the report is made: Apache ECharts'
 * server-side SVG renderer (no browser, no canvas), one SVG string per chart.
 * Loaded only by `--format html`. Each mark (bar, point) carries ECharts'
 * `ecmeta_series_index` / `ecmeta_data_index` (and `ecmeta_ssr_type="chart"`, which legend
 * symbols do not have); the report uses them to give
 * marks a <title> (hover text with scripts off) and to link points to their
 * projects.
 */
import * as echarts from 'echarts';
import { GRADES } from '../parse/vocab.js';
import type { ReportText } from '../messages.js';
import type { ReportRows } from './rows.js';

const FONT = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif';
const COLORS = { stated: '#9aa5b1', recomputed: '#2f6fba', error: '#c62828', warning: '#d98a00', info: '#5f7d95' };

export interface Chart {
  id: string;
  title: string;
  svg: string;
}

function render(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Give each mark of the SVG a <title> (and, with `href`, a link): marks are the elements ECharts tags with
 * `ecmeta_series_index`, `ecmeta_data_index` and `ecmeta_ssr_type="chart"`.
 */
function annotate(svg: string, title: (series: number, index: number) => string | null, href?: (series: number, index: number) => string | null): string {
  return svg.replace(/<(path|rect|circle)\b([^>]*?)\becmeta_series_index="(\d+)" ecmeta_data_index="(\d+)" ecmeta_ssr_type="chart"([^>]*?)(\/>|>\s*<\/\1>)/g, (_m, tag: string, a: string, s: string, i: string, b: string) => {
    const t = title(Number(s), Number(i));
    const link = href?.(Number(s), Number(i)) ?? null;
    const el = `<${tag}${a}ecmeta_series_index="${s}" ecmeta_data_index="${i}" ecmeta_ssr_type="chart"${b}>${t !== null ? `<title>${escapeXml(t)}</title>` : ''}</${tag}>`;
    return link ? `<a href="${escapeXml(link)}">${el}</a>` : el;
  });
}

const num = (s: string | null): number | null => (s === null ? null : Number(s));

/** Score bins: below 60 (差), then 5 points wide up to 100 (a total of 100 is in the last). */
export const SCORE_BINS = ['<60', '60–65', '65–70', '70–75', '75–80', '80–85', '85–90', '90–95', '95–100'] as const;
export function scoreBin(total: number): number {
  if (total < 60) return 0;
  return Math.min(SCORE_BINS.length - 1, 1 + Math.floor((total - 60) / 5));
}

export function charts(rows: ReportRows, t: ReportText): Chart[] {
  const out: Chart[] = [];
  const grid = { left: 56, right: 24, top: 40, bottom: 48, containLabel: false };
  const axisName = { nameLocation: 'middle' as const, nameGap: 30 };

  // 1. Grades, stated against recomputed.
  const d = rows.summary.distribution;
  const gradeSeries = [
    { name: t.stated, data: GRADES.map((g) => d.stated[g]), color: COLORS.stated },
    { name: t.recomputed, data: GRADES.map((g) => d.recomputed[g]), color: COLORS.recomputed },
  ];
  out.push({
    id: 'grades',
    title: t.charts.grades,
    svg: annotate(
      render(
        {
          legend: { top: 8, data: gradeSeries.map((s) => s.name) },
          grid,
          xAxis: { type: 'category', data: [...GRADES] },
          yAxis: { type: 'value', minInterval: 1, name: t.projectsCount, ...axisName, nameGap: 36 },
          series: gradeSeries.map((s) => ({ type: 'bar', name: s.name, data: s.data, itemStyle: { color: s.color }, label: { show: true, position: 'top' } })),
        },
        520,
        300,
      ),
      (s, i) => `${gradeSeries[s]!.name} ${GRADES[i]}: ${gradeSeries[s]!.data[i]}`,
    ),
  });

  // 2. Histogram of the recomputed total scores.
  const bins = SCORE_BINS.map(() => 0);
  for (const p of rows.projects) if (p.total !== null) bins[scoreBin(Number(p.total))]!++;
  out.push({
    id: 'histogram',
    title: t.charts.histogram,
    svg: annotate(
      render(
        {
          grid,
          xAxis: { type: 'category', data: [...SCORE_BINS], name: t.totalAxis, ...axisName },
          yAxis: { type: 'value', minInterval: 1, name: t.projectsCount, ...axisName, nameGap: 36 },
          series: [{ type: 'bar', data: bins, barCategoryGap: '8%', itemStyle: { color: COLORS.recomputed }, label: { show: true, position: 'top' } }],
        },
        520,
        300,
      ),
      (_s, i) => `${SCORE_BINS[i]}: ${bins[i]}`,
    ),
  });

  // 3. Execution rate against total score, one point per project that has both; each links to its project.
  const points = rows.projects.filter((p) => p.rate !== null && p.total !== null);
  out.push({
    id: 'scatter',
    title: t.charts.scatter,
    svg: annotate(
      render(
        {
          grid: { ...grid, left: 60 },
          xAxis: { type: 'value', name: t.rateAxis, ...axisName, scale: true },
          yAxis: { type: 'value', name: t.totalAxis, ...axisName, nameGap: 40, scale: true },
          series: [
            {
              type: 'scatter',
              symbolSize: 10,
              data: points.map((p) => ({ value: [num(p.rate), num(p.total)], itemStyle: { color: p.errors ? COLORS.error : p.warnings ? COLORS.warning : COLORS.recomputed } })),
            },
          ],
        },
        520,
        320,
      ),
      (_s, i) => `${points[i]!.name ?? '?'}: ${points[i]!.rate}% · ${points[i]!.total}`,
      (_s, i) => `#p-${points[i]!.id}`,
    ),
  });

  // 4. Findings by code, most frequent first, coloured by severity.
  const codes = new Map<string, { n: number; severity: string; title: string }>();
  for (const f of [...rows.projects.flatMap((p) => p.findings), ...rows.fileFindings]) {
    const c = codes.get(f.code) ?? { n: 0, severity: f.severity, title: f.title };
    c.n++;
    codes.set(f.code, c);
  }
  const byCode = [...codes].sort((a, b) => a[1].n - b[1].n || b[0].localeCompare(a[0]));
  out.push({
    id: 'codes',
    title: t.charts.codes,
    svg: annotate(
      render(
        {
          grid: { left: 200, right: 40, top: 16, bottom: 40 },
          xAxis: { type: 'value', minInterval: 1, name: t.findingsCount, ...axisName },
          yAxis: { type: 'category', data: byCode.map(([code]) => code), axisLabel: { fontFamily: 'monospace' } },
          series: [
            {
              type: 'bar',
              data: byCode.map(([, c]) => ({ value: c.n, itemStyle: { color: COLORS[c.severity as keyof typeof COLORS] } })),
              label: { show: true, position: 'right' },
            },
          ],
        },
        520,
        Math.max(160, 56 + 26 * byCode.length),
      ),
      (_s, i) => `${byCode[i]![0]} (${byCode[i]![1].title}): ${byCode[i]![1].n}`,
    ),
  });

  // 5. Budget and spending per department (the ten largest; the table lists all).
  const depts = rows.departments.slice(0, 10);
  const label = (x: string | null) => x ?? t.noDepartment;
  const short = (x: string) => (Array.from(x).length > 12 ? Array.from(x).slice(0, 12).join('') + '…' : x);
  const deptSeries = [
    { name: t.budget, data: depts.map((x) => Number(x.budget)), color: COLORS.stated },
    { name: t.executed, data: depts.map((x) => Number(x.executed)), color: COLORS.recomputed },
  ];
  out.push({
    id: 'departments',
    title: t.charts.departments,
    svg: annotate(
      render(
        {
          legend: { top: 8, data: deptSeries.map((s) => s.name) },
          grid: { left: 200, right: 40, top: 40, bottom: 40 },
          xAxis: { type: 'value' },
          yAxis: { type: 'category', data: depts.map((x) => short(label(x.department))), inverse: true },
          series: deptSeries.map((s) => ({ type: 'bar', name: s.name, data: s.data, itemStyle: { color: s.color } })),
        },
        1060,
        Math.max(180, 80 + 44 * depts.length),
      ),
      (s, i) => `${label(depts[i]!.department)} ${deptSeries[s]!.name}: ${s === 0 ? depts[i]!.budget : depts[i]!.executed}`,
    ),
  });
  return out;
}
