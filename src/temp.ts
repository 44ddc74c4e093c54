/**
 * The temporary files and directories of a run (spools, --jobs output, a
 * large standard input, `-o` before it is renamed into place): removed at
 * exit, also when the run ends early — a closed pipe, or a signal, which the
 * executable turns into an exit (bin/evalcheck.cjs) — so none is left behind.
 */
import { rmSync } from 'node:fs';

const live = new Set<string>();
let hooked = false;

const removeAll = (): void => {
  for (const p of live) rmSync(p, { recursive: true, force: true });
  live.clear();
};

/** Remove `path` (a file or a directory) at exit, unless it is removed or forgotten before. */
export function removeAtExit(path: string): void {
  live.add(path);
  if (!hooked) {
    hooked = true;
    process.on('exit', removeAll);
  }
}

/** `path` has become a result (renamed into place) or is gone: not removed at exit. */
export function forgetTemp(path: string): void {
  live.delete(path);
}

/** Remove `path` now (a file or a directory, recursively; nothing if it is gone). */
export function removeTemp(path: string): void {
  rmSync(path, { recursive: true, force: true });
  live.delete(path);
}
