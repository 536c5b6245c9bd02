import type { GreyMask } from "./grey-mask.js";
import { addParabola } from "./add-parabola.js";
import { maskRuns, type MaskRuns } from "./mask-runs.js";

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
 *
 * Distances: Felzenszwalb & Huttenlocher, "Distance Transforms of Sampled Functions", Theory of
 * Computing 8 (2012) 415–428 — exact, a column pass then the lower envelope of parabolas along
 * each row. Only pixels that can lie within reach are visited: each row's span is the selection
 * in the rows within reach of it, widened by the reach, and the insides of selected runs are
 * filled rather than measured (their nearest selected pixel is themselves, and for any pixel
 * outside a run the run's end pixels are nearer than its inside). So a thin stroke across the
 * frame costs its neighbourhood, not its bounding box. d² is a whole number, so the profile is
 * a table.
 * @param mask 0–255 selection mask (255 = change)
 * @param grow dilation in pixels, ≥ 0 (fractions allowed)
 * @param feather width of the outward fade in pixels, ≥ 0 (fractions allowed)
 * @returns a new mask of the same size
 * @throws RangeError when `grow` or `feather` is negative or not a number.
 */
export function blendMask(mask: GreyMask, grow: number, feather: number): GreyMask {
  checkRadius("grow", grow);
  checkRadius("feather", feather);
  const { width, height } = mask;
  const data = new Uint8Array(mask.data.length);
  data.set(mask.data);
  const out = { width, height, data };
  if (grow === 0 && feather === 0) return out;
  const runs = maskRuns(mask, SELECTION_THRESHOLD);
  if (!runs) return out;
  // With no feather the grown edge is hard: nothing past `grow` is touched.
  const reach = feather > 0 ? grow + feather + 1 : grow;
  // No two pixels are farther apart than width + height, so a larger reach changes nothing.
  const r = Math.min(Math.ceil(reach), width + height);
  const profile = blendProfile(grow, feather, reach, (width - 1) ** 2 + (height - 1) ** 2);
  featherRows(runs, r, profile, out);
  return out;
}

/**
 * The blend value for each whole squared distance d² = 0, 1, 2, … (the formula above); the
 * table ends where the value reaches 0 for good.
 */
function blendProfile(grow: number, feather: number, reach: number, largest: number): Uint8Array {
  const grow2 = grow * grow;
  const reach2 = reach * reach;
  const span = feather + 1;
  // Within reach means d² ≤ grow² (hard edge) or d² < reach² (feathered).
  const last = Math.min(largest, feather > 0 ? Math.ceil(reach2) - 1 : Math.floor(grow2));
  const table = new Uint8Array(last + 1);
  for (let d2 = 0; d2 <= last; d2++) {
    if (d2 <= grow2) table[d2] = 255;
    else {
      const t = (Math.sqrt(d2) - grow) / span;
      table[d2] = Math.round(255 * (1 - t * t * (3 - 2 * t)));
    }
  }
  return table;
}

/**
 * Raises `out` to the profile of the distance to `runs`, visiting only pixels within `r` of
 * them. Column distances (capped at r + 1) go down then up each column through `last`/`next`
 * (the nearest selected row so far per column); the up sweep finishes a row at a time, so each
 * row's parabola envelope is built and read right after.
 */
function featherRows(runs: MaskRuns, r: number, profile: Uint8Array, out: GreyMask): void {
  const { width, height, data } = out;
  const { rowRuns, starts, ends, bounds } = runs;
  const y0 = Math.max(0, bounds.y - r);
  const y1 = Math.min(height, bounds.y + bounds.height + r);
  const cap = r + 1;
  const [spanStart, spanEnd] = rowSpans(runs, r, width, height);

  // Column distances for the non-selected pixels of each row's span (its gaps between runs),
  // packed end to end: row y's gaps start at offset[y].
  const offset = new Int32Array(height + 1);
  for (let y = y0; y < y1; y++) {
    let gaps = spanEnd[y]! - spanStart[y]!;
    for (let k = rowRuns[y]!; k < rowRuns[y + 1]!; k++) gaps -= ends[k]! - starts[k]!;
    offset[y + 1] = offset[y]! + gaps;
  }
  const column = new Int32Array(offset[y1]!);

  const last = new Int32Array(width).fill(y0 - cap - 1);
  for (let y = y0; y < y1; y++) {
    const k0 = rowRuns[y]!;
    const k1 = rowRuns[y + 1]!;
    const lo = spanStart[y]!;
    const hi = spanEnd[y]!;
    for (let k = k0; k < k1; k++) last.fill(y, starts[k]!, ends[k]!);
    // column[base + q] is gap column q's cell; base moves past each run.
    let base = offset[y]! - lo;
    for (let k = k0, q = lo; k <= k1; k++) {
      columnsDown(column, base, last, y, cap, q, k < k1 ? starts[k]! : hi);
      if (k === k1) break;
      base -= ends[k]! - starts[k]!;
      q = ends[k]!;
    }
  }

  const next = new Int32Array(width).fill(y1 + cap);
  // Lower envelope: parabola k has its vertex at column `at[k]`, height `floor[k]` (a squared
  // column distance) and rules from `from[k]` to `from[k + 1]`.
  const at = new Int32Array(width);
  const floor = new Float64Array(width);
  const from = new Float64Array(width + 1);
  for (let y = y1 - 1; y >= y0; y--) {
    const k0 = rowRuns[y]!;
    const k1 = rowRuns[y + 1]!;
    const lo = spanStart[y]!;
    const hi = spanEnd[y]!;
    for (let k = k0; k < k1; k++) next.fill(y, starts[k]!, ends[k]!);
    let base = offset[y]! - lo;
    let top = -1;
    for (let k = k0, q = lo; k <= k1; k++) {
      top = columnsUp(column, base, next, y, cap, q, k < k1 ? starts[k]! : hi, at, floor, from, top);
      if (k === k1) break;
      base -= ends[k]! - starts[k]!;
      // A run's own pixels are 0 away; only its end pixels can be the nearest for anything outside it.
      top = addParabola(at, floor, from, top, starts[k]!, 0);
      if (ends[k]! - 1 > starts[k]!) top = addParabola(at, floor, from, top, ends[k]! - 1, 0);
      q = ends[k]!;
    }
    if (top < 0) continue;
    const row = y * width;
    let j = 0;
    for (let k = k0, q = lo; k <= k1; k++) {
      j = fadeGap(data, row, q, k < k1 ? starts[k]! : hi, at, floor, from, j, profile);
      if (k === k1) break;
      data.fill(255, row + starts[k]!, row + ends[k]!);
      q = ends[k]!;
    }
  }
}

// The per-gap loops below are functions of their own so the engine optimises them after a few
// calls rather than by on-stack replacement of one long call.

/** Down sweep over gap columns q0 … q1 − 1 of row y: rows since the last selected pixel above, capped. */
function columnsDown(column: Int32Array, base: number, last: Int32Array, y: number, cap: number, q0: number, q1: number): void {
  for (let q = q0; q < q1; q++) {
    const d = y - last[q]!;
    column[base + q] = d < cap ? d : cap;
  }
}

/**
 * Up sweep over gap columns q0 … q1 − 1 of row y (nearer of the selected pixels above and below)
 * and each column within reach onto the row's envelope; returns its new last index.
 */
function columnsUp(
  column: Int32Array,
  base: number,
  next: Int32Array,
  y: number,
  cap: number,
  q0: number,
  q1: number,
  at: Int32Array,
  floor: Float64Array,
  from: Float64Array,
  top: number,
): number {
  for (let q = q0; q < q1; q++) {
    const down = column[base + q]!;
    const up = next[q]! - y;
    const d = up < down ? up : down;
    if (d < cap) top = addParabola(at, floor, from, top, q, d * d);
  }
  return top;
}

/** Raises gap columns q0 … q1 − 1 of the row starting at `row` to the profile of the envelope; returns the envelope index reached. */
function fadeGap(data: Uint8Array, row: number, q0: number, q1: number, at: Int32Array, floor: Float64Array, from: Float64Array, j: number, profile: Uint8Array): number {
  for (let q = q0; q < q1; q++) {
    while (from[j + 1]! < q) j++;
    const dq = q - at[j]!;
    const d2 = dq * dq + floor[j]!;
    if (d2 < profile.length && profile[d2]! > data[row + q]!) data[row + q] = profile[d2]!;
  }
  return j;
}

/**
 * For each row, the columns [start, end) that can lie within `r` of a run: the leftmost and
 * rightmost run pixels of the rows within `r`, widened by `r` (van Herk 1992 / Gil & Werman 1993
 * running minimum, O(rows) whatever `r`). Rows with no run within reach get an empty span.
 */
function rowSpans(runs: MaskRuns, r: number, width: number, height: number): [Int32Array, Int32Array] {
  const { rowRuns, starts, ends } = runs;
  const none = width + r + 1;
  const leftmost = new Int32Array(height).fill(none);
  const negRightmost = new Int32Array(height).fill(none);
  for (let y = 0; y < height; y++) {
    if (rowRuns[y + 1]! > rowRuns[y]!) {
      leftmost[y] = starts[rowRuns[y]!]!;
      negRightmost[y] = -ends[rowRuns[y + 1]! - 1]!;
    }
  }
  const start = runningMin(leftmost, r, none);
  const end = runningMin(negRightmost, r, none);
  for (let y = 0; y < height; y++) {
    if (start[y]! >= none) {
      start[y] = 0;
      end[y] = 0;
      continue;
    }
    start[y] = Math.max(0, start[y]! - r);
    end[y] = Math.min(width, -end[y]! + r);
  }
  return [start, end];
}

/** out[i] = min of values[i − r … i + r] (outside the array counts as `none`), in O(n). */
function runningMin(values: Int32Array, r: number, none: number): Int32Array {
  const n = values.length;
  const size = 2 * r + 1;
  const padded = n + 2 * r;
  // Over padded index u (value index u − r): minimum from the start of u's block of `size` up to
  // u, and from u to the end of its block. A window of exactly `size` spans at most two blocks.
  const prefix = new Int32Array(padded);
  const suffix = new Int32Array(padded);
  const at = (u: number): number => (u >= r && u < n + r ? values[u - r]! : none);
  for (let u = 0; u < padded; u++) prefix[u] = u % size === 0 ? at(u) : Math.min(prefix[u - 1]!, at(u));
  for (let u = padded - 1; u >= 0; u--) {
    suffix[u] = u === padded - 1 || (u + 1) % size === 0 ? at(u) : Math.min(suffix[u + 1]!, at(u));
  }
  const out = new Int32Array(n);
  // Window of value i is padded [i, i + 2r].
  for (let i = 0; i < n; i++) out[i] = Math.min(suffix[i]!, prefix[Math.min(padded - 1, i + 2 * r)]!);
  return out;
}
