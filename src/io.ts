/**
 * Reading inputs without holding them: small files are read whole; larger
 * ones are streamed (64 KB chunks) through a stateful decoder (multi-byte characters may
 * straddle chunk edges) after a first pass over the raw bytes has decided the
 * encoding. Standard input is kept in memory up to SPOOL_LIMIT, then spooled
 * to a temporary file.
 */
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EvalcheckError } from './errors.js';
import type { Encoding } from './parse/decode.js';
import { bomOf, decode } from './parse/decode.js';
import { RowFeeder } from './parse/feed.js';

/** Files up to this size are read whole (faster; memory is no concern). */
export const WHOLE_FILE_LIMIT = 8 << 20;
export const SPOOL_LIMIT = 16 << 20;
const CHUNK = 1 << 16;

export interface ReadMeta {
  encoding: Encoding;
  bom: boolean;
}

/** Feed a buffer held in memory. */
export function feedBuffer(buf: Uint8Array, path: string, forced: Encoding | undefined, feeder: RowFeeder): ReadMeta {
  const d = decode(buf, path, forced);
  feeder.push(d.text);
  feeder.end();
  return { encoding: d.encoding, bom: d.bom };
}

async function lineOfOffset(path: string, offset: number): Promise<number> {
  let line = 1;
  let prevCR = false;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK, end: Math.max(0, offset - 1) }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === 0x0a) line += prevCR ? 0 : 1;
      else if (b === 0x0d) line++;
      prevCR = b === 0x0d;
    }
  }
  return line;
}

/** First pass over the raw bytes: BOM, NUL bytes, UTF-8 validity, else GB18030 validity. */
export async function detectEncoding(path: string, forced?: Encoding): Promise<{ encoding: Encoding; skip: number }> {
  const fh = await open(path, 'r');
  const head = Buffer.alloc(4);
  try {
    await fh.read(head, 0, 4, 0);
  } finally {
    await fh.close();
  }
  const bom = bomOf(head);
  if (forced) return { encoding: forced, skip: bom && bom.encoding === forced ? bom.length : 0 };
  if (bom) return { encoding: bom.encoding, skip: bom.length };
  let offset = 0;
  let carry = Buffer.alloc(0);
  let utf8 = true;
  for await (const raw of createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    const nul = raw.indexOf(0);
    if (nul !== -1) throw new EvalcheckError('binary', 'is a binary file (NUL byte), not an exported table', { path, line: await lineOfOffset(path, offset + nul) });
    if (utf8) {
      const chunk = carry.length ? Buffer.concat([carry, raw]) : raw;
      // Hold back an incomplete sequence at the end of the chunk.
      let end = chunk.length;
      for (let k = 1; k <= 3 && end - k >= 0; k++) {
        const b = chunk[end - k]!;
        if ((b & 0xc0) === 0x80) continue;
        if (b >= 0xc0) {
          const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
          if (k < need) end -= k;
        }
        break;
      }
      if (!isUtf8(chunk.subarray(0, end))) utf8 = false;
      carry = Buffer.from(chunk.subarray(end));
    }
    offset += raw.length;
  }
  if (utf8 && (carry.length === 0 || isUtf8(carry))) return { encoding: 'utf-8', skip: 0 };
  // Not UTF-8: GB18030, checked strictly over the whole file.
  const dec = new TextDecoder('gb18030', { fatal: true });
  try {
    for await (const raw of createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) dec.decode(raw, { stream: true });
    dec.decode();
  } catch {
    throw new EvalcheckError('encoding', 'is neither UTF-8, UTF-16 (with BOM) nor GB18030 text', { path });
  }
  return { encoding: 'gb18030', skip: 0 };
}

/** Stream a file through the feeder, a chunk at a time. */
export async function feedFile(
  path: string,
  forced: Encoding | undefined,
  feeder: RowFeeder,
  onBytes?: (n: number) => void,
  pause?: () => Promise<void> | null,
): Promise<ReadMeta> {
  // Small files are read whole and synchronously: no thread-pool round trips per file (a directory of
  // thousands of small tables), and a CLI has nothing else to do meanwhile.
  const size = statSync(path).size;
  if (size <= WHOLE_FILE_LIMIT) {
    const buf = readFileSync(path);
    onBytes?.(buf.length);
    return feedBuffer(buf, path, forced, feeder);
  }
  const { encoding, skip } = await detectEncoding(path, forced);
  const dec = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  try {
    for await (const raw of createReadStream(path, { highWaterMark: CHUNK, start: skip }) as AsyncIterable<Buffer>) {
      feeder.push(dec.decode(raw, { stream: true }));
      onBytes?.(raw.length);
      const wait = pause?.();
      if (wait) await wait;
    }
    feeder.push(dec.decode());
  } catch (e) {
    if (e instanceof TypeError) throw new EvalcheckError('encoding', `not valid ${encoding}${forced ? ' (forced by --encoding)' : ''}`, { path, line: feeder.lineCount + 1 });
    throw e;
  }
  feeder.end();
  return { encoding, bom: skip > 0 };
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
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
