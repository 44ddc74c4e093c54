/**
 * The fast path (src/fast/) against the full parser and checks: the same
 * output, byte for byte, in every format that uses it, on the sample, the
 * real corpus, the fault fixtures and generated corpora; and with
 * EVALCHECK_FAST=check, every block the fast path accepts read both ways with
 * no difference in its head, figures or findings.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixed2 as fixed, generate, gradeOf as band, rng } from '../src/gen.js';
import { readFast } from '../src/fast/block.js';
import { analyseFast, checkFast } from '../src/fast/check.js';
import { FastLane, fastStats, forgetShapes, parseLines } from '../src/fast/lane.js';
import { RowFeeder } from '../src/parse/feed.js';
import { FileVerifier, type ProjectResult } from '../src/pipeline.js';
import { cli, ROOT, SAMPLE, sampleText } from './helpers.js';

const resetStats = () => Object.assign(fastStats, { fast: 0, full: 0, compared: 0, learned: 0, differed: 0, differences: [], materialised: 0 });

let dir = '';
const files: Record<string, string[]> = {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'evalcheck-fast-'));
  const gen = (name: string, opts: Parameters<typeof generate>[0]) => {
    let text = '';
    generate(opts, (t) => (text += t));
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const dirFiles = (d: string, ext: RegExp) => readdirSync(join(ROOT, d)).filter((f) => ext.test(f)).map((f) => join(d, f)).sort();
  files.sample = [SAMPLE];
  files.corpus = dirFiles('fixtures/corpus', /\.tsv$/);
  files.faults = [...dirFiles('fixtures/faults', /\.txt$/), ...dirFiles('fixtures/variants', /\.txt$/)];
  files.generated = [1, 2, 3, 4].map((seed) => gen(`gen-${seed}.txt`, { blocks: 120, seed, errors: 0.2 }));
  // One of them with every number typed in full-width digits (８８．３２): both paths read them as numbers.
  const wide = join(dir, 'gen-1-full-width.txt');
  const fw = (c: string) => (/\d/.test(c) && c.length <= 30 ? c.replace(/[0-9.,%+-]/g, (x) => String.fromCharCode(x.charCodeAt(0) + 0xfee0)) : c);
  writeFileSync(wide, readFileSync(files.generated[0]!, 'utf8').split('\n').map((l) => l.split('\t').map(fw).join('\t')).join('\n'));
  files.generated.push(wide);
  // One with a 三级 name repeated in every other block (plain, spaced or starred): those blocks go the full way
  // (indicator-repeated), the others stay fast, and both paths must still say the same.
  const repeated = join(dir, 'gen-2-repeated.txt');
  let block = 0;
  let first: string | null = null;
  let row = 0;
  let indicators = false;
  const spell = ['', ' ', '★'];
  writeFileSync(
    repeated,
    readFileSync(files.generated[1]!, 'utf8')
      .split('\n')
      .map((l) => {
        if (/项目支出绩效自/.test(l)) {
          block++;
          first = null;
          row = 0;
          indicators = false;
          return l;
        }
        if (l.includes('一级指标')) indicators = true;
        const cells = l.split('\t');
        const at = cells.findIndex((c) => /\S/.test(c));
        // An indicator row: a name (no digit at its start) followed by a target, an actual, a weight and a score.
        const name = cells.findIndex((c, i) => i > at && /[\u4e00-\u9fff]\d+$/.test(c));
        if (!indicators || at < 0 || name < 0 || block % 2 === 1) return l;
        row++;
        if (row === 1) first = cells[name]!;
        else if (row === 3 && first !== null) cells[name] = spell[block % 3]! === ' ' ? first.replace(/^(.)/, '$1 ') : spell[block % 3]! + first;
        return cells.join('\t');
      })
      .join('\n'),
  );
  files.generated.push(repeated);
  // One with the unit of a number target (and of its actual) dropped in every other block (`≥95.00(%)` → `≥95.00`): those blocks go the
  // full way (target-without-unit), the others stay fast.
  const unitless = join(dir, 'gen-3-unitless.txt');
  let blocks = 0;
  let dropped = -1;
  writeFileSync(
    unitless,
    readFileSync(files.generated[2]!, 'utf8')
      .split('\n')
      .map((l) => {
        if (/项目支出绩效自/.test(l)) blocks++;
        if (blocks % 2 === 1 || dropped === blocks) return l;
        const cells = l.split('\t');
        const at = cells.findIndex((c) => /^(?:[≥≤=]|>=)\d+\.\d+\([^)]+\)$/.test(c));
        if (at < 0) return l;
        dropped = blocks;
        // (The actual's cell carries the unit too: a unit there would say what the target counts.)
        cells[at] = cells[at]!.replace(/\([^)]+\)$/, '');
        cells[at + 1] = cells[at + 1]!.replace(/\([^)]+\)$/, '');
        return cells.join('\t');
      })
      .join('\n'),
  );
  files.generated.push(unitless);
  // One with an indicator marked not applicable in every other block (不适用, 0 points), its points moved to the
  // full-marks row above it so that the totals still add up: those blocks go the full way (indicator-not-applicable).
  const na = join(dir, 'gen-4-na.txt');
  let naBlocks = 0;
  let marked = -1;
  const naLines = readFileSync(files.generated[3]!, 'utf8').split('\n');
  /** The weight and score columns of an indicator row with full marks (a name ending in its number, then target, actual, weight, score). */
  const fullMarks = (cells: string[]): number => {
    const name = cells.findIndex((c) => /[\u4e00-\u9fff]\d+$/.test(c));
    return name >= 0 && /^\d+\.\d\d$/.test(cells[name + 3] ?? '') && cells[name + 3] === cells[name + 4] ? name : -1;
  };
  for (let i = 1; i < naLines.length; i++) {
    if (/项目支出绩效自/.test(naLines[i]!)) naBlocks++;
    if (naBlocks % 2 === 1 || marked === naBlocks) continue;
    const above = naLines[i - 1]!.split('\t');
    const cells = naLines[i]!.split('\t');
    const a = fullMarks(above);
    const b = fullMarks(cells);
    if (a < 0 || b < 0 || a !== b) continue;
    marked = naBlocks;
    const moved = (Number(above[a + 3]) + Number(cells[b + 3])).toFixed(2);
    above[a + 3] = above[a + 4] = moved;
    cells[b + 1] = cells[b + 2] = '不适用';
    cells[b + 3] = cells[b + 4] = '0';
    naLines[i - 1] = above.join('\t');
    naLines[i] = cells.join('\t');
  }
  writeFileSync(na, naLines.join('\n'));
  files.generated.push(na);
  // One with cells damaged at random (a fixed seed): placeholders, operators, stray units, a digit changed, a
  // cell taken out or put in, a line doubled or dropped. Each damage either keeps a block on the fast path or
  // sends it the full way; which one, the two paths must not tell apart.
  const mutated = join(dir, 'gen-6-mutated.txt');
  let text = '';
  generate({ blocks: 400, seed: 6, errors: 0.05 }, (t) => (text += t));
  writeFileSync(mutated, mutate(text, 6));
  files.generated.push(mutated);
  DAMAGES.forEach((d, k) => {
    let text = '';
    generate({ blocks: 120, seed: 70 + k, errors: 0 }, (t) => (text += t));
    const path = join(dir, `gen-7-${d.id}.txt`);
    const damaged = damageEveryOther(text, d.damage);
    writeFileSync(path, damaged.text);
    damagedBlocks.set(d.id, damaged.count);
    files.generated.push(path);
  });
  files.large = [gen('gen-5000.txt', { blocks: 5000, seed: 11, errors: 0.05 })];
});

/** Hundredths of a number cell as the generator writes it (`12,345.67`: always two decimals). */
const cents = (s: string): bigint => BigInt(s.replace(/[,.]/g, ''));

/**
 * A generated block's rows as cells, by what they are (the generator's layout: every row starts at column
 * `lead`; funds cells are initial, budget, executed, weight, rate, score from lead + 2, an indicator's
 * target, actual, weight, score and reason from lead + 3). A damage edits them and says whether it applied.
 */
interface GenBlock {
  lead: number;
  total: string[];
  current: string[];
  carry: string[];
  other: string[];
  /** The row under the goals header: what was planned and what was done. */
  goals: string[];
  indicators: string[][];
  sum: string[];
  grade: string[];
}

/** The stated total moved by `delta` hundredths, and its grade with it. */
function addToTotal(b: GenBlock, delta: bigint): void {
  const total = cents(b.sum[b.lead + 6]!) + delta;
  b.sum[b.lead + 6] = fixed(total);
  b.grade[b.lead + 2] = band(total);
}

/** A new execution score, its change moved into the stated total and grade. */
function restate(b: GenBlock, score: bigint): void {
  addToTotal(b, score - cents(b.total[b.lead + 7]!));
  b.total[b.lead + 7] = fixed(score);
}

/**
 * One damage in every other block, with everything else kept consistent (rates, sums, totals and grade restated),
 * so that its finding is the block's only reason to go the full way: the fast path's check for it is then
 * what decides, and a fast path without that check would say less than the full one.
 */
const DAMAGES: { id: string; code: string | null; what: string; damage: (b: GenBlock) => boolean }[] = [
  {
    id: 'over-budget',
    code: 'over-budget',
    what: 'more spent than budgeted (the rate and score restated)',
    damage: (b) => {
      const at = b.lead;
      const budget = cents(b.total[at + 3]!);
      const executed = budget + 1n;
      for (const r of [b.total, b.current]) {
        r[at + 4] = fixed(executed);
        r[at + 6] = fixed((executed * 10_000n) / budget);
      }
      restate(b, 1000n);
      return true;
    },
  },
  {
    id: 'negative-amount',
    code: 'not-checked',
    what: 'a carry-over budget written below zero (its amount moved to the current-year row)',
    damage: (b) => {
      const at = b.lead;
      const budget = cents(b.current[at + 3]!) + 500n;
      b.current[at + 3] = fixed(budget);
      b.current[at + 6] = fixed((cents(b.current[at + 4]!) * 10_000n) / budget);
      b.carry[at + 3] = '-5.00';
      return true;
    },
  },
  {
    id: 'placeholder-amount',
    code: 'not-checked',
    what: 'a funds row’s budget written as a placeholder (its rate stated)',
    damage: (b) => {
      b.other[b.lead + 3] = '-';
      return true;
    },
  },
  {
    id: 'zero-budget',
    code: 'not-checked',
    what: 'money spent from a zero carry-over budget (moved from the current-year row)',
    damage: (b) => {
      const at = b.lead;
      const executed = cents(b.current[at + 4]!) - 500n;
      b.current[at + 4] = fixed(executed);
      b.current[at + 6] = fixed((executed * 10_000n) / cents(b.current[at + 3]!));
      b.carry[at + 3] = '0.00';
      b.carry[at + 4] = '5.00';
      return true;
    },
  },
  {
    id: 'score-out-of-range',
    code: 'score-out-of-range',
    what: 'an indicator scored above its weight (the total restated)',
    damage: (b) => {
      const at = b.lead;
      const row = b.indicators.find((r) => r[at + 5] === r[at + 6]);
      if (!row) return false;
      row[at + 6] = fixed(cents(row[at + 6]!) + 100n);
      addToTotal(b, 100n);
      return true;
    },
  },
  {
    id: 'unmet-without-reason',
    code: 'unmet-without-reason',
    what: 'a qualitative indicator whose actual says it was not done, in full marks and without a reason',
    damage: (b) => {
      const row = b.indicators.find((r) => r[b.lead + 4] === '达成指标');
      if (!row) return false;
      row[b.lead + 4] = '未完成';
      return true;
    },
  },
  {
    id: 'empty-full-marks',
    code: 'empty-full-marks',
    what: 'an indicator with neither target nor actual, in full marks',
    damage: (b) => {
      const row = b.indicators.find((r) => r[b.lead + 4] === '达成指标');
      if (!row) return false;
      row[b.lead + 3] = '';
      row[b.lead + 4] = '';
      return true;
    },
  },
  {
    id: 'no-satisfaction',
    code: 'no-satisfaction',
    what: 'no satisfaction indicator (its rows named as social benefit)',
    damage: (b) => {
      const at = b.lead;
      const row = b.indicators.find((r) => r[at] === '满意度指标');
      if (!row) return false;
      row[at] = '效益指标';
      row[at + 1] = '社会效益指标';
      return true;
    },
  },
  {
    id: 'funds-cell-empty',
    code: 'funds-cell-empty',
    what: 'the funds total row’s rate left empty',
    damage: (b) => {
      b.total[b.lead + 6] = '';
      return true;
    },
  },
  {
    id: 'indicator-without-name',
    code: 'indicator-without-name',
    what: 'an indicator row without its 三级 name',
    damage: (b) => {
      b.indicators[1]![b.lead + 2] = '';
      return true;
    },
  },
  {
    id: 'level-weight',
    code: 'level-weight-mismatch',
    what: 'a 一级 label with its weight',
    damage: (b) => {
      b.indicators[0]![b.lead] += '(50分)';
      return true;
    },
  },
  {
    id: 'template-text',
    code: 'template-text',
    what: 'the goals left as the template’s instruction',
    damage: (b) => {
      b.goals[b.lead + 2] = '（100字以内）';
      return true;
    },
  },
  {
    id: 'stray-cell',
    code: 'unrecognised-line',
    what: 'a cell left of the table on an indicator row',
    damage: (b) => {
      if (b.lead === 0) return false;
      b.indicators[0]![b.lead - 1] = '备注';
      return true;
    },
  },
  {
    id: 'placeholder-name',
    code: null,
    // (Read as an indicator with that name, as the full reader reads it: no finding.)
    what: 'an indicator named by a placeholder',
    damage: (b) => {
      b.indicators[1]![b.lead + 2] = '……';
      return true;
    },
  },
  {
    id: 'shifted-row',
    code: null,
    // (Read where its level label says it stands, as the full reader reads it: no finding.)
    what: 'an indicator row shifted one column right',
    damage: (b) => {
      const row = b.indicators.find((r, i) => i > 0 && r[b.lead + 1] !== '');
      if (!row) return false;
      row.splice(b.lead, 0, '');
      return true;
    },
  },
  {
    id: 'unknown-level',
    code: 'unknown-level',
    what: 'text in the 一级 column that names no 一级',
    damage: (b) => {
      const row = b.indicators.find((r, i) => i > 0 && r[b.lead] === '');
      if (!row) return false;
      row[b.lead] = '其他';
      return true;
    },
  },
  {
    id: 'level-conflict',
    code: 'level-mismatch',
    what: 'a 二级 under another 一级 than its own',
    damage: (b) => {
      b.indicators[0]![b.lead + 1] = '社会效益指标';
      return true;
    },
  },
  {
    id: 'total-placeholder',
    code: 'unrecognised-line',
    what: 'the weight total written as a placeholder',
    damage: (b) => {
      b.sum[b.lead + 5] = '-';
      return true;
    },
  },
];
const damagedBlocks = new Map<string, number>();

/** `damage` applied to every other block of a generated `text`; how many blocks it applied to. */
function damageEveryOther(text: string, damage: (b: GenBlock) => boolean): { text: string; count: number } {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const titles = lines.flatMap((c, i) => (c.some((x) => /项目支出绩效自/.test(x)) ? [i] : []));
  let count = 0;
  titles.forEach((start, k) => {
    if (k % 2 === 0) return;
    const rows = lines.slice(start, titles[k + 1] ?? lines.length);
    const lead = rows.find((r) => r.includes('年度资金总额'))!.indexOf('年度资金总额');
    const by = (label: (c: string) => boolean) => rows.find((r) => label(r[lead] ?? ''))!;
    const header = rows.findIndex((r) => r[lead] === '一级指标');
    const sumAt = rows.findIndex((r, i) => i > header && r.every((c, j) => (j === lead + 5 || j === lead + 6 ? c !== '' : c === '')));
    const b: GenBlock = {
      lead,
      total: by((c) => c === '年度资金总额'),
      current: by((c) => c.startsWith('其中')),
      carry: by((c) => c === '上年结转资金'),
      other: by((c) => c === '其他资金'),
      goals: rows[rows.findIndex((r) => r[lead] === '年度总体目标') + 1]!,
      indicators: rows.slice(header + 1, sumAt),
      sum: rows[sumAt]!,
      grade: by((c) => c === '评分等级'),
    };
    if (damage(b)) count++;
  });
  return { text: lines.map((c) => c.join('\t')).join('\n'), count };
}

/** Cells put in by `mutate`: what real exports hold where a number or a label was expected. */
const DAMAGE = ['', '/', '-', '—', '不适用', '0', '0.00', '100', '≥', '≤90万元', '达成指标', '未完成', '  ', '1,234.5', '12.345', '-3', '优', '良', '合计', '其中：', '(10分)', '=', '>=50%', '50%', '万元'];

/** `text` with about one line in 25 damaged (deterministic for a seed). */
function mutate(text: string, seed: number): string {
  const rnd = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const r = rnd();
    if (r < 0.003) continue; // dropped
    if (r < 0.006) out.push(line); // doubled
    if (r < 0.046 && line.includes('\t')) {
      const cells = line.split('\t');
      // A cell with something in it (most lines start with empty cells), one time in five any cell.
      const filled = cells.flatMap((c, i) => (c.trim() === '' ? [] : [i]));
      const k = filled.length > 0 && rnd() < 0.8 ? pick(filled) : Math.floor(rnd() * cells.length);
      const m = rnd();
      if (m < 0.35) cells[k] = pick(DAMAGE);
      else if (m < 0.5) cells.splice(k, 1);
      else if (m < 0.6) cells.splice(k, 0, '');
      else if (m < 0.8) cells[k] = cells[k]!.replace(/\d/, () => String(Math.floor(rnd() * 10)));
      else cells[k] += pick(DAMAGE);
      out.push(cells.join('\t'));
    } else out.push(line);
  }
  return out.join('\n');
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RUNS: { name: string; argv: string[] }[] = [
  { name: 'verify ndjson', argv: ['verify', '--format', 'ndjson'] },
  { name: 'verify table', argv: ['verify', '--format', 'table', '--lang', 'zh'] },
  { name: 'verify csv', argv: ['verify', '--format', 'csv'] },
  { name: 'verify json', argv: ['verify', '--format', 'json'] },
  { name: 'verify ndjson -q', argv: ['verify', '--format', 'ndjson', '-q', '--rounding', 'half-up'] },
  { name: 'summary table', argv: ['summary', '--format', 'table'] },
  { name: 'summary csv sorted', argv: ['summary', '--format', 'csv', '--sort', 'score'] },
  { name: 'summary json', argv: ['summary', '--format', 'json'] },
];

/**
 * `actual` is `expected`, byte for byte; when not, the first line where they part is what fails (with its number),
 * not a diff of megabytes of output, which the test runner takes minutes to compute.
 */
function sameText(actual: string, expected: string, what: string): void {
  if (actual === expected) return;
  const a = actual.split('\n');
  const e = expected.split('\n');
  let i = 0;
  while (i < a.length && i < e.length && a[i] === e[i]) i++;
  expect({ line: i + 1, text: a[i] ?? '(end)' }, what).toEqual({ line: i + 1, text: e[i] ?? '(end)' });
}

describe('the fast path gives the full path’s output, byte for byte', () => {
  for (const set of ['sample', 'corpus', 'faults', 'generated', 'large']) {
    it(`on the ${set} inputs, in every format that uses it`, async () => {
      // (The 5,000-block corpus in three of them: each run of it takes seconds.)
      for (const r of set === 'large' ? RUNS.filter((x) => ['verify ndjson', 'verify table', 'summary csv sorted'].includes(x.name)) : RUNS) {
        const slow = await cli([...r.argv, ...files[set]!], { env: { EVALCHECK_FAST: '0' } });
        resetStats();
        const fast = await cli([...r.argv, ...files[set]!]);
        expect(fast.code, r.name).toBe(slow.code);
        sameText(fast.stderr, slow.stderr, `${r.name} (stderr)`);
        sameText(fast.stdout, slow.stdout, r.name);
        expect(fastStats.differed, r.name).toBe(0);
        // The generated tables are the common case: nearly all of their blocks go the fast way.
        // (Not under half-up: the generated rates are truncated, so each is an error for the full path to report;
        // nor for summary json, which renders the whole run from records.)
        if (set === 'large' && !r.argv.includes('--rounding') && !r.name.endsWith('json')) expect(fastStats.fast, r.name).toBeGreaterThan(4500);
        // Nothing that streams asks a fast result for its record (that would read the block a second time).
        if (r.name !== 'summary json') expect(fastStats.materialised, r.name).toBe(0);
      }
    }, 240_000);
  }

  it('every block it accepts, read both ways (EVALCHECK_FAST=check): no difference in head, figures or findings', async () => {
    resetStats();
    const all = Object.values(files).flat();
    const r = await cli(['verify', '--format', 'ndjson', ...all], { env: { EVALCHECK_FAST: 'check' } });
    expect(r.stderr).toBe('');
    expect(fastStats.differences).toEqual([]);
    expect(fastStats.differed).toBe(0);
    // Compared: every accepted block (none were taken without comparing), most of the generated ones.
    expect(fastStats.fast).toBe(0);
    expect(fastStats.compared).toBeGreaterThan(4500);
    expect(fastStats.full).toBeGreaterThan(5000);
  }, 240_000);

  // Findings the fast path has no check for: a block that would have one, taken fast, would say nothing.
  const HANDED: { file: string; code: string; what: string }[] = [
    { file: 'gen-2-repeated.txt', code: 'indicator-repeated', what: 'a repeated 三级 name (plain, spaced and starred spellings)' },
    { file: 'gen-3-unitless.txt', code: 'target-without-unit', what: 'a number target without a unit' },
    { file: 'gen-4-na.txt', code: 'indicator-not-applicable', what: 'an indicator marked not applicable with 0 points' },
  ];
  it.each(DAMAGES)('a block with $what: the fast path’s output is the full one ($id: $code)', async ({ id, code }) => {
    const file = files.generated.find((f) => f.endsWith(`gen-7-${id}.txt`))!;
    resetStats();
    forgetShapes();
    const r = await cli(['verify', '--format', 'ndjson', file]);
    const projects = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type: string; findings?: { code: string; line: number }[] }).filter((o) => o.type === 'project');
    expect(damagedBlocks.get(id)).toBeGreaterThanOrEqual(30);
    expect(projects.length).toBe(120);
    if (code !== null) {
      // Every damaged block says it, and no block that was not damaged (every other one of the 120).
      const found = projects.filter((p) => p.findings!.some((f) => f.code === code));
      expect(found.length).toBe(damagedBlocks.get(id));
      expect(projects.filter((p, i) => i % 2 === 0 && p.findings!.some((f) => f.code === code))).toEqual([]);
    }
    expect(fastStats.differed).toBe(0);
    // (Most of the 120 are the first block of their layout, read both ways; EVALCHECK_FAST=check above reads all.)
    expect(fastStats.fast).toBeGreaterThan(0);
  }, 60_000);

  it.each(HANDED)('a block with $what goes the full way, which says it ($code)', async ({ file: name, code }) => {
    const file = files.generated.find((f) => f.endsWith(name))!;
    resetStats();
    forgetShapes();
    const r = await cli(['verify', '--format', 'ndjson', file]);
    const found = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)).flatMap((o: { findings?: { code: string }[] }) => o.findings ?? []).filter((f) => f.code === code);
    // (Each generated file has one such block in every other block of 120.)
    expect(found.length).toBe(60);
    expect(fastStats.differed).toBe(0);
    expect(fastStats.fast).toBeGreaterThan(0);
  }, 60_000);

  it('the damaged corpus sends some blocks the full way and keeps the others fast, with their findings', async () => {
    const file = files.generated.find((f) => f.endsWith('gen-6-mutated.txt'))!;
    resetStats();
    forgetShapes();
    const r = await cli(['verify', '--format', 'ndjson', file]);
    const lines = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type: string; findings: { code: string }[] });
    const codes = new Set(lines.flatMap((o) => o.findings.map((f) => f.code)));
    // Damage that the fast reader does not take (a shifted row, a bad number …) and damage it does (a digit).
    // (About one line in 25 is damaged, so most blocks of ~22 lines have some damage.)
    expect(fastStats.fast).toBeGreaterThan(40);
    expect(fastStats.full).toBeGreaterThan(100);
    expect(fastStats.differed).toBe(0);
    // The damage shows as findings of many kinds, not as one kind of noise.
    for (const code of ['rate-mismatch', 'score-total-mismatch', 'weight-total-mismatch', 'not-checked', 'score-out-of-range']) expect(codes, code).toContain(code);
    expect(codes.size).toBeGreaterThan(25);
    // Every title left is a project, none lost: the 400, less the titles the damage dropped or overwrote.
    const titles = readFileSync(file, 'utf8').split('\n').filter((l) => /项目支出绩效自/.test(l)).length;
    expect(titles).toBe(397);
    expect(lines.filter((o) => o.type === 'project').length).toBe(titles);
  }, 60_000);

  it('the unitless corpus drops the unit of one target (and its actual) in every other block', () => {
    const text = readFileSync(files.generated.find((f) => f.endsWith('gen-3-unitless.txt'))!, 'utf8');
    expect(text.split('\n').filter((l) => l.split('\t').some((c) => /^(?:[≥≤=]|>=)\d+\.\d+$/.test(c))).length).toBe(60);
  });

  it('a shape is trusted only after its first block agreed: a first block is always checked the full way', async () => {
    resetStats();
    forgetShapes();
    await cli(['verify', '--format', 'ndjson', files.generated[0]!]);
    expect(fastStats.learned).toBeGreaterThan(0);
    expect(fastStats.full).toBeGreaterThanOrEqual(fastStats.learned);
    expect(fastStats.fast).toBeGreaterThan(0);
    // (The rest the fast reader left unread: blocks with an injected fault it does not read.)
    expect(fastStats.fast + fastStats.full).toBeLessThanOrEqual(120);
  }, 60_000);
});

describe('the fast reader', () => {
  // The sample's first block: 项目名称 … 评分等级 in the Shanghai municipal layout.
  const sample = sampleText().replace(/\r\n/g, '\n').split('\n');
  const titles = sample.map((l, i) => (/项目支出绩效自/.test(l) ? i : -1)).filter((i) => i >= 0);
  const first = sample.slice(titles[0], titles[1]);

  it('reads a block of the common layout into numbers: name, funds, indicators, totals', () => {
    const b = readFast(first, titles[0]! + 1);
    expect(b).not.toBeNull();
    const full = parseLines(first, titles[0]! + 1).project;
    expect(b!.name).toBe(full.name);
    expect(b!.department).toBe(full.department);
    expect(b!.total.cells.budget?.text).toBe(full.funds.total!.budget!.num!.text);
    expect(b!.total.cells.executed?.text).toBe(full.funds.total!.executed!.num!.text);
    expect(b!.subRows.map((r) => r.kind)).toEqual(full.funds.subRows.map((r) => r.kind));
    expect(b!.indicators.map((i) => [i.line, i.level1, i.level2, i.weight.text, i.score.text])).toEqual(full.indicators.map((i) => [i.line, i.level1, i.level2, i.weight!.num!.text, i.score!.num!.text]));
    expect([b!.stated.weightTotal.text, b!.stated.total.text, b!.stated.grade]).toEqual([full.stated.weightTotal!.num!.text, full.stated.total!.num!.text, full.stated.grade]);
  });

  it('leaves to the full parser what it does not read without a choice', () => {
    const at = (i: number, f: (l: string) => string) => first.map((l, j) => (j === i ? f(l) : l));
    const ind = first.findIndex((l) => l.includes('三级指标')) + 1;
    // A shifted indicator row (a leading cell lost), a group row, a second title, a tail row, a bad number.
    expect(readFast(at(ind, (l) => `\t${l}`), 1)).toBeNull();
    expect(readFast(at(ind, () => '\t产出指标'), 1)).toBeNull();
    expect(readFast([...first, first[0]!], 1)).toBeNull();
    expect(readFast([...first, '评价结论\t好'], 1)).toBeNull();
    expect(readFast(at(ind, (l) => l.replace(/\t(\d+\.\d\d)\t/, '\t1..0\t')), 1)).toBeNull();
    // A block whose stated rate does not agree under the mode goes back to the full path with its error.
    const b = readFast(first, 1)!;
    const a = analyseFast(b)!;
    expect(checkFast(b, a, 'truncate', { budgetChange: 0.1 })).not.toBeNull();
    const wrong = first.map((l) => (l.includes('年度资金总额') ? l.replace(/\t(\d+\.\d\d)\t([^\t]*)$/, (_m, r, s) => `\t${(Number(r) - 1).toFixed(2)}\t${s}`) : l));
    const bw = readFast(wrong, 1);
    if (bw) {
      const aw = analyseFast(bw);
      expect(aw && checkFast(bw, aw, 'truncate', { budgetChange: 0.1 })).toBeNull();
    }
  });

  it('lines that cannot be a fast block are handed on at once, in order; a block is kept only from its title', () => {
    const calls: string[] = [];
    const lane = new FastLane({ row: (cells, line) => calls.push(`row ${line} ${cells.join('|')}`), fast: (b) => calls.push(`fast ${b.line}`) });
    // Text before any title (a file with no table in it was held whole until its end): each line goes on as it comes.
    for (let i = 1; i <= 1000; i++) {
      lane.line(i % 3 ? `说明\t第${i}行` : '', i);
      expect(calls.length).toBe(i);
    }
    expect(calls.at(-1)).toBe('row 1000 说明|第1000行');
    // A quoted row: handed on at once too, and the title after it is not taken as starting a block alone.
    lane.row(['"引号"', 'x'], 1001);
    expect(calls.at(-1)).toBe('row 1001 "引号"|x');
    const lines = sampleText().split('\n');
    const at = lines.findIndex((l) => l.includes('绩效自'));
    const title = lines[at]!;
    const rest = lines.slice(at + 1, lines.findIndex((l, i) => i > at && l.includes('绩效自')));
    lane.line(title!, 1002);
    expect(calls.length).toBe(1002);
    // After a plain line, a title starts a block: kept until the next title or the end, then read fast.
    lane.line('说明', 1003);
    lane.line(title!, 1004);
    rest.forEach((l, i) => lane.line(l, 1005 + i));
    const kept = calls.length;
    expect(kept).toBe(1003);
    lane.end();
    expect(calls.slice(1001)).toEqual([`row 1002 ${title.split('\t').join('|')}`, 'row 1003 说明', 'fast 1004']);
  });

  it('a project checked fast reads its record with the full parser only when asked, and it is the full parser’s record', () => {
    const text = sampleText();
    const run = (fast: boolean) => {
      const out: ProjectResult[] = [];
      const v = new FileVerifier('s.txt', { rounding: 'truncate', fast: fast ? 'on' : 'off' }, (pr) => out.push(pr));
      const lane = new FastLane(v);
      const feeder = new RowFeeder((c, l) => v.row(c, l), fast ? { lines: lane } : {});
      // Twice: the second time every shape is known and the blocks go the fast way.
      feeder.push(text);
      feeder.end();
      v.end({ encoding: 'utf-8', bom: false, lineEndings: feeder.endings, lineCount: feeder.lineCount });
      return { out, v };
    };
    run(true);
    const { out } = run(true);
    const slow = run(false).out;
    expect(out.some((p) => p.head !== undefined)).toBe(true);
    expect(JSON.stringify(out.map((p) => p.project))).toBe(JSON.stringify(slow.map((p) => p.project)));
  });
});
