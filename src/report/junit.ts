/** `junit`: one test suite per file, one test case per project; errors fail the case. */
import { countBySeverity } from '../findings.js';
import { formatCalc, formatMessage } from '../messages.js';
import type { Formatter } from './types.js';
import { projectFindings } from '../verify.js';

/** XML-escape and drop characters XML 1.0 cannot carry (controls from cells). */
export function xml(s: string): string {
  return s
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export const junit: Formatter = (run, meta) => {
  const suites: string[] = [];
  let total = 0;
  let failed = 0;
  for (const r of run.results) {
    const cases: string[] = [];
    let suiteFailures = 0;
    for (const { project: p } of r.projects) {
      const own = projectFindings(r, p.line);
      const n = countBySeverity(own);
      const name = `${p.line} ${p.name ?? '?'}`;
      const text = own.map((f) => `${f.line ?? '-'} ${f.severity} ${f.code}: ${formatMessage(f, meta.lang)}${f.calc ? ` [${formatCalc(f.calc, meta.lang)}]` : ''}`).join('\n');
      let body = '';
      if (n.error > 0) {
        suiteFailures++;
        body += `<failure message="${xml(`${n.error} error(s)`)}" type="evalcheck">${xml(text)}</failure>`;
      } else if (text) body += `<system-out>${xml(text)}</system-out>`;
      cases.push(`    <testcase classname="${xml(r.path)}" name="${xml(name)}"${body ? `>${body}</testcase>` : ' />'}`);
    }
    total += r.projects.length;
    failed += suiteFailures;
    suites.push(`  <testsuite name="${xml(r.path)}" tests="${r.projects.length}" failures="${suiteFailures}" errors="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  // An input that could not be read: a suite of its own with one errored case (a test that could not run).
  for (const f of run.failures) {
    suites.push(
      `  <testsuite name="${xml(f.path)}" tests="1" failures="0" errors="1">\n    <testcase classname="${xml(f.path)}" name="${xml(f.line !== null ? `${f.line} read` : 'read')}">` +
        `<error message="${xml(f.message)}" type="${xml(f.code)}">${xml(`${f.path}${f.line !== null ? `:${f.line}` : ''}: ${f.message}`)}</error></testcase>\n  </testsuite>`,
    );
  }
  total += run.failures.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="evalcheck" tests="${total}" failures="${failed}" errors="${run.failures.length}">\n${suites.join('\n')}\n</testsuites>\n`;
};
