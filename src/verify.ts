/** Parse → analyse → choose rounding → recompute → check. */
import { CHECKS } from './checks/index.js';
import { finding, type Finding, type FindingCode, type Severity } from './findings.js';
import type { ParsedFile, Project } from './model.js';
import { parseInput, type ParseOptions } from './parse/index.js';
import { analyse, recompute, type Analysis, type Recomputed } from './score/engine.js';
import { RoundingTally, type RoundingChoice, type RoundingSetting } from './score/rounding.js';

/** Per-code severity overrides: a new severity, or "off" to drop the code. */
export type SeverityOverrides = Partial<Record<FindingCode, Severity | 'off'>>;

export interface VerifyOptions extends ParseOptions {
  /** `auto` (default) decides per file which mode explains the stated figures. */
  rounding?: RoundingSetting;
  overrides?: SeverityOverrides;
}

export interface ProjectResult {
  project: Project;
  /** Recomputed figures; null when only parsing was asked for. */
  figures: Recomputed | null;
}

export interface VerifyResult extends Omit<ParsedFile, 'projects'> {
  /** The rounding mode used; null when only parsing was asked for. */
  rounding: RoundingChoice | null;
  projects: ProjectResult[];
  /** Parse and verify findings of the whole file, in line order; each names its project. */
  findings: Finding[];
}

/** Apply severity overrides (after the checks ran, so checks never see options). */
export function applyOverrides(findings: Finding[], overrides: SeverityOverrides | undefined): Finding[] {
  if (!overrides || Object.keys(overrides).length === 0) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const o = overrides[f.code];
    if (o === 'off') continue;
    out.push(o ? { ...f, severity: o } : f);
  }
  return out;
}

/** Run every check on one project under a fixed rounding mode. */
export function checkProject(project: Project, analysis: Analysis, rounding: RoundingChoice): { figures: Recomputed; findings: Finding[] } {
  const figures = recompute(project, analysis, rounding.mode);
  const ref = { name: project.name, line: project.line };
  const selfScored = project.indicators.some((i) => i.score?.num) || !!project.stated.total?.num;
  const findings: Finding[] = [];
  for (const check of CHECKS) findings.push(...check.run({ project, analysis, figures, mode: rounding.mode, ref, selfScored }));
  return { figures, findings };
}

const byLine = (a: Finding, b: Finding) => (a.line ?? 0) - (b.line ?? 0);

const GROUPS = new WeakMap<VerifyResult, { file: Finding[]; byProject: Map<number, Finding[]> }>();

/** A result's findings grouped once: file-level ones, and per project (by title line). */
export function groupFindings(r: VerifyResult): { file: Finding[]; byProject: Map<number, Finding[]> } {
  let g = GROUPS.get(r);
  if (!g) {
    g = { file: [], byProject: new Map() };
    for (const f of r.findings) {
      if (!f.project) g.file.push(f);
      else {
        const list = g.byProject.get(f.project.line);
        if (list) list.push(f);
        else g.byProject.set(f.project.line, [f]);
      }
    }
    GROUPS.set(r, g);
  }
  return g;
}

/** The findings of one project of a result. */
export const projectFindings = (r: VerifyResult, projectLine: number): Finding[] => groupFindings(r).byProject.get(projectLine) ?? [];

/** Verify an already parsed file. */
export function verifyParsed(parsed: ParsedFile, options: VerifyOptions = {}): VerifyResult {
  const tally = new RoundingTally();
  const analyses = parsed.projects.map((p) => {
    const a = analyse(p);
    tally.add(a);
    return a;
  });
  const rounding = tally.choose(options.rounding ?? 'auto');
  const findings = [...parsed.findings];
  if (rounding.ambiguous && parsed.projects.length > 0) {
    findings.push(finding('rounding-mode-ambiguous', null, { args: { chosen: rounding.mode, truncate: rounding.misses.truncate, 'half-up': rounding.misses['half-up'], ceil: rounding.misses.ceil } }));
  }
  const projects = parsed.projects.map((project, i) => {
    const r = checkProject(project, analyses[i]!, rounding);
    findings.push(...r.findings);
    return { project, figures: r.figures };
  });
  const { projects: _ignored, ...rest } = parsed;
  return { ...rest, rounding, projects, findings: applyOverrides(findings, options.overrides).sort(byLine) };
}

/** A parse-only result in the same shape (no figures, no rounding). */
export function asResult(parsed: ParsedFile, overrides?: SeverityOverrides): VerifyResult {
  const { projects, ...rest } = parsed;
  return { ...rest, rounding: null, projects: projects.map((project) => ({ project, figures: null })), findings: applyOverrides(parsed.findings, overrides) };
}

/** Verify a table export given as text or bytes. */
export function verifyInput(input: string | Uint8Array, options: VerifyOptions = {}): VerifyResult {
  return verifyParsed(parseInput(input, options), options);
}
