/** A model id that no longer works, and the catalog id to use instead. */
export interface RetiredModel {
  /** The catalog id a recipe naming the retired model regenerates with. */
  replacement: string;
  /** Another catalog id the provider names as a successor, when it names two. */
  alternative?: string;
  /** Shutdown date (ISO 8601), where the provider published one. */
  shutDown?: string;
}

/**
 * Ids that no longer work, with what to use instead. Sources: openai 7.55 `ImageModel`
 * deprecation notes (gpt-image-1 shut down 2026-10-23 → 2.5 sunburst or flare; dall-e-2/3
 * retired 2026-05-12); OpenAI's deprecations page as of 2026-12-07 (gpt-image-1-mini,
 * gpt-image-1.5 and chatgpt-image-latest shut down 2026-12-01 → 2.6 sunburst or flare; the
 * SDK still lists them); Google's deprecation pages as quoted by issue 15
 * (gemini-2.5-flash-image shut down 2026-10-02, gemini-3.1-flash-image 2026-10-29, both →
 * gemini-nano-banana-2.1, the current Nano Banana 2; gemini-3-pro-image-preview 2026-06-25 →
 * gemini-3-pro-image). Older preview ids point at today's successor, not at another retired id.
 * Kept apart from the catalog so the panel can map a recipe's model without bundling the catalog.
 */
export const RETIRED_MODELS: Readonly<Record<string, RetiredModel>> = {
  "gpt-image-1": { replacement: "gpt-image-2.5-sunburst", alternative: "gpt-image-2.5-flare", shutDown: "2026-10-23" },
  "gpt-image-1-mini": { replacement: "gpt-image-2.6-flare", alternative: "gpt-image-2.6-sunburst", shutDown: "2026-12-01" },
  "gpt-image-1.5": { replacement: "gpt-image-2.6-sunburst", alternative: "gpt-image-2.6-flare", shutDown: "2026-12-01" },
  "chatgpt-image-latest": { replacement: "gpt-image-2.6-sunburst", alternative: "gpt-image-2.6-flare", shutDown: "2026-12-01" },
  "dall-e-2": { replacement: "gpt-image-2", shutDown: "2026-05-12" },
  "dall-e-3": { replacement: "gpt-image-2", shutDown: "2026-05-12" },
  "gemini-2.5-flash-image": { replacement: "gemini-nano-banana-2.1", shutDown: "2026-10-02" },
  "gemini-3.1-flash-image": { replacement: "gemini-nano-banana-2.1", shutDown: "2026-10-29" },
  "gemini-3-pro-image-preview": { replacement: "gemini-3-pro-image", shutDown: "2026-06-25" },
  "gemini-3.1-flash-image-preview": { replacement: "gemini-nano-banana-2.1" },
  "gemini-2.5-flash-image-preview": { replacement: "gemini-nano-banana-2.1" },
  "gemini-2.0-flash-preview-image-generation": { replacement: "gemini-nano-banana-2.1" },
};

/** The retirement entry of `id`, or undefined when the id is not retired. */
export function retiredModel(id: string): RetiredModel | undefined {
  return Object.hasOwn(RETIRED_MODELS, id) ? RETIRED_MODELS[id] : undefined;
}
