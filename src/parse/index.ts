/** Parsing a whole input: decode, normalise line endings, split rows, read blocks. */
import type { ParsedFile } from '../model.js';
import { runWhole } from '../verify.js';
import type { Encoding } from './decode.js';

export interface ParseOptions {
  /** Shown in findings and output; default "<input>". */
  path?: string;
  /** Force an encoding instead of detecting it (bytes input only). */
  encoding?: Encoding;
}

/** Parse a whole table export (string or bytes) into typed records and parse findings. */
export function parseInput(input: string | Uint8Array, options: ParseOptions = {}): ParsedFile {
  const r = runWhole(input, { ...options, parseOnly: true });
  return { path: r.path, encoding: r.encoding, bom: r.bom, lineEndings: r.lineEndings, lineCount: r.lineCount, projects: r.projects.map((p) => p.project), findings: r.findings };
}
