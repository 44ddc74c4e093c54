/** One input through the pipeline: read, verify block by block, hand each project on. Shared by the CLI and its workers. */
import { resolve } from 'node:path';
import { EvalcheckError, readError } from './errors.js';
import type { Finding } from './findings.js';
import { feedBuffer, feedFile, readStdin, type ReadMeta } from './io.js';
import type { Encoding } from './parse/decode.js';
import { RowFeeder } from './parse/feed.js';
import { FileVerifier, type FileInfo, type SeverityOverrides } from './pipeline.js';
import type { Command, Formatter, FormatMeta } from './report/types.js';
import type { RoundingSetting } from './score/rounding.js';
import type { SummaryBuilder } from './summary.js';
import { ResultCollector, type VerifyResult } from './verify.js';
import type { InputRef } from './inputs.js';

export interface FileJobOptions {
  command: Command;
  rounding: RoundingSetting;
  overrides?: SeverityOverrides | undefined;
  encoding?: Encoding | undefined;
  /** Show errors only. */
  quiet?: boolean | undefined;
  /** Keep the whole result (for formatters that render the whole run). */
  keep: boolean;
  /** A streaming formatter: each project is written as soon as it is checked. */
  stream: Formatter | null;
  meta: FormatMeta;
  summary: SummaryBuilder | null;
}

export interface FileJobIO {
  cwd: string;
  stdin: AsyncIterable<Buffer | string>;
  write: (text: string) => void;
  onBytes?: (n: number) => void;
  /** Called between chunks of a streamed file; a promise makes reading wait (output backpressure). */
  pause?: () => Promise<void> | null;
}

/** Process one input. Input problems throw EvalcheckError (naming the file and, where known, the line). */
export async function runFile(input: InputRef, o: FileJobOptions, io: FileJobIO): Promise<{ info: FileInfo; result: VerifyResult | null }> {
  const shownOf = (fs: Finding[]): Finding[] => (o.quiet ? fs.filter((f) => f.severity === 'error') : fs);
  const collector = o.keep ? new ResultCollector() : null;
  const ctx = { command: o.command, path: input.path, rounding: null as string | null };
  const verifier = new FileVerifier(input.path, { rounding: o.rounding, ...(o.overrides ? { overrides: o.overrides } : {}), parseOnly: o.command === 'parse' }, (pr, fs) => {
    collector?.add(pr, fs);
    o.summary?.add(input.path, pr, fs);
    if (o.stream) {
      ctx.rounding = pr.figures?.rounding ?? null;
      io.write(o.stream.project!(pr, shownOf(fs), ctx, o.meta));
    }
  });
  const feeder = new RowFeeder((cells, line) => verifier.row(cells, line));
  let read: ReadMeta;
  let cleanup: (() => void) | undefined;
  try {
    if (input.kind === 'stdin') {
      const s = await readStdin(io.stdin);
      if ('buffer' in s) read = feedBuffer(s.buffer, '-', o.encoding, feeder);
      else {
        cleanup = s.cleanup;
        read = await feedFile(s.path, o.encoding, feeder, io.onBytes, io.pause);
      }
    } else read = await feedFile(resolve(io.cwd, input.path), o.encoding, feeder, io.onBytes, io.pause);
  } catch (e) {
    if (e instanceof EvalcheckError) throw new EvalcheckError(e.code, e.message, { path: input.path, ...(e.line !== undefined ? { line: e.line } : {}) });
    if (typeof (e as NodeJS.ErrnoException).code !== 'string') throw e;
    throw readError(e, input.path);
  } finally {
    cleanup?.();
  }
  const info = verifier.end({ ...read, lineEndings: feeder.endings, lineCount: feeder.lineCount });
  if (info.projects === 0) throw new EvalcheckError('no-table', `no self-evaluation table found (${info.lineCount} lines read)`, { path: input.path });
  if (o.stream?.fileEnd) io.write(o.stream.fileEnd({ ...info, fileFindings: shownOf(info.fileFindings) }, ctx, o.meta));
  let result: VerifyResult | null = null;
  if (collector) {
    const r = collector.result(info);
    result = o.quiet ? { ...r, findings: shownOf(r.findings) } : r;
  }
  return { info, result };
}
