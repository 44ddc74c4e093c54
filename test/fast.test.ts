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
import { generate } from '../src/gen.js';
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
  files.large = [gen('gen-5000.txt', { blocks: 5000, seed: 11, errors: 0.05 })];
});
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

describe('the fast path gives the full path’s output, byte for byte', () => {
  for (const set of ['sample', 'corpus', 'faults', 'generated', 'large']) {
    it(`on the ${set} inputs, in every format that uses it`, async () => {
      // (The 5,000-block corpus in three of them: each run of it takes seconds.)
      for (const r of set === 'large' ? RUNS.filter((x) => ['verify ndjson', 'verify table', 'summary csv sorted'].includes(x.name)) : RUNS) {
        const slow = await cli([...r.argv, ...files[set]!], { env: { EVALCHECK_FAST: '0' } });
        resetStats();
        const fast = await cli([...r.argv, ...files[set]!]);
        expect(fast.code, r.name).toBe(slow.code);
        expect(fast.stderr, r.name).toBe(slow.stderr);
        expect(fast.stdout, r.name).toBe(slow.stdout);
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
