/**
 * SheetJS writes what it could not read to the console (`Missing Info for XLS
 * Record 0x2e`, `Cannot hydrate range` …), which would put stray English
 * lines on a reviewer's terminal and into a CI log. Its calls run here with
 * the console taken over: what it says is returned, for the caller to turn
 * into a finding or an error of its own.
 */
export function quietly<T>(read: () => T): { value: T; said: string[] } {
  const said: string[] = [];
  const { error, warn, log } = console;
  const take = (...args: unknown[]) => {
    const text = args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : String(a))).join(' ');
    // At most a few, each once: a damaged file can make it say the same thing thousands of times.
    if (said.length < 5 && !said.includes(text)) said.push(text.slice(0, 200));
  };
  console.error = console.warn = console.log = take;
  try {
    return { value: read(), said };
  } finally {
    console.error = error;
    console.warn = warn;
    console.log = log;
  }
}
