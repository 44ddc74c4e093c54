/** Parsing a whole input: read its rows through the source seam, read blocks. Parsing never verifies. */
import { EvalcheckError } from '../errors.js';
import type { Finding } from '../findings.js';
import type { ParsedFile, Project } from '../model.js';
import { feedAny, feedRows, feedText, formatOf, isRows, isTextFormat, type Input, type ReadMeta } from '../source/index.js';
import { locateFindings } from '../source/locate.js';
import type { RowSink } from '../source/tables.js';
import type { SourceMap } from '../source/where.js';
import { fileLevelFindings, type ParseOptions } from './file.js';
import { TableParser } from './parser.js';

export type { ParseOptions } from './file.js';

export type { Input } from '../source/index.js';

/** The parser as a row sink, and the parsed file once the source is read. */
function collector(path: string) {
  const projects: Project[] = [];
  const findings: Finding[] = [];
  let map: SourceMap | null = null;
  const parser = new TableParser((b) => {
    if (map) locateFindings(b.findings, b.project, map);
    projects.push(b.project);
    for (const f of b.findings) findings.push(f);
  });
  const sink: RowSink = { row: (cells, line) => parser.row(cells, line), boundary: () => parser.end(), source: (m) => (map = m) };
  const done = (meta: ReadMeta): ParsedFile => {
    parser.end();
    const own = [...parser.fileFindings, ...meta.findings, ...fileLevelFindings(meta.lineEndings, projects.length, meta.lineCount)];
    if (map) locateFindings(own, null, map);
    const all = findings.concat(own);
    all.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return { path, format: meta.format, encoding: meta.encoding, bom: meta.bom, lineEndings: meta.lineEndings, lineCount: meta.lineCount, projects, findings: all };
  };
  return { sink, done };
}

/**
 * Parse text, text bytes (any supported encoding; tab-separated, or comma
 * with `format: 'csv'`) or rows, synchronously. Workbooks, documents and
 * pages need `parseDocument`, which loads their readers.
 */
export function parseInput(input: Input, options: ParseOptions = {}): ParsedFile {
  const path = options.path ?? '<input>';
  const c = collector(path);
  if (isRows(input)) return c.done(feedRows(input, c.sink));
  const format = typeof input === 'string' ? (options.format ?? 'text') : formatOf(path, input, options.format);
  if (!isTextFormat(format)) throw new EvalcheckError('usage', `is a ${format} input: read it with parseDocument() or verifyDocument(), which load its reader`, { path });
  return c.done(feedText(input, path, options.encoding, format, c.sink));
}

/** Parse any input: text, rows, or the bytes of a workbook (.xlsx, .xls, .ods …), a document (.docx, .doc, .rtf) or a page (.html, .mht). */
export async function parseDocument(input: Input, options: ParseOptions = {}): Promise<ParsedFile> {
  const path = options.path ?? '<input>';
  const c = collector(path);
  if (isRows(input)) return c.done(feedRows(input, c.sink));
  return c.done(await feedAny(input, path, { encoding: options.encoding, format: options.format, file: options.file }, c.sink));
}
