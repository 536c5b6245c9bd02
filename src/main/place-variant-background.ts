// Runs in the Figma sandbox: puts a variant's own background in, replacing the source's cloned one.
import type { JobTarget } from "../core/protocol/plugin-messages.js";
import type { Recipe } from "../core/protocol/recipe.js";
import { VARIANT_KEY, type VariantRecord } from "../core/variants/variant-messages.js";
import { placeFillAsync } from "./place-fill.js";
import { readBrandfillData, readRecipe, SHARED_VARIANT_KEY } from "./recipe-store.js";

function readRecord(frame: SceneNode): VariantRecord | null {
  try {
    return (JSON.parse(readBrandfillData(frame, SHARED_VARIANT_KEY, VARIANT_KEY) || "null") as VariantRecord | null) ?? null;
  } catch {
    return null;
  }
}

function isVariantBackground(node: SceneNode): boolean {
  return readRecipe(node)?.kind === "variant";
}

/**
 * Places a variant's background like a fill (`placeFillAsync`: a new bottom-most rectangle at
 * the frame's size with the image, recipe and "Regenerate" relaunch data), then removes the
 * preview: the source background layers that were cloned into this variant when it was made.
 * An earlier generated background of the same variant is hidden, not deleted, so the designer
 * can compare the two.
 *
 * One call is one undo step.
 *
 * @throws PlacementError `target_missing` when the variant frame was deleted, `invalid_image` for a bad PNG.
 */
export async function placeVariantBackgroundAsync(target: JobTarget, png: Uint8Array, recipe: Recipe): Promise<SceneNode> {
  const rect = await placeFillAsync(target, png, recipe, { commitUndo: false });
  const frame = rect.parent as FrameNode;
  const record = readRecord(frame);
  const clones = new Set(record?.backgroundCloneIds ?? []);
  for (const child of [...frame.children]) {
    if (child === rect) continue;
    if (clones.has(child.id)) child.remove();
    else if (child.visible && isVariantBackground(child)) child.visible = false;
  }
  // The background and the preview it replaces are one undo step.
  figma.commitUndo();
  return rect;
}
