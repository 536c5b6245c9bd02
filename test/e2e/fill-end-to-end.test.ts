/// <reference types="@figma/plugin-typings" />
import * as v from "valibot";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SelectionState } from "../../src/core/protocol/plugin-messages.js";
import { Recipe } from "../../src/core/protocol/recipe.js";
import { decodePng, fastPngCodec } from "../../src/core/raster/png-codec.js";
import { createProxyClient, ProxyError } from "../../src/jobs/proxy-client.js";
import { generateFillAsync, placeFillCandidateAsync } from "../../src/jobs/run-fill-job.js";
import { MainError, type UiChannel } from "../../src/jobs/ui-channel.js";
import type { FigmaFake } from "../figma-fake/create-figma-fake.js";
import { HERO, installFigmaFake, readRestFixture, startPluginWithPanelAsync } from "../main/install-figma-fake.js";
import { startTestProxyAsync, type TestProxy } from "../proxy/start-test-proxy.js";

let proxy: TestProxy;
let fake: FigmaFake;
let channel: UiChannel;
let events: unknown[];

beforeAll(async () => {
  proxy = await startTestProxyAsync();
});
afterAll(async () => {
  await proxy?.close();
});
beforeEach(async () => {
  fake = installFigmaFake();
  events = [];
  channel = await startPluginWithPanelAsync(fake);
  channel.onEvent((event) => events.push(event));
});

async function selectHeroAsync(): Promise<Extract<SelectionState, { kind: "fill-target" }>> {
  const [hero] = fake.loadRestDocument(readRestFixture(HERO));
  figma.currentPage.selection = [hero!];
  const state = await channel.requestAsync({ type: "read-selection" });
  if (state.kind !== "fill-target") throw new Error(state.reason);
  return state;
}

describe("fill, end to end", () => {
  it("generates with gpt-image-2 through the real proxy and lands a layer exactly as the placement rules say", async () => {
    const { spec } = await selectHeroAsync();
    const hero = (await figma.getNodeByIdAsync(spec.nodeId)) as FrameNode;
    const userLayers = hero.children.map((c) => fake.serializeNode(c));
    const before = proxy.openai.requests.length;
    const stages: string[] = [];
    const input = {
      spec,
      prompt: "sunlit linen and dried flowers",
      model: "gpt-image-2",
      quality: "low" as const,
      n: 1,
      palette: ["#4659FF"],
      scale: 1,
      onProgress: (s: string) => stages.push(s),
    };
    const job = await generateFillAsync(input, createProxyClient(proxy.url), fastPngCodec);

    // The model got the composed prompt: the designer's words plus layout and palette constraints.
    const sent = proxy.openai.requests[before]!.json as { prompt: string; size: string };
    expect(sent.prompt.startsWith("sunlit linen and dried flowers\n")).toBe(true);
    expect(sent.prompt).toMatch(/the button at the bottom-left/);
    expect(sent.prompt).toMatch(/#4659FF/);
    expect(stages.length).toBeGreaterThan(0);

    // Fitted to the frame's exact pixel size (cover), whatever size the provider made.
    const candidate = job.candidates[0]!;
    expect([candidate.width, candidate.height]).toEqual([1440, 616]);
    const pixels = decodePng(candidate.png);
    expect([pixels.width, pixels.height]).toEqual([1440, 616]);

    // Selection changes before placing: the result still lands on the frame the job started from.
    figma.currentPage.selection = [];
    const placed = await placeFillCandidateAsync(channel, input, job, candidate);
    const rect = (await figma.getNodeByIdAsync(placed.nodeId)) as RectangleNode;
    expect(rect.parent).toBe(hero);
    expect(hero.children[0]).toBe(rect);
    expect(rect.name).toBe("✦ sunlit linen and dried flowers");
    expect([rect.x, rect.y, rect.width, rect.height]).toEqual([0, 0, 1440, 616]);
    expect(rect.constraints).toEqual({ horizontal: "SCALE", vertical: "SCALE" });
    expect(rect.layoutPositioning).toBe("ABSOLUTE"); // the hero is an auto-layout frame
    const recipe = v.parse(Recipe, JSON.parse(rect.getSharedPluginData("brandfill", "recipe")));
    expect(recipe).toMatchObject({
      kind: "fill",
      promptTyped: "sunlit linen and dried flowers",
      model: "gpt-image-2",
      provider: "openai",
      size: { width: 1440, height: 616 },
      palette: ["#4659FF"],
      watermark: "c2pa",
      sourceNodeId: hero.id,
    });
    expect(recipe.promptSent).toBe(sent.prompt);
    expect(recipe.providerRequest).toMatchObject({ size: sent.size });
    expect(JSON.stringify(recipe)).not.toMatch(/sk-test|AIza/);
    expect(rect.getRelaunchData()).toHaveProperty("regenerate");
    // The user's own layers are untouched.
    expect(hero.children.slice(1).map((c) => fake.serializeNode(c))).toEqual(userLayers);
  });

  it("shows gemini the locked colours as a swatch reference and locks them on the pixels", async () => {
    const { spec } = await selectHeroAsync();
    const before = proxy.gemini.requests.length;
    const input = { spec, prompt: "morning light on paper", model: "gemini-nano-banana-2.1", n: 1, palette: ["#4659FF", "#F7F5F1"], paletteSwatch: true, scale: 1 };
    const job = await generateFillAsync(input, createProxyClient(proxy.url), fastPngCodec);
    const sent = proxy.gemini.requests[before]!;
    const swatch = decodePng(sent.inlineImages![0]!.bytes);
    expect([swatch.width, swatch.height]).toEqual([256, 128]);
    expect([...swatch.data.subarray(0, 4)]).toEqual([0x46, 0x59, 0xff, 255]);
    const last = (swatch.width * swatch.height - 1) * 4;
    expect([...swatch.data.subarray(last, last + 4)]).toEqual([0xf7, 0xf5, 0xf1, 255]);
    expect(job.promptSent).toMatch(/swatch image shows the brand colours/);
    // The lock pass ran and reported on each locked colour.
    expect(job.candidates[0]!.lockReport!.colours.map((c) => c.hex)).toEqual(["#4659FF", "#F7F5F1"]);
  });

  /** A new empty frame of `width × height` on the page, selected, and its fill target as main reads it. */
  async function selectNewFrameAsync(width: number, height: number) {
    const frame = figma.createFrame();
    frame.resize(width, height);
    figma.currentPage.appendChild(frame);
    figma.currentPage.selection = [frame];
    const state = await channel.requestAsync({ type: "read-selection" });
    if (state.kind !== "fill-target") throw new Error(state.reason);
    return { frame, spec: state.spec };
  }

  // Issue 15: a provider picture of another size is used, fitted, placed, and, where it was
  // smaller, the result and the recipe say so.
  it.each([
    ["1024² for a 512² request", "gemini-3.1-flash-lite-image", 512, 512, "gemini", { width: 1024, height: 1024 }, null],
    ["3072×384 for a 728×90 banner", "gpt-image-2", 728, 90, "openai", { width: 3072, height: 384 }, null],
    ["512² for a 2048² request", "gemini-3-pro-image", 2048, 2048, "gemini", { width: 512, height: 512 }, "The model's picture came back at 512×512, upscaled ×4."],
  ] as const)("places %s at the frame's size", async (_what, model, width, height, provider, wrongSize, note) => {
    const { frame, spec } = await selectNewFrameAsync(width, height);
    proxy[provider].enqueue({ wrongSize });
    const input = { spec, prompt: "a quiet harbour", model, n: 1, palette: [], scale: 1, ...(provider === "openai" ? { quality: "low" as const } : {}) };
    const job = await generateFillAsync(input, createProxyClient(proxy.url), fastPngCodec);
    const candidate = job.candidates[0]!;
    expect(candidate.note).toBe(note);
    const pixels = decodePng(candidate.png);
    expect([pixels.width, pixels.height]).toEqual([width, height]);
    const placed = await placeFillCandidateAsync(channel, input, job, candidate);
    const rect = (await figma.getNodeByIdAsync(placed.nodeId)) as RectangleNode;
    expect(rect.parent).toBe(frame);
    expect([rect.width, rect.height]).toEqual([width, height]);
    const recipe = v.parse(Recipe, JSON.parse(rect.getSharedPluginData("brandfill", "recipe")));
    expect(recipe.note).toBe(note ?? undefined);
    expect(recipe.model).toBe(model);
  });

  it("works with no key through the offline model and reports selection changes", async () => {
    const { spec } = await selectHeroAsync();
    expect(events.some((e) => (e as { type: string }).type === "selection-changed")).toBe(true);
    const input = { spec, prompt: "calm gradient", model: "offline", n: 2, palette: [], scale: 1 };
    const job = await generateFillAsync(input, createProxyClient(proxy.url), fastPngCodec);
    expect(job.candidates).toHaveLength(2);
    expect(Buffer.from(job.candidates[0]!.png).equals(Buffer.from(job.candidates[1]!.png))).toBe(false);
    const placed = await placeFillCandidateAsync(channel, input, job, job.candidates[1]!);
    expect(placed.name).toBe("✦ calm gradient");
  });

  it("shows a provider's moderation block as a sentence and places nothing", async () => {
    const { spec } = await selectHeroAsync();
    const hero = (await figma.getNodeByIdAsync(spec.nodeId)) as FrameNode;
    const count = hero.children.length;
    proxy.openai.enqueue("moderationBlocked");
    const error = await generateFillAsync(
      { spec, prompt: "x", model: "gpt-image-2", quality: "low", n: 1, palette: [], scale: 1 },
      createProxyClient(proxy.url),
      fastPngCodec,
    ).catch((e) => e);
    expect(error).toBeInstanceOf(ProxyError);
    expect(error.code).toBe("content_blocked");
    expect(error.message).toMatch(/safety system blocked/);
    expect(hero.children.length).toBe(count);
  });

  it("says the proxy is unreachable in words, with the address", async () => {
    const { spec } = await selectHeroAsync();
    const error = await generateFillAsync({ spec, prompt: "x", model: "offline", n: 1, palette: [], scale: 1 }, createProxyClient("http://127.0.0.1:9"), fastPngCodec).catch(
      (e) => e,
    );
    expect(error.code).toBe("proxy_unreachable");
    expect(error.message).toMatch(/Can't reach the brandfill proxy at http:\/\/127\.0\.0\.1:9/);
  });

  it("answers a failed request with main's sentence and drops malformed messages", async () => {
    const error = await channel.requestAsync({ type: "select-node", nodeId: "999:999" }).catch((e) => e);
    expect(error).toBeInstanceOf(MainError);
    expect(error.message).toBe("That layer no longer exists.");
    // A malformed message is dropped and logged with the field that was wrong; the channel keeps working.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      await fake.ui.sendToMain({ kind: "request", id: "not-a-number", request: { type: "read-selection" } });
      await fake.ui.sendToMain({ kind: "request", id: 7, request: { type: "format-disk" } });
      channel.receive({ kind: "response", id: 1, ok: true });
      expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
        expect.stringMatching(/^brandfill: dropped a malformed message from the panel: “id” invalid type: Expected number/),
        expect.stringMatching(/^brandfill: dropped a malformed message from the panel: “request\.type” invalid type: .*"format-disk"/),
        expect.stringMatching(/^brandfill: dropped a malformed message from main: “value” invalid key/),
      ]);
    } finally {
      warn.mockRestore();
    }
    const state = await channel.requestAsync({ type: "read-selection" });
    expect(state.kind).toBe("none");
  });
});
