import type { PixelRect } from "../raster/crop-image.js";
import type { RgbaImage } from "../raster/rgba-image.js";
import type { GreyMask } from "./grey-mask.js";

/** How many pixels differ between two images, split by a mask. */
export interface ChangedPixels {
  /** Pixels where any of R, G, B, A differs. */
  readonly total: number;
  /** Of those, pixels where the mask is > 0 (all of them when no mask is given). */
  readonly inside: number;
  /** Of those, pixels where the mask is 0: the "pixels changed beyond the soft edge" figure when the mask is the blend mask. */
  readonly outside: number;
}

/**
 * Counts pixels whose bytes differ between `a` and `b` (any channel, exact comparison, no
 * tolerance), measured on the actual pixels, so "0 pixels changed beyond the soft edge" is
 * a measurement rather than a promise. Pixels are compared as 32-bit words, four at a time.
 * @param a straight-alpha RGBA image
 * @param b straight-alpha RGBA image of the same size
 * @param mask optional 0–255 mask of the same size splitting the count into inside (> 0) and outside (0)
 * @param within optional rectangle (pixels, inside the images) to compare; pixels outside it are
 *   not looked at, so pass one only when nothing outside it can differ
 * @throws RangeError when the sizes differ or `within` is not inside the images.
 */
export function countChangedPixels(a: RgbaImage, b: RgbaImage, mask?: GreyMask, within?: PixelRect): ChangedPixels {
  const sizes = [a, b, ...(mask ? [mask] : [])];
  if (sizes.some((s) => s.width !== a.width || s.height !== a.height)) {
    throw new RangeError(`Cannot compare pixels of differently sized pictures (${sizes.map((s) => `${s.width}×${s.height}`).join(", ")}).`);
  }
  const { width, height } = a;
  const { x, y, width: w, height: h } = within ?? { x: 0, y: 0, width, height };
  if (![x, y, w, h].every(Number.isInteger) || x < 0 || y < 0 || w < 0 || h < 0 || x + w > width || y + h > height) {
    throw new RangeError(`The area ${w}×${h} at (${x}, ${y}) to compare is not whole pixels inside the ${width}×${height} pictures.`);
  }
  const inMask = mask?.data;
  // [total, inside], added to row by row.
  const tally = new Float64Array(2);
  if (a.data.byteOffset % 4 === 0 && b.data.byteOffset % 4 === 0) {
    // Whole-pixel compares (the usual case: decoded and allocated buffers are aligned).
    const wa = new Int32Array(a.data.buffer, a.data.byteOffset, width * height);
    const wb = new Int32Array(b.data.buffer, b.data.byteOffset, width * height);
    for (let row = y; row < y + h; row++) countWords(wa, wb, inMask, row * width + x, row * width + x + w, tally);
  } else {
    for (let row = y; row < y + h; row++) countBytes(a.data, b.data, inMask, row * width + x, row * width + x + w, tally);
  }
  const total = tally[0]!;
  const inside = tally[1]!;
  return { total, inside, outside: total - inside };
}

/**
 * Adds the differing pixels p0 … p1 − 1 to `tally` ([total, inside]), four per test: the XORs
 * of equal words are 0, so their OR is 0 only when all four pixels match.
 */
function countWords(wa: Int32Array, wb: Int32Array, mask: Uint8Array | undefined, p0: number, p1: number, tally: Float64Array): void {
  let total = 0;
  let inside = 0;
  let p = p0;
  for (; p + 4 <= p1; p += 4) {
    const d0 = wa[p]! ^ wb[p]!;
    const d1 = wa[p + 1]! ^ wb[p + 1]!;
    const d2 = wa[p + 2]! ^ wb[p + 2]!;
    const d3 = wa[p + 3]! ^ wb[p + 3]!;
    if ((d0 | d1 | d2 | d3) === 0) continue;
    const changed = (d0 !== 0 ? 1 : 0) + (d1 !== 0 ? 1 : 0) + (d2 !== 0 ? 1 : 0) + (d3 !== 0 ? 1 : 0);
    total += changed;
    if (!mask) inside += changed;
    else {
      inside += (d0 !== 0 && mask[p]! > 0 ? 1 : 0) + (d1 !== 0 && mask[p + 1]! > 0 ? 1 : 0) + (d2 !== 0 && mask[p + 2]! > 0 ? 1 : 0) + (d3 !== 0 && mask[p + 3]! > 0 ? 1 : 0);
    }
  }
  for (; p < p1; p++) {
    if (wa[p] === wb[p]) continue;
    total++;
    if (!mask || mask[p]! > 0) inside++;
  }
  tally[0]! += total;
  tally[1]! += inside;
}

/** `countWords` for buffers not aligned to 4 bytes, a channel at a time. */
function countBytes(da: Uint8ClampedArray, db: Uint8ClampedArray, mask: Uint8Array | undefined, p0: number, p1: number, tally: Float64Array): void {
  let total = 0;
  let inside = 0;
  for (let p = p0, o = p0 * 4; p < p1; p++, o += 4) {
    if (da[o] === db[o] && da[o + 1] === db[o + 1] && da[o + 2] === db[o + 2] && da[o + 3] === db[o + 3]) continue;
    total++;
    if (!mask || mask[p]! > 0) inside++;
  }
  tally[0]! += total;
  tally[1]! += inside;
}
