/// <reference types="@figma/plugin-typings" />
// Issue 14, points 2, 3, 4 and 6: placement that real Figma accepts, one undo step per generation,
// a second fill that shows, and fills that take the target's shape. Against the Figma fake.
import { beforeEach, describe, expect, it } from "vitest";
import type { Recipe } from "../../src/core/protocol/recipe.js";
import { makeRecipe } from "./make-recipe.js";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";
import { createRgbaImage, type RgbaImage } from "../../src/core/raster/rgba-image.js";
import { createVariantFramesAsync } from "../../src/main/create-variant-frames.js";
import { exportInpaintSourcesAsync } from "../../src/main/export-inpaint-sources.js";
import { placeFillAsync } from "../../src/main/place-fill.js";
import { placeInpaintPatchAsync } from "../../src/main/place-inpaint-patch.js";
import { readSelectionState } from "../../src/main/read-selection.js";
import type { FigmaFake } from "../figma-fake/create-figma-fake.js";
import { imageLayer, kodak } from "./inpaint-fixtures.js";
import { installFigmaFake, POSTER, readRestFixture } from "./install-figma-fake.js";

let fake: FigmaFake;
beforeEach(() => {
  fake = installFigmaFake();
});

const recipe = (sourceNodeId: string, width: number, height: number, kind: Recipe["kind"] = "fill", prompt = "warm sunrise over dunes"): Recipe =>
  makeRecipe({ kind, promptTyped: prompt, size: { width, height }, createdAt: "2026-12-07T02:00:00.000Z", sourceNodeId });
const target = (node: SceneNode) => ({ nodeId: node.id, pageId: figma.currentPage.id, width: node.width, height: node.height });

/** A PNG whose left half is red and right half blue (to see mirroring). */
function halvesPng(width: number, height: number): Uint8Array {
  const image = createRgbaImage(width, height, [0, 0, 255, 255]);
  for (let y = 0; y < height; y++) for (let x = 0; x < width / 2; x++) image.data.set([255, 0, 0, 255], (y * width + x) * 4);
  return encodePng(image);
}
const at = (image: RgbaImage, x: number, y: number) => [...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4)];

/** A component with a rectangle and a frame in it, and an instance of it on the page. */
function instanceWithLayers(): { instance: InstanceNode; rect: RectangleNode; frame: FrameNode } {
  const component = figma.createComponent();
  component.resize(200, 120);
  const rect = figma.createRectangle();
  rect.resize(80, 60);
  rect.fills = [{ type: "SOLID", color: { r: 0.2, g: 0.4, b: 0.6 } }];
  component.appendChild(rect);
  const frame = figma.createFrame();
  frame.resize(90, 60);
  frame.x = 100;
  component.appendChild(frame);
  frame.appendChild(figma.createText());
  const instance = component.createInstance();
  instance.x = 400;
  const [innerRect, innerFrame] = instance.children as [RectangleNode, FrameNode];
  return { instance, rect: innerRect, frame: innerFrame };
}

describe("point 2: targets inside instances get their fill before any request, as a paint Figma accepts", () => {
  it("fills a rectangle and a frame inside an instance, and a top-level instance, with a new top paint, keeping the user's paints", async () => {
    const { instance, rect, frame } = instanceWithLayers();
    for (const node of [rect, frame, instance] as (SceneNode & MinimalFillsMixin)[]) {
      figma.currentPage.selection = [node];
      // Decided before generating: the selection is a fill target only if placement can succeed.
      expect(readSelectionState().kind).toBe("fill-target");
      const before = [...(node.fills as readonly Paint[])];
      const childCount = instance.children.length;
      const png = halvesPng(64, 48);
      const placed = await placeFillAsync(target(node), png, recipe(node.id, 64, 48));
      expect(placed).toBe(node);
      const after = node.fills as readonly Paint[];
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after[after.length - 1]).toMatchObject({ type: "IMAGE", imageHash: figma.createImage(png).hash });
      expect(instance.children.length).toBe(childCount);
      expect(JSON.parse(node.getSharedPluginData("brandfill", "paint-recipe")).sourceNodeId).toBe(node.id);
      expect(node.getRelaunchData()).toHaveProperty("regenerate");
    }
  });

  it("places an inpaint patch for an image frame inside an instance above the outermost instance", async () => {
    const { instance, frame } = instanceWithLayers();
    const holder = figma.createFrame();
    holder.resize(800, 400);
    holder.appendChild(instance);
    const png = encodePng(createRgbaImage(20, 10, [10, 200, 30, 255]));
    const placed = await placeInpaintPatchAsync(
      { nodeId: frame.id, pageId: figma.currentPage.id, width: frame.width, height: frame.height, scale: 1, pixelWidth: 90, pixelHeight: 60, shapeIds: [] },
      png,
      { x: 5, y: 5, width: 20, height: 10 },
      recipe(frame.id, 20, 10, "inpaint"),
    );
    expect(placed.node.parent).toBe(holder);
    expect(holder.children.indexOf(placed.node)).toBe(holder.children.indexOf(instance) + 1);
    expect(placed.node.absoluteTransform[0][2]).toBeCloseTo(frame.absoluteTransform[0][2] + 5, 6);
  });
});

describe("point 3: one undo step per generation", () => {
  it("commits once per fill, once per inpaint patch (the temporary export frame is not in it) and once per set of variant frames", async () => {
    const frame = figma.createFrame();
    frame.resize(300, 200);
    figma.commitUndo();
    let steps = fake.undoSteps.length;
    const fill = await placeFillAsync(target(frame), halvesPng(30, 20), recipe(frame.id, 30, 20));
    expect(fake.undoSteps.length).toBe(steps + 1);
    expect(fake.undoSteps.at(-1)!.created).toEqual([fill.id]);

    const layer = imageLayer(kodak(9, 96, 64), 96, 64);
    const ellipse = figma.createEllipse();
    ellipse.resize(20, 20);
    ellipse.x = 30;
    ellipse.y = 20;
    figma.currentPage.selection = [layer, ellipse];
    figma.commitUndo();
    steps = fake.undoSteps.length;
    const sources = await exportInpaintSourcesAsync();
    expect(fake.undoSteps.length).toBe(steps);
    const patch = await placeInpaintPatchAsync(
      sources.target,
      encodePng(createRgbaImage(10, 10, [0, 0, 0, 255])),
      { x: 30, y: 20, width: 10, height: 10 },
      recipe(layer.id, 10, 10, "inpaint"),
    );
    expect(fake.undoSteps.length).toBe(steps + 1);
    expect(fake.undoSteps.at(-1)!.created).toEqual([patch.node.id]);

    const [poster] = fake.loadRestDocument(readRestFixture(POSTER)) as FrameNode[];
    steps = fake.undoSteps.length;
    const reply = await createVariantFramesAsync(poster!.id, [
      { width: 300, height: 250 },
      { width: 728, height: 90 },
    ]);
    expect(fake.undoSteps.length).toBe(steps + 1);
    for (const f of reply.frames) expect(fake.undoSteps.at(-1)!.created).toContain(f.nodeId);
  });
});

describe("point 4: a second fill is visible", () => {
  it("goes above the earlier fill, below the user's layers, and hides the earlier one", async () => {
    const frame = figma.createFrame();
    frame.resize(200, 100);
    const userText = figma.createText();
    frame.appendChild(userText);
    const first = await placeFillAsync(target(frame), halvesPng(20, 10), recipe(frame.id, 20, 10));
    const second = await placeFillAsync(target(frame), halvesPng(20, 10), recipe(frame.id, 20, 10, "fill", "second"));
    expect(frame.children).toEqual([first, second, userText]);
    expect([first.visible, second.visible]).toEqual([false, true]);
  });
});

describe("point 6: the fill takes the target's shape", () => {
  it("copies a frame's per-corner radii and smoothing onto the fill", async () => {
    const frame = figma.createFrame();
    frame.resize(200, 100);
    Object.assign(frame, { topLeftRadius: 10, topRightRadius: 20, bottomRightRadius: 30, bottomLeftRadius: 0, cornerSmoothing: 0.6 });
    const fill = (await placeFillAsync(target(frame), halvesPng(20, 10), recipe(frame.id, 20, 10))) as RectangleNode;
    expect([fill.topLeftRadius, fill.topRightRadius, fill.bottomRightRadius, fill.bottomLeftRadius, fill.cornerSmoothing]).toEqual([10, 20, 30, 0, 0.6]);
  });

  it("fills an ellipse and a star with a shape of their own kind, transparent outside the outline", async () => {
    const holder = figma.createFrame();
    holder.resize(400, 200);
    holder.fills = [];
    const ellipse = figma.createEllipse();
    ellipse.resize(100, 100);
    const star = figma.createStar();
    star.resize(100, 100);
    star.x = 200;
    holder.appendChild(ellipse);
    holder.appendChild(star);
    for (const shape of [ellipse, star]) {
      const fill = await placeFillAsync(target(shape), encodePng(createRgbaImage(50, 50, [255, 0, 0, 255])), recipe(shape.id, 50, 50));
      expect(fill.type).toBe(shape.type);
      expect(holder.children.indexOf(fill)).toBe(holder.children.indexOf(shape) + 1);
      const render = decodePng(await fill.exportAsync({ format: "PNG" }));
      expect(at(render, 50, 50)).toEqual([255, 0, 0, 255]);
      expect(at(render, 1, 1)[3]).toBe(0);
    }
  });

  it("does not mirror the image on a flipped rectangle", async () => {
    const holder = figma.createFrame();
    holder.resize(200, 100);
    holder.fills = [];
    const rect = figma.createRectangle();
    rect.resize(100, 50);
    holder.appendChild(rect);
    rect.relativeTransform = [
      [-1, 0, 150],
      [0, 1, 20],
    ]; // flipped horizontally: spans x 50–150
    await placeFillAsync(target(rect), halvesPng(100, 50), recipe(rect.id, 100, 50));
    rect.visible = false;
    const render = decodePng(await holder.exportAsync({ format: "PNG" }));
    expect(at(render, 60, 40)).toEqual([255, 0, 0, 255]); // the image's left half on the page's left
    expect(at(render, 140, 40)).toEqual([0, 0, 255, 255]);
  });
});
