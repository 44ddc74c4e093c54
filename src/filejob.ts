/** One input through the pipeline: read, verify block by block, hand each project on. Shared by the CLI and its workers. */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { EvalcheckError, noTableError, readError } from './errors.js';
import type { Finding } from './findings.js';
import { detectEncoding, feedBuffer, feedFile, feedRange, readStdin } from './io.js';
import type { Encoding } from './parse/decode.js';
import { RowFeeder } from './parse/feed.js';
import { FastLane, fastSetting, type FastSetting } from './fast/lane.js';
import { FileVerifier, type FileInfo, type SegmentStats, type SeverityOverrides } from './pipeline.js';
import type { LineEnding } from './model.js';
import type { RoundingMode } from './decimal.js';
import { planSegments, SEGMENTING, type Segment } from './segments.js';
import type { Command, Formatter, FormatMeta, StreamContext } from './report/types.js';
import type { RoundingSetting } from './score/rounding.js';
import type { CheckPolicy } from './checks/types.js';
import type { SummaryBuilder } from './summary.js';
import { ResultCollector, type VerifyResult } from './verify.js';
import type { InputRef } from './inputs.js';
import { feedDocument, formatOf, isTextFormat, type SourceFormat } from './source/index.js';

export interface FileJobOptions {
  command: Command;
  /** Whether the run's formatter streams (decided by the CLI from what the formatter needs); for workers. */
  streamed?: boolean;
  rounding: RoundingSetting;
  overrides?: SeverityOverrides | undefined;
  /** Thresholds of the judgement checks. */
  policy?: Partial<CheckPolicy> | undefined;
  encoding?: Encoding | undefined;
  /** Show errors only. */
  quiet?: boolean | undefined;
  /** Keep the whole result (for formatters that render the whole run). */
  keep: boolean;
  /** A streaming formatter: each project is written as soon as it is checked. */
  stream: Formatter | null;
  meta: FormatMeta;
  summary: SummaryBuilder | null;
  /** Lanes a large file may be checked on at once (see segments.ts); default 1. */
  lanes?: number | undefined;
  /** Read every input as this format (--input-format) instead of deciding by its bytes and name. */
  inputFormat?: SourceFormat | undefined;
  /** The fast path (fast/lane.ts): on, off, or `check` (every block read both ways); default from EVALCHECK_FAST. */
  fast?: FastSetting | undefined;
}

export interface FileJobIO {
  cwd: string;
  stdin: AsyncIterable<Buffer | string>;
  write: (text: string) => void;
  onBytes?: (n: number) => void;
  /** Called between chunks of a streamed file; a promise makes reading wait (output backpressure). */
  pause?: () => Promise<void> | null;
  /**
   * Check segments of a large file on other lanes (given with `lanes` > 1):
   * their output goes straight to the output, in order; `onResult` gets what
   * each adds to the file, in order.
   */
  runSegments?: (input: InputRef, segments: SegmentJob[], onResult: (r: SegmentResult) => void) => Promise<void>;
  /** Called before a file is split over lanes; throws, before any of the file's output, when they cannot run. */
  lanesReady?: () => Promise<void>;
}

/** The verifier of one input, handing each checked project to the collector, the summary and the streaming formatter. */
function verifierFor(path: string, o: FileJobOptions, write: (text: string) => void, rounding = o.rounding) {
  const shownOf = (fs: Finding[]): Finding[] => (o.quiet ? fs.filter((f) => f.severity === 'error') : fs);
  const collector = o.keep ? new ResultCollector() : null;
  const ctx: StreamContext = { command: o.command, path, rounding: null, requested: rounding };
  const verifier = new FileVerifier(path, { rounding, ...(o.overrides ? { overrides: o.overrides } : {}), ...(o.policy ? { policy: o.policy } : {}), parseOnly: o.command === 'parse', fast: o.fast ?? fastSetting() }, (pr, fs) => {
    collector?.add(pr, fs);
    o.summary?.add(path, pr, fs);
    if (o.stream) {
      ctx.rounding = pr.figures?.rounding ?? null;
      write(o.stream.project!(pr, shownOf(fs), ctx, o.meta));
    }
  });
  return { verifier, collector, ctx, shownOf };
}

/**
 * Whether blocks of this input are checked on the fast path (fast/lane.ts):
 * exported text, and an output that reads heads and figures only (compact
 * records, summaries, the terminal table), so that no record is read twice.
 */
function fastFor(format: SourceFormat, o: FileJobOptions): boolean {
  if (format !== 'text' || o.command === 'parse' || o.keep || o.meta.records === 'full' || (o.fast ?? fastSetting()) === 'off') return false;
  return o.stream === null ? o.summary !== null : o.stream.heads === true;
}

/** A byte range of a file, to be checked on its own under a decided rounding mode (see segments.ts). */
export interface SegmentJob extends Segment {
  encoding: Encoding;
  mode: RoundingMode;
}

/** What checking a segment adds to its file. */
export interface SegmentResult {
  stats: SegmentStats;
  lineEndings: Partial<Record<LineEnding, number>>;
  /** Number of the segment's last line. */
  lastLine: number;
  /** Bytes of the file it covered. */
  bytes: number;
}

/** Check one segment of a file; its projects go to `write` (streaming formats) and `o.summary`. */
export async function runSegment(input: InputRef, seg: SegmentJob, o: FileJobOptions, io: FileJobIO): Promise<SegmentResult> {
  const { verifier } = verifierFor(input.path, o, io.write, seg.mode);
  const feeder = new RowFeeder((cells, line) => verifier.row(cells, line), { firstLine: seg.firstLine, ...(fastFor('text', o) ? { lines: new FastLane(verifier) } : {}) });
  try {
    await feedRange(resolve(io.cwd, input.path), seg.encoding, seg.start, seg.end, feeder);
  } catch (e) {
    throw inputError(e, input.path);
  }
  feeder.end();
  verifier.closeBlock();
  return { stats: verifier.segmentStats(), lineEndings: feeder.endings, lastLine: feeder.lineCount, bytes: seg.end - seg.start };
}

/** What to throw for a failure reading input `path`: an EvalcheckError naming it (and the line, where known); other errors as they are. */
function inputError(e: unknown, path: string): unknown {
  if (e instanceof EvalcheckError) return new EvalcheckError(e.code, e.message, { path, ...(e.line !== undefined ? { line: e.line } : {}) });
  if (typeof (e as NodeJS.ErrnoException).code !== 'string') return e;
  return readError(e, path);
}

function addEndings(a: Partial<Record<LineEnding, number>>, b: Partial<Record<LineEnding, number>>): Partial<Record<LineEnding, number>> {
  const out = { ...a };
  for (const k of Object.keys(b) as LineEnding[]) out[k] = (out[k] ?? 0) + b[k]!;
  return out;
}

/** The segments to check a file in, when it is large enough and UTF-8; null to read it in one piece. */
async function segmentsOf(path: string, forced: Encoding | undefined): Promise<{ encoding: Encoding; skip: number; segments: Segment[] } | null> {
  const size = statSync(path).size;
  if (size < SEGMENTING.minFileBytes) return null;
  const { encoding, skip, damaged } = await detectEncoding(path, forced);
  // (A file with undecodable bytes is read in one piece: its escapes and findings come from one reader.)
  if (encoding !== 'utf-8' || damaged) return null;
  const segments = planSegments(path, size, skip);
  return segments.length > 1 ? { encoding, skip, segments } : null;
}

/**
 * The first segment here (it decides the rounding mode under auto), the
 * others through `io.runSegments` (other lanes), their findings absorbed in
 * file order. Returns the line endings and last line of the segments after
 * the first.
 */
async function runSegmented(
  input: InputRef,
  path: string,
  split: { encoding: Encoding; segments: Segment[] },
  o: FileJobOptions,
  io: FileJobIO,
  verifier: FileVerifier,
  feeder: RowFeeder,
): Promise<{ lineEndings: Partial<Record<LineEnding, number>>; lastLine: number }> {
  const [first, ...rest] = split.segments as [Segment, ...Segment[]];
  const range = (s: number, e: number) => feedRange(path, split.encoding, s, e, feeder, { onBytes: io.onBytes, pause: io.pause, forced: o.encoding !== undefined });
  await io.lanesReady?.();
  await range(first.start, first.end);
  feeder.end(); // (nothing is pending: a segment ends at a line start)
  verifier.closeBlock();
  const mode = o.command === 'parse' ? 'half-up' : verifier.decidedMode;
  if (mode === null) {
    // Fewer than LOOKAHEAD blocks in the first segment: the mode is not decided yet, so read on here.
    await range(rest[0]!.start, rest.at(-1)!.end);
    feeder.end();
    return { lineEndings: {}, lastLine: feeder.lineCount };
  }
  let lineEndings: Partial<Record<LineEnding, number>> = {};
  let lastLine = feeder.lineCount;
  await io.runSegments!(
    input,
    rest.map((seg) => ({ ...seg, encoding: split.encoding, mode })),
    (r) => {
      verifier.absorb(r.stats);
      lineEndings = addEndings(lineEndings, r.lineEndings);
      lastLine = r.lastLine;
    },
  );
  return { lineEndings, lastLine };
}

/** The first bytes of a file (enough to tell a workbook, a document or a page from text). */
function headOf(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** Process one input. Input problems throw EvalcheckError (naming the file and, where known, the line). */
export async function runFile(input: InputRef, o: FileJobOptions, io: FileJobIO): Promise<{ info: FileInfo; result: VerifyResult | null }> {
  const { verifier, collector, ctx, shownOf } = verifierFor(input.path, o, io.write);
  let feeder: RowFeeder | null = null;
  const feederFor = (format: SourceFormat) =>
    (feeder = new RowFeeder((cells, line) => verifier.row(cells, line), { delimiter: format === 'csv' ? ',' : '\t', ...(fastFor(format, o) ? { lines: new FastLane(verifier) } : {}) }));
  let read: { format: SourceFormat; encoding: string; bom: boolean; lineEndings?: Partial<Record<LineEnding, number>>; lineCount?: number; findings?: Finding[] };
  let cleanup: (() => void) | undefined;
  // What a streaming formatter's file header shows, known before the first row.
  const onMeta = (m: { encoding: string; bom: boolean }) => (ctx.source = { ...ctx.source!, encoding: m.encoding, bom: m.bom });
  // Set when the file was checked in segments (the feeder saw only the first).
  let lineEndings: Partial<Record<LineEnding, number>> | undefined;
  let lineCount: number | undefined;
  try {
    if (input.kind === 'stdin') {
      const s = await readStdin(io.stdin);
      if ('buffer' in s) {
        const format = formatOf('-', s.buffer, o.inputFormat);
        ctx.source = { format };
        if (isTextFormat(format)) read = { format, ...feedBuffer(s.buffer, '-', o.encoding, feederFor(format), onMeta) };
        else read = await feedDocument(s.buffer, '-', format, verifier, o.encoding);
      } else {
        cleanup = s.cleanup;
        const format = formatOf('-', headOf(s.path), o.inputFormat);
        ctx.source = { format };
        if (isTextFormat(format)) read = { format, ...(await feedFile(s.path, o.encoding, feederFor(format), io.onBytes, io.pause, onMeta)) };
        else read = await feedDocument(readFileSync(s.path), '-', format, verifier, o.encoding);
      }
    } else if (input.kind === 'entry') {
      // A table file inside a zip archive: read whole, as a document or as standard input's text is.
      const { entryBytes } = await import('./source/archive.js');
      const bytes = entryBytes(resolve(io.cwd, input.archive), input.raw, input.path);
      io.onBytes?.(bytes.length);
      const format = formatOf(input.path, bytes, o.inputFormat);
      ctx.source = { format };
      if (isTextFormat(format)) read = { format, ...feedBuffer(bytes, input.path, o.encoding, feederFor(format), onMeta) };
      else read = await feedDocument(bytes, input.path, format, verifier, o.encoding);
    } else {
      const path = resolve(io.cwd, input.path);
      const format = formatOf(input.path, headOf(path), o.inputFormat);
      ctx.source = { format };
      if (!isTextFormat(format)) {
        const bytes = readFileSync(path);
        io.onBytes?.(bytes.length);
        read = await feedDocument(bytes, input.path, format, verifier, o.encoding, path);
      } else {
        const split = format === 'text' && io.runSegments && (o.lanes ?? 1) > 1 ? await segmentsOf(path, o.encoding) : null;
        const f = feederFor(format);
        if (split) {
          read = { format, encoding: split.encoding, bom: split.skip > 0 };
          onMeta(read);
          const more = await runSegmented(input, path, split, o, io, verifier, f);
          lineEndings = addEndings(f.endings, more.lineEndings);
          lineCount = more.lastLine;
        } else read = { format, ...(await feedFile(path, o.encoding, f, io.onBytes, io.pause, onMeta)) };
      }
    }
  } catch (e) {
    throw inputError(e, input.path);
  } finally {
    cleanup?.();
  }
  const fed = feeder as RowFeeder | null;
  const info = verifier.end({ ...read, lineEndings: lineEndings ?? fed?.endings ?? read.lineEndings ?? {}, lineCount: lineCount ?? fed?.lineCount ?? read.lineCount ?? 0 });
  if (info.projects === 0) throw noTableError(info.lineCount, input.path);
  if (o.stream?.fileEnd) {
    const end = o.stream.fileEnd({ ...info, fileFindings: shownOf(info.fileFindings) }, ctx, o.meta);
    if (typeof end === 'string') io.write(end);
    else
      for (const piece of end) {
        io.write(piece);
        const wait = io.pause?.();
        if (wait) await wait;
      }
  }
  let result: VerifyResult | null = null;
  if (collector) {
    const r = collector.result(info);
    result = o.quiet ? { ...r, findings: shownOf(r.findings) } : r;
  }
  return { info, result };
}
