/** The options the commands share, defined once, with their help in the run's language. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { LANGS, type HelpText } from '../messages.js';
import { ENCODINGS } from '../parse/decode.js';
import { GRADES } from '../parse/vocab.js';
import { FORMATS } from '../report/index.js';
import { RECORDS } from '../report/types.js';
import { ROUNDING_SETTINGS } from '../score/rounding.js';
import { SOURCE_FORMATS } from '../source/where.js';
import { SORT_KEYS } from '../summary.js';

const wholeNumber = (min: number, max: RegExp, h: HelpText) => (v: string): number => {
  if (!max.test(v) || Number(v) < min) throw new InvalidArgumentError(h.errors.wholeNumberAtLeast(min));
  return Number(v);
};

/** Options of every command: what to read and how. */
export function addInputOptions(cmd: Command, h: HelpText): Command {
  const o = h.options;
  const v = h.values;
  return cmd
    .argument(`<${h.usage.files}...>`, h.args.files)
    .addOption(new Option(`--lang <${v.lang}>`, o.lang).choices(LANGS))
    .addOption(new Option(`--rounding <${v.mode}>`, o.rounding).choices(ROUNDING_SETTINGS))
    .addOption(new Option(`--encoding <${v.name}>`, o.encoding).choices(ENCODINGS))
    .addOption(new Option(`--input-format <${v.name}>`, o.inputFormat).choices(SOURCE_FORMATS))
    .option(`-c, --config <${v.file}>`, o.config);
}

/** Options of the reporting commands (parse, verify, summary). */
export function addReportOptions(cmd: Command, h: HelpText): Command {
  const o = h.options;
  const v = h.values;
  return addInputOptions(cmd, h)
    .addOption(new Option(`-f, --format <${v.name}>`, o.format).choices(FORMATS))
    .option('-q, --quiet', o.quiet)
    .option(`--max-warnings <${v.n}>`, o.maxWarnings, wholeNumber(0, /^\d{1,9}$/, h))
    .option('--no-color', o.noColor)
    .option(`-o, --output <${v.file}>`, o.output)
    .option(`-j, --jobs <${v.n}>`, o.jobs, wholeNumber(1, /^\d{1,4}$/, h));
}

/** How much of each project json and ndjson write (verify, summary; parse always writes the full records). */
export function addRecordsOption(cmd: Command, h: HelpText): Command {
  return cmd.addOption(new Option(`--records <${h.values.what}>`, h.options.records).choices(RECORDS));
}

/** summary's grade gate and order. */
export function addSummaryOptions(cmd: Command, h: HelpText): Command {
  const o = h.options;
  const v = h.values;
  return cmd
    .option('--grade', o.grade)
    .addOption(new Option(`--min-grade <${v.grade}>`, o.minGrade).choices(GRADES))
    .addOption(new Option(`--sort <${v.key}>`, o.sort).choices(SORT_KEYS));
}

/** rescore's ways to deliver the corrected table; at most one of them (a usage error otherwise, checked by commander). */
export function addRescoreOptions(cmd: Command, h: HelpText): Command {
  const o = h.options;
  const v = h.values;
  return cmd
    .addOption(new Option('--write', o.write).conflicts(['diff', 'check', 'output']))
    .addOption(new Option('--diff', o.diff).conflicts(['check', 'output']))
    .addOption(new Option('--check', o.check).conflicts(['output']))
    .option(`-o, --output <${v.file}>`, o.rescoreOutput)
    .option('--force', o.force)
    .addOption(new Option(`--policy <${v.rule}>`, o.policy).choices(['none', 'proportional']))
    .option('-q, --quiet', o.rescoreQuiet);
}
