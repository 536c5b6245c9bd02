import { BrandfillError } from "../core/api/api-error.js";
import { sniffImage } from "../core/image-format/sniff-image.js";
import { FIGMA_MAX_IMAGE_EDGE_PX } from "../core/raster/figma-image-limit.js";
import type { ImageBytes } from "./providers/image-provider.js";

/** Largest input image edge (pixels): Figma's own limit, and what every provider accepts. */
export const MAX_INPUT_EDGE = FIGMA_MAX_IMAGE_EDGE_PX;

/**
 * Decodes one base64 image of a request and checks it by its magic bytes (not the declared
 * type): a real PNG, JPEG or WebP, at most 4096 px on a side.
 * @param field the request field, named in errors (e.g. "image", "references[2]").
 * @throws BrandfillError `invalid_request` or `payload_too_large` naming the field.
 */
export function readImageInput(field: string, data: string, declaredType?: string): ImageBytes {
  const bytes = new Uint8Array(Buffer.from(data, "base64"));
  const sniffed = sniffImage(bytes);
  if (!sniffed || sniffed.type === "image/gif" || !sniffed.complete) {
    throw new BrandfillError("invalid_request", `“${field}” is not a PNG, JPEG or WebP image (checked by its content).`);
  }
  if (declaredType && declaredType !== sniffed.type) {
    throw new BrandfillError("invalid_request", `“${field}” says it is ${declaredType} but its content is ${sniffed.type}.`);
  }
  if (sniffed.width > MAX_INPUT_EDGE || sniffed.height > MAX_INPUT_EDGE) {
    throw new BrandfillError("payload_too_large", `“${field}” is ${sniffed.width}×${sniffed.height} px; images can be at most ${MAX_INPUT_EDGE}×${MAX_INPUT_EDGE}.`);
  }
  return { bytes, type: sniffed.type, width: sniffed.width, height: sniffed.height };
}
