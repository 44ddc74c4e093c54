/**
 * The one error type for bad invocations and unusable input. Known errors
 * print one line and exit 2; anything else is a bug and keeps its stack.
 */
export type ErrorCode =
  | 'usage' // bad flags or values
  | 'not-found' // missing file or unmatched pattern
  | 'unreadable' // permission, directory, I/O
  | 'binary' // NUL bytes, not text
  | 'encoding' // not decodable in any supported encoding
  | 'no-table' // text, but no self-evaluation table in it
  | 'config' // invalid configuration file
  | 'write' // output could not be written
  | 'format'; // not a readable workbook, document or page

/** A file-system error while reading an input, as the one-line error the CLI prints. */
export function readError(e: unknown, path: string): EvalcheckError {
  const code = (e as NodeJS.ErrnoException).code;
  // A page, web archive or workbook is read in one piece: past what one JavaScript string (or buffer) holds.
  if (code === 'ERR_STRING_TOO_LONG' || code === 'ERR_FS_FILE_TOO_LARGE')
    return new EvalcheckError('format', 'is too large to read whole (it is read in one piece, and passes what JavaScript can hold at once): save the table as text (Unicode text or CSV) and check that file, which is streamed', { path });
  return code === 'ENOENT' ? new EvalcheckError('not-found', 'no such file', { path }) : new EvalcheckError('unreadable', `cannot read (${code ?? 'error'})`, { path });
}

/** A text input that holds no table: the one error for it, with the number of lines read. */
export const noTableError = (lineCount: number, path: string): EvalcheckError =>
  new EvalcheckError('no-table', `no self-evaluation table found (${lineCount} line${lineCount === 1 ? '' : 's'} read)`, { path });

export class EvalcheckError extends Error {
  readonly code: ErrorCode;
  readonly path: string | undefined;
  readonly line: number | undefined;
  constructor(code: ErrorCode, message: string, where: { path?: string; line?: number } = {}) {
    super(message);
    this.name = 'EvalcheckError';
    this.code = code;
    this.path = where.path;
    this.line = where.line;
  }
  /** "report.txt:12: not valid UTF-8 …" */
  oneLine(): string {
    const loc = this.path !== undefined ? `${this.path}${this.line !== undefined ? `:${this.line}` : ''}: ` : '';
    return `${loc}${this.message}`;
  }
}
