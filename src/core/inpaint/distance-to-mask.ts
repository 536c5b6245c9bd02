import type { PixelRect } from "../raster/crop-image.js";
import { addParabola } from "./add-parabola.js";
import type { GreyMask } from "./grey-mask.js";
import { maskBounds } from "./mask-bounds.js";

/** Squared distances over a window of the mask; see {@link distanceToMask}. */
export interface MaskDistance {
  /** The window, in mask pixels: the selected pixels' bounds grown by `reach`, clamped to the mask. */
  readonly rect: PixelRect;
  /**
   * Row-major over `rect`: squared Euclidean distance, in pixels², from each pixel centre to the
   * nearest selected pixel centre (0 on selected pixels), exact up to (⌈reach⌉ + 1)²; pixels
   * farther than ⌈reach⌉ + 1 all read (⌈reach⌉ + 1)².
   */
  readonly squared: Float32Array;
}

/**
 * Exact Euclidean distance transform of the pixels whose value is at least `threshold`,
 * computed only where it can matter: within `reach` pixels of their bounding box, and only
 * exact up to just past `reach` (farther pixels get one capped value).
 *
 * Method: Felzenszwalb & Huttenlocher, "Distance Transforms of Sampled Functions",
 * Theory of Computing 8 (2012) 415–428 — a 1-D pass down each column, then the lower
 * envelope of parabolas along each row; O(pixels), exact (not a chamfer approximation).
 * Selected pixels outside the window cannot exist (the window holds their bounding box), so the
 * distances in the window are the true image-wide distances.
 * @param mask 0–255 mask
 * @param threshold lowest value that counts as selected, 1–255
 * @param reach how far past the selection's bounds distances are wanted, pixels ≥ 0
 * @returns the window and its squared distances, or `null` when nothing is selected
 */
export function distanceToMask(mask: GreyMask, threshold: number, reach: number): MaskDistance | null {
  const bounds = maskBounds(mask, threshold);
  if (!bounds) return null;
  const r = Math.ceil(Math.max(0, reach));
  const x0 = Math.max(0, bounds.x - r);
  const y0 = Math.max(0, bounds.y - r);
  const x1 = Math.min(mask.width, bounds.x + bounds.width + r);
  const y1 = Math.min(mask.height, bounds.y + bounds.height + r);
  const w = x1 - x0;
  const h = y1 - y0;
  const squared = new Float32Array(w * h);
  // Distances past the reach are never needed, so anything farther is one "far" value; a
  // parabola whose floor is already far can never bring a pixel within reach and is skipped.
  const far = (r + 1) * (r + 1);
  const farRun = r + 1;

  // Columns, swept row by row so memory is read in order: run length since the last selected
  // pixel above (down sweep), then below (up sweep), squared and capped at `far`.
  const run = new Int32Array(w).fill(farRun);
  for (let y = 0; y < h; y++) {
    const src = (y + y0) * mask.width + x0;
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const d = mask.data[src + x]! >= threshold ? 0 : Math.min(farRun, run[x]! + 1);
      run[x] = d;
      squared[row + x] = d * d;
    }
  }
  run.fill(farRun);
  for (let y = h - 1; y >= 0; y--) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const d = squared[row + x] === 0 ? 0 : Math.min(farRun, run[x]! + 1);
      run[x] = d;
      if (d * d < squared[row + x]!) squared[row + x] = d * d;
    }
  }

  // Rows: lower envelope of the parabolas (q − v)² + f(v) over the columns within reach.
  const at = new Int32Array(w);
  const floor = new Float64Array(w);
  const from = new Float64Array(w + 1);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let top = -1;
    for (let q = 0; q < w; q++) {
      const fq = squared[row + q]!;
      if (fq < far) top = addParabola(at, floor, from, top, q, fq);
    }
    if (top < 0) {
      squared.fill(far, row, row + w);
      continue;
    }
    let j = 0;
    for (let q = 0; q < w; q++) {
      while (from[j + 1]! < q) j++;
      const d2 = (q - at[j]!) * (q - at[j]!) + floor[j]!;
      squared[row + q] = d2 < far ? d2 : far;
    }
  }
  return { rect: { x: x0, y: y0, width: w, height: h }, squared };
}
