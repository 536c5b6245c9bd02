const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const LOOKUP = new Uint8Array(256).fill(255);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;
// The URL-safe alphabet's two letters (RFC 4648 §5) decode too, as Node's decoder does: the proxy
// passes a provider's base64 on as it came, and the alphabets cannot be confused.
LOOKUP["-".charCodeAt(0)] = 62;
LOOKUP["_".charCodeAt(0)] = 63;

/**
 * Standard base64 (RFC 4648 §4, with padding) of bytes. Pure JavaScript so it runs in the
 * Figma sandbox, the panel and Node alike (the sandbox has no btoa, Node tests no DOM).
 */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  // Build in slices (a multiple of 3 bytes) so string concatenation stays short.
  const SLICE = 3 * 8192;
  const whole = bytes.length - (bytes.length % 3);
  for (let start = 0; start < whole; start += SLICE) {
    const end = Math.min(whole, start + SLICE);
    let out = "";
    for (let i = start; i < end; i += 3) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
    }
    parts.push(out);
  }
  const rest = bytes.length - whole;
  if (rest === 1) {
    const n = bytes[whole]! << 16;
    parts.push(`${ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!}==`);
  } else if (rest === 2) {
    const n = (bytes[whole]! << 16) | (bytes[whole + 1]! << 8);
    parts.push(`${ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!}=`);
  }
  return parts.join("");
}

/**
 * Decodes base64 (RFC 4648 §4, or the URL-safe alphabet of §5; padding optional, whitespace ignored).
 * @throws Error when the text holds characters outside the base64 alphabet.
 */
export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/[\s=]+/g, "");
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = LOOKUP[clean.charCodeAt(i)]!;
    if (v === 255) throw new Error(`The base64 text has an invalid character at position ${i}.`);
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 255;
    }
  }
  return out.subarray(0, o);
}
