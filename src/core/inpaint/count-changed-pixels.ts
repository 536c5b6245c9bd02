import type { PixelRect } from "../raster/crop-image.js";
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
    throw new RangeError(
      `Cannot compare pixels of differently sized pictures (${sizes.map((s) => `${s.width}×${s.height}`).join(", ")}).`,
    );
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
 * Adds the differing pixels p0 … p1 − 1 to `tally`, four per test: the XORs of equal words are
 * 0, so their OR is 0 only when all four pixels match.
 */
function countWords(wa: Int32Array, wb: Int32Array, mask: Uint8Array | undefined, p0: number, p1: number, tally: Float64Array): void {
  for (let p = p0; p < p1; p += 4) {
    if (p + 4 <= p1 && ((wa[p]! ^ wb[p]!) | (wa[p + 1]! ^ wb[p + 1]!) | (wa[p + 2]! ^ wb[p + 2]!) | (wa[p + 3]! ^ wb[p + 3]!)) === 0) {
      continue;
    }
    for (let q = p; q < p + 4 && q < p1; q++) {
      if (wa[q] === wb[q]) continue;
      tally[0]!++;
      if (!mask || mask[q]! > 0) tally[1]!++;
    }
  }
}

/** `countWords` for buffers not aligned to 4 bytes, a channel at a time. */
function countBytes(da: Uint8ClampedArray, db: Uint8ClampedArray, mask: Uint8Array | undefined, p0: number, p1: number, tally: Float64Array): void {
  for (let p = p0, o = p0 * 4; p < p1; p++, o += 4) {
    if (da[o] === db[o] && da[o + 1] === db[o + 1] && da[o + 2] === db[o + 2] && da[o + 3] === db[o + 3]) continue;
    tally[0]!++;
    if (!mask || mask[p]! > 0) tally[1]!++;
  }
}
