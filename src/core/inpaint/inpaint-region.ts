import type { PixelRect } from "../raster/crop-image.js";
import type { RgbaImage } from "../raster/rgba-image.js";
import type { GreyMask } from "./grey-mask.js";
import { maskRuns, type MaskRuns } from "./mask-runs.js";
import { ResultSampler } from "./result-sampler.js";

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

/** The part of the source the result may change, and the model's pixels for it on demand. */
export interface InpaintRegion {
  /** Bounds of the non-zero blend mask, clipped to the crop, in source pixels. */
  readonly region: PixelRect;
  /** The runs of non-zero blend-mask pixels inside the crop: the only pixels the result may change. */
  readonly runs: MaskRuns;
  /** The model's picture resampled onto `region`, computed only for the pixels asked for. */
  readonly sampler: ResultSampler;
}

/**
 * Checks the layers agree and finds the only pixels that can change: the non-zero blend-mask
 * pixels inside the crop (a blend-mask pixel outside the crop has no model pixels and stays as
 * the source), with a sampler of the model's picture over their bounds.
 * @returns `null` when the blend mask has no pixel inside the crop
 * @throws RangeError when the mask and source sizes differ or the crop lies outside the source.
 */
export function inpaintRegion({ source, result, blendMask, crop }: InpaintLayers): InpaintRegion | null {
  if (blendMask.width !== source.width || blendMask.height !== source.height) {
    throw new RangeError(`The blend mask is ${blendMask.width}×${blendMask.height} pixels but the image is ${source.width}×${source.height}; they must match.`);
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
    throw new RangeError(`The crop ${crop.width}×${crop.height} at (${crop.x}, ${crop.y}) must be whole pixels inside the ${source.width}×${source.height} image.`);
  }
  const runs = maskRuns(blendMask, 1, crop);
  if (!runs) return null;
  return { region: runs.bounds, runs, sampler: new ResultSampler(result, crop, runs.bounds) };
}
