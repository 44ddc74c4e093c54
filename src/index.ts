/**
 * evalcheck — the library. Read exported 财政项目支出绩效自评表, recompute what
 * can be derived, and get findings as data.
 *
 * ```ts
 * import { verify, summarize } from 'evalcheck';
 * const result = verify(readFileSync('report.txt'), { path: 'report.txt' });
 * for (const f of result.findings) console.log(f.line, f.code, f.stated, f.expected);
 * ```
 */
import { parseDocument as parseAny, parseInput, type ParseOptions } from './parse/index.js';
import type { ParsedFile } from './model.js';
import { verifyDocument as verifyAny, verifyInput, type VerifyOptions, type VerifyResult } from './verify.js';
import type { Input } from './source/index.js';
import { documentJSON } from './report/serialize.js';
import type { Lang } from './messages.js';

/**
 * Parse a table export into typed records and parse findings: text, bytes of a text export in any supported
 * encoding (`format: 'csv'` for CSV), or rows a script already has (`[{ cells, line }]` or `string[][]`).
 */
export function parse(input: Input, options: ParseOptions = {}): ParsedFile {
  return parseInput(input, options);
}

/** Parse and verify: recomputed figures, the rounding mode, and every finding. Inputs as for `parse`. */
export function verify(input: Input, options: VerifyOptions = {}): VerifyResult {
  return verifyInput(input, options);
}

/**
 * `parse` for any input, workbooks, documents, pages and web archives included (the format from the bytes,
 * else `options.path`'s extension); their reader loads now.
 */
export function parseDocument(input: Input, options: ParseOptions = {}): Promise<ParsedFile> {
  return parseAny(input, options);
}

/** `verify` for any input, as `parseDocument` reads it; findings carry `where` (sheet and cell, or table and row). */
export function verifyDocument(input: Input, options: VerifyOptions = {}): Promise<VerifyResult> {
  return verifyAny(input, options);
}

/** The JSON document the CLI prints for these results (`--format json`), as a plain object. */
export function toJSON(results: readonly VerifyResult[], options: { lang?: Lang; command?: 'verify' | 'parse' } = {}): Record<string, unknown> {
  return documentJSON(options.command ?? 'verify', results, [], options.lang ?? 'en');
}

export { rescore, unifiedDiff, type Change, type RescoreOptions, type RescoreResult, type RescoreWhat } from './rescore.js';
export { summarize, belowGrade, type Summary, type SummaryRow, type SortKey } from './summary.js';
export { verifyParsed, applyOverrides, type VerifyOptions, type VerifyResult, type ProjectResult, type SeverityOverrides } from './verify.js';
export type { ParseOptions } from './parse/index.js';
export type { Encoding } from './parse/decode.js';
export type { Input, InputRow, SourceFormat, Where } from './source/index.js';
export * from './model.js';
export { Num, parseNumber } from './number.js';
export { Decimal, type RoundingMode, roundTo } from './decimal.js';
export { FINDINGS, FINDING_CODES, type Finding, type FindingCode, type Severity, type ProjectRef } from './findings.js';
export { formatMessage, type Lang } from './messages.js';
export type { Recomputed, Analysis } from './score/engine.js';
export type { RoundingChoice, RoundingSetting } from './score/rounding.js';
export { gradeOf } from './score/grade.js';
export { EvalcheckError, type ErrorCode } from './errors.js';
export { inert } from './text.js';
export { SCHEMA_VERSION } from './report/serialize.js';
export { VERSION } from './version.js';
