import { readPngSize } from "./read-png-size.js";

/** Image container types brandfill accepts or may receive from a provider. */
export type ImageType = "image/png" | "image/jpeg" | "image/webp" | "image/gif";

export interface SniffedImage {
  type: ImageType;
  /** Pixel size read from the header. */
  width: number;
  height: number;
  /** PNG only: whether the file ends with its IEND chunk (false = truncated). Other types: true. */
  complete: boolean;
}

const u16be = (b: Uint8Array, o: number) => (b[o]! << 8) | b[o + 1]!;
const u16le = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u24le = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16);

/**
 * Identifies an image by its magic bytes (never by a declared MIME type) and reads its pixel
 * size from the header, without decoding pixels: PNG IHDR (PNG spec §11.2.2), JPEG SOFn
 * markers (ITU T.81 §B.2.2), WebP VP8/VP8L/VP8X chunks (RFC 9649), GIF logical screen (GIF89a §18).
 *
 * @returns null when the bytes are not a recognised image or the header is cut short.
 */
export function sniffImage(bytes: Uint8Array): SniffedImage | null {
  const b = bytes;
  const png = readPngSize(b);
  if (png) {
    const n = b.length;
    // IEND is the last chunk: length 0, type "IEND", CRC AE 42 60 82.
    const complete = n >= 45 && b[n - 8] === 0x49 && b[n - 7] === 0x45 && b[n - 6] === 0x4e && b[n - 5] === 0x44;
    return { type: "image/png", ...png, complete };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    let o = 2;
    while (o + 9 < b.length) {
      if (b[o] !== 0xff) return null;
      const marker = b[o + 1]!;
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        o += 2;
        continue;
      }
      const length = u16be(b, o + 2);
      // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { type: "image/jpeg", height: u16be(b, o + 5), width: u16be(b, o + 7), complete: true };
      }
      o += 2 + length;
    }
    return null;
  }
  if (b.length >= 30 && b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) {
    const chunk = String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!);
    if (chunk === "VP8X") return { type: "image/webp", width: u24le(b, 24) + 1, height: u24le(b, 27) + 1, complete: true };
    if (chunk === "VP8L") {
      const bits = (b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24)) >>> 0;
      return { type: "image/webp", width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1, complete: true };
    }
    if (chunk === "VP8 ") return { type: "image/webp", width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff, complete: true };
    return null;
  }
  if (b.length >= 10 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) {
    return { type: "image/gif", width: u16le(b, 6), height: u16le(b, 8), complete: true };
  }
  return null;
}
