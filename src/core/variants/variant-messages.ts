// valibot (imported as a namespace, tree-shaken): these schemas ship in the sandbox bundle (plugin-messages.ts), where every kilobyte counts.
import * as v from "valibot";
import type { Box } from "../frame-spec/frame-spec.js";
import { SafeZoneSchema, type LayoutResult } from "../layout/layout-result.js";
import type { JobTarget } from "../protocol/job-target.js";
import type { Recipe } from "../protocol/recipe.js";
import { SafeInteger } from "../schema/safe-integer.js";

/** Plugin-data key on a variant frame holding its {@link VariantRecord} (JSON). */
export const VARIANT_KEY = "brandfill.variant";
/** Plugin-data key on `figma.root`: the sizes last chosen in this file (JSON array of size tokens). */
export const VARIANT_SIZES_KEY = "brandfill.variantSizes";

/** One size asked of `create-variant-frames`: points, whole numbers 1–4096, with the preset's safe zone if any. */
export const VariantSizeRequest = v.object({
  width: v.pipe(SafeInteger, v.minValue(1), v.maxValue(4096)),
  height: v.pipe(SafeInteger, v.minValue(1), v.maxValue(4096)),
  presetId: v.optional(v.string()),
  /** Safe-zone insets as fractions 0–1 (`top`/`bottom` of the height, `left`/`right` of the width). */
  safeZone: v.optional(SafeZoneSchema),
});
export type VariantSizeRequest = v.InferOutput<typeof VariantSizeRequest>;

/** One variant frame as main created it. */
export interface VariantFrameInfo {
  /** Position in the request's `sizes`. */
  readonly index: number;
  readonly nodeId: string;
  /** `<source name> — <w>×<h>`. */
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly presetId: string | null;
  /** Where this size's background must land (`place-variant-background`). */
  readonly target: JobTarget;
  /** The layout applied to the cloned layers; `dropped` lists what was left out, with reasons. */
  readonly layout: LayoutResult;
}

/** Reply to `create-variant-frames`. */
export interface VariantFramesReply {
  readonly sourceNodeId: string;
  readonly sourceName: string;
  readonly pageId: string;
  readonly frames: readonly VariantFrameInfo[];
}

/** Reply to `export-variant-source`: the source frame's background, as the variants extend it. */
export interface VariantSourceReply {
  /**
   * `generated`: a layer brandfill made (its recipe is given); `image`: a full-bleed image layer or
   * the frame's own image fill; `none`: nothing to extend (solid or vector backgrounds are cloned as layers).
   */
  readonly kind: "generated" | "image" | "none";
  /** PNG of the background layer exported on its own (at most 2048 px a side), or null for `none`. */
  readonly png: Uint8Array | null;
  /** The exported layer's bounds in the frame, points (it may overhang the frame). */
  readonly box: Box | null;
  /** Id of the exported layer (the recipe's reference), or the frame's own id for its image fill; null for `none`. */
  readonly elementId: string | null;
  /** The source frame's size, points. */
  readonly frame: { readonly width: number; readonly height: number };
  /** The background layer's recipe when brandfill generated it. */
  readonly recipe: Recipe | null;
}

/** What a variant frame remembers in plugin data under {@link VARIANT_KEY}. */
export interface VariantRecord {
  readonly version: 1;
  readonly sourceNodeId: string;
  readonly width: number;
  readonly height: number;
  readonly presetId: string | null;
  /** Ids of the source's background layers cloned into the variant, replaced when its own background arrives. */
  readonly backgroundCloneIds: readonly string[];
  /** Elements of the source left out of this size, with the sentence saying why. */
  readonly dropped: readonly { readonly id: string; readonly name: string; readonly reason: string }[];
}
