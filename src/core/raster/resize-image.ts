import type { RgbaImage } from "./rgba-image.js";

/** Resampling kernels offered by {@link resizeImage}. */
export type ResampleFilter = "lanczos3" | "catmull-rom";

/**
 * A sub-pixel rectangle of the input image, in input pixels (top-left origin, x right, y down).
 * Fractional values are allowed: it is where the output's edges land on the input.
 */
export interface SourceRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Options for {@link resizeImage}. */
export interface ResizeOptions {
  /**
   * Kernel: `"lanczos3"` (default; sharpest, slight ringing clipped to 0–255) or
   * `"catmull-rom"` (cubic with B = 0, C = 0.5; Mitchell & Netravali 1988, less ringing).
   */
  readonly filter?: ResampleFilter;
  /**
   * Part of the input that fills the output (default: the whole image). Pixels around it
   * that lie inside the image still feed the kernel, so cropped edges are not smeared.
   */
  readonly source?: SourceRect;
}

interface Kernel {
  /** Half-width in input pixels at scale 1. */
  readonly support: number;
  readonly weight: (x: number) => number;
}

const sinc = (x: number): number => {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
};

// Lanczos windowed sinc with a = 3 (Duchon 1979, "Lanczos filtering in one and two dimensions").
const LANCZOS3: Kernel = {
  support: 3,
  weight: (x) => (x > -3 && x < 3 ? sinc(x) * sinc(x / 3) : 0),
};

// Keys 1981 cubic convolution with a = -0.5, i.e. Mitchell–Netravali B = 0, C = 0.5 (Catmull–Rom).
const CATMULL_ROM: Kernel = {
  support: 2,
  weight: (t) => {
    const x = Math.abs(t);
    if (x < 1) return 1.5 * x * x * x - 2.5 * x * x + 1;
    if (x < 2) return -0.5 * x * x * x + 2.5 * x * x - 4 * x + 2;
    return 0;
  },
};

/** Per-output-sample contributions: `taps` weights starting at input index `start[i]`. */
interface Contributions {
  readonly start: Int32Array;
  readonly count: Int32Array;
  readonly taps: number;
  readonly weights: Float32Array;
}

/**
 * Weights for mapping `inSize` samples to `outSize`, the output spanning input [offset, offset + span).
 * When shrinking, the kernel is stretched by the ratio so every input pixel under an output pixel
 * contributes (area-weighted, no aliasing); weights are clipped to the image and renormalised.
 */
function contributions(inSize: number, outSize: number, offset: number, span: number, kernel: Kernel): Contributions {
  const scale = span / outSize;
  const filterScale = Math.max(scale, 1);
  const support = kernel.support * filterScale;
  const taps = Math.ceil(2 * support) + 1;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float32Array(outSize * taps);
  for (let i = 0; i < outSize; i++) {
    const centre = offset + (i + 0.5) * scale;
    // Input pixel j (centre j + 0.5) contributes when |j + 0.5 − centre| < support.
    const lo = Math.max(0, Math.floor(centre - support - 0.5) + 1);
    const hi = Math.min(inSize, Math.ceil(centre + support - 0.5));
    let total = 0;
    const n = Math.max(0, Math.min(hi - lo, taps));
    for (let k = 0; k < n; k++) {
      const w = kernel.weight((lo + k + 0.5 - centre) / filterScale);
      weights[i * taps + k] = w;
      total += w;
    }
    if (total === 0) {
      // The kernel fell between samples (only possible for degenerate spans): take the nearest one.
      const nearest = Math.min(inSize - 1, Math.max(0, Math.floor(centre)));
      start[i] = nearest;
      count[i] = 1;
      weights[i * taps] = 1;
      continue;
    }
    for (let k = 0; k < n; k++) weights[i * taps + k]! /= total;
    start[i] = lo;
    count[i] = n;
  }
  return { start, count, taps, weights };
}

function checkSize(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`The ${name} of a resized image must be a whole number of pixels of at least 1, got ${value}.`);
  }
}

/**
 * Resamples an image to `width × height` pixels with a separable windowed kernel
 * (Lanczos-3 by default, or Catmull–Rom). Upscaling interpolates; downscaling widens the
 * kernel by the shrink ratio so it averages every covered input pixel (no aliasing or moiré).
 *
 * Filtering runs on **premultiplied alpha** in 32-bit floats, so colour hidden under
 * transparent pixels never bleeds in and transparent edges do not darken; the result is
 * converted back to 8-bit **straight alpha**. Values are the image's own (gamma-encoded sRGB)
 * numbers, as in most editors. Lanczos overshoot is clipped to 0–255 (and colour to alpha).
 *
 * When the size is unchanged and no `source` rectangle is given, the result is a byte-identical copy.
 *
 * @param image straight-alpha RGBA input
 * @param width output width in pixels, integer ≥ 1
 * @param height output height in pixels, integer ≥ 1
 * @param options kernel and optional sub-pixel source rectangle (see {@link ResizeOptions})
 * @returns a new straight-alpha RGBA image
 * @throws RangeError when a size is not a positive whole number, or the source rectangle
 *   is empty or not inside the image.
 */
export function resizeImage(image: RgbaImage, width: number, height: number, options: ResizeOptions = {}): RgbaImage {
  checkSize("width", width);
  checkSize("height", height);
  const { width: iw, height: ih } = image;
  const src = options.source ?? { x: 0, y: 0, width: iw, height: ih };
  const fits =
    [src.x, src.y, src.width, src.height].every(Number.isFinite) &&
    src.width > 0 &&
    src.height > 0 &&
    src.x >= -1e-9 &&
    src.y >= -1e-9 &&
    src.x + src.width <= iw + 1e-9 &&
    src.y + src.height <= ih + 1e-9;
  if (!fits) {
    throw new RangeError(
      `The source area ${src.width}×${src.height} at (${src.x}, ${src.y}) must be non-empty and inside the ${iw}×${ih} image.`,
    );
  }
  const whole = src.x === 0 && src.y === 0 && src.width === iw && src.height === ih;
  if (whole && width === iw && height === ih) {
    return { width, height, data: new Uint8ClampedArray(image.data) };
  }

  const kernel = options.filter === "catmull-rom" ? CATMULL_ROM : LANCZOS3;
  const cx = contributions(iw, width, src.x, src.width, kernel);
  const cy = contributions(ih, height, src.y, src.height, kernel);

  // Only the input rows and columns some output pixel reads need converting and filtering.
  const rowLo = cy.start[0]!;
  const rowHi = cy.start[height - 1]! + cy.count[height - 1]!;
  const colLo = cx.start[0]!;
  const colHi = cx.start[width - 1]! + cx.count[width - 1]!;

  const inData = image.data;
  const rowStride = width * 4;
  // Locals, not property loads, in the hot loops.
  const { start: xStart, count: xCount, weights: xWeights, taps: xTaps } = cx;
  const { start: yStart, count: yCount, weights: yWeights, taps: yTaps } = cy;
  // An opaque window (the usual photo or model picture) is its own premultiplied form, so the
  // conversions both ways can be skipped.
  let opaque = true;
  for (let y = rowLo; y < rowHi && opaque; y++) {
    for (let o = (y * iw + colLo) * 4 + 3; o < (y * iw + colHi) * 4; o += 4) {
      if (inData[o] !== 255) {
        opaque = false;
        break;
      }
    }
  }

  // Horizontal pass: input rows → `width` columns, premultiplied floats.
  const mid = new Float32Array((rowHi - rowLo) * rowStride);
  const pre = new Float32Array(iw * 4);
  for (let y = rowLo; y < rowHi; y++) {
    const base = y * iw * 4;
    if (opaque) pre.set(inData.subarray(base + colLo * 4, base + colHi * 4), colLo * 4);
    else {
      for (let o = colLo * 4; o < colHi * 4; o += 4) {
        const a = inData[base + o + 3]!;
        const f = a / 255;
        pre[o] = inData[base + o]! * f;
        pre[o + 1] = inData[base + o + 1]! * f;
        pre[o + 2] = inData[base + o + 2]! * f;
        pre[o + 3] = a;
      }
    }
    let o = (y - rowLo) * rowStride;
    for (let x = 0; x < width; x++, o += 4) {
      const n = xCount[x]!;
      let wi = x * xTaps;
      let r = 0;
      let g = 0;
      let b = 0;
      let al = 0;
      for (let k = 0, p = xStart[x]! * 4; k < n; k++, p += 4, wi++) {
        const w = xWeights[wi]!;
        r += pre[p]! * w;
        g += pre[p + 1]! * w;
        b += pre[p + 2]! * w;
        al += pre[p + 3]! * w;
      }
      mid[o] = r;
      mid[o + 1] = g;
      mid[o + 2] = b;
      mid[o + 3] = al;
    }
  }

  // Vertical pass: four running sums per pixel (faster in V8 than accumulating whole rows),
  // then back to straight 8-bit alpha.
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const n = yCount[y]!;
    const wBase = y * yTaps;
    const first = (yStart[y]! - rowLo) * rowStride;
    const out = y * rowStride;
    for (let i = 0; i < rowStride; i += 4) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let k = 0, p = first + i; k < n; k++, p += rowStride) {
        const w = yWeights[wBase + k]!;
        r += mid[p]! * w;
        g += mid[p + 1]! * w;
        b += mid[p + 2]! * w;
        a += mid[p + 3]! * w;
      }
      if (opaque) {
        data[out + i] = r;
        data[out + i + 1] = g;
        data[out + i + 2] = b;
        data[out + i + 3] = 255;
        continue;
      }
      if (a < 0.5) continue; // rounds to fully transparent: leave (0, 0, 0, 0)
      // Unpremultiply by the unclipped alpha so an overshoot past 255 keeps the colour's hue.
      // The clamped array rounds and clips to 0–255, which is clipping colour to [0, alpha].
      const f = 255 / a;
      data[out + i] = r * f;
      data[out + i + 1] = g * f;
      data[out + i + 2] = b * f;
      data[out + i + 3] = a;
    }
  }
  return { width, height, data };
}
