// Runs in the Figma sandbox: inserts a generated fill as a new layer. Never edits the user's layers.
import type { JobTarget } from "../core/protocol/plugin-messages.js";
import { RECIPE_KEY, type Recipe } from "../core/protocol/recipe.js";
import { fillTargetProblem } from "./read-selection.js";

/** Figma's createImage limit (pixels per side). */
const MAX_IMAGE_EDGE = 4096;
/** Words of the prompt kept in the layer name. */
const NAME_WORDS = 6;

/** `✦ <first words of the prompt>` (ARCHITECTURE.md placement rules). */
export function fillLayerName(prompt: string): string {
  const words = prompt.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return "✦ Fill";
  return `✦ ${words.slice(0, NAME_WORDS).join(" ")}${words.length > NAME_WORDS ? "…" : ""}`;
}

export class PlacementError extends Error {
  constructor(readonly code: "target_missing" | "invalid_image", message: string) {
    super(message);
  }
}

/**
 * Places a fill (ARCHITECTURE.md, placement rules): a new rectangle at the target's size, named
 * `✦ <prompt>`, with an IMAGE fill (`scaleMode: FILL`) of the PNG, constraints SCALE/SCALE, the
 * recipe in plugin data and relaunch data for "Regenerate". In a frame it becomes the bottom-most
 * child (absolutely positioned if the frame uses auto layout, so the layout is not disturbed);
 * over a shape it goes directly above the shape with the same transform.
 *
 * @param target captured when the job started; the result lands there even if the selection changed.
 * @param png PNG bytes, at most 4096 px per side (Figma's limit).
 * @throws PlacementError when the target was deleted or the image cannot be placed.
 */
export async function placeFillAsync(target: JobTarget, png: Uint8Array, recipe: Recipe): Promise<RectangleNode> {
  const node = await figma.getNodeByIdAsync(target.nodeId);
  if (!node || node.removed || !("type" in node) || node.type === "DOCUMENT" || node.type === "PAGE") {
    throw new PlacementError("target_missing", "The frame this fill was made for no longer exists, so nothing was placed.");
  }
  const scene = node as SceneNode;
  const problem = fillTargetProblem(scene);
  if (problem) throw new PlacementError("target_missing", problem);
  if (recipe.size.width > MAX_IMAGE_EDGE || recipe.size.height > MAX_IMAGE_EDGE) {
    throw new PlacementError("invalid_image", `The image is ${recipe.size.width}×${recipe.size.height} px; Figma accepts at most ${MAX_IMAGE_EDGE}×${MAX_IMAGE_EDGE}.`);
  }
  let image: Image;
  try {
    image = figma.createImage(png);
  } catch (error) {
    throw new PlacementError("invalid_image", `Figma could not read the generated image (${(error as Error).message}).`);
  }
  const rect = figma.createRectangle();
  try {
    rect.name = fillLayerName(recipe.promptTyped);
    rect.fills = [{ type: "IMAGE", imageHash: image.hash, scaleMode: "FILL" }];
    rect.strokes = [];
    // Instances cannot take new children in Figma, so a fill for one goes above it like a shape.
    if (scene.type === "FRAME" || scene.type === "COMPONENT") {
      scene.insertChild(0, rect);
      if (scene.layoutMode !== "NONE") rect.layoutPositioning = "ABSOLUTE";
      rect.relativeTransform = [[1, 0, 0], [0, 1, 0]];
      rect.resize(scene.width, scene.height);
    } else {
      const parent = scene.parent!;
      const index = parent.children.indexOf(scene);
      parent.insertChild(index + 1, rect);
      if ("layoutMode" in parent && parent.layoutMode !== "NONE") rect.layoutPositioning = "ABSOLUTE";
      rect.resize(scene.width, scene.height);
      rect.relativeTransform = scene.relativeTransform;
    }
    rect.constraints = { horizontal: "SCALE", vertical: "SCALE" };
    rect.setPluginData(RECIPE_KEY, JSON.stringify(recipe));
    rect.setRelaunchData({ regenerate: "Generate this fill again from its recipe" });
    return rect;
  } catch (error) {
    // Nothing half-made is left behind.
    rect.remove();
    throw error;
  }
}
