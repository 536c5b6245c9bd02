// Test support, not product code (the dense reference the tests compare ResultSampler's sparse sampling against).
import type { PixelRect } from "../../../src/core/raster/crop-image.js";
import { createRgbaImage, type RgbaImage } from "../../../src/core/raster/rgba-image.js";
import type { GreyMask } from "../../../src/core/inpaint/grey-mask.js";
import { maskRuns } from "../../../src/core/inpaint/mask-runs.js";
import { ResultSampler } from "../../../src/core/inpaint/result-sampler.js";

/**
 * The model's picture resampled onto `region` of the source, given that the whole picture
 * stands for `crop`, as one image (see `ResultSampler` for the kernel: Catmull–Rom on
 * premultiplied alpha, the picture stretched back to the crop's exact box whatever its aspect).
 * With `needed`, only the pixels where it is non-zero are computed and the rest stay
 * transparent (0, 0, 0, 0), so a long thin stroke costs its area, not its bounding box.
 * @param result the model's picture, straight-alpha RGBA, any size
 * @param crop the context crop the picture stands for, in source pixels
 * @param region a rectangle inside `crop`, in source pixels
 * @param needed optional source-sized 0–255 mask; pixels where it is 0 are skipped
 * @returns straight-alpha RGBA of `region.width × region.height`
 * @throws RangeError when `region` is empty or not inside `crop`.
 */
export function resampleResult(result: RgbaImage, crop: PixelRect, region: PixelRect, needed?: GreyMask): RgbaImage {
  const sampler = new ResultSampler(result, crop, region);
  const out = createRgbaImage(region.width, region.height);
  const runs = needed && maskRuns(needed, 1, region);
  for (let y = region.y; y < region.y + region.height; y++) {
    const row = (y - region.y) * region.width - region.x;
    if (!needed) sampler.sample(y, region.x, region.x + region.width, out.data, (row + region.x) * 4);
    else if (runs) {
      for (let k = runs.rowRuns[y]!; k < runs.rowRuns[y + 1]!; k++) {
        sampler.sample(y, runs.starts[k]!, runs.ends[k]!, out.data, (row + runs.starts[k]!) * 4);
      }
    }
  }
  return out;
}
