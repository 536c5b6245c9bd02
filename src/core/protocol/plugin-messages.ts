import * as z from "zod/mini";
import { FrameSpec } from "../frame-spec/frame-spec.js";
import { Recipe } from "./recipe.js";
import { VariantSizeRequest, type VariantFramesReply, type VariantSourceReply } from "../variants/variant-messages.js";

/**
 * The messages between the sandbox (main) and the panel (ui), ARCHITECTURE.md "main ⇄ ui".
 * One zod discriminated union per direction, kebab-case `type`s, types inferred from the
 * schemas. Requests carry a counter `id`; main answers each with a `response` of the same id.
 * Image bytes travel as `Uint8Array` (structured clone keeps them binary).
 */

const Bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, "must be image bytes (Uint8Array)");

/** Where a job's result must land, captured when the job starts (the selection may change). */
export const JobTarget = z.object({
  nodeId: z.string(),
  pageId: z.string(),
  /** Size in points of the target node when the job started. */
  width: z.number().check(z.positive()),
  height: z.number().check(z.positive()),
});
export type JobTarget = z.infer<typeof JobTarget>;

/** What the panel shows about the selection: a FrameSpec, or why there is none. */
export const SelectionState = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("fill-target"), spec: FrameSpec }),
  z.object({ kind: z.literal("none"), reason: z.string() }),
]);
export type SelectionState = z.infer<typeof SelectionState>;

/**
 * Where an inpaint patch must land, captured when the sources are exported: the image layer, the
 * shapes that made the mask (hidden once a patch is placed), and the pixel grid of the export.
 * Export pixel (px, py) covers the layer's own points [px / scale, (px + 1) / scale) × … .
 */
export const InpaintTarget = z.object({
  nodeId: z.string(),
  pageId: z.string(),
  /** Size in points of the image layer when the sources were exported. */
  width: z.number().check(z.positive()),
  height: z.number().check(z.positive()),
  /** Export pixels per point of the layer (the image's native density, capped so no side exceeds 4096 px). */
  scale: z.number().check(z.positive()),
  /** Pixel size of the exported image and mask. */
  pixelWidth: z.int().check(z.positive()),
  pixelHeight: z.int().check(z.positive()),
  shapeIds: z.array(z.string()),
});
export type InpaintTarget = z.infer<typeof InpaintTarget>;

/** What the Inpaint tab shows about the selection: the image and shapes to use, or what to select. */
export const InpaintSelectionState = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("inpaint-target"),
    image: z.object({
      nodeId: z.string(),
      name: z.string(),
      /** Image fill scale mode. */
      scaleMode: z.enum(["FILL", "FIT", "CROP", "TILE"]),
      /** The image file's own pixel size. */
      nativeWidth: z.int().check(z.positive()),
      nativeHeight: z.int().check(z.positive()),
      /** The pixel size the image and mask will be exported at. */
      pixelWidth: z.int().check(z.positive()),
      pixelHeight: z.int().check(z.positive()),
      /** A sentence when the export is smaller than the native resolution (the 4096 px cap). */
      note: z.nullable(z.string()),
    }),
    shapes: z.array(z.object({ nodeId: z.string(), name: z.string(), type: z.string() })),
  }),
  z.object({ kind: z.literal("none"), reason: z.string() }),
]);
export type InpaintSelectionState = z.infer<typeof InpaintSelectionState>;

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

/** A pixel rectangle of an inpaint export (whole pixels, top-left origin). */
const PixelRect = z.object({ x: z.int().check(z.nonnegative()), y: z.int().check(z.nonnegative()), width: z.int().check(z.positive()), height: z.int().check(z.positive()) });

/** UI → main requests. */
export const UiRequest = z.discriminatedUnion("type", [
  z.object({ type: z.literal("read-selection") }),
  z.object({
    type: z.literal("place-fill"),
    target: JobTarget,
    png: Bytes,
    width: z.int().check(z.positive()),
    height: z.int().check(z.positive()),
    recipe: Recipe,
  }),
  z.object({ type: z.literal("notify"), message: z.string().check(z.maxLength(500)), error: z.optional(z.boolean()) }),
  z.object({ type: z.literal("resize-ui"), width: z.number().check(z.gte(240), z.lte(1200)), height: z.number().check(z.gte(240), z.lte(1600)) }),
  z.object({ type: z.literal("get-settings") }),
  z.object({ type: z.literal("set-settings"), settings: z.record(z.string(), z.unknown()) }),
  z.object({ type: z.literal("select-node"), nodeId: z.string() }),
  /** Generated layers of the current page (those carrying a recipe), newest first, for History. */
  z.object({ type: z.literal("list-generated"), limit: z.optional(z.int().check(z.positive(), z.lte(500))) }),
  z.object({ type: z.literal("read-inpaint-selection") }),
  z.object({ type: z.literal("export-inpaint-sources") }),
  z.object({ type: z.literal("place-inpaint-patch"), target: InpaintTarget, png: Bytes, bounds: PixelRect, recipe: Recipe }),
  // Variants (issue 5): frames first, then each size's background as it arrives.
  z.object({ type: z.literal("create-variant-frames"), sourceNodeId: z.string(), sizes: z.array(VariantSizeRequest).check(z.minLength(1), z.maxLength(40)) }),
  z.object({ type: z.literal("export-variant-source"), sourceNodeId: z.string() }),
  z.object({ type: z.literal("place-variant-background"), target: JobTarget, png: Bytes, width: z.int().check(z.positive()), height: z.int().check(z.positive()), recipe: Recipe }),
  z.object({ type: z.literal("get-variant-sizes") }),
  z.object({ type: z.literal("set-variant-sizes"), sizes: z.array(z.string().check(z.maxLength(64))).check(z.maxLength(100)) }),
]);
export type UiRequest = z.infer<typeof UiRequest>;
export type UiRequestType = UiRequest["type"];

/** Reply values per request type. */
export interface UiReplies {
  "read-selection": SelectionState;
  "place-fill": { nodeId: string; name: string };
  notify: null;
  "resize-ui": null;
  "get-settings": Record<string, unknown>;
  "set-settings": null;
  "select-node": null;
  "list-generated": { layers: { nodeId: string; name: string; recipe: Recipe; thumbnail: Uint8Array | null }[] };
  "read-inpaint-selection": InpaintSelectionState;
  "export-inpaint-sources": InpaintSources;
  "place-inpaint-patch": { nodeId: string; name: string; hiddenShapeIds: string[] };
  "create-variant-frames": VariantFramesReply;
  "export-variant-source": VariantSourceReply;
  "place-variant-background": { nodeId: string; name: string };
  "get-variant-sizes": { sizes: string[] };
  "set-variant-sizes": null;
}

export const MessageError = z.object({ code: z.string(), message: z.string() });
export type MessageError = z.infer<typeof MessageError>;

/** Envelope UI → main. */
export const UiToMain = z.object({ kind: z.literal("request"), id: z.int().check(z.nonnegative()), request: UiRequest });
export type UiToMain = z.infer<typeof UiToMain>;

/** Events main sends on its own. */
export const MainEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("selection-changed"), selection: SelectionState }),
  z.object({ type: z.literal("relaunch"), command: z.string(), recipe: z.nullable(Recipe) }),
]);
export type MainEvent = z.infer<typeof MainEvent>;

/** Envelope main → UI: a reply to a request, or an event. A plain union: two members share `kind: "response"`, which zod's discriminatedUnion rejects. */
export const MainToUi = z.union([
  z.object({ kind: z.literal("response"), id: z.int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ kind: z.literal("response"), id: z.int(), ok: z.literal(false), error: MessageError }),
  z.object({ kind: z.literal("event"), event: MainEvent }),
]);
export type MainToUi = z.infer<typeof MainToUi>;
