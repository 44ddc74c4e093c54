// npm run bench [-- --quick] : throughput, memory and start-up of evalcheck,
// as ratios against baselines measured in the same run (see issue 7).
// Corpora are generated once into .bench/ (deterministic, npm run gen's generator) and reused.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, writeSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '../../dist/gen.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = join(ROOT, '.bench');
const quick = process.argv.includes('--quick');
mkdirSync(DIR, { recursive: true });

function corpus(mb) {
  const path = join(DIR, `corpus-${mb}mb.txt`);
  if (existsSync(path)) return path;
  const fd = openSync(path, 'w');
  let bytes = 0;
  // ~1.33 KB a block; a few faults so that findings are written too.
  generate({ blocks: Math.round((mb * 1e6) / 1330), seed: mb, errors: 0.01 }, (t) => {
    const b = Buffer.from(t);
    bytes += b.length;
    writeSync(fd, b);
  });
  closeSync(fd);
  process.stderr.write(`generated ${path} (${(bytes / 1e6).toFixed(0)} MB)\n`);
  return path;
}

function manySmall(n) {
  const dir = join(DIR, `many-${n}`);
  if (existsSync(dir) && readdirSync(dir).length === n) return dir;
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    let text = '';
    generate({ blocks: 8, seed: 1000 + i, errors: 0.05 }, (t) => (text += t));
    writeFileSync(join(dir, `t${String(i).padStart(4, '0')}.txt`), text);
  }
  return dir;
}

function task(name, file, extra = []) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'test/bench/task.mjs'), name, file, ...extra], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - t0) / 1000;
  const line = r.stderr.trim().split('\n').at(-1);
  const out = JSON.parse(line);
  return { ...out, wall };
}

/** Median wall time of each command, run interleaved (A B A B …) so that drift of the machine hits all alike. */
function wallsOf(commands, runs = 15) {
  const times = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    commands.forEach((args, k) => {
      const t0 = performance.now();
      spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
      times[k].push((performance.now() - t0) / 1000);
    });
  }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]);
}

const sizes = quick ? [2] : [10, 100, 500];
const result = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, quick, corpora: [], startup: null, jobs: null, targets: {} };
for (const mb of sizes) {
  const file = corpus(mb);
  const bytes = statSync(file).size;
  const blocks = Math.round(bytes / 1330);
  const row = { mb: bytes / 1e6 };
  for (const t of ['lines', 'papaparse', 'check', 'verify']) {
    if (mb === 500 && t !== 'verify') continue; // 500 MB: only verify's memory is in question
    const m = task(t, file);
    row[t] = { seconds: +m.seconds.toFixed(2), mbPerSec: +(bytes / 1e6 / m.seconds).toFixed(1), blocksPerSec: Math.round(blocks / m.seconds), maxRssMB: +m.maxRssMB.toFixed(0) };
    process.stderr.write(`${mb} MB ${t}: ${row[t].mbPerSec} MB/s, ${row[t].maxRssMB} MB RSS\n`);
  }
  if (mb === 100) {
    // The same file split over every core (--jobs N checks one large file in parallel).
    const m = task('verify', file, ['--jobs', String(cpus().length)]);
    row.verifyJobs = { jobs: cpus().length, seconds: +m.seconds.toFixed(2), mbPerSec: +(bytes / 1e6 / m.seconds).toFixed(1), blocksPerSec: Math.round(blocks / m.seconds), maxRssMB: +m.maxRssMB.toFixed(0) };
    process.stderr.write(`${mb} MB verify --jobs ${cpus().length}: ${row.verifyJobs.mbPerSec} MB/s, ${row.verifyJobs.maxRssMB} MB RSS\n`);
  }
  if (row.papaparse) row.verifyVsPapaparse = +(row.verify.mbPerSec / row.papaparse.mbPerSec).toFixed(2);
  if (row.lines) row.verifyVsLines = +(row.verify.mbPerSec / row.lines.mbPerSec).toFixed(2);
  if (row.check) {
    row.checkVsPapaparse = +(row.check.mbPerSec / row.papaparse.mbPerSec).toFixed(2);
    // The share of verify's time spent writing ndjson (what `check` does not do).
    row.writeShare = +(1 - row.check.seconds / row.verify.seconds).toFixed(2);
  }
  result.corpora.push(row);
}

const sample = join(ROOT, 'fixtures/000_4494185c10663b20.txt');
const [node0, verifySample] = wallsOf([['-e', '0'], [join(ROOT, 'bin/evalcheck.cjs'), 'verify', sample]], 21);
result.startup = { nodeE0: +node0.toFixed(3), verifySample: +verifySample.toFixed(3), ratio: +(verifySample / node0).toFixed(2) };

const many = manySmall(quick ? 100 : 1000);
const [j1, jn] = wallsOf(
  [
    [join(ROOT, 'bin/evalcheck.cjs'), 'verify', many, '--format', 'ndjson', '--jobs', '1'],
    [join(ROOT, 'bin/evalcheck.cjs'), 'verify', many, '--format', 'ndjson', '--jobs', String(cpus().length)],
  ],
  3,
);
result.jobs = { files: quick ? 100 : 1000, jobs1: +j1.toFixed(2), jobsN: +jn.toFixed(2), n: cpus().length, speedup: +(j1 / jn).toFixed(2) };

const c100 = result.corpora.find((c) => c.mb > 50 && c.mb < 200);
const c500 = result.corpora.find((c) => c.mb > 400);
const base = c100 ?? result.corpora[0];
result.targets = {
  'verify ≥ 75 % of papaparse-only': { value: base.verifyVsPapaparse, met: base.verifyVsPapaparse >= 0.75 },
  [`peak RSS < 120 MB on the ${base.mb.toFixed(0)} MB corpus`]: { value: base.verify.maxRssMB, met: base.verify.maxRssMB < 120 },
  'RSS not growing 100 → 500 MB': c500 ? { value: `${base.verify.maxRssMB} → ${c500.verify.maxRssMB}`, met: c500.verify.maxRssMB <= base.verify.maxRssMB * 1.15 } : { value: 'not run (--quick)', met: null },
  'verify on the sample ≤ 2× node -e 0': { value: result.startup.ratio, met: result.startup.ratio <= 2 },
};

const pad = (s, n) => String(s).padEnd(n);
const lines = [];
lines.push(`evalcheck bench — node ${process.version}, ${cpus().length} cores${quick ? ' (quick)' : ''}`);
lines.push('');
lines.push(`${pad('corpus', 9)}${pad('task', 11)}${pad('MB/s', 8)}${pad('blocks/s', 10)}${pad('peak RSS', 10)}`);
for (const c of result.corpora) {
  for (const t of ['lines', 'papaparse', 'check', 'verify']) {
    if (!c[t]) continue;
    lines.push(`${pad(c.mb.toFixed(0) + ' MB', 9)}${pad(t, 11)}${pad(c[t].mbPerSec, 8)}${pad(c[t].blocksPerSec, 10)}${pad(c[t].maxRssMB + ' MB', 10)}`);
  }
  if (c.verifyVsPapaparse !== undefined) lines.push(`${pad('', 9)}verify / papaparse = ${c.verifyVsPapaparse}, verify / lines = ${c.verifyVsLines}`);
  if (c.verifyJobs) {
    const j = c.verifyJobs;
    lines.push(`${pad('', 9)}${pad(`verify -j${j.jobs}`, 11)}${pad(j.mbPerSec, 8)}${pad(j.blocksPerSec, 10)}${pad(j.maxRssMB + ' MB', 10)}`);
    lines.push(`${pad('', 9)}verify --jobs ${j.jobs} / papaparse = ${+(j.mbPerSec / c.papaparse.mbPerSec).toFixed(2)}; speed-up over one lane ${+(j.mbPerSec / c.verify.mbPerSec).toFixed(2)}×`);
  }
  if (c.checkVsPapaparse !== undefined) lines.push(`${pad('', 9)}check (verify without output) / papaparse = ${c.checkVsPapaparse}; writing ndjson = ${Math.round(c.writeShare * 100)} % of verify's time`);
}
lines.push('');
lines.push(`start-up: node -e 0 ${result.startup.nodeE0}s, verify sample ${result.startup.verifySample}s, ratio ${result.startup.ratio}`);
lines.push(`--jobs on ${result.jobs.files} small files: 1 job ${result.jobs.jobs1}s, ${result.jobs.n} jobs ${result.jobs.jobsN}s, speed-up ${result.jobs.speedup}×`);
lines.push('');
for (const [k, v] of Object.entries(result.targets)) lines.push(`${v.met === null ? '–' : v.met ? '✓' : '✗'} ${k}: ${v.value}`);
console.log(lines.join('\n'));
writeFileSync(join(DIR, 'bench-result.json'), JSON.stringify(result, null, 2) + '\n');
console.log(`\nwritten: .bench/bench-result.json`);
