/**
 * The hand splitters on the hot path split as papaparse does (papaparse stays
 * the parser wherever quoting matters): `splitLines` against papaparse's
 * fastMode on text without quotes, and the fast reader's ScannedRow against
 * `nonEmpty(line.split('\t'))`, on random lines and on every line of the
 * fixtures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { nonEmpty } from '../src/parse/context.js';
import { splitRows } from '../src/parse/rows.js';
import { ScannedRow } from '../src/fast/row.js';
import { isBlankLine } from '../src/parse/parser.js';
import { clean, isJsSpace } from '../src/text.js';
import { ROOT, SAMPLE } from './helpers.js';

const papaFast = (text: string, delimiter: '\t' | ','): string[][] =>
  text === '' ? [] : Papa.parse<string[]>(text, { newline: '\n', fastMode: true, dynamicTyping: false, header: false, skipEmptyLines: false, comments: false, delimiter }).data;

// Cells as exports have them: CJK, numbers, spaces of every kind, empty cells; no quotes (plain text only).
const cellChar = fc.constantFrom('a', '1', '.', '中', '指', ' ', '\u3000', '\u00a0', '\ufeff', '\u2003', '', '（', ',', '\t');
const line = fc.array(cellChar, { maxLength: 30 }).map((a) => a.join(''));
const text = fc.array(line, { maxLength: 8 }).map((ls) => ls.join('\n'));

function fixtureLines(): string[] {
  const files = [join(ROOT, SAMPLE)];
  for (const d of ['fixtures/corpus', 'fixtures/corpus/partial', 'fixtures/faults', 'fixtures/variants']) {
    for (const f of readdirSync(join(ROOT, d))) if (/\.(tsv|txt)$/.test(f)) files.push(join(ROOT, d, f));
  }
  return files.flatMap((f) => readFileSync(f, 'utf8').replace(/\r\n?/g, '\n').split('\n'));
}

describe('splitRows (text without quotes)', () => {
  it('splits as papaparse fastMode, tab and comma (property)', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('\t' as const, ',' as const), (t, d) => {
        // Except that papaparse drops a U+FEFF at the very start of what it is given (see below).
        if (t.startsWith('\ufeff')) return;
        expect(splitRows(t, d)).toEqual(papaFast(t, d));
      }),
      { numRuns: 3000, seed: Number(process.env.FC_SEED ?? 20261201) },
    );
  });

  it('does not depend on where a chunk begins: a stray byte order mark is kept wherever it stands', () => {
    // Two exports concatenated (cat a.txt b.txt): the second one's BOM starts a line in the middle of the file.
    const text = '项目名称\t甲\n\ufeff财政项目支出绩效自评表\n';
    const whole = splitRows(text);
    const cut = text.indexOf('\ufeff');
    expect([...splitRows(text.slice(0, cut)).slice(0, -1), ...splitRows(text.slice(cut))]).toEqual(whole);
    expect(whole[1]).toEqual(['\ufeff财政项目支出绩效自评表']);
    // papaparse gives the second half without it: it would depend on the read chunk's edge.
    expect(papaFast(text.slice(cut), '\t')[0]).toEqual(['财政项目支出绩效自评表']);
  });

  it('splits every fixture as papaparse fastMode', () => {
    const all = fixtureLines().filter((l) => !l.includes('"'));
    expect(all.length).toBeGreaterThan(1000);
    expect(splitRows(all.join('\n'))).toEqual(papaFast(all.join('\n'), '\t'));
    expect(splitRows('a\tb\n\nc\t\n')).toEqual([['a', 'b'], [''], ['c', ''], ['']]);
  });
});

describe('ScannedRow', () => {
  const row = new ScannedRow();
  const same = (l: string) => {
    const cells = l.split('\t');
    row.scan(l);
    expect(row.length).toBe(cells.length);
    expect(row.nonEmpty()).toEqual(nonEmpty(cells));
    for (let c = -1; c <= cells.length + 1; c++) {
      expect(row.cell(c)).toBe(c >= 0 && c < cells.length ? cells[c] : '');
      expect(row.clean(c)).toBe(c >= 0 && c < cells.length ? clean(cells[c]!) : '');
    }
  };

  it('reads a line as nonEmpty(line.split(tab)) does (property)', () => {
    fc.assert(fc.property(line, (l) => same(l)), { numRuns: 3000, seed: Number(process.env.FC_SEED ?? 20261201) });
    // More cells than its first offsets hold (they grow).
    same('\t'.repeat(200) + 'x');
  });

  it('reads every line of the fixtures as nonEmpty(line.split(tab)) does', () => {
    const lines = fixtureLines();
    for (const l of lines) same(l);
    expect(lines.length).toBeGreaterThan(1000);
  });
});

describe('isBlankLine', () => {
  const blank = (l: string) => nonEmpty(l.split('\t')).length === 0;
  it('is nonEmpty(line.split(tab)) being empty, on random lines of spaces, tabs and a few other characters (property)', () => {
    const ch = fc.constantFrom(' ', '\t', '\u3000', '\u00a0', '\ufeff', '\u2003', '\u200b', '\u2028', '\r', '\v', 'a', '中');
    fc.assert(fc.property(fc.array(ch, { maxLength: 12 }).map((a) => a.join('')), (l) => {
      expect(isBlankLine(l)).toBe(blank(l));
    }), { numRuns: 5000, seed: Number(process.env.FC_SEED ?? 20261201) });
    expect([isBlankLine(''), isBlankLine('\t\t \u3000'), isBlankLine('\t\u200b'), isBlankLine('\t\t-')]).toEqual([true, true, false, false]);
  });
  it('on every line of the fixtures', () => {
    for (const l of fixtureLines()) expect(isBlankLine(l), l).toBe(blank(l));
  });
});

describe('isJsSpace', () => {
  it('is the set /\\s/ matches and String.prototype.trim removes, over every UTF-16 code unit', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      expect(isJsSpace(c), c.toString(16)).toBe(/\s/.test(ch));
      expect(isJsSpace(c), c.toString(16)).toBe(ch.trim() === '');
    }
  });
});
