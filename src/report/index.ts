/** The formatter registry. Formatters load on demand, so a run pays only for the one it uses. */
import type { Formatter } from './types.js';

export const FORMATS = ['table', 'json', 'ndjson', 'csv', 'github', 'sarif', 'junit', 'html', 'xlsx'] as const;
export type FormatName = (typeof FORMATS)[number];

const LOADERS: Record<FormatName, () => Promise<Formatter>> = {
  table: async () => (await import('./table.js')).table,
  json: async () => (await import('./json.js')).json,
  ndjson: async () => (await import('./ndjson.js')).ndjson,
  csv: async () => (await import('./csv.js')).csv,
  github: async () => (await import('./github.js')).github,
  sarif: async () => (await import('./sarif.js')).sarif,
  junit: async () => (await import('./junit.js')).junit,
  // The documents people open: ECharts and SheetJS load only here.
  html: async () => (await import('./html.js')).html,
  xlsx: async () => (await import('./xlsx.js')).xlsx,
};

/** The format an output file's extension names (`-o report.html`), when no format is given. */
export function formatOfOutput(path: string): FormatName | undefined {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ext === undefined ? undefined : ({ html: 'html', htm: 'html', xlsx: 'xlsx', json: 'json', ndjson: 'ndjson', jsonl: 'ndjson', csv: 'csv', sarif: 'sarif' } as const)[ext as 'html'];
}

export function loadFormatter(name: FormatName): Promise<Formatter> {
  return LOADERS[name]();
}

export type { Formatter, FormatMeta, RunResult, Command } from './types.js';
