// One measured task, run in its own process so that peak RSS is its own.
// Usage: node test/bench/task.mjs <lines|papaparse|verify> FILE [extra CLI args…]
// Prints one JSON line on stderr: { task, seconds, maxRssMB, rows? }.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const [task, file, ...extra] = process.argv.slice(2);
const t0 = performance.now();
let rows = 0;
if (task === 'lines') {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 }), crlfDelay: Infinity });
  for await (const _line of rl) rows++;
} else if (task === 'papaparse') {
  const { default: Papa } = await import('papaparse');
  await new Promise((resolve, reject) =>
    Papa.parse(createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 }), {
      delimiter: '\t',
      newline: '\n',
      fastMode: true,
      step: () => rows++,
      complete: resolve,
      error: reject,
    }),
  );
} else if (task === 'verify') {
  const { run } = await import('../../dist/cli.js');
  // stdout is /dev/null (the parent ignores it): the cost of writing stays in.
  const code = await run(['verify', file, '--format', 'ndjson', ...extra], {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: { ...process.env, NO_COLOR: '1' },
    cwd: process.cwd(),
  });
  if (code === 2) process.exitCode = 2;
} else {
  throw new Error(`unknown task ${task}`);
}
const seconds = (performance.now() - t0) / 1000;
process.stderr.write(JSON.stringify({ task, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024, rows }) + '\n');
