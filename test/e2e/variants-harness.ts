/// <reference types="@figma/plugin-typings" />
// Shared set-up of the variants end-to-end tests: the fake document with the plugin running, the
// panel's channel, and the real proxy (with both emulators) in a worker thread.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { MODEL_CATALOG, type ModelEntry } from "../../src/core/catalog/model-catalog.js";
import type { Recipe } from "../../src/core/protocol/recipe.js";
import { encodePng, fastPngCodec } from "../../src/core/raster/png-codec.js";
import type { RgbaImage } from "../../src/core/raster/rgba-image.js";
import { placeFillAsync } from "../../src/main/place-fill.js";
import { startPlugin } from "../../src/main/start-plugin.js";
import { createProxyClient, type ProxyClient } from "../../src/jobs/proxy-client.js";
import { startVariantsJob, type VariantsJob, type VariantsJobInput, type VariantSizeState } from "../../src/jobs/run-variants-job.js";
import { createUiChannel, type UiChannel } from "../../src/jobs/ui-channel.js";
import type { FigmaFake } from "../figma-fake/create-figma-fake.js";
import { installFigmaFake, readRestFixture } from "../main/install-figma-fake.js";
import { startProxyWorkerAsync, type ProxyWorker } from "./variants-proxy-worker.js";

export const model = (id: string): ModelEntry => MODEL_CATALOG.find((m) => m.id === id)!;
export const GEMINI = model("gemini-nano-banana-2.1");
export const OFFLINE = model("offline");

/** What each test gets: fresh per test except the proxy, shared by the file. */
export interface VariantsHarness {
  readonly proxy: ProxyWorker;
  readonly fake: FigmaFake;
  readonly channel: UiChannel;
}

/** Registers the file's hooks and returns live getters for the harness. */
export function useVariantsHarness(): VariantsHarness {
  let proxy: ProxyWorker;
  let fake: FigmaFake;
  let channel: UiChannel;
  beforeAll(async () => {
    proxy = await startProxyWorkerAsync();
  });
  afterAll(async () => {
    await proxy?.closeAsync();
  });
  beforeEach(async () => {
    await proxy.setDefaultAsync("gemini", "ok");
    await proxy.setDefaultAsync("openai", "ok");
    fake = installFigmaFake();
    startPlugin();
    channel = createUiChannel((message) => void fake.ui.sendToMain(message));
    fake.ui.onMessageFromMain((message) => channel.receive(message));
  });
  return {
    get proxy() {
      return proxy;
    },
    get fake() {
      return fake;
    },
    get channel() {
      return channel;
    },
  };
}

/** A smooth picture with a little texture: what a generated background looks like to the codecs. */
export function backgroundPicture(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      data[o] = (x / width) * 200 + 30;
      data[o + 1] = (y / height) * 180 + 40;
      data[o + 2] = 120 + ((x * 7 + y * 13) % 17);
      data[o + 3] = 255;
    }
  }
  return { width, height, data };
}

/** Loads a real frame and gives it a generated background with a recipe, as a Fill would. */
export async function frameWithGeneratedBackgroundAsync(
  h: VariantsHarness,
  fixture: string,
  prompt = "sunlit linen and dried flowers",
  palette: string[] = [],
): Promise<FrameNode> {
  const [frame] = h.fake.loadRestDocument(readRestFixture(fixture)) as FrameNode[];
  const width = Math.round(frame!.width);
  const height = Math.round(frame!.height);
  const recipe: Recipe = {
    version: 1,
    kind: "fill",
    promptTyped: prompt,
    promptSent: `${prompt}\n…`,
    model: GEMINI.id,
    provider: "gemini",
    size: { width, height },
    providerRequest: {},
    references: [],
    palette,
    costUsd: 0.045,
    createdAt: "2026-11-21T00:00:00.000Z",
    watermark: "synthid",
    sourceNodeId: frame!.id,
  };
  await placeFillAsync({ nodeId: frame!.id, pageId: figma.currentPage.id, width: frame!.width, height: frame!.height }, encodePng(backgroundPicture(width, height)), recipe);
  return frame!;
}

/** Starts a batch through the harness's channel and proxy (extend with Gemini 3.1 Flash unless told otherwise). */
export function startJob(
  h: VariantsHarness,
  input: Partial<VariantsJobInput> & Pick<VariantsJobInput, "sourceNodeId" | "sizes">,
  proxy: ProxyClient = createProxyClient(h.proxy.url),
): VariantsJob {
  return startVariantsJob({ mode: "extend", model: GEMINI, ...input }, { channel: h.channel, proxy, codec: fastPngCodec });
}

/** A proxy client that counts the image requests in flight, and the most at once. */
export function countingProxyClient(h: VariantsHarness): ProxyClient & { readonly maxInFlight: number } {
  const inner = createProxyClient(h.proxy.url);
  let inFlight = 0;
  let maxInFlight = 0;
  return {
    baseUrl: inner.baseUrl,
    healthAsync: (signal) => inner.healthAsync(signal),
    modelsAsync: (signal) => inner.modelsAsync(signal),
    async generateAsync(request, callbacks) {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        return await inner.generateAsync(request, callbacks);
      } finally {
        inFlight--;
      }
    },
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

/** The variant background placed in a size's frame (its bottom-most layer), or null. */
export async function variantBackgroundOf(state: VariantSizeState): Promise<RectangleNode | null> {
  const frame = (await figma.getNodeByIdAsync(state.frameNodeId!)) as FrameNode;
  const bottom = frame.children[0];
  const recipe = bottom ? (JSON.parse(bottom.getSharedPluginData("brandfill", "recipe") || "null") as { kind?: string } | null) : null;
  return recipe?.kind === "variant" ? (bottom as RectangleNode) : null;
}
