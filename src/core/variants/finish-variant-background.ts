import { compositeInpaint } from "../inpaint/composite-inpaint.js";
import { fitCover } from "../raster/fit-cover.js";
import { cropImage } from "../raster/crop-image.js";
import type { RgbaImage } from "../raster/rgba-image.js";
import { buildOutpaintCanvas, type PlacementRect } from "./build-outpaint-canvas.js";
import type { VariantBackgroundPlan } from "./plan-variant-background.js";
import { sourceLevelFor, type SourcePyramid } from "./source-pyramid.js";

/**
 * Seam width of an outpaint, pixels: 2 % of the visible source's shorter side, 2–32 px. Wide
 * enough to hide a change of grain, narrow enough to keep the source's detail.
 */
export function outpaintFeatherPx(rect: { width: number; height: number }): number {
  return Math.min(32, Math.max(2, Math.round(0.02 * Math.min(rect.width, rect.height))));
}

/**
 * Where the plan's source rectangle lands in target pixels (the window is what the target shows).
 * @throws Error when the plan has no source rectangle.
 */
export function sourceRectInTarget(plan: VariantBackgroundPlan): PlacementRect {
  if (!plan.sourceRect) throw new Error("Only an outpaint plan places the source background on a canvas.");
  const k = plan.target.width / plan.window.width;
  const r = plan.sourceRect;
  return { x: (r.x - plan.window.x) * k, y: (r.y - plan.window.y) * k, width: r.width * k, height: r.height * k };
}

/**
 * Makes the final background of one size, `plan.target` pixels, straight-alpha RGBA:
 * - `resize` / `crop`: the source scaled to cover the target (no model picture);
 * - `regenerate`: the model's picture scaled to cover the target (its centre kept);
 * - `outpaint`: the source at its place on the target, the model's picture (of the whole
 *   canvas, any size) cut to the plan's window and blended in through the feathered margin
 *   mask. Pixels of the source farther than the feather from a margin are the resampled source,
 *   exactly (`compositeInpaint`'s guarantee), whatever the model did there.
 *
 * @param source the source background, or its pyramid (needed for every kind but `regenerate`)
 * @param result the model's picture (needed for `outpaint` and `regenerate`)
 * @throws Error for a `none` plan, or when an image the kind needs is missing.
 */
export function finishVariantBackground(plan: VariantBackgroundPlan, source: RgbaImage | SourcePyramid | null, result: RgbaImage | null): RgbaImage {
  const { width, height } = plan.target;
  switch (plan.kind) {
    case "none":
      throw new Error("This size has no background to make: the source has no generated or image background to extend.");
    case "resize":
    case "crop":
      if (!source) throw new Error("The source background is needed to scale it to the new size.");
      return fitCover(sourceLevelFor(source, width, height), width, height);
    case "regenerate":
      if (!result) throw new Error("The model's picture is needed to finish a regenerated background.");
      // A picture the proxy already fitted to this size is placed as it is (no resampling).
      return result.width === width && result.height === height ? result : fitCover(result, width, height);
    case "outpaint": {
      if (!source || !result) throw new Error("Both the source background and the model's picture are needed to finish an outpaint.");
      const rect = sourceRectInTarget(plan);
      const base = buildOutpaintCanvas(sourceLevelFor(source, rect.width, rect.height), rect, plan.target, outpaintFeatherPx(rect));
      // The model's picture stands for the whole canvas; only its window part is the frame. Cutting
      // it out (whole result pixels) and letting the composite stretch it over the frame resamples
      // just the margin tiles, not the whole picture.
      const kx = result.width / plan.canvas.width;
      const ky = result.height / plan.canvas.height;
      const w = plan.window;
      const x0 = clamp(Math.round(w.x * kx), 0, result.width - 1);
      const y0 = clamp(Math.round(w.y * ky), 0, result.height - 1);
      const x1 = clamp(Math.round((w.x + w.width) * kx), x0 + 1, result.width);
      const y1 = clamp(Math.round((w.y + w.height) * ky), y0 + 1, result.height);
      const windowed = x0 === 0 && y0 === 0 && x1 === result.width && y1 === result.height ? result : cropImage(result, { x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
      return compositeInpaint({ source: base.image, result: windowed, blendMask: base.blend, crop: { x: 0, y: 0, width, height } }).image;
    }
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
