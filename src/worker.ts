/** A worker thread for --jobs: processes whole files and sends back their output in one message each. */
import { parentPort } from 'node:worker_threads';
import { handleJob, type WorkerJob } from './jobrunner.js';

const encoder = new TextEncoder();

parentPort!.on('message', async (job: WorkerJob) => {
  const reply = await handleJob(job);
  if (reply.ok && typeof reply.text === 'string') {
    // The output goes back as UTF-8 bytes whose buffer is transferred, not copied: ndjson is several times the input.
    const bytes = encoder.encode(reply.text);
    parentPort!.postMessage({ ...reply, text: bytes }, [bytes.buffer]);
  } else parentPort!.postMessage(reply);
});
