import type { PixelRect } from "../raster/crop-image.js";
import type { RgbaImage } from "../raster/rgba-image.js";
import type { GreyMask } from "./grey-mask.js";
import { maskBounds } from "./mask-bounds.js";
import { resampleResult } from "./resample-result.js";

/** What compositing needs: the source, the model's picture for `crop`, and the blend mask. */
export interface InpaintLayers {
  /** The untouched source image, straight-alpha RGBA. */
  readonly source: RgbaImage;
  /** The model's picture for the crop, any size or aspect, straight-alpha RGBA. */
  readonly result: RgbaImage;
  /** 0–255 compositing mask, same size as `source` (see `blendMask`). */
  readonly blendMask: GreyMask;
  /** The context crop the model was given, in source pixels. */
  readonly crop: PixelRect;
}

/** The part of the source the result may change, and the model's pixels resampled onto it. */
export interface InpaintRegion {
  /** Bounds of the non-zero blend mask, clipped to the crop, in source pixels. */
  readonly region: PixelRect;
  /** The model's picture resampled onto `region`. */
  readonly pixels: RgbaImage;
}

/**
 * Checks the layers agree and resamples the model's picture onto the only part that can change:
 * the blend mask's bounds inside the crop (a blend-mask pixel outside the crop has no model
 * pixels and stays as the source).
 * @returns `null` when the blend mask has no pixel inside the crop
 * @throws RangeError when the mask and source sizes differ or the crop lies outside the source.
 */
export function inpaintRegion({ source, result, blendMask, crop }: InpaintLayers): InpaintRegion | null {
  if (blendMask.width !== source.width || blendMask.height !== source.height) {
    throw new RangeError(
      `The blend mask is ${blendMask.width}×${blendMask.height} pixels but the image is ${source.width}×${source.height}; they must match.`,
    );
  }
  const cropFits =
    [crop.x, crop.y, crop.width, crop.height].every(Number.isInteger) &&
    crop.width >= 1 &&
    crop.height >= 1 &&
    crop.x >= 0 &&
    crop.y >= 0 &&
    crop.x + crop.width <= source.width &&
    crop.y + crop.height <= source.height;
  if (!cropFits) {
    throw new RangeError(
      `The crop ${crop.width}×${crop.height} at (${crop.x}, ${crop.y}) must be whole pixels inside the ${source.width}×${source.height} image.`,
    );
  }
  const bounds = maskBounds(blendMask);
  if (!bounds) return null;
  const x0 = Math.max(bounds.x, crop.x);
  const y0 = Math.max(bounds.y, crop.y);
  const x1 = Math.min(bounds.x + bounds.width, crop.x + crop.width);
  const y1 = Math.min(bounds.y + bounds.height, crop.y + crop.height);
  if (x1 <= x0 || y1 <= y0) return null;
  const region = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  return { region, pixels: resampleResult(result, crop, region, blendMask) };
}
