/**
 * Reading inputs without holding them: small files are read whole; larger
 * ones are read in 64 KB chunks (synchronously, into one reused buffer)
 * through a stateful decoder (multi-byte characters may straddle chunk
 * edges) after a first pass over the raw bytes has decided the encoding.
 * Standard input is kept in memory up to SPOOL_LIMIT, then spooled to a
 * temporary file and streamed from there.
 */
import { closeSync, createWriteStream, mkdtempSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EvalcheckError } from './errors.js';
import type { Encoding } from './parse/decode.js';
import { bomOf, OffsetLines, countUtf8Damage, DAMAGE_LIMIT, damageFindings, damageOf, decode, decodeUtf8Lossy } from './parse/decode.js';
import type { Finding } from './findings.js';
import { RowFeeder } from './parse/feed.js';
import { removeAtExit, removeTemp } from './temp.js';

/**
 * Files up to this size are read whole and synchronously (no per-chunk work for a directory of
 * small tables). Larger ones are streamed: a whole 7 MB file peaked at ~131 MB RSS, streamed at
 * ~105 MB and as fast, so the limit is low.
 */
export const WHOLE_FILE_LIMIT = 1 << 20;
/** Standard input beyond this is spooled to a temporary file and streamed from there, like a large file. */
export const SPOOL_LIMIT = WHOLE_FILE_LIMIT;
const CHUNK = 1 << 16;

export interface ReadMeta {
  encoding: Encoding;
  bom: boolean;
  /** Error findings for lines with bytes that could not be decoded (the file was read all the same). */
  findings?: Finding[];
}

/** Feed a buffer held in memory. `onMeta` hears the encoding before the first row. */
export function feedBuffer(buf: Uint8Array, path: string, forced: Encoding | undefined, feeder: RowFeeder, onMeta?: (m: ReadMeta) => void): ReadMeta {
  const d = decode(buf, path, forced);
  onMeta?.({ encoding: d.encoding, bom: d.bom });
  feeder.push(d.text);
  feeder.end();
  return { encoding: d.encoding, bom: d.bom, findings: damageFindings(d.damage, d.encoding) };
}

/**
 * Reads `fd` from `pos` in CHUNK pieces into one buffer that is reused for
 * every chunk: no allocation per chunk, so reading 1 GB does not leave 1 GB
 * of dead buffers for the garbage collector (peak RSS). Bytes before `keep`
 * (a carried-over tail the caller moved to the front) are kept.
 */
class ChunkReader {
  readonly buf = Buffer.allocUnsafe(CHUNK + 8);
  constructor(
    private readonly fd: number,
    public pos: number,
  ) {}
  /** Read the next chunk (stopping at byte `end`); returns the bytes read (0 at the end). */
  next(end = Infinity): number {
    return this.nextAfter(0, end);
  }
  /** Read the next chunk behind the first `keep` bytes of the buffer. */
  nextAfter(keep: number, end = Infinity): number {
    const n = readSync(this.fd, this.buf, keep, Math.max(0, Math.min(CHUNK, end - this.pos)), this.pos);
    this.pos += n;
    return n;
  }
}

/** Let timers and pending I/O (a worker's output, the progress line) run during a long synchronous read. */
const breathe = (): Promise<void> => new Promise((r) => setImmediate(r));
/** Chunks between breaths (1 MB). */
const BREATHE_EVERY = 16;

function withFd<T>(path: string, f: (fd: number) => Promise<T>): Promise<T> {
  const fd = openSync(path, 'r');
  return f(fd).finally(() => closeSync(fd));
}

const lineOfOffset = async (path: string, offset: number): Promise<number> => (await linesOfOffsets(path, [offset]))[0]!;

/** Length of `b[0, len)` without an incomplete UTF-8 sequence at its end. */
function completeUtf8(b: Buffer, len: number): number {
  for (let k = 1; k <= 3 && len - k >= 0; k++) {
    const c = b[len - k]!;
    if ((c & 0xc0) === 0x80) continue;
    if (c >= 0xc0) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      if (k < need) return len - k;
    }
    break;
  }
  return len;
}

/**
 * First pass over the raw bytes: BOM, then UTF-8 validity (NUL bytes and invalid sequences counted: up to
 * DAMAGE_LIMIT of the file they are `damaged` lines, read escaped), else GB18030 validity.
 */
export function detectEncoding(path: string, forced?: Encoding): Promise<{ encoding: Encoding; skip: number; damaged?: boolean }> {
  return withFd(path, async (fd) => {
    const r = new ChunkReader(fd, 0);
    const bom = bomOf(r.buf.subarray(0, readSync(fd, r.buf, 0, 4, 0)));
    if (forced) return { encoding: forced, skip: bom && bom.encoding === forced ? bom.length : 0 };
    if (bom) return { encoding: bom.encoding, skip: bom.length };
    const limit = Math.floor(statSync(path).size * DAMAGE_LIMIT);
    let carry = 0;
    let utf8 = true;
    let bad = 0;
    let firstNul = -1;
    for (let k = 1; ; k++) {
      const n = r.nextAfter(carry);
      if (n === 0) break;
      const nul = r.buf.subarray(carry, carry + n).indexOf(0);
      if (nul !== -1 && firstNul === -1) firstNul = r.pos - n + nul;
      if (utf8) {
        const len = carry + n;
        const end = completeUtf8(r.buf, len);
        const chunk = r.buf.subarray(0, end);
        if (nul !== -1 || !isUtf8(chunk)) bad += countUtf8Damage(chunk, limit - bad);
        if (bad > limit) utf8 = false;
        r.buf.copy(r.buf, 0, end, len);
        carry = utf8 ? len - end : 0;
      } else if (firstNul !== -1) break;
      if (k % BREATHE_EVERY === 0) await breathe();
    }
    if (utf8 && carry > 0 && !isUtf8(r.buf.subarray(0, carry))) bad += carry;
    if (utf8 && bad <= limit) return { encoding: 'utf-8', skip: 0, ...(bad > 0 ? { damaged: true } : {}) };
    if (firstNul !== -1) throw new EvalcheckError('binary', 'is a binary file (NUL byte), not an exported table', { path, line: await lineOfOffset(path, firstNul) });
    // Not UTF-8: GB18030, checked strictly over the whole file.
    const dec = new TextDecoder('gb18030', { fatal: true });
    try {
      r.pos = 0;
      for (let n = r.next(); n > 0; n = r.next()) dec.decode(r.buf.subarray(0, n), { stream: true });
      dec.decode();
    } catch {
      throw new EvalcheckError('encoding', 'is neither UTF-8, UTF-16 (with BOM) nor GB18030 text', { path });
    }
    return { encoding: 'gb18030', skip: 0 };
  });
}

/** Line numbers of ascending byte offsets of a file, in one pass. */
function linesOfOffsets(path: string, offsets: readonly number[]): Promise<number[]> {
  return withFd(path, async (fd) => {
    const r = new ChunkReader(fd, 0);
    const lines = new OffsetLines(offsets);
    for (let n = r.next(); n > 0 && !lines.done; n = r.next()) lines.feed(r.buf, r.pos - n, n);
    return lines.end();
  });
}

/** Stream a file through the feeder, a chunk at a time. */
export async function feedFile(
  path: string,
  forced: Encoding | undefined,
  feeder: RowFeeder,
  onBytes?: (n: number) => void,
  pause?: () => Promise<void> | null,
  onMeta?: (m: ReadMeta) => void,
): Promise<ReadMeta> {
  // Small files are read whole and synchronously: no thread-pool round trips per file (a directory of
  // thousands of small tables), and a CLI has nothing else to do meanwhile.
  const size = statSync(path).size;
  if (size <= WHOLE_FILE_LIMIT) {
    const buf = readFileSync(path);
    onBytes?.(buf.length);
    return feedBuffer(buf, path, forced, feeder, onMeta);
  }
  const { encoding, skip, damaged } = await detectEncoding(path, forced);
  onMeta?.({ encoding, bom: skip > 0 });
  const bad = await feedRange(path, encoding, skip, size, feeder, { onBytes, pause, forced: forced !== undefined, lossy: damaged === true });
  feeder.end();
  if (bad.length === 0) return { encoding, bom: skip > 0 };
  const lines = await linesOfOffsets(path, bad.map((b) => b.offset));
  return { encoding, bom: skip > 0, findings: damageFindings(damageOf(bad.map((b, i) => ({ line: lines[i]!, byte: b.byte }))), encoding) };
}

/**
 * Bytes [start, end) of a file whose encoding is known, through the feeder
 * (without ending it). `start` must be at a character boundary.
 */
export async function feedRange(
  path: string,
  encoding: Encoding,
  start: number,
  end: number,
  feeder: RowFeeder,
  o: { onBytes?: ((n: number) => void) | undefined; pause?: (() => Promise<void> | null) | undefined; forced?: boolean; lossy?: boolean } = {},
): Promise<{ offset: number; byte: number }[]> {
  const dec = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  // Damaged UTF-8 (see decode.ts): bad bytes read as escapes, their offsets kept for the findings.
  const bad: { offset: number; byte: number }[] = [];
  const onBad = (offset: number, byte: number) => bad.push({ offset, byte });
  await withFd(path, async (fd) => {
    const r = new ChunkReader(fd, start);
    let carry = 0;
    try {
      for (let k = 1, n = o.lossy ? r.nextAfter(0, end) : r.next(end); n > 0; k++) {
        // (decode copies out of the buffer before it is reused)
        if (o.lossy) {
          // An incomplete character at the chunk's end waits for the next chunk.
          const len = carry + n;
          const upTo = completeUtf8(r.buf, len);
          feeder.push(decodeUtf8Lossy(r.buf.subarray(0, upTo), onBad, r.pos - len));
          r.buf.copy(r.buf, 0, upTo, len);
          carry = len - upTo;
        } else feeder.push(dec.decode(r.buf.subarray(0, n), { stream: true }));
        o.onBytes?.(n);
        const wait = o.pause?.();
        if (wait) await wait;
        else if (k % BREATHE_EVERY === 0) await breathe();
        n = o.lossy ? r.nextAfter(carry, end) : r.next(end);
      }
      if (o.lossy) feeder.push(decodeUtf8Lossy(r.buf.subarray(0, carry), onBad, r.pos - carry));
      else feeder.push(dec.decode());
    } catch (e) {
      if (e instanceof TypeError) throw new EvalcheckError('encoding', `not valid ${encoding}${o.forced ? ' (forced by --encoding)' : ''}`, { path, line: feeder.lineCount + 1 });
      throw e;
    }
  });
  return bad;
}

/** Standard input: a buffer when small, otherwise a temporary file (removed by `cleanup`). */
export async function readStdin(stdin: AsyncIterable<Buffer | string>): Promise<{ buffer: Buffer } | { path: string; cleanup: () => void }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const it = stdin[Symbol.asyncIterator]();
  for (;;) {
    const { value, done } = await it.next();
    if (done) return { buffer: Buffer.concat(chunks) };
    const b = typeof value === 'string' ? Buffer.from(value) : value;
    chunks.push(b);
    size += b.length;
    if (size > SPOOL_LIMIT) break;
  }
  const dir = mkdtempSync(join(tmpdir(), 'evalcheck-stdin-'));
  removeAtExit(dir);
  const path = join(dir, 'stdin');
  const out = createWriteStream(path);
  const write = (b: Buffer) =>
    new Promise<void>((res, rej) => {
      if (out.write(b)) return res();
      const onError = (e: Error) => {
        out.off('drain', onDrain);
        rej(e);
      };
      const onDrain = () => {
        out.off('error', onError);
        res();
      };
      out.once('drain', onDrain).once('error', onError);
    });
  for (const c of chunks) await write(c);
  for (;;) {
    const { value, done } = await it.next();
    if (done) break;
    await write(typeof value === 'string' ? Buffer.from(value) : value);
  }
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  return {
    path,
    cleanup: () => removeTemp(dir),
  };
}
