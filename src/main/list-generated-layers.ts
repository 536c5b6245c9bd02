// Runs in the Figma sandbox: finds brandfill's generated layers on every page for History.
import type { GeneratedLayerInfo } from "../core/protocol/plugin-messages.js";
import { RECIPE_KEY, type Recipe } from "../core/protocol/recipe.js";
import { pageOfNode } from "./page-of-node.js";
import { BRANDFILL_NAMESPACE, PAINT_RECIPE_KEY, readRecipe, SHARED_RECIPE_KEY } from "./recipe-store.js";

/** Longest side of a History thumbnail, pixels. */
const THUMBNAIL_PX = 96;

export type { GeneratedLayerInfo };

/**
 * Every layer of the file carrying a valid brandfill recipe, newest first (by `createdAt`), with its
 * page (id and name, so History can group by page), prompt, model, cost and a thumbnail. Found with
 * `figma.root.findAllWithCriteria` on the recipe keys (plugin-api.d.ts `FindAllCriteria`:
 * `sharedPluginData: { namespace, keys }` and `pluginData: { keys }` match nodes holding any of the keys)
 * after `figma.loadAllPagesAsync()`, which dynamic-page document access requires before a
 * document-wide search: no walk over every node. Shared `brandfill/recipe` and `brandfill/paint-recipe`
 * records are read, and the private `brandfill.recipe` of earlier versions. Recipes that do not parse
 * (edited by hand, or from a future version) are skipped, never thrown at the designer.
 * @param limit at most this many layers (default 100; thumbnails are made for those only).
 */
export async function listGeneratedLayersAsync(limit = 100): Promise<GeneratedLayerInfo[]> {
  await figma.loadAllPagesAsync();
  const shared = figma.root.findAllWithCriteria({ sharedPluginData: { namespace: BRANDFILL_NAMESPACE, keys: [SHARED_RECIPE_KEY, PAINT_RECIPE_KEY] } });
  const legacy = figma.root.findAllWithCriteria({ pluginData: { keys: [RECIPE_KEY] } });
  const found = new Map<string, { node: SceneNode; recipe: Recipe; page: PageNode }>();
  for (const node of [...shared, ...legacy]) {
    if (node.type === "PAGE" || found.has(node.id)) continue;
    const recipe = readRecipe(node) ?? readRecipe(node, "paint");
    const page = pageOfNode(node);
    if (recipe && page) found.set(node.id, { node, recipe, page });
  }
  const newest = [...found.values()].sort((a, b) => b.recipe.createdAt.localeCompare(a.recipe.createdAt)).slice(0, limit);
  const layers: GeneratedLayerInfo[] = [];
  for (const { node, recipe, page } of newest) {
    let thumbnail: Uint8Array | null = null;
    try {
      const wide = node.width >= node.height;
      thumbnail = await node.exportAsync({ format: "PNG", constraint: { type: wide ? "WIDTH" : "HEIGHT", value: THUMBNAIL_PX } });
    } catch {
      thumbnail = null;
    }
    layers.push({
      nodeId: node.id,
      name: node.name,
      pageId: page.id,
      pageName: page.name,
      createdAt: recipe.createdAt,
      prompt: recipe.promptTyped,
      model: recipe.model,
      costUsd: recipe.costUsd,
      recipe,
      thumbnail,
    });
  }
  return layers;
}
