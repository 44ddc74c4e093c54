// One measured task, run in its own process so that peak RSS is its own.
// Usage: node test/bench/task.mjs <lines|papaparse|check|verify> FILE [extra CLI args…]
// Prints one JSON line on stderr: { task, seconds, maxRssMB, rows? } (rows: rows read, or projects checked).
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
  // The real executable (it loads the code cache and sets the V8 heap flag the CLI runs with); stdout
  // is /dev/null (the parent ignores it): the cost of writing stays in. It finishes asynchronously:
  // measured when the process exits.
  process.argv = [process.argv[0], 'evalcheck', 'verify', file, '--format', 'ndjson', ...extra];
  process.on('exit', () => {
    if (process.exitCode !== 2) process.exitCode = 0;
    report();
  });
  await import('../../bin/evalcheck.cjs');
} else if (task === 'check') {
  // verify's work without its output: read, parse and check every block, write nothing.
  // With verify's own time this splits the cost between checking and writing ndjson.
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--heap-growing-percent=20'); // as bin/evalcheck.cjs
  const { feedFile } = await import('../../dist/io.js');
  const { RowFeeder } = await import('../../dist/parse/feed.js');
  const { FileVerifier } = await import('../../dist/pipeline.js');
  const v = new FileVerifier(file, {}, () => rows++);
  const feeder = new RowFeeder((cells, line) => v.row(cells, line));
  const meta = await feedFile(file, undefined, feeder);
  v.end({ ...meta, lineEndings: feeder.endings, lineCount: feeder.lineCount });
} else {
  throw new Error(`unknown task ${task}`);
}
function report() {
  const seconds = (performance.now() - t0) / 1000;
  process.stderr.write(JSON.stringify({ task, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024, rows }) + '\n');
}
if (task !== 'verify') report();
