/** Whole-file verification for the library: the block pipeline, collected. */
import type { Finding } from './findings.js';
import type { ParsedFile } from './model.js';
import { EvalcheckError } from './errors.js';
import type { ParseOptions } from './parse/file.js';
import { feedAny, feedRows, feedText, formatOf, isRows, isTextFormat, type Input, type ReadMeta } from './source/index.js';
import { byLine, FileVerifier, type FileInfo, type PipelineOptions, type ProjectResult } from './pipeline.js';
import type { RoundingChoice, RoundingSetting } from './score/rounding.js';

export { applyOverrides, checkProject, type ProjectResult, type SeverityOverrides } from './pipeline.js';

export interface VerifyOptions extends ParseOptions {
  /** `auto` (default) decides per file which mode explains the stated figures. */
  rounding?: RoundingSetting;
  overrides?: PipelineOptions['overrides'];
}

export interface VerifyResult extends Omit<ParsedFile, 'projects'> {
  /** The rounding mode used; null when only parsing was asked for. */
  rounding: RoundingChoice | null;
  projects: ProjectResult[];
  /** Parse and verify findings of the whole file, in line order; each names its project. */
  findings: Finding[];
}

/** Collects the pipeline's output for one file into a VerifyResult. */
export class ResultCollector {
  readonly projects: ProjectResult[] = [];
  private readonly findings: Finding[] = [];
  readonly add = (r: ProjectResult, fs: Finding[]): void => {
    this.projects.push(r);
    for (const f of fs) this.findings.push(f);
  };
  result(info: FileInfo): VerifyResult {
    const findings = this.findings.concat(info.fileFindings).sort(byLine);
    const r: VerifyResult = {
      path: info.path,
      format: info.format,
      encoding: info.encoding,
      bom: info.bom,
      lineEndings: info.lineEndings,
      lineCount: info.lineCount,
      rounding: info.rounding,
      projects: this.projects,
      findings,
    };
    return r;
  }
}


/**
 * Verify text, text bytes (tab-separated, or comma with `format: 'csv'`) or
 * rows held in memory, synchronously. Workbooks, documents and pages need
 * `verifyDocument`.
 */
export function verifyInput(input: Input, options: VerifyOptions = {}): VerifyResult {
  const path = options.path ?? '<input>';
  const collector = new ResultCollector();
  const verifier = new FileVerifier(path, options, collector.add);
  let meta: ReadMeta;
  if (isRows(input)) meta = feedRows(input, verifier);
  else {
    const format = typeof input === 'string' ? (options.format ?? 'text') : formatOf(path, input, options.format);
    if (!isTextFormat(format)) throw new EvalcheckError('usage', `is a ${format} input: read it with verifyDocument(), which loads its reader`, { path });
    meta = feedText(input, path, options.encoding, format, verifier);
  }
  return collector.result(verifier.end(meta));
}

/** Verify any input held in memory: text, rows, or the bytes of a workbook, a document or a page. */
export async function verifyDocument(input: Input, options: VerifyOptions = {}): Promise<VerifyResult> {
  const path = options.path ?? '<input>';
  const collector = new ResultCollector();
  const verifier = new FileVerifier(path, options, collector.add);
  const meta = isRows(input) ? feedRows(input, verifier) : await feedAny(input, path, { encoding: options.encoding, format: options.format, file: options.file }, verifier);
  return collector.result(verifier.end(meta));
}

/** Verify an already parsed file (its text is not needed again). */
export function verifyParsed(parsed: ParsedFile, options: VerifyOptions = {}): VerifyResult {
  const collector = new ResultCollector();
  const verifier = new FileVerifier(parsed.path, options, collector.add);
  // Replay the parsed blocks through the same pipeline.
  const byProject = new Map<number, Finding[]>();
  for (const f of parsed.findings) if (f.project) (byProject.get(f.project.line) ?? byProject.set(f.project.line, []).get(f.project.line)!).push(f);
  for (const p of parsed.projects) verifier.block({ project: p, findings: byProject.get(p.line) ?? [] });
  // Line endings are not replayed: the parse already reported them, with the other file-level findings.
  const info = verifier.end({ format: parsed.format, encoding: parsed.encoding, bom: parsed.bom, lineEndings: {}, lineCount: parsed.lineCount });
  const fileLevel = parsed.findings.filter((f) => !f.project);
  const added = info.fileFindings.filter((f) => f.code === 'rounding-mode-ambiguous');
  return collector.result({ ...info, lineEndings: parsed.lineEndings, fileFindings: fileLevel.concat(added) });
}

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
