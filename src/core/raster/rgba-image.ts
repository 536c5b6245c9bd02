/**
 * An 8-bit RGBA raster: `data` is row-major, 4 bytes per pixel (R, G, B, A),
 * each 0–255, **straight (non-premultiplied) alpha**, top-left origin.
 * `data.length === width * height * 4`. Sizes are in pixels.
 *
 * This is the one in-memory image type shared by core, ui, proxy and tests.
 */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

/**
 * Allocates a new image filled with one colour.
 * @param width pixels, integer ≥ 1
 * @param height pixels, integer ≥ 1
 * @param rgba fill colour, each channel 0–255, straight alpha (default transparent black)
 * @throws RangeError when a size is not a positive integer.
 */
export function createRgbaImage(width: number, height: number, rgba: readonly [number, number, number, number] = [0, 0, 0, 0]): RgbaImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`Image size must be whole pixels of at least 1×1, got ${width}×${height}.`);
  }
  const data = new Uint8ClampedArray(width * height * 4);
  if (rgba[0] || rgba[1] || rgba[2] || rgba[3]) {
    data.set(rgba);
    // Doubling block copies (memmove; each is cut at the end of the array) instead of a byte loop.
    for (let filled = 4; filled < data.length; filled *= 2) data.copyWithin(filled, 0, filled);
  }
  return { width, height, data };
}
