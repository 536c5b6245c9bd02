import { openAiMaskPng } from "../inpaint/open-ai-mask-png.js";
import { resizeImage } from "../raster/resize-image.js";
import type { RgbaImage } from "../raster/rgba-image.js";
import { buildOutpaintCanvas } from "./build-outpaint-canvas.js";
import { outpaintFeatherPx } from "./finish-variant-background.js";
import { MAX_MODEL_INPUT_EDGE, type VariantBackgroundPlan } from "./plan-variant-background.js";
import { sourceLevelFor, type SourcePyramid } from "./source-pyramid.js";

/** The pictures of one size's edit request (encode each with a `PngCodec` to send it). */
export interface VariantModelInput {
  /** The edit's `image`: the outpaint canvas, or the source as reference. */
  readonly image: RgbaImage;
  /** The edit's `mask` (alpha 0 = paint here, same size as `image`), for an outpaint; null otherwise. */
  readonly mask: RgbaImage | null;
}

/**
 * What one size sends to the model, at most {@link MAX_MODEL_INPUT_EDGE} px a side:
 * - `outpaint`: the canvas at `plan.modelInput` with the source in the middle and its edges
 *   repeated into the margins (the offline model continues it mirrored and out of focus itself,
 *   `extendByReflection`; the panel's 150 KB budget has no room for that here), and the OpenAI-style mask marking the margins plus the
 *   feathered seam (Gemini, which has no mask parameter, gets the same picture and is told in
 *   the prompt; brandfill's composite keeps the source either way);
 * - `regenerate`: the source background itself, scaled down to fit, as the reference.
 *
 * @param source the source background, or its pyramid
 * @throws Error for plans that call no model (`none`, `resize`, `crop`).
 */
export function variantModelInput(plan: VariantBackgroundPlan, source: RgbaImage | SourcePyramid): VariantModelInput {
  if (plan.kind === "regenerate") {
    const full = "levels" in source ? source.levels[0]! : source;
    const k = Math.min(1, MAX_MODEL_INPUT_EDGE / Math.max(full.width, full.height));
    const width = Math.max(1, Math.round(full.width * k));
    const height = Math.max(1, Math.round(full.height * k));
    const level = sourceLevelFor(source, width, height);
    return { image: k < 1 || level !== full ? resizeImage(level, width, height) : full, mask: null };
  }
  if (plan.kind !== "outpaint" || !plan.sourceRect) throw new Error(`A ${plan.kind} plan sends nothing to a model.`);
  const k = plan.modelInput.width / plan.canvas.width;
  const r = plan.sourceRect;
  const rect = { x: r.x * k, y: r.y * k, width: r.width * k, height: r.height * k };
  const canvas = buildOutpaintCanvas(sourceLevelFor(source, rect.width, rect.height), rect, plan.modelInput, outpaintFeatherPx(rect));
  const mask = openAiMaskPng(canvas.blend, { x: 0, y: 0, width: plan.modelInput.width, height: plan.modelInput.height });
  return { image: canvas.image, mask };
}
