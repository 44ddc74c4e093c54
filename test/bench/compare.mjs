// node test/bench/compare.mjs --base DIR [--mb 100] [--rounds 5] [--this-extra '--records full'] [-- ARGS…]
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
  options: { base: { type: 'string' }, mb: { type: 'string', default: '100' }, rounds: { type: 'string', default: '5' }, 'this-extra': { type: 'string', default: '' } },
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
  // Flags only this checkout knows (the base's default may be this one's with a flag).
  { name: 'this', bin: join(ROOT, 'bin/evalcheck.cjs'), extra: values['this-extra'].split(' ').filter(Boolean) },
];
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const times = sides.map(() => []);
for (let r = 0; r < rounds; r++) {
  // A B, then B A: neither side always runs first.
  const order = r % 2 === 0 ? [0, 1] : [1, 0];
  order.forEach((k) => {
    const s = sides[k];
    const t0 = performance.now();
    const argv = [s.bin, args[0], file, ...args.slice(1), ...(s.extra ?? [])];
    // With /usr/bin/time: CPU seconds (user + system), less moved by what else the machine does than wall time.
    const out = TIME ? spawnSync(TIME, ['-f', '@cpu %U %S', process.execPath, ...argv], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' }) : spawnSync(process.execPath, argv, { stdio: ['ignore', 'ignore', 'ignore'] });
    const cpu = TIME ? /@cpu (\S+) (\S+)/.exec(out.stderr) : null;
    times[k].push(cpu ? Number(cpu[1]) + Number(cpu[2]) : (performance.now() - t0) / 1000);
    if (TIME && out.status !== 0 && out.status !== 1) throw new Error(`${s.name} exited ${out.status}: ${out.stderr}`);
    if (out.status !== 0 && out.status !== 1) throw new Error(`${s.name} exited ${out.status}`);
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [a, b] = times.map(median);
// Each round's pair ran back to back: the median of the paired ratios is the least sensitive to drift.
const paired = times[0].map((t, i) => t / times[1][i]).sort((x, y) => x - y);
const mbs = (t) => (bytes / 1e6 / t).toFixed(1);
process.stdout.write(
  `${args.join(' ')}${values['this-extra'] ? ` (this: + ${values['this-extra']})` : ''} on ${(bytes / 1e6).toFixed(0)} MB, ${rounds} interleaved rounds (medians of ${TIME ? 'CPU' : 'wall'} time)\n` +
    `base ${a.toFixed(2)} s (${mbs(a)} MB/s) · this ${b.toFixed(2)} s (${mbs(b)} MB/s) · this/base throughput ${(a / b).toFixed(3)}\n` +
    `paired ratios: median ${median(paired).toFixed(3)}, range ${paired[0].toFixed(3)}–${paired.at(-1).toFixed(3)}\n`,
);
