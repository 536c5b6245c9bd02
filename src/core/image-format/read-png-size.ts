/**
 * A PNG's pixel size from its IHDR chunk, without decoding pixels: the signature's first four
 * bytes (89 50 4E 47), then IHDR as the first chunk (PNG spec §5.3, §11.2.2: type at bytes 12–15,
 * width and height as big-endian 32-bit integers at bytes 16–19 and 20–23).
 * Kept apart from `sniffImage` (which also reads JPEG, WebP and GIF) so the Figma sandbox, which
 * only ever sees PNGs it exported or was sent as PNG, bundles these few lines and not the rest.
 *
 * @param bytes the file's bytes.
 * @returns the size in pixels, or null when the bytes are not a PNG or end before its IHDR.
 */
export function readPngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const b = bytes;
  if (b.length < 33 || b[0] !== 0x89 || b[1] !== 0x50 || b[2] !== 0x4e || b[3] !== 0x47 || b[12] !== 0x49 || b[13] !== 0x48 || b[14] !== 0x44 || b[15] !== 0x52) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
