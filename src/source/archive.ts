/**
 * Zip archives of tables (what arrives when a department sends a batch): each
 * entry whose name a reader takes (`EXTENSIONS`) is an input of its own,
 * named `archive.zip/entry`, in the archive's order by name. Entry names
 * written by Chinese Windows tools are GBK without the UTF-8 flag: they are
 * shown decoded. Read with fflate (loaded only when an archive is met), one
 * entry at a time; an entry larger than `MAX_ENTRY` is refused, not inflated.
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { EvalcheckError } from '../errors.js';
import { formatOfName } from './detect.js';

// An entry is read whole, as one text, up to MAX_ENTRY unpacked: larger ones are checked as files, which are streamed.
import { MAX_ENTRY } from './zipdir.js';

export interface ArchiveEntry {
  /** The name as the archive stores it (fflate's reading: Latin-1 without the UTF-8 flag): finds the entry. */
  raw: string;
  /** The name to show. */
  name: string;
  size: number;
}

/** An entry name without the UTF-8 flag, as bytes again, read as UTF-8 or else GB18030 (GBK). */
function shownName(raw: string): string {
  if (!/[\u0080-\u00ff]/.test(raw)) return raw;
  const bytes = Buffer.from(raw, 'latin1');
  for (const enc of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(enc, { fatal: true }).decode(bytes);
    } catch {
      // next
    }
  }
  return raw;
}

function unzip(bytes: Uint8Array, path: string, filter: (f: { name: string; originalSize: number }) => boolean): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes, { filter });
  } catch (e) {
    throw new EvalcheckError('format', `is not a readable zip archive (${e instanceof Error ? e.message : String(e)})`, { path });
  }
}

/** The entries of the archive at `path` that hold tables, by name; directories, lock files and other files left out. */
export function tableEntries(path: string, bytes: Uint8Array = readFileSync(path)): ArchiveEntry[] {
  const out: ArchiveEntry[] = [];
  unzip(bytes, path, (f) => {
    const name = shownName(f.name);
    const base = name.split('/').pop() ?? '';
    // (macOS adds __MACOSX/ copies of every file, resource forks that no reader takes.)
    if (!name.endsWith('/') && !name.startsWith('__MACOSX/') && !base.startsWith('~$') && !base.startsWith('._') && formatOfName(base) !== null) out.push({ raw: f.name, name, size: f.originalSize });
    return false;
  });
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** One entry's bytes. `shown` names it in errors (`archive.zip/entry`). */
export function entryBytes(archive: string, raw: string, shown: string): Uint8Array {
  const bytes = readFileSync(archive);
  let tooLarge = false;
  const files = unzip(bytes, shown, (f) => {
    if (f.name !== raw) return false;
    if (f.originalSize > MAX_ENTRY) tooLarge = true;
    return !tooLarge;
  });
  if (tooLarge) throw new EvalcheckError('format', `is larger than ${MAX_ENTRY / (1 << 20)} MiB unpacked: extract it and check it as a file`, { path: shown });
  const entry = files[raw];
  if (!entry) throw new EvalcheckError('format', 'is no longer in its archive', { path: shown });
  return entry;
}
