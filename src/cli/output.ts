/**
 * Where the CLI writes: the injected streams (tests run the CLI in-process),
 * output in 64 KB pieces with backpressure, a guard that turns a failed
 * write into a one-line error (a closed pipe into a quiet stop), output
 * files written whole, and the progress line.
 */
import { closeSync, openSync, readSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tempBeside, withReason } from '../atomic.js';
import { EvalcheckError } from '../errors.js';
import { UI, type Lang } from '../messages.js';
import { forgetTemp, removeAtExit } from '../temp.js';

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

/** A job's spilled output to the output, 1 MB at a time, waiting whenever the output is behind; then the file is removed. */
export async function copyOut(path: string, out: Chunked): Promise<void> {
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
 * Characters per write. A piece stays under V8's large-object size (128 KB:
 * 16 K two-byte characters are 32 KB), so it dies young; larger pieces (64 K
 * characters of Chinese text are 128 KB) went to the large-object space,
 * which only a full collection frees, and peak RSS grew with them.
 */
const CHUNK_CHARS = 1 << 14;

/**
 * Streamed output in pieces of about 16 K characters: one write per project would be
 * one system call per project. Flushed at the end of every file, so a
 * consumer still sees each file as soon as it is done.
 */
export class Chunked {
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
    if (this.size >= CHUNK_CHARS) this.flush();
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
    private readonly lang: Lang = 'en',
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
    this.out.write(`\r\x1b[K${UI[this.lang].progress(this.file, this.total, mb.toFixed(1), rate.toFixed(1))}`);
    this.shown = true;
  }
  done(): void {
    if (this.shown) this.out!.write('\r\x1b[K');
  }
}

/**
 * Standard output as the CLI uses it: a write that fails is remembered, not
 * thrown. A closed pipe (EPIPE: `| head`) stops the output quietly, and the
 * run goes on to its exit code (errors found are still exit 1); any other
 * failure (ENOSPC: a full disk, /dev/full) stops the output and ends the run
 * with one line and exit 2. Waiting for 'drain' ends when the output fails.
 */
export class GuardedWriter implements Writer {
  /** The failure, when a write failed for another reason than a closed pipe. */
  failure: NodeJS.ErrnoException | null = null;
  /** The reader went away (EPIPE). */
  closed = false;
  private waiting: (() => void)[] = [];
  readonly isTTY: boolean | undefined;
  readonly columns: number | undefined;
  constructor(private readonly out: Writer & { on?(event: 'error', listener: (e: NodeJS.ErrnoException) => void): unknown }) {
    this.isTTY = out.isTTY;
    this.columns = out.columns;
    out.on?.('error', (e) => this.fail(e));
  }
  get stopped(): boolean {
    return this.closed || this.failure !== null;
  }
  write(s: string | Uint8Array): boolean {
    if (this.stopped) return true;
    try {
      return this.out.write(s) !== false;
    } catch (e) {
      this.fail(e as NodeJS.ErrnoException);
      return true;
    }
  }
  once(event: 'drain', listener: () => void): void {
    if (this.stopped) return listener();
    this.waiting.push(listener);
    this.out.once?.(event, () => {
      const i = this.waiting.indexOf(listener);
      if (i !== -1) this.waiting.splice(i, 1);
      listener();
    });
  }
  private fail(e: NodeJS.ErrnoException): void {
    if (e?.code === 'EPIPE') this.closed = true;
    else if (!this.failure) this.failure = e;
    const w = this.waiting;
    this.waiting = [];
    for (const f of w) f();
  }
  /** Resolves once what was written has been handed on or has failed (a stream reports a failed write a tick later). */
  async settled(): Promise<void> {
    const out = this.out as { writableNeedDrain?: boolean };
    if (!this.stopped && out.writableNeedDrain) await new Promise<void>((r) => this.once('drain', r));
    await new Promise((r) => setImmediate(r));
  }
  /** The one-line error for a failed write, or null. */
  error(): EvalcheckError | null {
    if (!this.failure) return null;
    const code = this.failure.code ?? 'error';
    return new EvalcheckError('write', `cannot write to standard output (${withReason(code)})`);
  }
}

/**
 * An output file (`-o`) written as it goes, into a temporary file beside it
 * that becomes `path` only when the run completes (`commit`); on failure or
 * `abort` it is removed, so no partial report is ever left under that name.
 */
export class FileWriter implements Writer {
  private fd: number;
  private readonly temp: string;
  failure: NodeJS.ErrnoException | null = null;
  constructor(readonly path: string) {
    this.temp = tempBeside(path);
    try {
      this.fd = openSync(this.temp, 'wx', 0o666);
      removeAtExit(this.temp);
    } catch (e) {
      throw new EvalcheckError('write', `cannot write output (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { path });
    }
  }
  write(s: string | Uint8Array): boolean {
    if (this.failure) return true;
    try {
      const b = typeof s === 'string' ? Buffer.from(s) : s;
      for (let off = 0; off < b.length; ) off += writeSync(this.fd, b, off, b.length - off);
    } catch (e) {
      this.failure = e as NodeJS.ErrnoException;
    }
    return true;
  }
  /** Close and rename into place; throws the one-line error if any write failed. */
  commit(): void {
    closeSync(this.fd);
    if (this.failure) {
      this.abort();
      const code = this.failure.code ?? 'error';
      throw new EvalcheckError('write', `cannot write output (${withReason(code)})`, { path: this.path });
    }
    try {
      renameSync(this.temp, this.path);
      forgetTemp(this.temp);
    } catch (e) {
      this.abort();
      throw new EvalcheckError('write', `cannot write output (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { path: this.path });
    }
  }
  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // Already closed.
    }
    try {
      unlinkSync(this.temp);
    } catch {
      // Already gone.
    }
    forgetTemp(this.temp);
  }
}
