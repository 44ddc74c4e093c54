#!/usr/bin/env node
// The executable: only wires the process to the CLI and sets the exit code.
// It loads the bundled CLI (dist/bin/, built by `npm run build`): one file to
// load instead of dozens of modules halves the start-up cost.
import { setFlagsFromString } from 'node:v8';
import { run } from '../dist/bin/cli.js';

// Let the old generation grow by 20 % after a collection instead of V8's
// default (which lets it roughly double): streaming a large file makes much
// short-lived garbage, and the default let peak RSS reach ~120-129 MB on the
// 100 MB corpus. With 20 % it stays near 104 MB at the same speed
// (npm run bench; also measured interleaved, 2-5 runs per setting). This is one
// of the few V8 heap flags that still takes effect after start-up; the
// young-generation size and --max-old-space-size do not.
setFlagsFromString('--heap-growing-percent=20');

// Exiting early on a closed pipe (`| head -1`) is quiet, not an EPIPE crash.
process.stdout.on('error', (e) => {
  if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

try {
  process.exitCode = await run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  });
} catch (e) {
  // Input problems never get here (they are one-line messages); this is a bug: show its stack, exit 2.
  process.stderr.write(`evalcheck: internal error — please report it with this trace\n${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 2;
}
