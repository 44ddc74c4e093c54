// node test/bench/compare.mjs --base DIR [--mb 100] [--rounds 5] [-- ARGS…]
// Throughput of this checkout against another built checkout (an earlier commit,
// e.g. `git worktree add /tmp/base HEAD~1 && (cd /tmp/base && npm ci)`), on the
// same generated corpus, interleaved (A B B A …), medians. Default ARGS: verify --format ndjson.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generate } from '../../dist/gen.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { values, positionals } = parseArgs({
  options: { base: { type: 'string' }, mb: { type: 'string', default: '100' }, rounds: { type: 'string', default: '5' } },
  allowPositionals: true,
});
if (!values.base) {
  process.stderr.write('usage: node test/bench/compare.mjs --base DIR [--mb 100] [--rounds 5] [-- verify --format ndjson]\n');
  process.exit(2);
}
const mb = Number(values.mb);
const rounds = Number(values.rounds);
const args = positionals.length > 0 ? positionals : ['verify', '--format', 'ndjson'];
const dir = join(ROOT, '.bench');
mkdirSync(dir, { recursive: true });
const file = join(dir, `corpus-${mb}mb.txt`);
if (!existsSync(file)) {
  const fd = openSync(file, 'w');
  generate({ blocks: Math.round((mb * 1e6) / 1330), seed: mb, errors: 0.01 }, (t) => writeSync(fd, Buffer.from(t)));
  closeSync(fd);
}
const bytes = statSync(file).size;
const sides = [
  { name: 'base', bin: join(resolve(values.base), 'bin/evalcheck.cjs') },
  { name: 'this', bin: join(ROOT, 'bin/evalcheck.cjs') },
];
const times = sides.map(() => []);
for (let r = 0; r < rounds; r++) {
  // A B, then B A: neither side always runs first.
  const order = r % 2 === 0 ? [0, 1] : [1, 0];
  order.forEach((k) => {
    const s = sides[k];
    const t0 = performance.now();
    const out = spawnSync(process.execPath, [s.bin, args[0], file, ...args.slice(1)], { stdio: ['ignore', 'ignore', 'ignore'] });
    times[k].push((performance.now() - t0) / 1000);
    if (out.status !== 0 && out.status !== 1) throw new Error(`${s.name} exited ${out.status}`);
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [a, b] = times.map(median);
// Each round's pair ran back to back: the median of the paired ratios is the least sensitive to drift.
const paired = times[0].map((t, i) => t / times[1][i]).sort((x, y) => x - y);
const mbs = (t) => (bytes / 1e6 / t).toFixed(1);
process.stdout.write(
  `${args.join(' ')} on ${(bytes / 1e6).toFixed(0)} MB, ${rounds} interleaved rounds (medians)\n` +
    `base ${a.toFixed(2)} s (${mbs(a)} MB/s) · this ${b.toFixed(2)} s (${mbs(b)} MB/s) · this/base throughput ${(a / b).toFixed(3)}\n` +
    `paired ratios: median ${median(paired).toFixed(3)}, range ${paired[0].toFixed(3)}–${paired.at(-1).toFixed(3)}\n`,
);
