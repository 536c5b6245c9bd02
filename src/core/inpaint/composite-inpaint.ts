import type { RgbaImage } from "../raster/rgba-image.js";
import { countChangedPixels } from "./count-changed-pixels.js";
import { inpaintRegion, type InpaintLayers } from "./inpaint-region.js";

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
 * The picture (any size or aspect) is resampled onto the crop box (`resampleResult`), then per
 * pixel, with b the blend value and a_r the picture's alpha, t = b/255 · a_r/255 and
 * colour = source + (picture − source) · t in straight 8-bit values, rounded; the alpha stays the
 * source's (inpainting changes content, not the layer's shape). Every pixel where the blend mask
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
  const found = inpaintRegion(layers);
  if (found) {
    const { region, pixels } = found;
    const src = source.data;
    const res = pixels.data;
    for (let y = 0; y < region.height; y++) {
      const maskRow = (y + region.y) * source.width + region.x;
      for (let x = 0; x < region.width; x++) {
        const b = blendMask.data[maskRow + x]!;
        if (b === 0) continue;
        const r = (y * region.width + x) * 4;
        const t = (b * res[r + 3]!) / 65025;
        if (t === 0) continue;
        const o = (maskRow + x) * 4;
        data[o] = Math.round(src[o]! + (res[r]! - src[o]!) * t);
        data[o + 1] = Math.round(src[o + 1]! + (res[r + 1]! - src[o + 1]!) * t);
        data[o + 2] = Math.round(src[o + 2]! + (res[r + 2]! - src[o + 2]!) * t);
      }
    }
  }
  const changed = countChangedPixels(source, image, blendMask);
  return { image, changedInside: changed.inside, changedOutside: changed.outside };
}
