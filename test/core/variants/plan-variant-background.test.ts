import { describe, expect, it } from "vitest";
import { MODEL_CATALOG, type ModelEntry } from "../../../src/core/catalog/model-catalog.js";
import { planVariantBackground } from "../../../src/core/variants/plan-variant-background.js";
import { planVariantBatch } from "../../../src/core/variants/plan-variant-batch.js";

const model = (id: string): ModelEntry => MODEL_CATALOG.find((m) => m.id === id)!;
const GPT = model("gpt-image-2");
const GEMINI = model("gemini-nano-banana-2.1");
const OFFLINE = model("offline");
const HERO = { width: 1440, height: 616 };
const aspect = (s: { width: number; height: number }) => s.width / s.height;

describe("planVariantBackground", () => {
  it("outpaints 728×90 on GPT Image at its widest aspect, 3:1, and crops the 8:1 strip from it", () => {
    const plan = planVariantBackground({ model: GPT, target: { width: 728, height: 90 }, source: HERO, mode: "extend", quality: "low" });
    expect(plan.kind).toBe("outpaint");
    // 3:1 as GPT Image makes it: edges in multiples of 16 px, so a hair under.
    expect(aspect(plan.canvas)).toBeGreaterThan(2.9);
    expect(aspect(plan.canvas)).toBeLessThanOrEqual(3);
    // The window is the target's aspect, centred, and exactly as wide as the canvas.
    expect(plan.window.width / plan.window.height).toBeCloseTo(728 / 90, 5);
    expect(plan.window.x).toBe(0);
    expect(plan.window.y).toBeCloseTo((plan.canvas.height - plan.window.height) / 2, 6);
    // The hero (2.34:1) is contained in the 3:1 canvas: full height, margins left and right.
    const r = plan.sourceRect!;
    expect(r.height).toBe(plan.canvas.height);
    expect(r.width / r.height).toBeCloseTo(1440 / 616, 1);
    expect(r.x).toBeGreaterThan(0);
    expect(plan.providerSize?.openAiSize).toMatch(/^\d+x\d+$/);
    expect(plan.modelInput.width).toBeLessThanOrEqual(1024);
  });

  it("does not letterbox a landscape photo in a story: it spans at least 60% of the height, its sides cropped", () => {
    const plan = planVariantBackground({ model: OFFLINE, target: { width: 1080, height: 1920 }, source: { width: 768, height: 512 }, mode: "extend" });
    expect(plan.kind).toBe("outpaint");
    const r = plan.sourceRect!;
    expect(r.height).toBeGreaterThanOrEqual(0.6 * 1920 - 1);
    expect(r.width / r.height).toBeCloseTo(768 / 512, 2);
    // Centred, overhanging left and right equally.
    expect(r.x).toBeLessThan(0);
    expect(Math.abs(r.x + r.width / 2 - 540)).toBeLessThanOrEqual(1);
  });

  it("reaches 8:1 on Nano Banana 2, so the canvas is the banner's aspect", () => {
    const plan = planVariantBackground({ model: GEMINI, target: { width: 728, height: 90 }, source: HERO, mode: "extend" });
    expect(plan.kind).toBe("outpaint");
    expect(aspect(plan.canvas)).toBeCloseTo(8, 0);
    expect(plan.providerSize?.aspectRatio).toBe("8:1");
    // gemini-nano-banana-2.1 has no published price: unknown, never guessed.
    expect(plan.costUsd).toBeNull();
  });

  it("only scales a source of the same aspect, and only crops when the model cannot get nearer", () => {
    expect(planVariantBackground({ model: GPT, target: { width: 1200, height: 1200 }, source: { width: 1080, height: 1080 }, mode: "extend" })).toMatchObject({
      kind: "resize",
      costUsd: 0,
      providerSize: null,
    });
    // A 4:1 source already covers an 8:1 banner better than GPT's 3:1 canvas could.
    expect(planVariantBackground({ model: GPT, target: { width: 728, height: 90 }, source: { width: 1600, height: 400 }, mode: "extend" })).toMatchObject({
      kind: "crop",
      costUsd: 0,
    });
  });

  it("has nothing to extend without a source background, and regenerates at a reachable aspect", () => {
    expect(planVariantBackground({ model: GPT, target: { width: 300, height: 250 }, source: null, mode: "extend" }).kind).toBe("none");
    const plan = planVariantBackground({ model: GPT, target: { width: 160, height: 600 }, source: HERO, mode: "regenerate", quality: "medium" });
    expect(plan.kind).toBe("regenerate");
    expect(plan.sourceRect).toBeNull();
    // GPT's tallest is 1:3; the 160×600 (1:3.75) frame is the centre of it.
    expect(aspect(plan.canvas)).toBeGreaterThanOrEqual(1 / 3);
    expect(aspect(plan.canvas)).toBeLessThan(0.35);
    expect(plan.window.height).toBe(plan.canvas.height);
    expect(plan.costUsd).toBe(0.041);
  });

  it("asks the offline model for exactly the frame's size", () => {
    const plan = planVariantBackground({ model: OFFLINE, target: { width: 320, height: 50 }, source: HERO, mode: "extend" });
    expect(plan).toMatchObject({ kind: "outpaint", canvas: { width: 320, height: 50 }, window: { x: 0, y: 0, width: 320, height: 50 }, costUsd: 0 });
  });

  it("refuses sizes that are not whole pixels within Figma's limit", () => {
    expect(() => planVariantBackground({ model: GPT, target: { width: 5000, height: 50 }, source: null, mode: "extend" })).toThrow(/whole pixels from 1 to 4096/);
  });
});

describe("planVariantBatch", () => {
  it("adds up the sizes' estimates before the batch starts, counting only model calls", () => {
    const sizes = [
      { width: 300, height: 250 },
      { width: 728, height: 90 },
      { width: 1440, height: 616 },
    ];
    const batch = planVariantBatch({ model: GPT, sizes, source: HERO, mode: "extend", quality: "medium" });
    expect(batch.plans.map((p) => p.kind)).toEqual(["outpaint", "outpaint", "resize"]);
    expect(batch.calls).toBe(2);
    expect(batch.totalUsd).toBe(batch.plans.reduce((n, p) => n + p.costUsd!, 0));
    expect(batch.totalUsd).toBeGreaterThan(0);
  });

  it("says the total is unknown when one price is, never guessing", () => {
    // GPT Image prices depend on quality; "auto" lets OpenAI choose, so no price is known.
    expect(planVariantBatch({ model: GPT, sizes: [{ width: 300, height: 250 }], source: HERO, mode: "extend", quality: "auto" }).totalUsd).toBeNull();
    expect(
      planVariantBatch({
        model: OFFLINE,
        sizes: [
          { width: 300, height: 250 },
          { width: 728, height: 90 },
        ],
        source: null,
        mode: "regenerate",
      }).totalUsd,
    ).toBe(0);
  });
});
