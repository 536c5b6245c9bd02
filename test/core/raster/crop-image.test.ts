import { describe, expect, it } from "vitest";
import { cropImage } from "../../../src/core/raster/crop-image.js";
import { loadKodak } from "./load-kodak.js";

describe("cropImage", () => {
  it("copies exactly the pixels of the rectangle", () => {
    const img = loadKodak(5);
    const rect = { x: 100, y: 37, width: 211, height: 90 };
    const out = cropImage(img, rect);
    expect([out.width, out.height]).toEqual([211, 90]);
    for (const [x, y] of [
      [0, 0],
      [210, 89],
      [105, 44],
      [0, 89],
    ] as const) {
      const o = (y * out.width + x) * 4;
      const s = ((y + rect.y) * img.width + x + rect.x) * 4;
      expect([...out.data.subarray(o, o + 4)]).toEqual([...img.data.subarray(s, s + 4)]);
    }
  });

  it("crops the whole image to an identical copy", () => {
    const img = loadKodak(5);
    const out = cropImage(img, { x: 0, y: 0, width: img.width, height: img.height });
    expect(Buffer.from(out.data).equals(Buffer.from(img.data))).toBe(true);
  });

  it("rejects rectangles that are fractional, empty or outside the image", () => {
    const img = loadKodak(5);
    expect(() => cropImage(img, { x: 0.5, y: 0, width: 10, height: 10 })).toThrow(/whole pixels/);
    expect(() => cropImage(img, { x: 0, y: 0, width: 0, height: 10 })).toThrow(/at least 1×1/);
    expect(() => cropImage(img, { x: 700, y: 0, width: 100, height: 10 })).toThrow(/outside the 768×512 image/);
    expect(() => cropImage(img, { x: -1, y: 0, width: 10, height: 10 })).toThrow(RangeError);
  });
});
