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

/** Remove `path` (a file or a directory) at exit unless `forgetTemp` was called first. */
export function keepTemp(path: string): void {
  live.add(path);
  if (!hooked) {
    hooked = true;
    process.on('exit', removeAll);
  }
}

/** `path` is gone or has become a result: no longer removed at exit. */
export function forgetTemp(path: string): void {
  live.delete(path);
}
