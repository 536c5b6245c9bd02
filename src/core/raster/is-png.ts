/** The 8-byte PNG signature (PNG spec, ISO/IEC 15948 §5.2). */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * True when `bytes` starts with the PNG signature (checked by magic bytes, not by a declared type).
 * Kept apart from the fast-png codec so the panel can check bytes without bundling that decoder.
 */
export function isPng(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  for (let i = 0; i < 8; i++) if (bytes[i] !== PNG_SIGNATURE[i]) return false;
  return true;
}
