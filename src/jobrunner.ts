/** One --jobs job: a whole file through the pipeline, its output as one piece of text (or a spill file). Runs in a worker or in the main thread. */
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { withReason } from './atomic.js';
import { EvalcheckError } from './errors.js';
import { runFile, runSegment, type FileJobOptions, type SegmentJob, type SegmentResult } from './filejob.js';
import type { InputRef } from './inputs.js';
import { loadFormatter, type FormatName } from './report/index.js';
import { SummaryBuilder } from './summary.js';

export interface WorkerJob {
  id: number;
  input: InputRef;
  cwd: string;
  format: FormatName;
  options: Omit<FileJobOptions, 'stream' | 'summary' | 'keep'> & { summary: boolean };
  /** A directory (made and removed by the caller) for output too large to hold in memory. */
  spillDir: string;
  /** Check only this byte range of the file (one segment of a large file). */
  segment?: SegmentJob;
}

export type WorkerReply =
  | {
      id: number;
      ok: true;
      /** The output; empty when it went to `file`. */
      text: string | Uint8Array;
      /** The output, when it outgrew SPILL_CHARS: a file in the job's spill directory, for the caller to copy out and remove. */
      file: string | null;
      info: { projects: number; counts: { error: number; warning: number; info: number } };
      summary: ReturnType<SummaryBuilder['export']> | null;
      /** For a segment job: what it adds to its file. */
      segment?: SegmentResult;
    }
  | { id: number; ok: false; error: { code: EvalcheckError['code']; message: string; path?: string; line?: number } }
  | { id: number; ok: false; crash: string };

/**
 * Output of one job beyond this many characters goes to a file: files finish
 * out of order but are written in order, and the ndjson of a 100 MB input is
 * ~400 MB — held in memory, two large files on two lanes took 1.8 GB.
 */
export const SPILL_CHARS = 1 << 18;
/**
 * Once spilling, output is written on in pieces of this many characters. Pieces held until a few megabytes
 * had built up outlived the young generation: with two lanes, a fifth of each thread's time went to the
 * garbage collector (against a twentieth on one lane).
 */
export const PIECE_CHARS = 1 << 14;

/** A job's output: in memory while small, then appended to a spill file as it comes. */
export class JobOutput {
  private parts: string[] = [];
  private size = 0;
  private fd: number | null = null;
  readonly path: string;

  constructor(dir: string, id: number) {
    this.path = join(dir, `${id}.out`);
  }

  write(t: string): void {
    this.parts.push(t);
    this.size += t.length;
    if (this.size >= (this.fd === null ? SPILL_CHARS : PIECE_CHARS)) this.spill();
  }

  private spill(): void {
    try {
      this.fd ??= openSync(this.path, 'w');
      writeSync(this.fd, this.parts.join(''));
    } catch (e) {
      // A full or unwritable temporary directory is the environment's, not a bug: one line, naming it.
      throw new EvalcheckError('write', `cannot write the temporary output of --jobs (${withReason((e as NodeJS.ErrnoException).code ?? 'error')})`, { path: dirname(this.path) });
    }
    this.parts = [];
    this.size = 0;
  }

  /** The whole output: its text, or the file it went to. */
  finish(): { text: string; file: string | null } {
    if (this.fd === null) return { text: this.parts.join(''), file: null };
    this.spill();
    closeSync(this.fd);
    this.fd = null;
    return { text: '', file: this.path };
  }

  /** After a failure: drop what was written. */
  discard(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.path, { force: true });
  }
}

const NO_STDIN = (async function* () {})();

export async function handleJob(job: WorkerJob): Promise<WorkerReply> {
  const output = new JobOutput(job.spillDir, job.id);
  try {
    const formatter = await loadFormatter(job.format);
    const summary = job.options.summary ? new SummaryBuilder() : null;
    const options = { ...job.options, keep: false, stream: job.options.streamed ? formatter : null, summary };
    const io = { cwd: job.cwd, stdin: NO_STDIN, write: (t: string) => output.write(t) };
    if (job.segment) {
      const segment = await runSegment(job.input, job.segment, options, io);
      const { projects, counts } = segment.stats;
      return { id: job.id, ok: true, ...output.finish(), info: { projects, counts }, summary: summary ? summary.export() : null, segment };
    }
    const { info } = await runFile(job.input, options, io);
    return { id: job.id, ok: true, ...output.finish(), info: { projects: info.projects, counts: info.counts }, summary: summary ? summary.export() : null };
  } catch (e) {
    output.discard();
    return e instanceof EvalcheckError
      ? { id: job.id, ok: false, error: { code: e.code, message: e.message, ...(e.path !== undefined ? { path: e.path } : {}), ...(e.line !== undefined ? { line: e.line } : {}) } }
      : { id: job.id, ok: false, crash: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}
