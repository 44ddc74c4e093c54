/** `verify`, `parse` and `summary`: read every input, check it, and hand the results to the formatter. */
import { fastSetting } from '../fast/lane.js';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { EvalcheckError } from '../errors.js';
import { exitCode } from '../exit.js';
import { runFile, type SegmentJob, type SegmentResult } from '../filejob.js';
import { expandArchives, expandInputs, type InputRef } from '../inputs.js';
import type { WorkerReply } from '../jobrunner.js';
import { UI } from '../messages.js';
import { loadFormatter, type Command as CommandName, type RunResult } from '../report/index.js';
import type { FailureJSON } from '../report/serialize.js';
import type { FormatMeta } from '../report/types.js';
import { belowGrade, SummaryBuilder } from '../summary.js';
import { inert } from '../text.js';
import type { VerifyResult } from '../verify.js';
import { Chunked, copyOut, FileWriter, GuardedWriter, Progress, type IO, type Writer } from './output.js';
import { colorWanted, errorLine, failureOf, settings, type Options } from './settings.js';

/**
 * The lanes `--jobs N` runs on: N, at most the number of cores. More lanes than cores only cost memory (each
 * is a thread with its own heap: --jobs 32 on 100 small files took 4× the time and 590 MB on 2 cores).
 */
export const lanesFor = (requested: number | undefined): number => Math.min(requested ?? 1, availableParallelism());

/** A COLUMNS setting: a whole number of columns, or nothing. */
const columnsOf = (v: string | undefined): number | undefined => (v !== undefined && /^\d{1,4}$/.test(v) ? Number(v) : undefined);

export async function execute(command: CommandName, files: string[], opts: Options, io: IO): Promise<number> {
  const { lang, format, rounding, minGrade, overrides, policy } = settings(opts, io);
  const formatter = await loadFormatter(format);
  if (formatter.bytes && !opts.output && io.stdout.isTTY) throw new EvalcheckError('usage', `--format ${format} writes a binary workbook: give a file with -o (for example -o report.${format})`);
  const meta = {
    lang,
    color: opts.output ? false : colorWanted(io, opts.color),
    // The terminal's width; else COLUMNS, as a shell sets it (a CI log can ask for wide tables); else 120.
    width: Math.max(80, Math.min(io.stdout.columns ?? columnsOf(io.env.COLUMNS) ?? 120, 200)),
    // parse is for the records: always whole.
    records: command === 'parse' ? 'full' : (opts.records ?? 'compact'),
    ...(opts.quiet ? { quiet: true } : {}),
    ...(io.env.SOURCE_DATE_EPOCH && /^\d+$/.test(io.env.SOURCE_DATE_EPOCH) ? { now: new Date(Number(io.env.SOURCE_DATE_EPOCH) * 1000) } : {}),
  } satisfies FormatMeta;
  // The formatter says what it needs: each project as it is checked (streamed), the summary rows only, or the whole results.
  const need = formatter.needs?.(command, { sorted: (opts.sort ?? 'file') !== 'file' }) ?? (formatter.project ? 'stream' : 'results');
  const stream = need === 'stream' ? formatter : null;
  const keep = need === 'results';
  const expanded = expandInputs(files, io.cwd);
  const problems = expanded.problems;
  const inputs = await expandArchives(expanded.inputs, io.cwd, problems);
  const failures: FailureJSON[] = [];
  const fail = (e: EvalcheckError) => {
    failures.push(failureOf(e, lang));
    io.stderr.write(`evalcheck: ${errorLine(e, lang)}\n`);
  };
  problems.forEach(fail);
  const results: VerifyResult[] = [];
  const summary = command === 'summary' ? new SummaryBuilder({ keepRows: !(need === 'stream' && formatter.summaryRows === false), minGrade }) : null;
  const counts = { files: 0, projects: 0, error: 0, warning: 0, info: 0 };
  const progress = new Progress(io.stderr.isTTY && !opts.quiet ? io.stderr : null, inputs.length, Date.now, lang);
  const fileOptions = { command, streamed: stream !== null, rounding, overrides, policy, encoding: opts.encoding, inputFormat: opts.inputFormat, quiet: opts.quiet, meta, fast: fastSetting(io.env) };
  // Standard output, guarded (a failed write is an error line and exit 2, a closed pipe a quiet stop), or the -o file,
  // written as it goes into a temporary file that takes the name only once the run is complete.
  const stdout = new GuardedWriter(io.stdout);
  const file = opts.output ? new FileWriter(resolve(io.cwd, opts.output)) : null;
  const sink: Writer = file ?? stdout;
  try {
    return await check();
  } finally {
    file?.abort();
  }

  async function check(): Promise<number> {
  const out = new Chunked(sink);
  const tally = (projects: number, c: { error: number; warning: number; info: number }) => {
    counts.files++;
    counts.projects += projects;
    for (const k of ['error', 'warning', 'info'] as const) counts[k] += c[k];
  };
  // A lane's reply (a file, or a segment of one): its output to ours, in order, and its summary rows.
  const takeOutput = async (reply: Extract<WorkerReply, { ok: true }>) => {
    if (stream && reply.file) await copyOut(reply.file, out);
    else if (stream) out.write(reply.text);
    if (reply.summary) summary!.merge(reply.summary);
  };
  // Workers pay off for several files whose output is written file by file (streamed formats, summaries).
  // A document across files (json, csv, the summary table) is written on this lane only.
  const oneLane = stream !== null && (typeof stream.lanes === 'function' ? !stream.lanes(command) : stream.lanes === false);
  // One lane unless asked: on this 2-core machine two lanes measured 0.91× on 1,000 small files and 1.26× on
  // one 100 MB file (npm run bench), below the 1.3× that would make them worth a default, for 1.6-2× the memory.
  const jobs = oneLane ? 1 : lanesFor(opts.jobs);
  if (jobs > 1 && inputs.length > 1 && !keep && inputs.every((i) => i.kind === 'file')) {
    const { runPool } = await import('../jobs.js');
    await runPool(
      inputs.map((input) => ({ input, cwd: io.cwd, format, options: { ...fileOptions, summary: summary !== null } })),
      jobs,
      async (reply) => {
        progress.file++;
        progress.add(0);
        if (reply.ok) {
          await takeOutput(reply);
          tally(reply.info.projects, reply.info.counts);
        } else if ('error' in reply) {
          fail(new EvalcheckError(reply.error.code, reply.error.message, reply.error));
        } else throw new Error(`worker failed:\n${reply.crash}`);
        // Each file's output goes out whole and in order.
        out.flush();
      },
    );
    await out.drained();
  } else {
    // One large file on several lanes: its segments after the first go through the pool, their output in order.
    const runSegments = async (input: InputRef, segments: SegmentJob[], onResult: (r: SegmentResult) => void) => {
      const { runPool } = await import('../jobs.js');
      await runPool(
        segments.map((segment) => ({ input, cwd: io.cwd, format, options: { ...fileOptions, summary: summary !== null }, segment })),
        jobs,
        async (reply) => {
          if (!reply.ok) {
            if ('error' in reply) throw new EvalcheckError(reply.error.code, reply.error.message, reply.error);
            throw new Error(`worker failed:\n${reply.crash}`);
          }
          await takeOutput(reply);
          out.flush();
          await out.drained();
          progress.add(reply.segment!.bytes);
          onResult(reply.segment!);
        },
      );
    };
    for (const input of inputs) {
      progress.file++;
      try {
        const { info, result } = await runFile(
          input,
          // One file is split over lanes only when asked (--jobs N): on 2 cores two lanes ran the 100 MB corpus
          // 1.26x faster for 1.6-2x the memory (~165-210 MB instead of ~105 MB).
          { ...fileOptions, keep, stream, summary, lanes: keep ? 1 : jobs },
          { cwd: io.cwd, stdin: io.stdin, write: (t) => out.write(t), onBytes: (n) => progress.add(n), pause: () => out.drained(), runSegments, lanesReady: async () => (await import('../jobs.js')).checkSpillDir() },
        );
        out.flush();
        await out.drained();
        tally(info.projects, info.counts);
        if (result) results.push(result);
      } catch (e) {
        out.flush();
        if (e instanceof EvalcheckError) fail(e);
        else throw e;
      }
      // Nothing more can be written: stop reading.
      if (stdout.failure) break;
    }
  }
  progress.done();
  if (inputs.length === 0 && failures.length === 0) throw new EvalcheckError('usage', 'no input files');

  const run: RunResult = { command, results, failures, counts };
  let gateFailed = false;
  if (summary) {
    run.summary = summary.build(opts.sort ?? 'file');
    run.grade = opts.grade === true;
    if (opts.grade && run.summary.gradeMismatches.length > 0) gateFailed = true;
    if (minGrade) {
      const low = belowGrade(run.summary, minGrade);
      for (const r of low) io.stderr.write(`evalcheck: ${inert(r.file)}:${r.line}: ${UI[lang].belowGrade(inert(r.name ?? '?'), r.grade, minGrade)}\n`);
      if (low.length > 0) gateFailed = true;
    }
    if (opts.grade) {
      for (const r of run.summary.gradeMismatches) io.stderr.write(`evalcheck: ${inert(r.file)}:${r.line}: ${UI[lang].statesGrade(inert(r.name ?? '?'), inert(String(r.statedGrade)), String(r.grade))}\n`);
    }
  }

  // Also a run where nothing could be read: the machine formats then carry the failures (SARIF notifications,
  // JUnit errors, CSV rows, annotations), and the table its closing line.
  const any = counts.files > 0 || failures.length > 0;
  if (any && stream?.runEnd) sink.write(stream.runEnd(run, meta));
  if (any && !stream) sink.write(formatter.bytes ? formatter.bytes(run, meta) : formatter(run, meta));
  file?.commit();
  await stdout.settled();
  const broken = stdout.error();
  if (broken) {
    io.stderr.write(`evalcheck: ${errorLine(broken, lang)}\n`);
    return exitCode({ failures: 1, errors: 0, warnings: 0 });
  }
  return exitCode({ failures: failures.length, errors: counts.error, warnings: counts.warning, maxWarnings: opts.maxWarnings, gateFailed });
  }
}

