/// <reference types="@figma/plugin-typings" />
import { beforeEach, describe, expect, it } from "vitest";
import { RECIPE_KEY, type Recipe } from "../../src/core/protocol/recipe.js";
import { makeRecipe } from "./make-recipe.js";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";
import { createRgbaImage } from "../../src/core/raster/rgba-image.js";
import { listGeneratedLayersAsync } from "../../src/main/list-generated-layers.js";
import { placeFillAsync } from "../../src/main/place-fill.js";
import { installFigmaFake } from "./install-figma-fake.js";

beforeEach(() => {
  installFigmaFake();
});

const recipe = (prompt: string, createdAt: string, nodeId: string): Recipe => makeRecipe({ promptTyped: prompt, createdAt, sourceNodeId: nodeId });

describe("listGeneratedLayersAsync", () => {
  it("lists the page's generated layers newest first with small thumbnails, skipping broken recipes", async () => {
    const frame = figma.createFrame();
    frame.resize(300, 100);
    const png = encodePng(createRgbaImage(300, 100, [0, 120, 60, 255]));
    await placeFillAsync({ nodeId: frame.id, pageId: figma.currentPage.id, width: 300, height: 100 }, png, recipe("older", "2026-11-20T10:00:00.000Z", frame.id));
    await placeFillAsync({ nodeId: frame.id, pageId: figma.currentPage.id, width: 300, height: 100 }, png, recipe("newer", "2026-11-21T10:00:00.000Z", frame.id));
    const broken = figma.createRectangle();
    broken.setPluginData(RECIPE_KEY, "{not json");
    const user = figma.createRectangle(); // no recipe: the user's own layer

    const layers = await listGeneratedLayersAsync();
    expect(layers.map((l) => l.recipe.promptTyped)).toEqual(["newer", "older"]);
    expect(layers.map((l) => l.nodeId)).not.toContain(broken.id);
    expect(layers.map((l) => l.nodeId)).not.toContain(user.id);
    const thumb = decodePng(layers[0]!.thumbnail!);
    expect(Math.max(thumb.width, thumb.height)).toBe(96);
    expect((await listGeneratedLayersAsync(1)).length).toBe(1);
  });
});
