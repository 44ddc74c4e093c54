/**
 * `html`: one self-contained page to open from disk or an e-mail attachment —
 * what was checked and the verdict, charts drawn here as inline SVG
 * (charts.ts), a roll-up by department, and a table of projects that opens
 * each project's findings with the computation and the place in the source.
 *
 * No network: no external script, style, font or image; a Content Security
 * Policy allows only this page's own script (by its hash) and inline styles.
 * Every text from the tables is escaped, so a project named `<script>` is
 * shown as text. With scripts off the page is complete (every project shows
 * its findings); the small script adds sorting, filtering and opening rows.
 */
import { createHash } from 'node:crypto';
import { REPORT, UI, type Lang, type ReportText } from '../messages.js';
import { modeName } from '../messages.js';
import { VERSION } from '../version.js';
import { charts } from './charts.js';
import { reportRows, type FindingRow, type ProjectRow } from './rows.js';
import type { Formatter, FormatMeta, RunResult } from './types.js';

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const h = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : escapeHtml(String(v)));

/** When the report was made (the CLI takes SOURCE_DATE_EPOCH when set, for reproducible reports). */
const madeAt = (d: Date): string => d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

const STYLE = `
:root{--fg:#1d2733;--muted:#5b6875;--line:#d9dee4;--bg:#fff;--err:#c62828;--warn:#b26a00;--info:#4f6b82;--ok:#2e7d32;--accent:#2f6fba}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1120px;padding:24px;color:var(--fg);background:var(--bg);font:14px/1.55 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",system-ui,sans-serif}
h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:28px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
.meta{display:flex;flex-wrap:wrap;gap:4px 20px;color:var(--muted);margin:0;padding:0;list-style:none}
.verdict{font-size:18px;margin:12px 0;padding:10px 14px;border-radius:6px;background:#f4f6f8}
.verdict.has-errors{border-left:6px solid var(--err)}.verdict.has-warnings{border-left:6px solid var(--warn)}.verdict.clean{border-left:6px solid var(--ok)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:16px}
figure.chart{margin:0;padding:8px;border:1px solid var(--line);border-radius:6px;break-inside:avoid;page-break-inside:avoid}
figure.chart.wide{grid-column:1/-1}
figure.chart svg{max-width:100%;height:auto;display:block}
figcaption{font-weight:600;margin-bottom:4px}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:5px 6px;text-align:left;vertical-align:top}
th{background:#f4f6f8;font-weight:600;white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
th[data-key]{cursor:pointer}th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
.sev-error{color:var(--err);font-weight:600}.sev-warning{color:var(--warn);font-weight:600}.sev-info{color:var(--info)}
.mismatch{color:var(--err);font-weight:600}
tr.detail td{background:#fafbfc;padding:6px 12px 12px 28px}
tr.detail ul{margin:0;padding-left:18px}tr.detail li{margin:4px 0}
.calc{display:block;color:var(--muted);font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
.place,.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:var(--muted)}
.controls{display:flex;gap:10px;margin:8px 0}
.controls input{flex:1;padding:5px 8px;border:1px solid var(--line);border-radius:4px;font:inherit}
.controls select{padding:5px;font:inherit}
button.open{font:inherit;font-size:12px;border:1px solid var(--line);background:#fff;border-radius:4px;cursor:pointer;padding:0 6px}
.js tbody.project:not(.open) tr.detail{display:none}
.js .noscript{display:none}
.noscript{color:var(--muted);font-size:12px}
tbody.project:target tr.row td{background:#fff8d6}
@page{size:A4;margin:12mm}
@media print{body{max-width:none;padding:0;font-size:11px}.controls,button.open,.noscript{display:none}.js tbody.project tr.detail{display:table-row}.charts{display:block}figure.chart{margin-bottom:10px}h2{break-after:avoid}tr{break-inside:avoid}}
`;

/** Sorting, filtering and opening rows. Reads the page only; never writes table text as HTML. */
const SCRIPT = `(function(){
var d=document;d.documentElement.classList.add('js');
var table=d.getElementById('projects');if(!table)return;
var bodies=function(){return Array.prototype.slice.call(table.tBodies);};
table.addEventListener('click',function(e){var b=e.target.closest('button.open');if(!b)return;var tb=b.closest('tbody');var o=tb.classList.toggle('open');b.setAttribute('aria-expanded',o?'true':'false');});
var ths=table.tHead.rows[0].cells;
Array.prototype.forEach.call(ths,function(th){if(!th.dataset.key)return;th.addEventListener('click',function(){
var k=th.dataset.key,num=th.dataset.type==='n',dir=th.getAttribute('aria-sort')==='descending'?1:-1;
if(!th.hasAttribute('aria-sort')&&!num)dir=1;
Array.prototype.forEach.call(ths,function(x){x.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',dir>0?'ascending':'descending');
var bs=bodies();bs.sort(function(a,b){var x=a.dataset[k],y=b.dataset[k];
if(num){var nx=x===''?null:Number(x),ny=y===''?null:Number(y);if(nx===null)return ny===null?0:1;if(ny===null)return -1;return (nx-ny)*dir||Number(a.dataset.id)-Number(b.dataset.id);}
return String(x).localeCompare(String(y),'zh-Hans-CN')*dir||Number(a.dataset.id)-Number(b.dataset.id);});
bs.forEach(function(b){table.appendChild(b);});});});
var q=d.getElementById('filter'),s=d.getElementById('severity');
function apply(){var v=q.value.trim().toLowerCase(),m=s.value;bodies().forEach(function(b){var ok=(!v||b.dataset.text.indexOf(v)>=0)&&(m==='all'||(m==='error'?Number(b.dataset.errors)>0:Number(b.dataset.findings)>0));b.hidden=!ok;});}
q.addEventListener('input',apply);s.addEventListener('change',apply);
function openHash(){var id=location.hash.slice(1);if(!/^p-\\d+$/.test(id))return;var tb=d.getElementById(id);if(!tb)return;tb.hidden=false;tb.classList.add('open');var b=tb.querySelector('button.open');if(b)b.setAttribute('aria-expanded','true');}
window.addEventListener('hashchange',openHash);openHash();
})();`;

const SCRIPT_HASH = createHash('sha256').update(SCRIPT).digest('base64');

function findingItem(f: FindingRow, t: ReportText, lang: Lang, withProject: boolean): string {
  const sev = UI[lang][f.severity];
  const place = f.place === null ? f.file : /^\d+$/.test(f.place) ? `${f.file}:${f.place}` : `${f.file} ${f.place}`;
  return (
    `<li><span class="sev-${f.severity}">${h(sev)}</span> <span class="code">${h(f.code)}</span> ` +
    `${withProject && f.project ? `<b>${h(f.project)}</b> ` : ''}${h(f.message)} <span class="place">${h(place)}</span>` +
    (f.stated !== null || f.expected !== null ? ` <span class="place">${h(t.fcols.stated)} ${h(f.stated ?? '-')} · ${h(t.fcols.expected)} ${h(f.expected ?? '-')}</span>` : '') +
    (f.calc ? `<span class="calc">${h(f.calc)}</span>` : '') +
    `</li>`
  );
}

const COLS: { key: keyof ProjectRow; type: 'n' | 's' }[] = [
  { key: 'name', type: 's' },
  { key: 'department', type: 's' },
  { key: 'budget', type: 'n' },
  { key: 'executed', type: 'n' },
  { key: 'rate', type: 'n' },
  { key: 'statedTotal', type: 'n' },
  { key: 'total', type: 'n' },
  { key: 'statedGrade', type: 's' },
  { key: 'grade', type: 's' },
  { key: 'errors', type: 'n' },
  { key: 'warnings', type: 'n' },
  { key: 'notes', type: 'n' },
];

function projectBody(p: ProjectRow, t: ReportText, lang: Lang): string {
  const data = COLS.map((c) => ` data-${c.key.toLowerCase()}="${h(p[c.key] as string | number | null)}"`).join('');
  const search = [p.name, p.department, p.implementer, p.file].filter(Boolean).join(' ').toLowerCase();
  const n = p.findings.length;
  const gradeClass = p.grade !== null && p.statedGrade !== null && p.grade !== p.statedGrade ? ' class="mismatch"' : '';
  const cells = [
    `<td><button class="open" type="button" aria-expanded="false" aria-controls="d-${p.id}"${n ? '' : ' disabled'}>${n ? `${h(t.show)} ${n}` : '✓'}</button> <span class="name">${h(p.name ?? '?')}</span><div class="place">${h(p.place)}</div></td>`,
    `<td>${h(p.department ?? '')}</td>`,
    `<td class="n">${h(p.budget)}${p.unit && p.unit !== '万元' ? ` ${h(p.unit)}` : ''}</td>`,
    `<td class="n">${h(p.executed)}</td>`,
    `<td class="n">${h(p.rate)}</td>`,
    `<td class="n">${h(p.statedTotal)}</td>`,
    `<td class="n">${h(p.total)}</td>`,
    `<td>${h(p.statedGrade)}</td>`,
    `<td${gradeClass}>${h(p.grade)}</td>`,
    `<td class="n${p.errors ? ' sev-error' : ''}">${p.errors}</td>`,
    `<td class="n${p.warnings ? ' sev-warning' : ''}">${p.warnings}</td>`,
    `<td class="n">${p.notes}</td>`,
  ];
  const detail = n ? `<ul>${p.findings.map((f) => findingItem(f, t, lang, false)).join('')}</ul>` : h(t.noFindings);
  return (
    `<tbody class="project" id="p-${p.id}" data-id="${p.id}" data-text="${h(search)}" data-findings="${n}"${data}>` +
    `<tr class="row">${cells.join('')}</tr><tr class="detail" id="d-${p.id}"><td colspan="${COLS.length}">${detail}</td></tr></tbody>`
  );
}

export function renderHtml(run: RunResult, meta: FormatMeta): string {
  const lang = meta.lang;
  const t = REPORT[lang];
  const rows = reportRows(run, lang);
  const c = run.counts;
  const verdictClass = c.error ? 'has-errors' : c.warning ? 'has-warnings' : 'clean';
  const roundings = rows.roundings.map((m) => modeName(m, lang)).join(', ') || '-';
  const head = COLS.map((col) => `<th data-key="${col.key.toLowerCase()}" data-type="${col.type}"${col.type === 'n' ? ' class="n"' : ''} scope="col">${h(t.cols[col.key as keyof ReportText['cols']])}</th>`).join('');
  const chartList = charts(rows, t);
  const figure = (ch: { id: string; title: string; svg: string }) => `<figure class="chart${ch.id === 'departments' ? ' wide' : ''}" id="chart-${ch.id}"><figcaption>${h(ch.title)}</figcaption>${ch.svg}</figure>`;
  const deptTable =
    `<table id="departments"><thead><tr><th scope="col">${h(t.cols.department)}</th><th class="n">${h(t.projectsCount)}</th><th class="n">${h(t.cols.budget)}</th><th class="n">${h(t.cols.executed)}</th><th class="n">${h(t.cols.rate)}</th>` +
    `<th class="n">${h(t.cols.errors)}</th><th class="n">${h(t.cols.warnings)}</th><th class="n">${h(t.cols.notes)}</th></tr></thead><tbody>` +
    rows.departments
      .map((d) => `<tr><td>${h(d.department ?? t.noDepartment)}</td><td class="n">${d.projects}</td><td class="n">${h(d.budget)}</td><td class="n">${h(d.executed)}</td><td class="n">${h(d.rate ?? '-')}</td><td class="n">${d.errors}</td><td class="n">${d.warnings}</td><td class="n">${d.notes}</td></tr>`)
      .join('') +
    `</tbody></table>`;
  const failures = run.failures.length
    ? `<h2>${h(t.failures)}</h2><ul id="failures">${run.failures.map((f) => `<li><span class="sev-error">${h(UI[lang].error)}</span> <span class="code">${h(f.code)}</span> ${h(f.path)}${f.line !== null ? `:${f.line}` : ''}: ${h(f.message)}</li>`).join('')}</ul>`
    : '';
  const fileFindings = rows.fileFindings.length ? `<h2>${h(t.fileFindings)}</h2><ul id="file-findings">${rows.fileFindings.map((f) => findingItem(f, t, lang, false)).join('')}</ul>` : '';
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; img-src data:">
<meta name="generator" content="evalcheck ${h(VERSION)}">
<title>${h(t.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${h(t.title)}</h1>
<ul class="meta">
<li id="checked">${h(t.checked(c.files, c.projects))}</li>
<li>${h(t.when)}: ${h(madeAt(meta.now ?? new Date()))}</li>
<li>${h(t.rounding)}: ${h(roundings)}</li>
<li>${h(t.tool)}: evalcheck ${h(VERSION)}</li>
</ul>
<p class="verdict ${verdictClass}" id="verdict">${h(t.verdict(c.error, c.warning, c.info))}${run.failures.length ? ` · ${h(t.unreadable(run.failures.length))}` : ''}</p>
</header>
<main>
<section class="charts">${chartList.map(figure).join('\n')}</section>
<h2>${h(t.departmentsHead)}</h2>
${deptTable}
<h2>${h(t.projectsHead)}</h2>
<p class="noscript">${h(t.noScript)}</p>
<div class="controls"><input id="filter" type="search" placeholder="${h(t.filter)}" aria-label="${h(t.filter)}"><select id="severity" aria-label="${h(t.cols.errors)}"><option value="all">${h(t.allSeverities)}</option><option value="findings">${h(t.withFindings)}</option><option value="error">${h(t.onlyErrors)}</option></select></div>
<table id="projects"><thead><tr>${head}</tr></thead>
${rows.projects.map((p) => projectBody(p, t, lang)).join('\n')}
</table>
${fileFindings}
${failures}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

export const html: Formatter = (run: RunResult, meta: FormatMeta) => renderHtml(run, meta);
