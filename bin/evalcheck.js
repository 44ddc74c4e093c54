#!/usr/bin/env node
// The executable: only wires the process to the CLI and sets the exit code.
// It loads the bundled CLI (dist/bin/, built by `npm run build`): one file to
// load instead of dozens of modules halves the start-up cost.
import { run } from '../dist/bin/cli.js';

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
