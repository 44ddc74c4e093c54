/**
 * Text → rows of cells. Line endings are normalised by us (so that row i is
 * physical line i), and papaparse is configured for this data rather than
 * CSV: a fixed tab delimiter, no quote handling (fastMode: a cell starting
 * with `"` must not swallow the following rows), no dynamic typing.
 */
import Papa from 'papaparse';
import type { LineEnding } from '../model.js';

const CONFIG = {
  delimiter: '\t',
  newline: '\n',
  fastMode: true,
  dynamicTyping: false,
  header: false,
  skipEmptyLines: false,
  comments: false,
} as const;

/** Split LF-normalised text into rows of cells; row i is line `firstLine + i`. */
export function splitRows(text: string): string[][] {
  if (text === '') return [];
  return Papa.parse<string[]>(text, CONFIG).data;
}

/** Count the line endings of `text` and replace CRLF and lone CR by LF. */
export function normaliseEndings(text: string): { text: string; endings: Partial<Record<LineEnding, number>> } {
  const endings: Partial<Record<LineEnding, number>> = {};
  let crlf = 0;
  let cr = 0;
  let lf = 0;
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lf++;
    if (lf) endings.LF = lf;
    return { text, endings };
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  if (lf) endings.LF = lf;
  if (crlf) endings.CRLF = crlf;
  if (cr) endings.CR = cr;
  return { text: text.replace(/\r\n?/g, '\n'), endings };
}
