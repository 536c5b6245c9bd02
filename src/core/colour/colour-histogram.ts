import type { RgbaImage } from "../raster/rgba-image.js";
import { linearRgbToOklab } from "./linear-rgb-to-oklab.js";
import { srgbToLinear } from "./srgb-to-linear.js";

/**
 * A colour histogram of an image in 32×32×32 sRGB bins (8 levels a side), kept as its non-empty bins only,
 * each placed at the OKLab of the mean colour of its pixels (so a flat colour sits exactly where it is).
 * `count[i]` is the number of sampled pixels in non-empty bin i, `bin[i]` its index in the 32³ grid
 * ({@link binOf}), `slot[bin]` the reverse (−1 for empty bins); `total` is the number of sampled pixels.
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

/** Bin index of an 8-bit colour: `r >> 3 | (g >> 3) << 5 | (b >> 3) << 10`. */
export function binOf(r: number, g: number, b: number): number {
  return (r >> 3) | ((g >> 3) << 5) | ((b >> 3) << 10);
}

/** Step of the regular pixel grid that visits about 2^20 pixels (1 on images up to 1 Mpx). */
export function histogramStride(image: RgbaImage): number {
  return Math.max(1, Math.floor(Math.sqrt((image.width * image.height) / HISTOGRAM_PIXELS)));
}

/**
 * Builds the histogram from the pixels of a regular grid ({@link histogramStride}), so it costs about the
 * same for any image size. Fully transparent pixels are left out.
 */
export function buildColourHistogram(image: RgbaImage): ColourHistogram {
  const { width, height, data } = image;
  const stride = histogramStride(image);
  const count = new Uint32Array(BIN_COUNT);
  const sum = new Float64Array(BIN_COUNT * 3);
  for (let y = 0; y < height; y += stride) {
    for (let o = y * width * 4, end = o + width * 4; o < end; o += stride * 4) {
      if (data[o + 3] === 0) continue;
      const bin = binOf(data[o]!, data[o + 1]!, data[o + 2]!);
      count[bin]!++;
      sum[bin * 3]! += data[o]!;
      sum[bin * 3 + 1]! += data[o + 1]!;
      sum[bin * 3 + 2]! += data[o + 2]!;
    }
  }
  let used = 0;
  for (let bin = 0; bin < BIN_COUNT; bin++) if (count[bin]) used++;
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
    const n = count[bin]!;
    if (!n) continue;
    const mean = (c: number) => srgbToLinear(sum[bin * 3 + c]! / n / 255);
    linearRgbToOklab(mean(0), mean(1), mean(2), lab);
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
