import type { Lang } from '../messages.js';
import type { Summary } from '../summary.js';
import type { VerifyResult } from '../verify.js';
import type { FailureJSON } from './serialize.js';

export type Command = 'parse' | 'verify' | 'summary';

/** Everything a formatter may show: the results of one run. */
export interface RunResult {
  command: Command;
  results: VerifyResult[];
  /** Inputs that could not be read at all (missing, binary, no table…). */
  failures: FailureJSON[];
  /** For `summary`. */
  summary?: Summary;
  /** For `summary --grade`. */
  grade?: boolean;
}

/** Presentation settings that come from the terminal and the flags; formatters never look them up. */
export interface FormatMeta {
  lang: Lang;
  color: boolean;
  /** Terminal width in columns. */
  width: number;
}

/**
 * A formatter is pure: results in, text out. A streaming formatter also has
 * `file`, the text for one file, which the CLI writes as soon as that file is
 * done (and then does not call the formatter itself).
 */
export type Formatter = ((run: RunResult, meta: FormatMeta) => string) & {
  file?: (result: VerifyResult, meta: FormatMeta, command: Command) => string;
};
