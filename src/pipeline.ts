/**
 * Block-by-block verification: rows go in as they are read, each project
 * comes out as soon as it is checked. Memory does not grow with the input:
 * the only whole-file decision, the rounding mode under `auto`, is made from
 * the stated figures of the first LOOKAHEAD blocks (all of them in a smaller
 * file) and confirmed at the end from the figures of every block.
 */
import { CHECKS } from './checks/index.js';
import { DEFAULT_POLICY, type CheckPolicy } from './checks/types.js';
import { countBySeverity, finding, type Finding, type Severity } from './findings.js';
import type { FileRead, Indicator, Project, ProjectHead } from './model.js';
import type { FastBlock } from './fast/block.js';
import { recomputedText } from './report/fastjson.js';
import { checkFast, type FastAnalysis } from './fast/check.js';
import { FastResult, fastSetting, fastStats, headOf, learnShape, parseLines, shapeTemplate, type FastSetting, type FastTarget } from './fast/lane.js';
import { fileLevelFindings } from './parse/file.js';
import { TableParser, type ParsedBlock } from './parse/parser.js';
import { analyse, recompute, type Analysis, type Recomputed } from './score/engine.js';
import { RoundingTally, type RoundingChoice, type RoundingSetting } from './score/rounding.js';
import type { FindingCode } from './findings.js';
import { locateFindings } from './source/locate.js';
import type { RowSink } from './source/tables.js';
import type { SourceFormat, SourceMap, Where } from './source/where.js';

/** Per-code severity overrides: a new severity, or "off" to drop the code. */
export type SeverityOverrides = Partial<Record<FindingCode, Severity | 'off'>>;

export interface ProjectResult {
  /** The record; on the fast path it is read (with the full parser) only when asked for. */
  readonly project: Project;
  /** The record's head, when the project was checked on the fast path (else `project` is the head): see `headOf`. */
  readonly head?: ProjectHead;
  /** Recomputed figures; null when only parsing was asked for. */
  figures: Recomputed | null;
  /** Where its title is in a workbook, document or page. */
  where?: Where;
}

/** Blocks whose figures decide the rounding mode before the first project is reported. */
export const LOOKAHEAD = 64;

export interface PipelineOptions {
  rounding?: RoundingSetting;
  overrides?: SeverityOverrides;
  /** Only parse: no figures, no verify findings. */
  parseOnly?: boolean;
  /** Judgement thresholds of the checks (configuration `budgetChange`). */
  policy?: Partial<CheckPolicy>;
  /** The fast path (see fast/lane.ts): blocks handed to `fast()` are checked on it; default from EVALCHECK_FAST. */
  fast?: FastSetting;
}

/** What a project's head is: its record, or what the fast path read. */
export const headOfResult = (r: ProjectResult): ProjectHead => r.head ?? r.project;

/** What a segment of a file (a byte range checked on its own, see segments.ts) adds to the whole file. */
export interface SegmentStats {
  /** Stated figures each rounding mode misses (for confirming the file's mode). */
  misses: Record<RoundingChoice['mode'], number>;
  counts: Record<Severity, number>;
  projects: number;
  fileFindings: Finding[];
}

/** What is known of a file once it has been read. */
export interface FileInfo extends FileRead {
  rounding: RoundingChoice | null;
  /** Findings that belong to no project (text before the first title, mixed endings…). */
  fileFindings: Finding[];
  projects: number;
  counts: Record<Severity, number>;
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
export function checkProject(project: Project, analysis: Analysis, mode: RoundingChoice['mode'], policy: CheckPolicy = DEFAULT_POLICY): { figures: Recomputed; findings: Finding[] } {
  const figures = recompute(project, analysis, mode);
  const ref = { name: project.name, line: project.line };
  const selfScored = project.indicators.some((i) => i.score?.num) || !!project.stated.total?.num;
  const findings: Finding[] = [];
  for (const check of CHECKS) for (const f of check.run({ project, analysis, figures, mode, ref, selfScored, policy })) findings.push(f);
  return { figures, findings };
}

export const byLine = (a: Finding, b: Finding): number => (a.line ?? 0) - (b.line ?? 0);

/**
 * Verifies one file block by block. Feed rows with `row()` in line order,
 * then call `end()`. `emit` receives each project with its findings (parse
 * and verify, overrides applied, in line order).
 */
export class FileVerifier implements RowSink, FastTarget {
  private readonly parser: TableParser;
  private readonly tally = new RoundingTally();
  private mode: RoundingChoice['mode'] | null = null;
  private pending: ({ block: ParsedBlock; analysis: Analysis } | { fast: FastBlock; analysis: FastAnalysis })[] = [];
  private readonly fastMode: FastSetting;
  private readonly counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  private projects = 0;
  private readonly absorbed: Finding[] = [];
  private readonly policy: CheckPolicy;
  /** Sheets and tables of a non-text source, for locating findings. */
  private map: SourceMap | null = null;

  constructor(
    readonly path: string,
    private readonly options: PipelineOptions,
    private readonly emit: (result: ProjectResult, findings: Finding[]) => void,
  ) {
    this.parser = new TableParser((b) => this.block(b));
    this.policy = { ...DEFAULT_POLICY, ...options.policy };
    const r = options.rounding ?? 'auto';
    if (r !== 'auto') this.mode = r;
    this.fastMode = options.fast ?? fastSetting();
  }

  /** One row of cells of physical line `line`. */
  row(cells: readonly string[], line: number): void {
    this.parser.row(cells, line);
  }

  /** A non-text source announces its map before its first row. */
  source(map: SourceMap): void {
    this.map = map;
  }

  /** The end of a sheet: the block being read is complete. */
  boundary(): void {
    this.parser.end();
  }

  private out(project: Project | FastResult, figures: Recomputed | null, findings: Finding[]): void {
    const fs = applyOverrides(findings, this.options.overrides).sort(byLine);
    for (const f of fs) this.counts[f.severity]++;
    this.projects++;
    // A fast result is its own ProjectResult (text only: no map to locate in).
    if (project instanceof FastResult) this.emit(project, fs);
    else if (this.map) {
      locateFindings(fs, project, this.map);
      // Each indicator row where it stands, for the records and the parse CSV (a row number among rows read is not one).
      const at = (i: Indicator): void => {
        const w = this.map!.locate(i.line);
        if (w) i.where = w;
        i.children.forEach(at);
      };
      project.indicators.forEach(at);
      const where = this.map.locate(project.line);
      this.emit(where ? { project, figures, where } : { project, figures }, fs);
    } else this.emit({ project, figures }, fs);
  }

  /** A parsed block (from the row parser, or replayed from an earlier parse). */
  block(b: ParsedBlock): void {
    if (this.options.parseOnly) return this.out(b.project, null, b.findings);
    const analysis = analyse(b.project);
    this.tally.add(analysis);
    if (this.mode !== null) return this.check(b, analysis, this.mode);
    this.pending.push({ block: b, analysis });
    if (this.pending.length >= LOOKAHEAD) this.decide();
  }

  /** A block the fast path read (its lines were not given to the parser). */
  fast(b: FastBlock, analysis: FastAnalysis): void {
    this.parser.skipBlock();
    this.tally.add(analysis);
    if (this.mode !== null) return this.checkFast(b, analysis, this.mode);
    this.pending.push({ fast: b, analysis });
    if (this.pending.length >= LOOKAHEAD) this.decide();
  }

  private checkFast(b: FastBlock, analysis: FastAnalysis, mode: RoundingChoice['mode']): void {
    const known = shapeTemplate(b.shape);
    const r = known !== false && !this.options.parseOnly ? checkFast(b, analysis, mode, this.policy) : null;
    if (r && known !== undefined && known !== false && this.fastMode !== 'check') {
      fastStats.fast++;
      return this.out(new FastResult(headOf(b, known), r.figures, b), r.figures, r.findings);
    }
    // The full path: for this block, and to learn (or check) its shape when the fast path had an answer.
    fastStats.full++;
    const parsed = parseLines(b.lines, b.firstLine);
    const full = checkProject(parsed.project, analyse(parsed.project), mode, this.policy);
    const findings = parsed.findings.concat(full.findings);
    if (r) {
      fastStats.compared++;
      const fast = JSON.stringify([compactKey(headOf(b, parsed.project.template)), recomputedText(r.figures), [...r.findings].sort(byLine)]);
      const slow = JSON.stringify([compactKey(parsed.project), recomputedText(full.figures), [...findings].sort(byLine)]);
      if (fast === slow) {
        if (known === undefined) fastStats.learned++;
        learnShape(b.shape, parsed.project.template);
      } else {
        fastStats.differed++;
        if (fastStats.differences.length < 20) fastStats.differences.push(`${this.path}:${b.line}\n  fast ${fast}\n  full ${slow}`);
        learnShape(b.shape, false);
      }
    }
    this.out(parsed.project, full.figures, findings);
  }

  private check(b: ParsedBlock, analysis: Analysis, mode: RoundingChoice['mode']): void {
    const r = checkProject(b.project, analysis, mode, this.policy);
    this.out(b.project, r.figures, b.findings.concat(r.findings));
  }

  private decide(): void {
    this.mode = this.tally.choose('auto').mode;
    const pending = this.pending;
    this.pending = [];
    for (const p of pending) {
      if ('fast' in p) this.checkFast(p.fast, p.analysis, this.mode);
      else this.check(p.block, p.analysis, this.mode);
    }
  }

  /** The rounding mode in use: fixed, or decided from the first LOOKAHEAD blocks; null while undecided. */
  get decidedMode(): RoundingChoice['mode'] | null {
    return this.mode;
  }

  /** Close the block being read (the input continues elsewhere: a segment ends at a block boundary). */
  closeBlock(): void {
    this.parser.end();
  }

  /** A segment's part of the file, for the verifier of the whole file to `absorb`; call after `closeBlock`. */
  segmentStats(): SegmentStats {
    return { misses: { ...this.tally.misses }, counts: { ...this.counts }, projects: this.projects, fileFindings: [...this.parser.fileFindings] };
  }

  /** Take in what a segment checked elsewhere found, as if its blocks had been read here. */
  absorb(s: SegmentStats): void {
    for (const m of Object.keys(s.misses) as RoundingChoice['mode'][]) this.tally.misses[m] += s.misses[m];
    for (const k of Object.keys(s.counts) as Severity[]) this.counts[k] += s.counts[k];
    this.projects += s.projects;
    this.absorbed.push(...s.fileFindings);
  }

  /** End of input. `meta` describes how the file was read. */
  end(meta: Omit<FileRead, 'path' | 'format'> & { format?: SourceFormat; findings?: Finding[] }): FileInfo {
    this.parser.end();
    if (!this.options.parseOnly && this.mode === null) this.decide();
    const fileFindings = [...this.parser.fileFindings, ...this.absorbed, ...(meta.findings ?? []), ...fileLevelFindings(meta.lineEndings, this.projects, meta.lineCount)];
    let rounding: RoundingChoice | null = null;
    if (!this.options.parseOnly) {
      const requested = this.options.rounding ?? 'auto';
      const final = this.tally.choose(requested);
      // Under auto the mode was fixed after LOOKAHEAD blocks; say so if all of them would have chosen otherwise.
      const changed = requested === 'auto' && final.mode !== this.mode;
      rounding = { ...final, mode: this.mode!, ambiguous: final.ambiguous || changed };
      // Rounding up is never chosen silently: no rule provides for it.
      if (requested === 'auto' && rounding.mode === 'ceil' && this.projects > 0) {
        fileFindings.push(finding('rounding-convention', null, { args: { scope: 'file', fileMode: 'ceil' } }));
      }
      if (rounding.ambiguous && this.projects > 0) {
        fileFindings.push(
          finding('rounding-mode-ambiguous', null, {
            args: { chosen: rounding.mode, truncate: final.misses.truncate, 'half-up': final.misses['half-up'], ceil: final.misses.ceil, ...(changed ? { wholeFile: final.mode, decidedAfter: LOOKAHEAD } : {}) },
          }),
        );
      }
    }
    const kept = applyOverrides(fileFindings, this.options.overrides).sort(byLine);
    if (this.map) locateFindings(kept, null, this.map);
    const counts = { ...this.counts };
    const own = countBySeverity(kept);
    for (const k of Object.keys(own) as Severity[]) counts[k] += own[k];
    const { findings: _source, ...read } = meta;
    return { path: this.path, format: meta.format ?? 'text', ...read, rounding, fileFindings: kept, projects: this.projects, counts };
  }
}

/** The head fields of a record, in one order, for comparing the two paths. */
function compactKey(h: ProjectHead): unknown[] {
  const t = h.funds.total;
  const n = (c: { num: { text: string } | null } | null) => c?.num?.text ?? null;
  return [h.line, h.title, h.template, h.name, h.department, h.implementer, h.unit, t && [t.line, t.label, n(t.initialBudget), n(t.budget), n(t.executed), n(t.weight), n(t.rate), n(t.score)], h.indicators.length, h.stated.line, n(h.stated.weightTotal), n(h.stated.total), h.stated.grade, h.stated.gradeLine, h.stated.gradeCol];
}
