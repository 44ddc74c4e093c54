/**
 * Turning command-line inputs into files: plain paths, directories (their
 * table files — every extension a reader takes, `EXTENSIONS` in source/detect.ts — recursively,
 * in a stable order; not Office's `~$` lock files, nor the folder of pages
 * beside a page Office saved as a web page: isPageFolder), globs expanded by
 * the tool itself (so quoted globs work on every shell), and `-` for stdin.
 */
import { closeSync, existsSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { EvalcheckError, readError } from './errors.js';
import { EXTENSIONS, formatOfName } from './source/detect.js';

/** `entry`: a table file inside a zip archive (`path` is `archive.zip/name`; `raw` finds it in the archive). */
export type InputRef = { kind: 'file'; path: string } | { kind: 'stdin'; path: '-' } | { kind: 'entry'; path: string; archive: string; raw: string };

/**
 * Zip archives among the inputs (named `.zip`, given or matched by a glob), replaced by the table files in
 * them, each an input of its own. The archive reader loads only when there is one.
 */
export async function expandArchives(inputs: readonly InputRef[], cwd: string, problems: EvalcheckError[]): Promise<InputRef[]> {
  const isZip = (i: InputRef) => i.kind === 'file' && /\.zip$/i.test(i.path);
  if (!inputs.some(isZip)) return [...inputs];
  const { tableEntries } = await import('./source/archive.js');
  const out: InputRef[] = [];
  for (const i of inputs) {
    if (!isZip(i)) {
      out.push(i);
      continue;
    }
    try {
      const entries = tableEntries(resolve(cwd, i.path));
      if (entries.length === 0) problems.push(new EvalcheckError('not-found', 'zip archive holds no table files', { path: i.path }));
      for (const e of entries) out.push({ kind: 'entry', path: `${i.path}/${e.name}`, archive: i.path, raw: e.raw });
    } catch (e) {
      if (e instanceof EvalcheckError) problems.push(e);
      else problems.push(readError(e, i.path));
    }
  }
  return out;
}

const GLOB_CHARS = /[*?[\]{}]/;

/** What a non-regular file is, for the one-line error that names it. */
function kindOf(st: Stats): string {
  return st.isCharacterDevice() ? 'a character device' : st.isBlockDevice() ? 'a block device' : st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket' : 'not a file';
}
const notRegular = (path: string, st: Stats) => new EvalcheckError('unreadable', `is not a regular file (${kindOf(st)})`, { path });

/**
 * A directory entry as what it leads to: symlinks are followed (a symlinked report is a report), a symlinked
 * directory only once (its real path is remembered: no loops).
 */
function entryStat(p: string, e: Dirent): Stats | null {
  if (!e.isSymbolicLink()) return null;
  try {
    return statSync(p);
  } catch {
    return null; // A dangling link: nothing to read.
  }
}

/**
 * Whether `dir` is the folder Office keeps beside a page it saved as a web page (`book.files/`, `book_files/`): its
 * `filelist.xml` names the main page (`<o:MainFile HRef="../book.htm"/>`), and that page is there. Its pages (a
 * workbook's sheet pages, its tab strip, a document's headers) are read through the main page, not one by one.
 */
export function isPageFolder(dir: string): boolean {
  const list = join(dir, 'filelist.xml');
  let head: string;
  try {
    const fd = openSync(list, 'r');
    try {
      const buf = Buffer.alloc(16384);
      head = buf.toString('latin1', 0, readSync(fd, buf, 0, buf.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  const main = /<o:MainFile\s+HRef\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
  if (main === undefined || /^[a-z][a-z0-9+.-]*:/i.test(main)) return false;
  const at = (name: string) => {
    try {
      return existsSync(resolve(dir, name));
    } catch {
      return false;
    }
  };
  if (at(main)) return true;
  try {
    return at(decodeURIComponent(main));
  } catch {
    return false;
  }
}

function walk(dir: string, out: string[], problems: EvalcheckError[], seen: Set<string>): void {
  let real: string;
  let entries;
  try {
    real = realpathSync(dir);
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new EvalcheckError('unreadable', `cannot read directory: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, { path: dir });
  }
  if (seen.has(real)) return;
  seen.add(real);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    const linked = entryStat(p, e);
    const isDir = linked ? linked.isDirectory() : e.isDirectory();
    if (isDir) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.') && !isPageFolder(p)) walk(p, out, problems, seen);
      continue;
    }
    if (formatOfName(e.name) === null || e.name.startsWith('~$')) continue;
    if (linked ? linked.isFile() : e.isFile()) out.push(p);
    else if (linked || !e.isSymbolicLink()) problems.push(notRegular(p, linked ?? statSync(p)));
  }
}

/** Glob → RegExp over '/'-separated relative paths: `*`, `?`, `**`, `[...]`, `{a,b}`. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end === -1) re += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else if (ch === '{') {
      const end = glob.indexOf('}', i + 1);
      if (end === -1) re += '\\{';
      else {
        re += '(?:' + glob.slice(i + 1, end).split(',').map((x) => x.replace(/[.+^$()|\\]/g, '\\$&')).join('|') + ')';
        i = end;
      }
    } else re += ch.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function expandGlob(pattern: string, cwd: string): string[] {
  const norm = pattern.split(sep).join('/');
  const parts = norm.split('/');
  const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
  const baseParts = parts.slice(0, firstGlob);
  const base = baseParts.length === 0 ? '.' : baseParts.join('/') || '/';
  const absBase = resolve(cwd, base);
  const rest = parts.slice(firstGlob).join('/');
  const re = globToRegExp(rest);
  const found: string[] = [];
  const seen = new Set<string>();
  const visit = (dir: string) => {
    let entries;
    try {
      const real = realpathSync(dir);
      if (seen.has(real)) return;
      seen.add(real);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      const rel = relative(absBase, p).split(sep).join('/');
      const linked = entryStat(p, e);
      if (linked ? linked.isDirectory() : e.isDirectory()) {
        if (!e.name.startsWith('.') && e.name !== 'node_modules' && !isPageFolder(p)) visit(p);
      } else if (re.test(rel)) found.push(base === '.' ? rel : `${base.replace(/\/$/, '')}/${rel}`);
    }
  };
  visit(absBase);
  return found;
}

/**
 * Expand inputs in order. Problems (missing file, unmatched pattern) are
 * returned, not thrown, so that the other inputs are still processed.
 */
export function expandInputs(args: readonly string[], cwd: string): { inputs: InputRef[]; problems: EvalcheckError[] } {
  const inputs: InputRef[] = [];
  const problems: EvalcheckError[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    const key = resolve(cwd, p);
    if (!seen.has(key)) {
      seen.add(key);
      inputs.push({ kind: 'file', path: p });
    }
  };
  for (const arg of args) {
    if (arg === '-') {
      inputs.push({ kind: 'stdin', path: '-' });
      continue;
    }
    let st;
    try {
      st = statSync(resolve(cwd, arg));
    } catch {
      st = null;
    }
    if (st?.isDirectory()) {
      try {
        const files: string[] = [];
        const before = problems.length;
        walk(resolve(cwd, arg), files, problems, new Set());
        // (Paths of problems found inside are shown as given: relative to the argument.)
        for (let i = before; i < problems.length; i++) {
          const e = problems[i]!;
          problems[i] = new EvalcheckError(e.code, e.message, { path: join(arg, relative(resolve(cwd, arg), e.path ?? '')) });
        }
        if (files.length === 0) problems.push(new EvalcheckError('not-found', `directory holds no table files (${Object.keys(EXTENSIONS).map((e) => `*${e}`).join(', ')})`, { path: arg }));
        for (const f of files) add(join(arg, relative(resolve(cwd, arg), f)));
      } catch (e) {
        if (e instanceof EvalcheckError) problems.push(e);
        else throw e;
      }
    } else if (st) {
      // Only regular files are read: a device (/dev/zero) or a FIFO would never end.
      if (st.isFile()) add(arg);
      else problems.push(notRegular(arg, st));
    } else if (GLOB_CHARS.test(arg)) {
      const found = expandGlob(arg, cwd);
      if (found.length === 0) problems.push(new EvalcheckError('not-found', 'no file matches this pattern', { path: arg }));
      for (const f of found) {
        let fst: Stats | null = null;
        try {
          fst = statSync(resolve(cwd, f));
        } catch {
          // A dangling link: reported when read.
        }
        if (fst && !fst.isFile()) problems.push(notRegular(f, fst));
        else add(f);
      }
    } else {
      problems.push(new EvalcheckError('not-found', 'no such file', { path: arg }));
    }
  }
  return { inputs, problems };
}
