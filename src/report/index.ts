/** The formatter registry. Formatters load on demand, so a run pays only for the one it uses. */
import type { Formatter } from './types.js';

export const FORMATS = ['table', 'json'] as const;
export type FormatName = (typeof FORMATS)[number];

const LOADERS: Record<FormatName, () => Promise<Formatter>> = {
  table: async () => (await import('./table.js')).table,
  json: async () => (await import('./json.js')).json,
};

export function loadFormatter(name: FormatName): Promise<Formatter> {
  return LOADERS[name]();
}

export type { Formatter, FormatMeta, RunResult, Command } from './types.js';
