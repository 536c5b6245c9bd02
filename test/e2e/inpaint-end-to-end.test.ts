/// <reference types="@figma/plugin-typings" />
import * as v from "valibot";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { maskFromImage } from "../../src/core/inpaint/mask-from-image.js";
import { Recipe } from "../../src/core/protocol/recipe.js";
import { decodePng, fastPngCodec } from "../../src/core/raster/png-codec.js";
import { createProxyClient } from "../../src/jobs/proxy-client.js";
import { placeInpaintCandidateAsync, runInpaintJobAsync } from "../../src/jobs/run-inpaint-job.js";
import { MainError, type UiChannel } from "../../src/jobs/ui-channel.js";
import type { FigmaFake } from "../figma-fake/create-figma-fake.js";
import { checkPatchOver, clearFrame, imageLayer, kodak, placeOver } from "../main/inpaint-fixtures.js";
import { installFigmaFake, startPluginWithPanelAsync } from "../main/install-figma-fake.js";
import { startTestProxyAsync, type TestProxy } from "../proxy/start-test-proxy.js";
import { expectUntouchedOutside } from "./inpaint-helpers.js";

let proxy: TestProxy;
let fake: FigmaFake;
let channel: UiChannel;

beforeAll(async () => {
  proxy = await startTestProxyAsync();
});
afterAll(async () => {
  await proxy?.close();
});
beforeEach(async () => {
  fake = installFigmaFake();
  channel = await startPluginWithPanelAsync(fake);
});

/** A rotated photo layer with an ellipse and a rectangle drawn on it, selected together. */
function drawScene() {
  const canvas = clearFrame(480, 420);
  const layer = imageLayer(kodak(17, 384, 256), 192, 128);
  canvas.appendChild(layer);
  layer.rotation = -20;
  layer.x = 60;
  layer.y = 60;
  const ellipse = figma.createEllipse();
  placeOver(layer, ellipse, { x: 70, y: 40, width: 40, height: 30 });
  const rect = figma.createRectangle();
  placeOver(layer, rect, { x: 150, y: 90, width: 30, height: 30 });
  figma.currentPage.selection = [layer, ellipse, rect];
  return { canvas, layer, shapes: [ellipse, rect] };
}

describe("inpaint, end to end", () => {
  it("exports from the document, edits through the real proxy and places the chosen variant exactly", async () => {
    const { canvas, layer, shapes } = drawScene();
    const state = await channel.requestAsync({ type: "read-inpaint-selection" });
    expect(state).toMatchObject({ kind: "inpaint-target", image: { nodeId: layer.id, pixelWidth: 384, pixelHeight: 256, scaleMode: "FILL" } });
    const layerBefore = fake.serializeNode(layer);

    const sources = await channel.requestAsync({ type: "export-inpaint-sources" });
    expect(sources.image).toBeInstanceOf(Uint8Array);
    proxy.openai.enqueue("alterEverything");
    const input = { sources, prompt: "a copper weathervane", model: "gpt-image-2", quality: "low" as const, n: 2, palette: [], keepComposite: true };
    const stages: string[] = [];
    const job = await runInpaintJobAsync({ ...input, onProgress: (s) => stages.push(s) }, createProxyClient(proxy.url), fastPngCodec);
    expect(stages).toEqual(["Preparing the mask…", "Asking the model…", "Blending into the image…"]);
    const source = decodePng(sources.image);
    expectUntouchedOutside(source, maskFromImage(decodePng(sources.mask)), job, "rotated photo");
    expect(job.candidates.map((c) => c.summary)).toEqual(["0 pixels changed beyond the soft edge", "0 pixels changed beyond the soft edge"]);

    // The selection changes before placing: the patch still lands on the image it was made from.
    figma.currentPage.selection = [];
    const chosen = job.candidates[1]!;
    const placed = await placeInpaintCandidateAsync(channel, input, job, chosen);
    const patch = (await figma.getNodeByIdAsync(placed.nodeId)) as RectangleNode;
    expect(patch.name).toBe("✦ Inpaint — a copper weathervane");
    expect(canvas.children.indexOf(patch)).toBe(canvas.children.indexOf(layer) + 1);
    const recipe = v.parse(Recipe, JSON.parse(patch.getSharedPluginData("brandfill", "recipe")));
    expect(recipe).toMatchObject({
      kind: "inpaint",
      promptTyped: "a copper weathervane",
      model: "gpt-image-2",
      provider: "openai",
      sourceNodeId: layer.id,
      size: { width: chosen.bounds.width, height: chosen.bounds.height },
    });
    expect(recipe.providerRequest).toMatchObject({ crop: job.crop, growPx: 4, featherPx: 12 });
    expect(JSON.stringify(recipe)).not.toMatch(/sk-test|AIza/);
    expect(placed.hiddenShapeIds).toEqual(shapes.map((s) => s.id));
    expect(shapes.map((s) => [s.visible, s.removed])).toEqual([
      [false, false],
      [false, false],
    ]);
    expect(fake.serializeNode(layer)).toBe(layerBefore);

    const check = await checkPatchOver(canvas, layer, chosen.composite!, source, sources.target.scale, sources.target.scale);
    expect(check.changedShown).toBeGreaterThan(300);
    expect(check.mismatched).toBeLessThanOrEqual(Math.ceil(check.compared * 0.001));
  });

  it("locks a brand colour on the patch only and still changes nothing outside the selection, offline", async () => {
    const { layer } = drawScene();
    const sources = await channel.requestAsync({ type: "export-inpaint-sources" });
    const base = { sources, prompt: "remove the marks", model: "offline", n: 1, keepComposite: true };
    const plain = (await runInpaintJobAsync({ ...base, palette: [] }, createProxyClient(proxy.url), fastPngCodec)).candidates[0]!;
    // A brand colour a little off the fill's own mean colour, so the lock has a region to move.
    const patch = decodePng(plain.patchPng);
    const mean = [0, 0, 0];
    let opaque = 0;
    for (let o = 0; o < patch.data.length; o += 4) {
      if (patch.data[o + 3] !== 255) continue;
      opaque++;
      for (let c = 0; c < 3; c++) mean[c]! += patch.data[o + c]!;
    }
    const hex = `#${mean
      .map((v, c) =>
        Math.min(255, Math.round(v / opaque) + (c === 0 ? 14 : 0))
          .toString(16)
          .padStart(2, "0"),
      )
      .join("")
      .toUpperCase()}`;
    const input = { ...base, palette: [hex] };
    const job = await runInpaintJobAsync(input, createProxyClient(proxy.url), fastPngCodec);
    const candidate = job.candidates[0]!;
    const report = candidate.lockReport!.colours[0]!;
    expect(report).toMatchObject({ hex, absent: false });
    expect(report.deltaE2000After!).toBeLessThan(report.deltaE2000Before!);
    expect(job.promptSent).toBe(`remove the marks\nWhere colour is a choice, use the brand colours ${hex}.`);
    const source = decodePng(sources.image);
    expectUntouchedOutside(source, maskFromImage(decodePng(sources.mask)), job, "locked");
    // The lock moved pixels of the patch, and only there.
    let moved = 0;
    for (let o = 0; o < source.data.length; o++) if (candidate.composite!.data[o] !== plain.composite!.data[o]) moved++;
    expect(moved).toBeGreaterThan(100);
    const placed = await placeInpaintCandidateAsync(channel, input, job, candidate);
    const recipe = v.parse(Recipe, JSON.parse(((await figma.getNodeByIdAsync(placed.nodeId)) as RectangleNode).getSharedPluginData("brandfill", "recipe")));
    expect(recipe).toMatchObject({ provider: "offline", palette: [hex], sourceNodeId: layer.id });
    expect(recipe.lockReport).toHaveLength(1);
  });

  it("answers a wrong selection with the sentence saying what to select, and places nothing", async () => {
    const layer = imageLayer(kodak(18, 96, 64), 96, 64);
    figma.currentPage.selection = [layer];
    expect(await channel.requestAsync({ type: "read-inpaint-selection" })).toEqual({
      kind: "none",
      reason: "Draw a shape over the part of “Photo” to change, then select the image and the shape together.",
    });
    const error = await channel.requestAsync({ type: "export-inpaint-sources" }).catch((e) => e);
    expect(error).toBeInstanceOf(MainError);
    expect(error).toMatchObject({ code: "invalid_selection", message: "Draw a shape over the part of “Photo” to change, then select the image and the shape together." });
    expect(figma.currentPage.children).toEqual([layer]);
  });
});
