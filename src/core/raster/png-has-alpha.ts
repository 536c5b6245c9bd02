/**
 * Whether a PNG file can hold transparency, read from its chunks without decoding pixels (PNG spec
 * §11.2.2 IHDR colour types, §11.3.2.1 tRNS): colour types 4 (grey + alpha) and 6 (RGBA) carry an
 * alpha channel; types 0 (grey), 2 (RGB) and 3 (indexed) are transparent only with a `tRNS` chunk.
 * Used to write a result in the form it came: an RGB picture in gives an RGB picture out.
 *
 * @param bytes a PNG file (at least its chunks up to the first IDAT).
 * @returns false for an opaque-only PNG; true when it has or may have alpha, or when the bytes are not a PNG.
 */
export function pngHasAlpha(bytes: Uint8Array): boolean {
  if (bytes.length < 33) return true;
  const colourType = bytes[25]!;
  if (colourType === 4 || colourType === 6) return true;
  // Walk the chunks: length (4 bytes), type (4), data, CRC (4). tRNS must come before the first IDAT.
  for (let o = 8; o + 8 <= bytes.length; ) {
    const length = ((bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!) >>> 0;
    const type = String.fromCharCode(bytes[o + 4]!, bytes[o + 5]!, bytes[o + 6]!, bytes[o + 7]!);
    if (type === "tRNS") return true;
    if (type === "IDAT" || type === "IEND") return false;
    o += 12 + length;
  }
  return false;
}
