import { blendMask } from "./blend-mask.js";
import type { GreyMask } from "./grey-mask.js";

/**
 * Dilates the selection by `px` pixels with a hard edge: every pixel whose exact Euclidean
 * distance to a selected pixel (value ≥ 128) is ≤ `px` becomes 255; others keep their value.
 * Distances: Felzenszwalb & Huttenlocher 2012 (see `distanceToMask`). Use it for the edit mask
 * sent to the model, so the model repaints a little past the shape's edge.
 * @param mask 0–255 mask (255 = change)
 * @param px grow distance in pixels, ≥ 0
 * @returns a new mask of the same size
 * @throws RangeError when `px` is negative or not a number.
 */
export function growMask(mask: GreyMask, px: number): GreyMask {
  return blendMask(mask, px, 0);
}
