/**
 * A single-channel 8-bit mask, row-major, top-left origin, `data.length === width * height`.
 * Values 0–255: 0 = keep the source pixel, 255 = change it fully, values between = partial
 * (anti-aliased shape edges, feathering). Sizes are in pixels and match the image the mask belongs to.
 */
export interface GreyMask {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * Allocates an all-zero (keep everything) mask.
 * @param width pixels, integer ≥ 1
 * @param height pixels, integer ≥ 1
 * @throws RangeError when a size is not a positive whole number.
 */
export function createGreyMask(width: number, height: number): GreyMask {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`A mask must be whole pixels of at least 1×1, got ${width}×${height}.`);
  }
  return { width, height, data: new Uint8Array(width * height) };
}
