/**
 * A small pool for --jobs: n lanes, one of them the main thread itself (a
 * worker costs a thread, an isolate and its own JIT warm-up; on a 2-core
 * machine the main thread is better used checking files than waiting).
 * Replies are handed back in input order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { withReason } from './atomic.js';
import { EvalcheckError } from './errors.js';
import { handleJob, type WorkerJob, type WorkerReply } from './jobrunner.js';
import { removeAtExit, removeTemp } from './temp.js';


/** dist/worker.js, also when this module runs from src/ under the test runner. */
function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../dist/worker.js', here) : new URL('./worker.js', here);
}

/** The run's directory for output too large to hold (TMPDIR missing, full or unwritable: a one-line error, exit 2). */
function makeSpillDir(): string {
  try {
    return mkdtempSync(join(tmpdir(), 'evalcheck-jobs-'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new EvalcheckError('write', `cannot make a temporary directory for --jobs (${withReason(code)}); run without --jobs, or set TMPDIR`, { path: tmpdir() });
  }
}

/** Whether the pool can run (its temporary directory can be made): throws the pool's one-line error if not. */
export function checkSpillDir(): void {
  rmSync(makeSpillDir(), { recursive: true, force: true });
}

export async function runPool(
  jobs: Omit<WorkerJob, 'id' | 'spillDir'>[],
  lanes: number,
  onReply: (reply: WorkerReply, index: number) => void | Promise<void>,
): Promise<void> {
  // The directory first: a worker started before a failure here would keep the process alive.
  const spillDir = makeSpillDir();
  const workers = Array.from({ length: Math.max(0, Math.min(lanes - 1, jobs.length - 1)) }, () => new Worker(workerUrl()));
  // Also when the process exits early (a closed pipe: `| head`, a signal), which skips `finally`.
  removeAtExit(spillDir);
  const done = new Map<number, WorkerReply>();
  let nextToSend = 0;
  let nextToDeliver = 0;
  // Two files in flight per worker when there are many (the next is there when one is done); one when
  // there are few, so that they spread over every lane.
  const inFlight = jobs.length >= lanes * 8 ? 2 : 1;
  const take = (): WorkerJob | null => (nextToSend < jobs.length ? { ...jobs[nextToSend]!, id: nextToSend++, spillDir } : null);
  try {
    await new Promise<void>((resolve, reject) => {
      // Replies are handed on one at a time and in input order; handing one on may wait (output backpressure).
      let delivering = false;
      const deliver = async () => {
        if (delivering) return;
        delivering = true;
        try {
          while (done.has(nextToDeliver)) {
            const r = done.get(nextToDeliver)!;
            done.delete(nextToDeliver);
            await onReply(r, nextToDeliver++);
          }
        } finally {
          delivering = false;
        }
        if (nextToDeliver === jobs.length) resolve();
      };
      const settle = (r: WorkerReply) => {
        done.set(r.id, r);
        deliver().catch(reject);
      };
      for (const w of workers) {
        w.on('message', (r: WorkerReply) => {
          const next = take();
          if (next) w.postMessage(next);
          settle(r);
        });
        w.on('error', reject);
        for (let k = 0; k < inFlight; k++) {
          const next = take();
          if (next) w.postMessage(next);
        }
      }
      // The main thread's lane: one file at a time, yielding between files so worker replies get through.
      const local = async () => {
        for (let job = take(); job; job = take()) {
          settle(await handleJob(job));
          await new Promise((r) => setImmediate(r));
        }
      };
      local().catch(reject);
      if (jobs.length === 0) resolve();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
    removeTemp(spillDir);
  }
}
