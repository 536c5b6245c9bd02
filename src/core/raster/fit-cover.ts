import { resizeImage, type ResizeOptions } from "./resize-image.js";
import type { RgbaImage } from "./rgba-image.js";

/**
 * Scales `image` uniformly until it covers `width × height`, then keeps the centred part
 * (CSS `object-fit: cover`, Figma's FILL scale mode). The aspect ratio is never changed:
 * the kept source area is the exact (sub-pixel) rectangle of the target's aspect, and it is
 * resampled in one pass by {@link resizeImage} (premultiplied alpha, straight alpha out).
 * @param image straight-alpha RGBA source
 * @param width target width in pixels, integer ≥ 1
 * @param height target height in pixels, integer ≥ 1
 * @param options resampling kernel (the `source` field is ignored: it is computed here)
 * @throws RangeError when a target size is not a positive whole number.
 */
export function fitCover(image: RgbaImage, width: number, height: number, options: Omit<ResizeOptions, "source"> = {}): RgbaImage {
  const scale = Math.max(width / image.width, height / image.height);
  // Clamp guards against the last ulp of floating-point division pushing the span past the edge.
  const spanX = Math.min(image.width, width / scale);
  const spanY = Math.min(image.height, height / scale);
  const source = { x: (image.width - spanX) / 2, y: (image.height - spanY) / 2, width: spanX, height: spanY };
  return resizeImage(image, width, height, { ...options, source });
}
