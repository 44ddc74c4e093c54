/** `github`: workflow-command annotations (`::error file=…,line=…,title=…::message`). */
import { formatCalc, formatMessage } from '../messages.js';
import type { Formatter, FormatMeta, RunResult } from './types.js';
import { whereText } from '../source/where.js';
import { inert } from '../text.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Escape the message part: %, CR and LF. */
export const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Escape a property value: also ':' and ','. */
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export const github: Formatter = Object.assign((run: RunResult, meta: FormatMeta): string => {
  const lines: string[] = [];
  for (const r of run.results) {
    for (const f of r.findings) {
      const props = [`file=${escapeProperty(inert(r.path))}`];
      const w = f.where;
      if (w) {
        props.push(`line=${w.row}`);
        if (w.col !== undefined) props.push(`col=${w.col + 1}`);
      } else if (f.line !== null) props.push(`line=${f.line}`);
      if (!w && f.endLine !== undefined) props.push(`endLine=${f.endLine}`);
      props.push(`title=${escapeProperty(`evalcheck ${f.code}`)}`);
      // Log output renders ANSI sequences: table text goes through the sanitiser here too.
      let msg = (w ? `[${inert(whereText(w, meta.lang))}] ` : '') + inert(formatMessage(f, meta.lang));
      if (f.calc) msg += ` [${inert(formatCalc(f.calc, meta.lang))}]`;
      lines.push(`::${LEVEL[f.severity]} ${props.join(',')}::${escapeData(msg)}`);
    }
  }
  if (run.summary) {
    for (const m of run.summary.gradeMismatches) {
      lines.push(`::error file=${escapeProperty(m.file)},line=${m.line},title=${escapeProperty('evalcheck grade')}::${escapeData(inert(`${m.name ?? '?'}: stated ${m.statedGrade}, recomputed ${m.grade}`))}`);
    }
  }
  for (const f of run.failures) {
    const props = [`file=${escapeProperty(inert(f.path))}`, ...(f.line !== null ? [`line=${f.line}`] : []), `title=${escapeProperty(`evalcheck ${f.code}`)}`];
    lines.push(`::error ${props.join(',')}::${escapeData(inert(f.message))}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}, { needs: (command: RunResult['command']) => (command === 'summary' ? 'summary' : 'results') } as const);
