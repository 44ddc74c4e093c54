/** Parsing a whole input: decode, normalise line endings, split rows, read blocks. */
import { finding, type Finding } from '../findings.js';
import type { ParsedFile, Project } from '../model.js';
import { decode, type Encoding } from './decode.js';
import { TableParser, type ParsedBlock } from './parser.js';
import { normaliseEndings, splitRows } from './rows.js';

export interface ParseOptions {
  /** Shown in findings and output; default "<input>". */
  path?: string;
  /** Force an encoding instead of detecting it (bytes input only). */
  encoding?: Encoding;
}

/** Parse a whole table export (string or bytes) into typed records and parse findings. */
export function parseInput(input: string | Uint8Array, options: ParseOptions = {}): ParsedFile {
  const path = options.path ?? '<input>';
  let text: string;
  let encoding: string = 'utf-8';
  let bom = false;
  if (typeof input === 'string') {
    text = input;
    if (text.charCodeAt(0) === 0xfeff) {
      text = text.slice(1);
      bom = true;
    }
  } else {
    const d = decode(input, path, options.encoding);
    text = d.text;
    encoding = d.encoding;
    bom = d.bom;
  }
  const { text: lf, endings } = normaliseEndings(text);
  const projects: Project[] = [];
  const findings: Finding[] = [];
  const parser = new TableParser((b: ParsedBlock) => {
    projects.push(b.project);
    findings.push(...b.findings);
  });
  const rows = splitRows(lf);
  for (let i = 0; i < rows.length; i++) parser.row(rows[i]!, i + 1);
  parser.end();
  const lineCount = rows.length;
  const fileFindings = [...parser.fileFindings];
  const kinds = Object.keys(endings);
  if (kinds.length > 1) fileFindings.push(finding('mixed-line-endings', null, { args: { endings: kinds.map((k) => `${k}×${endings[k as keyof typeof endings]}`).join(', ') } }));
  if (projects.length === 0) fileFindings.push(finding('no-table', null, { args: { lines: lineCount } }));
  const all = [...fileFindings, ...findings].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { path, encoding, bom, lineEndings: endings, lineCount, projects, findings: all };
}
