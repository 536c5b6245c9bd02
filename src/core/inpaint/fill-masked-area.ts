import type { RgbaImage } from "../raster/rgba-image.js";
import { distanceToMask } from "./distance-to-mask.js";
import type { GreyMask } from "./grey-mask.js";
import { inpaintTelea } from "./inpaint-telea.js";
import { pullPushFill } from "./pull-push-fill.js";

/**
 * Where the two fills meet, in multiples of Telea's radius: pixels nearer the known ones than
 * `NEAR × radius` are pure Telea (edges and texture carried in), pixels farther than
 * `FAR × radius` pure pull-push (a soft continuation), and a smoothstep blends between. Chosen by
 * eye on Kodak outpaints: Telea's streaks become visible from about 10 radii out.
 */
const NEAR = 2;
const FAR = 10;
/**
 * How far past `FAR × radius` Telea's march still goes, as a factor. Fast-marching T is at most the
 * city-block distance (each step adds at most 1 along an axis), which is at most √2 × the
 * Euclidean one, so every pixel within `FAR × radius` is reached.
 */
const TELEA_REACH = Math.SQRT2;

/**
 * The classical fill brandfill's offline model uses for every masked edit, inpainting and
 * outpainting alike: Telea's fast-marching inpainting (`inpaintTelea`) near the edge of the hole,
 * where it carries edges and texture in, blended by distance into the pull-push membrane
 * (`pullPushFill`) far from it, where Telea's method only propagates boundary pixels along
 * straight lines and an outpainted margin shows streaks. Small holes (everything within
 * `NEAR × radius` px of a known pixel) are filled by Telea alone, as before.
 *
 * The two are mixed with premultiplied alpha, so colour under transparent pixels never leaks in.
 * @param image straight-alpha RGBA, 0–255
 * @param mask 0–255, same size; every pixel with a value > 0 is refilled, the rest are copied byte for byte
 * @param radius Telea's neighbourhood radius in pixels, ≥ 1
 * @returns a new image; identical to the source outside the mask
 * @throws RangeError when the sizes differ, the radius is below 1, or the mask covers the whole image.
 */
export function fillMaskedArea(image: RgbaImage, mask: GreyMask, radius = 5): RgbaImage {
  const nearPx = NEAR * radius;
  const farPx = FAR * radius;
  // Telea marches only as far as its pixels still count (fast-marching T can overestimate the
  // Euclidean distance, hence TELEA_REACH); past farPx the membrane is the answer. This
  // keeps the cost to a band around the known pixels: a 1080 × 1920 story outpainted from a
  // landscape source fills in about 0.55 s instead of 3 s, with the same pixels
  // (`npm run bench -- inpaint`).
  const near = inpaintTelea(image, mask, radius, TELEA_REACH * farPx + 2);
  // Distance of every pixel to the nearest known one (the mask's complement), exact up to farPx.
  const knownPixels = new Uint8Array(mask.data.length);
  for (let p = 0; p < knownPixels.length; p++) knownPixels[p] = mask.data[p] === 0 ? 255 : 0;
  const distance = distanceToMask({ width: mask.width, height: mask.height, data: knownPixels }, 255, farPx);
  if (!distance) return near;
  const { rect, squared } = distance;
  let far: RgbaImage | null = null;
  const out = near.data;
  for (let y = 0; y < mask.height; y++) {
    for (let x = 0; x < mask.width; x++) {
      const p = y * mask.width + x;
      if (mask.data[p] === 0) continue;
      // Outside the window a pixel is farther than farPx from every known pixel.
      const wx = x - rect.x;
      const wy = y - rect.y;
      const inside = wx >= 0 && wy >= 0 && wx < rect.width && wy < rect.height;
      const d = inside ? Math.sqrt(squared[wy * rect.width + wx]!) : Infinity;
      if (d <= nearPx) continue;
      // Only a hole wider than 2 × nearPx needs the membrane: small holes never build it.
      far ??= pullPushFill(image, mask);
      const t = Math.min(1, (d - nearPx) / (farPx - nearPx));
      const blend = t * t * (3 - 2 * t);
      // Mixed premultiplied, as both fills work: a transparent pixel's colour counts for nothing.
      const o = p * 4;
      const nearAlpha = out[o + 3]!;
      const farAlpha = far.data[o + 3]!;
      const alpha = nearAlpha + (farAlpha - nearAlpha) * blend;
      for (let c = o; c < o + 3; c++) {
        const premultiplied = out[c]! * nearAlpha + (far.data[c]! * farAlpha - out[c]! * nearAlpha) * blend;
        out[c] = alpha > 0 ? premultiplied / alpha : 0;
      }
      out[o + 3] = alpha;
    }
  }
  return near;
}
