/**
 * The command-line shell over the library: commander wiring and the exit
 * code. One module per command (report.ts: verify, parse, summary;
 * rescore.ts), the shared options in options.ts, what a run is asked for in
 * settings.ts, where it writes in output.ts. Everything that touches the
 * process (argv, streams, environment) is injected, so tests run the CLI
 * in-process. Every word on the screen comes from messages.ts, in the
 * language of `--lang`, EVALCHECK_LANG or the locale — commander's help and
 * usage errors too, through its configuration hooks (configureHelp,
 * configureOutput).
 */
import { Command, CommanderError, Help } from 'commander';
import { EvalcheckError } from '../errors.js';
import { EXIT } from '../exit.js';
import { HELP, type HelpText, type Lang } from '../messages.js';
import { wrap } from '../report/wrap.js';
import { textWidth } from '../report/width.js';
import { inert } from '../text.js';
import { VERSION } from '../version.js';
import { addInputOptions, addRecordsOption, addReportOptions, addRescoreOptions, addSummaryOptions } from './options.js';
import type { IO } from './output.js';
import { execute } from './report.js';
import { executeRescore } from './rescore.js';
import { errorLine, langOfArgv, type Options } from './settings.js';

export type { IO, Writer } from './output.js';
export { Progress } from './output.js';
export { colorWanted, langFromEnv } from './settings.js';

/** Commander's usage errors, by its error code, in the run's language (its English text is parsed for the names in it). */
export function usageError(code: string, english: string, h: HelpText): string {
  const q = (re: RegExp) => re.exec(english)?.slice(1) ?? [];
  const e = h.errors;
  switch (code) {
    case 'commander.unknownOption': {
      const [flag, s] = q(/unknown option '([^']*)'(?:\s*\(Did you mean ([^?]*)\?\))?/);
      return e.unknownOption(flag ?? '?', s ?? null);
    }
    case 'commander.unknownCommand': {
      const [name, s] = q(/unknown command '([^']*)'(?:\s*\(Did you mean ([^?]*)\?\))?/);
      return e.unknownCommand(name ?? '?', s ?? null);
    }
    case 'commander.invalidArgument': {
      const [flag, value, rest] = q(/option '([^']*)' argument '([^']*)' is invalid\.\s*(.*)/s);
      const allowed = /^Allowed choices are (.*)\.$/.exec((rest ?? '').trim());
      if (allowed) return e.invalidChoice(flag ?? '?', value ?? '', allowed[1]!.split(', '));
      return e.invalidArgument(flag ?? '?', value ?? '', (rest ?? '').trim().replace(/\.$/, ''));
    }
    case 'commander.missingArgument':
      return e.missingArgument(q(/missing required argument '([^']*)'/)[0] ?? '?');
    case 'commander.optionMissingArgument':
      return e.optionMissingArgument(q(/option '([^']*)' argument missing/)[0] ?? '?');
    case 'commander.excessArguments': {
      const [expected, got] = q(/Expected (\d+) arguments? but got (\d+)/);
      return e.tooManyArguments(Number(expected ?? 0), Number(got ?? 0));
    }
    case 'commander.conflictingOption': {
      const [a, b] = q(/option '([^']*)' cannot be used with option '([^']*)'/);
      return e.conflict(a ?? '?', b ?? '?');
    }
    default:
      return english.replace(/^error: /, '');
  }
}

/** Help in the run's language: commander's own layout, its titles and option annotations from messages.ts. */
function helpConfig(h: HelpText): Partial<Help> {
  const base = new Help();
  return {
    styleTitle: (title: string) => h.titles[title as keyof HelpText['titles']] ?? title,
    // Columns line up by terminal width: a CJK character takes two.
    displayWidth: (s: string) => textWidth(s),
    // Wrapped as the reports wrap: CJK between any two characters (commander breaks only at spaces, which leaves
    // Chinese lines ragged), a number kept with its unit, no line starting with closing punctuation.
    boxWrap: (str: string, width: number) => (width < base.minWidthToWrap ? str : wrap(str, width)),
    optionDescription(option) {
      const extra: string[] = [];
      if (option.argChoices) extra.push(h.choices(option.argChoices.join(', ')));
      if (option.defaultValue !== undefined && !option.negate) extra.push(h.default(String(option.defaultValueDescription ?? option.defaultValue)));
      return extra.length ? h.annotate(option.description, extra) : option.description;
    },
    argumentDescription: (arg) => base.argumentDescription(arg),
    // The command list shows each command's usage in the run's language.
    subcommandTerm: (cmd) => `${cmd.name()}${cmd.usage() ? ` ${cmd.usage()}` : ''}`,
  };
}

/** A command's description with its examples under it: right after the usage line. */
const described = (d: { description: string; examples: string[] }, h: HelpText): string =>
  d.examples.length ? `${d.description}\n\n${h.examples}\n${d.examples.map((x) => `  ${x}`).join('\n')}` : d.description;

function buildProgram(io: IO, lang: Lang, done: (p: Promise<number>) => void): Command {
  const h = HELP[lang];
  const program = new Command('evalcheck');
  const configure = (cmd: Command): Command =>
    cmd
      .exitOverride()
      .showSuggestionAfterError()
      .helpOption('-h, --help', h.options.help)
      .configureHelp(helpConfig(h))
      .configureOutput({
        writeOut: (s) => io.stdout.write(s),
        writeErr: (s) => io.stderr.write(s),
        // Usage errors are written by the error handler in run(), in the run's language.
        outputError: () => undefined,
      });
  configure(program)
    .description(h.program)
    .version(VERSION, '-V, --version', h.options.version)
    .usage(h.usage.program)
    .helpCommand(`help [${h.args.command}]`, h.commands.help.description);
  const command = (name: 'verify' | 'parse' | 'summary' | 'rescore') =>
    configure(program.command(name).summary(h.commands[name].description).description(described(h.commands[name], h)).usage(h.usage.command));

  addRecordsOption(addReportOptions(command('verify'), h), h).action((files: string[], opts: Options) => done(execute('verify', files, opts, io)));
  addReportOptions(command('parse'), h).action((files: string[], opts: Options) => done(execute('parse', files, opts, io)));
  addSummaryOptions(addRecordsOption(addReportOptions(command('summary'), h), h), h).action((files: string[], opts: Options) => done(execute('summary', files, opts, io)));
  addRescoreOptions(addInputOptions(command('rescore'), h), h).action((files: string[], opts: Options) => done(executeRescore(files, opts, io)));
  return program;
}

/** The first line of an internal error (a bug: the executable prints its stack after it), in the run's language. */
export function internalErrorText(argv: readonly string[], env: IO['env']): string {
  return HELP[langOfArgv(argv, env)].errors.internal;
}

/** Run the CLI with `argv` (without node and script). Returns the exit code; never calls process.exit. */
export async function run(argv: readonly string[], io: IO): Promise<number> {
  const lang = langOfArgv(argv, io.env);
  let pending: Promise<number> | null = null;
  const program = buildProgram(io, lang, (p) => {
    pending = p;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    if (pending === null) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    return await pending;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are not errors; every other commander complaint is a usage error (2, not 1).
      if (e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.ok;
      if (e.code !== 'commander.help') io.stderr.write(`evalcheck: ${inert(usageError(e.code, e.message, HELP[lang]))}${HELP[lang].errors.usage}\n`);
      return EXIT.usage;
    }
    if (e instanceof EvalcheckError) {
      io.stderr.write(`evalcheck: ${errorLine(e, lang)}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}
