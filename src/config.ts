/**
 * Configuration: `evalcheck.config.json` or `.evalcheckrc.json`, found upward
 * from the working directory, or `--config FILE`. Precedence: flags >
 * environment (EVALCHECK_*) > file > defaults. An invalid file is an error
 * that lists the allowed values.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EvalcheckError } from './errors.js';
import { FINDING_CODES, SEVERITIES, type FindingCode } from './findings.js';
import { LANGS, type Lang } from './messages.js';
import { GRADES, type Grade } from './parse/vocab.js';
import { FORMATS, type FormatName } from './report/index.js';
import { ROUNDING_SETTINGS, type RoundingSetting } from './score/rounding.js';
import type { SeverityOverrides } from './verify.js';

export interface Config {
  rounding?: RoundingSetting;
  lang?: Lang;
  format?: FormatName;
  minGrade?: Grade;
  severity?: SeverityOverrides;
  /** A 年初 → 全年 budget change above this fraction wants an explanation (default 0.1). */
  budgetChange?: number;
}

export const CONFIG_FILES = ['evalcheck.config.json', '.evalcheckrc.json'] as const;
const KEYS = ['rounding', 'lang', 'format', 'minGrade', 'severity', 'budgetChange'] as const;
const LEVELS = [...SEVERITIES, 'off'] as const;

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string, path: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new EvalcheckError('config', `invalid ${what} ${JSON.stringify(value)}; allowed: ${allowed.join(', ')}`, { path });
}

/** Validate a parsed configuration object. */
export function validateConfig(raw: unknown, path: string): Config {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new EvalcheckError('config', 'must be a JSON object', { path });
  const obj = raw as Record<string, unknown>;
  const cfg: Config = {};
  for (const key of Object.keys(obj)) {
    if (!(KEYS as readonly string[]).includes(key)) throw new EvalcheckError('config', `unknown key "${key}"; allowed: ${KEYS.join(', ')}`, { path });
  }
  if (obj.rounding !== undefined) cfg.rounding = oneOf(obj.rounding, ROUNDING_SETTINGS, '"rounding"', path);
  if (obj.lang !== undefined) cfg.lang = oneOf(obj.lang, LANGS, '"lang"', path);
  if (obj.format !== undefined) cfg.format = oneOf(obj.format, FORMATS, '"format"', path);
  if (obj.minGrade !== undefined) cfg.minGrade = oneOf(obj.minGrade, GRADES, '"minGrade"', path);
  if (obj.severity !== undefined) {
    if (typeof obj.severity !== 'object' || obj.severity === null || Array.isArray(obj.severity)) {
      throw new EvalcheckError('config', '"severity" must map finding codes to off, info, warning or error', { path });
    }
    const sev: SeverityOverrides = {};
    for (const [code, level] of Object.entries(obj.severity)) {
      const c = oneOf(code, FINDING_CODES, 'finding code in "severity": see docs/findings.md;', path) as FindingCode;
      sev[c] = oneOf(level, LEVELS, `severity for ${code}`, path);
    }
    cfg.severity = sev;
  }
  if (obj.budgetChange !== undefined) {
    const v = obj.budgetChange;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 10) throw new EvalcheckError('config', `invalid "budgetChange" ${JSON.stringify(v)}; allowed: a fraction such as 0.1 (10 %)`, { path });
    cfg.budgetChange = v;
  }
  return cfg;
}

/** Read and validate a configuration file. */
export function readConfig(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new EvalcheckError('config', `cannot read configuration (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { path });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new EvalcheckError('config', `not valid JSON: ${(e as Error).message}`, { path });
  }
  return validateConfig(raw, path);
}

/** The nearest configuration file at or above `cwd`, if any. */
export function findConfig(cwd: string): string | null {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const p = join(dir, name);
      if (existsSync(p)) return p;
    }
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** Settings from EVALCHECK_ROUNDING, EVALCHECK_LANG, EVALCHECK_FORMAT, EVALCHECK_MIN_GRADE. */
export function configFromEnv(env: Record<string, string | undefined>): Config {
  const cfg: Config = {};
  const where = 'environment';
  if (env.EVALCHECK_ROUNDING) cfg.rounding = oneOf(env.EVALCHECK_ROUNDING, ROUNDING_SETTINGS, 'EVALCHECK_ROUNDING', where);
  if (env.EVALCHECK_LANG) cfg.lang = oneOf(env.EVALCHECK_LANG, LANGS, 'EVALCHECK_LANG', where);
  if (env.EVALCHECK_FORMAT) cfg.format = oneOf(env.EVALCHECK_FORMAT, FORMATS, 'EVALCHECK_FORMAT', where);
  if (env.EVALCHECK_MIN_GRADE) cfg.minGrade = oneOf(env.EVALCHECK_MIN_GRADE, GRADES, 'EVALCHECK_MIN_GRADE', where);
  return cfg;
}
