// npm run bench [-- --sizes 100,500] [--rounds 5] [--quick]
//
// Throughput and peak memory of every output format, as ratios to baselines measured in the same run:
// a papaparse-only pass over the same file and the line-split floor (read and find line ends, nothing
// more). Every task of a round runs once, in its own process, in an order that rotates from round to
// round (A B C …, B C … A, …): drift of the machine hits every task alike. Times are medians over the
// rounds, peak RSS the largest. Each task but the baselines runs right after a papaparse pass of its own:
// the ratio to papaparse is the median over rounds of each pair's ratio (the pair sees one machine speed). The largest corpus (500 MB) runs one round: only its memory and that it
// completes are in question. Each target is printed with its measured value and met / not met.
// Two output floors (the bytes verify writes in table and ndjson, made once, written again: their peak RSS is
// that of holding the whole output, not a target) give what the 0.75× target leaves for reading, checking and
// formatting, printed as time per block beside what verify -q spends on reading and checking now; and what each
// output costs: its size, the time the format adds to verify -q, and of that the write floor and the rest (making it).
// Corpora are generated once into .bench/ (deterministic: npm run gen's generator) and reused.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generate } from '../../dist/gen.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = join(ROOT, '.bench');
const { values } = parseArgs({ options: { sizes: { type: 'string' }, rounds: { type: 'string' }, quick: { type: 'boolean' } } });
const quick = values.quick === true;
const sizes = (values.sizes ?? (quick ? '2' : '100,500')).split(',').map(Number);
const rounds = Number(values.rounds ?? (quick ? 3 : 5));
mkdirSync(DIR, { recursive: true });

/** Blocks in the corpus of `mb` megabytes (~1.33 KB a block). */
const blocksIn = (mb) => Math.round((mb * 1e6) / 1330);

function corpus(mb) {
  const path = join(DIR, `corpus-${mb}mb.txt`);
  if (existsSync(path)) return path;
  const fd = openSync(path, 'w');
  // A few faults so that findings are written too.
  generate({ blocks: blocksIn(mb), seed: mb, errors: 0.01 }, (t) => writeSync(fd, Buffer.from(t)));
  closeSync(fd);
  process.stderr.write(`generated ${path}\n`);
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

/** The tasks: baselines, then each format of verify and summary. */
const TASKS = [
  { name: 'floor', args: ['floor'] },
  { name: 'papaparse', args: ['papaparse'] },
  // Output floors (not targets): the bytes verify writes, already made, written again (task.mjs write).
  { name: 'write floor (table bytes)', args: ['write'], output: ['verify'] },
  { name: 'write floor (ndjson bytes)', args: ['write'], output: ['verify', '--format', 'ndjson'] },
  { name: 'verify (table)', args: ['cli', 'verify'] },
  // Not a target: the same checks with only the errors written (-q), to tell the checks' cost from the output's.
  { name: 'verify -q (errors only)', args: ['cli', 'verify', '-q'] },
  { name: 'verify ndjson', args: ['cli', 'verify', '--format', 'ndjson'] },
  // The same without the fast path (src/fast/): what it saves, measured in the same rounds.
  { name: 'verify ndjson (fast path off)', args: ['cli', 'verify', '--format', 'ndjson'], env: { EVALCHECK_FAST: '0' } },
  { name: 'verify ndjson --records full', args: ['cli', 'verify', '--format', 'ndjson', '--records', 'full'] },
  { name: 'verify json', args: ['cli', 'verify', '--format', 'json'] },
  { name: 'summary csv', args: ['cli', 'summary', '--format', 'csv'] },
  { name: 'summary (table)', args: ['cli', 'summary'] },
];

/** The output of `evalcheck <output…>` on `file`, saved once beside it (the write floors' input). */
function savedOutput(file, output) {
  const path = `${file}.${output.join('_').replace(/[^a-z0-9_]/gi, '')}.out`;
  if (existsSync(path)) return path;
  const fd = openSync(path, 'w');
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/evalcheck.cjs'), output[0], file, ...output.slice(1)], { cwd: ROOT, stdio: ['ignore', fd, 'ignore'] });
  closeSync(fd);
  // Exit 1 is findings; anything else left no output worth keeping (it would be reused).
  if (r.status !== 0 && r.status !== 1) {
    rmSync(path, { force: true });
    throw new Error(`evalcheck ${output.join(' ')} ${file} failed (exit ${r.status})`);
  }
  return path;
}

/** Tasks that are not evalcheck runs: the baselines and the floors (no RSS or speed target). */
const isBaseline = (t) => t.args[0] !== 'cli';

function runTask(t, file) {
  const [kind, ...rest] = t.args;
  if (t.output) file = savedOutput(file, t.output);
  const r = spawnSync(process.execPath, [join(ROOT, 'test/bench/task.mjs'), kind, file, ...rest], { cwd: ROOT, env: { ...process.env, ...t.env }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = r.stderr.trim().split('\n').at(-1);
  try {
    return JSON.parse(line);
  } catch {
    return { seconds: NaN, maxRssMB: NaN, exit: r.status, error: r.stderr.slice(-400) };
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const result = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, rounds, corpora: [], startup: null, jobs: null, targets: [] };
const largest = Math.max(...sizes);
/** Each corpus row's file (for the output sizes). */
const corpusFile = new Map();
for (const mb of sizes) {
  const file = corpus(mb);
  const bytes = statSync(file).size;
  const n = mb === largest && sizes.length > 1 ? 1 : rounds;
  const samples = TASKS.map(() => []);
  // Each task's throughput against papaparse's is measured in pairs: papaparse runs just before the task, and
  // the pair gives papaparse's time / the task's time. The machine's speed drifts over minutes; a pair sees
  // one speed. The ratio reported is the median of a task's pairs.
  const PP = TASKS.findIndex((t) => t.name === 'papaparse');
  const pairs = TASKS.map(() => []);
  const log = (r, i, m) => process.stderr.write(`${mb} MB round ${r + 1}/${n} ${TASKS[i].name}: ${m.seconds?.toFixed(2)} s, ${m.maxRssMB?.toFixed(0)} MB${m.error ? ` FAILED ${m.error}` : ''}\n`);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < TASKS.length; k++) {
      const i = (k + r) % TASKS.length;
      // A run's whole output is read into one string: not on the largest corpus (only its memory is in question).
      if (TASKS[i].output && mb === largest && sizes.length > 1) continue;
      const paired = i !== PP && TASKS[i].name !== 'floor';
      const p = paired ? runTask(TASKS[PP], file) : null;
      if (p) samples[PP].push(p);
      const m = runTask(TASKS[i], file);
      samples[i].push(m);
      if (p) pairs[i].push(p.seconds / m.seconds);
      log(r, i, m);
    }
  }
  const row = { mb: bytes / 1e6, blocks: blocksIn(mb), rounds: n, tasks: {} };
  corpusFile.set(row, file);
  TASKS.forEach((t, i) => {
    if (samples[i].length === 0) return;
    const s = median(samples[i].map((x) => x.seconds));
    row.tasks[t.name] = { seconds: +s.toFixed(2), mbPerSec: +(bytes / 1e6 / s).toFixed(1), maxRssMB: Math.round(Math.max(...samples[i].map((x) => x.maxRssMB))), completed: samples[i].every((x) => !x.error && x.exit !== 2) };
  });
  const pp = row.tasks.papaparse.mbPerSec;
  const floor = row.tasks.floor.mbPerSec;
  TASKS.forEach((t, i) => {
    const r = row.tasks[t.name];
    if (r === undefined) return;
    // Paired (see above); the baselines themselves: the ratio of the medians.
    r.vsPapaparse = +(pairs[i].length ? median(pairs[i]) : r.mbPerSec / pp).toFixed(3);
    r.vsPapaparseOfMedians = +(r.mbPerSec / pp).toFixed(3);
    r.vsFloor = +(r.mbPerSec / floor).toFixed(3);
  });
  result.corpora.push(row);
}

// Start-up on the sample, against bare node (interleaved, 21 rounds).
const sample = join(ROOT, 'fixtures/000_4494185c10663b20.txt');
const walls = (commands, n) => {
  const times = commands.map(() => []);
  for (let i = 0; i < n; i++)
    commands.forEach((args, k) => {
      const t0 = performance.now();
      spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
      times[k].push((performance.now() - t0) / 1000);
    });
  return times.map(median);
};
const [node0, verifySample] = walls([['-e', '0'], [join(ROOT, 'bin/evalcheck.cjs'), 'verify', sample]], 21);
result.startup = { nodeE0: +node0.toFixed(3), verifySample: +verifySample.toFixed(3), ratio: +(verifySample / node0).toFixed(2) };

// --jobs: many small files (on by default for inputs over 32 MB) and one large file split (only when asked).
const lanes = String(cpus().length);
const many = manySmall(quick ? 100 : 1000);
const bin = join(ROOT, 'bin/evalcheck.cjs');
const [m1, mN] = walls([[bin, 'verify', many, '--format', 'ndjson', '--jobs', '1'], [bin, 'verify', many, '--format', 'ndjson', '--jobs', lanes]], quick ? 3 : 5);
const big = corpus(quick ? 2 : sizes.find((s) => s >= 30 && s <= 100) ?? sizes[0]);
const [b1, bN] = walls([[bin, 'verify', big, '--format', 'ndjson', '--jobs', '1'], [bin, 'verify', big, '--format', 'ndjson', '--jobs', lanes]], quick ? 3 : 5);
// The machine's own ceiling for lanes: as many independent one-lane runs side by side as there are cores, against
// one alone, in pairs (what lanes could at best give here: they share caches, memory bandwidth and, on a VM,
// whatever the host shares). capacity = lanes × alone / side by side, the median of the pairs.
const sideBySide = (args, k) =>
  new Promise((resolve) => {
    const t0 = performance.now();
    let left = k;
    for (let j = 0; j < k; j++) spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' }).on('exit', () => --left === 0 && resolve((performance.now() - t0) / 1000));
  });
const oneLane = [bin, 'verify', big, '--format', 'ndjson', '--jobs', '1'];
const capacities = [];
for (let i = 0; i < (quick ? 2 : 3); i++) {
  const [alone] = walls([oneLane], 1);
  capacities.push((cpus().length * alone) / (await sideBySide(oneLane, cpus().length)));
}
result.jobs = {
  lanes: cpus().length,
  manyFiles: { files: quick ? 100 : 1000, one: +m1.toFixed(2), n: +mN.toFixed(2), speedup: +(m1 / mN).toFixed(2) },
  oneFile: { mb: statSync(big).size / 1e6, one: +b1.toFixed(2), n: +bN.toFixed(2), speedup: +(b1 / bN).toFixed(2) },
  ceiling: +median(capacities).toFixed(2),
};

// Targets (issue #14), on the 100 MB corpus (or the one nearest) and the largest.
const base = result.corpora.find((c) => c.mb > 50 && c.mb < 200) ?? result.corpora[0];
const top = result.corpora.at(-1);
const target = (name, value, met) => result.targets.push({ name, value, met });
const at = `${base.mb.toFixed(0)} MB`;
target(`verify (table) ≥ 0.75× papaparse (${at})`, base.tasks['verify (table)'].vsPapaparse, base.tasks['verify (table)'].vsPapaparse >= 0.75);
target(`verify ndjson (compact) ≥ 0.75× papaparse (${at})`, base.tasks['verify ndjson'].vsPapaparse, base.tasks['verify ndjson'].vsPapaparse >= 0.75);
target(`verify ndjson --records full ≥ 0.35× papaparse (${at})`, base.tasks['verify ndjson --records full'].vsPapaparse, base.tasks['verify ndjson --records full'].vsPapaparse >= 0.35);
for (const t of TASKS.filter((t) => !isBaseline(t))) target(`peak RSS < 120 MB: ${t.name} (${at})`, `${base.tasks[t.name].maxRssMB} MB`, base.tasks[t.name].maxRssMB < 120);
if (top !== base) {
  for (const t of TASKS.filter((t) => !isBaseline(t))) {
    const [a, b] = [base.tasks[t.name].maxRssMB, top.tasks[t.name].maxRssMB];
    target(`RSS not growing ${at} → ${top.mb.toFixed(0)} MB (within 10 %): ${t.name}`, `${a} → ${b} MB`, b <= a * 1.1);
  }
  for (const name of ['summary csv', 'summary (table)']) {
    const [a, b] = [base.tasks[name].seconds / base.mb, top.tasks[name].seconds / top.mb];
    target(`${name} linear in input size (s/MB at ${top.mb.toFixed(0)} MB ≤ 1.25× at ${at})`, `${(a * 1000).toFixed(1)} → ${(b * 1000).toFixed(1)} ms/MB`, b <= a * 1.25);
  }
  target(`verify json completes on ${top.mb.toFixed(0)} MB`, top.tasks['verify json'].completed ? 'yes' : 'no', top.tasks['verify json'].completed);
} else target('RSS 100 → 500 MB, linearity, json on 500 MB', 'not run (one corpus size)', null);
target('verify on the sample ≤ 2× node -e 0', result.startup.ratio, result.startup.ratio <= 2);
target(`--jobs ${lanes} ≥ 1.3× on ${result.jobs.manyFiles.files} small files (to stay on by default)`, `${result.jobs.manyFiles.speedup}× (ceiling ${result.jobs.ceiling}×)`, result.jobs.manyFiles.speedup >= 1.3);
target(`--jobs ${lanes} ≥ 1.3× on one ${result.jobs.oneFile.mb.toFixed(0)} MB file (to be on by default)`, `${result.jobs.oneFile.speedup}× (ceiling ${result.jobs.ceiling}×)`, result.jobs.oneFile.speedup >= 1.3);

// What the 0.75× target leaves for reading and checking, once the floors are paid (on the base corpus): the
// time the target allows, less the line-split floor, the start-up and writing the output's bytes alone.
const blocks = base.blocks;
const perBlock = (s) => `${((s / blocks) * 1e6).toFixed(1)} µs a block`;
const allowed = base.tasks.papaparse.seconds / 0.75;
// Start-up: evalcheck's own, over node's (a task's time is measured from its first line, after node's start).
const startup = +(result.startup.verifySample - result.startup.nodeE0).toFixed(3);
// What reading and checking costs now: verify -q (the checks, next to no output) less the same floors.
const checking = base.tasks['verify -q (errors only)'].seconds - base.tasks.floor.seconds - startup;
const budgets = [];
const outputs = {};
for (const [task, output, args] of [['verify (table)', 'table', ['verify']], ['verify ndjson', 'ndjson', ['verify', '--format', 'ndjson']]]) {
  const w = base.tasks[`write floor (${output} bytes)`];
  if (!w) continue;
  const left = allowed - base.tasks.floor.seconds - startup - w.seconds;
  // What the output costs as it is: the format's run less verify -q (the same reading and checking, next to no
  // output); of that, writing the bytes is the write floor and the rest is making them (formatting).
  const bytesOut = statSync(savedOutput(corpusFile.get(base), args)).size;
  const outputCost = base.tasks[task].seconds - base.tasks['verify -q (errors only)'].seconds;
  const formatting = outputCost - w.seconds;
  outputs[output] = { bytes: bytesOut, perInputByte: +(bytesOut / (base.mb * 1e6)).toFixed(2), seconds: +outputCost.toFixed(2), formatting: +formatting.toFixed(2), shareOfAllowed: +(outputCost / allowed).toFixed(2) };
  budgets.push(
    `${task} at 0.75× papaparse may take ${allowed.toFixed(2)} s: the line-split floor takes ${base.tasks.floor.seconds} s, start-up ${startup} s and writing its ${output} alone ${w.seconds} s, which leaves ${left.toFixed(2)} s (${perBlock(left)}) for reading, checking and formatting ${blocks} blocks; verify -q spends ${checking.toFixed(2)} s (${perBlock(checking)}) on reading and checking alone`,
    `  its output, ${(bytesOut / 1e6).toFixed(0)} MB (${outputs[output].perInputByte}× the input), costs ${outputCost.toFixed(2)} s over verify -q (${Math.round(outputs[output].shareOfAllowed * 100)} % of the ${allowed.toFixed(2)} s): writing ${w.seconds} s, making it ${formatting.toFixed(2)} s (${perBlock(formatting)}); that leaves ${(left - formatting).toFixed(2)} s (${perBlock(left - formatting)}) for reading and checking`,
  );
}
result.budgets = budgets;
result.outputs = outputs;

const pad = (s, n) => String(s).padEnd(n);
const out = [
  `evalcheck bench — node ${process.version}, ${cpus().length} cores, ${rounds} interleaved rounds (medians; the largest corpus one round)`,
  '×papaparse: median of papaparse\'s time / the task\'s time over pairs run back to back; (medians): the ratio of the two medians',
  '',
];
out.push(`${pad('corpus', 8)}${pad('task', 32)}${pad('s', 8)}${pad('MB/s', 8)}${pad('×papaparse', 12)}${pad('(medians)', 11)}${pad('×floor', 9)}peak RSS`);
for (const c of result.corpora) {
  for (const [name, t] of Object.entries(c.tasks)) {
    out.push(`${pad(c.mb.toFixed(0) + ' MB', 8)}${pad(name, 32)}${pad(t.seconds, 8)}${pad(t.mbPerSec, 8)}${pad(t.vsPapaparse, 12)}${pad(t.vsPapaparseOfMedians, 11)}${pad(t.vsFloor, 9)}${t.maxRssMB} MB${t.completed ? '' : ' (FAILED)'}`);
  }
}
out.push('');
out.push(`start-up: node -e 0 ${result.startup.nodeE0}s, verify sample ${result.startup.verifySample}s (${result.startup.ratio}×)`);
out.push(`--jobs: ${result.jobs.manyFiles.files} small files ${result.jobs.manyFiles.one}s → ${result.jobs.manyFiles.n}s (${result.jobs.manyFiles.speedup}×); one ${result.jobs.oneFile.mb.toFixed(0)} MB file ${result.jobs.oneFile.one}s → ${result.jobs.oneFile.n}s (${result.jobs.oneFile.speedup}×)`);
out.push(`lanes' ceiling here: ${result.jobs.lanes} one-lane runs side by side give ${result.jobs.ceiling}× the throughput of one alone`);
out.push('');
for (const b of budgets) out.push(b);
if (budgets.length) out.push('');
for (const t of result.targets) out.push(`${t.met === null ? '–' : t.met ? '✓ met    ' : '✗ not met'} ${t.name}: ${t.value}`);
console.log(out.join('\n'));
writeFileSync(join(DIR, 'bench-result.json'), JSON.stringify(result, null, 2) + '\n');
console.log('\nwritten: .bench/bench-result.json');
