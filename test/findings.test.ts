import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { finding, FINDING_CODES, FINDINGS, type Finding } from '../src/findings.js';
import { formatMessage } from '../src/messages.js';
import { VERSION } from '../src/version.js';

const doc = readFileSync(new URL('../docs/findings.md', import.meta.url), 'utf8');

describe('finding registry', () => {
  it('documents every code with its severity in docs/findings.md', () => {
    for (const code of FINDING_CODES) expect(doc, code).toContain(`### \`${code}\` (${FINDINGS[code].severity})`);
    const documented = [...doc.matchAll(/^### `([a-z-]+)`/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...FINDING_CODES].sort());
  });

  it('has a message in both languages for every code', () => {
    for (const code of FINDING_CODES) {
      // Every code with arguments it may not all carry: each message must still make a sentence.
      const f = { code, severity: FINDINGS[code].severity, line: 1, project: null, stated: '1', expected: '2', args: { reasons: ['text'], lines: [1] } } as unknown as Finding;
      expect(formatMessage(f, 'zh').length).toBeGreaterThan(3);
      expect(formatMessage(f, 'en').length).toBeGreaterThan(3);
    }
  });

  it('types each code\'s arguments: a finding cannot carry, nor a message read, another code\'s', () => {
    const f = finding('over-budget', 1, { args: { budget: '1', executed: '2', excess: '1' } });
    expect(formatMessage(f, 'en')).toBe('spending 2 exceeds the budget 1 by 1');
    // @ts-expect-error over-budget has no "name" argument (npm test typechecks the tests).
    finding('over-budget', 1, { args: { budget: '1', executed: '2', excess: '1', name: 'x' } });
    // @ts-expect-error nor may it leave one out.
    finding('over-budget', 1, { args: { budget: '1', executed: '2' } });
  });

  it('keeps VERSION in step with package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(VERSION).toBe(pkg.version);
  });
});
