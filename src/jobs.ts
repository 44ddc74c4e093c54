/** A small worker-thread pool for --jobs: files in parallel, replies handed back in input order. */
import { Worker } from 'node:worker_threads';
import type { WorkerJob, WorkerReply } from './worker.js';

const IN_FLIGHT = 4;

/** dist/worker.js, also when this module runs from src/ under the test runner. */
function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../dist/worker.js', here) : new URL('./worker.js', here);
}

/**
 * Run `jobs` on `n` workers; `onReply` is called in job order (a reply waits
 * for the ones before it), so output stays in input order.
 */
export async function runPool(jobs: Omit<WorkerJob, 'id'>[], n: number, onReply: (reply: WorkerReply, index: number) => void): Promise<void> {
  const workers = Array.from({ length: Math.min(n, jobs.length) }, () => new Worker(workerUrl()));
  const done = new Map<number, WorkerReply>();
  let nextToSend = 0;
  let nextToDeliver = 0;
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
      const feed = (w: Worker) => {
        if (nextToSend < jobs.length) {
          const id = nextToSend++;
          w.postMessage({ ...jobs[id]!, id });
        }
      };
      for (const w of workers) {
        w.on('message', (r: WorkerReply) => {
          done.set(r.id, r);
          feed(w);
          try {
            deliver();
          } catch (e) {
            reject(e);
          }
        });
        w.on('error', reject);
        // A few jobs in flight per worker, so that reading the next file overlaps checking this one.
        for (let k = 0; k < IN_FLIGHT; k++) feed(w);
      }
      if (jobs.length === 0) resolve();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
