/**
 * One large file checked on several lanes at once: the file is cut into byte
 * ranges at block boundaries, each range is checked on its own (in a worker,
 * with the rounding mode already decided), and the outputs are written in
 * file order. A cut is made only before a title line that starts a block
 * whatever came before it (`startsBlockAlone`), so the result is the same,
 * byte for byte, as checking the file in one piece (tested).
 *
 * Only UTF-8 files are cut (the title is searched for as bytes); other
 * encodings are checked in one piece.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { isBlankLine, startsBlockAlone } from './parse/parser.js';

export interface Segment {
  /** Byte offsets [start, end). */
  start: number;
  end: number;
  /** Physical line number of the first line of the range. */
  firstLine: number;
}

/** Files below this size are checked in one piece (a worker costs more than it saves). */
export const SEGMENTING = {
  minFileBytes: 32 << 20,
  /** Size of a range (the first one is smaller: it decides the rounding mode before the others start). */
  bytes: 4 << 20,
  firstBytes: 1 << 20,
};

/** Every title holds these characters (TITLE_RE): a cheap byte search finds the candidates. */
const NEEDLE = Buffer.from('项目支出绩效自');
/** How far to look at one place for a title to cut at, and how far back for the line before it. */
const WINDOW = 1 << 20;
const decoder = new TextDecoder('utf-8');

function isEol(b: number | undefined): boolean {
  return b === 0x0a || b === 0x0d;
}

/**
 * The first place at or after `from` where a block starts on its own, as a
 * byte offset of a line start; null when there is none before `limit`.
 */
function findCut(fd: number, from: number, limit: number): number | null {
  const buf = Buffer.allocUnsafe(WINDOW * 2);
  for (let at = from; at < limit; at += WINDOW) {
    // The window begins WINDOW / 2 back, so that a candidate has its previous lines in view.
    const base = Math.max(0, at - (WINDOW >> 1));
    const n = readSync(fd, buf, 0, Math.min(buf.length, limit - base), base);
    if (n === 0) return null;
    const view = buf.subarray(0, n);
    for (let i = view.indexOf(NEEDLE, at - base); i !== -1 && i < at - base + WINDOW; i = view.indexOf(NEEDLE, i + 1)) {
      let ls = i;
      while (ls > 0 && !isEol(view[ls - 1])) ls--;
      if (ls === 0 || base + ls < from) continue; // its start is out of view, or before `from`
      let le = i;
      while (le < n && !isEol(view[le])) le++;
      if (le === n && base + n < limit) continue; // its end is out of view
      // The previous non-blank line (none: the title is the first line of the window's view → skip).
      let prev: string | null = null;
      let pe = ls - 1; // at the line ending before the title
      for (;;) {
        while (pe >= 0 && isEol(view[pe])) pe--;
        if (pe < 0) break;
        let ps = pe;
        while (ps > 0 && !isEol(view[ps - 1])) ps--;
        if (ps === 0) break;
        const text = decoder.decode(view.subarray(ps, pe + 1));
        if (!isBlankLine(text)) {
          prev = text;
          break;
        }
        pe = ps - 1;
      }
      if (prev === null) continue;
      if (startsBlockAlone(decoder.decode(view.subarray(ls, le)), prev)) return base + ls;
    }
  }
  return null;
}

/** Physical lines that end in bytes [start, end): LF, CRLF and a lone CR each end one. */
function countLines(fd: number, start: number, end: number): number {
  const buf = Buffer.allocUnsafe(1 << 20);
  let lines = 0;
  let pos = start;
  let lastCR = false;
  while (pos < end) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, end - pos), pos);
    if (n === 0) break;
    const view = buf.subarray(0, n);
    for (let i = view.indexOf(0x0a); i !== -1; i = view.indexOf(0x0a, i + 1)) lines++;
    // A CR is a line end of its own unless an LF follows (then the LF was counted).
    if (lastCR && view[0] !== 0x0a) lines++;
    for (let i = view.indexOf(0x0d); i !== -1; i = view.indexOf(0x0d, i + 1)) {
      if (i === n - 1) break;
      if (view[i + 1] !== 0x0a) lines++;
    }
    lastCR = view[n - 1] === 0x0d;
    pos += n;
  }
  if (lastCR) lines++; // a CR at `end`: the next line starts at `end`, so nothing follows it in range
  return lines;
}

/**
 * The ranges to check a UTF-8 file of `size` bytes in (after a BOM of `skip`
 * bytes); one range when no cut is found.
 */
export function planSegments(path: string, size: number, skip: number, o: { bytes: number; firstBytes: number } = SEGMENTING): Segment[] {
  const fd = openSync(path, 'r');
  try {
    const cuts: number[] = [];
    let next = skip + o.firstBytes;
    while (next < size) {
      const cut = findCut(fd, next, size);
      if (cut === null) break;
      cuts.push(cut);
      next = cut + o.bytes;
    }
    const segments: Segment[] = [];
    let start = skip;
    let line = 1;
    for (const end of [...cuts, size]) {
      segments.push({ start, end, firstLine: line });
      if (end < size) line += countLines(fd, start, end);
      start = end;
    }
    return segments;
  } finally {
    closeSync(fd);
  }
}
