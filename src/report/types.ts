import type { Finding, Severity } from '../findings.js';
import type { Lang } from '../messages.js';
import type { FileInfo, ProjectResult } from '../pipeline.js';
import type { Summary } from '../summary.js';
import type { VerifyResult } from '../verify.js';
import type { FailureJSON } from './serialize.js';

export type Command = 'parse' | 'verify' | 'summary';

/** Everything a formatter may show: the results of one run. */
export interface RunResult {
  command: Command;
  /** Per file; empty when the formatter streams (it saw each project as it came). */
  results: VerifyResult[];
  /** Inputs that could not be read at all (missing, binary, no table…). */
  failures: FailureJSON[];
  /** Totals over every file, whether or not the results were kept. */
  counts: { files: number; projects: number } & Record<Severity, number>;
  /** For `summary`. */
  summary?: Summary;
  /** For `summary --grade`. */
  grade?: boolean;
}

/** Presentation settings that come from the terminal and the flags; formatters never look them up. */
export interface FormatMeta {
  lang: Lang;
  color: boolean;
  /** Terminal width in columns. */
  width: number;
  /**
   * Machine formats (json, ndjson): per project the full records (every funds row, indicator and text row),
   * or compact: name, line, template, the stated figures, the recomputed ones and the findings. Default full.
   */
  records?: Records;
  /** -q: show errors only (the findings given are already only the errors; a table leaves out projects without any). */
  quiet?: boolean;
  /** The time reports say they were made (default now; the CLI takes SOURCE_DATE_EPOCH when set). */
  now?: Date;
}

/** How much of each project the machine formats write. */
export type Records = 'compact' | 'full';
export const RECORDS: readonly Records[] = ['compact', 'full'];

/** Where a streamed project comes from. */
export interface StreamContext {
  command: Command;
  path: string;
  /** The file's rounding mode, once decided (null when only parsing). */
  rounding: string | null;
  /** The rounding setting asked for (auto or a mode). */
  requested?: string;
  /** How the file is read, once known: its format, and for text its encoding. */
  source?: { format: string; encoding?: string; bom?: boolean };
}

/**
 * A formatter is pure: results in, text out. A streaming formatter also has
 * `project` (the text for one project, written as soon as it is checked) and
 * `fileEnd` (the text closing one file); the CLI then does not keep results
 * and does not call the formatter itself.
 */
export type Formatter = ((run: RunResult, meta: FormatMeta) => string) & {
  project?: (result: ProjectResult, findings: readonly Finding[], ctx: StreamContext, meta: FormatMeta) => string;
  /** The text closing one file: a string, or pieces (a file's spooled output, written with backpressure). */
  fileEnd?: (info: FileInfo, ctx: StreamContext, meta: FormatMeta) => string | Iterable<string>;
  /**
   * false when its streamed output is one document across files (json): then files and segments are not
   * checked on other lanes, whose output would each open the document. Default true.
   */
  lanes?: boolean | ((command: Command) => boolean);
  /**
   * What it needs for this command: each project as it is checked (`stream`; needs `project`), only the summary
   * rows (`summary`: results are not kept), or the whole results (`results`). Default: `stream` when it has
   * `project`, else `results`. The CLI keeps what the formatter says, never decides by the format's name.
   */
  needs?: (command: Command, o?: { sorted?: boolean }) => 'stream' | 'summary' | 'results';
  /** false: it writes each summary row itself (streamed), so the summary keeps only its totals and gate rows. */
  summaryRows?: boolean;
  /**
   * true when `project` reads only a project's head (`headOfResult`), figures and findings, never its record
   * (with compact records): its input may then be checked on the fast path, which makes no record.
   */
  heads?: boolean;
  /** A binary format (xlsx): its output as bytes; the function itself is not called. Never streams. */
  bytes?: (run: RunResult, meta: FormatMeta) => Uint8Array;
  /** A streaming formatter's last words, once every input is done (the run's counts; results are empty). */
  runEnd?: (run: RunResult, meta: FormatMeta) => string;
};
