/// <reference types="@figma/plugin-typings" />
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { parseSizeList } from "../../src/core/layout/parse-size-list.js";
import { Recipe, RECIPE_KEY } from "../../src/core/protocol/recipe.js";
import { decodePng } from "../../src/core/raster/png-codec.js";
import { VARIANT_KEY, type VariantRecord } from "../../src/core/variants/variant-messages.js";
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
      const record = JSON.parse(frame.getPluginData(VARIANT_KEY)) as VariantRecord;
      const rect = (await variantBackgroundOf(state))!;
      expect([rect.width, rect.height]).toEqual([sizes[i]!.width, sizes[i]!.height]);
      for (const id of record.backgroundCloneIds) expect(await figma.getNodeByIdAsync(id)).toBeNull();
      const recipe = v.parse(Recipe, JSON.parse(rect.getPluginData(RECIPE_KEY)));
      expect(recipe).toMatchObject({ kind: "variant", provider: "offline", sourceNodeId: frame.id, promptTyped: "sunlit linen and dried flowers", size: { width: sizes[i]!.width, height: sizes[i]!.height } });
      const image = decodePng((await figma.getImageByHash((rect.fills as ImagePaint[])[0]!.imageHash!)!.getBytesAsync()));
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
