/** `json`: one document with schemaVersion and tool version; decimals are strings. */
import { documentJSON } from './serialize.js';
import type { Formatter } from './types.js';

export const json: Formatter = (run, meta) => {
  const doc = documentJSON(run.command, run.results, run.failures, meta.lang, run.counts);
  if (run.summary) doc.summary = run.summary;
  return JSON.stringify(doc, null, 2) + '\n';
};
