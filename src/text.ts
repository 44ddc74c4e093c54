/** Text helpers: cell cleaning, HTML in goals, copies that outlive their input, and making untrusted text inert for terminals. */

/**
 * A copy of `s` that shares no memory with the text it was cut from: a slice of a decoded input chunk keeps
 * the whole chunk alive as long as the slice lives. For what is kept past its block: summary rows, and the keys
 * of the caches that remember labels (a 64 K-character chunk pinned per remembered cell, up to the cache's bound).
 * Not JSON.parse(JSON.stringify(s)): that interns every string it makes, and the string table they go to is
 * not part of the heap the garbage collector shrinks (summary csv on 500 MB crept from 99 to 117 MB RSS).
 */
export function detach<T extends string | null>(s: T): T {
  // V8 copies what it cuts shorter than 13 characters (SlicedString::kMinLength): those share nothing already.
  if (s === null || s.length < 13) return s;
  return Buffer.from(s, 'utf16le').toString('utf16le') as T;
}

/** Trim ASCII and full-width spaces. */
export function clean(s: string): string {
  // Index scanning, not /\s+$/: that regex is quadratic on long runs of inner spaces.
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/**
 * White space as JavaScript sees it: the characters `\s` matches and String.prototype.trim removes (one set:
 * WhiteSpace and LineTerminator). Wider than isSpace, clean()'s set.
 */
export function isJsSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0x3000 || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a);
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”' };

/**
 * Goals exported from a web form carry HTML (`<p>一、…</p> <p>二、…</p>`):
 * keep paragraph breaks as "\n", drop the tags, decode the common entities.
 */
export function stripHtml(s: string): string {
  if (!s.includes('<') && !s.includes('&')) return s;
  const out = s
    .replace(/<br\s{0,5}\/?>/gi, '\n')
    .replace(/<\/p>\s{0,100}/gi, '\n')
    .replace(/<\/?[a-z][^<>]{0,500}>/gi, '')
    .replace(/&(#\d{1,7}|[a-z]{2,6});/gi, (m, e: string) => {
      if (e.startsWith('#')) {
        const cp = Number(e.slice(1));
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    });
  return out
    .split('\n')
    .map((l) => clean(l))
    .filter((l) => l.length > 0)
    .join('\n');
}

/**
 * Make cell text safe to print on a terminal: C0/C1 controls (ESC, BEL, CR…)
 * become visible control pictures, so CSI/OSC sequences lose their effect, and
 * bidirectional overrides and invisible characters (zero-width space, word
 * joiner, a BOM inside text, line separators) are shown as <U+202E> etc.
 * Tabs become spaces.
 */
export function inert(s: string): string {
  // Fast path: nothing to do for the usual text.
  if (!/[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0x09) out += ' ';
    else if (c < 0x20) out += String.fromCodePoint(0x2400 + c);
    else if (c === 0x7f) out += '\u2421';
    else if (c >= 0x80 && c <= 0x9f) out += `<U+${c.toString(16).toUpperCase().padStart(4, '0')}>`;
    else if (c === 0x61c || c === 0x200b || c === 0x200e || c === 0x200f || c === 0x2028 || c === 0x2029 || (c >= 0x202a && c <= 0x202e) || c === 0x2060 || (c >= 0x2066 && c <= 0x2069) || c === 0xfeff)
      out += `<U+${c.toString(16).toUpperCase()}>`;
    else out += ch;
  }
  return out;
}

/** Shorten long text for messages ("…" in the middle is not needed: cut the end). */
export function excerpt(s: string, max = 40): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : chars.slice(0, max).join('') + '…';
}
