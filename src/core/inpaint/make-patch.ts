import type { PixelRect } from "../raster/crop-image.js";
import type { RgbaImage } from "../raster/rgba-image.js";
import { inpaintRegion, type InpaintLayers } from "./inpaint-region.js";

/** A transparent patch to place as a layer above the source. */
export interface InpaintPatch {
  /** Straight-alpha RGBA of `bounds.width × bounds.height`; (0,0,0,0) wherever the blend mask is 0. */
  readonly image: RgbaImage;
  /** Where the patch's top-left pixel sits, in source pixels. */
  readonly bounds: PixelRect;
}

/**
 * The non-destructive form of `compositeInpaint`: a patch covering only the blend mask's bounds
 * (inside the crop), whose colour is the model's picture resampled onto the crop and whose
 * alpha is b/255 · a_r/255 · a_s (blend value, picture alpha, source alpha), rounded. Laid with
 * normal blending over an opaque source it gives exactly `compositeInpaint`'s pixels, and every
 * pixel where the blend mask is 0 is fully transparent, so the source shows unchanged.
 * @param layers source, model picture, blend mask and crop (see `InpaintLayers`)
 * @returns the patch and its bounds in source pixels, or `null` when the blend mask has no pixel
 *   inside the crop (nothing to place)
 * @throws RangeError when the sizes disagree or the crop lies outside the source.
 */
export function makePatch(layers: InpaintLayers): InpaintPatch | null {
  const found = inpaintRegion(layers);
  if (!found) return null;
  const { region, pixels } = found;
  const { source, blendMask } = layers;
  const data = new Uint8ClampedArray(region.width * region.height * 4);
  const res = pixels.data;
  for (let y = 0; y < region.height; y++) {
    const maskRow = (y + region.y) * source.width + region.x;
    for (let x = 0; x < region.width; x++) {
      const b = blendMask.data[maskRow + x]!;
      if (b === 0) continue;
      const o = (y * region.width + x) * 4;
      const alpha = Math.round((b * res[o + 3]! * source.data[(maskRow + x) * 4 + 3]!) / 65025);
      if (alpha === 0) continue;
      data[o] = res[o]!;
      data[o + 1] = res[o + 1]!;
      data[o + 2] = res[o + 2]!;
      data[o + 3] = alpha;
    }
  }
  return { image: { width: region.width, height: region.height, data }, bounds: region };
}
