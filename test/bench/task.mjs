// One measured task, run in its own process so that peak RSS is its own.
// Usage: node test/bench/task.mjs <floor|papaparse> FILE
//        node test/bench/task.mjs write OUTPUT   (the output floor: a run's saved output written again, see below)
//        node test/bench/task.mjs cli FILE COMMAND [ARGS…]   (evalcheck COMMAND FILE ARGS…, stdout to /dev/null)
// Prints one JSON line on stderr: { task, seconds, maxRssMB, rows?, exit? }.
import { createReadStream, openSync, readFileSync, readSync } from 'node:fs';

const [task, file, ...rest] = process.argv.slice(2);
let t0 = performance.now();
let rows = 0;
if (task === 'floor') {
  // The line-split floor: read as evalcheck does (64 KB synchronous reads, a streaming decoder) and find
  // the line ends with indexOf. Nothing that reads every line can be faster.
  const buf = Buffer.allocUnsafe(1 << 16);
  const dec = new TextDecoder('utf-8', { ignoreBOM: true });
  const fd = openSync(file, 'r');
  let pending = '';
  for (let n; (n = readSync(fd, buf, 0, 1 << 16, null)) > 0; ) {
    const t = pending + dec.decode(buf.subarray(0, n), { stream: true });
    let ls = 0;
    for (let nl = t.indexOf('\n'); nl !== -1; nl = t.indexOf('\n', ls)) {
      rows++;
      ls = nl + 1;
    }
    pending = t.slice(ls);
  }
} else if (task === 'write') {
  // The output floor: what writing a run's output costs when its text is already made. FILE is the output of
  // a run, read whole first (not timed); its lines are then joined into 16 K-character pieces and written to
  // stdout, as evalcheck's writer does (src/cli/output.ts: strings, converted to UTF-8 by the stream). No run
  // that writes these bytes can take less.
  const text = readFileSync(file, 'utf8');
  t0 = performance.now();
  let parts = [];
  let size = 0;
  for (let a = 0, b; a < text.length; a = b + 1) {
    b = text.indexOf('\n', a);
    if (b === -1) b = text.length;
    const line = text.slice(a, b + 1);
    parts.push(line);
    size += line.length;
    rows++;
    if (size >= 1 << 14) {
      process.stdout.write(parts.join(''));
      parts = [];
      size = 0;
    }
  }
  process.stdout.write(parts.join(''));
} else if (task === 'papaparse') {
  const { default: Papa } = await import('papaparse');
  await new Promise((resolve, reject) =>
    Papa.parse(createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 }), { delimiter: '\t', newline: '\n', fastMode: true, step: () => rows++, complete: resolve, error: reject }),
  );
} else if (task === 'cli') {
  // The real executable (its code cache and V8 heap flag); stdout is /dev/null (the parent ignores it), so the
  // cost of writing stays in. It finishes asynchronously: measured when the process exits.
  const [command, ...args] = rest;
  process.argv = [process.argv[0], 'evalcheck', command, file, ...args];
  process.on('exit', () => {
    const exit = process.exitCode ?? 0;
    if (exit !== 2) process.exitCode = 0;
    report(exit);
  });
  await import('../../bin/evalcheck.cjs');
} else {
  throw new Error(`unknown task ${task}`);
}
function report(exit) {
  const seconds = (performance.now() - t0) / 1000;
  process.stderr.write(JSON.stringify({ task, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024, rows, ...(exit !== undefined ? { exit } : {}) }) + '\n');
}
if (task !== 'cli') report();
