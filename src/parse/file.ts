/** What is said of a whole file once it has been read: shared by `parse` and the verify pipeline. */
import { finding, type Finding } from '../findings.js';
import type { LineEnding } from '../model.js';
import type { Encoding } from './decode.js';
import type { SourceFormat } from '../source/where.js';

export interface ParseOptions {
  /** Shown in findings and output; default "<input>". */
  path?: string;
  /** Force an encoding instead of detecting it (bytes input only). */
  encoding?: Encoding;
  /** Read the input as this format instead of deciding from its bytes and `path`'s extension. */
  format?: SourceFormat;
  /**
   * Where the input is on disk, if it is (bytes input only): the frame page of a workbook Excel saved as a web page
   * holds no table, and its sheets are read from the folder beside it.
   */
  file?: string;
}

/** Mixed line endings, and no table at all. */
export function fileLevelFindings(lineEndings: Partial<Record<LineEnding, number>>, projects: number, lineCount: number): Finding[] {
  const out: Finding[] = [];
  const kinds = Object.keys(lineEndings) as LineEnding[];
  if (kinds.length > 1) out.push(finding('mixed-line-endings', null, { args: { endings: kinds.map((k) => `${k}×${lineEndings[k]}`).join(', ') } }));
  if (projects === 0) out.push(finding('no-table', null, { args: { lines: lineCount } }));
  return out;
}
