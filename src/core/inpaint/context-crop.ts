import type { PixelRect } from "../raster/crop-image.js";
import type { GreyMask } from "./grey-mask.js";
import { maskBounds } from "./mask-bounds.js";

/** Options for {@link contextCrop}. All lengths are in source-image pixels. */
export interface ContextCropOptions {
  /** Fixed margin added on every side of the mask's bounds. */
  readonly paddingPx?: number;
  /**
   * Margin as a fraction of the mask bounds' longer side (default 0.5 when `paddingPx` is not
   * given). When both are given the larger margin wins.
   */
  readonly paddingFraction?: number;
  /**
   * Smallest side of the crop (default 512), so a small selection still comes with enough
   * surroundings for the model to match light, grain and perspective. Capped by the image.
   */
  readonly minSide?: number;
  /** Round each side up to a multiple of this (default 8, friendly to model tilings), unless the image is smaller. */
  readonly multipleOf?: number;
}

/** The image's size in pixels. */
export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

const growSide = (start: number, size: number, target: number): [number, number] => {
  const extra = target - size;
  return extra > 0 ? [start - Math.floor(extra / 2), target] : [start, size];
};

/**
 * The rectangle of the source image that is sent to the model: the mask's bounds plus padding,
 * widened to `minSide`, rounded up to `multipleOf`, then slid (never shrunk) to lie inside the
 * image. It always contains every non-zero mask pixel. Pass the blend mask, so the model also
 * paints the feather zone.
 * @param mask 0–255 mask the same size as the image
 * @param image the source image size in pixels
 * @param options padding and size rules, see {@link ContextCropOptions}
 * @returns an integer pixel rectangle inside the image
 * @throws RangeError when the mask is empty, its size differs from the image, or an option is negative.
 */
export function contextCrop(mask: GreyMask, image: ImageSize, options: ContextCropOptions = {}): PixelRect {
  if (mask.width !== image.width || mask.height !== image.height) {
    throw new RangeError(`The mask is ${mask.width}×${mask.height} pixels but the image is ${image.width}×${image.height}; they must match.`);
  }
  const { paddingPx, paddingFraction, minSide = 512, multipleOf = 8 } = options;
  for (const [name, value] of [
    ["padding", paddingPx ?? 0],
    ["padding fraction", paddingFraction ?? 0],
    ["minimum side", minSide],
  ] as const) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`The crop ${name} must be 0 or more, got ${value}.`);
  }
  if (!Number.isInteger(multipleOf) || multipleOf < 1) {
    throw new RangeError(`The crop size multiple must be a whole number of at least 1, got ${multipleOf}.`);
  }
  const bounds = maskBounds(mask);
  if (!bounds) throw new RangeError("The mask is empty: draw a shape over the part of the image to change.");

  const fraction = paddingFraction ?? (paddingPx === undefined ? 0.5 : 0);
  const pad = Math.ceil(Math.max(paddingPx ?? 0, fraction * Math.max(bounds.width, bounds.height)));
  const axis = (start: number, size: number, limit: number): [number, number] => {
    let [s, n] = [start - pad, size + 2 * pad];
    [s, n] = growSide(s, n, Math.ceil(minSide));
    [s, n] = growSide(s, n, Math.ceil(n / multipleOf) * multipleOf);
    if (n >= limit) return [0, limit];
    return [Math.min(Math.max(s, 0), limit - n), n];
  };
  const [x, width] = axis(bounds.x, bounds.width, image.width);
  const [y, height] = axis(bounds.y, bounds.height, image.height);
  return { x, y, width, height };
}
