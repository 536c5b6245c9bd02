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
  let total = 0;
  let inside = 0;
  const tally = (p: number): void => {
    total++;
    if (!mask || mask.data[p]! > 0) inside++;
  };
  if (a.data.byteOffset % 4 === 0 && b.data.byteOffset % 4 === 0) {
    // Whole-pixel compares (the usual case: decoded and allocated buffers are aligned).
    const wa = new Uint32Array(a.data.buffer, a.data.byteOffset, n);
    const wb = new Uint32Array(b.data.buffer, b.data.byteOffset, n);
    for (let p = 0; p < n; p++) if (wa[p] !== wb[p]) tally(p);
  } else {
    const da = a.data;
    const db = b.data;
    for (let p = 0, o = 0; p < n; p++, o += 4) {
      if (da[o] !== db[o] || da[o + 1] !== db[o + 1] || da[o + 2] !== db[o + 2] || da[o + 3] !== db[o + 3]) tally(p);
    }
  }
  return { total, inside, outside: total - inside };
}
