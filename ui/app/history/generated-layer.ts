// Runs in the plugin iframe (pure): History's entries and how they are found.
import type { Recipe } from "../../../src/core/protocol/recipe.js";

/**
 * A generated layer as History lists it: from main's `list-generated` (every layer in the file
 * that carries a recipe, with a thumbnail of at most 96 px a side) and this session's placements.
 */
export interface GeneratedLayer {
  nodeId: string;
  name: string;
  recipe: Recipe;
  /** `data:` URL of a small PNG, or "" when there is none. */
  thumbnail: string;
  /** The page the layer is on; absent for this session's placements (they are on the current page). */
  pageName?: string;
}

/**
 * Layers grouped by page, newest first within a page, pages in the order of their newest layer
 * (`layers` must already be newest first). A layer without a page counts as the current page's.
 * @param currentPage the name to use for layers without one.
 */
export function groupByPage(layers: readonly GeneratedLayer[], currentPage: string): { page: string; layers: GeneratedLayer[] }[] {
  const groups = new Map<string, GeneratedLayer[]>();
  for (const layer of layers) {
    const page = layer.pageName ?? currentPage;
    groups.set(page, [...(groups.get(page) ?? []), layer]);
  }
  return [...groups].map(([page, list]) => ({ page, layers: list }));
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
