/** What a run is asked for: the flags, the environment and the configuration file, merged; and the language. */
import { resolve } from 'node:path';
import { configFromEnv, findConfig, readConfig, type Config } from '../config.js';
import type { EvalcheckError } from '../errors.js';
import { errorText, LANGS, type Lang } from '../messages.js';
import { inert } from '../text.js';
import type { Encoding } from '../parse/decode.js';
import type { Grade } from '../parse/vocab.js';
import { formatOfOutput, type FormatName } from '../report/index.js';
import type { FailureJSON } from '../report/serialize.js';
import type { Records } from '../report/types.js';
import type { RoundingSetting } from '../score/rounding.js';
import type { SourceFormat } from '../source/where.js';
import type { SortKey } from '../summary.js';
import type { IO } from './output.js';

export interface RescoreFlags {
  write?: boolean;
  diff?: boolean;
  check?: boolean;
  force?: boolean;
  policy?: 'none' | 'proportional';
}

export interface Options extends RescoreFlags {
  format?: FormatName;
  lang?: Lang;
  rounding?: RoundingSetting;
  config?: string;
  encoding?: Encoding;
  inputFormat?: SourceFormat;
  quiet?: boolean;
  maxWarnings?: number;
  jobs?: number;
  color: boolean;
  output?: string;
  grade?: boolean;
  minGrade?: Grade;
  sort?: SortKey;
  records?: Records;
}

/** Flags > environment > configuration file > defaults. */
export function settings(opts: Options, io: IO): { lang: Lang; format: FormatName; rounding: RoundingSetting; minGrade: Grade | undefined; overrides: Config['severity']; policy: { budgetChange?: number } } {
  const file: Config = opts.config ? readConfig(resolve(io.cwd, opts.config)) : ((p) => (p ? readConfig(p) : {}))(findConfig(io.cwd));
  const env = configFromEnv(io.env);
  return {
    lang: opts.lang ?? env.lang ?? file.lang ?? langFromEnv(io.env),
    format: opts.format ?? (opts.output ? formatOfOutput(opts.output) : undefined) ?? env.format ?? file.format ?? 'table',
    rounding: opts.rounding ?? env.rounding ?? file.rounding ?? 'auto',
    minGrade: opts.minGrade ?? env.minGrade ?? file.minGrade,
    overrides: file.severity,
    policy: file.budgetChange !== undefined ? { budgetChange: file.budgetChange } : {},
  };
}

/** zh for zh_* locales, en otherwise. */
export function langFromEnv(env: IO['env']): Lang {
  const loc = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(loc) ? 'zh' : 'en';
}

/** Colour only on a TTY, never with NO_COLOR, --no-color or TERM=dumb; FORCE_COLOR forces it. */
export function colorWanted(io: IO, flag: boolean): boolean {
  if (!flag) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  if (io.env.TERM === 'dumb') return false;
  return io.stdout.isTTY === true;
}

export function failureOf(e: EvalcheckError, lang: Lang = 'en'): FailureJSON {
  return { path: e.path ?? '', code: e.code, line: e.line ?? null, message: errorText(e.message, lang) };
}

/** An error as the one line the CLI prints after `evalcheck: `, in `lang`, file names made inert for the terminal. */
export function errorLine(e: EvalcheckError, lang: Lang): string {
  const loc = e.path !== undefined ? `${inert(e.path)}${e.line !== undefined ? `:${e.line}` : ''}: ` : '';
  return `${loc}${inert(errorText(e.message, lang))}`;
}


/**
 * The language of the command line before the options are parsed (help and usage errors are written
 * while parsing): `--lang` in argv, then EVALCHECK_LANG, then the locale.
 */
export function langOfArgv(argv: readonly string[], env: IO['env']): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (v !== undefined && (LANGS as readonly string[]).includes(v)) return v as Lang;
  }
  const fromEnv = env.EVALCHECK_LANG;
  if (fromEnv && (LANGS as readonly string[]).includes(fromEnv)) return fromEnv as Lang;
  return langFromEnv(env);
}
