/**
 * `ndjson`: one JSON object per line — one per project (`type: "project"`,
 * with its own findings and recomputed figures), written as soon as the
 * project is checked, then one per file (`type: "file"`, with the file-level
 * findings and counts). Each line carries schemaVersion and the tool version.
 */
import type { Finding } from '../findings.js';
import { headOfResult, type FileInfo, type ProjectResult } from '../pipeline.js';
import { groupFindings, projectFindings } from '../verify.js';
import { VERSION } from '../version.js';
import { compactOpen, projectOpen, recomputedText } from './fastjson.js';
import { findingJSON, findingText, readFields, SCHEMA_VERSION } from './serialize.js';
import type { Formatter, FormatMeta, StreamContext } from './types.js';

const TOOL = { name: 'evalcheck', version: VERSION };

const HEAD = `{"schemaVersion":${SCHEMA_VERSION},"tool":${JSON.stringify(TOOL)},"command":`;

function projectLine(pr: ProjectResult, own: readonly Finding[], ctx: StreamContext, meta: FormatMeta): string {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of own) counts[f.severity]++;
  const figures = pr.figures ? `,"recomputed":${recomputedText(pr.figures)}` : '';
  return (
    `${HEAD}${JSON.stringify(ctx.command)},"records":"${meta.records ?? 'full'}","type":"project","path":${JSON.stringify(ctx.path)}` +
    (pr.figures ? `,"rounding":${JSON.stringify(ctx.rounding)}` : '') +
    `,"project":${meta.records === 'compact' ? compactOpen(headOfResult(pr)) : projectOpen(pr.project)}${pr.where ? `,"where":${JSON.stringify(pr.where)}` : ''}${figures},"counts":${JSON.stringify(counts)}}` +
    `,"findings":[${own.map((f) => findingText(f, meta.lang)).join(',')}]}\n`
  );
}

function fileLine(info: FileInfo, ctx: StreamContext, meta: FormatMeta): string {
  return (
    JSON.stringify({
      schemaVersion: SCHEMA_VERSION,
      tool: TOOL,
      command: ctx.command,
      records: meta.records ?? 'full',
      type: 'file',
      ...readFields(info),
      ...(info.rounding ? { rounding: info.rounding } : {}),
      projects: info.projects,
      findings: info.fileFindings.map((f) => findingJSON(f, meta.lang)),
      counts: info.counts,
    }) + '\n'
  );
}

export const ndjson: Formatter = Object.assign(
  (run: Parameters<Formatter>[0], meta: FormatMeta): string => {
    let out = '';
    for (const r of run.results) {
      const ctx: StreamContext = { command: run.command, path: r.path, rounding: r.rounding?.mode ?? null };
      for (const p of r.projects) out += projectLine(p, projectFindings(r, p.project.line), ctx, meta);
      const all = r.findings;
      const counts = { error: 0, warning: 0, info: 0 };
      for (const f of all) counts[f.severity]++;
      out += fileLine({ ...r, fileFindings: groupFindings(r).file, projects: r.projects.length, counts }, ctx, meta);
    }
    return out;
  },
  { project: projectLine, fileEnd: fileLine, heads: true },
);
