import { chooseProviderSize, type ProviderSize } from "../catalog/choose-provider-size.js";
import { estimateCostUsd } from "../catalog/estimate-cost.js";
import type { ModelEntry, Quality } from "../catalog/model-catalog.js";
import type { PixelRect } from "../raster/crop-image.js";
import type { SourceRect } from "../raster/resize-image.js";
import { FIGMA_MAX_IMAGE_EDGE_PX } from "../raster/figma-image-limit.js";

/**
 * What the designer chose for the backgrounds of a batch:
 * - `extend`: keep the source background and outpaint it to each new aspect;
 * - `regenerate`: a new picture per size from the recipe's prompt, with the source as reference.
 */
export type VariantBackgroundMode = "extend" | "regenerate";

/**
 * How one size's background is made:
 * - `none`: nothing to make (extend was asked, the source has no generated or image background);
 * - `resize`: the source already has the target's aspect, it is only scaled (no model call);
 * - `crop`: the source, scaled to cover, already fills the target (no model call);
 * - `outpaint`: the source is placed on a larger canvas and the model paints the margins (masked edit);
 * - `regenerate`: the model makes a new picture with the source as reference (unmasked edit).
 */
export type VariantPlanKind = "none" | "resize" | "crop" | "outpaint" | "regenerate";

/** The plan for one size's background. Sizes in pixels. */
export interface VariantBackgroundPlan {
  readonly kind: VariantPlanKind;
  /** The background's final pixel size (the variant frame at scale 1). */
  readonly target: { readonly width: number; readonly height: number };
  /**
   * What is asked of the model (the request's `width`/`height`): an aspect the model can make,
   * the nearest to the target's, large enough that `window` covers the target's pixels.
   * Equal to `target` when no model is called.
   */
  readonly canvas: { readonly width: number; readonly height: number };
  /** The size of the edit image sent to the model (the canvas scaled to at most {@link MAX_MODEL_INPUT_EDGE} px). */
  readonly modelInput: { readonly width: number; readonly height: number };
  /** The centred part of the canvas that becomes the target (cover crop), canvas pixels, sub-pixel. */
  readonly window: SourceRect;
  /**
   * Where the source background sits on the canvas (`outpaint` only): centred, whole pixels;
   * contained, or larger and overhanging when containing would leave most of the canvas to invent.
   */
  readonly sourceRect: PixelRect | null;
  /** What the proxy will ask the provider for (null without a model call). */
  readonly providerSize: ProviderSize | null;
  /** Estimated USD of this size: 0 without a model call, null when the price is unknown. */
  readonly costUsd: number | null;
}

/** Input of {@link planVariantBackground}. Sizes in pixels. */
export interface VariantPlanInput {
  readonly model: ModelEntry;
  readonly target: { readonly width: number; readonly height: number };
  /** The source background's pixel size, or null when the source has no generated or image background. */
  readonly source: { readonly width: number; readonly height: number } | null;
  readonly mode: VariantBackgroundMode;
  readonly quality?: Quality;
}

/**
 * Largest edge of the image (and mask) sent to an edit, pixels. The model only needs it for
 * context: the exact source pixels are composited back locally at the target's resolution, so a
 * larger upload only costs encoding time and bandwidth (OpenAI's mask must stay under 4 MB: PROVIDERS.md).
 */
export const MAX_MODEL_INPUT_EDGE = 1024;
/** Largest canvas edge: Figma's image limit, which every request must respect. */
const MAX_EDGE = FIGMA_MAX_IMAGE_EDGE_PX;
/**
 * Two aspects closer than this on a log scale count as equal (2 %: 1080×1080 vs 1200×1200 is 0,
 * 1200×628 vs 1.91:1 is 0.0005); the difference disappears in the cover crop.
 */
const SAME_ASPECT = 0.02;

/**
 * Plans one size's background (pure, deterministic). With `extend` the source background is
 * kept: scaled when the aspect already matches, cover-cropped when that already fills the target
 * (the model could not get nearer), otherwise outpainted on a canvas of the aspect the model can
 * make nearest to the target (for 728×90 on GPT Image, whose widest is 3:1, the canvas is 3:1 and
 * its centre strip is cropped to 8:1 afterwards). With `regenerate` the model makes a picture at
 * that same canvas, cropped the same way.
 *
 * @throws Error when the target is not whole pixels 1–4096.
 */
export function planVariantBackground(input: VariantPlanInput): VariantBackgroundPlan {
  const { model, target, source, mode } = input;
  if (![target.width, target.height].every((v) => Number.isInteger(v) && v >= 1 && v <= MAX_EDGE)) {
    throw new Error(`A variant background must be whole pixels from 1 to ${MAX_EDGE} a side, got ${target.width}×${target.height}.`);
  }
  const targetAspect = target.width / target.height;
  const local = (kind: VariantPlanKind): VariantBackgroundPlan => ({
    kind,
    target: { ...target },
    canvas: { ...target },
    modelInput: { ...target },
    window: { x: 0, y: 0, width: target.width, height: target.height },
    sourceRect: null,
    providerSize: null,
    costUsd: 0,
  });
  if (mode === "extend" && !source) return local("none");
  if (mode === "extend" && source && Math.abs(Math.log(targetAspect / (source.width / source.height))) <= SAME_ASPECT) return local("resize");

  const reachable = chooseProviderSize(model, target);
  const canvasAspect = Math.abs(Math.log(reachable.width / reachable.height / targetAspect)) <= SAME_ASPECT ? targetAspect : reachable.width / reachable.height;
  const canvas = canvasCovering(target, canvasAspect);
  const window = centredWindow(canvas, targetAspect);
  let sourceRect: PixelRect | null = null;
  if (mode === "extend" && source) {
    sourceRect = containRect(source, canvas);
    if (coversWindow(sourceRect, window)) return local("crop");
  }
  const modelInput = scaleToEdge(canvas, MAX_MODEL_INPUT_EDGE);
  const providerSize = chooseProviderSize(model, canvas);
  return {
    kind: sourceRect ? "outpaint" : "regenerate",
    target: { ...target },
    canvas,
    modelInput,
    window,
    sourceRect,
    providerSize,
    costUsd: estimateCostUsd(model, providerSize, input.quality, 1),
  };
}

/** The smallest canvas of `aspect` whose centred cover window is the target, capped at 4096 px. */
function canvasCovering(target: { width: number; height: number }, aspect: number): { width: number; height: number } {
  let width = aspect >= target.width / target.height ? target.height * aspect : target.width;
  let height = width / aspect;
  const shrink = Math.min(1, MAX_EDGE / width, MAX_EDGE / height);
  width = Math.max(1, Math.round(width * shrink));
  height = Math.max(1, Math.round(height * shrink));
  return { width, height };
}

/** The centred rectangle of `aspect` that just fits inside `outer` (cover crop). */
function centredWindow(outer: { width: number; height: number }, aspect: number): SourceRect {
  const width = Math.min(outer.width, outer.height * aspect);
  const height = Math.min(outer.height, outer.width / aspect);
  return { x: (outer.width - width) / 2, y: (outer.height - height) / 2, width, height };
}

/**
 * Least share of the canvas's looser side the source spans when extended: a photo is scaled past
 * "contain" (cropping its sides) until it spans at least this much, so a landscape photo in a
 * story is not a thin letterbox in a sea of invented margins.
 */
const MIN_SPAN_SHARE = 0.6;

/**
 * The source scaled to fit inside the canvas, or further (up to {@link MIN_SPAN_SHARE} of the
 * cover scale) when fitting would leave most of the canvas to invent; centred, whole pixels (it may
 * overhang the canvas on the tighter side).
 */
function containRect(source: { width: number; height: number }, canvas: { width: number; height: number }): PixelRect {
  const kx = canvas.width / source.width;
  const ky = canvas.height / source.height;
  // Contain (the smaller factor), or MIN_SPAN_SHARE of cover (the larger) when that is larger.
  const scale = Math.max(Math.min(kx, ky), MIN_SPAN_SHARE * Math.max(kx, ky));
  const width = Math.max(1, Math.round(source.width * scale));
  const height = Math.max(1, Math.round(source.height * scale));
  return { x: Math.floor((canvas.width - width) / 2), y: Math.floor((canvas.height - height) / 2), width, height };
}

/** Whether the window lies inside the rectangle, give or take one pixel of rounding. */
function coversWindow(rect: PixelRect, window: SourceRect): boolean {
  return rect.x <= window.x + 1 && rect.y <= window.y + 1 && rect.x + rect.width >= window.x + window.width - 1 && rect.y + rect.height >= window.y + window.height - 1;
}

/** The size scaled down (never up) so its longer edge is at most `edge`, whole pixels. */
function scaleToEdge(size: { width: number; height: number }, edge: number): { width: number; height: number } {
  const k = Math.min(1, edge / Math.max(size.width, size.height));
  return { width: Math.max(1, Math.round(size.width * k)), height: Math.max(1, Math.round(size.height * k)) };
}
