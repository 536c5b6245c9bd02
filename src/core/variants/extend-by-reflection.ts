import { resizeImage } from "../raster/resize-image.js";
import type { RgbaImage } from "../raster/rgba-image.js";

/** A rectangle of whole pixels, `x0 ≤ x < x1`, `y0 ≤ y < y1`. */
export interface KeptRect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * Distance (share of the canvas's shorter side) over which the continuation goes from a sharp
 * mirror image to fully out of focus: a photo extended this way reads as a shallow depth of
 * field rather than as copied content, and never as streaks.
 */
const DEFOCUS_DISTANCE = 0.18;

/** Reflects `v` into [lo, hi) like a mirror at each edge, repeating back and forth (ping-pong). */
function reflect(v: number, lo: number, hi: number): number {
  const n = hi - lo;
  if (n <= 1) return lo;
  const period = 2 * n;
  let t = (v - lo) % period;
  if (t < 0) t += period;
  return lo + (t < n ? t : period - 1 - t);
}

/**
 * Fills everything outside `rect` from the picture inside it: each margin pixel takes the pixel
 * mirrored across the nearest edge of the rectangle (repeating back and forth where the margin is
 * wider than the picture), then is blended towards ever blurrier versions of that mirror image
 * the farther it lies from the rectangle (two blur levels, made by resampling down ×1/8 and ×1/32
 * and back up with `resizeImage`, Lanczos-3). So margins continue the picture's colours and light, softly
 * out of focus, with no clamped-edge streaks and no flat smears. Pixels inside `rect` are kept
 * exactly; alpha is made opaque.
 *
 * @param image opaque or straight-alpha RGBA whose `rect` holds the picture (0–255)
 * @param rect the picture's pixels; clipped to the image
 * @returns a new opaque RGBA image of the same size
 * @throws RangeError when `rect` holds no pixel of the image.
 */
export function extendByReflection(image: RgbaImage, rect: KeptRect): RgbaImage {
  const { width, height } = image;
  const x0 = Math.max(0, Math.round(rect.x0));
  const y0 = Math.max(0, Math.round(rect.y0));
  const x1 = Math.min(width, Math.round(rect.x1));
  const y1 = Math.min(height, Math.round(rect.y1));
  if (x1 <= x0 || y1 <= y0) throw new RangeError("There is no picture to extend: the kept rectangle misses the image.");
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0, o = 0; y < height; y++) {
    const row = reflect(y, y0, y1) * width;
    for (let x = 0; x < width; x++, o += 4) {
      const from = (row + reflect(x, x0, x1)) * 4;
      data[o] = image.data[from]!;
      data[o + 1] = image.data[from + 1]!;
      data[o + 2] = image.data[from + 2]!;
      data[o + 3] = 255;
    }
  }
  const mirrored: RgbaImage = { width, height, data };
  const blur = (factor: number) => resizeImage(resizeImage(mirrored, Math.max(1, Math.round(width / factor)), Math.max(1, Math.round(height / factor))), width, height).data;
  const soft = blur(8);
  const softer = blur(32);
  const reach = Math.max(1, DEFOCUS_DISTANCE * Math.min(width, height));
  for (let y = 0, o = 0; y < height; y++) {
    const dy = Math.max(y0 - y, 0, y - y1 + 1);
    for (let x = 0; x < width; x++, o += 4) {
      // 0 inside and at the picture's edge, 1 at `reach` and beyond: sharp → soft within the first
      // third (so the mirror is never read as a copy), then → softer. Inside, t = 0 keeps the source.
      const t = Math.min(1, Math.hypot(Math.max(x0 - x, 0, x - x1 + 1), dy) / reach);
      const a = Math.min(1, 3 * t);
      const b = Math.max(0, (t - 0.25) / 0.75);
      for (let c = o; c < o + 3; c++) {
        const sharpSoft = data[c]! + (soft[c]! - data[c]!) * a;
        data[c] = sharpSoft + (softer[c]! - sharpSoft) * b;
      }
    }
  }
  return mirrored;
}
