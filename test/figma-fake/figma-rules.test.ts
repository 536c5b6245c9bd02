/// <reference types="@figma/plugin-typings" />
// Issue 14, point 11: the fake refuses what Figma refuses (each rule's source is cited where the fake enforces it).
import { describe, expect, it } from "vitest";
import { decodePng } from "../../src/core/raster/png-codec.js";
import { createFigmaFake } from "./create-figma-fake.js";

const manifest = { relaunchButtons: [{ command: "regenerate" }] };

describe("the Figma fake refuses what Figma refuses", () => {
  it("refuses inserting into an instance's sublayers and reading mainComponent under dynamic-page", async () => {
    const { figma } = createFigmaFake();
    const component = figma.createComponent();
    component.appendChild(figma.createFrame());
    const instance = component.createInstance();
    expect(() => (instance.children[0] as FrameNode).appendChild(figma.createRectangle())).toThrow(/inside of an instance/);
    expect(() => instance.appendChild(figma.createRectangle())).toThrow(/is an instance/);
    expect(() => instance.mainComponent).toThrow(/getMainComponentAsync/);
    expect(await instance.getMainComponentAsync()).toBe(component);
  });

  it("posts only plain objects, arrays, primitives, Date and Uint8Array to the panel", () => {
    const fake = createFigmaFake();
    fake.figma.showUI("<p></p>");
    expect(() => fake.figma.ui.postMessage({ at: new Date(0), png: new Uint8Array(2), list: [1, "a", null, undefined, true] })).not.toThrow();
    expect(() => fake.figma.ui.postMessage({ sizes: new Map() })).toThrow(/pluginMessage.sizes is a Map/);
    expect(() => fake.figma.ui.postMessage({ px: new Float32Array(2) })).toThrow(/Float32Array/);
    expect(() => fake.figma.ui.postMessage({ e: new Error("x") })).toThrow(/Error/);
    expect(() => fake.figma.ui.postMessage([() => 1])).toThrow(/function/);
  });

  it("limits a plugin data entry to 100 kB and keeps private plugin data per plugin id", () => {
    const fake = createFigmaFake({ pluginId: "dev" });
    const node = fake.figma.createRectangle();
    expect(() => node.setPluginData("k", "x".repeat(100 * 1024))).toThrow(/100 kB/);
    expect(() => node.setSharedPluginData("brandfill", "k", "x".repeat(100 * 1024))).toThrow(/100 kB/);
    node.setPluginData("k", "mine");
    node.setSharedPluginData("brandfill", "k", "shared");
    fake.setPluginId("published");
    expect(node.getPluginData("k")).toBe("");
    expect(node.getSharedPluginData("brandfill", "k")).toBe("shared");
  });

  it("accepts relaunch data only for the manifest's commands and descriptions up to 1,000 characters", () => {
    const { figma } = createFigmaFake({ manifest });
    const node = figma.createRectangle();
    expect(() => node.setRelaunchData({ regenerate: "x".repeat(1000) })).not.toThrow();
    expect(() => node.setRelaunchData({ regenerate: "x".repeat(1001) })).toThrow(/1000/);
    expect(() => node.setRelaunchData({ edit: "" })).toThrow(/relaunchButtons/);
  });

  it("rejects loadFontAsync for a missing font and needs every font of mixed text loaded", async () => {
    const fake = createFigmaFake();
    const { figma } = fake;
    const inter = { family: "Inter", style: "Regular" };
    const bold = { family: "Inter", style: "Bold" };
    fake.markFontMissing({ family: "Brand Sans", style: "Black" });
    await expect(figma.loadFontAsync({ family: "Brand Sans", style: "Black" })).rejects.toThrow(/could not be loaded/);
    await figma.loadFontAsync(inter);
    await figma.loadFontAsync(bold);
    const text = figma.createText();
    text.characters = "Big sale";
    text.setRangeFontName(0, 3, bold);
    expect(text.fontName).toBe(figma.mixed);
    expect(text.getRangeAllFontNames(0, 8)).toEqual([bold, inter]);
    expect(text.getStyledTextSegments(["fontName"]).map((s) => s.characters)).toEqual(["Big", " sale"]);
    // A later run of the plugin has loaded only Inter Regular: the mixed text cannot be changed.
    (fake.loadedFonts as Set<string>).delete("Inter Bold");
    expect(() => {
      text.characters = "Bigger sale";
    }).toThrow(/unloaded font "Inter Bold"/);
    expect(() => text.setRangeFontSize(0, 3, 20)).toThrow(/unloaded font "Inter Bold"/);
    expect(text.hasMissingFont).toBe(false);
  });

  it("records commitUndo steps", () => {
    const fake = createFigmaFake();
    const a = fake.figma.createRectangle();
    const temp = fake.figma.createFrame();
    temp.remove();
    fake.figma.commitUndo();
    const b = fake.figma.createEllipse();
    fake.figma.commitUndo();
    expect(fake.undoSteps.map((s) => s.created)).toEqual([[a.id], [b.id]]);
  });

  it("needs loadAllPagesAsync before searching the whole document", async () => {
    const { figma } = createFigmaFake();
    expect(() => figma.root.findAllWithCriteria({ types: ["FRAME"] })).toThrow(/loadAllPagesAsync/);
    await figma.loadAllPagesAsync();
    expect(figma.root.findAllWithCriteria({ types: ["FRAME"] })).toEqual([]);
  });

  it("honours exportAsync colorProfile in a Display P3 document", async () => {
    const { figma } = createFigmaFake({ documentColorProfile: "DISPLAY_P3" });
    const rect = figma.createRectangle();
    rect.fills = [{ type: "SOLID", color: { r: 1, g: 0, b: 0 } }];
    const documentPx = decodePng(await rect.exportAsync({ format: "PNG" })).data;
    const srgbPx = decodePng(await rect.exportAsync({ format: "PNG", colorProfile: "SRGB" })).data;
    expect([...documentPx.subarray(0, 3)]).toEqual([255, 0, 0]);
    // P3's red is outside sRGB: clamped, with green and blue pulled below zero and clipped.
    expect(srgbPx[0]).toBe(255);
    const { figma: srgbDoc } = createFigmaFake();
    const plain = srgbDoc.createRectangle();
    plain.fills = [{ type: "SOLID", color: { r: 0.2, g: 0.5, b: 0.3 } }];
    const p3Px = decodePng(await plain.exportAsync({ format: "PNG", colorProfile: "DISPLAY_P3_V4" })).data;
    expect([...p3Px.subarray(0, 3)]).not.toEqual([51, 128, 77]);
  });

  it("lists library variables only with the teamlibrary permission", async () => {
    const without = createFigmaFake({ manifest: { relaunchButtons: [], permissions: [] } });
    await expect(without.figma.teamLibrary.getAvailableLibraryVariableCollectionsAsync()).rejects.toThrow(/teamlibrary/);
    const fake = createFigmaFake({ manifest: { relaunchButtons: [], permissions: ["teamlibrary"] } });
    fake.publishLibraryColours("Brand kit", "Colours", { accent: { r: 1, g: 0.5, b: 0 } });
    const [collection] = await fake.figma.teamLibrary.getAvailableLibraryVariableCollectionsAsync();
    expect(collection).toMatchObject({ name: "Colours", libraryName: "Brand kit" });
    const [entry] = await fake.figma.teamLibrary.getVariablesInLibraryCollectionAsync(collection!.key);
    expect(entry).toMatchObject({ name: "accent", resolvedType: "COLOR" });
    const imported = await fake.figma.variables.importVariableByKeyAsync(entry!.key);
    expect(imported.remote).toBe(true);
    expect(await fake.figma.variables.getLocalVariablesAsync()).toEqual([]);
  });

  it("has paint styles and variables with the documented shapes", async () => {
    const { figma } = createFigmaFake();
    const style = figma.createPaintStyle();
    style.name = "Brand/Red";
    style.paints = [{ type: "SOLID", color: { r: 1, g: 0, b: 0 } }];
    const [read] = await figma.getLocalPaintStylesAsync();
    expect(read).toMatchObject({ type: "PAINT", name: "Brand/Red", paints: [{ type: "SOLID" }] });
    const collection = figma.variables.createVariableCollection("Brand");
    const red = figma.variables.createVariable("red", collection, "COLOR");
    red.setValueForMode(collection.defaultModeId, { r: 1, g: 0, b: 0 });
    expect(() => red.setValueForMode(collection.defaultModeId, { r: 2, g: 0, b: 0 })).toThrow(/from 0 to 1/);
    expect(() => red.setValueForMode(collection.defaultModeId, { type: "VARIABLE_ALIAS", id: "VariableID:nope" })).toThrow(/does not exist/);
    const [v] = await figma.variables.getLocalVariablesAsync("COLOR");
    expect(v).toMatchObject({ id: red.id, resolvedType: "COLOR", variableCollectionId: collection.id, valuesByMode: { [collection.defaultModeId]: { r: 1, g: 0, b: 0 } } });
    expect((await figma.variables.getVariableCollectionByIdAsync(collection.id))!.defaultModeId).toBe(collection.modes[0]!.modeId);
  });
});
