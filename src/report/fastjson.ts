/**
 * The project record as JSON text, written directly. Same keys, order and
 * values as JSON.stringify of the record (a test compares them), several
 * times faster: JSON.stringify calls toJSON on every cell, and the ndjson of
 * a large corpus is mostly cells.
 */
import type { Cell, FundsRow, GoalBlock, Indicator, LevelLabel, NumCell, Project, ProjectHead, TextRow } from '../model.js';
import type { Num } from '../number.js';
import type { Recomputed } from '../score/engine.js';

const str = JSON.stringify as (s: string) => string;
const s = (v: string | null): string => (v === null ? 'null' : str(v));
const n = (v: number | null): string => (v === null ? 'null' : String(v));
// Canonical number text is sign, digits and a dot: safe to write unquoted in quotes.
const num = (v: Num | null): string => (v === null ? 'null' : `"${v.text}"`);
const cell = (c: Cell | NumCell | null): string => (c === null || c.num === null ? 'null' : `"${c.num.text}"`);

function funds(r: FundsRow | null): string {
  if (r === null) return 'null';
  return (
    `{"kind":"${r.kind}","line":${r.line},"label":${str(r.label)},"initialBudget":${cell(r.initialBudget)},"budget":${cell(r.budget)},"executed":${cell(r.executed)},"weight":${cell(r.weight)},"rate":${cell(r.rate)},"score":${cell(r.score)},` +
    `"reason":${s(r.reason)},"raw":${r.raw === null ? 'null' : `[${r.raw.map((x) => str(x)).join(',')}]`}}`
  );
}

const level = (l: LevelLabel): string => `{"line":${l.line},"col":${l.col},"label":${str(l.label)},"name":${s(l.name)},"weight":${cell(l.weight)}}`;
const goalBlock = (b: GoalBlock): string => `{"line":${b.line},"col":${b.col},"label":${str(b.label)},"weight":${cell(b.weight)}}`;
const text = (t: TextRow): string => `{"line":${t.line},"kind":"${t.kind}","label":${s(t.label)},"text":${str(t.text)}}`;

function fundsJSON(p: Project): string {
  return `{"total":${funds(p.funds.total)},"subRows":[${p.funds.subRows.map(funds).join(',')}]}`;
}

function indicator(i: Indicator): string {
  const t = i.target;
  const a = i.actual;
  return (
    `{"line":${i.line},"level1":${s(i.level1)},"level2":${s(i.level2)},"name":${str(i.name)},` +
    `"target":{"raw":${str(t.raw)},"col":${t.col},"kind":"${t.kind}","op":${s(t.op)},"impliedOp":${s(t.impliedOp)},"opRaw":${s(t.opRaw)},"value":${num(t.value)},"unit":${s(t.unit)}},` +
    `"actual":{"raw":${str(a.raw)},"col":${a.col},"kind":"${a.kind}","value":${num(a.value)},"unit":${s(a.unit)}${a.op !== undefined ? `,"op":"${a.op}"` : ''}},` +
    `"weight":${cell(i.weight)},"score":${cell(i.score)},"reason":${str(i.reason)},"shift":${i.shift},"direction":${s(i.direction)},"children":${i.children.length === 0 ? '[]' : `[${i.children.map(indicator).join(',')}]`}}`
  );
}

/** `{…record…` without the closing brace, so callers can append fields. */
export function projectOpen(p: Project): string {
  const g = p.goals;
  const st = p.stated;
  const l = p.lines;
  return (
    `{"line":${p.line},"title":${str(p.title)},"template":"${p.template}","name":${s(p.name)},"department":${s(p.department)},"implementer":${s(p.implementer)},"unit":${s(p.unit)},` +
    `"funds":${fundsJSON(p)},` +
    `"goals":${g === null ? 'null' : `{"line":${g.line},"expected":${str(g.expected)},"actual":${str(g.actual)}}`},` +
    `"levels":${p.levels.length === 0 ? '[]' : `[${p.levels.map(level).join(',')}]`},` +
    `"indicators":[${p.indicators.map(indicator).join(',')}],` +
    `"stated":{"line":${n(st.line)},"weightTotal":${cell(st.weightTotal)},"total":${cell(st.total)},"grade":${s(st.grade)},"gradeLine":${n(st.gradeLine)},"gradeCol":${n(st.gradeCol)}},` +
    `"texts":${p.texts.length === 0 ? '[]' : `[${p.texts.map(text).join(',')}]`},` +
    `"lines":{"title":[${l.title.join(',')}],"name":${n(l.name)},"nameOutside":${n(l.nameOutside)},"department":${n(l.department)},"fundsHeader":${n(l.fundsHeader)},"goalsHeader":${n(l.goalsHeader)},"goals":[${l.goals.join(',')}],"indicatorHeader":${n(l.indicatorHeader)},"end":${l.end}}` +
    // (Set when a goal header is read, after the record was made: last, as JSON.stringify orders it.)
    (p.goalBlocks !== undefined ? `,"goalBlocks":[${p.goalBlocks.map(goalBlock).join(',')}]` : '')
  );
}

/** `JSON.stringify(recomputedJSON(r))`, written directly (a test compares them). */
export function recomputedText(r: Recomputed): string {
  const e = r.execScore;
  const fixed = (d: { toFixed(dp: number): string } | null): string => (d === null ? 'null' : `"${d.toFixed(2)}"`);
  let rates = '';
  for (const x of r.rates) {
    if (rates !== '') rates += ',';
    rates += `{"row":"${x.row}","line":${x.line},"exact":"${x.exactText()}","value":"${x.valueText()}","stated":${x.stated === null ? 'null' : `"${x.stated.text}"`}}`;
  }
  let inds = '';
  for (const i of r.indicators) {
    if (inds !== '') inds += ',';
    inds += `{"line":${i.line},"status":"${i.status}","policyScore":${fixed(i.policyScore)}}`;
  }
  return (
    `{"rounding":"${r.rounding}","rates":[${rates}],` +
    `"execScore":${e ? `{"line":${e.line},"exact":"${e.exactText()}","value":"${e.valueText()}","stated":${e.stated === null ? 'null' : `"${e.stated.text}"`}}` : 'null'},` +
    `"weightTotal":${fixed(r.weightTotal)},"statedScoreSum":${fixed(r.statedScoreSum)},"total":${fixed(r.total)},` +
    `"statedGrade":${s(r.statedGrade)},"gradeOfStatedTotal":${s(r.gradeOfStatedTotal)},"grade":${s(r.grade)},"indicators":[${inds}]}`
  );
}

/**
 * `{…compact record…` without the closing brace: what identifies the project and its stated figures
 * (the total funds row and the totals), for `--records compact`. `JSON.stringify(compactJSON(p))` (a test compares them).
 */
export function compactOpen(p: ProjectHead): string {
  const st = p.stated;
  const t = p.funds.total;
  return (
    `{"line":${p.line},"title":${str(p.title)},"template":"${p.template}","name":${s(p.name)},"department":${s(p.department)},"implementer":${s(p.implementer)},"unit":${s(p.unit)},` +
    `"funds":${t === null ? 'null' : `{"line":${t.line},"label":${str(t.label)},"initialBudget":${cell(t.initialBudget)},"budget":${cell(t.budget)},"executed":${cell(t.executed)},"weight":${cell(t.weight)},"rate":${cell(t.rate)},"score":${cell(t.score)}}`},` +
    `"indicators":${p.indicators.length},` +
    `"stated":{"line":${n(st.line)},"weightTotal":${cell(st.weightTotal)},"total":${cell(st.total)},"grade":${s(st.grade)},"gradeLine":${n(st.gradeLine)},"gradeCol":${n(st.gradeCol)}}`
  );
}
