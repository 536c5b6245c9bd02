import type { RgbaImage } from "../raster/rgba-image.js";
import type { GreyMask } from "./grey-mask.js";

/** How many pixels differ between two images, split by a mask. */
export interface ChangedPixels {
  /** Pixels where any of R, G, B, A differs. */
  readonly total: number;
  /** Of those, pixels where the mask is > 0 (all of them when no mask is given). */
  readonly inside: number;
  /** Of those, pixels where the mask is 0: the "pixels changed outside the selection" figure. */
  readonly outside: number;
}

/**
 * Counts pixels whose bytes differ between `a` and `b` (any channel, exact comparison, no
 * tolerance), measured on the actual pixels, so "0 pixels changed outside the selection" is
 * a measurement rather than a promise.
 * @param a straight-alpha RGBA image
 * @param b straight-alpha RGBA image of the same size
 * @param mask optional 0–255 mask of the same size splitting the count into inside (> 0) and outside (0)
 * @throws RangeError when the sizes differ.
 */
export function countChangedPixels(a: RgbaImage, b: RgbaImage, mask?: GreyMask): ChangedPixels {
  const sizes = [a, b, ...(mask ? [mask] : [])];
  if (sizes.some((s) => s.width !== a.width || s.height !== a.height)) {
    throw new RangeError(
      `Cannot compare pixels of differently sized pictures (${sizes.map((s) => `${s.width}×${s.height}`).join(", ")}).`,
    );
  }
  const n = a.width * a.height;
  // Whole-pixel compares when both buffers are 4-byte aligned (they nearly always are).
  const aligned = a.data.byteOffset % 4 === 0 && b.data.byteOffset % 4 === 0;
  const wa = aligned ? new Uint32Array(a.data.buffer, a.data.byteOffset, n) : null;
  const wb = aligned ? new Uint32Array(b.data.buffer, b.data.byteOffset, n) : null;
  let total = 0;
  let inside = 0;
  for (let p = 0; p < n; p++) {
    let differs: boolean;
    if (wa && wb) differs = wa[p] !== wb[p];
    else {
      const o = p * 4;
      differs =
        a.data[o] !== b.data[o] ||
        a.data[o + 1] !== b.data[o + 1] ||
        a.data[o + 2] !== b.data[o + 2] ||
        a.data[o + 3] !== b.data[o + 3];
    }
    if (!differs) continue;
    total++;
    if (!mask || mask.data[p]! > 0) inside++;
  }
  return { total, inside, outside: total - inside };
}
