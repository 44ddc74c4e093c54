import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VOCAB_BEGIN, VOCAB_END, vocabularyMarkdown } from '../src/parse/vocab-doc.js';
import { TEMPLATES, VOCABULARIES } from '../src/parse/vocab.js';

const doc = readFileSync(new URL('../docs/templates.md', import.meta.url), 'utf8');

describe('docs/templates.md', () => {
  it('holds the vocabulary exactly as src/parse/vocab.ts has it (npm run docs rewrites it)', () => {
    const a = doc.indexOf(VOCAB_BEGIN);
    const b = doc.indexOf(VOCAB_END);
    expect(a).toBeGreaterThan(0);
    expect(doc.slice(a, b + VOCAB_END.length)).toBe(vocabularyMarkdown());
  });

  it('has a section for every template, and names no other', () => {
    const sections = [...doc.matchAll(/^### `([a-z-]+)`/gm)].map((m) => m[1]);
    expect(sections.sort()).toEqual(TEMPLATES.map((t) => t.id).sort());
  });

  it('every entry has an example that its own label matches', () => {
    for (const v of VOCABULARIES) for (const e of v.entries) expect(v.lookup(e.example), `${v.id}: ${e.example}`).toBe(e);
  });
});
