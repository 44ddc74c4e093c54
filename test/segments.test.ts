import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../src/gen.js';
import { planSegments, SEGMENTING } from '../src/segments.js';
import { cli, sampleText } from './helpers.js';

// Small segments so that files of a few MB are split (the defaults are 32 MB files, 4 MB ranges).
const saved = { ...SEGMENTING };
beforeAll(() => Object.assign(SEGMENTING, { minFileBytes: 1 << 20, bytes: 256 << 10, firstBytes: 160 << 10 }));
afterAll(() => Object.assign(SEGMENTING, saved));

const dir = mkdtempSync(join(tmpdir(), 'evalcheck-seg-'));

/** 1-based line of each byte offset that starts a line, counting LF, CRLF and lone CR. */
function lineStarts(bytes: Buffer): Map<number, number> {
  const starts = new Map([[0, 1]]);
  let line = 1;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) continue;
    if (bytes[i] === 0x0a || bytes[i] === 0x0d) starts.set(i + 1, ++line);
  }
  return starts;
}

function corpus(): string {
  let text = '';
  generate({ blocks: 3000, seed: 21, errors: 0.05 }, (t) => (text += t));
  return text;
}

describe('one large file split over lanes (--jobs N)', () => {
  const gen = join(dir, 'corpus.txt');
  writeFileSync(gen, corpus());

  it('cuts only at title lines, and knows the line number of every cut', () => {
    const bytes = readFileSync(gen);
    const segs = planSegments(gen, bytes.length, 0);
    expect(segs.length).toBeGreaterThan(8);
    expect(segs[0]).toMatchObject({ start: 0, firstLine: 1 });
    expect(segs.at(-1)!.end).toBe(bytes.length);
    const starts = lineStarts(bytes);
    for (let k = 1; k < segs.length; k++) {
      expect(segs[k]!.start).toBe(segs[k - 1]!.end);
      expect(segs[k]!.firstLine).toBe(starts.get(segs[k]!.start));
      const line = bytes.subarray(segs[k]!.start, bytes.indexOf(0x0a, segs[k]!.start)).toString();
      expect(line).toMatch(/项目支出绩效自(我)?评(价|表)/);
    }
  });

  it('without a temporary directory, --jobs is one line and exit 2 before any output (one split file, several files), and nothing hangs', async () => {
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = join(dir, 'no-such-dir');
    try {
      const one = await cli(['verify', gen, '--format', 'ndjson', '--jobs', '2']);
      expect([one.code, one.stdout, one.stderr]).toEqual([2, '', `evalcheck: ${gen}: cannot make a temporary directory for --jobs (ENOENT); run without --jobs, or set TMPDIR\n`]);
      const small = join(dir, 'small.txt');
      writeFileSync(small, sampleText());
      const two = await cli(['verify', gen, small, '--jobs', '2', '--lang', 'zh']);
      expect([two.code, two.stdout, two.stderr]).toEqual([2, '', `evalcheck: ${join(dir, 'no-such-dir')}: 无法为 --jobs 创建临时目录（ENOENT）；请不带 --jobs 运行，或设置 TMPDIR\n`]);
      // One lane needs no temporary directory.
      expect((await cli(['verify', gen, '--format', 'ndjson', '--jobs', '1'])).code).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });

  it('gives the same ndjson, summary and parse output, byte for byte, as one lane', async () => {
    for (const args of [['verify', '--format', 'ndjson'], ['summary', '--format', 'csv'], ['parse', '--format', 'ndjson'], ['verify', '--format', 'ndjson', '--quiet', '--lang', 'en']]) {
      const one = await cli([args[0]!, gen, ...args.slice(1), '--jobs', '1']);
      const three = await cli([args[0]!, gen, ...args.slice(1), '--jobs', '3']);
      expect(three.stderr).toBe(one.stderr);
      expect(three.code).toBe(one.code);
      expect(three.stdout.length).toBeGreaterThan(1000);
      expect(three.stdout).toBe(one.stdout);
    }
    // The file line: every project, every line, the injected faults as errors.
    const last = JSON.parse((await cli(['verify', gen, '--format', 'ndjson', '--jobs', '2'])).stdout.trimEnd().split('\n').at(-1)!);
    expect(last).toMatchObject({ type: 'file', projects: 3000, lineCount: readFileSync(gen, 'utf8').split('\n').length - 1 });
    expect(last.counts.error).toBeGreaterThan(100);
  }, 120_000);

  it('a large file that is not the first input (standard input before it) is split as itself', async () => {
    const stdin = readFileSync(join(import.meta.dirname, '..', 'fixtures', '000_4494185c10663b20.txt'));
    const one = await cli(['verify', '-', gen, '--format', 'ndjson', '--jobs', '1'], { stdin });
    const two = await cli(['verify', '-', gen, '--format', 'ndjson', '--jobs', '2'], { stdin });
    expect(two.stdout).toBe(one.stdout);
    expect(two.stdout.trimEnd().split('\n').filter((l) => l.includes('"type":"file"')).map((l) => JSON.parse(l).projects)).toEqual([8, 3000]);
  }, 60_000);

  it('CRLF and lone CR endings, and a line before a title that could start a two-line title', async () => {
    // Sample blocks (larger than generated ones: the first segment holds fewer than 64, so the
    // rounding mode is decided later and the file is read on in one piece), with mixed endings.
    const blocks = sampleText().split('\n');
    let text = '';
    for (let i = 0; i < 120; i++) {
      const eol = i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\n' : '\r';
      // Before some titles, a line that may be the first half of a split title: no cut there.
      text += (i % 4 === 0 ? '某区财政项目支出' + eol : '') + blocks.join(eol) + eol;
    }
    const path = join(dir, 'mixed.txt');
    writeFileSync(path, text);
    const one = await cli(['verify', path, '--format', 'ndjson', '--jobs', '1']);
    const two = await cli(['verify', path, '--format', 'ndjson', '--jobs', '2']);
    expect(two.stdout).toBe(one.stdout);
    const segs = planSegments(path, Buffer.byteLength(text), 0);
    expect(segs.length).toBeGreaterThan(4);
    const starts = lineStarts(Buffer.from(text));
    for (const s of segs.slice(1)) {
      expect(s.firstLine).toBe(starts.get(s.start));
      // The line before the cut is never the possible first half of a title.
      expect(Buffer.from(text).subarray(s.start - 30, s.start).toString()).not.toContain('某区财政项目支出');
    }
    // And with a first segment large enough to decide the rounding mode: the segments run on the other lanes.
    SEGMENTING.firstBytes = 400 << 10;
    const twoDecided = await cli(['verify', path, '--format', 'ndjson', '--jobs', '2']);
    SEGMENTING.firstBytes = 160 << 10;
    expect(twoDecided.stdout).toBe(one.stdout);
    const file = JSON.parse(one.stdout.trimEnd().split('\n').at(-1)!);
    expect(file.lineEndings).toEqual({ CRLF: expect.any(Number), LF: expect.any(Number), CR: expect.any(Number) });
    expect(file.projects).toBe(120 * 8);
  }, 120_000);
});

describe('splitting, property-tested', () => {
  it('random corpora, line endings, blank and title-like lines, BOM and cut sizes: the same output as one lane', async () => {
    const fc = (await import('fast-check')).default;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          seed: fc.nat(10_000),
          ending: fc.constantFrom('\n', '\r\n', '\r', 'mixed'),
          noise: fc.constantFrom('', '\t \t', '某区财政项目支出', '绩效自评'),
          bom: fc.boolean(),
          first: fc.integer({ min: 90, max: 200 }),
          bytes: fc.integer({ min: 8, max: 64 }),
        }),
        async ({ seed, ending, noise, bom, first, bytes }) => {
          let text = '';
          generate({ blocks: 400, seed, errors: 0.05 }, (t) => (text += t));
          // Noise before every third title; then the line endings.
          let k = 0;
          text = text.replace(/^(?=.*项目支出绩效自)/gm, () => (k++ % 3 === 1 && noise ? noise + '\n' : ''));
          const lines = text.split('\n');
          text = lines.map((l, i) => l + (i === lines.length - 1 ? '' : ending === 'mixed' ? ['\n', '\r\n', '\r'][i % 3] : ending)).join('');
          const path = join(dir, `prop-${n++}.txt`);
          writeFileSync(path, (bom ? '\ufeff' : '') + text);
          Object.assign(SEGMENTING, { minFileBytes: 1, firstBytes: first << 10, bytes: bytes << 10 });
          const one = await cli(['verify', path, '--format', 'ndjson', '--jobs', '1']);
          const two = await cli(['verify', path, '--format', 'ndjson', '--jobs', '2']);
          expect(two.stdout).toBe(one.stdout);
          expect(two.code).toBe(one.code);
        },
      ),
      { seed: 99, numRuns: Number(process.env.FC_RUNS ?? 12) },
    );
  }, 300_000);
});
