/**
 * OpenDocument text (.odt, from WPS, LibreOffice and the office suites of
 * domestic systems): content.xml is unzipped (fflate) and read as a stream of
 * XML events (saxes), as the .docx reader reads its body. An ODF table is a
 * full grid (ODF 1.2 §9.1): a cell spanning columns or rows is followed, or
 * stood under, by covered cells, so each cell stands where the file puts it
 * and nothing is placed by counting. A cell's paragraphs are joined by line
 * breaks; white space in a paragraph is collapsed as ODF says (§6.1.2), and
 * `text:s` is its spaces; a table nested in a cell is that cell's text.
 * Footnotes and endnotes (their citation would run into a number: `88.32`
 * and note 1 read `88.321`), comments, frames and the record of tracked
 * changes are left out. Text between tables is not read, except a title
 * paragraph right above a table.
 */
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { EvalcheckError } from '../errors.js';
import { checkPartSizes } from './zipdir.js';
import { Above, GridFeeder, type RowSink, type SourceRead } from './tables.js';

/** Elements whose text is not the table's (see above). */
const LEFT_OUT = new Set(['text:note', 'office:annotation', 'draw:frame', 'text:tracked-changes']);

/** A repeat count as ODF writes it, bounded: a row "repeated" a million times is an empty filler. */
const repeat = (v: string | undefined, max: number): number => Math.max(1, Math.min(max, Number(v) || 1));

export async function readOdt(bytes: Uint8Array, path: string, sink: RowSink): Promise<SourceRead> {
  checkPartSizes(bytes, path, 'document');
  let xml: Uint8Array | undefined;
  try {
    xml = unzipSync(bytes, { filter: (f) => f.name === 'content.xml' })['content.xml'];
  } catch (e) {
    throw new EvalcheckError('format', `is not a readable .odt document (${e instanceof Error ? e.message : String(e)})`, { path });
  }
  if (!xml) throw new EvalcheckError('format', 'is not an .odt document (no content.xml in it)', { path });

  const feeder = new GridFeeder('odt', sink);
  let tables = 0;
  const above = new Above();
  let paragraph = '';
  // Nesting of tables (a nested one is its cell's text); inside a part left out, how deep.
  let depth = 0;
  let leftOut = 0;
  let rows: string[][] = [];
  let row: string[] | null = null;
  let rowRepeat = 1;
  let cell: string | null = null;
  let cellRepeat = 1;
  // Open paragraphs (text:p, text:h): only their character data is text.
  let inParagraph = 0;
  const put = (s: string) => {
    if (leftOut > 0) return;
    if (cell !== null) cell += s;
    else if (depth === 0) paragraph += s;
  };
  /** The text being written to (a cell's, or the paragraph's between tables). */
  const written = (): string => (cell !== null ? cell : depth === 0 ? paragraph : '');

  const p = new SaxesParser();
  p.on('opentag', (n) => {
    const a = n.attributes as Record<string, string>;
    if (LEFT_OUT.has(n.name)) {
      leftOut++;
      return;
    }
    if (leftOut > 0) return;
    switch (n.name) {
      case 'table:table':
        if (depth++ === 0) rows = [];
        break;
      case 'table:table-row':
        if (depth === 1) {
          row = [];
          rowRepeat = repeat(a['table:number-rows-repeated'], 100);
        }
        break;
      case 'table:table-cell':
      case 'table:covered-table-cell':
        if (depth === 1 && row) {
          cell = '';
          cellRepeat = repeat(a['table:number-columns-repeated'], 1000);
        }
        break;
      case 'text:p':
      case 'text:h':
        inParagraph++;
        if (cell !== null && cell !== '' && !cell.endsWith('\n')) cell += '\n';
        break;
      case 'text:s':
        put(' '.repeat(repeat(a['text:c'], 1000)));
        break;
      case 'text:tab':
        put('\t');
        break;
      case 'text:line-break':
        put('\n');
        break;
    }
  });
  p.on('text', (t) => {
    // Character data outside a paragraph is the XML's own indentation. Inside one, a run of white space is one
    // space, and none at the start of the paragraph or after a space (text:s writes the spaces that count).
    if (inParagraph === 0) return;
    let s = t.replace(/[ \t\r\n]+/g, ' ');
    if (s.startsWith(' ')) {
      const w = written();
      if (w === '' || w.endsWith(' ') || w.endsWith('\n')) s = s.slice(1);
    }
    if (s !== '') put(s);
  });
  p.on('closetag', (n) => {
    if (LEFT_OUT.has(n.name)) {
      leftOut--;
      return;
    }
    if (leftOut > 0) return;
    switch (n.name) {
      case 'text:p':
      case 'text:h':
        inParagraph--;
        // (A space the collapsing left at a paragraph's end is none either.)
        if (cell !== null && cell.endsWith(' ')) cell = cell.slice(0, -1);
        if (depth === 0) {
          above.paragraph(paragraph);
          paragraph = '';
        }
        break;
      case 'table:table-cell':
      case 'table:covered-table-cell':
        if (depth === 1 && row && cell !== null) {
          // A covered cell (under or beside a span) reads empty, whatever it holds.
          const text = n.name === 'table:covered-table-cell' ? '' : cell.replace(/^\n+|\n+$/g, '');
          for (let k = 0; k < cellRepeat; k++) row.push(text);
          cell = null;
        }
        break;
      case 'table:table-row':
        if (depth === 1 && row) {
          for (let k = 0; k < rowRepeat; k++) rows.push(k === 0 ? row : [...row]);
          row = null;
        }
        break;
      case 'table:table':
        if (--depth === 0) {
          tables++;
          // Trailing empty cells (a column repeated to the page's width) are nothing.
          for (const r of rows) while (r.length > 0 && r[r.length - 1] === '') r.pop();
          const caption = above.caption();
          feeder.feed({ kind: 'table', name: '', firstRow: 1, rows, ...(caption !== undefined ? { caption } : {}) });
          rows = [];
        }
        break;
    }
  });
  try {
    p.write(new TextDecoder('utf-8').decode(xml)).close();
  } catch (e) {
    throw new EvalcheckError('format', `is not a readable .odt document (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`, { path });
  }
  if (tables === 0) throw new EvalcheckError('no-table', 'has no table (an .odt without tables)', { path });
  return feeder.result('utf-8');
}
