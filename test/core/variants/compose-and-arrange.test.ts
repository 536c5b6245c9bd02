import { describe, expect, it } from "vitest";
import { MODEL_CATALOG } from "../../../src/core/catalog/model-catalog.js";
import { relayout } from "../../../src/core/layout/relayout.js";
import { arrangeVariantFrames, type CanvasRect } from "../../../src/core/variants/arrange-variant-frames.js";
import { composeVariantPrompt, OUTPAINT_INSTRUCTION, REGENERATE_INSTRUCTION } from "../../../src/core/prompt/compose-variant-prompt.js";
import { planVariantBackground } from "../../../src/core/variants/plan-variant-background.js";
import { loadRealFrames } from "../layout/real-frames.js";

const GPT = MODEL_CATALOG.find((m) => m.id === "gpt-image-2")!;
const hero = loadRealFrames().find((f) => f.name === "Frame 218335809")!.spec;

describe("composeVariantPrompt", () => {
  it("names the new layout's keep-clear zones on the model's canvas, then the outpaint instruction", () => {
    const layout = relayout(hero, { width: 728, height: 90 });
    const plan = planVariantBackground({ model: GPT, target: { width: 728, height: 90 }, source: { width: 1440, height: 616 }, mode: "extend", quality: "low" });
    const composed = composeVariantPrompt({ userPrompt: "sunlit linen", layout, plan, palette: ["#4659FF"] });
    const lines = composed.prompt.split("\n");
    expect(lines[0]).toBe("sunlit linen");
    expect(lines.at(-1)).toBe(OUTPAINT_INSTRUCTION);
    expect(composed.prompt).toContain(`(${plan.canvas.width}×${plan.canvas.height} px)`);
    expect(composed.prompt).toContain("#4659FF");
    // The banner is the canvas's centre strip: every zone lies inside it, none in the margins above or below.
    const kept = layout.elements.filter((e) => ["logo", "headline", "body", "cta", "image"].includes(e.role));
    expect(composed.keepClear).toHaveLength(kept.length);
    const top = plan.window.y / plan.canvas.height;
    const bottom = (plan.window.y + plan.window.height) / plan.canvas.height;
    for (const z of composed.keepClear) {
      expect(z.y).toBeGreaterThanOrEqual(top - 1e-9);
      expect(z.y + z.height).toBeLessThanOrEqual(bottom + 1e-9);
    }
  });

  it("asks for a recomposition when regenerating", () => {
    const layout = relayout(hero, { width: 1080, height: 1080 });
    const plan = planVariantBackground({ model: GPT, target: { width: 1080, height: 1080 }, source: null, mode: "regenerate", quality: "low" });
    const composed = composeVariantPrompt({ userPrompt: "sunlit linen", layout, plan, palette: [] });
    expect(composed.prompt.endsWith(REGENERATE_INSTRUCTION)).toBe(true);
    // A square canvas: zones are the layout's boxes over 1080.
    const image = layout.elements.find((e) => e.role === "image")!;
    expect(composed.keepClear.some((z) => Math.abs(z.x - image.box.x / 1080) < 1e-9 && Math.abs(z.width - image.box.width / 1080) < 1e-9)).toBe(true);
  });
});

describe("arrangeVariantFrames", () => {
  const overlaps = (a: CanvasRect, b: CanvasRect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  const source = { x: 0, y: 0, width: 1440, height: 616 };
  const sizes = [
    [300, 250],
    [728, 90],
    [160, 600],
    [300, 600],
    [970, 250],
    [320, 50],
    [1200, 628],
    [1200, 1200],
    [960, 1200],
    [1080, 1080],
    [1080, 1350],
    [1080, 1920],
  ].map(([width, height]) => ({ width: width!, height: height! }));

  it("lays the frames out in rows to the right of the source, top-aligned, none touching another", () => {
    const rects = arrangeVariantFrames(source, sizes, [source]);
    expect(rects[0]).toMatchObject({ x: 1440 + 80, y: 0, width: 300, height: 250 });
    for (const [i, r] of rects.entries()) {
      expect(r.x).toBeGreaterThanOrEqual(1520);
      for (const other of rects.slice(i + 1)) expect(overlaps(r, other)).toBe(false);
    }
    const rows = new Set(rects.map((r) => r.y));
    expect(rows.size).toBeGreaterThan(1);
    expect(Math.max(...rects.map((r) => r.x + r.width)) - 1520).toBeLessThanOrEqual(4000);
  });

  it("moves the whole block past layers already on the page", () => {
    const obstacles = [source, { x: 1600, y: 300, width: 500, height: 500 }, { x: 2200, y: -2000, width: 100, height: 10000 }];
    const rects = arrangeVariantFrames(source, sizes.slice(0, 4), obstacles);
    for (const r of rects) for (const o of obstacles) expect(overlaps(r, o)).toBe(false);
    expect(rects[0]!.x).toBe(2300 + 80);
  });
});
