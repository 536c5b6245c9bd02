import type { PixelRect } from "../raster/crop-image.js";
import type { GreyMask } from "./grey-mask.js";
import { maskRuns } from "./mask-runs.js";

/**
 * The smallest integer rectangle holding every mask pixel whose value is at least `threshold`
 * (read four bytes at a time where they are all empty or all full, see `maskRuns`).
 * @param mask 0–255 mask
 * @param threshold lowest value that counts as selected, 1–255 (default 1: any non-zero pixel)
 * @returns the rectangle in mask pixels, or `null` when no pixel reaches the threshold
 */
export function maskBounds(mask: GreyMask, threshold = 1): PixelRect | null {
  return maskRuns(mask, threshold)?.bounds ?? null;
}
