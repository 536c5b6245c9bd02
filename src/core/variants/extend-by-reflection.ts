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
 * and back up with `resizeImage`). So margins continue the picture's colours and light, softly
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
  if (x1 <= x0 || y1 <= y0) throw new RangeError(`There is no picture to extend: the kept rectangle (${rect.x0}, ${rect.y0})–(${rect.x1}, ${rect.y1}) misses the ${width}×${height} image.`);
  const mirror = new Uint8ClampedArray(width * height * 4);
  const src = image.data;
  for (let y = 0; y < height; y++) {
    const sy = reflect(y, y0, y1);
    for (let x = 0; x < width; x++) {
      const sx = reflect(x, x0, x1);
      const from = (sy * width + sx) * 4;
      const to = (y * width + x) * 4;
      mirror[to] = src[from]!;
      mirror[to + 1] = src[from + 1]!;
      mirror[to + 2] = src[from + 2]!;
      mirror[to + 3] = 255;
    }
  }
  const mirrored: RgbaImage = { width, height, data: mirror };
  const blurred = (factor: number): RgbaImage => {
    const w = Math.max(1, Math.round(width / factor));
    const h = Math.max(1, Math.round(height / factor));
    return resizeImage(resizeImage(mirrored, w, h, { filter: "catmull-rom" }), width, height, { filter: "catmull-rom" });
  };
  const soft = blurred(8);
  const softer = blurred(32);
  const reach = Math.max(1, DEFOCUS_DISTANCE * Math.min(width, height));
  const out = mirror;
  for (let y = 0; y < height; y++) {
    const dy = y < y0 ? y0 - y : y >= y1 ? y - y1 + 1 : 0;
    for (let x = 0; x < width; x++) {
      const dx = x < x0 ? x0 - x : x >= x1 ? x - x1 + 1 : 0;
      const o = (y * width + x) * 4;
      if (dx === 0 && dy === 0) {
        out[o] = src[o]!;
        out[o + 1] = src[o + 1]!;
        out[o + 2] = src[o + 2]!;
        continue;
      }
      // 0 at the picture's edge, 1 at `reach` and beyond: sharp → soft within the first third, so
      // the mirror is never read as a copy, then → softer.
      const t = Math.min(1, Math.hypot(dx, dy) / reach);
      const a = Math.min(1, 3 * t);
      const b = Math.max(0, (t - 0.25) / 0.75);
      for (let c = 0; c < 3; c++) {
        const sharpSoft = mirror[o + c]! + (soft.data[o + c]! - mirror[o + c]!) * a;
        out[o + c] = sharpSoft + (softer.data[o + c]! - sharpSoft) * b;
      }
    }
  }
  return { width, height, data: out };
}
