// Runs in the plugin iframe (pure): History's entries and how they are found.
import type { Recipe } from "../../../src/core/protocol/recipe.js";

/**
 * A generated layer as History lists it. Today the panel knows the layers placed in this
 * session; the proposed main request `list-generated` (see the report / README) would return
 * the same shape for every layer on the current page that carries a recipe:
 *
 *   request  { type: "list-generated", query?: string, limit?: number }
 *   reply    { layers: { nodeId, name, recipe: Recipe, thumbnail: Uint8Array | null }[] }
 *
 * with `thumbnail` a PNG of at most 96 px a side from `exportAsync` (null when export fails).
 */
export interface GeneratedLayer {
  nodeId: string;
  name: string;
  recipe: Recipe;
  /** `data:` URL of a small PNG, or "" when there is none. */
  thumbnail: string;
}

/** Layers whose typed prompt (or layer name) holds every word of the query, newest first. */
export function searchGeneratedLayers(layers: readonly GeneratedLayer[], query: string): GeneratedLayer[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return layers
    .filter((layer) => {
      const text = `${layer.recipe.promptTyped} ${layer.name}`.toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => b.recipe.createdAt.localeCompare(a.recipe.createdAt));
}

/** "21 Nov, 05:10": when a recipe was made, in the designer's locale and time zone. */
export function formatCreatedAt(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return `${date.toLocaleDateString(undefined, { day: "numeric", month: "short" })}, ${date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })}`;
}
