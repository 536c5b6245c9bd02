import { describe, expect, it } from "vitest";
import { MODEL_CATALOG } from "../../../src/core/catalog/model-catalog.js";
import { fitCover } from "../../../src/core/raster/fit-cover.js";
import { createRgbaImage, type RgbaImage } from "../../../src/core/raster/rgba-image.js";
import { backgroundInFrame } from "../../../src/core/variants/background-in-frame.js";
import { buildOutpaintCanvas } from "../../../src/core/variants/build-outpaint-canvas.js";
import { extendByReflection } from "../../../src/core/variants/extend-by-reflection.js";
import { finishVariantBackground, outpaintFeatherPx, sourceRectInTarget } from "../../../src/core/variants/finish-variant-background.js";
import { planVariantBackground } from "../../../src/core/variants/plan-variant-background.js";
import { createSourcePyramid, sourceLevelFor } from "../../../src/core/variants/source-pyramid.js";
import { variantModelInput } from "../../../src/core/variants/variant-model-input.js";
import { loadKodak } from "../raster/load-kodak.js";

const GPT = MODEL_CATALOG.find((m) => m.id === "gpt-image-2")!;
const px = (img: RgbaImage, x: number, y: number) => Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));

describe("buildOutpaintCanvas", () => {
  it("places the source, repeats its edges into the margins and marks only the margins", () => {
    const photo = loadKodak(3); // 768×512
    const canvas = buildOutpaintCanvas(photo, { x: 100, y: 0, width: 300, height: 200 }, { width: 500, height: 200 }, 4);
    expect([canvas.image.width, canvas.image.height]).toEqual([500, 200]);
    const placed = fitCover(photo, 300, 200);
    // Inside: the resampled source; left margin: its first column repeated; alpha always opaque.
    expect(px(canvas.image, 250, 100).slice(0, 3)).toEqual(px(placed, 150, 100).slice(0, 3));
    expect(px(canvas.image, 20, 77)).toEqual([...px(canvas.image, 100, 77).slice(0, 3), 255]);
    expect(canvas.selection.data[100 * 500 + 50]).toBe(255);
    expect(canvas.selection.data[100 * 500 + 150]).toBe(0);
    // The seam fades into the source over the feather, and no farther.
    expect(canvas.blend.data[100 * 500 + 101]).toBeGreaterThan(0);
    expect(canvas.blend.data[100 * 500 + 110]).toBe(0);
    for (let i = 3; i < canvas.image.data.length; i += 4) if (canvas.image.data[i] !== 255) throw new Error("a transparent pixel");
  });

  it("continues a photo into the margins mirrored and out of focus, with no streaks (the offline model's outpaint)", () => {
    const photo = loadKodak(3);
    const canvas = buildOutpaintCanvas(photo, { x: 100, y: 0, width: 300, height: 200 }, { width: 500, height: 200 }, 4);
    const image = extendByReflection(canvas.image, { x0: 100, y0: 0, x1: 400, y1: 200 });
    // Inside the source every pixel is kept exactly.
    expect(px(image, 250, 100)).toEqual(px(canvas.image, 250, 100));
    // Just outside the edge the margin continues the picture (its mirror image, barely softened)…
    const edge = px(image, 100, 77);
    px(image, 99, 77)
      .slice(0, 3)
      .forEach((v, c) => expect(Math.abs(v - edge[c]!)).toBeLessThan(40));
    // …and no row of the margin is a streak of one repeated edge pixel, as clamping gives.
    const streaks = (img: RgbaImage) => {
      let n = 0;
      for (let y = 0; y < 200; y++) {
        const row = new Set<number>();
        for (let x = 0; x < 90; x++) row.add(px(img, x, y)[1]!);
        if (row.size <= 2) n++;
      }
      return n;
    };
    expect(streaks(canvas.image)).toBe(200);
    expect(streaks(image)).toBe(0);
    // Far out it is out of focus: neighbours differ far less than inside the photo.
    const roughness = (x0: number, x1: number) => {
      let sum = 0,
        n = 0;
      for (let y = 1; y < 200; y++)
        for (let x = x0; x < x1; x++) {
          sum += Math.abs(px(image, x, y)[1]! - px(image, x, y - 1)[1]!);
          n++;
        }
      return sum / n;
    };
    expect(roughness(0, 20)).toBeLessThan(0.5 * roughness(150, 350));
    for (let i = 3; i < image.data.length; i += 4) if (image.data[i] !== 255) throw new Error("a transparent pixel");
  });

  it("refuses a source that misses the canvas", () => {
    expect(() => buildOutpaintCanvas(createRgbaImage(4, 4), { x: 600, y: 0, width: 10, height: 10 }, { width: 100, height: 100 }, 2)).toThrow(/does not overlap/);
  });
});

describe("finishVariantBackground", () => {
  it("keeps the source's pixels beyond the seam and takes the margins from the model's picture", () => {
    const photo = loadKodak(5); // 768×512, 1.5:1
    const plan = planVariantBackground({ model: GPT, target: { width: 600, height: 200 }, source: photo, mode: "extend", quality: "low" });
    expect(plan.kind).toBe("outpaint");
    // The model's picture: any size, here flat magenta at the provider's size.
    const result = createRgbaImage(plan.providerSize!.width, plan.providerSize!.height, [255, 0, 255, 255]);
    const pyramid = createSourcePyramid(photo);
    const out = finishVariantBackground(plan, pyramid, result);
    expect([out.width, out.height]).toEqual([600, 200]);
    const rect = sourceRectInTarget(plan);
    const base = buildOutpaintCanvas(sourceLevelFor(pyramid, rect.width, rect.height), rect, plan.target, outpaintFeatherPx(rect));
    let kept = 0;
    for (let i = 0; i < base.blend.data.length; i++) {
      const o = i * 4;
      if (base.blend.data[i] === 0) {
        // Beyond the feather: the resampled source, byte for byte.
        if (out.data[o] !== base.image.data[o] || out.data[o + 1] !== base.image.data[o + 1] || out.data[o + 2] !== base.image.data[o + 2]) throw new Error(`pixel ${i} changed`);
        kept++;
      } else if (base.blend.data[i] === 255) {
        expect([out.data[o], out.data[o + 1], out.data[o + 2]]).toEqual([255, 0, 255]);
      }
    }
    expect(kept).toBeGreaterThan(0.4 * 600 * 200);
    // The margins are left and right of the photo (it is 1.5:1 in a 3:1 frame).
    expect(px(out, 5, 100).slice(0, 3)).toEqual([255, 0, 255]);
    expect(px(out, 595, 100).slice(0, 3)).toEqual([255, 0, 255]);
  });

  it("scales the source to cover for resize and crop plans, without a model picture", () => {
    const photo = loadKodak(7);
    const plan = planVariantBackground({ model: GPT, target: { width: 384, height: 256 }, source: photo, mode: "extend" });
    expect(plan.kind).toBe("resize");
    expect(finishVariantBackground(plan, photo, null)).toEqual(fitCover(photo, 384, 256));
    const none = planVariantBackground({ model: GPT, target: { width: 384, height: 256 }, source: null, mode: "extend" });
    expect(() => finishVariantBackground(none, null, null)).toThrow(/no background to make/);
  });
});

describe("variantModelInput", () => {
  it("sends the outpaint canvas and a mask whose transparent pixels are the margins and the seam", () => {
    const photo = loadKodak(9);
    const plan = planVariantBackground({ model: GPT, target: { width: 1200, height: 300 }, source: photo, mode: "extend", quality: "low" });
    const input = variantModelInput(plan, createSourcePyramid(photo));
    expect([input.image.width, input.image.height]).toEqual([plan.modelInput.width, plan.modelInput.height]);
    expect(Math.max(input.image.width, input.image.height)).toBeLessThanOrEqual(1024);
    const mask = input.mask!;
    expect([mask.width, mask.height]).toEqual([input.image.width, input.image.height]);
    const k = plan.modelInput.width / plan.canvas.width;
    const r = plan.sourceRect!;
    const midY = Math.round((r.y + r.height / 2) * k);
    expect(px(mask, 1, midY)[3]).toBe(0);
    expect(px(mask, Math.round((r.x + r.width / 2) * k), midY)[3]).toBe(255);
    expect(px(mask, Math.round(r.x * k) + 1, midY)[3]).toBe(0);
  });

  it("sends the source itself, scaled to fit, to regenerate", () => {
    const photo = loadKodak(1);
    const plan = planVariantBackground({ model: GPT, target: { width: 300, height: 600 }, source: photo, mode: "regenerate" });
    const input = variantModelInput(plan, photo);
    expect(input.mask).toBeNull();
    expect(input.image).toBe(photo);
  });
});

describe("source pyramid and frame crop", () => {
  it("picks the smallest level still covering the size asked", () => {
    const pyramid = createSourcePyramid(loadKodak(2));
    expect(pyramid.levels.map((l) => l.width)).toEqual([768, 384, 192, 96]);
    expect(sourceLevelFor(pyramid, 300, 100).width).toBe(384);
    expect(sourceLevelFor(pyramid, 1000, 100).width).toBe(768);
    expect(sourceLevelFor(pyramid, 50, 30).width).toBe(96);
  });

  it("cuts a full-bleed layer to the part inside its frame", () => {
    const layer = loadKodak(2); // 768×512 exported at 2 px per point: a 384×256 pt layer at x = −20
    const cut = backgroundInFrame(layer, { x: -20, y: 0, width: 384, height: 256 }, { width: 300, height: 256 });
    expect([cut.width, cut.height]).toEqual([600, 512]);
    expect(px(cut, 0, 0)).toEqual(px(layer, 40, 0));
    expect(backgroundInFrame(layer, { x: 0, y: 0, width: 384, height: 256 }, { width: 384, height: 256 })).toBe(layer);
    expect(() => backgroundInFrame(layer, { x: 500, y: 0, width: 10, height: 10 }, { width: 300, height: 256 })).toThrow(/outside its frame/);
  });
});
