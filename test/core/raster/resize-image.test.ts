import { describe, expect, it } from "vitest";
import { resizeImage } from "../../../src/core/raster/resize-image.js";
import { createRgbaImage, type RgbaImage } from "../../../src/core/raster/rgba-image.js";
import { loadKodak } from "./load-kodak.js";

function channelMean(img: RgbaImage, c: number): number {
  let s = 0;
  for (let i = c; i < img.data.length; i += 4) s += img.data[i]!;
  return s / (img.width * img.height);
}

function horizontalGradient(w: number, h: number): RgbaImage {
  const img = createRgbaImage(w, h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 4;
      const v = Math.round((x / (w - 1)) * 255);
      img.data.set([v, 255 - v, v, 255], o);
    }
  return img;
}

describe("resizeImage", () => {
  it("returns the requested size", () => {
    const img = createRgbaImage(30, 20, [10, 20, 30, 255]);
    for (const [w, h] of [
      [1, 1],
      [7, 3],
      [60, 40],
      [31, 97],
      [300, 5],
    ] as const) {
      const out = resizeImage(img, w, h);
      expect([out.width, out.height, out.data.length]).toEqual([w, h, w * h * 4]);
    }
  });

  it("returns a byte-identical copy when the size is unchanged", () => {
    const img = loadKodak(3);
    const out = resizeImage(img, img.width, img.height);
    expect(out.data).not.toBe(img.data);
    expect(Buffer.from(out.data).equals(Buffer.from(img.data))).toBe(true);
  });

  it("keeps a solid colour solid when shrinking and enlarging", () => {
    for (const colour of [
      [200, 17, 99, 255],
      [12, 240, 60, 128],
    ] as const) {
      const img = createRgbaImage(37, 23, colour);
      for (const filter of ["lanczos3", "catmull-rom"] as const) {
        for (const [w, h] of [
          [5, 4],
          [111, 70],
          [36, 24],
          [200, 3],
        ] as const) {
          const out = resizeImage(img, w, h, { filter });
          for (let i = 0; i < out.data.length; i += 4) {
            expect([...out.data.subarray(i, i + 4)]).toEqual([...colour]);
          }
        }
      }
    }
  });

  it("keeps a gradient monotonic", () => {
    const img = horizontalGradient(64, 4);
    for (const w of [17, 63, 65, 250]) {
      const out = resizeImage(img, w, 3);
      for (let y = 0; y < 3; y++)
        for (let x = 1; x < w; x++) {
          const o = (y * w + x) * 4;
          expect(out.data[o]!).toBeGreaterThanOrEqual(out.data[o - 4]!);
          expect(out.data[o + 1]!).toBeLessThanOrEqual(out.data[o - 3]!);
        }
    }
  });

  it("averages fine detail when shrinking instead of aliasing", () => {
    // A one-pixel checkerboard: point sampling would give pure black or white.
    const img = createRgbaImage(200, 200);
    for (let y = 0; y < 200; y++) for (let x = 0; x < 200; x++) img.data.set((x + y) % 2 ? [255, 255, 255, 255] : [0, 0, 0, 255], (y * 200 + x) * 4);
    const out = resizeImage(img, 61, 47);
    for (let i = 0; i < out.data.length; i += 4) {
      expect(Math.abs(out.data[i]! - 127.5)).toBeLessThan(8);
    }
  });

  it("does not darken transparent edges", () => {
    // Opaque orange disc on fully transparent *black*: straight-alpha filtering would pull the rim towards black.
    const n = 64;
    const img = createRgbaImage(n, n);
    for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if ((x - 31.5) ** 2 + (y - 31.5) ** 2 < 20 ** 2) img.data.set([255, 140, 0, 255], (y * n + x) * 4);
    for (const size of [23, 150]) {
      const out = resizeImage(img, size, size);
      let rim = 0;
      for (let i = 0; i < out.data.length; i += 4) {
        const a = out.data[i + 3]!;
        if (a === 0) continue;
        if (a < 255) rim++;
        // Low-alpha pixels keep the disc's colour within 8-bit rounding of a tiny alpha.
        const tolerance = a >= 16 ? 3 : 30;
        expect(Math.abs(out.data[i]! - 255)).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(out.data[i + 1]! - 140)).toBeLessThanOrEqual(tolerance);
      }
      expect(rim).toBeGreaterThan(10);
    }
  });

  it("keeps a photograph's mean colour when halving and doubling", () => {
    for (const n of [1, 13, 23]) {
      const img = loadKodak(n);
      for (const [w, h] of [
        [img.width / 2, img.height / 2],
        [img.width * 2, img.height * 2],
      ]) {
        const out = resizeImage(img, w!, h!);
        for (let c = 0; c < 3; c++) expect(Math.abs(channelMean(out, c) - channelMean(img, c))).toBeLessThan(0.6);
      }
    }
  });

  it("resamples a sub-pixel source rectangle", () => {
    const img = horizontalGradient(101, 2);
    // The right half of a linear ramp, stretched to the full width, is a ramp from ~128 to 255.
    const out = resizeImage(img, 101, 2, { source: { x: 50, y: 0, width: 51, height: 2 } });
    expect(out.data[0]!).toBeGreaterThan(120);
    expect(out.data[0]!).toBeLessThan(136);
    expect(out.data[100 * 4]!).toBeGreaterThan(250);
  });

  it("rejects sizes that are not whole positive pixels", () => {
    const img = createRgbaImage(4, 4);
    expect(() => resizeImage(img, 0, 4)).toThrow(RangeError);
    expect(() => resizeImage(img, 4, 2.5)).toThrow(/whole number of pixels/);
    expect(() => resizeImage(img, 4, 4, { source: { x: 2, y: 0, width: 4, height: 4 } })).toThrow(/inside the 4×4 image/);
  });
});
