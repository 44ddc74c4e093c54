/**
 * Exit codes, decided in one place:
 * 0 — no errors; 1 — errors found, more warnings than --max-warnings, or a
 * grade gate failed; 2 — usage error, or an input that could not be read.
 * (Interrupted by a signal, the executable exits with 128 + its number.)
 */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

export function exitCode(o: { failures: number; errors: number; warnings: number; maxWarnings?: number | undefined; gateFailed?: boolean }): number {
  if (o.failures > 0) return EXIT.usage;
  if (o.errors > 0 || o.gateFailed) return EXIT.findings;
  if (o.maxWarnings !== undefined && o.warnings > o.maxWarnings) return EXIT.findings;
  return EXIT.ok;
}
