import { resampleWeights, type ResampleFilter } from "./resample-weights.js";
import type { RgbaImage } from "./rgba-image.js";

export type { ResampleFilter } from "./resample-weights.js";

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
    throw new RangeError(`The source area ${src.width}×${src.height} at (${src.x}, ${src.y}) must be non-empty and inside the ${iw}×${ih} image.`);
  }
  const whole = src.x === 0 && src.y === 0 && src.width === iw && src.height === ih;
  if (whole && width === iw && height === ih) {
    return { width, height, data: new Uint8ClampedArray(image.data) };
  }

  const filter = options.filter ?? "lanczos3";
  const cx = resampleWeights(iw, width, src.x, src.width, filter);
  const cy = resampleWeights(ih, height, src.y, src.height, filter);

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
