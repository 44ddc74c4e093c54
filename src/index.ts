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
import { parseInput, type ParseOptions } from './parse/index.js';
import type { ParsedFile } from './model.js';
import { verifyInput, type VerifyOptions, type VerifyResult } from './verify.js';
import { documentJSON } from './report/serialize.js';
import type { Lang } from './messages.js';

/** Parse a table export (text, or bytes in any supported encoding) into typed records and parse findings. */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): ParsedFile {
  return parseInput(input, options);
}

/** Parse and verify: recomputed figures, the rounding mode, and every finding. */
export function verify(input: string | Uint8Array, options: VerifyOptions = {}): VerifyResult {
  return verifyInput(input, options);
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
