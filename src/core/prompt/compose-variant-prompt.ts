import type { ElementRole, KeepClearZone } from "../frame-spec/frame-spec.js";
import type { LayoutResult } from "../layout/layout-result.js";
import type { VariantBackgroundPlan } from "../variants/plan-variant-background.js";
import { composeFillPrompt, type FillPrompt } from "./compose-fill-prompt.js";

/** Roles whose placed boxes the new background must stay calm behind (as for a fill). */
const KEEP_CLEAR_ROLES: ReadonlySet<ElementRole> = new Set(["logo", "headline", "body", "cta", "image"]);

/** What the model is told about the attached picture of an `outpaint` plan (the source centred on a larger canvas, margins masked). */
export const OUTPAINT_INSTRUCTION =
  "The attached image is this design's existing background, centred on a larger canvas; the masked margins around it are empty. Extend the scene seamlessly into the margins, continuing its light, perspective, texture and colours, and leave the middle as it is.";
/** What the model is told about the attached picture of a `regenerate` plan (the source as a reference, unmasked). */
export const REGENERATE_INSTRUCTION =
  "The attached image is this design's background at another size: keep its subject, style, light and colours, and recompose it for this format.";

/** The designer's words for a size when none were typed and the source has a background picture to continue. */
export const CONTINUE_BACKGROUND_PROMPT = "Continue this background image";
/**
 * The designer's words for a size when none were typed and there is no background to continue:
 * used by `brandfill variants` without `--background` (the panel asks for a prompt instead).
 */
export const CALM_BACKGROUND_PROMPT = "A calm, softly lit abstract background";

/** Input of {@link composeVariantPrompt}. */
export interface VariantPromptInput {
  /** The designer's words: typed now, or the source fill's recipe `promptTyped`. */
  readonly userPrompt: string;
  /** The re-laid-out frame (points); its placed text, logo, button and image boxes are the keep-clear zones. */
  readonly layout: Pick<LayoutResult, "width" | "height" | "elements">;
  readonly plan: VariantBackgroundPlan;
  /** Locked brand colours `#RRGGBB`. */
  readonly palette: readonly string[];
  /** Plain colour name for a hex; hex only when absent. */
  readonly nameColour?: (hex: string) => string;
}

/**
 * The prompt for one size's background: `composeFillPrompt` over the model's canvas (its aspect
 * and pixel size), with the keep-clear zones of the NEW layout mapped from the frame onto the
 * canvas (the frame is the canvas's centred window), then the instruction for the attached
 * picture (outpaint or regenerate). `keepClear` is relative to the canvas, which is the request's
 * `width`×`height`, as the proxy expects.
 */
export function composeVariantPrompt(input: VariantPromptInput): FillPrompt {
  const { layout, plan } = input;
  const w = plan.window;
  const kx = w.width / layout.width;
  const ky = w.height / layout.height;
  const keepClear: KeepClearZone[] = layout.elements
    .filter((e) => KEEP_CLEAR_ROLES.has(e.role) && e.box.width > 0 && e.box.height > 0)
    .map((e) => ({ elementId: e.id, role: e.role, box: { x: w.x + e.box.x * kx, y: w.y + e.box.y * ky, width: e.box.width * kx, height: e.box.height * ky } }));
  const composed = composeFillPrompt({
    userPrompt: input.userPrompt,
    spec: { width: plan.canvas.width, height: plan.canvas.height, keepClear },
    palette: input.palette,
    ...(input.nameColour ? { nameColour: input.nameColour } : {}),
  });
  const instruction = plan.kind === "outpaint" ? OUTPAINT_INSTRUCTION : plan.kind === "regenerate" ? REGENERATE_INSTRUCTION : null;
  return instruction ? { ...composed, prompt: `${composed.prompt}\n${instruction}` } : composed;
}
