/** Replacing a file atomically: write a temporary file beside it, then rename it over the original. */
import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EvalcheckError } from './errors.js';

/** The file-system calls used, injectable so that tests can simulate a full disk. */
export interface AtomicFs {
  statSync(path: string): { mode: number };
  writeFileSync(path: string, data: Uint8Array, options: { mode: number; flag: string }): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

/**
 * Replace `path` with `data`. A read-only file is refused; on any failure
 * (full disk, no permission) the temporary file is removed and the original
 * is left as it was. Errors are EvalcheckErrors (exit 2).
 */
export function writeAtomic(path: string, data: Uint8Array, fs: AtomicFs = nodeFs): void {
  let mode: number;
  try {
    mode = fs.statSync(path).mode;
  } catch (e) {
    throw new EvalcheckError('write', `cannot write: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, { path });
  }
  // Checked by mode bits: as root, access(W_OK) says yes to read-only files.
  if ((mode & 0o222) === 0) throw new EvalcheckError('write', 'is read-only; left unchanged', { path });
  const temp = join(dirname(path), `.${basename(path)}.evalcheck-${process.pid}-${Date.now().toString(36)}`);
  try {
    fs.writeFileSync(temp, data, { mode: mode & 0o7777, flag: 'wx' });
    fs.renameSync(temp, path);
  } catch (e) {
    try {
      fs.unlinkSync(temp);
    } catch {
      // Nothing was written, or it is already gone.
    }
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new EvalcheckError('write', `cannot write (${code}${code === 'ENOSPC' ? ': disk full' : ''}); the original is unchanged`, { path });
  }
}

/**
 * Write an output file (`-o`) whole or not at all: into a temporary file
 * beside it, renamed over `path` once complete. A failure (full disk, no
 * permission, a directory in the way) leaves no partial file and whatever
 * was at `path` before.
 */
export function writeWhole(path: string, data: string | Uint8Array, fs: Pick<AtomicFs, 'writeFileSync' | 'renameSync' | 'unlinkSync'> = nodeFs): void {
  const temp = join(dirname(path), `.${basename(path)}.evalcheck-${process.pid}-${Date.now().toString(36)}`);
  try {
    fs.writeFileSync(temp, typeof data === 'string' ? Buffer.from(data) : data, { mode: 0o666, flag: 'wx' });
    fs.renameSync(temp, path);
  } catch (e) {
    try {
      fs.unlinkSync(temp);
    } catch {
      // Nothing was written, or it is already gone.
    }
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new EvalcheckError('write', `cannot write output (${code}${code === 'ENOSPC' ? ': disk full' : ''})`, { path });
  }
}
