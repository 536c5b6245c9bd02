import sharp from "sharp";
import { BrandfillError } from "../core/api/api-error.js";
import { sniffImage } from "../core/image-format/sniff-image.js";
import { FIGMA_MAX_IMAGE_EDGE_PX } from "../core/raster/figma-image-limit.js";
import type { ProviderImage } from "./providers/image-provider.js";

/**
 * Where images are decoded whole for the full check (anything but a canonical base64 PNG, which
 * is checked piece by piece), reused by every call (checks are synchronous, so one is enough).
 * Decoding into warm memory is about 4× faster than into a fresh allocation (page faults dominate
 * at 4096²). It grows to the largest such image seen and is kept.
 */
let scratch = Buffer.allocUnsafe(1 << 16);

/**
 * Turns what a provider sent as an image into a checked PNG: decodes the base64, identifies the
 * bytes by magic number, rejects damaged base64, truncated PNGs and non-images, converts JPEG,
 * WebP and GIF to PNG with sharp (libvips, off the event loop; the API promises PNG), and reads
 * a PNG's size from its header without decoding pixels.
 * A PNG in canonical base64 keeps the provider's own string (`base64`) so the proxy passes it
 * on without encoding it again, and its `png` bytes are only decoded if something asks for them:
 * the proxy's own overhead stays a small fraction of the transfer.
 *
 * @param base64 the provider's base64 text (OpenAI `b64_json`, Gemini `inlineData.data`).
 * @returns a promise only settles later for another type than PNG (the sharp conversion).
 * @throws BrandfillError `provider_error` naming what was wrong with the image.
 */
export async function checkProviderImageAsync(base64: string | undefined, provider: string): Promise<ProviderImage> {
  if (!base64) throw new BrandfillError("provider_error", "The image service answered without an image.", { provider, retryable: true });
  const expected = decodedLength(base64);
  const quick = checkPngInPieces(base64, expected);
  // Anything the quick check does not pass takes the full check, which says what was wrong.
  if (quick?.complete && isPossibleSize(quick.width, quick.height)) return passedOn(base64, quick.width, quick.height);
  if (scratch.length < expected + 3) scratch = Buffer.allocUnsafe(expected + 3);
  const bytes = scratch.subarray(0, scratch.write(base64, 0, "base64"));
  // The decoder skips characters outside the alphabet, so a damaged string decodes short: exactly
  // the expected length means canonical base64, and only the rare other case pays for a scan of
  // the alphabet (a regex over tens of MB costs more than the decode). The decoder reads the
  // URL-safe letters "-" "_" (RFC 4648 §5) as "+" "/", and so does every brandfill client
  // (`decodeBase64`), so such a string is passed on as it came rather than refused.
  const canonical = bytes.length === expected;
  if (!canonical && !/^[A-Za-z0-9+/\r\n_-]*={0,2}\s*$/.test(base64)) {
    throw new BrandfillError("provider_error", "The image service sent a damaged image (not valid base64).", { provider, retryable: true });
  }
  const sniffed = sniffImage(bytes);
  if (!sniffed) throw new BrandfillError("provider_error", "The image service sent something that is not an image.", { provider, retryable: true });
  if (!sniffed.complete) throw new BrandfillError("provider_error", "The image service sent an incomplete image (it was cut off).", { provider, retryable: true });
  if (!isPossibleSize(sniffed.width, sniffed.height)) {
    throw new BrandfillError("provider_error", `The image service sent an image of an impossible size (${sniffed.width}×${sniffed.height}).`, { provider, retryable: true });
  }
  const { width, height } = sniffed;
  if (sniffed.type === "image/png") {
    if (!canonical) return { png: new Uint8Array(bytes), width, height };
    return passedOn(base64, width, height);
  }
  // Another image type (JPEG from Gemini, WebP or a GIF's first frame): converted to PNG. The
  // bytes are copied first, since `scratch` is reused by the next check while sharp works.
  const type = sniffed.type === "image/jpeg" ? "JPEG" : sniffed.type === "image/webp" ? "WebP" : "GIF";
  try {
    const { data, info } = await sharp(Buffer.from(bytes)).png({ compressionLevel: 6 }).toBuffer({ resolveWithObject: true });
    return { png: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
  } catch {
    throw new BrandfillError("provider_error", `The image service sent a damaged ${type} image.`, { provider, retryable: true });
  }
}

/** Whether a provider's image could be real: 1 px to twice Figma's edge limit on each side. */
function isPossibleSize(width: number, height: number): boolean {
  return width >= 1 && height >= 1 && width <= FIGMA_MAX_IMAGE_EDGE_PX * 2 && height <= FIGMA_MAX_IMAGE_EDGE_PX * 2;
}

/** Bytes a canonical base64 string decodes to: 3 per 4 characters, less the `=` padding (RFC 4648 §4). */
function decodedLength(base64: string): number {
  const n = base64.length;
  const padding = base64.charCodeAt(n - 1) === 61 ? (base64.charCodeAt(n - 2) === 61 ? 2 : 1) : 0;
  return Math.floor(((n - padding) * 3) / 4);
}

/** A checked PNG passed on as the provider's own base64; its bytes are decoded only if asked for. */
function passedOn(base64: string, width: number, height: number): ProviderImage {
  let png: Uint8Array | undefined;
  return {
    width,
    height,
    base64,
    get png() {
      return (png ??= new Uint8Array(Buffer.from(base64, "base64")));
    },
  };
}

/** Base64 characters decoded per piece: 48 KiB of bytes, which stay in the CPU's cache. */
const PIECE_CHARS = 1 << 16;
const piece = Buffer.allocUnsafe((PIECE_CHARS / 4) * 3 + 3);

/**
 * The common case, checked without writing the whole image anywhere: a canonical base64 PNG
 * (every piece decodes to its full length, so no character is outside the alphabet) whose
 * header gives its size. Decoding piece by piece into a small buffer keeps the check's memory
 * traffic to one read of the string, instead of also writing megabytes that push the rest of the
 * request's work out of the cache. Returns null for anything else (another type, a damaged or
 * wrapped string), which the full check then explains.
 */
function checkPngInPieces(base64: string, expected: number): { width: number; height: number; complete: boolean } | null {
  if (base64.length % 4 !== 0 || base64.length < 60) return null;
  let decoded = 0;
  let head: { width: number; height: number } | null = null;
  let tail = 0;
  for (let start = 0; start < base64.length; start += PIECE_CHARS) {
    const text = base64.length <= PIECE_CHARS ? base64 : base64.slice(start, start + PIECE_CHARS);
    const n = piece.write(text, 0, "base64");
    if (start === 0) {
      const sniffed = sniffImage(piece.subarray(0, Math.min(n, 64)));
      if (sniffed?.type !== "image/png") return null;
      head = sniffed;
    }
    const whole = start + PIECE_CHARS >= base64.length;
    if (!whole && n !== (PIECE_CHARS / 4) * 3) return null;
    decoded += n;
    // The last chunk's type field sits 8 bytes before the end (length 0, "IEND", CRC).
    if (whole) {
      if (n < 8) return null;
      tail = piece.readUInt32BE(n - 8);
    }
  }
  if (!head || decoded !== expected) return null;
  return { width: head.width, height: head.height, complete: tail === 0x49454e44 };
}
