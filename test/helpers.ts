import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { run, type IO } from '../src/cli/index.js';
import type { FundsKind, FundsRow, ParsedFile } from '../src/model.js';
import { clean } from '../src/text.js';
import type { VerifyResult } from '../src/verify.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SAMPLE_NAME = '000_4494185c10663b20.txt';
export const SAMPLE = `fixtures/${SAMPLE_NAME}`;
export const sampleBytes = (): Buffer => readFileSync(new URL(`../${SAMPLE}`, import.meta.url));
export const sampleText = (): string => sampleBytes().toString('utf8');
export const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured streams. */
export async function cli(argv: string[], opts: { stdin?: Buffer | string; env?: Record<string, string>; tty?: boolean; cwd?: string } = {}): Promise<CliRun> {
  // Bytes are kept as bytes and decoded once: a chunk edge may split a character.
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const io: IO = {
    stdout: { write: (s: string | Uint8Array) => out.push(Buffer.from(s)), isTTY: opts.tty ?? false, columns: 120 },
    stderr: { write: (s: string | Uint8Array) => err.push(Buffer.from(s)) },
    stdin: Readable.from(opts.stdin !== undefined ? [Buffer.from(opts.stdin)] : []),
    env: { LANG: 'en_US.UTF-8', ...opts.env },
    cwd: opts.cwd ?? ROOT,
  };
  const code = await run(argv, io);
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** Lines that the parse result accounts for: records and findings. */
export function accountedLines(input: ParsedFile | VerifyResult): Set<number> {
  const p = { findings: input.findings, projects: input.projects.map((x) => ('project' in x ? x.project : x)) };
  const s = new Set<number>();
  const add = (n: number | null | undefined) => {
    if (typeof n === 'number') s.add(n);
  };
  for (const f of p.findings) {
    if (f.line === null) continue;
    for (let l = f.line; l <= (f.endLine ?? f.line); l++) s.add(l);
  }
  for (const pr of p.projects) {
    pr.lines.title.forEach(add);
    add(pr.lines.name);
    add(pr.lines.nameOutside);
    add(pr.lines.department);
    add(pr.lines.fundsHeader);
    add(pr.lines.goalsHeader);
    pr.lines.goals.forEach(add);
    add(pr.lines.indicatorHeader);
    add(pr.funds.total?.line);
    for (const r of pr.funds.subRows) add(r.line);
    for (const i of pr.indicators) {
      add(i.line);
      for (const c of i.children) add(c.line);
    }
    for (const t of pr.texts) add(t.line);
    add(pr.stated.line);
    add(pr.stated.gradeLine);
  }
  return s;
}

/** 1-based numbers of the non-blank lines of a text (any line ending). Blank: tabs and white space only (as `clean` trims). */
export function nonBlankLines(text: string): number[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l, i) => (l.split('\t').every((c) => clean(c) === '') ? 0 : i + 1))
    .filter((n) => n > 0);
}

/** The first funds sub-row of a kind. */
export function subRow(p: { funds: { subRows: readonly FundsRow[] } }, kind: FundsKind): FundsRow | undefined {
  return p.funds.subRows.find((r) => r.kind === kind);
}

/** A finding's arguments read generically (tests look at several codes at once; the library types them per code). */
export const argsOf = (f: { args: object }): Record<string, unknown> => f.args as Record<string, unknown>;
