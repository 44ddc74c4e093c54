/** `rescore`: the corrected table, written to standard output, a file, in place, as a diff, or only checked. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { writeWhole } from '../atomic.js';
import { EvalcheckError, noTableError, readError } from '../errors.js';
import { EXIT } from '../exit.js';
import { expandInputs } from '../inputs.js';
import { readStdin } from '../io.js';
import { formatOf } from '../source/detect.js';
import { inert } from '../text.js';
import { GuardedWriter, type IO } from './output.js';
import { errorLine, settings, type Options } from './settings.js';

export async function executeRescore(files: string[], opts: Options, io: IO): Promise<number> {
  const { lang, rounding } = settings(opts, io);
  const { inputs, problems } = expandInputs(files, io.cwd);
  if (opts.output && inputs.length + problems.length > 1) throw new EvalcheckError('usage', '-o takes one input; use --write to fix several files in place');
  if (opts.write && inputs.some((i) => i.kind === 'stdin')) throw new EvalcheckError('usage', '--write needs files, not standard input');
  let failures = 0;
  let unfixedErrors = 0;
  const fail = (e: EvalcheckError) => {
    failures++;
    io.stderr.write(`evalcheck: ${errorLine(e, lang)}\n`);
  };
  const stdout = new GuardedWriter(io.stdout);
  // Files that would change (--diff and --check exit 1 for them, so CI can gate on a table that needs fixing).
  let wouldChange = 0;
  problems.forEach(fail);
  const { rescore, unifiedDiff } = await import('../rescore.js');
  const { writeAtomic } = await import('../atomic.js');
  const { formatMessage, UI } = await import('../messages.js');
  for (const input of inputs) {
    try {
      let bytes: Buffer;
      if (input.kind === 'stdin') {
        const s = await readStdin(io.stdin);
        bytes = 'buffer' in s ? s.buffer : await readFile(s.path);
        if (!('buffer' in s)) s.cleanup();
      } else {
        try {
          bytes = await readFile(resolve(io.cwd, input.path));
        } catch (e) {
          throw readError(e, input.path);
        }
      }
      const format = formatOf(input.kind === 'stdin' ? '-' : input.path, bytes, opts.inputFormat);
      if (format !== 'text') {
        // A workbook, a document or a page is never rewritten: --diff lists the cells to change instead.
        if (!opts.diff && !opts.check) throw new EvalcheckError('usage', `is a ${format} input: rescore rewrites text exports only, and nothing was written; \`rescore --diff\` lists the cells to change`, { path: input.path });
        const { cellChanges } = await import('../rescore-cells.js');
        const r = await cellChanges(bytes, { path: input.path, ...(input.kind === 'file' ? { file: resolve(io.cwd, input.path) } : {}), format, rounding, policy: opts.policy ?? 'none', ...(opts.encoding ? { encoding: opts.encoding } : {}) });
        for (const c of r.changes) stdout.write(`${inert(input.path)}: ${c.where}: ${inert(c.old)} → ${c.new} (${UI[lang].what[c.what] ?? c.what}) ${inert(c.project.name ?? '?')}\n`);
        if (r.changes.length > 0) wouldChange++;
        if (r.changes.length === 0 && !opts.quiet) io.stderr.write(`evalcheck: ${UI[lang].nothingToChange(inert(input.path))}\n`);
        for (const f of r.unfixed) {
          unfixedErrors++;
          io.stderr.write(`evalcheck: ${inert(input.path)}:${f.line ?? '-'}: ${UI[lang].leftAsIs}${lang === 'zh' ? '：' : ': '}${inert(formatMessage(f, lang))}\n`);
        }
        continue;
      }
      const r = rescore(bytes, { path: input.path, rounding, policy: opts.policy ?? 'none', ...(opts.encoding ? { encoding: opts.encoding } : {}) });
      if (r.before.projects.length === 0) throw noTableError(r.before.lineCount, input.path);
      if (r.changes.length > 0) wouldChange++;
      if (opts.check) {
        // Only the verdict: the summary lines below say what would change.
      } else if (opts.diff) {
        const dec = (b: Uint8Array) => new TextDecoder(r.before.encoding).decode(b);
        stdout.write(unifiedDiff(input.path, dec(bytes), dec(r.bytes)));
      } else if (opts.write) {
        if (r.changes.length > 0) writeAtomic(resolve(io.cwd, input.path), r.bytes, { force: opts.force === true });
      } else if (opts.output) {
        writeWhole(resolve(io.cwd, opts.output), r.bytes);
      } else stdout.write(r.bytes);
      // Summary on stderr: cells changed per project, then what could not be fixed.
      const per = new Map<number, { name: string | null; what: string[] }>();
      for (const c of r.changes) {
        const e = per.get(c.project.line) ?? { name: c.project.name, what: [] };
        e.what.push(c.what);
        per.set(c.project.line, e);
      }
      for (const [line, e] of per) {
        const kinds = [...new Set(e.what)].map((w) => UI[lang].what[w] ?? w).join(UI[lang].listSep);
        io.stderr.write(`evalcheck: ${UI[lang].cellsChanged(`${inert(input.path)}:${line}`, inert(e.name ?? '?'), e.what.length, kinds, opts.check === true || opts.diff === true)}\n`);
      }
      if (per.size === 0 && !opts.quiet) io.stderr.write(`evalcheck: ${UI[lang].nothingToChange(inert(input.path))}\n`);
      for (const f of r.unfixed) {
        unfixedErrors++;
        io.stderr.write(`evalcheck: ${inert(input.path)}:${f.line ?? '-'}: ${UI[lang].leftAsIs}${lang === 'zh' ? '：' : ': '}${inert(formatMessage(f, lang))}\n`);
      }
    } catch (e) {
      if (e instanceof EvalcheckError) fail(e);
      else throw e;
    }
  }
  if (inputs.length === 0 && failures === 0) throw new EvalcheckError('usage', 'no input files');
  await stdout.settled();
  const broken = stdout.error();
  if (broken) {
    io.stderr.write(`evalcheck: ${errorLine(broken, lang)}\n`);
    return EXIT.usage;
  }
  if (failures > 0) return EXIT.usage;
  return unfixedErrors > 0 || ((opts.check || opts.diff) && wouldChange > 0) ? EXIT.findings : EXIT.ok;
}

