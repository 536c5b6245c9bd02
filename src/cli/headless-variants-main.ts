// Runs in Node: what the Figma sandbox does for the Variants job, done on files for `brandfill variants`.
import type { FrameSpec } from "../core/frame-spec/frame-spec.js";
import type { LayoutResult } from "../core/layout/layout-result.js";
import { relayout } from "../core/layout/relayout.js";
import type { MainEvent, UiReplies, UiRequest } from "../core/protocol/plugin-messages.js";
import type { Recipe } from "../core/protocol/recipe.js";
import type { VariantFrameInfo, VariantSourceReply } from "../core/variants/variant-messages.js";
import { MainError, type UiChannel } from "../jobs/ui-channel.js";

/** A background the job placed: which size, its PNG (`width × height` pixels) and its recipe. */
export interface PlacedBackground {
  readonly index: number;
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly recipe: Recipe;
}

/** Input of {@link createHeadlessVariantsMain}. */
export interface HeadlessVariantsInput {
  /** The source frame, read from a REST file. */
  readonly spec: FrameSpec;
  /**
   * The frame's background picture (PNG), or null: REST JSON holds only image references, so the
   * pixels to extend come from a file (the background layer exported from Figma, or the whole frame).
   */
  readonly backgroundPng: Uint8Array | null;
  /** Its pixel size (read by the caller), to tell a picture of the background layer from one of the whole frame. */
  readonly backgroundSize: { readonly width: number; readonly height: number } | null;
  /** Called when the job places a size's background; resolves when it is written. */
  readonly placeAsync: (placed: PlacedBackground) => Promise<void>;
}

/** Two aspects closer than this (relative) count as one: a picture of the background layer, not of the frame. */
const SAME_ASPECT = 0.01;

/**
 * A {@link UiChannel} that answers the Variants job's three requests to main without Figma, so
 * `brandfill variants` runs the panel's own job (`startVariantsJob`) on files:
 *
 * - `create-variant-frames`: one "frame" per size, laid out by `relayout` from the REST frame's
 *   FrameSpec, exactly as main's `createVariantFramesAsync` computes it (its node id is
 *   `<source id>@<index>`; nothing is created);
 * - `export-variant-source`: the given background picture as `kind: "image"`: when its aspect is
 *   the background layer's, its box is that layer's box (it is cut to what the frame shows),
 *   otherwise it is taken as the whole frame; with no picture, `kind: "none"`;
 * - `place-variant-background`: hands the finished PNG and recipe to `placeAsync`.
 *
 * Any other request is refused with a MainError. There are no events.
 */
export function createHeadlessVariantsMain(input: HeadlessVariantsInput): UiChannel {
  const { spec } = input;
  const frameIds: string[] = [];
  const handlers: { [T in UiRequest["type"]]?: (request: Extract<UiRequest, { type: T }>) => Promise<UiReplies[T]> } = {
    "create-variant-frames": async (request) => {
      const frames = request.sizes.map((size, index): VariantFrameInfo => {
        const layout: LayoutResult = relayout(spec, { width: size.width, height: size.height, ...(size.safeZone ? { safeZone: size.safeZone } : {}) });
        const nodeId = `${spec.nodeId}@${index}`;
        frameIds[index] = nodeId;
        return {
          index,
          nodeId,
          name: `${spec.name} — ${size.width}×${size.height}`,
          width: size.width,
          height: size.height,
          presetId: size.presetId ?? null,
          target: { nodeId, pageId: spec.pageId, width: size.width, height: size.height },
          layout,
        };
      });
      return { sourceNodeId: spec.nodeId, sourceName: spec.name, pageId: spec.pageId, frames };
    },
    "export-variant-source": async (): Promise<VariantSourceReply> => {
      const frame = { width: spec.width, height: spec.height };
      if (!input.backgroundPng || !input.backgroundSize) return { kind: "none", png: null, box: null, elementId: null, frame, recipe: null };
      const element = spec.elements.find((e) => e.id === spec.backgroundElementId);
      const aspect = input.backgroundSize.width / input.backgroundSize.height;
      const isLayer = element && Math.abs(aspect / (element.box.width / element.box.height) - 1) < SAME_ASPECT;
      return isLayer
        ? { kind: "image", png: input.backgroundPng, box: { ...element.box }, elementId: element.id, frame, recipe: null }
        : { kind: "image", png: input.backgroundPng, box: { x: 0, y: 0, ...frame }, elementId: spec.nodeId, frame, recipe: null };
    },
    "place-variant-background": async (request) => {
      const index = frameIds.indexOf(request.target.nodeId);
      if (index < 0) throw new MainError("target_missing", "The size to place this background in does not exist.");
      await input.placeAsync({ index, png: request.png, width: request.width, height: request.height, recipe: request.recipe });
      return { nodeId: `${request.target.nodeId}/background`, name: `${spec.name} background` };
    },
  };
  return {
    async requestAsync(request) {
      const handler = handlers[request.type] as ((r: typeof request) => Promise<UiReplies[typeof request.type]>) | undefined;
      if (!handler) throw new MainError("invalid_request", `The command line cannot answer “${request.type}”.`);
      return handler(request);
    },
    onEvent: (_listener: (event: MainEvent) => void) => () => undefined,
    receive: () => undefined,
  };
}
