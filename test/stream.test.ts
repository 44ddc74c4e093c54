import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { EvalcheckError, verify } from '../src/index.js';
import { feedFile, SPOOL_LIMIT, WHOLE_FILE_LIMIT } from '../src/io.js';
import { JobOutput, PIECE_CHARS, SPILL_CHARS } from '../src/jobrunner.js';
import { errorText } from '../src/messages.js';
import { RowFeeder } from '../src/parse/feed.js';
import { FileVerifier, LOOKAHEAD } from '../src/pipeline.js';
import { lanesFor } from '../src/cli/report.js';
import { cli, ROOT, sampleText } from './helpers.js';

function rowsOf(chunks: string[]): { rows: [number, string[]][]; endings: unknown; lines: number } {
  const rows: [number, string[]][] = [];
  const f = new RowFeeder((cells, line) => rows.push([line, cells]));
  for (const c of chunks) f.push(c);
  f.end();
  return { rows, endings: f.endings, lines: f.lineCount };
}

describe('RowFeeder', () => {
  it('gives the same rows and line numbers however the text is chunked', () => {
    const text = 'a\tb\r\nc\rd\n\ne\tf\r\n\r\ng';
    const whole = rowsOf([text]);
    expect(whole.rows).toEqual([
      [1, ['a', 'b']],
      [2, ['c']],
      [3, ['d']],
      [4, ['']],
      [5, ['e', 'f']],
      [6, ['']],
      [7, ['g']],
    ]);
    expect(whole.endings).toEqual({ LF: 2, CRLF: 3, CR: 1 });
    fc.assert(
      fc.property(fc.array(fc.nat(text.length), { maxLength: 8 }), (cuts) => {
        const at = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks = [0, ...at].map((s, i) => text.slice(s, at[i] ?? text.length));
        expect(rowsOf(chunks)).toEqual(whole);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('gives the same rows, endings and lines for any text (quotes, CR, LF, long lines) however it is chunked', () => {
    const piece = fc.constantFrom('a', '甲', '\t', '\n', '\r', '\r\n', '"', '""', ' ', 'aaaaaaaaaaaaaaaa', '"x\ny"');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.array(fc.nat(400), { maxLength: 30 }), (parts, cuts) => {
        const text = parts.join('');
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...at].map((s, i) => text.slice(s, at[i] ?? text.length)).filter((c) => c !== '');
        expect(rowsOf(chunks)).toEqual(rowsOf([text]));
      }),
      { seed: 11, numRuns: 3000 },
    );
  });

  it('hands on each line as soon as its ending is known (CR, LF, CRLF), not at the end', () => {
    const lines: number[] = [];
    const f = new RowFeeder((_cells, line) => lines.push(line));
    f.push('a');
    f.push('b\rc');
    expect(lines).toEqual([1]);
    f.push('d');
    f.push('\ne');
    expect(lines).toEqual([1, 2]);
    f.push('f\r'); // CR at the end: maybe the first half of CRLF
    expect(lines).toEqual([1, 2]);
    f.push('g'); // no: a line of its own
    expect(lines).toEqual([1, 2, 3]);
    f.end();
    expect([lines, f.endings]).toEqual([[1, 2, 3, 4], { CR: 2, LF: 1 }]);
  });

  it('reads a line of 60 MB without a break in linear time (chunks without a break are held, not searched again)', () => {
    const chunk = '甲'.repeat(1 << 16);
    const f = new RowFeeder(() => {}, { lines: { line: () => {}, row: () => {} } });
    const t0 = performance.now();
    for (let i = 0; i < 900; i++) f.push(chunk);
    f.push('\n');
    f.end();
    // Quadratic, this took ~30 s; linear, well under one.
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(f.lineCount).toBe(1);
  });
});

describe('streaming large files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evalcheck-stream-'));
  // About 2 MB: above the whole-file limit, so it is streamed in chunks.
  // (GB18030 takes 2 bytes a character where UTF-8 takes 3, so size for it.)
  const copies = Math.ceil((WHOLE_FILE_LIMIT + (1 << 20)) / iconv.encode(sampleText(), 'gb18030').length);
  const big = Array(copies).fill(sampleText()).join('\r\n');

  for (const [label, bytes] of [
    ['UTF-8', Buffer.from(big)],
    ['GB18030', iconv.encode(big, 'gb18030')],
    ['UTF-16LE with BOM', Buffer.from('\ufeff' + big, 'utf16le')],
  ] as const) {
    it(`${label}: the stream gives what the whole-file path gives`, async () => {
      const path = join(dir, `${label}.txt`);
      writeFileSync(path, bytes);
      expect(bytes.length).toBeGreaterThan(WHOLE_FILE_LIMIT);
      const whole = verify(bytes, { path });
      const seen: { line: number; name: string | null; codes: string[] }[] = [];
      const v = new FileVerifier(path, {}, (pr, fs) => seen.push({ line: pr.project.line, name: pr.project.name, codes: fs.map((f) => `${f.code}:${f.line}`) }));
      const feeder = new RowFeeder((cells, line) => v.row(cells, line));
      const meta = await feedFile(path, undefined, feeder);
      const info = v.end({ ...meta, lineEndings: feeder.endings, lineCount: feeder.lineCount });
      expect(meta.encoding).toBe(whole.encoding);
      expect(info.lineCount).toBe(whole.lineCount);
      expect(info.lineEndings).toEqual(whole.lineEndings);
      expect(seen).toHaveLength(whole.projects.length);
      expect(seen.length).toBeGreaterThan(LOOKAHEAD);
      expect(seen.map((s) => s.name)).toEqual(whole.projects.map((p) => p.project.name));
      const wholeCodes = whole.findings.filter((f) => f.project).map((f) => `${f.code}:${f.line}`);
      expect(seen.flatMap((s) => s.codes)).toEqual(wholeCodes);
      expect(info.rounding!.mode).toBe('truncate');
    }, 60_000);
  }

  it('ndjson of a streamed file: one line per project, then the file line', async () => {
    const path = join(dir, 'big-ndjson.txt');
    writeFileSync(path, big);
    const r = await cli(['verify', path, '--format', 'ndjson']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(copies * 8 + 1);
    const last = JSON.parse(lines.at(-1)!);
    expect(last).toMatchObject({ type: 'file', projects: copies * 8, encoding: 'utf-8', lineEndings: { LF: 202 * copies, CRLF: copies - 1 } });
    expect(JSON.parse(lines[copies * 8 - 1]!).project.name).toBe('残疾人事业综合保障经费');
  }, 60_000);

  // Streamed files are checked on their raw bytes first; errors name the file and the first bad line.
  const lineCount = big.split(/\r\n|\n/).length;
  const at = (text: string, line: number, bytes: Buffer): Buffer => {
    const head = Buffer.from(text.split(/(?<=\n)/).slice(0, line - 1).join(''));
    return Buffer.concat([head, bytes, Buffer.from(text).subarray(head.length)]);
  };
  const failure = async (bytes: Buffer, name: string) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    expect(bytes.length).toBeGreaterThan(WHOLE_FILE_LIMIT);
    return feedFile(path, undefined, new RowFeeder(() => {})).then(
      () => null,
      (e: EvalcheckError) => ({ code: e.code, line: e.line, message: e.message }),
    );
  };

  it('a NUL byte or bytes no encoding accepts, deep in a streamed file: read, with an error finding at their line (F16)', async () => {
    for (const [name, line, bytes, shown] of [
      ['nul.txt', lineCount - 3, Buffer.from([0x00]), '\\x00'],
      ['bad.txt', 20_000, Buffer.from([0xff, 0xff]), '\\xFF\\xFF'],
    ] as const) {
      expect(await failure(at(big, line, bytes), name)).toBeNull();
      const r = await cli(['verify', join(dir, name), '--format', 'json']);
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.stdout);
      const damaged = doc.files[0].findings.filter((f: { code: string }) => f.code === 'undecodable-bytes');
      expect(damaged).toEqual([expect.objectContaining({ line, severity: 'error', args: { bytes: shown, count: bytes.length, encoding: 'utf-8' } })]);
      // The rest is checked as the undamaged file is.
      expect(doc.counts.projects).toBe(copies * 8);
    }
  }, 60_000);

  it('a streamed file that is mostly not text is still rejected: binary at its first NUL, or not any encoding', async () => {
    const noise = Buffer.alloc(40_000, 0xff);
    expect(await failure(at(big, 20_000, noise), 'noise.txt')).toMatchObject({ code: 'encoding', message: 'is neither UTF-8, UTF-16 (with BOM) nor GB18030 text' });
    const zeros = Buffer.alloc(40_000, 0);
    expect(await failure(at(big, lineCount - 3, zeros), 'zeros.txt')).toEqual({ code: 'binary', line: lineCount - 3, message: 'is a binary file (NUL byte), not an exported table' });
  }, 60_000);

  it('a UTF-8 character split by every chunk edge is still read as UTF-8', async () => {
    // Shift the text by 0, 1 and 2 bytes so that 3-byte characters straddle the 64 KB reads in every way.
    for (const pad of ['', 'a', 'ab']) {
      const path = join(dir, `edge${pad.length}.txt`);
      writeFileSync(path, pad + big);
      const rows: string[][] = [];
      const meta = await feedFile(path, undefined, new RowFeeder((cells) => rows.length < 3 && rows.push(cells)));
      expect(meta).toEqual({ encoding: 'utf-8', bom: false });
      expect(rows[2]![0]).toBe('财政项目支出绩效自评价');
    }
  });
});

describe('--jobs', () => {
  it('gives the same output, in input order, with workers as without', async () => {
    const files = ['fixtures/faults/rate-mismatch.txt', 'fixtures/000_4494185c10663b20.txt', 'fixtures/faults/grade-mismatch.txt', 'fixtures/variants/header-synonyms.txt', 'nope.txt'];
    const one = await cli(['verify', ...files, '--format', 'ndjson', '--jobs', '1']);
    const two = await cli(['verify', ...files, '--format', 'ndjson', '--jobs', '2']);
    expect(two.stdout).toBe(one.stdout);
    expect(two.code).toBe(2);
    expect(two.stderr).toBe('evalcheck: nope.txt: no such file\n');
    const paths = two.stdout.trimEnd().split('\n').map((l) => JSON.parse(l)).filter((o) => o.type === 'file').map((o) => o.path);
    expect(paths).toEqual(files.slice(0, 4));
  });

  it('output too large to hold goes through a spill file and comes out the same, in order; the spill directory is removed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalcheck-spill-'));
    // Each file's ndjson (~5M characters) is above SPILL_CHARS, so workers write it to a file.
    const big = Array(100).fill(sampleText()).join('\n');
    const files = ['a', 'b', 'c'].map((n) => join(dir, `${n}.txt`));
    files.forEach((f) => writeFileSync(f, big));
    const one = await cli(['verify', ...files, '--format', 'ndjson', '--records', 'full', '--jobs', '1']);
    expect(one.stdout.length).toBeGreaterThan(3 * SPILL_CHARS + 1000);
    const tmp = mkdtempSync(join(tmpdir(), 'evalcheck-tmp-'));
    const r = spawnSync(process.execPath, ['bin/evalcheck.cjs', 'verify', ...files, '--format', 'ndjson', '--records', 'full', '--jobs', '3'], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(one.stdout);
    expect(readdirSync(tmp)).toEqual([]);
  }, 60_000);

  it('JobOutput keeps small output in memory and spills large output to its file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalcheck-out-'));
    const small = new JobOutput(dir, 1);
    small.write('一行\n');
    expect(small.finish()).toEqual({ text: '一行\n', file: null });
    const large = new JobOutput(dir, 2);
    const piece = '项目'.repeat(1000) + '\n';
    const n = Math.ceil(SPILL_CHARS / piece.length) + 10;
    for (let i = 0; i < n; i++) large.write(piece);
    // Once spilling, output goes on to the file as it comes: less than a piece of it is held.
    const written = statSync(join(dir, '2.out')).size;
    expect(Buffer.byteLength(piece.repeat(n)) - written).toBeLessThan(PIECE_CHARS * 3);
    expect(written).toBeGreaterThanOrEqual(Buffer.byteLength(piece) * (n - 10));
    const r = large.finish();
    expect(r).toEqual({ text: '', file: join(dir, '2.out') });
    expect(readFileSync(r.file!, 'utf8')).toBe(piece.repeat(n));
    const failed = new JobOutput(dir, 3);
    for (let i = 0; i < n; i++) failed.write(piece);
    failed.discard();
    expect(readdirSync(dir).sort()).toEqual(['2.out']);
  });

  it('Ctrl-C (SIGINT) or a kill (SIGTERM) in the middle of a run leaves no temporary file and no -o file, and exits 128 + the signal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalcheck-signal-'));
    const big = Array(100).fill(sampleText()).join('\n');
    const files = Array.from({ length: 12 }, (_, i) => join(dir, `in${i}.txt`));
    files.forEach((f) => writeFileSync(f, big));
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      const tmp = mkdtempSync(join(tmpdir(), 'evalcheck-tmp-'));
      const outDir = mkdtempSync(join(tmpdir(), 'evalcheck-o-'));
      const child = spawn(process.execPath, ['bin/evalcheck.cjs', 'verify', ...files, '--format', 'ndjson', '--records', 'full', '--jobs', '2', '-o', join(outDir, 'out.ndjson')], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, stdio: 'ignore' });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      // Signalled once a lane's output is in its temporary file and the -o file is being written.
      // (A directory may go between the two reads, when the run ends.)
      const entries = (d: string) => (existsSync(d) ? readdirSync(d) : []);
      const spilled = () => entries(tmp).some((d) => d.startsWith('evalcheck-jobs-') && entries(join(tmp, d)).length > 0);
      const deadline = Date.now() + 20_000;
      while (!(spilled() && readdirSync(outDir).length > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(spilled()).toBe(true);
      child.kill(signal);
      expect(await exited).toBe(code);
      expect([signal, readdirSync(tmp), readdirSync(outDir)]).toEqual([signal, [], []]);
    }
  }, 60_000);

  it('JobOutput on a disk that fills up throws the one-line write error, naming its directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalcheck-full-'));
    symlinkSync('/dev/full', join(dir, '7.out'));
    const out = new JobOutput(dir, 7);
    const piece = 'x'.repeat(1000);
    let error: unknown = null;
    try {
      for (let i = 0; i <= SPILL_CHARS / 1000; i++) out.write(piece);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EvalcheckError);
    expect((error as EvalcheckError).oneLine()).toBe(`${dir}: cannot write the temporary output of --jobs (ENOSPC: disk full)`);
    expect(errorText((error as EvalcheckError).message, 'zh')).toBe('无法写入 --jobs 的临时输出（ENOSPC：磁盘已满）');
  });

  it('merges summaries from workers', async () => {
    const a = await cli(['summary', 'fixtures/faults', '--format', 'csv', '--jobs', '1']);
    const b = await cli(['summary', 'fixtures/faults', '--format', 'csv', '--jobs', '2']);
    expect(b.stdout).toBe(a.stdout);
    expect(b.stdout.split('\r\n').length).toBeGreaterThan(100);
  });

  it('--jobs N runs on at most as many lanes as there are cores, with the same output', async () => {
    expect([lanesFor(undefined), lanesFor(1), lanesFor(9999), lanesFor(2)]).toEqual([1, 1, availableParallelism(), Math.min(2, availableParallelism())]);
    const one = await cli(['verify', 'fixtures/faults', '--format', 'ndjson', '--jobs', '1']);
    const many = await cli(['verify', 'fixtures/faults', '--format', 'ndjson', '--jobs', '9999']);
    expect(many.code).toBe(one.code);
    expect(many.stdout).toBe(one.stdout);
    expect(many.stdout.split('\n').length).toBeGreaterThan(100);
  });

  it('rejects --jobs 0', async () => {
    expect((await cli(['verify', 'fixtures/faults', '--jobs', '0'])).code).toBe(2);
  });
});

describe('rounding under auto in a stream', () => {
  it('is fixed after the first 64 blocks and reported when the whole file would choose otherwise', () => {
    // 64 blocks whose figures every mode reproduces (100 %), then the sample's blocks, which only truncation explains.
    const block = sampleText().split('\n').slice(2, 20).join('\n');
    const exact = block.replaceAll('88.31', '88.32').replaceAll('99.98', '100.00').replaceAll('99.99', '100.00').replaceAll('\t9.99', '\t10.00');
    const text = [...Array(LOOKAHEAD).fill(exact), ...Array(40).fill(sampleText())].join('\n');
    const r = verify(text);
    expect(r.rounding!.mode).toBe('half-up');
    expect(r.rounding!.ambiguous).toBe(true);
    const note = r.findings.find((f) => f.code === 'rounding-mode-ambiguous')!;
    expect(note.args).toMatchObject({ chosen: 'half-up', wholeFile: 'truncate', decidedAfter: 64 });
    // With a fixed mode the same file is clean.
    expect(verify(text, { rounding: 'truncate' }).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('backpressure', () => {
  it('waits for a slow output to drain instead of buffering a whole large file', async () => {
    const { run } = await import('../src/cli/index.js');
    const { Readable } = await import('node:stream');
    const dir = mkdtempSync(join(tmpdir(), 'evalcheck-bp-'));
    const path = join(dir, 'big.txt');
    const copies = Math.ceil((WHOLE_FILE_LIMIT + (2 << 20)) / Buffer.byteLength(sampleText()));
    writeFileSync(path, Array(copies).fill(sampleText()).join('\n'));
    let written = 0;
    let waits = 0;
    let maxUndrained = 0;
    let undrained = 0;
    const listeners: (() => void)[] = [];
    const stdout = {
      write(s: string | Uint8Array) {
        written += typeof s === 'string' ? s.length : s.byteLength;
        undrained += typeof s === 'string' ? s.length : s.byteLength;
        maxUndrained = Math.max(maxUndrained, undrained);
        return false; // always "full"
      },
      once(_e: 'drain', l: () => void) {
        waits++;
        listeners.push(l);
        setTimeout(() => {
          undrained = 0;
          listeners.shift()?.();
        }, 1);
      },
    };
    const code = await run(['verify', path, '--format', 'ndjson', '--jobs', '1'], { stdout, stderr: { write: () => true }, stdin: Readable.from([]), env: {}, cwd: dir });
    expect(code).toBe(0);
    expect(waits).toBeGreaterThan(5);
    // Never more than a few chunks' worth of output waiting: it does not grow with the file.
    expect(maxUndrained).toBeLessThan(written / 4);
  }, 60_000);
});

describe('standard input', () => {
  it('beyond SPOOL_LIMIT it is spooled to a temporary file and streamed, then the file is removed', async () => {
    const { readdirSync } = await import('node:fs');
    const before = readdirSync(tmpdir()).filter((f) => f.startsWith('evalcheck-stdin-')).length;
    const copies = Math.ceil((SPOOL_LIMIT + (1 << 20)) / Buffer.byteLength(sampleText()));
    const big = Buffer.from(Array(copies).fill(sampleText()).join('\n'));
    const r = await cli(['summary', '-', '--format', 'csv'], { stdin: big });
    expect(r.code).toBe(0);
    expect(r.stdout.slice(1).trimEnd().split('\r\n')).toHaveLength(1 + copies * 8);
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('evalcheck-stdin-')).length).toBe(before);
  }, 60_000);
});
