import type { PixelRect } from "../raster/crop-image.js";
import type { GreyMask } from "./grey-mask.js";

/**
 * The smallest integer rectangle holding every mask pixel whose value is at least `threshold`.
 * @param mask 0–255 mask
 * @param threshold lowest value that counts as selected, 1–255 (default 1: any non-zero pixel)
 * @returns the rectangle in mask pixels, or `null` when no pixel reaches the threshold
 */
export function maskBounds(mask: GreyMask, threshold = 1): PixelRect | null {
  const { width, height, data } = mask;
  let top = -1;
  let bottom = -1;
  let left = width;
  let right = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let first = -1;
    for (let x = 0; x < width; x++) {
      if (data[row + x]! >= threshold) {
        first = x;
        break;
      }
    }
    if (first < 0) continue;
    if (top < 0) top = y;
    bottom = y;
    if (first < left) left = first;
    for (let x = width - 1; x > right; x--) {
      if (data[row + x]! >= threshold) {
        right = x;
        break;
      }
    }
  }
  if (top < 0) return null;
  return { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}
