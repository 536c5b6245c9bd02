import jpeg from "jpeg-js";
import { BrandfillError } from "../core/api/api-error.js";
import { sniffImage } from "../core/image-format/sniff-image.js";
import { encodePng } from "../core/raster/png-codec.js";
import type { ProviderImage } from "./providers/image-provider.js";

/** Figma's image limit (createImage): larger images cannot be placed. */
const MAX_EDGE = 4096;

/**
 * Turns what a provider sent as an image into checked PNG bytes: decodes base64, identifies
 * the bytes by magic number, rejects truncated PNGs and non-images, converts JPEG to PNG
 * (the API promises PNG), and reads the size from the header without decoding PNG pixels,
 * so the proxy's own overhead stays a small fraction of the transfer.
 *
 * @param base64 the provider's base64 text (OpenAI `b64_json`, Gemini `inlineData.data`).
 * @throws BrandfillError `provider_error` naming what was wrong with the image.
 */
export function checkProviderImage(base64: string | undefined, provider: string): ProviderImage {
  if (!base64) throw new BrandfillError("provider_error", "The image service answered without an image.", { provider, retryable: true });
  // Buffer.from ignores bad characters silently; check the alphabet so corrupted data is caught.
  if (!/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/.test(base64)) {
    throw new BrandfillError("provider_error", "The image service sent a damaged image (not valid base64).", { provider, retryable: true });
  }
  const bytes = new Uint8Array(Buffer.from(base64, "base64"));
  const sniffed = sniffImage(bytes);
  if (!sniffed) throw new BrandfillError("provider_error", "The image service sent something that is not an image.", { provider, retryable: true });
  if (!sniffed.complete) throw new BrandfillError("provider_error", "The image service sent an incomplete image (it was cut off).", { provider, retryable: true });
  if (sniffed.width < 1 || sniffed.height < 1 || sniffed.width > MAX_EDGE * 2 || sniffed.height > MAX_EDGE * 2) {
    throw new BrandfillError("provider_error", `The image service sent an image of an impossible size (${sniffed.width}×${sniffed.height}).`, { provider, retryable: true });
  }
  if (sniffed.type === "image/png") return { png: bytes, width: sniffed.width, height: sniffed.height };
  if (sniffed.type === "image/jpeg") {
    try {
      const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
      const png = encodePng({ width: decoded.width, height: decoded.height, data: new Uint8ClampedArray(decoded.data.buffer, decoded.data.byteOffset, decoded.data.length) });
      return { png, width: decoded.width, height: decoded.height };
    } catch {
      throw new BrandfillError("provider_error", "The image service sent a damaged JPEG image.", { provider, retryable: true });
    }
  }
  throw new BrandfillError("provider_error", `The image service sent a ${sniffed.type} image, which brandfill cannot place; it asks for PNG.`, { provider, retryable: true });
}
