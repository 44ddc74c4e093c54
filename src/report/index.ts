/** The formatter registry. Formatters load on demand, so a run pays only for the one it uses. */
import type { Formatter } from './types.js';

export const FORMATS = ['table', 'json', 'ndjson', 'csv', 'github', 'sarif', 'junit'] as const;
export type FormatName = (typeof FORMATS)[number];

const LOADERS: Record<FormatName, () => Promise<Formatter>> = {
  table: async () => (await import('./table.js')).table,
  json: async () => (await import('./json.js')).json,
  ndjson: async () => (await import('./ndjson.js')).ndjson,
  csv: async () => (await import('./csv.js')).csv,
  github: async () => (await import('./github.js')).github,
  sarif: async () => (await import('./sarif.js')).sarif,
  junit: async () => (await import('./junit.js')).junit,
};

export function loadFormatter(name: FormatName): Promise<Formatter> {
  return LOADERS[name]();
}

export type { Formatter, FormatMeta, RunResult, Command } from './types.js';
