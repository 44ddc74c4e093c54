/**
 * The JSON document: the records as they serialise (decimals as strings),
 * recomputed figures, findings with their message. One function for the
 * `json` and `ndjson` formats and for the library's `toJSON`.
 */
import { countBySeverity, type Finding, type ProjectRef } from '../findings.js';
import { formatMessage, type Lang } from '../messages.js';
import type { Recomputed } from '../score/engine.js';
import { projectFindings, type ProjectResult, type VerifyResult } from '../verify.js';
import { VERSION } from '../version.js';
import type { FileRead, NumCell, ProjectHead } from '../model.js';
import { headOfResult } from '../pipeline.js';
import type { Records } from './types.js';

/** Bumped only when a field is removed or changes meaning; fields are only ever added within a version. */
export const SCHEMA_VERSION = 2;

const fixed2 = (d: { toFixed(dp: number): string } | null): string | null => (d ? d.toFixed(2) : null);

export function recomputedJSON(r: Recomputed | null): unknown {
  if (!r) return null;
  return {
    rounding: r.rounding,
    rates: r.rates.map((x) => ({ row: x.row, line: x.line, exact: x.exactText(), value: x.valueText(), stated: x.stated?.text ?? null })),
    execScore: r.execScore ? { line: r.execScore.line, exact: r.execScore.exactText(), value: r.execScore.valueText(), stated: r.execScore.stated?.text ?? null } : null,
    weightTotal: fixed2(r.weightTotal),
    statedScoreSum: fixed2(r.statedScoreSum),
    total: fixed2(r.total),
    statedGrade: r.statedGrade,
    gradeOfStatedTotal: r.gradeOfStatedTotal,
    grade: r.grade,
    indicators: r.indicators.map((i) => ({ line: i.line, status: i.status, policyScore: fixed2(i.policyScore) })),
  };
}

export function findingJSON(f: Finding, lang: Lang): Record<string, unknown> {
  return { ...f, message: formatMessage(f, lang) };
}

/** The keys of a finding as finding() makes them, in order; endLine, calc and where may be absent. */
const KEYS = ['code', 'severity', 'line', 'project', 'stated', 'expected', 'endLine', 'calc', 'args', 'where'];
const OPTIONAL = new Set(['endLine', 'calc', 'where']);

/** Whether `f` has exactly finding()'s keys in finding()'s order (overrides and locations keep it). */
function usualKeys(f: Finding): boolean {
  let i = 0;
  for (const k in f) {
    while (i < KEYS.length && KEYS[i] !== k) {
      if (!OPTIONAL.has(KEYS[i]!)) return false;
      i++;
    }
    if (i === KEYS.length) return false;
    i++;
  }
  while (i < KEYS.length && OPTIONAL.has(KEYS[i]!)) i++;
  return i === KEYS.length;
}

/** A project reference with exactly `name` (a string or null) then `line` (a finite number). */
function usualRef(p: ProjectRef): boolean {
  let i = 0;
  for (const k in p) if (k !== (i++ === 0 ? 'name' : 'line') || i > 2) return false;
  return i === 2 && (p.name === null || typeof p.name === 'string') && Number.isFinite(p.line);
}

const str = (v: string | null | undefined): string => (v === null || v === undefined ? 'null' : JSON.stringify(v));

/**
 * `JSON.stringify(findingJSON(f, lang))`, written field by field (a test
 * compares them on every finding of the fixtures): a large corpus writes a
 * few findings per project, and the generic stringify of the spread object
 * was most of the ndjson line's cost.
 */
export function findingText(f: Finding, lang: Lang): string {
  // Anything JSON.stringify would write otherwise (an undefined field it leaves out, a non-finite number it writes as null, a project reference with other keys) goes the generic way.
  const usual =
    usualKeys(f) &&
    (f.line === null || Number.isFinite(f.line)) &&
    f.stated !== undefined &&
    f.expected !== undefined &&
    f.args !== undefined &&
    (f.project === null || (f.project !== undefined && usualRef(f.project)));
  if (!usual) return JSON.stringify(findingJSON(f, lang));
  const p = f.project;
  return (
    `{"code":"${f.code}","severity":"${f.severity}","line":${f.line === null ? 'null' : f.line},` +
    `"project":${p === null ? 'null' : `{"name":${str(p.name)},"line":${p.line}}`},"stated":${str(f.stated)},"expected":${str(f.expected)}` +
    (f.endLine !== undefined ? `,"endLine":${JSON.stringify(f.endLine)}` : '') +
    (f.calc !== undefined ? `,"calc":${JSON.stringify(f.calc)}` : '') +
    `,"args":${JSON.stringify(f.args)}` +
    (f.where !== undefined ? `,"where":${JSON.stringify(f.where)}` : '') +
    `,"message":${JSON.stringify(formatMessage(f, lang))}}`
  );
}

/** The compact record of a project (`--records compact`): what identifies it and its stated figures; from a record or a fast path's head. */
export function compactJSON(p: ProjectHead): Record<string, unknown> {
  const t = p.funds.total;
  const st = p.stated;
  // A cell as its record serialises it: the number's text, or null.
  const c = (x: NumCell | null) => x?.num?.text ?? null;
  return {
    line: p.line,
    title: p.title,
    template: p.template,
    name: p.name,
    department: p.department,
    implementer: p.implementer,
    unit: p.unit,
    funds: t && { line: t.line, label: t.label, initialBudget: c(t.initialBudget), budget: c(t.budget), executed: c(t.executed), weight: c(t.weight), rate: c(t.rate), score: c(t.score) },
    indicators: p.indicators.length,
    stated: { line: st.line, weightTotal: c(st.weightTotal), total: c(st.total), grade: st.grade, gradeLine: st.gradeLine, gradeCol: st.gradeCol },
  };
}

/** A project as JSON; `own` are its findings (for the counts). */
export function projectJSON(p: ProjectResult, own: readonly Finding[], withFigures: boolean, records: Records = 'full'): Record<string, unknown> {
  return {
    // Records serialise themselves (cells and numbers have toJSON): no copy needed.
    ...(records === 'full' ? p.project : compactJSON(headOfResult(p))),
    ...(p.where ? { where: p.where } : {}),
    ...(withFigures ? { recomputed: recomputedJSON(p.figures) } : {}),
    counts: countBySeverity(own),
  };
}

/** How a file was read: the fields every file object starts with (json, ndjson). */
export const readFields = (r: FileRead): FileRead => ({
  path: r.path,
  format: r.format,
  encoding: r.encoding,
  bom: r.bom,
  lineEndings: r.lineEndings,
  lineCount: r.lineCount,
});

export function fileJSON(r: VerifyResult, lang: Lang, records: Records = 'full'): Record<string, unknown> {
  const withFigures = r.rounding !== null;
  return {
    ...readFields(r),
    ...(withFigures ? { rounding: r.rounding } : {}),
    projects: r.projects.map((p) => projectJSON(p, projectFindings(r, p.project.line), withFigures, records)),
    findings: r.findings.map((f) => findingJSON(f, lang)),
    counts: countBySeverity(r.findings),
  };
}

export interface FailureJSON {
  path: string;
  code: string;
  line: number | null;
  message: string;
}

/** The whole document the `json` format prints. */
export function documentJSON(command: string, results: readonly VerifyResult[], failures: readonly FailureJSON[], lang: Lang, counts?: Record<string, number>, records: Records = 'full'): Record<string, unknown> {
  const all = results.flatMap((r) => r.findings);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'evalcheck', version: VERSION },
    command,
    records,
    files: results.map((r) => fileJSON(r, lang, records)),
    failures,
    counts: counts ?? { files: results.length, projects: results.reduce((n, r) => n + r.projects.length, 0), ...countBySeverity(all) },
  };
}
