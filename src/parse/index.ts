/** Parsing a whole input: decode, normalise line endings, split rows, read blocks. Parsing never verifies. */
import type { Finding } from '../findings.js';
import { feedInput } from '../io.js';
import type { ParsedFile, Project } from '../model.js';
import { RowFeeder } from './feed.js';
import { fileLevelFindings, type ParseOptions } from './file.js';
import { TableParser } from './parser.js';

export type { ParseOptions } from './file.js';

/** Parse a whole table export (string or bytes) into typed records and parse findings. */
export function parseInput(input: string | Uint8Array, options: ParseOptions = {}): ParsedFile {
  const path = options.path ?? '<input>';
  const projects: Project[] = [];
  const findings: Finding[] = [];
  const parser = new TableParser((b) => {
    projects.push(b.project);
    for (const f of b.findings) findings.push(f);
  });
  const feeder = new RowFeeder((cells, line) => parser.row(cells, line));
  const meta = feedInput(input, path, options.encoding, feeder);
  parser.end();
  const all = findings.concat(parser.fileFindings, fileLevelFindings(feeder.endings, projects.length, feeder.lineCount));
  all.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { path, encoding: meta.encoding, bom: meta.bom, lineEndings: feeder.endings, lineCount: feeder.lineCount, projects, findings: all };
}
