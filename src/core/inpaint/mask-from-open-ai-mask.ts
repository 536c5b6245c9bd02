import type { RgbaImage } from "../raster/rgba-image.js";
import type { GreyMask } from "./grey-mask.js";

/**
 * Reads an OpenAI-style edit mask, where **alpha 0 (transparent) means "change"** and opaque
 * means keep (OpenAI Images API, `POST /v1/images/edits`, `mask` field). The mask value is
 * 255 − alpha, so partially transparent pixels become partial changes. Colour is ignored.
 * @param image straight-alpha RGBA mask, the same size as the image it edits
 * @returns a mask of the same size, 0–255 (255 = change)
 */
export function maskFromOpenAiMask(image: RgbaImage): GreyMask {
  const n = image.width * image.height;
  const data = new Uint8Array(n);
  for (let p = 0; p < n; p++) data[p] = 255 - image.data[p * 4 + 3]!;
  return { width: image.width, height: image.height, data };
}
