import type { RgbaImage } from "../raster/rgba-image.js";
import { countChangedPixels } from "./count-changed-pixels.js";
import type { InpaintLayers } from "./inpaint-region.js";
import { makePatch } from "./make-patch.js";

/** The composited image and what it changed, counted on its actual bytes. */
export interface CompositeResult {
  /** Source-sized straight-alpha RGBA. */
  readonly image: RgbaImage;
  /** Pixels that differ from the source where the blend mask is > 0. */
  readonly changedInside: number;
  /** Pixels that differ from the source where the blend mask is 0 — 0 by construction, measured anyway. */
  readonly changedOutside: number;
}

/**
 * Puts the model's picture back into the source through the blend mask.
 *
 * The picture (any size or aspect) is resampled onto the crop box and made into the patch layer
 * (`makePatch`); then per pixel, with b the blend value and a_r the picture's alpha,
 * t = b/255 · a_r/255 (as carried, 8-bit, by the patch's alpha) and
 * colour = source + (picture − source) · t in straight 8-bit values, rounded to nearest; the alpha
 * stays the source's (inpainting changes content, not the layer's shape). So on an opaque source
 * the composite is exactly what the patch layer shows over it. Every pixel where the blend mask
 * is 0, and every pixel outside the crop, is the source's bytes, whatever the model returned.
 * This is what Krita AI Diffusion's blend mask and Photoshop's generative layers do; the
 * providers' own masks are soft (PROVIDERS.md).
 * @param layers source, model picture, blend mask and crop (see {@link InpaintLayers})
 * @returns the composite and its changed-pixel counts (`countChangedPixels` on the output)
 * @throws RangeError when the sizes disagree or the crop lies outside the source.
 */
export function compositeInpaint(layers: InpaintLayers): CompositeResult {
  const { source, blendMask } = layers;
  const data = new Uint8ClampedArray(source.data);
  const image = { width: source.width, height: source.height, data };
  const patch = makePatch(layers);
  if (patch) {
    const { bounds } = patch;
    const src = source.data;
    const res = patch.image.data;
    for (let y = 0; y < bounds.height; y++) {
      const sourceRow = (y + bounds.y) * source.width + bounds.x;
      for (let x = 0; x < bounds.width; x++) {
        const r = (y * bounds.width + x) * 4;
        const alpha = res[r + 3]!;
        if (alpha === 0) continue;
        const o = (sourceRow + x) * 4;
        // The patch alpha carries the source alpha; dividing it out leaves t = b/255 · a_r/255.
        const t = alpha / src[o + 3]!;
        // The clamped array rounds to nearest on store.
        data[o] = src[o]! + (res[r]! - src[o]!) * t;
        data[o + 1] = src[o + 1]! + (res[r + 1]! - src[o + 1]!) * t;
        data[o + 2] = src[o + 2]! + (res[r + 2]! - src[o + 2]!) * t;
      }
    }
  }
  const changed = countChangedPixels(source, image, blendMask);
  return { image, changedInside: changed.inside, changedOutside: changed.outside };
}
