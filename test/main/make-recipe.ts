import type { Recipe } from "../../src/core/protocol/recipe.js";

/**
 * A recipe as main stores it on a generated layer, for tests: an offline 300×100 fill of node 1:2 with the prompt
 * sent as typed, no references, palette or cost, unless `over` says otherwise.
 */
export function makeRecipe(over: Partial<Recipe> = {}): Recipe {
  const prompt = over.promptTyped ?? "a prompt";
  return {
    version: 1,
    kind: "fill",
    promptTyped: prompt,
    promptSent: prompt,
    model: "offline",
    provider: "offline",
    size: { width: 300, height: 100 },
    providerRequest: {},
    references: [],
    palette: [],
    costUsd: 0,
    createdAt: "2026-11-21T00:00:00.000Z",
    watermark: null,
    sourceNodeId: "1:2",
    ...over,
  };
}
