/// <reference types="@figma/plugin-typings" />
import { describe, expect, it } from "vitest";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";
import type { RgbaImage } from "../../src/core/raster/rgba-image.js";
import { createFigmaFake } from "./create-figma-fake.js";

const RED: SolidPaint = { type: "SOLID", color: { r: 1, g: 0, b: 0 } };
const WHITE: SolidPaint = { type: "SOLID", color: { r: 1, g: 1, b: 1 } };

function pixel(img: RgbaImage, x: number, y: number): number[] {
  const o = (y * img.width + x) * 4;
  return [...img.data.slice(o, o + 4)];
}

/** 4×2 test image: pixel (x, y) = [60·x, 200·y, 100, 255]. */
function knownImage(): RgbaImage {
  const data = new Uint8ClampedArray(4 * 2 * 4);
  for (let y = 0; y < 2; y++) for (let x = 0; x < 4; x++) data.set([60 * x, 200 * y, 100, 255], (y * 4 + x) * 4);
  return { width: 4, height: 2, data };
}
const img = (x: number, y: number) => [60 * x, 200 * y, 100, 255];
const CLEAR = [0, 0, 0, 0];

function setup() {
  const fake = createFigmaFake();
  const figma = fake.figma;
  return { fake, figma };
}

async function exportImage(node: SceneNode, settings?: ExportSettingsImage): Promise<RgbaImage> {
  return decodePng(await node.exportAsync(settings ?? { format: "PNG" }));
}

function expectEveryPixel(image: RgbaImage, expected: (x: number, y: number) => number[]): void {
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) expect(pixel(image, x, y), `pixel ${x},${y}`).toEqual(expected(x, y));
  }
}

function frameWithRedRect(figma: PluginAPI) {
  const frame = figma.createFrame();
  frame.resize(10, 10);
  frame.fills = [WHITE];
  const rect = figma.createRectangle();
  frame.appendChild(rect);
  rect.resize(4, 3);
  rect.x = 2;
  rect.y = 5;
  rect.fills = [RED];
  return { frame, rect };
}

describe("exportAsync", () => {
  it("exports a red rectangle inside a white frame with red exactly at its pixels at scale 1", async () => {
    const { figma } = setup();
    const { frame } = frameWithRedRect(figma);
    const image = await exportImage(frame);
    expect([image.width, image.height]).toEqual([10, 10]);
    expectEveryPixel(image, (x, y) => (x >= 2 && x < 6 && y >= 5 && y < 8 ? [255, 0, 0, 255] : [255, 255, 255, 255]));
  });

  it("doubles every edge at scale 2", async () => {
    const { figma } = setup();
    const { frame } = frameWithRedRect(figma);
    const image = await exportImage(frame, { format: "PNG", constraint: { type: "SCALE", value: 2 } });
    expect([image.width, image.height]).toEqual([20, 20]);
    expectEveryPixel(image, (x, y) => (x >= 4 && x < 12 && y >= 10 && y < 16 ? [255, 0, 0, 255] : [255, 255, 255, 255]));
  });

  it("sizes the output from WIDTH and HEIGHT constraints", async () => {
    const { figma } = setup();
    const { frame } = frameWithRedRect(figma);
    frame.resize(10, 5);
    expect((await exportImage(frame, { format: "PNG", constraint: { type: "WIDTH", value: 25 } })).height).toBe(13);
    expect((await exportImage(frame, { format: "PNG", constraint: { type: "HEIGHT", value: 7 } })).width).toBe(14);
  });

  it("exports a node with its own fills and offsets children from its own origin", async () => {
    const { figma } = setup();
    const { frame, rect } = frameWithRedRect(figma);
    frame.x = 100;
    frame.y = -40;
    const image = await exportImage(rect);
    expect([image.width, image.height]).toEqual([4, 3]);
    expectEveryPixel(image, () => [255, 0, 0, 255]);
  });

  it("clips children to a frame with clipsContent and lets them overflow without it", async () => {
    const { figma } = setup();
    const { frame, rect } = frameWithRedRect(figma);
    rect.x = 8;
    const clipped = await exportImage(frame);
    expect([clipped.width, clipped.height]).toEqual([10, 10]);
    expect(pixel(clipped, 9, 6)).toEqual([255, 0, 0, 255]);
    frame.clipsContent = false;
    const overflowing = await exportImage(frame);
    expect([overflowing.width, overflowing.height]).toEqual([12, 10]);
    expect(pixel(overflowing, 11, 6)).toEqual([255, 0, 0, 255]);
    expect(pixel(overflowing, 11, 0)).toEqual(CLEAR);
  });

  it("skips hidden children and paints later children on top", async () => {
    const { figma } = setup();
    const { frame, rect } = frameWithRedRect(figma);
    const blue = figma.createRectangle();
    frame.appendChild(blue);
    blue.resize(2, 2);
    blue.x = 2;
    blue.y = 5;
    blue.fills = [{ type: "SOLID", color: { r: 0, g: 0, b: 1 } }];
    let image = await exportImage(frame);
    expect(pixel(image, 2, 5)).toEqual([0, 0, 255, 255]);
    expect(pixel(image, 4, 5)).toEqual([255, 0, 0, 255]);
    frame.insertChild(0, blue);
    image = await exportImage(frame);
    expect(pixel(image, 2, 5)).toEqual([255, 0, 0, 255]);
    rect.visible = false;
    image = await exportImage(frame);
    expect(pixel(image, 2, 5)).toEqual([0, 0, 255, 255]);
    expect(pixel(image, 4, 5)).toEqual([255, 255, 255, 255]);
  });

  it("applies node opacity and paint opacity", async () => {
    const { figma } = setup();
    const { frame, rect } = frameWithRedRect(figma);
    rect.opacity = 0.5;
    expect(pixel(await exportImage(frame), 3, 6)).toEqual([255, 128, 128, 255]);
    rect.opacity = 1;
    rect.fills = [{ ...RED, opacity: 0.5 }];
    expect(pixel(await exportImage(frame), 3, 6)).toEqual([255, 128, 128, 255]);
    expect(pixel(await exportImage(rect), 0, 0)).toEqual([255, 0, 0, 128]);
  });

  it("renders a rectangle turned 90° counter-clockwise", async () => {
    const { figma } = setup();
    const { frame, rect } = frameWithRedRect(figma);
    rect.resize(6, 2);
    rect.x = 2;
    rect.y = 8;
    rect.rotation = 90;
    expect(rect.absoluteBoundingBox).toEqual({ x: 2, y: 2, width: 2, height: 6 });
    const image = await exportImage(frame);
    expectEveryPixel(image, (x, y) => (x >= 2 && x < 4 && y >= 2 && y < 8 ? [255, 0, 0, 255] : [255, 255, 255, 255]));
  });

  it("exports a square turned 45° as a diamond in its rotated bounds", async () => {
    const { figma } = setup();
    const rect = figma.createRectangle();
    rect.resize(10, 10);
    rect.fills = [RED];
    rect.rotation = 45;
    const image = await exportImage(rect);
    expect([image.width, image.height]).toEqual([14, 14]);
    expect(pixel(image, 0, 0)).toEqual(CLEAR);
    expect(pixel(image, 13, 13)).toEqual(CLEAR);
    expect(pixel(image, 7, 7)).toEqual([255, 0, 0, 255]);
    expect(pixel(image, 7, 0)).toEqual([255, 0, 0, 255]);
    expect(pixel(image, 0, 7)).toEqual([255, 0, 0, 255]);
  });

  it("renders an ellipse inside its box only", async () => {
    const { figma } = setup();
    const ellipse = figma.createEllipse();
    ellipse.resize(10, 10);
    ellipse.fills = [RED];
    const image = await exportImage(ellipse);
    expect(pixel(image, 0, 0)).toEqual(CLEAR);
    expect(pixel(image, 5, 5)).toEqual([255, 0, 0, 255]);
    expect(pixel(image, 0, 5)).toEqual([255, 0, 0, 255]);
  });

  it("rounds corners by cornerRadius", async () => {
    const { figma } = setup();
    const rect = figma.createRectangle();
    rect.resize(10, 10);
    rect.fills = [RED];
    rect.cornerRadius = 4;
    const image = await exportImage(rect);
    expect(pixel(image, 0, 0)).toEqual(CLEAR);
    expect(pixel(image, 9, 9)).toEqual(CLEAR);
    expect(pixel(image, 4, 0)).toEqual([255, 0, 0, 255]);
  });

  it("renders a horizontal linear gradient from its stops", async () => {
    const { figma } = setup();
    const rect = figma.createRectangle();
    rect.resize(4, 1);
    rect.fills = [
      {
        type: "GRADIENT_LINEAR",
        gradientTransform: [
          [1, 0, 0],
          [0, 1, 0],
        ],
        gradientStops: [
          { position: 0, color: { r: 0, g: 0, b: 0, a: 1 } },
          { position: 1, color: { r: 1, g: 1, b: 1, a: 1 } },
        ],
      },
    ];
    const image = await exportImage(rect);
    expect([0, 1, 2, 3].map((x) => pixel(image, x, 0)[0])).toEqual([32, 96, 159, 223]);
  });

  describe("image fills on a 4×2 image", () => {
    async function imageRect(figma: PluginAPI, w: number, h: number, paint: Omit<ImagePaint, "imageHash" | "type">) {
      const image = figma.createImage(encodePng(knownImage()));
      const rect = figma.createRectangle();
      rect.resize(w, h);
      rect.fills = [{ type: "IMAGE", imageHash: image.hash, ...paint }];
      return exportImage(rect);
    }

    it("FILL covers the box, centred, cropping the overflow", async () => {
      const { figma } = setup();
      const image = await imageRect(figma, 8, 8, { scaleMode: "FILL" });
      expectEveryPixel(image, (x, y) => img(x < 4 ? 1 : 2, y < 4 ? 0 : 1));
    });

    it("FIT contains the image, centred, leaving the rest clear", async () => {
      const { figma } = setup();
      const image = await imageRect(figma, 8, 8, { scaleMode: "FIT" });
      expectEveryPixel(image, (x, y) => (y < 2 || y >= 6 ? CLEAR : img(Math.floor(x / 2), y < 4 ? 0 : 1)));
    });

    it("CROP maps the box through imageTransform", async () => {
      const { figma } = setup();
      const image = await imageRect(figma, 4, 2, {
        scaleMode: "CROP",
        imageTransform: [
          [0.5, 0, 0.5],
          [0, 1, 0],
        ],
      });
      expectEveryPixel(image, (x, y) => img(x < 2 ? 2 : 3, y));
    });

    it("TILE repeats the image at scalingFactor from the box origin", async () => {
      const { figma } = setup();
      const image = await imageRect(figma, 6, 3, { scaleMode: "TILE", scalingFactor: 1 });
      expectEveryPixel(image, (x, y) => img(x % 4, y % 2));
      const half = await imageRect(figma, 4, 2, { scaleMode: "TILE", scalingFactor: 0.5 });
      expectEveryPixel(half, (x, y) => img((2 * x + 1) % 4, (2 * y + 1) % 2));
    });
  });

  it("renders boolean operations from their children's shapes", async () => {
    const { fake } = setup();
    const [bool] = fake.loadRestDocument({
      id: "1:1",
      name: "Subtract",
      type: "BOOLEAN_OPERATION",
      booleanOperation: "SUBTRACT",
      fills: [{ type: "SOLID", color: { r: 1, g: 0, b: 0, a: 1 } }],
      children: [
        { id: "1:2", type: "RECTANGLE", name: "a", absoluteBoundingBox: { x: 0, y: 0, width: 4, height: 4 }, fills: [] },
        { id: "1:3", type: "RECTANGLE", name: "b", absoluteBoundingBox: { x: 2, y: 0, width: 2, height: 4 }, fills: [] },
      ],
    });
    const image = await exportImage(bool!);
    expectEveryPixel(image, (x) => (x < 2 ? [255, 0, 0, 255] : CLEAR));
  });

  it("draws inside strokes over the fill and a frame's strokes above its children", async () => {
    const { figma } = setup();
    const { frame, rect } = frameWithRedRect(figma);
    rect.strokes = [{ type: "SOLID", color: { r: 0, g: 0, b: 1 } }];
    rect.strokeWeight = 1;
    rect.x = 2;
    rect.y = 2;
    frame.strokes = [{ type: "SOLID", color: { r: 0, g: 1, b: 0 } }];
    frame.strokeWeight = 1;
    const image = await exportImage(frame);
    expect(pixel(image, 0, 0)).toEqual([0, 255, 0, 255]);
    expect(pixel(image, 9, 4)).toEqual([0, 255, 0, 255]);
    expect(pixel(image, 2, 3)).toEqual([0, 0, 255, 255]);
    expect(pixel(image, 5, 4)).toEqual([0, 0, 255, 255]);
    expect(pixel(image, 3, 3)).toEqual([255, 0, 0, 255]);
    expect(pixel(image, 6, 6)).toEqual([255, 255, 255, 255]);
  });

  it("draws a line as a band of its stroke weight", async () => {
    const { figma } = setup();
    const frame = figma.createFrame();
    frame.resize(6, 6);
    const line = figma.createLine();
    frame.appendChild(line);
    line.resize(4, 0);
    line.x = 1;
    line.y = 3;
    line.strokeWeight = 2;
    const image = await exportImage(frame);
    expectEveryPixel(image, (x, y) => (x >= 1 && x < 5 && y >= 2 && y < 4 ? [0, 0, 0, 255] : [255, 255, 255, 255]));
  });

  it("refuses to export a removed node", async () => {
    const { figma } = setup();
    const rect = figma.createRectangle();
    rect.remove();
    await expect(rect.exportAsync()).rejects.toThrow(/not in the document/);
  });

  it("writes real PNG and JPEG files", async () => {
    const { figma } = setup();
    const { frame } = frameWithRedRect(figma);
    const png = await frame.exportAsync({ format: "PNG" });
    expect([...png.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    const jpg = await frame.exportAsync({ format: "JPG" });
    expect([...jpg.slice(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    await expect(frame.exportAsync({ format: "SVG" })).rejects.toThrow(/not implemented in the fake/);
  });
});
