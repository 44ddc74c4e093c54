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
  '.xlsb': 'xlsx',
  '.xls': 'xls',
  // WPS Office's own formats: an .et is a BIFF8 workbook, a .wps a Word 97-2003 document (each told by its streams).
  '.et': 'xls',
  '.ods': 'ods',
  '.docx': 'docx',
  '.doc': 'doc',
  '.wps': 'doc',
  '.rtf': 'rtf',
  '.odt': 'odt',
  '.html': 'html',
  '.htm': 'html',
  '.mht': 'mht',
  '.mhtml': 'mht',
};

export const formatOfName = (path: string): SourceFormat | null => EXTENSIONS[extname(path.replace(/\\/g, '/')).toLowerCase()] ?? null;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/**
 * Files that hold no table evalcheck can read, known by their first bytes, each with what to do instead: the
 * files offices really send besides exports (a PDF of the printed table, a scan, an archive of several files).
 */
const FOREIGN: readonly { is: (b: Uint8Array) => boolean; message: string }[] = [
  { is: (b) => startsWith(b, ascii('%PDF-')), message: 'is a PDF document, not an exported table: read the Excel, Word or text file the PDF was printed from' },
  { is: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47]), message: 'is an image (PNG), not an exported table: a scanned table has to be exported or typed first' },
  { is: (b) => startsWith(b, [0xff, 0xd8, 0xff]), message: 'is an image (JPEG), not an exported table: a scanned table has to be exported or typed first' },
  { is: (b) => startsWith(b, ascii('GIF8')), message: 'is an image (GIF), not an exported table: a scanned table has to be exported or typed first' },
  { is: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0]) || startsWith(b, [0x4d, 0x4d, 0, 0x2a]), message: 'is an image (TIFF), not an exported table: a scanned table has to be exported or typed first' },
  { is: (b) => startsWith(b, ascii('Rar!')), message: 'is a RAR archive: extract it and check the files in it' },
  { is: (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), message: 'is a 7z archive: extract it and check the files in it' },
  { is: (b) => startsWith(b, [0x1f, 0x8b]), message: 'is a gzip archive: extract it and check the file in it' },
];

/** What the first bytes say: a zip (with what in it), an OLE compound file, markup, or nothing known. */
export function sniff(bytes: Uint8Array): 'zip-xlsx' | 'zip-docx' | 'zip-ods' | 'zip-odt' | 'zip-ofd' | 'zip' | 'ole' | 'html' | 'mht' | 'spreadsheetml' | 'rtf' | null {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    // The first entries' names are stored in clear in local headers: look for them near the start.
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 1 << 16)));
    if (head.includes('xl/')) return 'zip-xlsx';
    if (head.includes('word/')) return 'zip-docx';
    // OpenDocument: its first entry is "mimetype", stored, holding the media type.
    if (head.includes('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) return 'zip-ods';
    if (head.includes('mimetypeapplication/vnd.oasis.opendocument.text')) return 'zip-odt';
    // OFD (GB/T 33190), the Chinese fixed-layout format for official documents: a zip with OFD.xml at its root.
    if (head.includes('OFD.xml')) return 'zip-ofd';
    return 'zip';
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'ole';
  if (/^(?:\xef\xbb\xbf)?\s*\{\\rtf/.test(new TextDecoder('latin1').decode(bytes.subarray(0, 16)))) return 'rtf';
  const start = new TextDecoder('utf-8').decode(bytes.subarray(0, 1024)).replace(/^\ufeff/, '').trimStart().toLowerCase();
  // (Past an XML declaration and comments, as pages written by "export to Excel" code often start.)
  const lead = start.replace(/^(?:<\?xml[^>]*>|<!--[\s\S]*?-->|\s+)*/, '');
  if (/^<(!doctype html|html|head|body|table|meta|style|title)\b/.test(lead)) return 'html';
  // Excel 2003 XML (SpreadsheetML): <?xml …?>, <?mso-application progid="Excel.Sheet"?>, <Workbook xmlns="…spreadsheet">.
  if (start.startsWith('<?xml') && /<(?:ss:)?Workbook\b[^>]*urn:schemas-microsoft-com:office:spreadsheet|progid\s*=\s*"Excel\.Sheet"/i.test(start)) return 'spreadsheetml';
  if (isWebArchive(bytes)) return 'mht';
  return null;
}

/** Header lines (`Name: value`, continued on lines that start with white space) up to the blank line. */
export function headersOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last !== null) out.set(last, `${out.get(last)!} ${line.trim()}`);
    else {
      const m = /^([!-9;-~]+):\s*(.*)$/.exec(line);
      if (!m) continue;
      last = m[1]!.toLowerCase();
      if (!out.has(last)) out.set(last, m[2]!.trim());
    }
  }
  return out;
}

/** Where the headers of a message or part end: the offset of its body, or -1. */
export function bodyStart(text: string, from: number): number {
  const m = /\r?\n\r?\n/.exec(text.slice(from, from + 65536));
  return m ? from + m.index + m[0].length : -1;
}

/** The first bytes are the headers of a MIME message holding a web page (a web archive). */
export function isWebArchive(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8192)).replace(/^\ufeff|^\xef\xbb\xbf/, '');
  const end = bodyStart(head, 0);
  const block = end === -1 ? head : head.slice(0, end);
  // It opens with a header line; MIME-Version among its headers, and a page or pages as its content.
  if (!/^[!-9;-~]+:/.test(block)) return false;
  const h = headersOf(block);
  return h.has('mime-version') && /^(multipart\/related|text\/html)/i.test(h.get('content-type') ?? '');
}

const NAMES: Record<SourceFormat, string> = { text: 'text', csv: 'CSV', xlsx: '.xlsx workbook', xls: '.xls workbook', xml: 'Excel 2003 XML workbook', ods: '.ods spreadsheet', docx: '.docx document', doc: '.doc document', rtf: 'RTF document', odt: '.odt document', html: 'HTML page', mht: 'web archive (.mht)' };

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
  // An OLE file is an .xls or a Word 97-2003 document (or an encrypted Office file): each reader looks at its
  // streams and hands a file of the other kind on.
  if (s === 'ole') return named === 'doc' ? 'doc' : 'xls';
  if (s === 'zip-ods') return 'ods';
  if (s === 'zip-odt') return 'odt';
  if (s === 'zip-ofd') throw new EvalcheckError('format', 'is an OFD document, not an exported table: read the Excel, Word or text file it was made from', { path });
  if (s === 'zip') throw new EvalcheckError('format', `is a zip archive but not a${named ? ` ${NAMES[named]}` : ' workbook or document'}: if it holds tables, give it a .zip name to read them`, { path });
  const foreign = FOREIGN.find((f) => f.is(bytes));
  if (foreign) throw new EvalcheckError('format', foreign.message, { path });
  if (s === 'html') return 'html';
  // RTF under any name: what many systems export as a "Word" .doc.
  if (s === 'rtf') return 'rtf';
  if (s === 'spreadsheetml') return 'xml';
  // A web archive: Excel's or Word's single file web page, and what many web systems export as ".xls".
  if (s === 'mht') return 'mht';
  if (named === 'xlsx' || named === 'xls' || named === 'ods' || named === 'docx' || named === 'doc' || named === 'rtf' || named === 'odt' || named === 'mht') {
    // Text saved under a workbook's name (some systems "export to Excel" as tab-separated text).
    if (!bytes.subarray(0, 4096).includes(0)) return 'text';
    throw new EvalcheckError('format', `is not a ${NAMES[named]} (neither a zip nor an OLE file): renamed from another format?`, { path });
  }
  return named === 'csv' ? 'csv' : 'text';
}
