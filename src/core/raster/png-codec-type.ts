import type { RgbaImage } from "./rgba-image.js";

/**
 * A PNG decoder and encoder, passed to the jobs that read and write pictures so each place picks
 * its own: Node (command line, tests, benches, proxy) passes `fastPngCodec` from png-codec.ts, the
 * panel passes the browser's codec (ui/lib/browser-png-codec.ts), which keeps fast-png out of the
 * panel's bundle.
 *
 * Both sides of the contract are 8-bit, straight (non-premultiplied) alpha RGBA `RgbaImage`s,
 * sRGB in and sRGB out with no colour-space conversion. An implementation says how exact it is:
 * fast-png is lossless for every pixel; the browser's is lossless for opaque pixels only.
 */
export interface PngCodec {
  /**
   * Reads PNG bytes (any colour type and bit depth the implementation supports) into RGBA.
   * @throws Error with a sentence for the designer when the bytes are not a PNG or the PNG is damaged.
   */
  decodeAsync(bytes: Uint8Array): Promise<RgbaImage>;
  /**
   * Writes an image as PNG bytes (8-bit RGBA).
   * @throws Error with a sentence when the image cannot be encoded (e.g. too large for the browser).
   */
  encodeAsync(image: RgbaImage): Promise<Uint8Array>;
}
