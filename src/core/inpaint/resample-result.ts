import type { PixelRect } from "../raster/crop-image.js";
import { resizeImage } from "../raster/resize-image.js";
import { createRgbaImage, type RgbaImage } from "../raster/rgba-image.js";
import type { GreyMask } from "./grey-mask.js";

/** Tile side in pixels: large enough that the kernel's margin rows cost little, small enough to skip empty areas. */
const TILE = 64;

/**
 * The model's picture resampled onto `region` of the source, given that the whole picture
 * stands for `crop`. Models return their own sizes (1024×1024 for a 3:2 crop, say), so the picture
 * is stretched back to the crop's exact box, whatever its aspect; only the part covering `region`
 * is computed, with the same weights a full resize would use (Catmull–Rom, premultiplied alpha,
 * see `resizeImage`: four taps instead of Lanczos' six halve the cost of the largest step of
 * compositing, and model pictures are soft enough that Lanczos' extra sharpness does not show).
 * With `needed`, only the 128-pixel tiles of `region` holding a non-zero `needed` pixel are
 * computed (the rest stay transparent), so a long thin stroke costs its area, not its bounding box.
 * @param result the model's picture, straight-alpha RGBA, any size
 * @param crop the context crop the picture stands for, in source pixels
 * @param region a rectangle inside `crop`, in source pixels
 * @param needed optional source-sized mask; tiles where it is all 0 are skipped
 * @returns straight-alpha RGBA of `region.width × region.height`
 * @throws RangeError when `region` is empty or not inside `crop`.
 */
export function resampleResult(result: RgbaImage, crop: PixelRect, region: PixelRect, needed?: GreyMask): RgbaImage {
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
  const resample = (part: PixelRect): RgbaImage =>
    resizeImage(result, part.width, part.height, {
      filter: "catmull-rom",
      source: { x: (part.x - crop.x) * sx, y: (part.y - crop.y) * sy, width: part.width * sx, height: part.height * sy },
    });
  if (!needed) return resample(region);
  const out = createRgbaImage(region.width, region.height);
  for (let ty = 0; ty < region.height; ty += TILE) {
    for (let tx = 0; tx < region.width; tx += TILE) {
      const tile = {
        x: region.x + tx,
        y: region.y + ty,
        width: Math.min(TILE, region.width - tx),
        height: Math.min(TILE, region.height - ty),
      };
      if (!anyNonZero(needed, tile)) continue;
      const pixels = resample(tile);
      for (let row = 0; row < tile.height; row++) {
        out.data.set(
          pixels.data.subarray(row * tile.width * 4, (row + 1) * tile.width * 4),
          ((ty + row) * region.width + tx) * 4,
        );
      }
    }
  }
  return out;
}

function anyNonZero(mask: GreyMask, rect: PixelRect): boolean {
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    const row = y * mask.width;
    for (let x = row + rect.x; x < row + rect.x + rect.width; x++) if (mask.data[x] !== 0) return true;
  }
  return false;
}
