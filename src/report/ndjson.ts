/**
 * `ndjson`: one JSON object per line — one per project (`type: "project"`,
 * with its own findings and recomputed figures), then one per file
 * (`type: "file"`, with the file-level findings and counts). Each line
 * carries schemaVersion and the tool version.
 */
import { countBySeverity } from '../findings.js';
import type { Lang } from '../messages.js';
import { groupFindings, projectFindings, type VerifyResult } from '../verify.js';
import { VERSION } from '../version.js';
import { findingJSON, projectJSON, SCHEMA_VERSION } from './serialize.js';
import type { Formatter } from './types.js';

/** The lines of one file; the CLI writes them as soon as the file is done. */
export function ndjsonLines(r: VerifyResult, lang: Lang, command: string): string[] {
  const head = { schemaVersion: SCHEMA_VERSION, tool: { name: 'evalcheck', version: VERSION }, command };
  const withFigures = r.rounding !== null;
  const lines = r.projects.map((p) => {
    const own = projectFindings(r, p.project.line);
    return JSON.stringify({
      ...head,
      type: 'project',
      path: r.path,
      ...(withFigures ? { rounding: r.rounding!.mode } : {}),
      project: projectJSON(p, own, withFigures),
      findings: own.map((f) => findingJSON(f, lang)),
    });
  });
  const fileLevel = groupFindings(r).file;
  lines.push(
    JSON.stringify({
      ...head,
      type: 'file',
      path: r.path,
      encoding: r.encoding,
      bom: r.bom,
      lineEndings: r.lineEndings,
      lineCount: r.lineCount,
      ...(withFigures ? { rounding: r.rounding } : {}),
      projects: r.projects.length,
      findings: fileLevel.map((f) => findingJSON(f, lang)),
      counts: countBySeverity(r.findings),
    }),
  );
  return lines;
}

export const ndjson: Formatter = Object.assign(
  (run: Parameters<Formatter>[0], meta: Parameters<Formatter>[1]) => run.results.map((r) => ndjson.file!(r, meta, run.command)).join(''),
  { file: (r: VerifyResult, meta: Parameters<Formatter>[1], command: string) => ndjsonLines(r, meta.lang, command).join('\n') + '\n' },
);
