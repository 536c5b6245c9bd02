// Runs in the Figma sandbox: one small handler per UI request type.
import type { UiReplies, UiRequest } from "../core/protocol/plugin-messages.js";
import { codedError } from "./coded-error.js";
import { exportInpaintSourcesAsync } from "./export-inpaint-sources.js";
import { exportReferencesAsync } from "./export-references.js";
import { getLaunchAsync } from "./launch-state.js";
import { listGeneratedLayersAsync } from "./list-generated-layers.js";
import { pageOfNode } from "./page-of-node.js";
import { placeFillAsync } from "./place-fill.js";
import { placeInpaintPatchAsync } from "./place-inpaint-patch.js";
import { describeInpaintSelection, readInpaintSelectionAsync } from "./read-inpaint-selection.js";
import { readSelectionStateAsync } from "./read-selection.js";
import { createVariantFramesAsync } from "./create-variant-frames.js";
import { exportVariantSourceAsync } from "./export-variant-source.js";
import { placeVariantBackgroundAsync } from "./place-variant-background.js";
import { readVariantSizes, writeVariantSizes } from "./variant-sizes-memory.js";

/** clientStorage key for the panel's settings (proxy URL, token, defaults): never the document. */
const SETTINGS_KEY = "brandfill.settings";
/** Panel size limits in CSS pixels. */
export const UI_SIZE = { width: 380, height: 640 } as const;

type Handlers = { [T in UiRequest["type"]]: (request: Extract<UiRequest, { type: T }>) => Promise<UiReplies[T]> };

export const handlers: Handlers = {
  "read-selection": (request) => readSelectionStateAsync({ refreshPalette: request.refreshPalette === true }),
  "place-fill": async (request) => {
    const node = await placeFillAsync(request.target, request.png, request.recipe);
    return { nodeId: node.id, name: node.name };
  },
  notify: async (request) => {
    figma.notify(request.message, request.error ? { error: true } : undefined);
    return null;
  },
  "resize-ui": async (request) => {
    figma.ui.resize(Math.round(request.width), Math.round(request.height));
    return null;
  },
  "get-settings": async () => ((await figma.clientStorage.getAsync(SETTINGS_KEY)) as Record<string, unknown> | undefined) ?? {},
  "set-settings": async (request) => {
    await figma.clientStorage.setAsync(SETTINGS_KEY, request.settings);
    return null;
  },
  "list-generated": async (request) => ({ layers: await listGeneratedLayersAsync(request.limit) }),
  "get-launch": () => getLaunchAsync(),
  "select-node": async (request) => {
    const node = await figma.getNodeByIdAsync(request.nodeId);
    if (!node || !("visible" in node)) throw codedError("not_found", "That layer no longer exists.");
    // A layer on another page: go there first (dynamic-page: figma.currentPage is read-only).
    const page = pageOfNode(node);
    if (page && page !== figma.currentPage) await figma.setCurrentPageAsync(page);
    figma.currentPage.selection = [node as SceneNode];
    figma.viewport.scrollAndZoomIntoView([node as SceneNode]);
    return null;
  },
  "export-references": async (request) => exportReferencesAsync(request.nodeIds, request.limit),
  "read-inpaint-selection": async () => describeInpaintSelection(await readInpaintSelectionAsync()),
  "export-inpaint-sources": async () => exportInpaintSourcesAsync(),
  "place-inpaint-patch": async (request) => {
    const placed = await placeInpaintPatchAsync(request.target, request.png, request.bounds, request.recipe);
    return { nodeId: placed.node.id, name: placed.node.name, hiddenShapeIds: placed.hiddenShapeIds };
  },
  "create-variant-frames": async (request) => createVariantFramesAsync(request.sourceNodeId, request.sizes),
  "export-variant-source": async (request) => exportVariantSourceAsync(request.sourceNodeId),
  "place-variant-background": async (request) => {
    const node = await placeVariantBackgroundAsync(request.target, request.png, request.recipe);
    return { nodeId: node.id, name: node.name };
  },
  "get-variant-sizes": async () => ({ sizes: readVariantSizes() }),
  "set-variant-sizes": async (request) => {
    writeVariantSizes(request.sizes);
    return null;
  },
};

/** Runs the handler for one request. */
export function handleUiRequestAsync(request: UiRequest): Promise<unknown> {
  const handler = handlers[request.type] as (r: UiRequest) => Promise<unknown>;
  return handler(request);
}
