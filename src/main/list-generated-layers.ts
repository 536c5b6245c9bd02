// Runs in the Figma sandbox: finds brandfill's generated layers on the current page for History.
import * as v from "valibot";
import { Recipe, RECIPE_KEY } from "../core/protocol/recipe.js";

/** Longest side of a History thumbnail, pixels. */
const THUMBNAIL_PX = 96;

export interface GeneratedLayerInfo {
  nodeId: string;
  name: string;
  recipe: Recipe;
  /** PNG of at most 96 px a side, or null when the layer cannot be exported. */
  thumbnail: Uint8Array | null;
}

/**
 * Every layer of the current page whose plugin data holds a valid recipe, newest first.
 * Layers whose recipe does not parse (edited by hand, or from a future version) are skipped,
 * never thrown at the designer.
 * @param limit at most this many layers (default 100), so a huge page stays quick.
 */
export async function listGeneratedLayersAsync(limit = 100): Promise<GeneratedLayerInfo[]> {
  const found: { node: SceneNode; recipe: Recipe }[] = [];
  for (const node of figma.currentPage.findAll((n) => n.getPluginData(RECIPE_KEY) !== "")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(node.getPluginData(RECIPE_KEY));
    } catch {
      continue;
    }
    const recipe = v.safeParse(Recipe, parsed);
    if (recipe.success) found.push({ node, recipe: recipe.output });
  }
  found.sort((a, b) => b.recipe.createdAt.localeCompare(a.recipe.createdAt));
  const layers: GeneratedLayerInfo[] = [];
  for (const { node, recipe } of found.slice(0, limit)) {
    let thumbnail: Uint8Array | null = null;
    try {
      const wide = node.width >= node.height;
      thumbnail = await node.exportAsync({ format: "PNG", constraint: { type: wide ? "WIDTH" : "HEIGHT", value: THUMBNAIL_PX } });
    } catch {
      thumbnail = null;
    }
    layers.push({ nodeId: node.id, name: node.name, recipe, thumbnail });
  }
  return layers;
}
