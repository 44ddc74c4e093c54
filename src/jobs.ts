/**
 * A small pool for --jobs: n lanes, one of them the main thread itself (a
 * worker costs a thread, an isolate and its own JIT warm-up; on a 2-core
 * machine the main thread is better used checking files than waiting).
 * Replies are handed back in input order.
 */
import { Worker } from 'node:worker_threads';
import { handleJob, type WorkerJob, type WorkerReply } from './jobrunner.js';


/** dist/worker.js, also when this module runs from src/ under the test runner. */
function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../dist/worker.js', here) : new URL('./worker.js', here);
}

export async function runPool(jobs: Omit<WorkerJob, 'id'>[], lanes: number, onReply: (reply: WorkerReply, index: number) => void): Promise<void> {
  const workers = Array.from({ length: Math.max(0, Math.min(lanes - 1, jobs.length - 1)) }, () => new Worker(workerUrl()));
  const done = new Map<number, WorkerReply>();
  let nextToSend = 0;
  let nextToDeliver = 0;
  // Two files in flight per worker when there are many (the next is there when one is done); one when
  // there are few, so that they spread over every lane.
  const inFlight = jobs.length >= lanes * 8 ? 2 : 1;
  const take = (): WorkerJob | null => (nextToSend < jobs.length ? { ...jobs[nextToSend]!, id: nextToSend++ } : null);
  try {
    await new Promise<void>((resolve, reject) => {
      const deliver = () => {
        while (done.has(nextToDeliver)) {
          const r = done.get(nextToDeliver)!;
          done.delete(nextToDeliver);
          onReply(r, nextToDeliver++);
        }
        if (nextToDeliver === jobs.length) resolve();
      };
      const settle = (r: WorkerReply) => {
        done.set(r.id, r);
        try {
          deliver();
        } catch (e) {
          reject(e);
        }
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
  }
}
