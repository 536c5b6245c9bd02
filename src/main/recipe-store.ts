// Runs in the Figma sandbox: where a generated layer's recipe lives in the file.
import * as v from "valibot";
import { Recipe, RECIPE_KEY } from "../core/protocol/recipe.js";

/**
 * Shared plugin-data namespace of every brandfill record. Private plugin data belongs to the plugin id
 * ("Plugins with other IDs won't be able to read this data", plugin docs, setPluginData), and the id
 * Figma assigns at publishing is not the development id, so recipes are shared data under this namespace.
 */
export const BRANDFILL_NAMESPACE = "brandfill";
/** Shared key of a generated layer's recipe (JSON). */
export const SHARED_RECIPE_KEY = "recipe";
/**
 * Shared key of the recipe of an image paint brandfill added to a layer it could not add a layer to
 * (a layer inside a component instance): the layer itself stays the user's, so it is not marked generated.
 */
export const PAINT_RECIPE_KEY = "paint-recipe";
/** Shared key listing the image hashes of the paints brandfill added to that layer (JSON array). */
export const PAINT_HASHES_KEY = "paint-hashes";

/** Shared key of a variant frame's record (`VariantRecord` JSON). */
export const SHARED_VARIANT_KEY = "variant";
/** Shared key, on the document, of the ad sizes last chosen for variants (JSON array of tokens). */
export const SHARED_VARIANT_SIZES_KEY = "variant-sizes";

/**
 * Shared `brandfill/<key>` data of a node, else the private data an earlier version wrote under
 * `legacyKey` (readable only under the development plugin id). "" when there is neither.
 */
export function readBrandfillData(node: BaseNode, key: string, legacyKey: string): string {
  return node.getSharedPluginData(BRANDFILL_NAMESPACE, key) || node.getPluginData(legacyKey);
}

/** Writes shared `brandfill/<key>` data and clears the legacy private copy, so one record holds. */
export function writeBrandfillData(node: BaseNode, key: string, value: string, legacyKey: string): void {
  node.setSharedPluginData(BRANDFILL_NAMESPACE, key, value);
  if (node.getPluginData(legacyKey)) node.setPluginData(legacyKey, "");
}

/** Which record to read: a generated layer's own recipe, or the recipe of a paint added to a user's layer. */
export type RecipeSlot = "layer" | "paint";

/**
 * The recipe text of a node: the shared `brandfill/recipe` (or `brandfill/paint-recipe`), else the
 * private `brandfill.recipe` earlier versions wrote under the development id. "" when there is none.
 */
export function readRecipeText(node: BaseNode, slot: RecipeSlot = "layer"): string {
  if (slot === "paint") return node.getSharedPluginData(BRANDFILL_NAMESPACE, PAINT_RECIPE_KEY);
  return readBrandfillData(node, SHARED_RECIPE_KEY, RECIPE_KEY);
}

/** Whether brandfill generated this layer (it carries a layer recipe, shared or legacy). */
export function isGeneratedLayer(node: BaseNode): boolean {
  return readRecipeText(node) !== "";
}

/**
 * The node's recipe, validated; null when there is none or it does not parse (edited by hand, or
 * written by a future version): never an error for the designer.
 */
export function readRecipe(node: BaseNode, slot: RecipeSlot = "layer"): Recipe | null {
  const text = readRecipeText(node, slot);
  if (!text) return null;
  try {
    const parsed = v.safeParse(Recipe, JSON.parse(text));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}

/**
 * Stores a recipe as shared plugin data (`brandfill` namespace) and clears the legacy private key,
 * so one record holds. Figma limits each entry to 100 kB; a recipe holds prompts and numbers, no images.
 * @throws Error from Figma when the entry is too large.
 */
export function writeRecipe(node: BaseNode, recipe: Recipe, slot: RecipeSlot = "layer"): void {
  if (slot === "paint") node.setSharedPluginData(BRANDFILL_NAMESPACE, PAINT_RECIPE_KEY, JSON.stringify(recipe));
  else writeBrandfillData(node, SHARED_RECIPE_KEY, JSON.stringify(recipe), RECIPE_KEY);
}
