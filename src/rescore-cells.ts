/**
 * `rescore --diff` for a workbook, a document or a page: they are never
 * rewritten (a workbook's styles, formulas and other sheets are not ours to
 * re-save), so the cells to change are listed instead, each at its address.
 * The rows are laid out as a text export (each row on its own line, at the
 * line it is numbered by; line breaks and tabs inside a cell as spaces, so
 * numbers and labels read the same) and rescored as text.
 */
import type { Encoding } from './parse/decode.js';
import type { RoundingSetting } from './score/rounding.js';
import { rescore, type Change } from './rescore.js';
import type { Finding } from './findings.js';
import { feedAny } from './source/index.js';
import { whereText, type SourceFormat } from './source/where.js';

export interface CellChange extends Change {
  /** "Sheet1!C12", or "table 2, row 5, column 3". */
  where: string;
}

export async function cellChanges(
  bytes: Uint8Array,
  o: { path: string; file?: string; format: SourceFormat; rounding: RoundingSetting; policy: 'none' | 'proportional'; encoding?: Encoding },
): Promise<{ changes: CellChange[]; unfixed: Finding[] }> {
  const lines: string[] = [];
  const meta = await feedAny(bytes, o.path, { format: o.format, encoding: o.encoding, file: o.file }, {
    row: (cells, line) => {
      lines[line - 1] = cells.map((c) => c.replace(/[\t\r\n]+/g, ' ')).join('\t');
    },
    boundary: () => {},
  });
  const text = Array.from({ length: meta.lineCount }, (_, i) => lines[i] ?? '').join('\n');
  const r = rescore(text, { path: o.path, rounding: o.rounding, policy: o.policy });
  const at = (line: number, col: number) => {
    const w = meta.map?.locate(line, col);
    return w ? whereText(w, 'en') : `${line}:${col + 1}`;
  };
  return { changes: r.changes.map((c) => ({ ...c, where: at(c.line, c.col) })), unfixed: r.unfixed };
}
