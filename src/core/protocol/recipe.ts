import * as v from "valibot";
import { FiniteNumber } from "../schema/finite-number.js";
import { PlainRecord } from "../schema/plain-record.js";
import { PositiveInteger } from "../schema/positive-integer.js";

/** Plugin-data key holding a generated layer's recipe (JSON). */
export const RECIPE_KEY = "brandfill.recipe";

/**
 * How a generated layer was made, stored as JSON in its plugin data so it can be regenerated,
 * listed in History and audited. Never holds a key, a token or image data.
 */
export const Recipe = v.object({
  version: v.literal(1),
  kind: v.picklist(["fill", "inpaint", "variant"]),
  /** The prompt as the designer typed it. */
  promptTyped: v.string(),
  /** The prompt as sent to the model (with layout and palette constraints). */
  promptSent: v.string(),
  model: v.string(),
  provider: v.picklist(["openai", "gemini", "offline"]),
  /** Pixel size of the placed image. */
  size: v.object({ width: PositiveInteger, height: PositiveInteger }),
  /** What was asked of the provider (its size/aspect, quality, n). */
  providerRequest: PlainRecord,
  /** Node ids of reference images used, if any. */
  references: v.array(v.string()),
  /** Locked brand colours, #RRGGBB. */
  palette: v.array(v.string()),
  /** USD; null when the provider's price is unknown. */
  costUsd: v.nullable(FiniteNumber),
  /** ISO 8601. */
  createdAt: v.string(),
  watermark: v.nullable(v.picklist(["synthid", "c2pa"])),
  /** Id of the frame (or shape) the fill was made for. */
  sourceNodeId: v.string(),
  /** Per-colour lock report, when the lock pass ran. */
  lockReport: v.optional(v.array(PlainRecord)),
  /** The proxy's sentence when the model's picture came back at another size ("came back at 512×512, upscaled ×2"). */
  note: v.optional(v.string()),
});
export type Recipe = v.InferOutput<typeof Recipe>;
