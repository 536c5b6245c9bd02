/// <reference types="@figma/plugin-typings" />
import jpeg from "jpeg-js";
import * as v from "valibot";
import { beforeEach, describe, expect, it } from "vitest";
import { blendMask } from "../../src/core/inpaint/blend-mask.js";
import { compositeInpaint } from "../../src/core/inpaint/composite-inpaint.js";
import { contextCrop } from "../../src/core/inpaint/context-crop.js";
import { makePatch } from "../../src/core/inpaint/make-patch.js";
import { maskFromImage } from "../../src/core/inpaint/mask-from-image.js";
import type { InpaintSources } from "../../src/core/protocol/plugin-messages.js";
import { Recipe } from "../../src/core/protocol/recipe.js";
import { makeRecipe } from "./make-recipe.js";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";
import { createRgbaImage, type RgbaImage } from "../../src/core/raster/rgba-image.js";
import { exportInpaintSourcesAsync } from "../../src/main/export-inpaint-sources.js";
import { placeInpaintPatchAsync } from "../../src/main/place-inpaint-patch.js";
import type { FigmaFake } from "../figma-fake/create-figma-fake.js";
import { checkPatchOver, clearFrame, imageLayer, kodak, placeOver } from "./inpaint-fixtures.js";
import { installFigmaFake } from "./install-figma-fake.js";

let fake: FigmaFake;
beforeEach(() => {
  fake = installFigmaFake();
});

/** A loud stand-in for a model's picture, at a size unrelated to the crop: 9-px blocks of saturated colours. */
function blocks(width: number, height: number): RgbaImage {
  const image = createRgbaImage(width, height);
  const colours = [
    [255, 0, 160],
    [0, 220, 255],
    [255, 230, 0],
    [40, 0, 255],
  ];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) image.data.set([...colours[(Math.floor(x / 9) + 2 * Math.floor(y / 9)) % 4]!, 255], (y * width + x) * 4);
  return image;
}

function recipe(prompt: string, width: number, height: number, sourceNodeId: string): Recipe {
  return makeRecipe({ kind: "inpaint", promptTyped: prompt, size: { width, height }, providerRequest: { width, height, n: 1 }, sourceNodeId });
}

/** Runs the core inpaint steps on exported sources with a stand-in picture and places the patch. */
async function inpaintAndPlaceAsync(sources: InpaintSources, prompt = "a painted block pattern") {
  const source = decodePng(sources.image);
  const blend = blendMask(maskFromImage(decodePng(sources.mask)), 2, 4);
  const crop = contextCrop(blend, source);
  const layers = { source, result: blocks(101, 77), blendMask: blend, crop };
  const patch = makePatch(layers)!;
  const composite = compositeInpaint(layers);
  expect(composite.changedOutside).toBe(0);
  const placed = await placeInpaintPatchAsync(sources.target, encodePng(patch.image), patch.bounds, recipe(prompt, patch.bounds.width, patch.bounds.height, sources.target.nodeId));
  return { source, composite: composite.image, patch, placed };
}

/** Places a patch over `layer` (with an ellipse and a line drawn on it) and checks the rendered pixels. */
async function expectExactPatchAsync(container: FrameNode, layer: SceneNode, ellipseBox: { x: number; y: number; width: number; height: number }, covered = 0) {
  const ellipse = figma.createEllipse();
  placeOver(layer, ellipse, ellipseBox);
  const line = figma.createLine();
  line.strokeWeight = 1;
  placeOver(layer, line, { x: ellipseBox.x, y: ellipseBox.y + ellipseBox.height + 4, width: ellipseBox.width, height: 0 });
  figma.currentPage.selection = [layer, ellipse, line];
  // The image layer as the user made it (its own children, if any, but not the patch placed among them).
  const userLayers = () => [fake.serializeNode(layer), ...("children" in layer ? layer.children.filter((c) => !c.name.startsWith("✦")).map((c) => fake.serializeNode(c)) : [])];
  const layerBefore = userLayers();
  const sources = await exportInpaintSourcesAsync();
  const { source, composite, placed } = await inpaintAndPlaceAsync(sources);
  const check = await checkPatchOver(container, layer, composite, source, sources.target.scale, sources.target.scale);
  expect(check.changedShown).toBeGreaterThan(200);
  // Point sampling can pick the neighbouring image pixel where a sample sits on a pixel boundary.
  expect(check.mismatched).toBeLessThanOrEqual(covered + Math.ceil(check.compared * 0.001));
  if ("children" in layer) expect(userLayers().slice(1)).toEqual(layerBefore.slice(1));
  else expect(userLayers()).toEqual(layerBefore);
  expect([ellipse.visible, line.visible, ellipse.removed, line.removed]).toEqual([false, false, false, false]);
  return { sources, placed, check };
}

describe("placing an inpaint patch", () => {
  it("lands exactly over the right pixels of a FILL image, named, with its recipe, above the image", async () => {
    const container = clearFrame(420, 300);
    const layer = imageLayer(kodak(9, 384, 256), 192, 128);
    container.appendChild(layer);
    layer.x = 30;
    layer.y = 20;
    const { placed, sources, check } = await expectExactPatchAsync(container, layer, { x: 60, y: 30, width: 50, height: 40 });
    expect(check.mismatched).toBe(0);
    const rect = placed.node;
    expect(rect.name).toBe("✦ Inpaint — a painted block pattern");
    expect(container.children.indexOf(rect)).toBe(container.children.indexOf(layer) + 1);
    expect(v.parse(Recipe, JSON.parse(rect.getSharedPluginData("brandfill", "recipe")))).toMatchObject({ kind: "inpaint", sourceNodeId: layer.id });
    expect(rect.getRelaunchData()).toHaveProperty("regenerate");
    expect(placed.hiddenShapeIds).toEqual(sources.target.shapeIds);
    expect((rect.fills as readonly ImagePaint[])[0]).toMatchObject({ type: "IMAGE", scaleMode: "FILL" });
  });

  it("lands exactly over a FIT image's letterboxed pixels", async () => {
    const container = clearFrame(300, 300);
    const layer = imageLayer(kodak(10, 192, 128), 200, 200, { scaleMode: "FIT" });
    container.appendChild(layer);
    const { sources } = await expectExactPatchAsync(container, layer, { x: 70, y: 30, width: 60, height: 60 });
    expect([sources.target.pixelWidth, sources.target.pixelHeight]).toEqual([192, 192]);
  });

  it("lands exactly over a CROP image", async () => {
    const container = clearFrame(200, 150);
    const layer = imageLayer(kodak(11, 384, 256), 96, 64, {
      scaleMode: "CROP",
      imageTransform: [
        [0.5, 0, 0.25],
        [0, 0.5, 0.25],
      ],
    });
    container.appendChild(layer);
    layer.x = 40;
    layer.y = 40;
    const { sources } = await expectExactPatchAsync(container, layer, { x: 30, y: 12, width: 30, height: 24 });
    expect(sources.target.scale).toBe(2);
  });

  it("lands exactly over a TILE image across a tile seam", async () => {
    const container = clearFrame(200, 140);
    const layer = imageLayer(kodak(12, 96, 64), 150, 100, { scaleMode: "TILE", scalingFactor: 0.5 });
    container.appendChild(layer);
    const { sources } = await expectExactPatchAsync(container, layer, { x: 35, y: 20, width: 30, height: 20 });
    expect([sources.target.pixelWidth, sources.target.pixelHeight]).toEqual([300, 200]);
  });

  it("turns with a rotated image and covers the same pixels", async () => {
    const container = clearFrame(320, 320);
    const layer = imageLayer(kodak(13, 192, 128), 192, 128);
    container.appendChild(layer);
    layer.rotation = 30;
    layer.x = 40;
    layer.y = 140;
    const { placed } = await expectExactPatchAsync(container, layer, { x: 90, y: 40, width: 60, height: 36 });
    expect(placed.node.rotation).toBeCloseTo(30, 9);
  });

  it("goes inside an image frame, above its fill and below its layers", async () => {
    const container = clearFrame(200, 160);
    const frame = figma.createFrame();
    container.appendChild(frame);
    frame.resize(192, 128);
    const image = figma.createImage(encodePng(kodak(14, 192, 128)));
    frame.fills = [{ type: "IMAGE", imageHash: image.hash, scaleMode: "FILL" }];
    const badge = figma.createRectangle();
    frame.appendChild(badge);
    badge.resize(20, 20);
    badge.x = 160;
    badge.y = 100;
    const { placed, check } = await expectExactPatchAsync(container, frame, { x: 40, y: 30, width: 50, height: 40 }, 400);
    // The only pixels not showing the composite are the badge's 20 × 20: the frame's layers stay on top.
    expect(check.mismatched).toBe(400);
    expect(frame.children[0]).toBe(placed.node);
    expect(frame.children[1]).toBe(badge);
    expect(placed.node.constraints).toEqual({ horizontal: "SCALE", vertical: "SCALE" });
  });

  it("keeps an auto-layout parent's flow and follows an image resized since the export", async () => {
    const row = figma.createFrame();
    row.fills = [];
    row.layoutMode = "HORIZONTAL";
    row.itemSpacing = 10;
    row.primaryAxisSizingMode = "FIXED";
    row.counterAxisSizingMode = "FIXED";
    row.resize(500, 300);
    const layer = imageLayer(kodak(15, 192, 128), 96, 64);
    const neighbour = figma.createRectangle();
    row.appendChild(layer);
    row.appendChild(neighbour);
    const ellipse = figma.createEllipse();
    row.appendChild(ellipse);
    ellipse.layoutPositioning = "ABSOLUTE";
    placeOver(layer, ellipse, { x: 20, y: 10, width: 30, height: 30 });
    figma.currentPage.selection = [layer, ellipse];
    const sources = await exportInpaintSourcesAsync();
    layer.resize(144, 96);
    const after = row.children.map((c) => [c.x, c.y]);
    const { source, composite, placed } = await inpaintAndPlaceAsync(sources);
    expect(placed.node.layoutPositioning).toBe("ABSOLUTE");
    expect(row.children.filter((c) => c !== placed.node).map((c) => [c.x, c.y])).toEqual(after);
    // The layer grew 1.5×: one export pixel now covers 1.5× the points.
    const check = await checkPatchOver(row, layer, composite, source, sources.target.scale / 1.5, sources.target.scale / 1.5);
    expect(check.changedShown).toBeGreaterThan(200);
    expect(check.mismatched).toBeLessThanOrEqual(Math.ceil(check.compared * 0.001));
  });

  it("places nothing when the image was deleted, and refuses a patch of the wrong size", async () => {
    const layer = imageLayer(kodak(16, 96, 64), 96, 64);
    const ellipse = figma.createEllipse();
    placeOver(layer, ellipse, { x: 20, y: 10, width: 30, height: 30 });
    figma.currentPage.selection = [layer, ellipse];
    const sources = await exportInpaintSourcesAsync();
    const png = encodePng(createRgbaImage(10, 10));
    await expect(placeInpaintPatchAsync(sources.target, png, { x: 0, y: 0, width: 12, height: 10 }, recipe("x", 12, 10, layer.id))).rejects.toThrow(
      "The patch must be a 12×10 px PNG.",
    );
    // A JPEG of the right size is refused too: the patch's transparency needs a PNG.
    const jpg = new Uint8Array(jpeg.encode({ data: Buffer.from(createRgbaImage(10, 10, [9, 9, 9, 255]).data), width: 10, height: 10 }, 90).data);
    await expect(placeInpaintPatchAsync(sources.target, jpg, { x: 0, y: 0, width: 10, height: 10 }, recipe("x", 10, 10, layer.id))).rejects.toThrow(
      "The patch must be a 10×10 px PNG.",
    );
    await expect(placeInpaintPatchAsync(sources.target, png, { x: 90, y: 0, width: 10, height: 10 }, recipe("x", 10, 10, layer.id))).rejects.toThrow(
      "The patch reaches outside the 96×64 px image it was made for.",
    );
    const count = figma.currentPage.children.length;
    layer.remove();
    await expect(placeInpaintPatchAsync(sources.target, png, { x: 0, y: 0, width: 10, height: 10 }, recipe("x", 10, 10, "gone"))).rejects.toMatchObject({ code: "target_missing" });
    expect(figma.currentPage.children.length).toBe(count - 1);
    expect(ellipse.visible).toBe(true);
  });
});
