/** `sarif`: SARIF 2.1.0, one rule per finding code, one result per finding. */
import { FINDING_CODES, FINDINGS } from '../findings.js';
import { formatCalc, formatMessage } from '../messages.js';
import { VERSION } from '../version.js';
import type { Formatter } from './types.js';
import { whereText } from '../source/where.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export const sarif: Formatter = (run, meta) => {
  const rules = FINDING_CODES.map((code) => ({
    id: code,
    name: code.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: FINDINGS[code].title[meta.lang] },
    fullDescription: { text: `${FINDINGS[code].title.en} / ${FINDINGS[code].title.zh}` },
    help: { text: `See docs/findings.md, section ${code}.` },
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
        locations: [{ physicalLocation: { artifactLocation: { uri: r.path.split('\\').join('/') }, ...region } }],
        properties: { stated: f.stated, expected: f.expected, project: f.project, ...(w ? { where: w } : {}) },
      };
    }),
  );
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'evalcheck', version: VERSION, semanticVersion: VERSION, rules } }, results }],
  };
  return JSON.stringify(doc, null, 2) + '\n';
};
