import { describe, expect, it } from "vitest";
import { createGreyMask } from "../../../src/core/inpaint/grey-mask.js";
import { inpaintTelea } from "../../../src/core/inpaint/inpaint-telea.js";
import { createRgbaImage } from "../../../src/core/raster/rgba-image.js";
import { loadKodak } from "../raster/load-kodak.js";
import { testMasks } from "./test-masks.js";

describe("inpaintTelea", () => {
  for (const n of [1, 7, 15, 23]) {
    it(`fills every mask on kodim${n} and leaves the rest byte-identical`, () => {
      const img = loadKodak(n);
      for (const [name, mask] of Object.entries(testMasks(img.width, img.height))) {
        const out = inpaintTelea(img, mask);
        let filled = 0;
        for (let p = 0; p < mask.data.length; p++) {
          const o = p * 4;
          if (mask.data[p] === 0) {
            if (out.data.subarray(o, o + 4).some((v, c) => v !== img.data[o + c])) throw new Error(`${name}: pixel ${p} changed outside the mask`);
          } else {
            filled++;
            expect(out.data[o + 3], name).toBe(255);
          }
        }
        expect(filled, name).toBeGreaterThan(100);
      }
    });
  }

  it("stopped at maxDistance, fills the nearer pixels as a full run does and leaves the rest transparent", () => {
    const img = loadKodak(5);
    const mask = createGreyMask(img.width, img.height);
    for (let y = 100; y < 400; y++) mask.data.fill(255, y * img.width + 100, y * img.width + 600);
    const full = inpaintTelea(img, mask, 5);
    const stopped = inpaintTelea(img, mask, 5, 30);
    let same = 0;
    let transparent = 0;
    for (let y = 100; y < 400; y++) {
      for (let x = 100; x < 600; x++) {
        const d = Math.min(x - 99, 600 - x, y - 99, 400 - y); // to the nearest known pixel, along an axis
        const o = (y * img.width + x) * 4;
        if (d <= 30) {
          expect(Array.from(stopped.data.subarray(o, o + 4)), `${x},${y}`).toEqual(Array.from(full.data.subarray(o, o + 4)));
          same++;
        } else if (d > 45) {
          expect(Array.from(stopped.data.subarray(o, o + 4)), `${x},${y}`).toEqual([0, 0, 0, 0]);
          transparent++;
        }
      }
    }
    expect(same).toBeGreaterThan(20_000);
    expect(transparent).toBeGreaterThan(50_000);
  });

  it("fills small holes and thin strokes far closer to the photo than black", () => {
    for (const n of [3, 19, 23]) {
      const img = loadKodak(n);
      const masks = testMasks(img.width, img.height);
      for (const mask of [masks["thin stroke"]!, holes(img.width, img.height)]) {
        const out = inpaintTelea(img, mask);
        let error = 0;
        let blackError = 0;
        for (let p = 0; p < mask.data.length; p++) {
          if (mask.data[p] === 0) continue;
          for (let c = 0; c < 3; c++) {
            error += Math.abs(out.data[p * 4 + c]! - img.data[p * 4 + c]!);
            blackError += img.data[p * 4 + c]!;
          }
        }
        expect(error).toBeLessThan(blackError / 4);
      }
    }
  });

  it("continues a smooth gradient across a hole", () => {
    const img = createRgbaImage(120, 80);
    for (let y = 0; y < 80; y++) for (let x = 0; x < 120; x++) img.data.set([x * 2, 100, 255 - x * 2, 255], (y * 120 + x) * 4);
    const mask = createGreyMask(120, 80);
    for (let y = 30; y < 50; y++) for (let x = 50; x < 70; x++) mask.data[y * 120 + x] = 255;
    const out = inpaintTelea(img, mask);
    for (let y = 30; y < 50; y++) for (let x = 50; x < 70; x++) expect(Math.abs(out.data[(y * 120 + x) * 4]! - x * 2)).toBeLessThanOrEqual(12);
  });

  it("does not pull colour from transparent pixels", () => {
    // Red opaque half, transparent green half: the hole on the red side must stay red.
    const img = createRgbaImage(40, 20);
    for (let y = 0; y < 20; y++) for (let x = 0; x < 40; x++) img.data.set(x < 20 ? [255, 0, 0, 255] : [0, 255, 0, 0], (y * 40 + x) * 4);
    const mask = createGreyMask(40, 20);
    for (let y = 5; y < 15; y++) for (let x = 12; x < 24; x++) mask.data[y * 40 + x] = 255;
    const out = inpaintTelea(img, mask);
    for (let y = 5; y < 15; y++)
      for (let x = 12; x < 24; x++) {
        const o = (y * 40 + x) * 4;
        if (out.data[o + 3]! > 0) expect(out.data[o + 1]!).toBeLessThanOrEqual(1);
      }
  });

  it("returns a copy for an empty mask and refuses a mask covering everything", () => {
    const img = loadKodak(2);
    const empty = createGreyMask(img.width, img.height);
    expect(Buffer.from(inpaintTelea(img, empty).data).equals(Buffer.from(img.data))).toBe(true);
    const full = { ...empty, data: new Uint8Array(empty.data.length).fill(255) };
    expect(() => inpaintTelea(img, full)).toThrow(/covers the whole image/);
    expect(() => inpaintTelea(img, createGreyMask(10, 10))).toThrow(/must match/);
  });
});

/** Scattered small round holes (radius 4–7 px), the size of dust, logos or a stray object. */
function holes(width: number, height: number) {
  const mask = createGreyMask(width, height);
  for (let i = 0; i < 12; i++) {
    const cx = 40 + ((i * 131) % (width - 80));
    const cy = 40 + ((i * 89) % (height - 80));
    const r = 4 + (i % 4);
    for (let y = cy - r; y <= cy + r; y++) for (let x = cx - r; x <= cx + r; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) mask.data[y * width + x] = 255;
  }
  return mask;
}
