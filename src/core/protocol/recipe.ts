import * as z from "zod/mini";

/** Plugin-data key holding a generated layer's recipe (JSON). */
export const RECIPE_KEY = "brandfill.recipe";

/**
 * How a generated layer was made, stored as JSON in its plugin data so it can be regenerated,
 * listed in History and audited. Never holds a key, a token or image data.
 */
export const Recipe = z.object({
  version: z.literal(1),
  kind: z.enum(["fill", "inpaint", "variant"]),
  /** The prompt as the designer typed it. */
  promptTyped: z.string(),
  /** The prompt as sent to the model (with layout and palette constraints). */
  promptSent: z.string(),
  model: z.string(),
  provider: z.enum(["openai", "gemini", "offline"]),
  /** Pixel size of the placed image. */
  size: z.object({ width: z.int().check(z.positive()), height: z.int().check(z.positive()) }),
  /** What was asked of the provider (its size/aspect, quality, n). */
  providerRequest: z.record(z.string(), z.unknown()),
  /** Node ids of reference images used, if any. */
  references: z.array(z.string()),
  /** Locked brand colours, #RRGGBB. */
  palette: z.array(z.string()),
  /** USD; null when the provider's price is unknown. */
  costUsd: z.nullable(z.number()),
  /** ISO 8601. */
  createdAt: z.string(),
  watermark: z.nullable(z.enum(["synthid", "c2pa"])),
  /** Id of the frame (or shape) the fill was made for. */
  sourceNodeId: z.string(),
  /** Per-colour lock report, when the lock pass ran. */
  lockReport: z.optional(z.array(z.record(z.string(), z.unknown()))),
});
export type Recipe = z.infer<typeof Recipe>;
