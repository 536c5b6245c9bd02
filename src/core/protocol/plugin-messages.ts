// valibot (imported as a namespace, tree-shaken): these schemas ship in the sandbox bundle, where every kilobyte counts.
import * as v from "valibot";
import { FrameSpec } from "../frame-spec/frame-spec.js";
import { FiniteNumber } from "../schema/finite-number.js";
import { PlainRecord } from "../schema/plain-record.js";
import { PositiveInteger } from "../schema/positive-integer.js";
import { PositiveNumber } from "../schema/positive-number.js";
import { SafeInteger } from "../schema/safe-integer.js";
import { JobTarget } from "./job-target.js";
import { Recipe } from "./recipe.js";
import { VariantSizeRequest, type VariantFramesReply, type VariantSourceReply } from "../variants/variant-messages.js";

/**
 * The messages between the sandbox (main) and the panel (ui), ARCHITECTURE.md "main ⇄ ui".
 * One valibot variant (discriminated union) per direction, kebab-case `type`s, types inferred from the
 * schemas. Requests carry a counter `id`; main answers each with a `response` of the same id.
 * Image bytes travel as `Uint8Array` (structured clone keeps them binary).
 */

const Bytes = v.custom<Uint8Array>((value) => value instanceof Uint8Array, "must be image bytes (Uint8Array)");

/** What the panel shows about the selection: a FrameSpec, or why there is none. */
export const SelectionState = v.variant("kind", [v.object({ kind: v.literal("fill-target"), spec: FrameSpec }), v.object({ kind: v.literal("none"), reason: v.string() })]);
export type SelectionState = v.InferOutput<typeof SelectionState>;

/**
 * Where an inpaint patch must land, captured when the sources are exported: the image layer, the
 * shapes that made the mask (hidden once a patch is placed), and the pixel grid of the export.
 * Export pixel (px, py) covers the layer's own points [px / scale, (px + 1) / scale) × … .
 */
export const InpaintTarget = v.object({
  nodeId: v.string(),
  pageId: v.string(),
  /** Size in points of the image layer when the sources were exported. */
  width: PositiveNumber,
  height: PositiveNumber,
  /** Export pixels per point of the layer (the image's native density, capped so no side exceeds 4096 px). */
  scale: PositiveNumber,
  /** Pixel size of the exported image and mask. */
  pixelWidth: PositiveInteger,
  pixelHeight: PositiveInteger,
  shapeIds: v.array(v.string()),
});
export type InpaintTarget = v.InferOutput<typeof InpaintTarget>;

/** What the Inpaint tab shows about the selection: the image and shapes to use, or what to select. */
export const InpaintSelectionState = v.variant("kind", [
  v.object({
    kind: v.literal("inpaint-target"),
    image: v.object({
      nodeId: v.string(),
      name: v.string(),
      /** Image fill scale mode. */
      scaleMode: v.picklist(["FILL", "FIT", "CROP", "TILE"]),
      /** The image file's own pixel size. */
      nativeWidth: PositiveInteger,
      nativeHeight: PositiveInteger,
      /** The pixel size the image and mask will be exported at. */
      pixelWidth: PositiveInteger,
      pixelHeight: PositiveInteger,
      /** A sentence when the export is smaller than the native resolution (the 4096 px cap). */
      note: v.nullable(v.string()),
    }),
    shapes: v.array(v.object({ nodeId: v.string(), name: v.string(), type: v.string() })),
  }),
  v.object({ kind: v.literal("none"), reason: v.string() }),
]);
export type InpaintSelectionState = v.InferOutput<typeof InpaintSelectionState>;

/** The exported inpaint sources: image and white-on-black mask PNGs of exactly the same pixel size. */
export interface InpaintSources {
  target: InpaintTarget;
  /** PNG of `target.pixelWidth × target.pixelHeight`: the layer rendered in its own frame (unrotated). */
  image: Uint8Array;
  /** PNG of the same size: the shapes white on black (white = change). */
  mask: Uint8Array;
  /** Sentences for the designer (e.g. the 4096 px cap). */
  notes: string[];
}

/**
 * One generated layer for History (main's `list-generated`): where it is (page id and name, so History
 * can group by page) and what made it, flattened from its recipe for the list.
 */
export interface GeneratedLayerInfo {
  nodeId: string;
  name: string;
  pageId: string;
  pageName: string;
  /** ISO 8601, from the recipe. */
  createdAt: string;
  /** The prompt as the designer typed it. */
  prompt: string;
  model: string;
  /** USD; null when the provider's price is unknown. */
  costUsd: number | null;
  recipe: Recipe;
  /** PNG of at most 96 px a side, or null when the layer cannot be exported. */
  thumbnail: Uint8Array | null;
}

/** What the plugin was started for, kept by main until the panel asks (it may mount after main started). */
export interface LaunchState {
  /** `figma.command`: "" from the menu, "regenerate" from a generated layer's relaunch button. */
  command: string;
  /** The recipe of the generated layer the relaunch button was on; null when there is none or it is unreadable. */
  recipe: Recipe | null;
  /** The layer the recipe was made for (now selected), or null when it no longer exists. */
  sourceNodeId: string | null;
}

/** A pixel rectangle of an inpaint export (whole pixels, top-left origin). */
const PixelRect = v.object({ x: v.pipe(SafeInteger, v.minValue(0)), y: v.pipe(SafeInteger, v.minValue(0)), width: PositiveInteger, height: PositiveInteger });

/** UI → main requests. */
export const UiRequest = v.variant("type", [
  /** `refreshPalette`: read the file's paint styles and variables again (they are read once per panel open). */
  v.object({ type: v.literal("read-selection"), refreshPalette: v.optional(v.boolean()) }),
  v.object({
    type: v.literal("place-fill"),
    target: JobTarget,
    png: Bytes,
    width: PositiveInteger,
    height: PositiveInteger,
    recipe: Recipe,
  }),
  v.object({ type: v.literal("notify"), message: v.pipe(v.string(), v.maxLength(500)), error: v.optional(v.boolean()) }),
  v.object({ type: v.literal("resize-ui"), width: v.pipe(FiniteNumber, v.minValue(240), v.maxValue(1200)), height: v.pipe(FiniteNumber, v.minValue(240), v.maxValue(1600)) }),
  v.object({ type: v.literal("get-settings") }),
  v.object({ type: v.literal("set-settings"), settings: PlainRecord }),
  v.object({ type: v.literal("select-node"), nodeId: v.string() }),
  /** Generated layers of every page (those carrying a recipe), newest first, for History. */
  v.object({ type: v.literal("list-generated"), limit: v.optional(v.pipe(SafeInteger, v.gtValue(0), v.maxValue(500))) }),
  /** Layers as PNG references for the model: the given ids (a recipe's, for Regenerate) or the selection. */
  v.object({ type: v.literal("export-references"), nodeIds: v.optional(v.pipe(v.array(v.string()), v.maxLength(16))), limit: v.pipe(SafeInteger, v.minValue(1), v.maxValue(16)) }),
  /** What the plugin was started for (a relaunch button's recipe), asked by the panel when it mounts. */
  v.object({ type: v.literal("get-launch") }),
  v.object({ type: v.literal("read-inpaint-selection") }),
  v.object({ type: v.literal("export-inpaint-sources") }),
  v.object({ type: v.literal("place-inpaint-patch"), target: InpaintTarget, png: Bytes, bounds: PixelRect, recipe: Recipe }),
  // Variants (issue 5): frames first, then each size's background as it arrives.
  v.object({ type: v.literal("create-variant-frames"), sourceNodeId: v.string(), sizes: v.pipe(v.array(VariantSizeRequest), v.minLength(1), v.maxLength(40)) }),
  v.object({ type: v.literal("export-variant-source"), sourceNodeId: v.string() }),
  v.object({ type: v.literal("place-variant-background"), target: JobTarget, png: Bytes, width: PositiveInteger, height: PositiveInteger, recipe: Recipe }),
  v.object({ type: v.literal("get-variant-sizes") }),
  v.object({ type: v.literal("set-variant-sizes"), sizes: v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(100)) }),
]);
export type UiRequest = v.InferOutput<typeof UiRequest>;

/** Reply values per request type. */
export interface UiReplies {
  "read-selection": SelectionState;
  "place-fill": { nodeId: string; name: string };
  notify: null;
  "resize-ui": null;
  "get-settings": Record<string, unknown>;
  "set-settings": null;
  "select-node": null;
  "list-generated": { layers: GeneratedLayerInfo[] };
  "get-launch": LaunchState;
  /** PNGs of at most 1,024 px a side; `skipped` holds a sentence per layer left out. */
  "export-references": { references: { nodeId: string; name: string; png: Uint8Array; width: number; height: number }[]; skipped: string[] };
  "read-inpaint-selection": InpaintSelectionState;
  "export-inpaint-sources": InpaintSources;
  "place-inpaint-patch": { nodeId: string; name: string; hiddenShapeIds: string[] };
  "create-variant-frames": VariantFramesReply;
  "export-variant-source": VariantSourceReply;
  "place-variant-background": { nodeId: string; name: string };
  "get-variant-sizes": { sizes: string[] };
  "set-variant-sizes": null;
}

export const MessageError = v.object({ code: v.string(), message: v.string() });
export type MessageError = v.InferOutput<typeof MessageError>;

/** Envelope UI → main. */
export const UiToMain = v.object({ kind: v.literal("request"), id: v.pipe(SafeInteger, v.minValue(0)), request: UiRequest });
export type UiToMain = v.InferOutput<typeof UiToMain>;

/** Events main sends on its own. */
export const MainEvent = v.variant("type", [
  v.object({ type: v.literal("selection-changed"), selection: SelectionState }),
  v.object({ type: v.literal("relaunch"), command: v.string(), recipe: v.nullable(Recipe) }),
]);
export type MainEvent = v.InferOutput<typeof MainEvent>;

/**
 * Envelope main → UI: a reply to a request, or an event. The two replies share
 * `kind: "response"`, so they are a variant on `ok` nested in the variant on `kind`.
 */
export const MainToUi = v.variant("kind", [
  v.variant("ok", [
    v.object({ kind: v.literal("response"), id: SafeInteger, ok: v.literal(true), value: v.unknown() }),
    v.object({ kind: v.literal("response"), id: SafeInteger, ok: v.literal(false), error: MessageError }),
  ]),
  v.object({ kind: v.literal("event"), event: MainEvent }),
]);
export type MainToUi = v.InferOutput<typeof MainToUi>;
