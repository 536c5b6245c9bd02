import type { PixelRect } from "../raster/crop-image.js";
import type { RgbaImage } from "../raster/rgba-image.js";
import { inpaintRegion, type InpaintLayers } from "./inpaint-region.js";
import { patchAlpha } from "./patch-alpha.js";

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
 * alpha is b/255 · a_r/255 · a_s (blend value, picture alpha, source alpha), rounded
 * (`patchAlpha`). The picture is resampled only where the blend mask is non-zero. Laid with
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
  const { region, runs, sampler } = found;
  const { rowRuns, starts, ends } = runs;
  const { source, blendMask } = layers;
  const blend = blendMask.data;
  const sourceData = source.data;
  const data = new Uint8ClampedArray(region.width * region.height * 4);
  for (let y = region.y; y < region.y + region.height; y++) {
    // Patch pixel index of source column 0 in this row, and source pixel index of the row.
    const patchRow = (y - region.y) * region.width - region.x;
    const sourceRow = y * source.width;
    for (let k = rowRuns[y]!; k < rowRuns[y + 1]!; k++) {
      const x1 = ends[k]!;
      sampler.sample(y, starts[k]!, x1, data, (patchRow + starts[k]!) * 4);
      alphaRun(data, (patchRow + starts[k]!) * 4, blend, sourceData, sourceRow + starts[k]!, x1 - starts[k]!);
    }
  }
  return { image: { width: region.width, height: region.height, data }, bounds: region };
}

/** Sets the patch alpha of `count` pixels from byte `o` of `data` on, for source pixels from `p` on. */
function alphaRun(data: Uint8ClampedArray, o: number, blend: Uint8Array, source: Uint8ClampedArray, p: number, count: number): void {
  for (const end = p + count; p < end; p++, o += 4) {
    const alpha = patchAlpha(blend[p]!, data[o + 3]!, source[p * 4 + 3]!);
    if (alpha === 0) data[o] = data[o + 1] = data[o + 2] = data[o + 3] = 0;
    else data[o + 3] = alpha;
  }
}
