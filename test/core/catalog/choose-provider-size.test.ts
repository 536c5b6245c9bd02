import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chooseProviderSize, geminiOutputSize } from "../../../src/core/catalog/choose-provider-size.js";
import { estimateCostUsd } from "../../../src/core/catalog/estimate-cost.js";
import { MODEL_CATALOG, type ModelEntry } from "../../../src/core/catalog/model-catalog.js";
import { extendCatalog, resolveModel } from "../../../src/core/catalog/resolve-model.js";
import { fixturePath } from "../../fixtures/fixture-path.js";

const adSizes = JSON.parse(readFileSync(fixturePath("ad-sizes.json"), "utf8")) as {
  presets: { id: string; width: number; height: number }[];
};
const logDistance = (a: number, b: number) => Math.abs(Math.log(a / b));

/** Every aspect a model can be asked for, as width/height. */
function aspectsOf(model: ModelEntry): number[] {
  const rule = model.size;
  if (rule.kind === "fixed") return rule.sizes.map(([w, h]) => w / h);
  if (rule.kind === "aspect")
    return rule.aspectRatios.map((r) => {
      const [w, h] = r.split(":").map(Number);
      return w! / h!;
    });
  return [];
}

describe("chooseProviderSize", () => {
  for (const model of MODEL_CATALOG) {
    describe(model.id, () => {
      it.each(adSizes.presets.map((p) => [p.id, p.width, p.height] as const))("picks the least-loss request for %s (%i×%i)", (_id, width, height) => {
        for (const scale of [1, 2]) {
          const size = chooseProviderSize(model, { width, height }, scale);
          const target = width / height;
          const rule = model.size;
          if (rule.kind === "exact") {
            expect(size.width / size.height).toBeCloseTo(target, 2);
            expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(4096);
          } else if (rule.kind === "free") {
            expect(size.width % 16).toBe(0);
            expect(size.height % 16).toBe(0);
            expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(3840);
            expect(Math.min(size.width, size.height)).toBeLessThanOrEqual(2160);
            expect(size.width * size.height).toBeGreaterThanOrEqual(655_360);
            expect(size.width * size.height).toBeLessThanOrEqual(8_294_400);
            const clamped = Math.min(3, Math.max(1 / 3, target));
            expect(logDistance(size.width / size.height, clamped)).toBeLessThan(0.05);
            expect(size.openAiSize).toBe(`${size.width}x${size.height}`);
            // Enough pixels for the target when the model can make them.
            const need = Math.max((width * scale) / size.width, (height * scale) / size.height);
            if (width * scale <= 3840 && height * scale <= 2160 && target >= 1 / 3 && target <= 3) expect(need).toBeLessThanOrEqual(1.02);
          } else {
            // Nearest aspect first: no offered aspect is closer than the chosen one (the nominal
            // ratio for Gemini, whose pixel sizes are rounded to 16 px).
            const chosen = size.aspectRatio ? aspectsOf({ ...model, size: { ...rule, aspectRatios: [size.aspectRatio] } } as ModelEntry)[0]! : size.width / size.height;
            const best = Math.min(...aspectsOf(model).map((a) => logDistance(a, target)));
            expect(logDistance(chosen, target)).toBeLessThanOrEqual(best + 0.03);
            if (rule.kind === "aspect") {
              expect(rule.aspectRatios).toContain(size.aspectRatio);
              expect(rule.imageSizes).toContain(size.imageSize);
              // Enough pixels: the smallest tier that covers the target, or the largest tier.
              const covers = Math.max((width * scale) / size.width, (height * scale) / size.height) <= 1;
              const largest = rule.imageSizes[rule.imageSizes.length - 1];
              expect(covers || size.imageSize === largest).toBe(true);
            }
          }
        }
      });
    });
  }

  it("does not generate a 2× 1200×628 fill at 512 px", () => {
    const nano2 = resolveModel("gemini-nano-banana-2.1", MODEL_CATALOG);
    const size = chooseProviderSize(nano2, { width: 1200, height: 628 }, 2);
    expect(size.imageSize).toBe("2K");
    expect(size.width).toBeGreaterThanOrEqual(2400);
    expect(size.height).toBeGreaterThanOrEqual(1256);
  });

  it("uses the 8:1 aspect for a leaderboard on models that offer it", () => {
    const nano2 = resolveModel("gemini-nano-banana-2.1", MODEL_CATALOG);
    expect(chooseProviderSize(nano2, { width: 728, height: 90 }).aspectRatio).toBe("8:1");
    const pro = resolveModel("gemini-3-pro-image", MODEL_CATALOG);
    expect(chooseProviderSize(pro, { width: 728, height: 90 }).aspectRatio).toBe("21:9");
  });

  it("sizes gemini outputs close to google's published 1k table", () => {
    expect(geminiOutputSize("1:1", "1K")).toEqual({ width: 1024, height: 1024 });
    const wide = geminiOutputSize("16:9", "1K");
    expect(Math.abs(wide.width - 1376)).toBeLessThanOrEqual(32);
    expect(Math.abs(wide.height - 768)).toBeLessThanOrEqual(16);
  });
});

describe("resolveModel", () => {
  it("names the replacement of a retired model", () => {
    expect(() => resolveModel("gpt-image-1", MODEL_CATALOG)).toThrow(
      "The model “gpt-image-1” has been retired by its provider on 2026-10-23. Use gpt-image-2.5-sunburst or gpt-image-2.5-flare instead.",
    );
    expect(() => resolveModel("gpt-image-1.5", MODEL_CATALOG)).toThrow(/on 2026-12-01\. Use gpt-image-2\.6-sunburst or gpt-image-2\.6-flare instead/);
    expect(() => resolveModel("chatgpt-image-latest", MODEL_CATALOG)).toThrow(/Use gpt-image-2\.6-sunburst or gpt-image-2\.6-flare/);
    expect(() => resolveModel("gemini-3.1-flash-image", MODEL_CATALOG)).toThrow(/on 2026-10-29\. Use gemini-nano-banana-2\.1 instead/);
    expect(() => resolveModel("gemini-2.5-flash-image", MODEL_CATALOG)).toThrow(/Use gemini-nano-banana-2\.1 instead/);
    expect(() => resolveModel("gemini-3-pro-image-preview", MODEL_CATALOG)).toThrow(/Use gemini-3-pro-image instead/);
  });

  it("lists the models that exist for an unknown id", () => {
    expect(() => resolveModel("midjourney", MODEL_CATALOG)).toThrow(/Available models: gpt-image-2, .*offline/);
  });

  it("enables a model id added later by configuration with an unknown price", () => {
    const catalog = extendCatalog("gpt-image-3=gpt-image-2, gemini-4-image=gemini-3-pro-image");
    const next = resolveModel("gpt-image-3", catalog);
    expect(next).toMatchObject({ provider: "openai", size: { kind: "free" }, price: { kind: "unknown" } });
    expect(resolveModel("gemini-4-image", catalog).provider).toBe("gemini");
    expect(() => extendCatalog("gpt-image-3")).toThrow(/must look like new-model-id=existing-model-id/);
    expect(() => extendCatalog("x=nope")).toThrow(/no model “nope”/);
    expect(() => extendCatalog("gpt-image-1-mini=gpt-image-2")).toThrow(/“gpt-image-1-mini” has been retired by its provider; use gpt-image-2\.6-flare/);
  });
});

describe("estimateCostUsd", () => {
  const model = (id: string) => resolveModel(id, MODEL_CATALOG);
  it("prices openai by quality and shape", () => {
    const square = chooseProviderSize(model("gpt-image-2"), { width: 1080, height: 1080 });
    expect(estimateCostUsd(model("gpt-image-2"), square, "high", 2)).toBe(0.422);
    const wide = chooseProviderSize(model("gpt-image-2"), { width: 1200, height: 628 });
    expect(estimateCostUsd(model("gpt-image-2"), wide, "low", 4)).toBe(0.02);
  });
  it("prices gemini by image size tier", () => {
    const m = model("gemini-3-pro-image");
    expect(estimateCostUsd(m, { width: 1024, height: 1024, imageSize: "1K" }, undefined, 3)).toBe(0.402);
    expect(estimateCostUsd(m, { width: 4096, height: 4096, imageSize: "4K" }, undefined, 1)).toBe(0.24);
  });
  it("says unknown instead of guessing", () => {
    const size = { width: 1024, height: 1024, openAiSize: "1024x1024" };
    expect(estimateCostUsd(model("gpt-image-2.5-flare"), size, "high", 1)).toBeNull();
    expect(estimateCostUsd(model("gpt-image-2"), size, "auto", 1)).toBeNull();
    expect(estimateCostUsd(model("gpt-image-2"), { width: 3840, height: 2160 }, "high", 1)).toBeNull();
    expect(estimateCostUsd(model("gemini-3.1-flash-lite-image"), { width: 1024, height: 1024, imageSize: "1K" }, undefined, 1)).toBeNull();
    expect(estimateCostUsd(model("offline"), { width: 1024, height: 1024 }, undefined, 8)).toBe(0);
  });
});
