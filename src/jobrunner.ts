/** One --jobs job: a whole file through the pipeline, its output as one piece of text. Runs in a worker or in the main thread. */
import { EvalcheckError } from './errors.js';
import { runFile, type FileJobOptions } from './filejob.js';
import type { InputRef } from './inputs.js';
import { loadFormatter, type FormatName } from './report/index.js';
import { SummaryBuilder } from './summary.js';

export interface WorkerJob {
  id: number;
  input: InputRef;
  cwd: string;
  format: FormatName;
  options: Omit<FileJobOptions, 'stream' | 'summary' | 'keep'> & { summary: boolean };
}

export type WorkerReply =
  | { id: number; ok: true; text: string | Uint8Array; info: { projects: number; counts: { error: number; warning: number; info: number } }; summary: ReturnType<SummaryBuilder['export']> | null }
  | { id: number; ok: false; error: { code: EvalcheckError['code']; message: string; path?: string; line?: number } }
  | { id: number; ok: false; crash: string };

const NO_STDIN = (async function* () {})();

export async function handleJob(job: WorkerJob): Promise<WorkerReply> {
  let text = '';
  try {
    const formatter = await loadFormatter(job.format);
    const summary = job.options.summary ? new SummaryBuilder() : null;
    const { info } = await runFile(job.input, { ...job.options, keep: false, stream: formatter.project ? formatter : null, summary }, {
      cwd: job.cwd,
      stdin: NO_STDIN,
      write: (t) => (text += t),
    });
    return { id: job.id, ok: true, text, info: { projects: info.projects, counts: info.counts }, summary: summary ? summary.export() : null };
  } catch (e) {
    return e instanceof EvalcheckError
      ? { id: job.id, ok: false, error: { code: e.code, message: e.message, ...(e.path !== undefined ? { path: e.path } : {}), ...(e.line !== undefined ? { line: e.line } : {}) } }
      : { id: job.id, ok: false, crash: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}
