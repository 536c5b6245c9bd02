// Runs in the Figma sandbox: exports an inpaint job's image and mask, leaving the document as it was.
import { IDENTITY_AFFINE, invertAffine, multiplyAffine } from "../core/geometry/affine.js";
import { readPngSize } from "../core/image-format/read-png-size.js";
import type { InpaintSources } from "../core/protocol/plugin-messages.js";
import { readInpaintSelectionAsync, type InpaintSelection } from "./read-inpaint-selection.js";
import { withTemporaryNodeAsync } from "./temporary-node.js";

const WHITE: SolidPaint = { type: "SOLID", color: { r: 1, g: 1, b: 1 } };
const BLACK: SolidPaint = { type: "SOLID", color: { r: 0, g: 0, b: 0 } };
/** Shapes whose outline encloses an area: that area is the mask even if the shape has only a stroke. */
const CLOSED_SHAPES = new Set<NodeType>(["RECTANGLE", "ELLIPSE", "POLYGON", "STAR", "BOOLEAN_OPERATION"]);

/** A selection that cannot be inpainted, with the sentence saying what to select. */
export class InpaintSelectionError extends Error {
  // Assigned, not a class field (see PlacementError in place-fill.ts).
  declare readonly code: "invalid_selection";
  constructor(message: string) {
    super(message);
    this.code = "invalid_selection";
  }
}

const hasVisible = (paints: readonly Paint[] | PluginAPI["mixed"]) => Array.isArray(paints) && paints.some((p) => p.visible !== false);

/** Everything a clone might draw besides its plain geometry, switched off (shadows would grow the mask). */
function plain(node: SceneNode): void {
  node.visible = true;
  if ("opacity" in node) node.opacity = 1;
  if ("blendMode" in node) node.blendMode = "NORMAL";
  if ("effects" in node) node.effects = [];
  if ("isMask" in node) node.isMask = false;
}

/**
 * Paints a clone of a marking shape white: closed shapes (and boolean groups) over their whole
 * area, open vectors and lines where they had a fill or a stroke, so a pencil stroke masks only
 * its line. Groups are painted through their children.
 */
function paintWhite(node: SceneNode): void {
  if (node.type === "GROUP") {
    for (const child of node.children) if (child.visible) paintWhite(child);
    return;
  }
  const geometry = node as SceneNode & MinimalFillsMixin & MinimalStrokesMixin;
  const hadStroke = hasVisible(geometry.strokes);
  geometry.fills = CLOSED_SHAPES.has(node.type) || hasVisible(geometry.fills) ? [WHITE] : [];
  geometry.strokes = hadStroke ? [WHITE] : [];
}

/**
 * Exports the inpaint sources of the current selection (see `readInpaintSelectionAsync`):
 *
 * - **image**: the image layer rendered in its own frame of reference (unrotated, its box at the
 *   origin) at its native density, so crop, fit and tiling look as on the canvas. It is a clone
 *   with its fills only: strokes, effects, opacity and children are left out.
 * - **mask**: the selected shapes cloned white onto a black frame of the image layer's size, each
 *   placed by `inverse(image.absoluteTransform) · shape.absoluteTransform`, so a rotated image gets
 *   its shapes in its own pixel grid; exported at the same scale, so the two PNGs have exactly the
 *   same pixel size.
 *
 * The clones live in one temporary frame (temporary-node.ts: off-screen, locked, removed in a
 * `finally` even when an export fails, and at the next start if the plugin was closed meanwhile);
 * both PNGs are sRGB. The user's image and shapes are never modified.
 *
 * @throws InpaintSelectionError (code `invalid_selection`) with a sentence saying what to select;
 *   Error with a sentence when Figma cannot export.
 */
export async function exportInpaintSourcesAsync(): Promise<InpaintSources> {
  const found = await readInpaintSelectionAsync();
  if ("problem" in found) throw new InpaintSelectionError(found.problem);
  const { image, shapes } = found;
  return withTemporaryNodeAsync(
    () => figma.createFrame(),
    async (frame) => {
      frame.fills = [];
      frame.clipsContent = true;
      frame.resizeWithoutConstraints(image.width, image.height);

      const copy = image.clone();
      frame.appendChild(copy);
      copy.relativeTransform = IDENTITY_AFFINE as Transform;
      plain(copy);
      if ("strokes" in copy) copy.strokes = [];
      if ("children" in copy) for (const child of copy.children) child.visible = false;
      const imagePng = await exportOrExplainAsync(frame, found, image.name);
      copy.remove();

      frame.fills = [BLACK];
      const toImage = invertAffine(image.absoluteTransform);
      for (const shape of shapes) {
        const clone = shape.clone();
        frame.appendChild(clone);
        clone.relativeTransform = multiplyAffine(toImage, shape.absoluteTransform) as Transform;
        plain(clone);
        paintWhite(clone);
      }
      const maskPng = await exportOrExplainAsync(frame, found, image.name);

      const a = readPngSize(imagePng);
      const b = readPngSize(maskPng);
      if (!a || !b || a.width !== b.width || a.height !== b.height) {
        throw new Error(`Figma exported the image and the mask of “${image.name}” at different sizes, so they cannot be matched. Try again.`);
      }
      const target = {
        nodeId: image.id,
        pageId: figma.currentPage.id,
        width: image.width,
        height: image.height,
        scale: found.scale,
        pixelWidth: a.width,
        pixelHeight: a.height,
        shapeIds: shapes.map((s) => s.id),
      };
      return { target, image: imagePng, mask: maskPng, notes: found.note ? [found.note] : [] };
    },
  );
}

/** Exports the temporary frame at the selection's density; a failure becomes a sentence. */
async function exportOrExplainAsync(frame: FrameNode, selection: InpaintSelection, name: string): Promise<Uint8Array> {
  try {
    // sRGB whatever the document's profile (Figma's default export is the document's, Display P3 in a P3
    // file): the brand lock and the blend measure the colours the designer sees as hex.
    return await frame.exportAsync({ format: "PNG", constraint: { type: "SCALE", value: selection.scale }, colorProfile: "SRGB" });
  } catch (error) {
    throw new Error(`Figma could not export “${name}” for inpainting (${(error as Error)?.message ?? "unknown error"}). Nothing was changed.`);
  }
}
