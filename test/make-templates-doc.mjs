// Rewrites the generated vocabulary section of docs/templates.md from src/parse/vocab.ts
// (run `npm run build` first; `npm run docs` does both). test/templates-doc.test.ts fails when they differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { VOCAB_BEGIN, VOCAB_END, vocabularyMarkdown } from '../dist/parse/vocab-doc.js';

const path = new URL('../docs/templates.md', import.meta.url);
const doc = readFileSync(path, 'utf8');
const a = doc.indexOf(VOCAB_BEGIN);
const b = doc.indexOf(VOCAB_END);
if (a < 0 || b < a) throw new Error('docs/templates.md has no vocabulary markers');
writeFileSync(path, doc.slice(0, a) + vocabularyMarkdown() + doc.slice(b + VOCAB_END.length));
process.stderr.write('docs/templates.md: vocabulary rewritten\n');
