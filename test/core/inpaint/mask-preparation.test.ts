import { describe, expect, it } from "vitest";
import { blendMask } from "../../../src/core/inpaint/blend-mask.js";
import { contextCrop } from "../../../src/core/inpaint/context-crop.js";
import { distanceToMask } from "../../../src/core/inpaint/distance-to-mask.js";
import { createGreyMask, type GreyMask } from "../../../src/core/inpaint/grey-mask.js";
import { growMask } from "../../../src/core/inpaint/grow-mask.js";
import { maskBounds } from "../../../src/core/inpaint/mask-bounds.js";
import { maskFromImage } from "../../../src/core/inpaint/mask-from-image.js";
import { maskFromOpenAiMask } from "../../../src/core/inpaint/mask-from-open-ai-mask.js";
import { openAiMaskPng } from "../../../src/core/inpaint/open-ai-mask-png.js";
import { createRgbaImage } from "../../../src/core/raster/rgba-image.js";
import { seededRandom } from "./seeded-random.js";
import { testMasks } from "./test-masks.js";

function sparseMask(width: number, height: number, density: number, seed: number): GreyMask {
  const next = seededRandom(seed);
  const mask = createGreyMask(width, height);
  for (let p = 0; p < mask.data.length; p++) if (next() < density) mask.data[p] = 255;
  return mask;
}

function bruteDistance2(mask: GreyMask, x: number, y: number): number {
  let best = Infinity;
  for (let qy = 0; qy < mask.height; qy++)
    for (let qx = 0; qx < mask.width; qx++) if (mask.data[qy * mask.width + qx]! >= 128) best = Math.min(best, (qx - x) ** 2 + (qy - y) ** 2);
  return best;
}

describe("maskFromImage", () => {
  it("reads an opaque white-on-black export by luminance", () => {
    const img = createRgbaImage(3, 1, [0, 0, 0, 255]);
    img.data.set([255, 255, 255, 255, 128, 128, 128, 255], 4);
    expect([...maskFromImage(img).data]).toEqual([0, 255, 128]);
  });

  it("reads a mask with transparency by alpha, whatever the colour", () => {
    const black = createRgbaImage(2, 1);
    black.data.set([0, 0, 0, 255], 4);
    const white = createRgbaImage(2, 1, [255, 255, 255, 0]);
    white.data.set([255, 255, 255, 200], 4);
    expect([...maskFromImage(black).data]).toEqual([0, 255]);
    expect([...maskFromImage(white).data]).toEqual([0, 200]);
  });
});

describe("distanceToMask", () => {
  it("matches brute force exactly", () => {
    for (const seed of [1, 2, 3]) {
      const mask = sparseMask(47, 31, 0.01 * seed, seed);
      const d = distanceToMask(mask, 128, 100)!;
      for (let y = 0; y < d.rect.height; y++) for (let x = 0; x < d.rect.width; x++) expect(d.squared[y * d.rect.width + x]).toBe(bruteDistance2(mask, x + d.rect.x, y + d.rect.y));
    }
  });

  it("returns null when nothing is selected", () => {
    expect(distanceToMask(createGreyMask(5, 5), 1, 3)).toBeNull();
  });
});

describe("growMask", () => {
  it("selects exactly the pixels within the distance", () => {
    const mask = sparseMask(40, 30, 0.005, 7);
    mask.data[0] = 255; // a selection touching the corner
    for (const px of [1, 2.5, 6]) {
      const grown = growMask(mask, px);
      for (let y = 0; y < 30; y++) for (let x = 0; x < 40; x++) expect(grown.data[y * 40 + x]).toBe(bruteDistance2(mask, x, y) <= px * px ? 255 : 0);
    }
  });

  it("rejects a negative distance", () => {
    expect(() => growMask(createGreyMask(4, 4), -1)).toThrow(/0 or more/);
  });
});

describe("blendMask", () => {
  it("is the grow-then-smoothstep profile of the exact distance on sparse, stroke and soft masks", () => {
    const masks: GreyMask[] = [sparseMask(53, 41, 0.004, 11), sparseMask(29, 61, 0.03, 12)];
    // A steep anti-aliased stroke edge to edge and a soft blob, on a buffer at an odd byte offset.
    const stroke = createGreyMask(70, 45);
    for (let y = 0; y < 45; y++)
      for (let x = 0; x < 70; x++) {
        const wire = Math.max(0, Math.min(1, 1.5 - Math.abs(y - (40 - 0.45 * x))));
        const blob = Math.max(0, 1 - Math.hypot(x - 15, y - 12) / 9);
        stroke.data[y * 70 + x] = Math.round(255 * Math.max(wire, blob));
      }
    const shifted = new Uint8Array(stroke.data.length + 3);
    shifted.set(stroke.data, 3);
    masks.push({ width: 70, height: 45, data: shifted.subarray(3) });
    for (const mask of masks) {
      for (const [grow, feather] of [
        [0, 5],
        [2, 3],
        [1.5, 2.5],
        [4, 0],
        [0, 40],
      ] as const) {
        const blend = blendMask(mask, grow, feather);
        const reach = grow + feather + 1;
        for (let y = 0; y < mask.height; y++)
          for (let x = 0; x < mask.width; x++) {
            const d = Math.sqrt(bruteDistance2(mask, x, y));
            const t = (d - grow) / (feather + 1);
            const profile = d <= grow ? 255 : feather > 0 && d < reach ? Math.round(255 * (1 - t * t * (3 - 2 * t))) : 0;
            const own = mask.data[y * mask.width + x]!;
            expect(blend.data[y * mask.width + x], `${mask.width}×${mask.height} grow ${grow} feather ${feather} at (${x}, ${y})`).toBe(Math.max(own, profile));
          }
      }
    }
  });

  it("grows then feathers, and is a copy with no grow or feather", () => {
    const mask = createGreyMask(60, 1);
    mask.data[10] = 255;
    const blend = blendMask(mask, 3, 4);
    expect([...blend.data.subarray(10, 19)].map((v) => (v === 255 ? "F" : v === 0 ? "0" : "p")).join("")).toBe(`${"FFFFppppp".slice(0, 4)}pppp0`);
    expect(blendMask(mask, 0, 0).data).toEqual(mask.data);
    expect(blendMask(mask, 0, 0).data).not.toBe(mask.data);
  });
});

describe("maskBounds", () => {
  it("finds the selected rectangle or nothing", () => {
    const mask = createGreyMask(20, 10);
    expect(maskBounds(mask)).toBeNull();
    mask.data[3 * 20 + 4] = 1;
    mask.data[7 * 20 + 15] = 200;
    expect(maskBounds(mask)).toEqual({ x: 4, y: 3, width: 12, height: 5 });
    expect(maskBounds(mask, 128)).toEqual({ x: 15, y: 7, width: 1, height: 1 });
  });
});

describe("contextCrop", () => {
  const image = { width: 768, height: 512 };
  const masks = testMasks(768, 512);

  it("contains the whole mask, stays inside the image and rounds to multiples of 8", () => {
    for (const [name, mask] of Object.entries(masks)) {
      const crop = contextCrop(mask, image);
      const bounds = maskBounds(mask)!;
      expect(crop.x, name).toBeLessThanOrEqual(bounds.x);
      expect(crop.y, name).toBeLessThanOrEqual(bounds.y);
      expect(crop.x + crop.width, name).toBeGreaterThanOrEqual(bounds.x + bounds.width);
      expect(crop.y + crop.height, name).toBeGreaterThanOrEqual(bounds.y + bounds.height);
      expect(crop.x >= 0 && crop.y >= 0 && crop.x + crop.width <= 768 && crop.y + crop.height <= 512, name).toBe(true);
      expect(crop.width % 8 === 0 || crop.width === 768, name).toBe(true);
      expect(crop.height % 8 === 0 || crop.height === 512, name).toBe(true);
    }
  });

  it("adds padding around a small selection and widens it to the minimum side", () => {
    const mask = createGreyMask(2000, 1500);
    for (let y = 700; y < 740; y++) for (let x = 1000; x < 1060; x++) mask.data[y * 2000 + x] = 255;
    expect(contextCrop(mask, { width: 2000, height: 1500 })).toEqual({ x: 774, y: 464, width: 512, height: 512 });
    expect(contextCrop(mask, { width: 2000, height: 1500 }, { paddingPx: 20, minSide: 0, multipleOf: 1 })).toEqual({
      x: 980,
      y: 680,
      width: 100,
      height: 80,
    });
  });

  it("slides the crop inside the image for a mask in the corner", () => {
    const crop = contextCrop(masks["in the corner"]!, image);
    expect(crop.x + crop.width).toBe(768);
    expect(crop.y + crop.height).toBe(512);
  });

  it("explains an empty or mismatched mask", () => {
    expect(() => contextCrop(createGreyMask(768, 512), image)).toThrow(/mask is empty/);
    expect(() => contextCrop(createGreyMask(10, 10), image)).toThrow(/must match/);
  });
});

describe("openAiMaskPng", () => {
  it("is transparent exactly where the mask selects, over the crop", () => {
    const mask = masks();
    const crop = { x: 10, y: 5, width: 100, height: 60 };
    const png = openAiMaskPng(mask, crop);
    expect([png.width, png.height]).toEqual([100, 60]);
    for (let y = 0; y < 60; y++)
      for (let x = 0; x < 100; x++) {
        const selected = mask.data[(y + 5) * mask.width + x + 10]! > 0;
        expect(png.data[(y * 100 + x) * 4 + 3]).toBe(selected ? 0 : 255);
      }
    const back = maskFromOpenAiMask(openAiMaskPng(mask, { x: 0, y: 0, width: mask.width, height: mask.height }));
    expect([...back.data]).toEqual([...mask.data].map((v) => (v > 0 ? 255 : 0)));
  });

  it("keeps a one-pixel stroke when scaled down", () => {
    const mask = createGreyMask(300, 200);
    for (let x = 0; x < 300; x++) mask.data[101 * 300 + x] = 255;
    const png = openAiMaskPng(mask, { x: 0, y: 0, width: 300, height: 200 }, { width: 64, height: 64 });
    const transparentRows = new Set<number>();
    for (let p = 0; p < 64 * 64; p++) if (png.data[p * 4 + 3] === 0) transparentRows.add(Math.floor(p / 64));
    expect([...transparentRows]).toEqual([32]);
    expect([...png.data.subarray(32 * 64 * 4, 33 * 64 * 4)].filter((_, i) => i % 4 === 3).every((a) => a === 0)).toBe(true);
  });

  function masks(): GreyMask {
    return testMasks(160, 100).ellipse!;
  }
});
