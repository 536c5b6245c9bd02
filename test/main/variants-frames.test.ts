/// <reference types="@figma/plugin-typings" />
import * as v from "valibot";
import { beforeEach, describe, expect, it } from "vitest";
import { AD_SIZE_PRESETS } from "../../src/core/layout/ad-sizes.js";
import { buildFrameSpec } from "../../src/core/frame-spec/build-frame-spec.js";
import { checkLayout } from "../../src/core/layout/check-layout.js";
import { Recipe } from "../../src/core/protocol/recipe.js";
import { makeRecipe } from "./make-recipe.js";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";
import { createRgbaImage } from "../../src/core/raster/rgba-image.js";
import type { VariantRecord, VariantSizeRequest } from "../../src/core/variants/variant-messages.js";
import { createVariantFramesAsync } from "../../src/main/create-variant-frames.js";
import { exportVariantSourceAsync } from "../../src/main/export-variant-source.js";
import { handleUiRequestAsync } from "../../src/main/handle-ui-request.js";
import { placeFillAsync } from "../../src/main/place-fill.js";
import { placeVariantBackgroundAsync } from "../../src/main/place-variant-background.js";
import { readSpecNode } from "../../src/main/read-spec-node.js";
import type { FigmaFake } from "../figma-fake/create-figma-fake.js";
import { HERO, installFigmaFake, POSTER, readRestFixture } from "./install-figma-fake.js";

let fake: FigmaFake;
beforeEach(() => {
  fake = installFigmaFake();
});

const preset = (id: string): VariantSizeRequest => {
  const p = AD_SIZE_PRESETS.find((x) => x.id === id)!;
  return { width: p.width, height: p.height, presetId: p.id, ...(p.safeZone ? { safeZone: p.safeZone } : {}) };
};
const TWELVE = [
  "iab-medium-rectangle",
  "iab-leaderboard",
  "iab-wide-skyscraper",
  "iab-half-page",
  "iab-billboard",
  "iab-mobile-banner",
  "google-landscape",
  "google-square",
  "google-portrait",
  "meta-feed-square",
  "meta-feed-portrait",
  "meta-stories",
].map(preset);

function recipe(kind: Recipe["kind"], sourceNodeId: string, width: number, height: number): Recipe {
  return makeRecipe({ kind, promptTyped: "sunlit linen", promptSent: "sunlit linen\n…", size: { width, height }, sourceNodeId });
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe("createVariantFramesAsync", () => {
  it("makes one named frame per size beside the source, overlapping nothing, and leaves the source byte for byte as it was", async () => {
    const [poster] = fake.loadRestDocument(readRestFixture(POSTER)) as FrameNode[];
    // Something already sits right of the poster: the variants must go past it.
    const blocker = figma.createRectangle();
    blocker.resize(400, 400);
    blocker.x = poster!.x + poster!.width + 100;
    blocker.y = poster!.y;
    const before = fake.serializeNode(poster!);
    const reply = await createVariantFramesAsync(poster!.id, TWELVE);

    expect(fake.serializeNode(poster!)).toBe(before);
    expect(reply.frames).toHaveLength(12);
    const frames = await Promise.all(reply.frames.map(async (f) => (await figma.getNodeByIdAsync(f.nodeId)) as FrameNode));
    expect(frames.map((f) => f.name)).toEqual(TWELVE.map((s) => `模板_营销活动 — ${s.width}×${s.height}`));
    expect(frames.map((f) => [f.width, f.height])).toEqual(TWELVE.map((s) => [s.width, s.height]));
    const boxes = frames.map((f) => f.absoluteBoundingBox!);
    const others = [poster!, blocker].map((n) => n.absoluteBoundingBox!);
    for (const [i, b] of boxes.entries()) {
      expect(frames[i]!.parent).toBe(figma.currentPage);
      expect(b.x).toBeGreaterThan(poster!.x + poster!.width);
      for (const o of others) expect(overlaps(b, o)).toBe(false);
      for (const [j, c] of boxes.entries()) if (i !== j) expect(overlaps(b, c)).toBe(false);
    }
    // A tidy grid: rows share their top edge.
    expect(new Set(boxes.map((b) => b.y)).size).toBeLessThan(boxes.length);
  });

  it("clones layers as live layers laid out as relayout says, and leaves dropped ones out", async () => {
    const [hero] = fake.loadRestDocument(readRestFixture(HERO)) as FrameNode[];
    const sizes = [preset("meta-feed-square"), { width: 320, height: 50 }];
    const reply = await createVariantFramesAsync(hero!.id, sizes);
    const sourceTexts = hero!.findAllWithCriteria({ types: ["TEXT"] }).length;
    const sourceInstances = hero!.findAllWithCriteria({ types: ["INSTANCE"] }).length;
    expect(sourceInstances).toBeGreaterThan(0);

    const square = (await figma.getNodeByIdAsync(reply.frames[0]!.nodeId)) as FrameNode;
    const layout = reply.frames[0]!.layout;
    expect(layout.dropped).toEqual([]);
    expect(square.findAllWithCriteria({ types: ["TEXT"] })).toHaveLength(sourceTexts);
    expect(square.findAllWithCriteria({ types: ["INSTANCE"] })).toHaveLength(sourceInstances);
    expect(square.layoutMode).toBe("NONE");
    // The "Content" column is taken apart: its texts, review and button are layers of their own,
    // in paint order, and the column itself is kept only as its panel (no children).
    expect(square.children.map((c) => c.name)).toEqual(layout.elements.map((e) => e.name));
    expect(square.children.map((c) => c.name)).toEqual(expect.arrayContaining(["Content", "Button", "image 14"]));
    expect((square.children.find((c) => c.name === "Content") as FrameNode).children).toHaveLength(0);
    for (const placed of layout.elements) {
      const node = square.children.find((c) => c.name === placed.name)!;
      expect(node.x).toBeCloseTo(placed.box.x, 1);
      expect(node.y).toBeCloseTo(placed.box.y, 1);
      expect(node.width).toBeCloseTo(placed.box.width, 0);
      expect(node.height).toBeCloseTo(placed.box.height, 0);
    }
    expect(checkLayout(layout, { width: 1080, height: 1080 }, buildFrameSpec(readSpecNode(hero!), figma.currentPage.id))).toEqual([]);

    // 320×50 drops the body copy, the review and the panel: they are not in the frame, and the record says why.
    const banner = (await figma.getNodeByIdAsync(reply.frames[1]!.nodeId)) as FrameNode;
    const dropped = reply.frames[1]!.layout.dropped;
    expect(dropped.length).toBeGreaterThan(0);
    for (const d of dropped) expect(banner.children.some((c) => c.name === d.name)).toBe(false);
    const record = JSON.parse(banner.getSharedPluginData("brandfill", "variant")) as VariantRecord;
    expect(record).toMatchObject({ sourceNodeId: hero!.id, width: 320, height: 50, presetId: null });
    expect(record.dropped.map((d) => d.reason)).toEqual(dropped.map((d) => d.reason));
  });

  it("scales text font sizes to the layout's and keeps them text", async () => {
    const [poster] = fake.loadRestDocument(readRestFixture(POSTER)) as FrameNode[];
    const reply = await createVariantFramesAsync(poster!.id, [preset("iab-half-page")]);
    const frame = (await figma.getNodeByIdAsync(reply.frames[0]!.nodeId)) as FrameNode;
    const texts = reply.frames[0]!.layout.elements.filter((e) => e.fontSize !== undefined && poster!.children.find((c) => c.id === e.id)?.type === "TEXT");
    expect(texts.length).toBeGreaterThan(0);
    for (const placed of texts) {
      const node = frame.children.find((c) => c.name === placed.name) as TextNode;
      expect(node.type).toBe("TEXT");
      expect(node.fontSize).toBeCloseTo(placed.fontSize!, 1);
      expect(node.fontSize).toBeGreaterThanOrEqual(8);
    }
  });

  it("remembers the chosen sizes in the file", async () => {
    const [hero] = fake.loadRestDocument(readRestFixture(HERO)) as FrameNode[];
    await handleUiRequestAsync({ type: "create-variant-frames", sourceNodeId: hero!.id, sizes: [preset("iab-leaderboard"), { width: 500, height: 500 }] });
    expect(JSON.parse(figma.root.getSharedPluginData("brandfill", "variant-sizes"))).toEqual(["iab-leaderboard", "500x500"]);
    expect(await handleUiRequestAsync({ type: "get-variant-sizes" })).toEqual({ sizes: ["iab-leaderboard", "500x500"] });
    await handleUiRequestAsync({ type: "set-variant-sizes", sizes: ["meta-stories", "meta-stories", "300x250"] });
    expect(await handleUiRequestAsync({ type: "get-variant-sizes" })).toEqual({ sizes: ["meta-stories", "300x250"] });
  });

  it("says what to select when the source is not a frame", async () => {
    const [hero] = fake.loadRestDocument(readRestFixture(HERO)) as FrameNode[];
    const text = hero!.findOne((n) => n.type === "TEXT")!;
    await expect(createVariantFramesAsync(text.id, [{ width: 300, height: 250 }])).rejects.toMatchObject({
      code: "invalid_source",
      message: expect.stringMatching(/Select the ad's frame/),
    });
    await expect(createVariantFramesAsync("999:1", [{ width: 300, height: 250 }])).rejects.toMatchObject({ code: "target_missing" });
  });
});

describe("variant backgrounds in the document", () => {
  it("exports a full-bleed image background cut to what the frame shows, and none for a frame without one", async () => {
    const [poster] = fake.loadRestDocument(readRestFixture(POSTER)) as FrameNode[];
    const source = await exportVariantSourceAsync(poster!.id);
    expect(source.kind).toBe("image");
    expect(source.box).toEqual({ x: 2, y: 0, width: 759, height: 1000 });
    const png = decodePng(source.png!);
    expect([png.width, png.height]).toEqual([759, 1000]);

    const [hero] = fake.loadRestDocument(readRestFixture(HERO)) as FrameNode[];
    expect(await exportVariantSourceAsync(hero!.id)).toMatchObject({ kind: "none", png: null });
  });

  it("exports a generated fill with its recipe", async () => {
    const [hero] = fake.loadRestDocument(readRestFixture(HERO)) as FrameNode[];
    await placeFillAsync(
      { nodeId: hero!.id, pageId: figma.currentPage.id, width: 1440, height: 616 },
      encodePng(createRgbaImage(1440, 616, [10, 20, 30, 255])),
      recipe("fill", hero!.id, 1440, 616),
    );
    const source = await exportVariantSourceAsync(hero!.id);
    expect(source.kind).toBe("generated");
    expect(source.recipe?.promptTyped).toBe("sunlit linen");
    const png = decodePng(source.png!);
    expect([png.width, png.height, png.data[0], png.data[1]]).toEqual([1440, 616, 10, 20]);
  });

  it("replaces the cloned background with the variant's own, bottom-most, and puts a second one above the first, hidden", async () => {
    const [poster] = fake.loadRestDocument(readRestFixture(POSTER)) as FrameNode[];
    const reply = await createVariantFramesAsync(poster!.id, [{ width: 300, height: 250 }]);
    const info = reply.frames[0]!;
    const frame = (await figma.getNodeByIdAsync(info.nodeId)) as FrameNode;
    const record = JSON.parse(frame.getSharedPluginData("brandfill", "variant")) as VariantRecord;
    expect(record.backgroundCloneIds).toHaveLength(1);
    const clone = (await figma.getNodeByIdAsync(record.backgroundCloneIds[0]!)) as RectangleNode;
    // The preview covers the frame until the new background arrives.
    expect(clone.width).toBeGreaterThanOrEqual(300);
    expect(clone.height).toBeGreaterThanOrEqual(250);
    const count = frame.children.length;

    const png = encodePng(createRgbaImage(300, 250, [200, 100, 50, 255]));
    const first = await placeVariantBackgroundAsync(info.target, png, recipe("variant", info.nodeId, 300, 250));
    expect(frame.children[0]).toBe(first);
    expect(clone.removed).toBe(true);
    expect(frame.children.length).toBe(count);
    expect(v.parse(Recipe, JSON.parse(first.getSharedPluginData("brandfill", "recipe"))).kind).toBe("variant");

    const second = await placeVariantBackgroundAsync(info.target, png, recipe("variant", info.nodeId, 300, 250));
    expect(frame.children.slice(0, 2)).toEqual([first, second]);
    expect(first.visible).toBe(false);
    expect(second.visible).toBe(true);
  });
});
