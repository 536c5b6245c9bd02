/// <reference types="@figma/plugin-typings" />
// Issue 14, points 5, 7, 8, 9 and 10: relaunch, colour profile, temporary nodes, History and
// palettes at scale, recipes that survive publishing. Against the Figma fake.
import { readFileSync } from "node:fs";
import { converter } from "culori";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RECIPE_KEY, type Recipe } from "../../src/core/protocol/recipe.js";
import { makeRecipe } from "./make-recipe.js";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";
import { createRgbaImage } from "../../src/core/raster/rgba-image.js";
import { createVariantFramesAsync } from "../../src/main/create-variant-frames.js";
import { exportInpaintSourcesAsync } from "../../src/main/export-inpaint-sources.js";
import { exportVariantSourceAsync } from "../../src/main/export-variant-source.js";
import { handlers } from "../../src/main/handle-ui-request.js";
import { listGeneratedLayersAsync } from "../../src/main/list-generated-layers.js";
import { placeFillAsync } from "../../src/main/place-fill.js";
import { readSelectionStateAsync } from "../../src/main/read-selection.js";
import { asFakeNode } from "../figma-fake/create-figma-fake.js";
import { FakeSceneNode } from "../figma-fake/fake-scene-node.js";
import { installFigmaFake, POSTER, readRestFixture, startPluginWithPanelAsync } from "./install-figma-fake.js";

afterEach(() => {
  vi.restoreAllMocks();
});

const recipe = (sourceNodeId: string, createdAt: string, prompt: string, extra: Partial<Recipe> = {}): Recipe =>
  makeRecipe({ promptTyped: prompt, model: "gpt-image-2", provider: "openai", size: { width: 40, height: 20 }, costUsd: 0.053, createdAt, sourceNodeId, ...extra });
const png = (rgba: [number, number, number, number] = [20, 120, 60, 255]) => encodePng(createRgbaImage(40, 20, rgba));
const target = (node: SceneNode) => ({ nodeId: node.id, pageId: figma.currentPage.id, width: node.width, height: node.height });
const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("point 5: Regenerate from the relaunch button", () => {
  it("keeps the launch for a panel that mounts late, and selects the recipe's source frame", async () => {
    const fake = installFigmaFake({ command: "regenerate" });
    const frame = figma.createFrame();
    frame.resize(400, 200);
    const generated = await placeFillAsync(target(frame), png(), recipe(frame.id, "2026-12-07T01:00:00.000Z", "sea at dawn"));
    figma.currentPage.selection = [generated];
    const channel = await startPluginWithPanelAsync(fake);
    for (let i = 0; i < 5; i++) await macrotask(); // main has long sent what it sends at start
    expect(figma.currentPage.selection).toEqual([frame]);
    const launch = await channel.requestAsync({ type: "get-launch" });
    expect(launch.recipe?.promptTyped).toBe("sea at dawn");
    expect(launch.sourceNodeId).toBe(frame.id);
    const selection = await channel.requestAsync({ type: "read-selection" });
    expect(selection.kind === "fill-target" && selection.spec.nodeId).toBe(frame.id);
  });
});

describe("point 7: exports are sRGB in a Display P3 document", () => {
  it("exports the inpaint image and the variant background in sRGB, as the designer sees the brand colour", async () => {
    const fake = installFigmaFake();
    const p3Red: [number, number, number, number] = [255, 59, 48, 255];
    const json = JSON.parse(readFileSync(new URL("../figma-fake/fixtures/p3-brand-ad-300x200.json", import.meta.url), "utf8"));
    const [ad] = fake.loadRestDocument(json, { images: { "p3-brand-red": encodePng(createRgbaImage(300, 200, p3Red)) } }) as FrameNode[];
    expect(figma.root.documentColorProfile).toBe("DISPLAY_P3");
    const srgb = converter("rgb")({ mode: "p3", r: 1, g: 59 / 255, b: 48 / 255 });
    const expected = [srgb.r, srgb.g, srgb.b].map((c) => Math.round(Math.min(1, Math.max(0, c)) * 255));
    expect(expected).not.toEqual([255, 59, 48]);

    const photo = ad!.children[0] as RectangleNode;
    const mark = figma.createEllipse();
    ad!.appendChild(mark);
    mark.resize(40, 40);
    mark.x = 100;
    mark.y = 50;
    figma.currentPage.selection = [photo, mark];
    const sources = await exportInpaintSourcesAsync();
    expect([...decodePng(sources.image).data.subarray(0, 3)]).toEqual(expected);

    mark.remove();
    const background = await exportVariantSourceAsync(ad!.id);
    expect(background.kind).toBe("image");
    expect([...decodePng(background.png!).data.subarray(0, 3)]).toEqual(expected);
  });
});

describe("point 8: temporary nodes", () => {
  it("exports off-screen, and removes at the next start a frame a closed plugin left behind", async () => {
    const fake = installFigmaFake();
    const image = figma.createRectangle();
    image.resize(64, 64);
    image.fills = [{ type: "IMAGE", imageHash: figma.createImage(png()).hash, scaleMode: "FILL" }];
    const mark = figma.createEllipse();
    mark.resize(10, 10);
    figma.currentPage.selection = [image, mark];
    // The plugin closes while Figma is exporting: the export never finishes.
    const exportSpy = vi.spyOn(FakeSceneNode.prototype, "exportAsync").mockImplementation(() => new Promise<Uint8Array>(() => {}));
    void exportInpaintSourcesAsync();
    for (let i = 0; i < 3; i++) await macrotask();
    const temporary = figma.currentPage.children.filter((n) => n !== image && n !== mark);
    expect(temporary).toHaveLength(1);
    const box = temporary[0]!.absoluteBoundingBox!;
    const view = figma.viewport.bounds;
    expect(box.x + box.width < view.x || box.x > view.x + view.width).toBe(true);
    expect(temporary[0]!.locked).toBe(true);
    exportSpy.mockRestore();

    await startPluginWithPanelAsync(fake);
    for (let i = 0; i < 3; i++) await macrotask();
    expect(temporary[0]!.removed).toBe(true);
    expect(figma.currentPage.children).toEqual([image, mark]);
  });

  it("rolls back the variant frames already made when a later size fails", async () => {
    const fake = installFigmaFake();
    const [poster] = fake.loadRestDocument(readRestFixture(POSTER)) as FrameNode[];
    const before = figma.currentPage.children.length;
    const original = FakeSceneNode.prototype.resizeWithoutConstraints;
    let calls = 0;
    vi.spyOn(FakeSceneNode.prototype, "resizeWithoutConstraints").mockImplementation(function (this: FakeSceneNode, w: number, h: number) {
      if (w === 728 && ++calls === 1) throw new Error("in resizeWithoutConstraints: simulated failure");
      return original.call(this, w, h);
    });
    await expect(
      createVariantFramesAsync(poster!.id, [
        { width: 300, height: 250 },
        { width: 728, height: 90 },
      ]),
    ).rejects.toThrow(/simulated failure/);
    expect(figma.currentPage.children.length).toBe(before);
  });
});

describe("point 9: History and palettes at scale", () => {
  it("lists generated layers of every page, newest first, with page, prompt, model and cost, through findAllWithCriteria", async () => {
    const fake = installFigmaFake();
    const first = figma.currentPage;
    const frameA = figma.createFrame();
    await placeFillAsync(target(frameA), png(), recipe(frameA.id, "2026-12-01T10:00:00.000Z", "older on page one"));
    const second = figma.createPage();
    second.name = "Campaign";
    await figma.setCurrentPageAsync(second);
    const frameB = figma.createFrame();
    await placeFillAsync({ ...target(frameB), pageId: second.id }, png(), recipe(frameB.id, "2026-12-05T10:00:00.000Z", "newer on campaign", { costUsd: null }));
    await figma.setCurrentPageAsync(first);
    const walk = vi.spyOn(asFakeNode(figma.root) as unknown as { findAll: () => unknown }, "findAll");

    const layers = await listGeneratedLayersAsync();
    expect(walk).not.toHaveBeenCalled();
    expect(layers.map((l) => [l.prompt, l.pageId, l.pageName, l.model, l.costUsd, l.createdAt])).toEqual([
      ["newer on campaign", second.id, "Campaign", "gpt-image-2", null, "2026-12-05T10:00:00.000Z"],
      ["older on page one", first.id, "Page 1", "gpt-image-2", 0.053, "2026-12-01T10:00:00.000Z"],
    ]);
    expect(fake.undoSteps.length).toBeGreaterThan(0);
  });

  it("select-node goes to the layer's page", async () => {
    installFigmaFake();
    const second = figma.createPage();
    await figma.setCurrentPageAsync(second);
    const far = figma.createRectangle();
    await figma.setCurrentPageAsync(figma.root.children[0]!);
    await handlers["select-node"]({ type: "select-node", nodeId: far.id });
    expect(figma.currentPage).toBe(second);
    expect(figma.currentPage.selection).toEqual([far]);
  });

  it("reads the file's styles and variables (and enabled libraries' colour variables) once per panel open, not on every selection change, and resolves variable aliases", async () => {
    const fake = installFigmaFake();
    const style = figma.createPaintStyle();
    style.paints = [{ type: "SOLID", color: { r: 1, g: 0, b: 0 } }];
    const collection = figma.variables.createVariableCollection("Brand");
    const base = figma.variables.createVariable("blue/500", collection, "COLOR");
    base.setValueForMode(collection.defaultModeId, { r: 0, g: 0, b: 1 });
    const alias = figma.variables.createVariable("primary", collection, "COLOR");
    alias.setValueForMode(collection.defaultModeId, { type: "VARIABLE_ALIAS", id: base.id });
    const semantic = figma.variables.createVariableCollection("Semantic");
    const cta = figma.variables.createVariable("cta", semantic, "COLOR");
    cta.setValueForMode(semantic.defaultModeId, { type: "VARIABLE_ALIAS", id: alias.id });
    fake.publishLibraryColours("Brand kit", "Colours", { accent: { r: 1, g: 0.5, b: 0 } }); // manifest grants teamlibrary
    const frames = [figma.createFrame(), figma.createFrame(), figma.createFrame()];
    frames.forEach((f) => (f.fills = [{ type: "SOLID", color: { r: 0, g: 1, b: 0 } }]));
    await startPluginWithPanelAsync(fake);
    for (const f of frames) {
      await fake.select([f]);
      await macrotask();
    }
    const state = await readSelectionStateAsync();
    expect(fake.paletteReads).toEqual({ styles: 1, variables: 1 });
    if (state.kind !== "fill-target") throw new Error(state.reason);
    const fromVariables = state.spec.palette.filter((p) => p.source === "variable");
    expect(fromVariables.map((p) => p.hex)).toEqual(["#0000FF", "#FF8000"]);
    expect(fromVariables[0]!.layers).toEqual([base.id]);
    await readSelectionStateAsync({ refreshPalette: true });
    expect(fake.paletteReads).toEqual({ styles: 2, variables: 2 });
  });
});

describe("point 10: recipes survive publishing", () => {
  it("stores recipes as shared plugin data that the published plugin id still reads, and reads the old private key", async () => {
    const fake = installFigmaFake({ pluginId: "brandfill-dev" });
    const frame = figma.createFrame();
    const placed = await placeFillAsync(target(frame), png(), recipe(frame.id, "2026-12-02T10:00:00.000Z", "made in development"));
    const old = figma.createRectangle();
    old.setPluginData(RECIPE_KEY, JSON.stringify(recipe(frame.id, "2026-11-02T10:00:00.000Z", "made by an old version")));
    expect((await listGeneratedLayersAsync()).map((l) => l.nodeId)).toEqual([placed.id, old.id]);

    const [poster] = fake.loadRestDocument(readRestFixture(POSTER)) as FrameNode[];
    const reply = await createVariantFramesAsync(poster!.id, [{ width: 300, height: 250, presetId: "iab-medium-rectangle" }]);

    fake.setPluginId("1234567890123456789"); // the id Figma assigns at publishing
    expect(placed.getPluginData(RECIPE_KEY)).toBe("");
    expect((await listGeneratedLayersAsync()).map((l) => l.prompt)).toEqual(["made in development"]);
    // Variant frames and the file's chosen sizes are kept the same way.
    expect(JSON.parse(((await figma.getNodeByIdAsync(reply.frames[0]!.nodeId)) as FrameNode).getSharedPluginData("brandfill", "variant")).sourceNodeId).toBe(poster!.id);
    expect(await handlers["get-variant-sizes"]({ type: "get-variant-sizes" })).toEqual({ sizes: ["iab-medium-rectangle"] });
  });
});
