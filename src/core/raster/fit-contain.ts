import { resizeImage, type ResizeOptions } from "./resize-image.js";
import { createRgbaImage, type RgbaImage } from "./rgba-image.js";

/** Where {@link fitContain} put the scaled image inside the canvas, in output pixels. */
export interface ContainPlacement {
  readonly image: RgbaImage;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Scales `image` uniformly to fit inside `width × height` and centres it on a canvas of that
 * size (CSS `object-fit: contain`, Figma's FIT scale mode). The letterbox bars are filled with
 * `background` (default transparent); the picture's pixels replace the background rather than
 * being composited over it. The scaled image's size is rounded to whole pixels,
 * so its aspect matches the source to within one pixel.
 * @param image straight-alpha RGBA source
 * @param width canvas width in pixels, integer ≥ 1
 * @param height canvas height in pixels, integer ≥ 1
 * @param background bar colour, 0–255 per channel, straight alpha
 * @returns the canvas and the rectangle the picture occupies in it
 * @throws RangeError when a canvas size is not a positive whole number.
 */
export function fitContain(
  image: RgbaImage,
  width: number,
  height: number,
  background: readonly [number, number, number, number] = [0, 0, 0, 0],
  options: Omit<ResizeOptions, "source"> = {},
): ContainPlacement {
  const canvas = createRgbaImage(width, height, background);
  const scale = Math.min(width / image.width, height / image.height);
  const w = Math.max(1, Math.min(width, Math.round(image.width * scale)));
  const h = Math.max(1, Math.min(height, Math.round(image.height * scale)));
  const scaled = resizeImage(image, w, h, options);
  const x = Math.floor((width - w) / 2);
  const y = Math.floor((height - h) / 2);
  for (let row = 0; row < h; row++) {
    canvas.data.set(scaled.data.subarray(row * w * 4, (row + 1) * w * 4), ((y + row) * width + x) * 4);
  }
  return { image: canvas, x, y, width: w, height: h };
}
