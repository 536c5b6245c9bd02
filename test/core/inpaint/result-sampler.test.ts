import { describe, expect, it } from "vitest";
import { createGreyMask } from "../../../src/core/inpaint/grey-mask.js";
import { resampleResult } from "./resample-result.js";
import { ResultSampler } from "../../../src/core/inpaint/result-sampler.js";
import { cropImage, type PixelRect } from "../../../src/core/raster/crop-image.js";
import { resizeImage } from "../../../src/core/raster/resize-image.js";
import type { RgbaImage } from "../../../src/core/raster/rgba-image.js";
import { loadKodak } from "../raster/load-kodak.js";
import { seededRandom } from "./seeded-random.js";

/** A model picture of `width × height` cut from a Kodak photo; `alpha` makes every row partly see-through. */
function picture(width: number, height: number, alpha: "opaque" | "translucent" | "mixed"): RgbaImage {
  const photo = resizeImage(cropImage(loadKodak(3), { x: 100, y: 50, width: 400, height: 300 }), width, height);
  for (let y = 0; y < height; y++) {
    if (alpha === "mixed" && y % 3 !== 0) continue;
    for (let x = 0; x < width; x++) {
      if (alpha === "opaque") continue;
      // Fully transparent stripes, soft ramps and opaque pixels in every treated row.
      const a = x % 17 < 3 ? 0 : Math.min(255, (x * 7 + y * 3) % 300);
      photo.data[(y * width + x) * 4 + 3] = a;
    }
  }
  return photo;
}

/**
 * What `resizeImage` gives for `region` of a picture standing for `crop`, fully transparent
 * pixels as (0, 0, 0, 0) (at an unchanged size it copies their hidden colour instead of filtering).
 */
function expected(result: RgbaImage, crop: PixelRect, region: PixelRect): RgbaImage {
  const sx = result.width / crop.width;
  const sy = result.height / crop.height;
  const resized = resizeImage(result, region.width, region.height, {
    filter: "catmull-rom",
    source: { x: (region.x - crop.x) * sx, y: (region.y - crop.y) * sy, width: region.width * sx, height: region.height * sy },
  });
  for (let o = 0; o < resized.data.length; o += 4) if (resized.data[o + 3] === 0) resized.data.fill(0, o, o + 4);
  return resized;
}

/** Samples every pixel of `region`, rows in a shuffled order, each row cut into random runs. */
function sampleShuffled(sampler: ResultSampler, region: PixelRect, seed: number): Uint8ClampedArray {
  const next = seededRandom(seed);
  const out = new Uint8ClampedArray(region.width * region.height * 4);
  const rows = Array.from({ length: region.height }, (_, i) => i);
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  for (const row of rows) {
    let x = 0;
    while (x < region.width) {
      const end = Math.min(region.width, x + 1 + Math.floor(next() * 40));
      sampler.sample(region.y + row, region.x + x, region.x + end, out, (row * region.width + x) * 4);
      x = end;
    }
  }
  return out;
}

describe("ResultSampler", () => {
  const crop = { x: 40, y: 30, width: 500, height: 360 };
  const regions: Record<string, PixelRect> = {
    inner: { x: 130, y: 90, width: 150, height: 110 },
    "the whole crop, kernel running off the picture's edges": crop,
    "one pixel at the crop's far corner": { x: 539, y: 389, width: 1, height: 1 },
  };

  for (const [w, h] of [
    [256, 256],
    [900, 700],
    [500, 360],
  ] as const) {
    for (const alpha of ["opaque", "translucent"] as const) {
      it(`gives resizeImage's bytes for a ${alpha} ${w}×${h} picture, rows in any order`, () => {
        const result = picture(w, h, alpha);
        for (const [name, region] of Object.entries(regions)) {
          const sampled = sampleShuffled(new ResultSampler(result, crop, region), region, w + h);
          expect(Buffer.from(sampled).equals(Buffer.from(expected(result, crop, region).data)), name).toBe(true);
        }
      });
    }
  }

  it("stays within one level of resizeImage when only some rows are see-through", () => {
    // resizeImage unpremultiplies everywhere once any pixel is see-through; the sampler does so
    // only where a see-through row contributes, which can move an opaque result by a rounding step.
    const result = picture(333, 517, "mixed");
    const region = regions.inner!;
    const sampled = sampleShuffled(new ResultSampler(result, crop, region), region, 9);
    const reference = expected(result, crop, region).data;
    let worst = 0;
    for (let i = 0; i < sampled.length; i++) worst = Math.max(worst, Math.abs(sampled[i]! - reference[i]!));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it("rejects an area outside the crop", () => {
    const result = picture(64, 64, "opaque");
    expect(() => new ResultSampler(result, crop, { x: 10, y: 30, width: 50, height: 50 })).toThrow(/not inside the crop/);
    expect(() => new ResultSampler(result, crop, { x: 40, y: 30, width: 0, height: 5 })).toThrow(/not inside the crop/);
  });
});

describe("resampleResult", () => {
  it("computes only the needed pixels, the same as the full resample there, and leaves the rest transparent", () => {
    const crop = { x: 0, y: 0, width: 300, height: 200 };
    const region = { x: 20, y: 10, width: 250, height: 170 };
    const result = picture(512, 512, "opaque");
    const needed = createGreyMask(300, 200);
    for (let x = 0; x < 300; x++) for (let dy = -1; dy <= 1; dy++) needed.data[(100 + Math.round(0.3 * (x - 150)) + dy) * 300 + x] = 9;
    const sparse = resampleResult(result, crop, region, needed);
    const dense = resampleResult(result, crop, region);
    expect(Buffer.from(dense.data).equals(Buffer.from(expected(result, crop, region).data))).toBe(true);
    let compared = 0;
    for (let y = 0; y < region.height; y++)
      for (let x = 0; x < region.width; x++) {
        const o = (y * region.width + x) * 4;
        const want = needed.data[(y + region.y) * 300 + x + region.x]! > 0 ? [...dense.data.subarray(o, o + 4)] : [0, 0, 0, 0];
        expect([...sparse.data.subarray(o, o + 4)]).toEqual(want);
        if (want[3]) compared++;
      }
    expect(compared).toBeGreaterThan(600);
  });
});
