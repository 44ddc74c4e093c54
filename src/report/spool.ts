/**
 * Text held for later in bounded memory: kept in memory while small, then
 * appended to a temporary file; read back in pieces of 16 KB, and the file
 * removed. Pieces stay small so that they die young (see CHUNK_CHARS in
 * cli/output.ts: a piece in V8's large-object space waits for a full GC).
 * The `json` format spools a file's projects and findings
 * until the file's header fields (known at its end) have been written.
 */
import { closeSync, mkdtempSync, openSync, readSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { removeAtExit, removeTemp } from '../temp.js';

export const SPOOL_CHARS = 1 << 14;


export class Spool {
  private parts: string[] = [];
  private size = 0;
  private dir: string | null = null;
  private fd: number | null = null;
  /** Items added (not characters). */
  count = 0;

  constructor(private readonly limit = SPOOL_CHARS) {}

  add(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    this.count++;
    if (this.size >= this.limit) this.spill();
  }

  private spill(): void {
    if (this.fd === null) {
      this.dir = mkdtempSync(join(tmpdir(), 'evalcheck-spool-'));
      // (A file that failed half-way leaves its spool unread: removed at exit.)
      removeAtExit(this.dir);
      this.fd = openSync(join(this.dir, 'spool'), 'w+');
    }
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }

  /** Everything added, in order, in pieces; the spool is empty (and its file gone) afterwards. */
  *read(): Generator<string> {
    if (this.fd !== null) {
      const fd = this.fd;
      try {
        const dec = new StringDecoder('utf8');
        const buf = Buffer.allocUnsafe(1 << 14);
        for (let pos = 0; ; ) {
          const n = readSync(fd, buf, 0, buf.length, pos);
          if (n === 0) break;
          pos += n;
          yield dec.write(buf.subarray(0, n));
        }
        const tail = dec.end();
        if (tail) yield tail;
      } finally {
        this.dispose();
      }
    }
    const rest = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (rest) yield rest;
  }

  dispose(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    if (this.dir) {
      removeTemp(this.dir);
    }
    this.dir = null;
  }
}
