/**
 * Every format streams (#14): the streamed `json` and `table` outputs are
 * byte for byte what `-o` writes to a file (a temporary file renamed at the
 * end), including a `json` whose projects outgrow memory and go
 * through a temporary file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { generate } from '../src/gen.js';
import { Spool, SPOOL_CHARS } from '../src/report/spool.js';
import { cli, SAMPLE } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'evalcheck-streaming-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SETS: [string, string[]][] = [
  ['the sample', [SAMPLE]],
  ['faults, corpus and bad fixtures (file-level findings, failures)', ['fixtures/faults', 'fixtures/corpus', 'fixtures/bad']],
];

describe.each(SETS)('%s', (_name, inputs) => {
  test.each([
    ['verify', 'json'],
    ['parse', 'json'],
    ['summary', 'json'],
    ['verify', 'table'],
  ])('%s --format %s: streamed = whole', async (command, format) => {
    const out = join(dir, `${command}-${format}-${inputs.length}.out`);
    const whole = await cli([command, ...inputs, '--format', format, '-o', out]);
    const streamed = await cli([command, ...inputs, '--format', format]);
    expect(streamed.code).toBe(whole.code);
    expect(streamed.stdout).toBe(readFileSync(out, 'utf8'));
    if (format === 'json') expect(JSON.parse(streamed.stdout).counts.files).toBeGreaterThan(0);
  }, 30_000);
});

test('a json document larger than the spool: its projects go through a temporary file, the bytes are the same', async () => {
  let text = '';
  generate({ blocks: 2500, seed: 7, errors: 0.05 }, (t) => (text += t));
  const input = join(dir, 'big.txt');
  writeFileSync(input, text);
  const out = join(dir, 'big.json');
  const whole = await cli(['verify', input, '--format', 'json', '-o', out]);
  const streamed = await cli(['verify', input, '--format', 'json']);
  expect(streamed.stdout.length).toBeGreaterThan(2 * SPOOL_CHARS);
  expect(streamed.stdout).toBe(readFileSync(out, 'utf8'));
  expect(streamed.code).toBe(whole.code);
  const doc = JSON.parse(streamed.stdout);
  expect(doc.files[0].projects).toHaveLength(2500);
  expect(doc.files[0].findings.length).toBe(doc.counts.error + doc.counts.warning + doc.counts.info);
  // No spool directory is left behind.
  expect(readdirSync(tmpdir()).filter((d) => d.startsWith('evalcheck-spool-'))).toEqual([]);
});

test('Spool: in memory while small, then a file; read back whole, in order, across UTF-8 boundaries', () => {
  const s = new Spool(10);
  const items = ['项目一', '"a"', '中文字符跨越边界', 'x'.repeat(25), '末'];
  for (const i of items) s.add(i);
  expect(s.count).toBe(5);
  expect([...s.read()].join('')).toBe(items.join(''));
  expect([...s.read()].join('')).toBe('');
});
