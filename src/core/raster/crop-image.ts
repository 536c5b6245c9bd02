import type { RgbaImage } from "./rgba-image.js";

/** An integer pixel rectangle: top-left corner (`x`, `y`) and size, in pixels, top-left origin. */
export interface PixelRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Copies the pixels of `rect` out of `image` into a new image of `rect.width × rect.height`.
 * Bytes are copied unchanged (straight alpha in, straight alpha out).
 * @param image RGBA source
 * @param rect integer pixel rectangle that must lie fully inside the image
 * @throws RangeError when the rectangle is not whole pixels, is empty, or reaches outside the image.
 */
export function cropImage(image: RgbaImage, rect: PixelRect): RgbaImage {
  const { x, y, width, height } = rect;
  if (![x, y, width, height].every(Number.isInteger)) {
    throw new RangeError(`A crop must be whole pixels, got ${width}×${height} at (${x}, ${y}).`);
  }
  if (width < 1 || height < 1) {
    throw new RangeError(`A crop must be at least 1×1 pixel, got ${width}×${height}.`);
  }
  if (x < 0 || y < 0 || x + width > image.width || y + height > image.height) {
    throw new RangeError(`The crop ${width}×${height} at (${x}, ${y}) reaches outside the ${image.width}×${image.height} image.`);
  }
  const data = new Uint8ClampedArray(width * height * 4);
  const rowBytes = width * 4;
  for (let row = 0; row < height; row++) {
    const from = ((y + row) * image.width + x) * 4;
    data.set(image.data.subarray(from, from + rowBytes), row * rowBytes);
  }
  return { width, height, data };
}
