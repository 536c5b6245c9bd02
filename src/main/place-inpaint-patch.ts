// Runs in the Figma sandbox: lays an inpaint patch over its image as a new layer. Never edits the image.
import { IDENTITY_AFFINE, invertAffine, multiplyAffine, type Affine } from "../core/geometry/affine.js";
import { readPngSize } from "../core/image-format/read-png-size.js";
import type { InpaintTarget } from "../core/protocol/plugin-messages.js";
import type { Recipe } from "../core/protocol/recipe.js";
import type { PixelRect } from "../core/raster/crop-image.js";
import { createImageOrRefuse, fillLayerName, inInstance, PlacementError } from "./place-fill.js";
import { writeRecipe } from "./recipe-store.js";
import { sceneNodeByIdAsync } from "./scene-node-by-id.js";

/** `✦ Inpaint — <first words of the prompt>`. */
export function inpaintLayerName(prompt: string): string {
  return fillLayerName(prompt).replace(/^✦ ?/, "✦ Inpaint — ");
}

/** The page transform of the coordinate space a child of `parent` is placed in (groups have none of their own). */
function containerTransform(parent: BaseNode & ChildrenMixin): Affine {
  let p: BaseNode | null = parent;
  while (p && (p.type === "GROUP" || p.type === "BOOLEAN_OPERATION")) p = p.parent;
  return p && p.type !== "PAGE" && p.type !== "DOCUMENT" ? (p as SceneNode).absoluteTransform : IDENTITY_AFFINE;
}

/**
 * Where the patch goes: inside an image frame as its bottom-most child (above the frame's own
 * image fill, below its layers); otherwise directly above the image in its parent. Instances take
 * no new children (plugin docs, appendChild: "New parent is an instance or is inside of an
 * instance"), so an image that is, or is inside, an instance gets its patch above the outermost instance.
 */
function slotFor(node: SceneNode): { parent: BaseNode & ChildrenMixin; index: number } {
  if ((node.type === "FRAME" || node.type === "COMPONENT") && !inInstance(node)) return { parent: node, index: 0 };
  let anchor: SceneNode = node;
  for (let p = node.parent; p && p.type !== "PAGE" && p.type !== "DOCUMENT"; p = p.parent) {
    if (p.type === "INSTANCE") anchor = p;
  }
  const parent = anchor.parent!;
  return { parent, index: parent.children.indexOf(anchor) + 1 };
}

/**
 * Places one inpaint patch (ARCHITECTURE.md placement rules): a new rectangle named
 * `✦ Inpaint — <prompt>` whose IMAGE fill (`scaleMode: FILL`) is the transparent patch PNG, exactly
 * covering `bounds` of the export grid in the image layer's own coordinates, so it carries the
 * layer's rotation and lines up with the pixels whatever the fill's scale mode (the export was
 * rendered through it). Export pixel (px, py) is the layer point (px, py) / `target.scale`, stretched
 * by how much the layer was resized since. The recipe goes in plugin data with relaunch data for
 * "Regenerate"; the shapes that made the mask are hidden (not deleted); the image is not touched.
 *
 * @param target captured at export; the patch lands there even if the selection changed.
 * @param png the patch (straight-alpha PNG of exactly `bounds.width × bounds.height` pixels).
 * @param bounds the patch's place in the export, in export pixels.
 * @returns the new layer and the ids of the shapes it hid.
 * @throws PlacementError when the image was deleted, or the PNG does not match `bounds` or the export.
 */
export async function placeInpaintPatchAsync(
  target: InpaintTarget,
  png: Uint8Array,
  bounds: PixelRect,
  recipe: Recipe,
): Promise<{ node: RectangleNode; hiddenShapeIds: string[] }> {
  const node = await sceneNodeByIdAsync(target.nodeId);
  if (!node) throw new PlacementError("target_missing", "The image this patch was made for no longer exists, so nothing was placed.");
  if (bounds.x + bounds.width > target.pixelWidth || bounds.y + bounds.height > target.pixelHeight) {
    throw new PlacementError("invalid_image", `The patch reaches outside the ${target.pixelWidth}×${target.pixelHeight} px image it was made for.`);
  }
  const size = readPngSize(png);
  if (!size || size.width !== bounds.width || size.height !== bounds.height) {
    throw new PlacementError("invalid_image", `The patch must be a ${bounds.width}×${bounds.height} px PNG.`);
  }
  const image = createImageOrRefuse(png, "the patch");

  // Points per export pixel along each axis of the layer, following any resize since the export.
  const px = node.width / target.width / target.scale;
  const py = node.height / target.height / target.scale;
  const { parent, index } = slotFor(node);
  const rect = figma.createRectangle();
  try {
    rect.name = inpaintLayerName(recipe.promptTyped);
    parent.insertChild(index, rect);
    if ("layoutMode" in parent && parent.layoutMode !== "NONE") rect.layoutPositioning = "ABSOLUTE";
    rect.resize(Math.max(0.01, bounds.width * px), Math.max(0.01, bounds.height * py));
    const offset: Affine = [
      [1, 0, bounds.x * px],
      [0, 1, bounds.y * py],
    ];
    rect.relativeTransform = multiplyAffine(invertAffine(containerTransform(parent)), multiplyAffine(node.absoluteTransform, offset)) as Transform;
    rect.fills = [{ type: "IMAGE", imageHash: image.hash, scaleMode: "FILL" }];
    rect.strokes = [];
    if (parent === node) rect.constraints = { horizontal: "SCALE", vertical: "SCALE" };
    else {
      if ("constraints" in node) rect.constraints = node.constraints;
      if ("opacity" in node) rect.opacity = node.opacity;
    }
    writeRecipe(rect, recipe);
    rect.setRelaunchData({ regenerate: "Inpaint this area again from its recipe" });
  } catch (error) {
    rect.remove();
    throw error;
  }

  const hiddenShapeIds: string[] = [];
  for (const id of target.shapeIds) {
    const shape = await sceneNodeByIdAsync(id);
    if (!shape) continue;
    shape.visible = false;
    hiddenShapeIds.push(id);
  }
  // One patch, with its shapes hidden, is one undo step.
  figma.commitUndo();
  return { node: rect, hiddenShapeIds };
}
