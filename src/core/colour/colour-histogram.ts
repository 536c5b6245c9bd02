import type { RgbaImage } from "../raster/rgba-image.js";
import { linearRgbToOklab } from "./linear-rgb-to-oklab.js";
import { srgbToLinear } from "./srgb-to-linear.js";

/**
 * A colour histogram of an image in 32×32×32 sRGB bins (8 levels a side), kept as its non-empty bins only,
 * each placed at the OKLab of the mean colour of its pixels (so a flat colour sits exactly where it is).
 * `count[i]` is the number of sampled pixels in non-empty bin i, `bin[i]` its index in the 32³ grid
 * ({@link binOfWord}), `slot[bin]` the reverse (−1 for empty bins); `total` is the number of sampled pixels.
 */
export interface ColourHistogram {
  readonly count: Float64Array;
  readonly bin: Int32Array;
  readonly slot: Int32Array;
  readonly L: Float64Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly total: number;
}

/** Number of bins: 2^15, 5 bits per channel. */
export const BIN_COUNT = 1 << 15;
/** Visit about this many pixels when building the histogram (a regular grid on larger images). */
const HISTOGRAM_PIXELS = 1 << 20;

/** Bin index of a pixel word `r | g << 8 | b << 16 | a << 24`: `r >> 3 | (g >> 3) << 5 | (b >> 3) << 10`. */
export function binOfWord(p: number): number {
  return ((p >>> 3) & 0x1f) | ((p >>> 6) & 0x3e0) | ((p >>> 9) & 0x7c00);
}

/** Step of the regular pixel grid that visits about 2^20 pixels (1 on images up to 1 Mpx). */
export function histogramStride(image: RgbaImage): number {
  return Math.max(1, Math.floor(Math.sqrt((image.width * image.height) / HISTOGRAM_PIXELS)));
}

/**
 * The pixels of the regular grid ({@link histogramStride}) that the histogram and the lock pass's member
 * sample are drawn from, row by row, as words `r | g << 8 | b << 16 | a << 24` (any byte order). Walking the
 * image once and keeping the ~1 Mpx grid compact (4 MB) lets both read it sequentially.
 */
export function sampleColourGrid(image: RgbaImage): Uint32Array {
  const { width, height, data } = image;
  const stride = histogramStride(image);
  const grid = new Uint32Array(Math.ceil(width / stride) * Math.ceil(height / stride));
  let at = 0;
  for (let y = 0; y < height; y += stride) at = copyGridRow(data, y * width * 4, (y + 1) * width * 4, stride * 4, grid, at);
  return grid;
}

/** Appends the grid pixels of one image row (bytes [from, to), every `step` bytes) to `grid` from `at`; returns the next `at`. */
function copyGridRow(data: Uint8ClampedArray, from: number, to: number, step: number, grid: Uint32Array, at: number): number {
  for (let o = from; o < to; o += step) grid[at++] = data[o]! | (data[o + 1]! << 8) | (data[o + 2]! << 16) | (data[o + 3]! << 24);
  return at;
}

/** Grid pixels accumulated per call of {@link accumulateBins}: small enough that V8 optimises it on the first image. */
const CHUNK = 1 << 14;

/**
 * Builds the histogram from the grid pixels ({@link sampleColourGrid}), so it costs about the same for any
 * image size. Fully transparent pixels are left out.
 */
export function buildColourHistogram(grid: Uint32Array): ColourHistogram {
  // Per bin, side by side (one cache line per update): pixel count and the sums of r, g and b.
  const sums = new Float64Array(BIN_COUNT * 4);
  for (let from = 0; from < grid.length; from += CHUNK) accumulateBins(grid, from, Math.min(grid.length, from + CHUNK), sums);
  let used = 0;
  for (let bin = 0; bin < BIN_COUNT; bin++) if (sums[bin * 4]) used++;
  const hist = {
    count: new Float64Array(used),
    bin: new Int32Array(used),
    slot: new Int32Array(BIN_COUNT).fill(-1),
    L: new Float64Array(used),
    a: new Float64Array(used),
    b: new Float64Array(used),
  };
  const lab = new Float64Array(3);
  let i = 0;
  let total = 0;
  for (let bin = 0; bin < BIN_COUNT; bin++) {
    const n = sums[bin * 4]!;
    if (!n) continue;
    linearRgbToOklab(srgbToLinear(sums[bin * 4 + 1]! / n / 255), srgbToLinear(sums[bin * 4 + 2]! / n / 255), srgbToLinear(sums[bin * 4 + 3]! / n / 255), lab);
    hist.count[i] = n;
    hist.bin[i] = bin;
    hist.slot[bin] = i;
    hist.L[i] = lab[0]!;
    hist.a[i] = lab[1]!;
    hist.b[i] = lab[2]!;
    total += n;
    i++;
  }
  return { ...hist, total };
}

/** Adds the opaque-enough grid pixels `grid[from..to)` to the per-bin count and channel sums. */
function accumulateBins(grid: Uint32Array, from: number, to: number, sums: Float64Array): void {
  for (let i = from; i < to; i++) {
    const p = grid[i]!;
    if (p >>> 24 === 0) continue;
    const o = binOfWord(p) << 2;
    sums[o]!++;
    sums[o + 1]! += p & 255;
    sums[o + 2]! += (p >>> 8) & 255;
    sums[o + 3]! += (p >>> 16) & 255;
  }
}

let binBounds: Float32Array | undefined;

/**
 * For each of the 32,768 bins, the OKLab colour of its centre and a radius that encloses every colour of the
 * bin: `[L, a, b, radius]` per bin. The radius is the farthest of the 8 corners plus 10% and 0.002 for the
 * curvature of the cube-root map, so "no colour of this bin is within d" is a safe conclusion. Built once.
 */
export function binOklabBounds(): Float32Array {
  if (binBounds) return binBounds;
  const table = new Float32Array(BIN_COUNT * 4);
  const centre = new Float64Array(3);
  const corner = new Float64Array(3);
  const lin = (v: number) => srgbToLinear(v / 255);
  for (let bin = 0; bin < BIN_COUNT; bin++) {
    const lo = [(bin & 31) * 8, ((bin >> 5) & 31) * 8, ((bin >> 10) & 31) * 8] as const;
    linearRgbToOklab(lin(lo[0] + 3.5), lin(lo[1] + 3.5), lin(lo[2] + 3.5), centre);
    let radius = 0;
    for (let c = 0; c < 8; c++) {
      linearRgbToOklab(lin(lo[0] + (c & 1) * 7), lin(lo[1] + ((c >> 1) & 1) * 7), lin(lo[2] + ((c >> 2) & 1) * 7), corner);
      radius = Math.max(radius, Math.hypot(corner[0]! - centre[0]!, corner[1]! - centre[1]!, corner[2]! - centre[2]!));
    }
    table.set([centre[0]!, centre[1]!, centre[2]!, radius * 1.1 + 0.002], bin * 4);
  }
  binBounds = table;
  return table;
}
