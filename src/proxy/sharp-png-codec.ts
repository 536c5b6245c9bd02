import sharp from "sharp";
import type { PngCodec } from "../core/raster/png-codec-type.js";
import type { RgbaImage } from "../core/raster/rgba-image.js";
import { FIGMA_MAX_IMAGE_EDGE_PX } from "../core/raster/figma-image-limit.js";

/**
 * Most pixels a picture may declare before it is decoded: twice Figma's edge on each side, the
 * largest a provider's image may be (check-provider-image.ts). libvips refuses bigger headers
 * before allocating anything, and it never decodes more rows than the header declares.
 */
const MAX_DECODE_PIXELS = (2 * FIGMA_MAX_IMAGE_EDGE_PX) ** 2;

/**
 * The proxy's PNG codec, for the images it finishes (`fit`, `lockPalette`): sharp (libvips)
 * decodes and encodes on libuv's thread pool, so a 4096² image does not hold up other requests
 * the way fast-png's synchronous codec would. Measured on this machine: 1024² decode 17 ms,
 * encode 69 ms (fast-png: 81 and 197 ms, all on the event loop).
 *
 * Lossless both ways for 8-bit straight-alpha RGBA: pixels are never premultiplied, and no colour
 * conversion is applied (providers send untagged sRGB). Grey and indexed PNGs come out as RGBA;
 * 16-bit channels are reduced to 8 bits by libvips (v >> 8), which can differ by one level from
 * fast-png's round(v / 257).
 */
export const sharpPngCodec: PngCodec = {
  /** @throws Error "The model's picture could not be read as an image." when libvips cannot decode it. */
  async decodeAsync(bytes: Uint8Array): Promise<RgbaImage> {
    let out;
    try {
      out = await sharp(bytes, { limitInputPixels: MAX_DECODE_PIXELS }).toColourspace("srgb").ensureAlpha().raw({ depth: "uchar" }).toBuffer({ resolveWithObject: true });
    } catch (cause) {
      throw new Error("The model's picture could not be read as an image.", { cause });
    }
    const { data, info } = out;
    // Copied into a plain ArrayBuffer: sharp's is external memory, which cannot be moved to the
    // lock pool's worker threads (DataCloneError). About 1 ms per 1024² image.
    return { width: info.width, height: info.height, data: new Uint8ClampedArray(data) };
  },
  /** 8-bit RGBA PNG, zlib level 6. */
  async encodeAsync(image: RgbaImage): Promise<Uint8Array> {
    const raw = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
    return new Uint8Array(
      await sharp(raw, { raw: { width: image.width, height: image.height, channels: 4 } })
        .png({ compressionLevel: 6 })
        .toBuffer(),
    );
  },
};
