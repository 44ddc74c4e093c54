/**
 * The command-line shell over the library: commander wiring, reading inputs,
 * picking a formatter, writing, and returning an exit code. Everything that
 * touches the process (argv, streams, environment) is injected, so tests run
 * the CLI in-process.
 */
import { closeSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { configFromEnv, findConfig, readConfig, type Config } from './config.js';
import { EvalcheckError, readError } from './errors.js';
import { exitCode, EXIT } from './exit.js';
import { runFile, type SegmentJob, type SegmentResult } from './filejob.js';
import type { WorkerReply } from './jobrunner.js';
import { readStdin } from './io.js';
import { expandInputs, type InputRef } from './inputs.js';
import { LANGS, UI, type Lang } from './messages.js';
import { ENCODINGS, type Encoding } from './parse/decode.js';
import { SOURCE_FORMATS, type SourceFormat } from './source/where.js';
import { GRADES, type Grade } from './parse/vocab.js';
import { FORMATS, formatOfOutput, loadFormatter, type Command as CommandName, type FormatName, type RunResult } from './report/index.js';
import { RECORDS, type FormatMeta, type Records } from './report/types.js';
import type { FailureJSON } from './report/serialize.js';
import { ROUNDING_SETTINGS, type RoundingSetting } from './score/rounding.js';
import { belowGrade, SORT_KEYS, SummaryBuilder, type SortKey } from './summary.js';
import { inert } from './text.js';
import type { VerifyResult } from './verify.js';
import { VERSION } from './version.js';
import { formatOf } from './source/detect.js';
import { writeWhole } from './atomic.js';

export interface Writer {
  /** Like a Node stream: false means "buffered; wait for 'drain'". */
  write(s: string | Uint8Array): unknown;
  once?(event: 'drain', listener: () => void): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface IO {
  stdout: Writer;
  stderr: Writer;
  stdin: AsyncIterable<Buffer | string>;
  env: Record<string, string | undefined>;
  cwd: string;
}

interface RescoreFlags {
  write?: boolean;
  diff?: boolean;
  policy?: 'none' | 'proportional';
}

interface Options extends RescoreFlags {
  format?: FormatName;
  lang?: Lang;
  rounding?: RoundingSetting;
  config?: string;
  encoding?: Encoding;
  inputFormat?: SourceFormat;
  quiet?: boolean;
  maxWarnings?: number;
  jobs?: number;
  color: boolean;
  output?: string;
  grade?: boolean;
  minGrade?: Grade;
  sort?: SortKey;
  records?: Records;
}

/** Flags > environment > configuration file > defaults. */
function settings(opts: Options, io: IO): { lang: Lang; format: FormatName; rounding: RoundingSetting; minGrade: Grade | undefined; overrides: Config['severity']; policy: { budgetChange?: number } } {
  const file: Config = opts.config ? readConfig(resolve(io.cwd, opts.config)) : ((p) => (p ? readConfig(p) : {}))(findConfig(io.cwd));
  const env = configFromEnv(io.env);
  return {
    lang: opts.lang ?? env.lang ?? file.lang ?? langFromEnv(io.env),
    format: opts.format ?? (opts.output ? formatOfOutput(opts.output) : undefined) ?? env.format ?? file.format ?? 'table',
    rounding: opts.rounding ?? env.rounding ?? file.rounding ?? 'auto',
    minGrade: opts.minGrade ?? env.minGrade ?? file.minGrade,
    overrides: file.severity,
    policy: file.budgetChange !== undefined ? { budgetChange: file.budgetChange } : {},
  };
}

/** zh for zh_* locales, en otherwise. */
export function langFromEnv(env: IO['env']): Lang {
  const loc = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(loc) ? 'zh' : 'en';
}

/** Colour only on a TTY, never with NO_COLOR, --no-color or TERM=dumb; FORCE_COLOR forces it. */
export function colorWanted(io: IO, flag: boolean): boolean {
  if (!flag) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  if (io.env.TERM === 'dumb') return false;
  return io.stdout.isTTY === true;
}

function failureOf(e: EvalcheckError): FailureJSON {
  return { path: e.path ?? '', code: e.code, line: e.line ?? null, message: e.message };
}

/**
 * Without --jobs: the number of cores, when the input is large enough to pay
 * for a worker (its own isolate and JIT warm-up: measured on 2 cores, 1,000
 * small files ran slower on two lanes than on one, 55 MB ran 1.2–1.35× faster).
 */
const WORKER_WORTHWHILE_BYTES = 32 << 20;

function defaultJobs(inputs: readonly InputRef[], cwd: string): number {
  let bytes = 0;
  for (const i of inputs) {
    if (i.kind !== 'file') continue;
    try {
      bytes += statSync(resolve(cwd, i.path)).size;
    } catch {
      // Reported when the file is read.
    }
    if (bytes >= WORKER_WORTHWHILE_BYTES) return availableParallelism();
  }
  return 1;
}

/** A job's spilled output to the output, 1 MB at a time, waiting whenever the output is behind; then the file is removed. */
async function copyOut(path: string, out: Chunked): Promise<void> {
  out.flush();
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      // A new buffer each time: a pipe may still hold the previous one.
      const buf = Buffer.allocUnsafe(1 << 20);
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      out.write(buf.subarray(0, n));
      await out.drained();
    }
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
}

/**
 * Streamed output in pieces of about 64 KB: one write per project would be
 * one system call per project. Flushed at the end of every file, so a
 * consumer still sees each file as soon as it is done.
 */
class Chunked {
  private parts: string[] = [];
  private size = 0;
  private blocked: Promise<void> | null = null;
  constructor(private readonly out: Writer) {}
  write(s: string | Uint8Array): void {
    if (typeof s !== 'string') {
      this.flush();
      this.push(s);
      return;
    }
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 1 << 16) this.flush();
  }
  flush(): void {
    if (this.size === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.push(text);
  }
  private push(data: string | Uint8Array): void {
    // A pipe to a slow reader (| jq) buffers what it cannot take: remember to wait, or memory grows with the input.
    if (this.out.write(data) === false && this.out.once && !this.blocked) {
      this.blocked = new Promise((resolve) => this.out.once!('drain', () => resolve()));
    }
  }
  /** Resolves when the output has taken what was written (backpressure). */
  drained(): Promise<void> | null {
    const b = this.blocked;
    this.blocked = null;
    return b;
  }
}

/** Progress on standard error for long runs on a terminal: files and MB done, rate. */
export class Progress {
  private bytes = 0;
  private last = 0;
  private shown = false;
  private readonly start: number;
  constructor(
    private readonly out: Writer | null,
    private readonly total: number,
    private readonly now: () => number = Date.now,
  ) {
    this.start = now();
  }
  file = 0;
  add(n: number): void {
    this.bytes += n;
    const now = this.now();
    // Only after a second, and at most every 200 ms: short runs stay silent.
    if (!this.out || now - this.start < 1000 || now - this.last < 200) return;
    this.last = now;
    const mb = this.bytes / 1e6;
    const rate = mb / ((now - this.start) / 1000);
    this.out.write(`\r\x1b[K${this.file}/${this.total} files · ${mb.toFixed(1)} MB · ${rate.toFixed(1)} MB/s`);
    this.shown = true;
  }
  done(): void {
    if (this.shown) this.out!.write('\r\x1b[K');
  }
}

async function execute(command: CommandName, files: string[], opts: Options, io: IO): Promise<number> {
  const { lang, format, rounding, minGrade, overrides, policy } = settings(opts, io);
  const formatter = await loadFormatter(format);
  if (formatter.bytes && !opts.output && io.stdout.isTTY) throw new EvalcheckError('usage', `--format ${format} writes a binary workbook: give a file with -o (for example -o report.${format})`);
  const meta = {
    lang,
    color: opts.output ? false : colorWanted(io, opts.color),
    width: Math.max(80, Math.min(io.stdout.columns ?? 120, 200)),
    // parse is for the records: always whole.
    records: command === 'parse' ? 'full' : (opts.records ?? 'compact'),
    ...(io.env.SOURCE_DATE_EPOCH && /^\d+$/.test(io.env.SOURCE_DATE_EPOCH) ? { now: new Date(Number(io.env.SOURCE_DATE_EPOCH) * 1000) } : {}),
  } satisfies FormatMeta;
  // A streaming formatter writes each project as soon as it is checked (not with -o: that file is written once).
  const stream = !opts.output && formatter.project && (formatter.streams?.(command) ?? true) ? formatter : null;
  // Keep whole results only for formatters that render the whole run.
  const keep = !stream && !(command === 'summary' && (format === 'table' || format === 'csv' || format === 'github'));
  const { inputs, problems } = expandInputs(files, io.cwd);
  const failures: FailureJSON[] = [];
  const fail = (e: EvalcheckError) => {
    failures.push(failureOf(e));
    io.stderr.write(`evalcheck: ${e.oneLine()}\n`);
  };
  problems.forEach(fail);
  const results: VerifyResult[] = [];
  const summary = command === 'summary' ? new SummaryBuilder() : null;
  const counts = { files: 0, projects: 0, error: 0, warning: 0, info: 0 };
  const progress = new Progress(io.stderr.isTTY && !opts.quiet ? io.stderr : null, inputs.length);
  const fileOptions = { command, rounding, overrides, policy, encoding: opts.encoding, inputFormat: opts.inputFormat, quiet: opts.quiet, meta };
  const out = new Chunked(io.stdout);
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
  const jobs = stream?.lanes === false ? 1 : (opts.jobs ?? defaultJobs(inputs, io.cwd));
  if (jobs > 1 && inputs.length > 1 && !keep && inputs.every((i) => i.kind === 'file')) {
    const { runPool } = await import('./jobs.js');
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
      const { runPool } = await import('./jobs.js');
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
          // 1.1-1.3x faster for 2.4x the memory (~250 MB instead of ~105 MB).
          { ...fileOptions, keep, stream, summary, lanes: keep || stream?.lanes === false ? 1 : (opts.jobs ?? 1) },
          { cwd: io.cwd, stdin: io.stdin, write: (t) => out.write(t), onBytes: (n) => progress.add(n), pause: () => out.drained(), runSegments },
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

  if (counts.files > 0 && stream?.runEnd) io.stdout.write(stream.runEnd(run, meta));
  if (counts.files > 0 && !stream) {
    const text = formatter.bytes ? formatter.bytes(run, meta) : formatter(run, meta);
    if (opts.output) writeWhole(resolve(io.cwd, opts.output), text);
    else io.stdout.write(text);
  }
  return exitCode({ failures: failures.length, errors: counts.error, warnings: counts.warning, maxWarnings: opts.maxWarnings, gateFailed });
}

async function executeRescore(files: string[], opts: Options, io: IO): Promise<number> {
  const { lang, rounding } = settings(opts, io);
  const { inputs, problems } = expandInputs(files, io.cwd);
  if (opts.output && inputs.length + problems.length > 1) throw new EvalcheckError('usage', '-o takes one input; use --write to fix several files in place');
  if (opts.write && inputs.some((i) => i.kind === 'stdin')) throw new EvalcheckError('usage', '--write needs files, not standard input');
  let failures = 0;
  let unfixedErrors = 0;
  const fail = (e: EvalcheckError) => {
    failures++;
    io.stderr.write(`evalcheck: ${e.oneLine()}\n`);
  };
  problems.forEach(fail);
  const { rescore, unifiedDiff } = await import('./rescore.js');
  const { writeAtomic } = await import('./atomic.js');
  const { formatMessage, UI } = await import('./messages.js');
  for (const input of inputs) {
    try {
      let bytes: Buffer;
      if (input.kind === 'stdin') {
        const s = await readStdin(io.stdin);
        bytes = 'buffer' in s ? s.buffer : await readFile(s.path);
        if (!('buffer' in s)) s.cleanup();
      } else {
        try {
          bytes = await readFile(resolve(io.cwd, input.path));
        } catch (e) {
          throw readError(e, input.path);
        }
      }
      const format = formatOf(input.kind === 'stdin' ? '-' : input.path, bytes, opts.inputFormat);
      if (format !== 'text') {
        // A workbook, a document or a page is never rewritten: --diff lists the cells to change instead.
        if (!opts.diff) throw new EvalcheckError('usage', `is a ${format} input: rescore rewrites text exports only, and nothing was written; \`rescore --diff\` lists the cells to change`, { path: input.path });
        const { cellChanges } = await import('./rescore-cells.js');
        const r = await cellChanges(bytes, { path: input.path, format, rounding, policy: opts.policy ?? 'none', ...(opts.encoding ? { encoding: opts.encoding } : {}) });
        for (const c of r.changes) io.stdout.write(`${inert(input.path)}: ${c.where}: ${inert(c.old)} → ${c.new} (${c.what}) ${inert(c.project.name ?? '?')}\n`);
        if (r.changes.length === 0 && !opts.quiet) io.stderr.write(`evalcheck: ${UI[lang].nothingToChange(input.path)}\n`);
        for (const f of r.unfixed) {
          unfixedErrors++;
          io.stderr.write(`evalcheck: ${input.path}:${f.line ?? '-'}: ${UI[lang].leftAsIs}: ${formatMessage(f, lang)}\n`);
        }
        continue;
      }
      const r = rescore(bytes, { path: input.path, rounding, policy: opts.policy ?? 'none', ...(opts.encoding ? { encoding: opts.encoding } : {}) });
      if (r.before.projects.length === 0) throw new EvalcheckError('no-table', `no self-evaluation table found (${r.before.lineCount} lines read)`, { path: input.path });
      if (opts.diff) {
        const dec = (b: Uint8Array) => new TextDecoder(r.before.encoding).decode(b);
        io.stdout.write(unifiedDiff(input.path, dec(bytes), dec(r.bytes)));
      } else if (opts.write) {
        if (r.changes.length > 0) writeAtomic(resolve(io.cwd, input.path), r.bytes);
      } else if (opts.output) {
        writeWhole(resolve(io.cwd, opts.output), r.bytes);
      } else io.stdout.write(r.bytes);
      // Summary on stderr: cells changed per project, then what could not be fixed.
      const per = new Map<number, { name: string | null; what: string[] }>();
      for (const c of r.changes) {
        const e = per.get(c.project.line) ?? { name: c.project.name, what: [] };
        e.what.push(c.what);
        per.set(c.project.line, e);
      }
      for (const [line, e] of per) {
        const kinds = [...new Set(e.what)].join(', ');
        io.stderr.write(`evalcheck: ${UI[lang].cellsChanged(`${input.path}:${line}`, e.name ?? '?', e.what.length, kinds)}\n`);
      }
      if (per.size === 0 && !opts.quiet) io.stderr.write(`evalcheck: ${UI[lang].nothingToChange(input.path)}\n`);
      for (const f of r.unfixed) {
        unfixedErrors++;
        io.stderr.write(`evalcheck: ${input.path}:${f.line ?? '-'}: ${UI[lang].leftAsIs}: ${formatMessage(f, lang)}\n`);
      }
    } catch (e) {
      if (e instanceof EvalcheckError) fail(e);
      else throw e;
    }
  }
  if (inputs.length === 0 && failures === 0) throw new EvalcheckError('usage', 'no input files');
  return failures > 0 ? EXIT.usage : unfixedErrors > 0 ? EXIT.findings : EXIT.ok;
}

function positiveInt(v: string): number {
  if (!/^[1-9]\d{0,3}$/.test(v)) throw new InvalidArgumentError('expected a whole number ≥ 1.');
  return Number(v);
}

function nonNegativeInt(v: string): number {
  if (!/^\d{1,9}$/.test(v)) throw new InvalidArgumentError('expected a whole number ≥ 0.');
  return Number(v);
}

/** Options of every command: what to read and how. */
function addInputOptions(cmd: Command): Command {
  return cmd
    .argument('<files...>', 'table exports (files, directories, globs, or - for standard input)')
    .addOption(new Option('--lang <lang>', 'language of messages (default from the locale)').choices(LANGS))
    .addOption(new Option('--rounding <mode>', 'how stated figures were rounded (default: auto)').choices(ROUNDING_SETTINGS))
    .addOption(new Option('--encoding <name>', 'force the input encoding instead of detecting it').choices(ENCODINGS))
    .addOption(new Option('--input-format <name>', 'read every input as this format instead of deciding by its content and extension').choices(SOURCE_FORMATS))
    .option('-c, --config <file>', 'configuration file (default: evalcheck.config.json or .evalcheckrc.json, searched upward)');
}

/** Options of the reporting commands (parse, verify, summary). */
function addCommon(cmd: Command): Command {
  return addInputOptions(cmd)
    .addOption(new Option('-f, --format <name>', 'output format').choices(FORMATS))
    .option('-q, --quiet', 'show errors only')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', nonNegativeInt)
    .option('--no-color', 'no colour, even on a terminal')
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('-j, --jobs <n>', 'lanes (worker threads) to check on: files in parallel (default: the number of cores, for inputs over 32 MB), and a single UTF-8 file over 32 MB split at block boundaries (only when given)', positiveInt);
}

/** How much of each project json and ndjson write (verify, summary; parse always writes the full records). */
function addRecords(cmd: Command): Command {
  return cmd.addOption(new Option('--records <what>', 'json/ndjson: compact (name, figures, findings; the default) or full (every funds row, indicator and text row)').choices(RECORDS));
}

function buildProgram(io: IO, done: (p: Promise<number>) => void): Command {
  const program = new Command('evalcheck')
    .description('Verify 财政项目支出绩效自评表 exports: recompute rates, scores, totals and grades, and report what does not add up.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  addRecords(addCommon(
    program
      .command('verify')
      .description('recompute every derivable number and report what does not add up')
      .addHelpText('beforeAll', 'Examples:\n  evalcheck verify report.txt\n  evalcheck verify reports/ --format json | jq .counts\n  evalcheck verify report.txt --rounding half-up --lang en\n'),
  )).action((files: string[], opts: Options) => done(execute('verify', files, opts, io)));

  addCommon(
    program
      .command('parse')
      .description('read the tables into typed records (no checks)')
      .addHelpText('beforeAll', 'Examples:\n  evalcheck parse report.txt\n  evalcheck parse report.txt --format json\n'),
  ).action((files: string[], opts: Options) => done(execute('parse', files, opts, io)));

  addRecords(addCommon(
    program
      .command('summary')
      .description('one row per project, totals, and a grade gate for CI')
      .addHelpText('beforeAll', 'Examples:\n  evalcheck summary reports/\n  evalcheck summary --grade "reports/**/*.txt"\n  evalcheck summary --grade --min-grade 良 reports/\n'),
  ))
    .option('--grade', 'show the grade distribution; exit 1 when a stated grade disagrees with the recomputed one')
    .addOption(new Option('--min-grade <grade>', 'exit 1 when a recomputed grade is below this').choices(GRADES))
    .addOption(new Option('--sort <key>', 'row order (default: file)').choices(SORT_KEYS))
    .action((files: string[], opts: Options) => done(execute('summary', files, opts, io)));

  addInputOptions(
    program
      .command('rescore')
      .description('write the corrected table: wrong derivable cells replaced, everything else byte-for-byte')
      .addHelpText('beforeAll', 'Examples:\n  evalcheck rescore report.txt > fixed.txt\n  evalcheck rescore report.txt --diff\n  evalcheck rescore reports/*.txt --write\n  evalcheck rescore report.txt --policy proportional -o fixed.txt\n'),
  )
    .option('--write', 'replace each file in place (atomically)')
    .option('--diff', 'print a unified diff instead of the table')
    .option('-o, --output <file>', 'write the corrected table to a file')
    .addOption(new Option('--policy <rule>', 'also rescore unmet quantitative targets by the proportional rule').choices(['none', 'proportional']))
    .option('-q, --quiet', 'say nothing when nothing changes')
    .action((files: string[], opts: Options) => done(executeRescore(files, opts, io)));

  return program;
}

/** Run the CLI with `argv` (without node and script). Returns the exit code; never calls process.exit. */
export async function run(argv: readonly string[], io: IO): Promise<number> {
  let pending: Promise<number> | null = null;
  const program = buildProgram(io, (p) => {
    pending = p;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    if (pending === null) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    return await pending;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are not errors; every other commander complaint is a usage error (2, not 1).
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof EvalcheckError) {
      io.stderr.write(`evalcheck: ${e.oneLine()}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}
