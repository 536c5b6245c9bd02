/// <reference types="@figma/plugin-typings" />
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { parseSizeList } from "../../src/core/layout/parse-size-list.js";
import { Recipe } from "../../src/core/protocol/recipe.js";
import { deltaE2000 } from "../../src/core/colour/delta-e-2000.js";
import { hexToCielab, rgbBytesToCielab } from "../../src/core/colour/hex-to-oklab.js";
import { decodePng } from "../../src/core/raster/png-codec.js";
import type { RgbaImage } from "../../src/core/raster/rgba-image.js";
import { outpaintFeatherPx, sourceRectInTarget } from "../../src/core/variants/finish-variant-background.js";
import type { VariantRecord } from "../../src/core/variants/variant-messages.js";
import { CARD, HERO, POSTER, readRestFixture } from "../main/install-figma-fake.js";
import { frameWithGeneratedBackgroundAsync, OFFLINE, startJob, useVariantsHarness, variantBackgroundOf } from "./variants-harness.js";

const h = useVariantsHarness();

describe("variants batch, in the document", () => {
  it("leaves the source frame byte for byte unchanged and places each background bottom-most at the frame's size", async () => {
    const hero = await frameWithGeneratedBackgroundAsync(h, HERO);
    const before = h.fake.serializeNode(hero);
    const sizes = parseSizeList("300x250,728x90,300x600");
    const job = startJob(h, { sourceNodeId: hero.id, sizes, model: OFFLINE });
    const ready = await job.ready;
    // The frames exist, laid out, before any background arrives.
    expect(ready.frames.map((f) => f.name)).toEqual(["Frame 218335809 — 300×250", "Frame 218335809 — 728×90", "Frame 218335809 — 300×600"]);
    const states = await job.done;
    expect(h.fake.serializeNode(hero)).toBe(before);
    expect(states.map((s) => s.status)).toEqual(["done", "done", "done"]);

    for (const [i, state] of states.entries()) {
      const frame = (await figma.getNodeByIdAsync(state.frameNodeId!)) as FrameNode;
      const record = JSON.parse(frame.getSharedPluginData("brandfill", "variant")) as VariantRecord;
      const rect = (await variantBackgroundOf(state))!;
      expect([rect.width, rect.height]).toEqual([sizes[i]!.width, sizes[i]!.height]);
      for (const id of record.backgroundCloneIds) expect(await figma.getNodeByIdAsync(id)).toBeNull();
      const recipe = v.parse(Recipe, JSON.parse(rect.getSharedPluginData("brandfill", "recipe")));
      expect(recipe).toMatchObject({
        kind: "variant",
        provider: "offline",
        sourceNodeId: frame.id,
        promptTyped: "sunlit linen and dried flowers",
        size: { width: sizes[i]!.width, height: sizes[i]!.height },
      });
      const image = decodePng(await figma.getImageByHash((rect.fills as ImagePaint[])[0]!.imageHash!)!.getBytesAsync());
      expect([image.width, image.height]).toEqual([sizes[i]!.width, sizes[i]!.height]);
      // Text stays text and components stay instances, wherever the layout kept them.
      for (const node of frame.findAll()) {
        const twin = hero.findOne((n) => n.name === node.name && n.type !== node.type);
        expect(twin, `${node.name} changed type`).toBeNull();
      }
    }
    const square = (await figma.getNodeByIdAsync(states[0]!.frameNodeId!)) as FrameNode;
    expect(square.findAllWithCriteria({ types: ["INSTANCE"] }).length).toBe(hero.findAllWithCriteria({ types: ["INSTANCE"] }).length);
    expect(square.findAllWithCriteria({ types: ["TEXT"] }).length).toBe(hero.findAllWithCriteria({ types: ["TEXT"] }).length);
  }, 20_000);

  it("regenerates from the recipe's prompt with the source as reference and the new layout's keep-clear zones", async () => {
    const card = await frameWithGeneratedBackgroundAsync(h, CARD, "autumn market stalls at dusk");
    const before = (await h.proxy.requestsAsync("gemini")).length;
    const job = startJob(h, { sourceNodeId: card.id, sizes: parseSizeList("640x360"), mode: "regenerate" });
    const ready = await job.ready;
    const states = await job.done;
    expect(states[0]!.status).toBe("done");
    expect(ready.batch.plans[0]!.kind).toBe("regenerate");
    const sent = (await h.proxy.requestsAsync("gemini")).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.images).toBe(1);
    expect(sent[0]!.prompt).toMatch(/^autumn market stalls at dusk\n/);
    expect(sent[0]!.prompt).toMatch(/recompose it for this format/);
    // The keep-clear zone is where the layout put the card's content at 640×360 (Gemini makes
    // 16:9 exactly, so the canvas is the frame), not where it sat in the 322×523 card.
    const content = ready.frames[0]!.layout.elements.find((e) => e.role === "headline")!;
    const pct = (v: number, of: number) => Math.round((v / of) * 100);
    const span = `x ${pct(content.box.x, 640)}–${pct(content.box.x + content.box.width, 640)}%, y ${pct(content.box.y, 360)}–${pct(content.box.y + content.box.height, 360)}%`;
    expect(sent[0]!.prompt).toContain(`the headline at`);
    expect(sent[0]!.prompt).toContain(span);
    expect(span).not.toBe("x 0–100%, y 0–100%");
  }, 20_000);

  it("locks brand colours in an extended background's new margins and leaves the source's pixels as they were", async () => {
    const hero = await frameWithGeneratedBackgroundAsync(h, HERO);
    // The model answers with the brand red drifted (ΔE2000 ≈ 6 from #E4002B) and a little grain;
    // the proxy's lock (lockPalette) must bring the new margins back.
    const run = async (palette: string[]) => {
      await h.proxy.enqueueAsync("gemini", { flatColour: [205, 22, 58] });
      const job = startJob(h, { sourceNodeId: hero.id, sizes: parseSizeList("300x600"), palette });
      const plan = (await job.ready).batch.plans[0]!;
      const [state] = await job.done;
      expect(state!.status).toBe("done");
      const rect = (await variantBackgroundOf(state!))!;
      return { plan, image: decodePng(await figma.getImageByHash((rect.fills as ImagePaint[])[0]!.imageHash!)!.getBytesAsync()) };
    };
    const plain = await run([]);
    const locked = await run(["#E4002B"]);
    expect(locked.plan.kind).toBe("outpaint");
    const source = sourceRectInTarget(locked.plan);
    const margin = outpaintFeatherPx(source) + 2;
    const { width, height } = locked.image;
    const red = hexToCielab("#E4002B");
    const meanDeltaE = (image: RgbaImage, where: (x: number, y: number) => boolean) => {
      const sum = [0, 0, 0];
      let n = 0;
      for (let y = 0; y < height; y++)
        for (let x = 0; x < width; x++) {
          if (!where(x, y)) continue;
          const o = (y * width + x) * 4;
          for (let c = 0; c < 3; c++) sum[c]! += image.data[o + c]!;
          n++;
        }
      expect(n).toBeGreaterThan(1000);
      return deltaE2000(red, rgbBytesToCielab(Math.round(sum[0]! / n), Math.round(sum[1]! / n), Math.round(sum[2]! / n)));
    };
    const inMargin = (x: number, y: number) => y < source.y - margin || y >= source.y + source.height + margin || x < source.x - margin || x >= source.x + source.width + margin;
    const inSource = (x: number, y: number) => x >= source.x + margin && x < source.x + source.width - margin && y >= source.y + margin && y < source.y + source.height - margin;
    expect(meanDeltaE(plain.image, inMargin)).toBeGreaterThan(3);
    expect(meanDeltaE(locked.image, inMargin)).toBeLessThanOrEqual(1);
    // The source's own pixels are the same bytes with or without the lock.
    let differing = 0;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        if (!inSource(x, y)) continue;
        const o = (y * width + x) * 4;
        for (let c = 0; c < 4; c++) if (plain.image.data[o + c] !== locked.image.data[o + c]) differing++;
      }
    expect(differing).toBe(0);
  }, 20_000);

  it("works offline for every kind of background, with no key", async () => {
    const [poster] = h.fake.loadRestDocument(readRestFixture(POSTER)) as FrameNode[];
    for (const mode of ["extend", "regenerate"] as const) {
      const job = startJob(h, { sourceNodeId: poster!.id, sizes: parseSizeList("290x400,300x250,320x50"), model: OFFLINE, mode, prompt: "bright shopfront" });
      const ready = await job.ready;
      expect(ready.source.kind).toBe("image");
      expect(ready.batch.plans.map((p) => p.kind)).toEqual(mode === "extend" ? ["resize", "outpaint", "outpaint"] : ["regenerate", "regenerate", "regenerate"]);
      expect(ready.batch.totalUsd).toBe(0);
      const states = await job.done;
      expect(states.map((s) => s.status)).toEqual(["done", "done", "done"]);
    }
  }, 20_000);
});
