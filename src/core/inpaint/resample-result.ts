import type { PixelRect } from "../raster/crop-image.js";
import { resizeImage } from "../raster/resize-image.js";
import type { RgbaImage } from "../raster/rgba-image.js";

/**
 * The model's picture resampled onto `region` of the source, given that the whole picture
 * stands for `crop`. Models return their own sizes (1024×1024 for a 3:2 crop, say), so the picture
 * is stretched back to the crop's exact box, whatever its aspect; only the part covering `region`
 * is computed, with the same weights a full resize would use (Lanczos-3, premultiplied alpha,
 * see `resizeImage`).
 * @param result the model's picture, straight-alpha RGBA, any size
 * @param crop the context crop the picture stands for, in source pixels
 * @param region a rectangle inside `crop`, in source pixels
 * @returns straight-alpha RGBA of `region.width × region.height`
 * @throws RangeError when `region` is empty or not inside `crop`.
 */
export function resampleResult(result: RgbaImage, crop: PixelRect, region: PixelRect): RgbaImage {
  const inside =
    region.width >= 1 &&
    region.height >= 1 &&
    region.x >= crop.x &&
    region.y >= crop.y &&
    region.x + region.width <= crop.x + crop.width &&
    region.y + region.height <= crop.y + crop.height;
  if (!inside) {
    throw new RangeError(
      `The area ${region.width}×${region.height} at (${region.x}, ${region.y}) is not inside the crop ${crop.width}×${crop.height} at (${crop.x}, ${crop.y}).`,
    );
  }
  const sx = result.width / crop.width;
  const sy = result.height / crop.height;
  return resizeImage(result, region.width, region.height, {
    source: {
      x: (region.x - crop.x) * sx,
      y: (region.y - crop.y) * sy,
      width: region.width * sx,
      height: region.height * sy,
    },
  });
}
