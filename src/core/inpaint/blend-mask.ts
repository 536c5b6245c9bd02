import { distanceToMask } from "./distance-to-mask.js";
import type { GreyMask } from "./grey-mask.js";

/** Mask values at or above this form the selection whose edge is grown and feathered (half coverage = the shape's edge). */
export const SELECTION_THRESHOLD = 128;

function checkRadius(name: string, px: number): void {
  if (!Number.isFinite(px) || px < 0) {
    throw new RangeError(`The ${name} must be a number of pixels of 0 or more, got ${px}.`);
  }
}

/**
 * The compositing mask: the selection grown by `grow` pixels, then faded to 0 over `feather`
 * pixels outward. With d the exact Euclidean distance (pixel centre to pixel centre) to the
 * nearest selected pixel (value ≥ 128):
 *
 * - d ≤ grow → 255;
 * - grow < d < grow + feather + 1 → 255 · (1 − smoothstep(t)), t = (d − grow) / (feather + 1),
 *   smoothstep(t) = 3t² − 2t³, so `feather` rings of pixels get partial values and the fade has
 *   zero slope at both ends (no visible seam); with `feather` 0 there is no fade at all;
 * - farther → 0.
 *
 * Selected pixels themselves (d = 0) become 255 whenever grow or feather is non-zero; every
 * pixel keeps its own value when that is higher (soft pixels below 128 are not grown).
 * Pixels where the result is 0 are exactly the ones compositing leaves byte-identical.
 * Distances: Felzenszwalb & Huttenlocher 2012, see `distanceToMask`.
 * @param mask 0–255 selection mask (255 = change)
 * @param grow dilation in pixels, ≥ 0 (fractions allowed)
 * @param feather width of the outward fade in pixels, ≥ 0 (fractions allowed)
 * @returns a new mask of the same size
 * @throws RangeError when `grow` or `feather` is negative or not a number.
 */
export function blendMask(mask: GreyMask, grow: number, feather: number): GreyMask {
  checkRadius("grow", grow);
  checkRadius("feather", feather);
  const data = new Uint8Array(mask.data);
  const out = { width: mask.width, height: mask.height, data };
  if (grow === 0 && feather === 0) return out;
  // With no feather the grown edge is hard: nothing past `grow` is touched.
  const reach = feather > 0 ? grow + feather + 1 : grow;
  const distance = distanceToMask(mask, SELECTION_THRESHOLD, reach);
  if (!distance) return out;
  const { rect, squared } = distance;
  const grow2 = grow * grow;
  const reach2 = reach * reach;
  const span = feather + 1;
  for (let y = 0; y < rect.height; y++) {
    const row = (y + rect.y) * mask.width + rect.x;
    for (let x = 0; x < rect.width; x++) {
      const d2 = squared[y * rect.width + x]!;
      if (d2 > grow2 && (feather === 0 || d2 >= reach2)) continue;
      let v = 255;
      if (d2 > grow2) {
        const t = (Math.sqrt(d2) - grow) / span;
        v = Math.round(255 * (1 - t * t * (3 - 2 * t)));
      }
      if (v > data[row + x]!) data[row + x] = v;
    }
  }
  return out;
}
