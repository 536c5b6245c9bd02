import type { RgbaImage } from "../raster/rgba-image.js";
import { countChangedPixels } from "./count-changed-pixels.js";
import { inpaintRegion, type InpaintLayers } from "./inpaint-region.js";
import { patchAlpha } from "./patch-alpha.js";

/** The composited image and what it changed, counted on its actual bytes. */
export interface CompositeResult {
  /** Source-sized straight-alpha RGBA. */
  readonly image: RgbaImage;
  /** Pixels that differ from the source where the blend mask is > 0. */
  readonly changedInside: number;
  /**
   * Pixels that differ from the source where the blend mask is 0 — 0 by construction, measured
   * anyway, over every pixel the composite writes to (the blend mask's bounds inside the crop).
   */
  readonly changedOutside: number;
}

/**
 * Puts the model's picture back into the source through the blend mask.
 *
 * The picture (any size or aspect) is resampled onto the crop box, only where the blend mask is
 * non-zero (`ResultSampler`); then per pixel, with b the blend value and a_r the picture's
 * alpha, t = b/255 · a_r/255 (as carried, 8-bit, by the patch layer's alpha, `patchAlpha`) and
 * colour = source + (picture − source) · t in straight 8-bit values, rounded to nearest; the alpha
 * stays the source's (inpainting changes content, not the layer's shape). So on an opaque source
 * the composite is exactly what the patch layer (`makePatch`) shows over it. Every pixel where the
 * blend mask is 0, and every pixel outside the crop, is the source's bytes, whatever the model
 * returned: the output starts as one copy of the source and only blend-mask runs are written.
 * This is what Krita AI Diffusion's blend mask and Photoshop's generative layers do; the
 * providers' own masks are soft (docs/providers.md).
 * @param layers source, model picture, blend mask and crop (see {@link InpaintLayers})
 * @returns the composite and its changed-pixel counts (`countChangedPixels` on the output, over
 *   the blend mask's bounds inside the crop: the only pixels written)
 * @throws RangeError when the sizes disagree or the crop lies outside the source.
 */
export function compositeInpaint(layers: InpaintLayers): CompositeResult {
  const { source, blendMask } = layers;
  const src = source.data;
  const data = new Uint8ClampedArray(src.length);
  data.set(src);
  const image = { width: source.width, height: source.height, data };
  const found = inpaintRegion(layers);
  if (found) {
    const { region, runs, sampler } = found;
    const { rowRuns, starts, ends } = runs;
    const blend = blendMask.data;
    // One row of the resampled picture, indexed from the region's left edge.
    const picture = new Uint8ClampedArray(region.width * 4);
    for (let y = region.y; y < region.y + region.height; y++) {
      for (let k = rowRuns[y]!; k < rowRuns[y + 1]!; k++) {
        const x0 = starts[k]!;
        sampler.sample(y, x0, ends[k]!, picture, (x0 - region.x) * 4);
        blendRun(data, src, blend, picture, y * source.width + x0, (x0 - region.x) * 4, ends[k]! - x0);
      }
    }
  }
  // Measured where the loop above can write: its pixels all lie in runs inside `region` (the
  // runs' bounds). Everything else in `image` is the one copy of the source made above.
  const changed = countChangedPixels(source, image, blendMask, found?.region ?? { x: 0, y: 0, width: 0, height: 0 });
  return { image, changedInside: changed.inside, changedOutside: changed.outside };
}

/**
 * Blends `count` pixels of the picture row, from byte `r` on, into `data` from source pixel `p`
 * on (its own function so the engine optimises it after a few runs, not by on-stack replacement).
 */
function blendRun(data: Uint8ClampedArray, src: Uint8ClampedArray, blend: Uint8Array, picture: Uint8ClampedArray, p: number, r: number, count: number): void {
  for (const end = p + count; p < end; p++, r += 4) {
    const o = p * 4;
    const sourceAlpha = src[o + 3]!;
    const alpha = patchAlpha(blend[p]!, picture[r + 3]!, sourceAlpha);
    if (alpha === 0) continue;
    if (alpha === 255) {
      // Only reached with an opaque source: the picture's colour as it is.
      data[o] = picture[r]!;
      data[o + 1] = picture[r + 1]!;
      data[o + 2] = picture[r + 2]!;
      continue;
    }
    if (sourceAlpha === 255) {
      // t = alpha/255: source·(255 − alpha) + picture·alpha over 255, rounded exactly
      // (never halfway, 255 being odd), the same bytes as the float form below.
      const keep = 255 - alpha;
      data[o] = div255(src[o]! * keep + picture[r]! * alpha);
      data[o + 1] = div255(src[o + 1]! * keep + picture[r + 1]! * alpha);
      data[o + 2] = div255(src[o + 2]! * keep + picture[r + 2]! * alpha);
      continue;
    }
    // The patch alpha carries the source alpha; dividing it out leaves t = b/255 · a_r/255.
    const t = alpha / sourceAlpha;
    // The clamped array rounds to nearest on store.
    data[o] = src[o]! + (picture[r]! - src[o]!) * t;
    data[o + 1] = src[o + 1]! + (picture[r + 1]! - src[o + 1]!) * t;
    data[o + 2] = src[o + 2]! + (picture[r + 2]! - src[o + 2]!) * t;
  }
}

/** round(x / 255) for 0 ≤ x ≤ 65025 (exact; Blinn, "Three Wrongs Make a Right", 1995). */
function div255(x: number): number {
  const y = x + 128;
  return (y + (y >> 8)) >> 8;
}
