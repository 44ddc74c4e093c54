/** The vocabulary as Markdown tables, for docs/templates.md (a test keeps the two in step). */
import { TEMPLATES, VOCABULARIES, type Entry } from './vocab.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|');
const pattern = (e: Entry<unknown>): string => (typeof e.match === 'string' ? `\`${cell(e.match)}\`` : `\`/${cell(e.match.source)}/\``);

export const VOCAB_BEGIN = '<!-- vocabulary: generated from src/parse/vocab.ts by `npm run docs`; do not edit by hand -->';
export const VOCAB_END = '<!-- end of vocabulary -->';

/** Every category of the vocabulary: label (exact or pattern), meaning, example cell, template. */
export function vocabularyMarkdown(): string {
  const known = new Set(TEMPLATES.map((t) => t.id));
  const out: string[] = [VOCAB_BEGIN, ''];
  for (const v of VOCABULARIES) {
    out.push(`### ${v.title} (\`${v.id}\`)`, '', '| label | means | example | template |', '|---|---|---|---|');
    for (const e of v.entries) {
      if (e.template !== 'common' && !known.has(e.template)) throw new Error(`unknown template ${e.template}`);
      out.push(`| ${pattern(e)} | ${String(e.value)} | ${cell(e.example)} | ${e.template} |`);
    }
    out.push('');
  }
  out.push(VOCAB_END);
  return out.join('\n');
}
