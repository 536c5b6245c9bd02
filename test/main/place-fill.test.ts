/// <reference types="@figma/plugin-typings" />
import * as v from "valibot";
import { beforeEach, describe, expect, it } from "vitest";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";
import { createRgbaImage } from "../../src/core/raster/rgba-image.js";
import { Recipe } from "../../src/core/protocol/recipe.js";
import { makeRecipe } from "./make-recipe.js";
import { placeFillAsync } from "../../src/main/place-fill.js";
import { readSelectionState } from "../../src/main/read-selection.js";
import type { FigmaFake } from "../figma-fake/create-figma-fake.js";
import { CARD, HERO, installFigmaFake, POSTER, readRestFixture } from "./install-figma-fake.js";

let fake: FigmaFake;
beforeEach(() => {
  fake = installFigmaFake();
});

function recipeFor(frame: SceneNode, prompt: string, width: number, height: number): Recipe {
  return makeRecipe({
    promptTyped: prompt,
    promptSent: `${prompt}\nKeep calm…`,
    size: { width, height },
    providerRequest: { width, height, n: 1 },
    palette: ["#4659FF"],
    sourceNodeId: frame.id,
  });
}

const solidPng = (w: number, h: number, rgba: [number, number, number, number]) => encodePng(createRgbaImage(w, h, rgba));

describe("readSelectionState", () => {
  it("asks for a frame when nothing is selected", () => {
    expect(readSelectionState()).toEqual({ kind: "none", reason: "Select a frame to fill." });
  });

  it("reads a real hero frame's size, keep-clear zones and palette", () => {
    const [hero] = fake.loadRestDocument(readRestFixture(HERO));
    figma.currentPage.selection = [hero!];
    const state = readSelectionState();
    if (state.kind !== "fill-target") throw new Error(state.reason);
    expect([state.spec.width, state.spec.height]).toEqual([1440, 616]);
    expect(state.spec.keepClear.find((z) => z.role === "cta")?.box).toEqual({ x: 80, y: 480, width: 328, height: 56 });
    expect(state.spec.keepClear.some((z) => z.role === "image" && z.box.x === 720)).toBe(true);
    expect(state.spec.palette.map((p) => p.hex)).toContain("#4659FF");
    expect(state.spec.pageId).toBe(figma.currentPage.id);
  });

  it("says what to select for text, groups and several layers", () => {
    const [card] = fake.loadRestDocument(readRestFixture(CARD));
    const text = (card as FrameNode).findOne((n) => n.type === "TEXT")!;
    figma.currentPage.selection = [text];
    expect(readSelectionState()).toMatchObject({ kind: "none", reason: expect.stringMatching(/is text.*Select the frame around it/) });
    const group = (card as FrameNode).findOne((n) => n.type === "GROUP")!;
    figma.currentPage.selection = [group];
    expect(readSelectionState()).toMatchObject({ kind: "none", reason: expect.stringMatching(/is a group/) });
    figma.currentPage.selection = [text, group];
    expect(readSelectionState()).toMatchObject({ kind: "none", reason: "Select one frame to fill (2 layers are selected)." });
  });
});

describe("placeFillAsync", () => {
  it("inserts a named, scaled, bottom-most image layer with its recipe, leaving the user's layers unchanged", async () => {
    const [poster] = fake.loadRestDocument(readRestFixture(POSTER)) as FrameNode[];
    const before = poster!.children.map((c) => fake.serializeNode(c));
    const beforeIds = poster!.children.map((c) => c.id);
    const png = solidPng(725, 1000, [200, 30, 40, 255]);
    const recipe = recipeFor(poster!, "warm autumn market stalls at golden hour with lanterns", 725, 1000);
    const rect = (await placeFillAsync({ nodeId: poster!.id, pageId: figma.currentPage.id, width: 725, height: 1000 }, png, recipe)) as RectangleNode;

    expect(poster!.children[0]).toBe(rect);
    expect(rect.name).toBe("✦ warm autumn market stalls at golden…");
    expect([rect.x, rect.y, rect.width, rect.height]).toEqual([0, 0, 725, 1000]);
    expect(rect.constraints).toEqual({ horizontal: "SCALE", vertical: "SCALE" });
    const fill = (rect.fills as readonly Paint[])[0] as ImagePaint;
    expect(fill).toMatchObject({ type: "IMAGE", scaleMode: "FILL" });
    const bytes = await figma.getImageByHash(fill.imageHash!)!.getBytesAsync();
    expect(Buffer.from(bytes).equals(Buffer.from(png))).toBe(true);
    expect(v.parse(Recipe, JSON.parse(rect.getSharedPluginData("brandfill", "recipe")))).toEqual(recipe);
    expect(rect.getRelaunchData()).toHaveProperty("regenerate");
    // Nothing the user made changed: same children, same order, same serialized state.
    expect(poster!.children.slice(1).map((c) => c.id)).toEqual(beforeIds);
    expect(poster!.children.slice(1).map((c) => fake.serializeNode(c))).toEqual(before);
  });

  it("shows the fill behind the frame's own layers in an export", async () => {
    const frame = figma.createFrame();
    frame.resize(40, 20);
    frame.fills = [{ type: "SOLID", color: { r: 1, g: 1, b: 1 } }];
    const badge = figma.createRectangle();
    frame.appendChild(badge);
    badge.resize(10, 10);
    badge.x = 5;
    badge.y = 5;
    badge.fills = [{ type: "SOLID", color: { r: 0, g: 0, b: 1 } }];
    await placeFillAsync({ nodeId: frame.id, pageId: figma.currentPage.id, width: 40, height: 20 }, solidPng(40, 20, [255, 0, 0, 255]), recipeFor(frame, "red", 40, 20));
    const out = decodePng(await frame.exportAsync({ format: "PNG" }));
    const at = (x: number, y: number) => [...out.data.subarray((y * out.width + x) * 4, (y * out.width + x) * 4 + 4)];
    expect(at(30, 10)).toEqual([255, 0, 0, 255]); // the fill
    expect(at(8, 8)).toEqual([0, 0, 255, 255]); // the user's badge stays on top
  });

  it("keeps an auto-layout frame's flow by positioning the fill absolutely", async () => {
    const frame = figma.createFrame();
    frame.layoutMode = "VERTICAL";
    frame.itemSpacing = 8;
    frame.paddingTop = 10;
    const a = figma.createRectangle();
    const b = figma.createRectangle();
    frame.appendChild(a);
    frame.appendChild(b);
    frame.primaryAxisSizingMode = "FIXED";
    frame.resize(200, 300);
    const positions = frame.children.map((c) => [c.x, c.y]);
    const rect = (await placeFillAsync(
      { nodeId: frame.id, pageId: figma.currentPage.id, width: 200, height: 300 },
      solidPng(200, 300, [0, 0, 0, 255]),
      recipeFor(frame, "dark", 200, 300),
    )) as RectangleNode;
    expect(rect.layoutPositioning).toBe("ABSOLUTE");
    expect([rect.x, rect.y, rect.width, rect.height]).toEqual([0, 0, 200, 300]);
    expect([a, b].map((c) => [c.x, c.y])).toEqual(positions);
  });

  it("lays a fill for a shape directly above it with the same transform", async () => {
    const frame = figma.createFrame();
    frame.resize(300, 300);
    const shape = figma.createEllipse();
    frame.appendChild(shape);
    shape.resize(100, 60);
    shape.x = 50;
    shape.y = 40;
    shape.rotation = 30;
    const rect = (await placeFillAsync(
      { nodeId: shape.id, pageId: figma.currentPage.id, width: 100, height: 60 },
      solidPng(100, 60, [0, 0, 0, 255]),
      recipeFor(shape, "x", 100, 60),
    )) as RectangleNode;
    expect(frame.children.indexOf(rect)).toBe(frame.children.indexOf(shape) + 1);
    expect(rect.relativeTransform).toEqual(shape.relativeTransform);
    expect([rect.width, rect.height]).toEqual([100, 60]);
  });

  it("refuses a target that was deleted meanwhile and leaves nothing behind", async () => {
    const frame = figma.createFrame();
    frame.resize(10, 10);
    const id = frame.id;
    frame.remove();
    const count = figma.currentPage.children.length;
    await expect(
      placeFillAsync({ nodeId: id, pageId: figma.currentPage.id, width: 10, height: 10 }, solidPng(10, 10, [0, 0, 0, 255]), recipeFor(frame, "x", 10, 10)),
    ).rejects.toThrow(/no longer exists/);
    expect(figma.currentPage.children.length).toBe(count);
  });

  it("refuses bytes figma cannot read without leaving a half-made layer", async () => {
    const frame = figma.createFrame();
    frame.resize(10, 10);
    await expect(
      placeFillAsync({ nodeId: frame.id, pageId: figma.currentPage.id, width: 10, height: 10 }, new Uint8Array([1, 2, 3]), recipeFor(frame, "x", 10, 10)),
    ).rejects.toThrow(/could not read/);
    expect(frame.children).toHaveLength(0);
  });
});

describe("readSelectionStateAsync", () => {
  it("offers the file's paint-style and variable colours after the frame's own, without repeats", async () => {
    const { readSelectionStateAsync } = await import("../../src/main/read-selection.js");
    const [hero] = fake.loadRestDocument(readRestFixture(HERO));
    figma.currentPage.selection = [hero!];
    // The fake has no styles or variables API; stand in for Figma's with the documented shapes.
    const api = figma as unknown as Record<string, unknown>;
    api.getLocalPaintStylesAsync = async () => [
      { id: "S:1", name: "Brand/Blue", paints: [{ type: "SOLID", color: { r: 0x46 / 255, g: 0x59 / 255, b: 1 } }] },
      { id: "S:2", name: "Brand/Green", paints: [{ type: "SOLID", color: { r: 0, g: 0xaa / 255, b: 0x66 / 255 } }] },
    ];
    api.variables = {
      getLocalVariablesAsync: async () => [{ id: "V:1", variableCollectionId: "C:1", valuesByMode: { m1: { r: 1, g: 0.5, b: 0, a: 1 } } }],
      getVariableCollectionByIdAsync: async () => ({ defaultModeId: "m1" }),
    };
    const state = await readSelectionStateAsync();
    if (state.kind !== "fill-target") throw new Error(state.reason);
    const hexes = state.spec.palette.map((p) => `${p.hex}:${p.source}`);
    expect(hexes.filter((h) => h.startsWith("#4659FF"))).toEqual(["#4659FF:fill"]); // already used by the frame
    expect(hexes.slice(-2)).toEqual(["#00AA66:style", "#FF8000:variable"]);
  });

  it("still reads the frame when the host has no styles or variables api", async () => {
    const { readSelectionStateAsync } = await import("../../src/main/read-selection.js");
    const [hero] = fake.loadRestDocument(readRestFixture(HERO));
    figma.currentPage.selection = [hero!];
    const state = await readSelectionStateAsync();
    expect(state.kind).toBe("fill-target");
  });
});
