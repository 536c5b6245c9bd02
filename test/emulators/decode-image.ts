import jpeg from "jpeg-js";
import { decodePng } from "../../src/core/raster/png-codec.js";
import type { RgbaImage } from "../../src/core/raster/rgba-image.js";
import { sniffImage } from "./sniff-image.js";

/**
 * Decodes an uploaded PNG, JPEG or WEBP into straight-alpha RGBA.
 * @returns `undefined` when the bytes are none of these or cannot be decoded.
 */
export async function decodeImageAsync(bytes: Uint8Array): Promise<RgbaImage | undefined> {
  const sniffed = sniffImage(bytes);
  try {
    if (sniffed?.format === "png") return decodePng(bytes);
    if (sniffed?.format === "jpeg") {
      const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
      return { width: decoded.width, height: decoded.height, data: new Uint8ClampedArray(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength) };
    }
    if (sniffed?.format === "webp") {
      const { default: sharp } = await import("sharp");
      const { data, info } = await sharp(Buffer.from(bytes)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) };
    }
  } catch {
    return undefined;
  }
  return undefined;
}
