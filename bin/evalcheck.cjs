#!/usr/bin/env node
'use strict';
// The executable: wires the process to the CLI and sets the exit code.
//
// It loads the CLI bundled into one CommonJS file (dist/bin/cli.cjs, built by
// `npm run build`) through V8's code cache (dist/bin/cli.cjs.cache, made by
// the build from a run on the sample): the code comes in compiled instead of
// being parsed and compiled on every start, which is most of what evalcheck
// adds to Node's own start-up on one small file. Node 20 has no compile cache
// for ES modules (module.enableCompileCache is Node 22), hence CommonJS and
// vm.Script here. A missing, stale or rejected cache (another Node version)
// only makes the start slower, never different.
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire, wrap } = require('node:module');
const { join } = require('node:path');
const { setFlagsFromString } = require('node:v8');
const { Script } = require('node:vm');

// Let the old generation grow by 20 % after a collection instead of V8's
// default (which lets it roughly double): streaming a large file makes much
// short-lived garbage, and the default let peak RSS reach ~120-129 MB on the
// 100 MB corpus. With 20 % it stays near 104 MB at the same speed (npm run
// bench; also measured interleaved, 2-5 runs per setting). One of the few V8
// heap flags that still takes effect after start-up; the young-generation
// size and --max-old-space-size do not. (Set before compiling: V8 accepts a
// code cache only under the flags it was made with.)
setFlagsFromString('--heap-growing-percent=20');

const file = join(__dirname, '..', 'dist', 'bin', 'cli.cjs');
const cacheFile = `${file}.cache`;

/** The cache is used only if it was made from this very bundle: both begin with the same build line. */
function readCache(stamp) {
  let data;
  try {
    data = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const head = Buffer.from(stamp);
  return stamp.startsWith('// evalcheck build ') && data.subarray(0, head.length).equals(head) ? data.subarray(head.length) : undefined;
}

function load() {
  const source = readFileSync(file, 'utf8');
  const stamp = source.slice(0, source.indexOf('\n') + 1);
  const cachedData = readCache(stamp);
  const script = new Script(wrap(source), { filename: file, cachedData });
  // EVALCHECK_DEBUG_CODE_CACHE=1 says whether the cache was used (a slow start after a Node upgrade: rebuild).
  if (process.env.EVALCHECK_DEBUG_CODE_CACHE) process.stderr.write(`evalcheck: code cache ${cachedData === undefined ? 'absent or stale' : script.cachedDataRejected ? 'rejected' : 'used'}\n`);
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, join(file, '..'));
  return { cli: module.exports, script, stamp };
}

const { cli, script, stamp } = load();

// A failed write to standard output (a closed pipe, a full disk) is the CLI's to report: it listens for
// these errors itself (src/cli/output.ts) and ends with the exit code they call for. This listener only
// keeps a late one, after the run, from being an uncaught exception.
process.stdout.on('error', () => {});

// Ctrl-C, a kill, a closed terminal: exit as the signal would (128 + its number), through the exit handlers
// that remove the run's temporary files (src/temp.ts); without this a signal ends the process without them.
// A second signal while they run ends it at once.
for (const [signal, n] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) process.once(signal, () => process.exit(128 + n));

const io = { stdout: process.stdout, stderr: process.stderr, get stdin() { return process.stdin; }, env: process.env, cwd: process.cwd() };

async function main() {
  // Build step (src/build/bundle.mjs): run the given commands, then write the cache with all they compiled.
  const training = process.env.EVALCHECK_WRITE_CODE_CACHE;
  if (training) {
    const sink = { write: () => true };
    for (const argv of JSON.parse(training)) await cli.run(argv, { ...io, stdout: sink, stderr: sink });
    writeFileSync(cacheFile, Buffer.concat([Buffer.from(stamp), script.createCachedData()]));
    return 0;
  }
  return cli.run(process.argv.slice(2), io);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    // Input problems never get here (they are one-line messages); this is a bug: show its stack, exit 2.
    const head = typeof cli.internalErrorText === 'function' ? cli.internalErrorText(process.argv.slice(2), process.env) : 'internal error — please report it with this trace';
    process.stderr.write(`evalcheck: ${head}\n${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 2;
  },
);
