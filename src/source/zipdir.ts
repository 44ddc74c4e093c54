/**
 * The parts of a zip package (a workbook, a document) and their sizes
 * unpacked, from its central directory, without inflating anything and
 * without a zip library (the package's reader brings its own). A part that
 * unpacks past `MAX_ENTRY` is refused before the reader inflates it whole:
 * a zip bomb, or a sheet no office writes, would hold gigabytes or stop at
 * the string limit and say there was no table.
 */
import { EvalcheckError } from '../errors.js';

/** The largest part (or archive entry) inflated: 256 MiB. */
export const MAX_ENTRY = 256 << 20;

/** Each part's name (as stored), unpacked and packed size, and method; null when the bytes have no readable central directory. */
export function zipParts(b: Uint8Array): { name: string; size: number; packed: number; method: number }[] | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (o: number) => v.getUint16(o, true);
  const u32 = (o: number) => v.getUint32(o, true);
  const u64 = (o: number) => u32(o) + u32(o + 4) * 2 ** 32;
  // The end of central directory record: in the last 64 KiB + 22 bytes (its comment is at most 64 KiB).
  let eocd = -1;
  for (let o = b.length - 22; o >= Math.max(0, b.length - 22 - 0xffff); o--) {
    if (u32(o) === 0x06054b50) {
      eocd = o;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = u16(eocd + 10);
  let at = u32(eocd + 16);
  // Zip64: the real count and offset are in the zip64 record the locator before it points at.
  if ((count === 0xffff || at === 0xffffffff) && eocd >= 20 && u32(eocd - 20) === 0x07064b50) {
    const z = u64(eocd - 12);
    if (z + 56 > b.length || u32(z) !== 0x06064b50) return null;
    count = u64(z + 32);
    at = u64(z + 48);
  }
  const out: { name: string; size: number; packed: number; method: number }[] = [];
  const latin1 = new TextDecoder('latin1');
  for (let i = 0; i < count; i++) {
    if (at + 46 > b.length || u32(at) !== 0x02014b50) return null;
    const nameLen = u16(at + 28);
    const extraLen = u16(at + 30);
    const commentLen = u16(at + 32);
    if (at + 46 + nameLen + extraLen > b.length) return null;
    let size = u32(at + 24);
    let packed = u32(at + 20);
    if (size === 0xffffffff || packed === 0xffffffff) {
      // The zip64 extended information field holds the sizes that are maxed, in that order: unpacked, packed.
      for (let e = at + 46 + nameLen; e + 4 <= at + 46 + nameLen + extraLen; e += 4 + u16(e + 2)) {
        if (u16(e) !== 0x0001) continue;
        let v = e + 4;
        if (size === 0xffffffff && v + 8 <= b.length) (size = u64(v)), (v += 8);
        if (packed === 0xffffffff && v + 8 <= b.length) packed = u64(v);
        break;
      }
    }
    out.push({ name: latin1.decode(b.subarray(at + 46, at + 46 + nameLen)), size, packed, method: u16(at + 10) });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** A workbook's or document's part that unpacks past `MAX_ENTRY`, refused with what to do for its kind. */
export function checkPartSizes(bytes: Uint8Array, path: string, kind: 'workbook' | 'document'): void {
  const parts = zipParts(bytes) ?? [];
  // Deflate never grows data by more than 5 bytes in 16 KiB, and a stored part is its size: a part packed larger
  // than that says less than it holds (a forged header, which the readers would inflate for minutes).
  const forged = parts.find((p) => (p.method === 0 || p.method === 8) && p.packed > p.size + Math.ceil(p.size / 16384) * 5 + 64);
  if (forged) throw new EvalcheckError('format', `is not a readable ${kind} (its part ${forged.name} says it unpacks to ${forged.size} bytes but holds ${forged.packed} packed: a damaged or forged zip)`, { path });
  const big = parts.find((p) => p.size > MAX_ENTRY);
  if (!big) return;
  const mib = Math.ceil(big.size / (1 << 20));
  if (kind === 'workbook') throw new EvalcheckError('format', `is too large to read whole: ${big.name} in it is ${mib} MiB unpacked (at most ${MAX_ENTRY >> 20} MiB); save the sheet as text (Unicode text or CSV) and check that file, which is streamed`, { path });
  throw new EvalcheckError('format', `is too large to read whole: ${big.name} in it is ${mib} MiB unpacked (at most ${MAX_ENTRY >> 20} MiB); split the document and check the parts`, { path });
}
