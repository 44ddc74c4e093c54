/**
 * The sheet list Excel writes into a workbook saved as a web page, in an XML
 * island of its first page (`<x:ExcelWorkbook><x:ExcelWorksheets>`): each
 * sheet's name, the page that holds it, and whether the workbook hides it.
 * Read by the web archive reader (mht.ts), whose parts are those pages, and
 * by the page reader (html.ts), for the frame page of a workbook saved as a
 * web page with its folder of sheet pages.
 */

/** A sheet a workbook's sheet list names. */
export interface ListedSheet {
  name: string;
  hidden: boolean;
}

/** One entry of the list: the sheet, and the page that holds it as written (`book.files/sheet001.htm`, `cid:…`); none: the page that lists it. */
export interface SheetEntry extends ListedSheet {
  href: string | undefined;
}

/** A sheet's options saying the workbook hides it. */
export const HIDDEN = /<x:Visible>\s*Sheet(?:Very)?Hidden\s*<\/x:Visible>/i;

/**
 * A workbook's sheet list (`<x:ExcelWorksheet><x:Name>…</x:Name><x:WorksheetSource HRef="…"/>`), in its order, with
 * whether the workbook hides a sheet (`<x:WorksheetOptions><x:Visible>SheetHidden</x:Visible>`, or SheetVeryHidden,
 * as Excel's web page writes a hidden sheet). A sheet without a source is the page that lists it (a workbook of one
 * sheet, or a sheet page's own island).
 */
export function sheetList(html: string): SheetEntry[] {
  const out: SheetEntry[] = [];
  for (const m of html.matchAll(/<x:ExcelWorksheet>([\s\S]*?)<\/x:ExcelWorksheet>/gi)) {
    const name = /<x:Name>([\s\S]*?)<\/x:Name>/i.exec(m[1]!)?.[1];
    if (name === undefined) continue;
    const href = /<x:WorksheetSource\s+HRef\s*=\s*["']([^"']+)["']/i.exec(m[1]!)?.[1];
    const hidden = HIDDEN.test(m[1]!);
    out.push({ name: entities(name.trim()), hidden, href: href === undefined ? undefined : entities(href.trim()) });
  }
  return out;
}

const entities = (s: string): string =>
  s.replace(/&#(x[0-9a-f]+|\d+);|&(amp|lt|gt|quot|apos);/gi, (_m, num: string | undefined, named: string | undefined) =>
    num !== undefined ? String.fromCodePoint(num[0] === 'x' || num[0] === 'X' ? Number.parseInt(num.slice(1), 16) : Number(num)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[named!.toLowerCase()]!,
  );
