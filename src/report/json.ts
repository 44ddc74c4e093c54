/**
 * `json`: one document with schemaVersion and tool version; decimals are
 * strings. Written incrementally when streamed: each project as it is
 * checked goes to a spool (memory, then a temporary file), and its file's
 * object is written at the file's end, when the fields that precede the
 * projects (line endings, line count, rounding) are known. The bytes are
 * those of `JSON.stringify(document, null, 2)`: a value nested at depth d is
 * its own pretty-printed text with 2·d spaces after each line break.
 */
import type { Finding } from '../findings.js';
import type { FileInfo, ProjectResult } from '../pipeline.js';
import { documentJSON, findingJSON, projectJSON, readFields, SCHEMA_VERSION } from './serialize.js';
import { Spool } from './spool.js';
import type { Formatter, FormatMeta, RunResult, StreamContext } from './types.js';
import { VERSION } from '../version.js';

const whole = (run: RunResult, meta: FormatMeta): string => {
  const doc = documentJSON(run.command, run.results, run.failures, meta.lang, run.counts, meta.records);
  if (run.summary) doc.summary = run.summary;
  return JSON.stringify(doc, null, 2) + '\n';
};

/**
 * `value` pretty-printed as it stands at nesting depth `depth`: its own
 * pretty text with 2·depth spaces after each line break. Written as `value`
 * inside `depth` arrays, stringified once, with the arrays' brackets cut off
 * (the same text as stringify-then-replace, in one pass; a test compares them).
 */
export function at(value: unknown, depth: number): string {
  if (depth === 0) return JSON.stringify(value, null, 2);
  let wrapped: unknown = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Each array opens with "[\n" and its indentation, and closes with "\n", its indentation and "]".
  const open = 2 * depth + depth * (depth + 1);
  const close = 2 * depth + depth * (depth - 1);
  return text.slice(open, text.length - close);
}

/** Per file being streamed: its projects and findings, spooled. */
interface FileSpool {
  projects: Spool;
  findings: Spool;
}

const spools = new WeakMap<StreamContext, FileSpool>();
/** Runs whose document has been opened (keyed by the run's meta, one per run). */
const opened = new WeakSet<FormatMeta>();

const head = (command: string, meta: FormatMeta) =>
  `{\n  "schemaVersion": ${SCHEMA_VERSION},\n  "tool": ${at({ name: 'evalcheck', version: VERSION }, 1)},\n  "command": ${JSON.stringify(command)},\n  "records": "${meta.records ?? 'full'}",\n  "files": [`;

const spoolOf = (ctx: StreamContext): FileSpool => {
  let s = spools.get(ctx);
  if (!s) spools.set(ctx, (s = { projects: new Spool(), findings: new Spool() }));
  return s;
};

function streamProject(pr: ProjectResult, own: readonly Finding[], ctx: StreamContext, meta: FormatMeta): string {
  const s = spoolOf(ctx);
  s.projects.add(`${s.projects.count ? ',' : ''}\n        ${at(projectJSON(pr, own, pr.figures !== null, meta.records), 4)}`);
  for (const f of own) {
    // Each item is its line (to merge the file-level findings in line order), U+0002, its text, U+0001: JSON text never
    // holds either raw, so items are found again in any piece, and nothing per finding stays in memory.
    s.findings.add(`${f.line ?? 0}\u0002\n        ${at(findingJSON(f, meta.lang), 4)}\u0001`);
  }
  return '';
}

const MARK_P = '@@evalcheck:projects@@';
const MARK_F = '@@evalcheck:findings@@';

function* streamFileEnd(info: FileInfo, ctx: StreamContext, meta: FormatMeta): Generator<string> {
  const s = spoolOf(ctx);
  spools.delete(ctx);
  const first = !opened.has(meta);
  if (first) opened.add(meta);
  const withFigures = info.rounding !== null;
  // The file object with markers where its two long arrays go.
  const obj = {
    ...readFields(info),
    ...(withFigures ? { rounding: info.rounding } : {}),
    projects: MARK_P,
    findings: MARK_F,
    counts: info.counts,
  };
  const text = at(obj, 2);
  const [before, middle, after] = splitAt(text, [`"${MARK_P}"`, `"${MARK_F}"`]);
  yield `${first ? head(ctx.command, meta) : ','}\n    ${before}${s.projects.count ? '[' : '[]'}`;
  if (s.projects.count) {
    yield* s.projects.read();
    yield '\n      ]';
  }
  yield middle!;
  // Project findings in line order with the file-level ones merged in (stable: file-level first on a tie, as a sort would).
  const fileLevel = [...info.fileFindings].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const total = s.findings.count + fileLevel.length;
  if (total === 0) yield '[]';
  else {
    yield '[';
    let k = 0;
    let n = 0;
    const emitFileLevel = (upTo: number) => {
      let out = '';
      while (k < fileLevel.length && (fileLevel[k]!.line ?? 0) <= upTo) out += `${n++ ? ',' : ''}\n        ${at(findingJSON(fileLevel[k++]!, meta.lang), 4)}`;
      return out;
    };
    let carry = '';
    for (const piece of s.findings.read()) {
      const items = (carry + piece).split('\u0001');
      carry = items.pop()!;
      let out = '';
      for (const item of items) {
        const cut = item.indexOf('\u0002');
        out += emitFileLevel(Number(item.slice(0, cut)) - 1);
        out += `${n++ ? ',' : ''}${item.slice(cut + 1)}`;
      }
      yield out;
    }
    yield emitFileLevel(Infinity);
    yield '\n      ]';
  }
  yield after!;
}

/** `text` cut at each marker, in order. */
function splitAt(text: string, marks: string[]): string[] {
  const out: string[] = [];
  let rest = text;
  for (const m of marks) {
    const i = rest.indexOf(m);
    out.push(rest.slice(0, i));
    rest = rest.slice(i + m.length);
  }
  out.push(rest);
  return out;
}

function runEnd(run: RunResult, meta: FormatMeta): string {
  const open = opened.has(meta) ? '\n  ]' : `${head(run.command, meta)}]`;
  let out = `${open},\n  "failures": ${at(run.failures, 1)},\n  "counts": ${at(run.counts, 1)}`;
  if (run.summary) out += `,\n  "summary": ${at(run.summary, 1)}`;
  return out + '\n}\n';
}

export const json: Formatter = Object.assign(whole, { project: streamProject, fileEnd: streamFileEnd, runEnd, lanes: false, heads: true });
