/** `sarif`: SARIF 2.1.0, one rule per finding code, one result per finding. */
import { FINDING_CODES, FINDINGS } from '../findings.js';
import { formatCalc, formatMessage } from '../messages.js';
import { VERSION } from '../version.js';
import type { Formatter } from './types.js';
import { whereText } from '../source/where.js';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/**
 * An input's path as a SARIF URI: relative paths percent-encoded segment by segment against %SRCROOT% (so `#`,
 * `?`, `%`, spaces, CJK and controls are safe); absolute paths as file: URLs.
 */
export function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  const p = path.split('\\').join('/');
  if (isAbsolute(path) || p.startsWith('/')) return { uri: pathToFileURL(path).href };
  return { uri: p.split('/').map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/'), uriBaseId: '%SRCROOT%' };
}

/** Each code's section in docs/findings.md, as installed with the package (the heading's anchor, as GitHub makes it). */
const DOCS = new URL('../../docs/findings.md', import.meta.url).href;
export const helpUri = (code: string): string => `${DOCS}#${code}-${FINDINGS[code as keyof typeof FINDINGS].severity}`;

export const sarif: Formatter = (run, meta) => {
  const rules = FINDING_CODES.map((code) => ({
    id: code,
    name: code.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: FINDINGS[code].title[meta.lang] },
    fullDescription: { text: `${FINDINGS[code].title.en} / ${FINDINGS[code].title.zh}` },
    help: { text: `See docs/findings.md, section ${code}.` },
    helpUri: helpUri(code),
    defaultConfiguration: { level: LEVEL[FINDINGS[code].severity] },
  }));
  const index = new Map(FINDING_CODES.map((c, i) => [c, i]));
  const results = run.results.flatMap((r) =>
    r.findings.map((f) => {
      // A workbook's or document's finding: its row is the line, its column the column, its address in the message.
      const w = f.where;
      const region = w
        ? { region: { startLine: w.row, ...(w.col !== undefined ? { startColumn: w.col + 1 } : {}) } }
        : f.line !== null
          ? { region: { startLine: f.line, ...(f.endLine !== undefined ? { endLine: f.endLine } : {}) } }
          : {};
      const at = w ? `[${whereText(w, meta.lang)}] ` : '';
      return {
        ruleId: f.code,
        ruleIndex: index.get(f.code)!,
        level: LEVEL[f.severity],
        message: { text: at + formatMessage(f, meta.lang) + (f.calc ? ` [${formatCalc(f.calc, meta.lang)}]` : '') },
        locations: [{ physicalLocation: { artifactLocation: artifactLocation(r.path), ...region } }],
        properties: { stated: f.stated, expected: f.expected, project: f.project, ...(w ? { where: w } : {}) },
      };
    }),
  );
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'evalcheck', version: VERSION, semanticVersion: VERSION, rules } },
        // Inputs that could not be read at all are not results about a table: the run says it could not do them.
        invocations: [
          {
            executionSuccessful: run.failures.length === 0,
            toolExecutionNotifications: run.failures.map((f) => ({
              level: 'error',
              message: { text: f.message },
              descriptor: { id: f.code },
              ...(f.path ? { locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.path), ...(f.line !== null ? { region: { startLine: f.line } } : {}) } }] } : {}),
            })),
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(doc, null, 2) + '\n';
};
