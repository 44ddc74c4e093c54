/** What SheetJS does not read of an OpenDocument spreadsheet: which of its tables are hidden. */
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';

/**
 * The sheets an OpenDocument spreadsheet hides: a table whose style says `table:display="false"` (ODF 1.2
 * §17.15, as LibreOffice and WPS write a hidden sheet). SheetJS does not read it. content.xml is unzipped once
 * more for it, and parsed (saxes) only when it holds `table:display="false"` at all (a shown sheet's style
 * says `true`).
 */
export function hiddenTables(bytes: Uint8Array): Set<string> {
  const out = new Set<string>();
  let xml: Uint8Array | undefined;
  try {
    xml = unzipSync(bytes, { filter: (f) => f.name === 'content.xml' })['content.xml'];
  } catch {
    return out; // (SheetJS read it: a damaged directory it tolerates is not an error here either)
  }
  if (!xml) return out;
  const b = Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength);
  if (b.indexOf('table:display="false"') < 0 && b.indexOf("table:display='false'") < 0) return out;
  const hiddenStyles = new Set<string>();
  let style: string | null = null;
  const p = new SaxesParser();
  p.on('opentag', (n) => {
    const a = n.attributes as Record<string, string>;
    if (n.name === 'style:style') style = a['style:family'] === 'table' ? (a['style:name'] ?? null) : null;
    else if (n.name === 'style:table-properties' && style !== null && a['table:display'] === 'false') hiddenStyles.add(style);
    else if (n.name === 'table:table' && a['table:name'] !== undefined && hiddenStyles.has(a['table:style-name'] ?? '')) out.add(a['table:name']);
  });
  p.on('closetag', (n) => {
    if (n.name === 'style:style') style = null;
  });
  try {
    p.write(new TextDecoder('utf-8').decode(b)).close();
  } catch {
    // Not well-formed XML here, though SheetJS read it: what was found up to there stands.
  }
  return out;
}
