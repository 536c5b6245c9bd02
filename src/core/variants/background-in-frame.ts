import { cropImage } from "../raster/crop-image.js";
import type { RgbaImage } from "../raster/rgba-image.js";

/**
 * The part of an exported background layer that shows inside its frame. A full-bleed image often
 * overhangs the frame by a few points (a 759 pt wide picture in a 725 pt poster); what extends
 * must be what the designer sees, so the overhang is cut off.
 *
 * @param image the layer exported on its own (any scale: pixels are mapped through its box)
 * @param box the layer's bounds in the frame, points (may reach outside the frame)
 * @param frame the frame's size, points
 * @returns the visible part, or the image itself when it lies inside the frame
 * @throws RangeError when the layer does not overlap the frame.
 */
export function backgroundInFrame(image: RgbaImage, box: { x: number; y: number; width: number; height: number }, frame: { width: number; height: number }): RgbaImage {
  const kx = image.width / box.width;
  const ky = image.height / box.height;
  const x0 = Math.max(0, Math.round(-box.x * kx));
  const y0 = Math.max(0, Math.round(-box.y * ky));
  const x1 = Math.min(image.width, Math.round((frame.width - box.x) * kx));
  const y1 = Math.min(image.height, Math.round((frame.height - box.y) * ky));
  if (x1 <= x0 || y1 <= y0) throw new RangeError("The background layer lies outside its frame, so there is nothing of it to extend.");
  if (x0 === 0 && y0 === 0 && x1 === image.width && y1 === image.height) return image;
  return cropImage(image, { x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
}
