/** Replacing a file atomically: write a temporary file beside it, then rename it over the original. */
import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EvalcheckError } from './errors.js';

/** The file-system calls used, injectable so that tests can simulate a full disk. */
export interface AtomicFs {
  statSync(path: string): { mode: number; uid: number; gid: number; nlink: number };
  realpathSync(path: string): string;
  writeFileSync(path: string, data: Uint8Array, options: { mode: number; flag: string }): void;
  chmodSync(path: string, mode: number): void;
  chownSync(path: string, uid: number, gid: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

/**
 * Replace the file at `path` with `data`, atomically: a temporary file beside
 * it, renamed over it. Through a symlink, the target is replaced (the link
 * stays a link). The file keeps its mode (set explicitly, whatever the
 * umask) and, where the process may set it, its owner and group. A file
 * with other hard links is refused unless `force` (the rename would leave
 * the other names holding the old table); a read-only file is refused. On
 * any failure (full disk, no permission) the temporary file is removed and
 * the original is left as it was. Errors are EvalcheckErrors (exit 2).
 */
export function writeAtomic(path: string, data: Uint8Array, o: { force?: boolean; fs?: AtomicFs } | AtomicFs = {}): void {
  const opts = 'writeFileSync' in o ? { fs: o } : o;
  const fs = opts.fs ?? (nodeFs as unknown as AtomicFs);
  let target: string;
  let st: { mode: number; uid: number; gid: number; nlink: number };
  try {
    target = fs.realpathSync(path);
    st = fs.statSync(target);
  } catch (e) {
    throw new EvalcheckError('write', `cannot write: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, { path });
  }
  // Checked by mode bits: as root, access(W_OK) says yes to read-only files.
  if ((st.mode & 0o222) === 0) throw new EvalcheckError('write', 'is read-only; left unchanged', { path });
  if (st.nlink > 1 && !opts.force) {
    const n = st.nlink - 1;
    throw new EvalcheckError('write', `has ${n} other hard link${n === 1 ? '' : 's'}: --write would leave ${n === 1 ? 'it' : 'them'} unchanged; give --force to write anyway`, { path });
  }
  const failed = replaceWith(fs, target, data, 0o600, (temp) => {
    // The mode exactly (the umask applied at creation), and the owner where allowed (as root, or the same owner).
    fs.chmodSync(temp, st.mode & 0o7777);
    try {
      fs.chownSync(temp, st.uid, st.gid);
    } catch (e) {
      // Not permitted for another owner when not root: the file is then the writer's, as any edit would make it.
      if ((e as NodeJS.ErrnoException).code !== 'EPERM') throw e;
    }
  });
  if (failed) throw new EvalcheckError('write', `cannot write (${withReason(failed)}); the original is unchanged`, { path });
}

/** A temporary file's name beside `path` (same directory, so that a rename replaces `path` atomically). */
export const tempBeside = (path: string): string => join(dirname(path), `.${basename(path)}.evalcheck-${process.pid}-${Date.now().toString(36)}`);

/** An error code as the messages show it. */
export const withReason = (code: string): string => `${code}${code === 'ENOSPC' ? ': disk full' : ''}`;

/**
 * Write `data` to a temporary file beside `target`, `prepare` it, and rename it over `target`. On failure
 * the temporary file is removed and the error's code returned (null when done).
 */
function replaceWith(fs: Pick<AtomicFs, 'writeFileSync' | 'renameSync' | 'unlinkSync'>, target: string, data: Uint8Array, mode: number, prepare?: (temp: string) => void): string | null {
  const temp = tempBeside(target);
  try {
    fs.writeFileSync(temp, data, { mode, flag: 'wx' });
    prepare?.(temp);
    fs.renameSync(temp, target);
    return null;
  } catch (e) {
    try {
      fs.unlinkSync(temp);
    } catch {
      // Nothing was written, or it is already gone.
    }
    return (e as NodeJS.ErrnoException).code ?? 'error';
  }
}

/**
 * Write an output file (`-o`) whole or not at all: into a temporary file
 * beside it, renamed over `path` once complete. A failure (full disk, no
 * permission, a directory in the way) leaves no partial file and whatever
 * was at `path` before.
 */
export function writeWhole(path: string, data: string | Uint8Array, fs: Pick<AtomicFs, 'writeFileSync' | 'renameSync' | 'unlinkSync'> = nodeFs as unknown as AtomicFs): void {
  const failed = replaceWith(fs, path, typeof data === 'string' ? Buffer.from(data) : data, 0o666);
  if (failed) throw new EvalcheckError('write', `cannot write output (${withReason(failed)})`, { path });
}
