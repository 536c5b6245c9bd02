import { blendMask } from "../inpaint/blend-mask.js";
import { createGreyMask, type GreyMask } from "../inpaint/grey-mask.js";
import { resizeImage } from "../raster/resize-image.js";
import type { RgbaImage } from "../raster/rgba-image.js";

/** A canvas for outpainting: the source placed on it, the margins marked for the model to paint. */
export interface OutpaintCanvas {
  /** Opaque RGBA of the canvas size: the source in its rectangle, its edge pixels repeated outwards into the margins. */
  readonly image: RgbaImage;
  /** 255 in the margins (to paint), 0 over the visible source. */
  readonly selection: GreyMask;
  /** The selection faded `featherPx` into the source, so the seam is blended (see `blendMask`). */
  readonly blend: GreyMask;
}

/** A rectangle in canvas pixels; it may reach past the canvas (that part is cut off). Sub-pixel allowed. */
export interface PlacementRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Places `source` scaled into `rect` on a canvas of `size` and marks everything else as margin.
 * The margins start as the source's nearest edge pixels (clamp-to-edge), so a model that sees
 * the picture, and the feathered seam, start from the source's own colours rather than black;
 * masked edits then repaint them. Alpha is made opaque: a background has no holes, and
 * compositing weighs by the source's alpha.
 *
 * The seam band `featherPx` wide inside the source is repainted too and faded back (the
 * `blendMask` smoothstep), which is where Krita AI Diffusion and Photoshop's generative expand
 * also blend; every source pixel farther inside keeps its resampled value exactly.
 *
 * @param source straight-alpha RGBA source background
 * @param rect where the source goes, canvas pixels (rounded to whole pixels; may overhang the canvas)
 * @param size canvas size, whole pixels ≥ 1
 * @param featherPx seam width in pixels, ≥ 0
 * @throws RangeError when the source does not overlap the canvas.
 */
export function buildOutpaintCanvas(source: RgbaImage, rect: PlacementRect, size: { width: number; height: number }, featherPx: number): OutpaintCanvas {
  const { width, height } = size;
  const rx0 = Math.round(rect.x);
  const ry0 = Math.round(rect.y);
  const rx1 = Math.round(rect.x + rect.width);
  const ry1 = Math.round(rect.y + rect.height);
  const vx0 = Math.max(0, rx0);
  const vy0 = Math.max(0, ry0);
  const vx1 = Math.min(width, rx1);
  const vy1 = Math.min(height, ry1);
  if (vx1 <= vx0 || vy1 <= vy0) {
    throw new RangeError(`The source background (placed at ${rx0}, ${ry0}, ${rx1 - rx0}×${ry1 - ry0}) does not overlap the ${width}×${height} canvas.`);
  }
  // Only the visible part of the source is resampled: the rest would be cropped anyway.
  const kx = source.width / (rx1 - rx0);
  const ky = source.height / (ry1 - ry0);
  const visible = resizeImage(source, vx1 - vx0, vy1 - vy0, {
    source: { x: (vx0 - rx0) * kx, y: (vy0 - ry0) * ky, width: (vx1 - vx0) * kx, height: (vy1 - vy0) * ky },
  });
  const vw = vx1 - vx0;
  const data = new Uint8ClampedArray(width * height * 4);
  const selection = createGreyMask(width, height);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(vy1 - 1, Math.max(vy0, y)) - vy0;
    const insideRow = y >= vy0 && y < vy1;
    for (let x = 0; x < width; x++) {
      const sx = Math.min(vx1 - 1, Math.max(vx0, x)) - vx0;
      const from = (sy * vw + sx) * 4;
      const to = (y * width + x) * 4;
      data[to] = visible.data[from]!;
      data[to + 1] = visible.data[from + 1]!;
      data[to + 2] = visible.data[from + 2]!;
      data[to + 3] = 255;
      if (!insideRow || x < vx0 || x >= vx1) selection.data[y * width + x] = 255;
    }
  }
  return { image: { width, height, data }, selection, blend: blendMask(selection, 0, featherPx) };
}
