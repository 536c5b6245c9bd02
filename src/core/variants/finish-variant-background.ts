import { compositeInpaint } from "../inpaint/composite-inpaint.js";
import { fitCover } from "../raster/fit-cover.js";
import { resizeImage } from "../raster/resize-image.js";
import type { RgbaImage } from "../raster/rgba-image.js";
import { buildOutpaintCanvas, type PlacementRect } from "./build-outpaint-canvas.js";
import type { VariantBackgroundPlan } from "./plan-variant-background.js";

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
 * @param source the source background (needed for every kind but `regenerate`)
 * @param result the model's picture (needed for `outpaint` and `regenerate`)
 * @throws Error for a `none` plan, or when an image the kind needs is missing.
 */
export function finishVariantBackground(plan: VariantBackgroundPlan, source: RgbaImage | null, result: RgbaImage | null): RgbaImage {
  const { width, height } = plan.target;
  switch (plan.kind) {
    case "none":
      throw new Error("This size has no background to make: the source has no generated or image background to extend.");
    case "resize":
    case "crop":
      if (!source) throw new Error("The source background is needed to scale it to the new size.");
      return fitCover(source, width, height);
    case "regenerate":
      if (!result) throw new Error("The model's picture is needed to finish a regenerated background.");
      return fitCover(result, width, height);
    case "outpaint": {
      if (!source || !result) throw new Error("Both the source background and the model's picture are needed to finish an outpaint.");
      const rect = sourceRectInTarget(plan);
      const base = buildOutpaintCanvas(source, rect, plan.target, outpaintFeatherPx(rect));
      const kx = result.width / plan.canvas.width;
      const ky = result.height / plan.canvas.height;
      const w = plan.window;
      const x = clamp(w.x * kx, 0, result.width - 1e-6);
      const y = clamp(w.y * ky, 0, result.height - 1e-6);
      const aligned = resizeImage(result, width, height, {
        source: { x, y, width: Math.min(w.width * kx, result.width - x), height: Math.min(w.height * ky, result.height - y) },
      });
      return compositeInpaint({ source: base.image, result: aligned, blendMask: base.blend, crop: { x: 0, y: 0, width, height } }).image;
    }
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
