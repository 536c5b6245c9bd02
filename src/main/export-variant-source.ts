// Runs in the Figma sandbox: exports the source frame's background for the variants to extend.
import { buildFrameSpec } from "../core/frame-spec/build-frame-spec.js";
import type { VariantSourceReply } from "../core/variants/variant-messages.js";
import { findVariantSourceAsync, pageOf } from "./create-variant-frames.js";
import { readSpecNode } from "./read-spec-node.js";
import { readRecipe } from "./recipe-store.js";
import { withTemporaryNodeAsync } from "./temporary-node.js";

/** Longest side of the exported background, pixels: the model sees at most 1024 px, the composite keeps detail up to this. */
const MAX_EXPORT_EDGE = 2048;

/**
 * Export settings for a layer of `width`×`height` points, scaled down to fit {@link MAX_EXPORT_EDGE},
 * in sRGB: Figma exports in the document's profile by default (Display P3 in a P3 file), and the
 * background is extended, blended and brand-locked on the colours the designer sees as hex.
 */
function exportSettings(width: number, height: number): ExportSettingsImage {
  const k = Math.min(1, MAX_EXPORT_EDGE / Math.max(width, height, 1));
  return { format: "PNG", constraint: { type: "SCALE", value: k }, colorProfile: "SRGB" };
}

/**
 * The source frame's background as the variants extend it: the layer FrameSpec names as the
 * background (a fill brandfill generated, with its recipe, or a full-bleed image layer) exported
 * on its own, or else the frame's own image fill (exported through a temporary rectangle that is
 * removed at once, see temporary-node.ts), always in sRGB. Solid and vector backgrounds give `none`: they are cloned into each variant as
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
    const recipe = readRecipe(layer);
    if (recipe || element.hasImage) {
      const png = await layer.exportAsync(exportSettings(layer.width, layer.height));
      return { kind: recipe ? "generated" : "image", png, box: { ...element.box }, elementId: element.id, frame, recipe };
    }
  }
  const fills = source.fills;
  if (Array.isArray(fills) && fills.some((p: Paint) => p.type === "IMAGE" && p.visible !== false)) {
    return withTemporaryNodeAsync(
      () => figma.createRectangle(),
      async (probe) => {
        probe.resize(source.width, source.height);
        probe.fills = fills as Paint[];
        probe.strokes = [];
        const png = await probe.exportAsync(exportSettings(source.width, source.height));
        return { kind: "image" as const, png, box: { x: 0, y: 0, ...frame }, elementId: source.id, frame, recipe: null };
      },
    );
  }
  return { kind: "none", png: null, box: null, elementId: null, frame, recipe: null };
}
