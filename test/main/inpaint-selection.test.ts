/// <reference types="@figma/plugin-typings" />
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { maskFromImage } from "../../src/core/inpaint/mask-from-image.js";
import { decodePng } from "../../src/core/raster/png-codec.js";
import { exportInpaintSourcesAsync } from "../../src/main/export-inpaint-sources.js";
import { describeInpaintSelection, readInpaintSelectionAsync } from "../../src/main/read-inpaint-selection.js";
import type { FigmaFake } from "../figma-fake/create-figma-fake.js";
import { FakeSceneNode } from "../figma-fake/fake-scene-node.js";
import { imageLayer, kodak, pixelAt, placeOver, shapeGroup } from "./inpaint-fixtures.js";
import { installFigmaFake } from "./install-figma-fake.js";

let fake: FigmaFake;
beforeEach(() => {
  fake = installFigmaFake();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const reason = async () => describeInpaintSelection(await readInpaintSelectionAsync());

/** Every node on the page, serialized, to prove nothing was added, left behind or changed. */
const pageState = () => figma.currentPage.children.map((n) => fake.serializeNode(n));

describe("reading an inpaint selection", () => {
  it("says what to select for each wrong selection", async () => {
    const photo = imageLayer(kodak(1, 96, 64), 96, 64);
    photo.name = "Harbour";
    const rect = figma.createRectangle();
    placeOver(photo, rect, { x: 10, y: 10, width: 20, height: 20 });
    const other = imageLayer(kodak(2, 96, 64), 96, 64);
    other.name = "Door";
    const text = figma.createText();
    text.name = "Headline";
    const far = figma.createEllipse();
    far.name = "Far ellipse";
    far.x = 500;

    figma.currentPage.selection = [];
    expect(await reason()).toEqual({ kind: "none", reason: "Select an image and one or more shapes drawn over the part to change." });
    figma.currentPage.selection = [photo];
    expect(await reason()).toMatchObject({ reason: "Draw a shape over the part of “Harbour” to change, then select the image and the shape together." });
    figma.currentPage.selection = [rect];
    expect(await reason()).toMatchObject({ reason: "Also select the image the shapes are drawn over (a layer with an image fill)." });
    figma.currentPage.selection = [photo, other, rect];
    expect(await reason()).toMatchObject({ reason: "Select one image with the shapes: “Harbour”, “Door” all have image fills." });
    figma.currentPage.selection = [photo, rect, text];
    expect(await reason()).toMatchObject({ reason: "“Headline” is text. Select only the image and the shapes drawn over it." });
    figma.currentPage.selection = [photo, far];
    expect(await reason()).toMatchObject({ reason: "“Far ellipse” is not over “Harbour”. Move the shape onto the part of the image to change." });
  });

  it("accepts every kind of shape and a group of shapes, and reads the native size", async () => {
    const photo = imageLayer(kodak(3, 96, 64), 48, 32);
    const shapes: SceneNode[] = [figma.createRectangle(), figma.createEllipse(), figma.createPolygon(), figma.createStar(), figma.createVector(), figma.createLine()];
    shapes.forEach((s, i) => placeOver(photo, s as SceneNode & LayoutMixin, { x: 2 + i * 6, y: 4, width: 5, height: 5 }));
    const group = shapeGroup(fake, "GROUP", { x: 5, y: 20, width: 6, height: 6 }, { x: 12, y: 20, width: 6, height: 6 });
    figma.currentPage.selection = [photo, ...shapes, group];
    const state = await reason();
    if (state.kind !== "inpaint-target") throw new Error(state.reason);
    expect(state.image).toEqual({ nodeId: photo.id, name: "Photo", scaleMode: "FILL", nativeWidth: 96, nativeHeight: 64, pixelWidth: 96, pixelHeight: 64, note: null });
    expect(state.shapes.map((s) => s.type)).toEqual(["RECTANGLE", "ELLIPSE", "POLYGON", "STAR", "VECTOR", "LINE", "GROUP"]);
  });

  it("exports at the native density per scale mode and caps at 4096 px, saying so", async () => {
    const photo = kodak(4, 192, 128);
    const cases: [Partial<ImagePaint>, number, number, [number, number]][] = [
      [{ scaleMode: "FILL" }, 96, 96, [128, 128]],
      [{ scaleMode: "FIT" }, 96, 96, [192, 192]],
      [
        {
          scaleMode: "CROP",
          imageTransform: [
            [0.5, 0, 0.25],
            [0, 0.5, 0.25],
          ],
        },
        48,
        32,
        [96, 64],
      ],
      [{ scaleMode: "TILE", scalingFactor: 0.5 }, 300, 100, [600, 200]],
    ];
    for (const [paint, w, h, size] of cases) {
      const layer = imageLayer(photo, w, h, paint);
      const rect = figma.createRectangle();
      placeOver(layer, rect, { x: 1, y: 1, width: 4, height: 4 });
      figma.currentPage.selection = [layer, rect];
      const state = await reason();
      if (state.kind !== "inpaint-target") throw new Error(state.reason);
      expect([state.image.pixelWidth, state.image.pixelHeight], paint.scaleMode).toEqual(size);
    }
    const huge = imageLayer(photo, 3000, 1000, { scaleMode: "TILE", scalingFactor: 0.25 });
    const rect = figma.createRectangle();
    placeOver(huge, rect, { x: 1, y: 1, width: 4, height: 4 });
    figma.currentPage.selection = [huge, rect];
    const state = await reason();
    if (state.kind !== "inpaint-target") throw new Error(state.reason);
    expect([state.image.pixelWidth, state.image.pixelHeight]).toEqual([4096, 1365]);
    expect(state.image.note).toBe("“Photo” is inpainted at 4096×1365 px rather than its native 12000×4000 px, because Figma images are at most 4096 px on a side.");
  });
});

describe("exporting the image and the shape mask", () => {
  it("exports the photo byte for byte and a mask of the same size exactly under the shapes", async () => {
    const photo = kodak(5);
    const layer = imageLayer(photo, 384, 256);
    layer.x = 40;
    layer.y = 30;
    const rect = figma.createRectangle();
    rect.fills = [{ type: "SOLID", color: { r: 1, g: 0, b: 0 } }];
    rect.opacity = 0.4;
    placeOver(layer, rect, { x: 100, y: 50, width: 40, height: 30 });
    const line = figma.createLine();
    line.strokeWeight = 2;
    placeOver(layer, line, { x: 10, y: 200, width: 300, height: 0 });
    figma.currentPage.selection = [layer, rect, line];
    const before = pageState();

    const sources = await exportInpaintSourcesAsync();
    expect(sources.target).toMatchObject({ nodeId: layer.id, width: 384, height: 256, scale: 2, pixelWidth: 768, pixelHeight: 512, shapeIds: [rect.id, line.id] });
    expect(sources.notes).toEqual([]);
    const image = decodePng(sources.image);
    expect(Buffer.from(image.data).equals(Buffer.from(photo.data))).toBe(true);
    const mask = maskFromImage(decodePng(sources.mask));
    expect([mask.width, mask.height]).toEqual([768, 512]);
    for (let y = 0; y < 512; y++) {
      for (let x = 0; x < 768; x++) {
        const inRect = x >= 200 && x < 280 && y >= 100 && y < 160;
        const onLine = x >= 20 && x < 620 && y >= 398 && y < 402;
        if (mask.data[y * 768 + x] !== (inRect || onLine ? 255 : 0)) throw new Error(`mask pixel ${x},${y} is ${mask.data[y * 768 + x]}`);
      }
    }
    // Nothing added or left behind, and the user's layers are exactly as they were.
    expect(pageState()).toEqual(before);
  });

  it("masks a boolean group by its combined shape, whatever its colours and opacity", async () => {
    const layer = imageLayer(kodak(8, 96, 64), 96, 64);
    const cutOut = shapeGroup(fake, "BOOLEAN_OPERATION", { x: 10, y: 10, width: 40, height: 30 }, { x: 20, y: 15, width: 20, height: 20 }, "SUBTRACT");
    (cutOut as BooleanOperationNode).opacity = 0.3;
    figma.currentPage.selection = [layer, cutOut];
    const mask = maskFromImage(decodePng((await exportInpaintSourcesAsync()).mask));
    const inHole = (x: number, y: number) => ((x + 0.5 - 30) / 10) ** 2 + ((y + 0.5 - 25) / 10) ** 2 <= 1;
    for (let y = 0; y < 64; y++)
      for (let x = 0; x < 96; x++) {
        const want = x >= 10 && x < 50 && y >= 10 && y < 40 && !inHole(x, y) ? 255 : 0;
        expect(mask.data[y * 96 + x], `${x},${y}`).toBe(want);
      }
  });

  it("puts a rotated image's shapes in the image's own pixel grid", async () => {
    const layer = imageLayer(kodak(6, 192, 128), 192, 128);
    layer.rotation = 30;
    layer.x = 100;
    layer.y = 150;
    const ellipse = figma.createEllipse();
    placeOver(layer, ellipse, { x: 60, y: 40, width: 50, height: 30 });
    figma.currentPage.selection = [layer, ellipse];
    const sources = await exportInpaintSourcesAsync();
    const image = decodePng(sources.image);
    expect([image.width, image.height]).toEqual([192, 128]);
    // Rendered unrotated: the photo itself, not its turned bounding box.
    expect(pixelAt(image, 10, 10)).toEqual(pixelAt(kodak(6, 192, 128), 10, 10));
    const mask = maskFromImage(decodePng(sources.mask));
    const inside = (x: number, y: number) => ((x + 0.5 - 85) / 25) ** 2 + ((y + 0.5 - 55) / 15) ** 2 < 1;
    let wrong = 0;
    for (let y = 0; y < 128; y++) for (let x = 0; x < 192; x++) if ((mask.data[y * 192 + x] === 255) !== inside(x, y)) wrong++;
    // Point sampling on a rotated grid: only pixels whose centre sits on the ellipse's edge may differ.
    expect(wrong).toBeLessThanOrEqual(4);
  });

  it("removes its temporary frame and changes nothing when an export fails", async () => {
    const layer = imageLayer(kodak(7, 96, 64), 96, 64);
    const rect = figma.createRectangle();
    placeOver(layer, rect, { x: 10, y: 10, width: 20, height: 20 });
    figma.currentPage.selection = [layer, rect];
    const before = pageState();
    const realExport = FakeSceneNode.prototype.exportAsync;
    const spy = vi.spyOn(FakeSceneNode.prototype, "exportAsync").mockRejectedValueOnce(new Error("Render failed"));
    await expect(exportInpaintSourcesAsync()).rejects.toThrow("Figma could not export “Photo” for inpainting (Render failed). Nothing was changed.");
    expect(pageState()).toEqual(before);

    // The mask's export failing (after the image's succeeded) leaves nothing behind either.
    let calls = 0;
    spy.mockImplementation(async function (this: FakeSceneNode, settings?: ExportSettings) {
      if (++calls === 2) throw new Error("Out of memory");
      return realExport.call(this, settings);
    });
    await expect(exportInpaintSourcesAsync()).rejects.toThrow(/Out of memory\)\. Nothing was changed\./);
    expect(pageState()).toEqual(before);
    expect(figma.currentPage.findAll((n) => n.name.startsWith("brandfill inpaint"))).toEqual([]);
  });

  it("refuses a wrong selection with its sentence", async () => {
    await expect(exportInpaintSourcesAsync()).rejects.toMatchObject({
      code: "invalid_selection",
      message: "Select an image and one or more shapes drawn over the part to change.",
    });
  });
});
