import { blendMask } from "./blend-mask.js";
import type { GreyMask } from "./grey-mask.js";

/**
 * Softens the selection's edge outward over `px` pixels: at Euclidean distance d from the
 * nearest selected pixel (value ≥ 128) the value is 255 · (1 − smoothstep(d / (px + 1))) for
 * d < px + 1, smoothstep(t) = 3t² − 2t³. The fade never eats into the selection: its pixels
 * become 255 and weaker pixels only ever rise. Same shape as the outer part of `blendMask`,
 * which combines grow and feather.
 * @param mask 0–255 mask (255 = change)
 * @param px feather width in pixels, ≥ 0
 * @returns a new mask of the same size
 * @throws RangeError when `px` is negative or not a number.
 */
export function featherMask(mask: GreyMask, px: number): GreyMask {
  return blendMask(mask, 0, px);
}
