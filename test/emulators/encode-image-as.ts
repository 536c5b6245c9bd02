import jpeg from "jpeg-js";
import { encodePng } from "../../src/core/raster/png-codec.js";
import type { RgbaImage } from "../../src/core/raster/rgba-image.js";

/** Output formats the emulators can produce. */
export type EmulatedImageFormat = "png" | "jpeg" | "webp";

/**
 * Encodes an emulator output: PNG with the project codec, JPEG with `jpeg-js` (quality 90, alpha dropped),
 * WEBP with `sharp` (loaded only when asked for, as the real APIs return WEBP only on request).
 */
export async function encodeImageAsAsync(image: RgbaImage, format: EmulatedImageFormat): Promise<Uint8Array> {
  if (format === "png") return encodePng(image);
  if (format === "jpeg") {
    const encoded = jpeg.encode({ width: image.width, height: image.height, data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength) }, 90);
    return new Uint8Array(encoded.data);
  }
  const { default: sharp } = await import("sharp");
  const webp = await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
    raw: { width: image.width, height: image.height, channels: 4 },
  })
    .webp({ lossless: true })
    .toBuffer();
  return new Uint8Array(webp);
}
