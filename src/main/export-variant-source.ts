// Runs in the Figma sandbox: exports the source frame's background for the variants to extend.
import * as v from "valibot";
import { buildFrameSpec } from "../core/frame-spec/build-frame-spec.js";
import { Recipe, RECIPE_KEY } from "../core/protocol/recipe.js";
import type { VariantSourceReply } from "../core/variants/variant-messages.js";
import { findVariantSourceAsync, pageOf } from "./create-variant-frames.js";
import { readSpecNode } from "./read-spec-node.js";

/** Longest side of the exported background, pixels: the model sees at most 1024 px, the composite keeps detail up to this. */
const MAX_EXPORT_EDGE = 2048;

/** Export settings for a layer of `width`×`height` points, scaled down to fit {@link MAX_EXPORT_EDGE}. */
function exportSettings(width: number, height: number): ExportSettingsImage {
  const k = Math.min(1, MAX_EXPORT_EDGE / Math.max(width, height, 1));
  return { format: "PNG", constraint: { type: "SCALE", value: k } };
}

function parseRecipe(text: string): Recipe | null {
  if (!text) return null;
  try {
    const parsed = v.safeParse(Recipe, JSON.parse(text));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}

/**
 * The source frame's background as the variants extend it: the layer FrameSpec names as the
 * background (a fill brandfill generated, with its recipe, or a full-bleed image layer) exported
 * on its own, or else the frame's own image fill (exported through a temporary rectangle that is
 * removed at once). Solid and vector backgrounds give `none`: they are cloned into each variant as
 * layers and need no pixels. Nothing in the document is changed.
 *
 * @throws Error `target_missing` or `invalid_source` when the frame is gone or is not a frame.
 */
export async function exportVariantSourceAsync(sourceNodeId: string): Promise<VariantSourceReply> {
  const source = await findVariantSourceAsync(sourceNodeId);
  const spec = buildFrameSpec(readSpecNode(source), pageOf(source).id);
  const frame = { width: source.width, height: source.height };
  const element = spec.elements.find((e) => e.id === spec.backgroundElementId);
  const layer = element ? source.children.find((c) => c.id === element.id) : undefined;
  if (element && layer) {
    const recipe = parseRecipe(layer.getPluginData(RECIPE_KEY));
    if (recipe || element.hasImage) {
      const png = await layer.exportAsync(exportSettings(layer.width, layer.height));
      return { kind: recipe ? "generated" : "image", png, box: { ...element.box }, elementId: element.id, frame, recipe };
    }
  }
  const fills = source.fills;
  if (Array.isArray(fills) && fills.some((p: Paint) => p.type === "IMAGE" && p.visible !== false)) {
    const probe = figma.createRectangle();
    try {
      probe.resize(source.width, source.height);
      probe.fills = fills as Paint[];
      probe.strokes = [];
      const png = await probe.exportAsync(exportSettings(source.width, source.height));
      return { kind: "image", png, box: { x: 0, y: 0, ...frame }, elementId: source.id, frame, recipe: null };
    } finally {
      probe.remove();
    }
  }
  return { kind: "none", png: null, box: null, elementId: null, frame, recipe: null };
}
