/**
 * Which reader an input needs. The file's first bytes decide where they are
 * unambiguous (a zip is a workbook or a document, an OLE file an .xls, a page
 * starts with markup); the name's extension decides between text and csv,
 * and says what the user expected when the bytes disagree.
 */
import { extname } from 'node:path/posix';
import { EvalcheckError } from '../errors.js';
import type { SourceFormat } from './where.js';

/** Extensions a directory or glob picks up, and the format each suggests. */
export const EXTENSIONS: Readonly<Record<string, SourceFormat>> = {
  '.txt': 'text',
  '.tsv': 'text',
  '.csv': 'csv',
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.xls': 'xls',
  '.docx': 'docx',
  '.html': 'html',
  '.htm': 'html',
};

export const formatOfName = (path: string): SourceFormat | null => EXTENSIONS[extname(path.replace(/\\/g, '/')).toLowerCase()] ?? null;

/** What the first bytes say: a zip (with what in it), an OLE compound file, markup, or nothing known. */
export function sniff(bytes: Uint8Array): 'zip-xlsx' | 'zip-docx' | 'zip' | 'ole' | 'html' | null {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    // The first entries' names are stored in clear in local headers: look for them near the start.
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 1 << 16)));
    if (head.includes('xl/')) return 'zip-xlsx';
    if (head.includes('word/')) return 'zip-docx';
    return 'zip';
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'ole';
  const start = new TextDecoder('utf-8').decode(bytes.subarray(0, 1024)).replace(/^\ufeff/, '').trimStart().toLowerCase();
  if (/^<(!doctype html|html|head|body|table|meta|\?xml[^>]*>\s*<html)/.test(start)) return 'html';
  return null;
}

const NAMES: Record<SourceFormat, string> = { text: 'text', csv: 'CSV', xlsx: '.xlsx workbook', xls: '.xls workbook', docx: '.docx document', html: 'HTML page' };

/**
 * The format to read `bytes` as. `forced` (--input-format) is taken as
 * given; otherwise the bytes, then the name. A name that promises a
 * workbook or a document over bytes that are none is an error.
 */
export function formatOf(path: string, bytes: Uint8Array, forced?: SourceFormat): SourceFormat {
  if (forced) return forced;
  const named = formatOfName(path);
  const s = sniff(bytes);
  if (s === 'zip-xlsx') return 'xlsx';
  if (s === 'zip-docx') return 'docx';
  if (s === 'ole') {
    if (named === 'docx') throw new EvalcheckError('format', 'is a password-protected or Word 97-2003 document, not a .docx: save it as .docx without a password', { path });
    return 'xls';
  }
  if (s === 'zip') throw new EvalcheckError('format', `is a zip archive but not a${named ? ` ${NAMES[named]}` : ' workbook or document'}`, { path });
  if (s === 'html') return 'html';
  if (named === 'xlsx' || named === 'xls' || named === 'docx') {
    // Text saved under a workbook's name (some systems "export to Excel" as tab-separated text).
    if (!bytes.subarray(0, 4096).includes(0)) return 'text';
    throw new EvalcheckError('format', `is not a ${NAMES[named]} (neither a zip nor an OLE file): renamed from another format?`, { path });
  }
  return named === 'csv' ? 'csv' : 'text';
}
