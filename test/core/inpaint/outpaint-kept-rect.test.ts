import { describe, expect, it } from "vitest";
import { createGreyMask } from "../../../src/core/inpaint/grey-mask.js";
import { outpaintKeptRect } from "../../../src/core/inpaint/outpaint-kept-rect.js";

/** A 20×10 mask, 255 (paint) everywhere except where `keep` says. */
function mask(keep: (x: number, y: number) => boolean) {
  const m = createGreyMask(20, 10);
  for (let y = 0; y < 10; y++) for (let x = 0; x < 20; x++) m.data[y * 20 + x] = keep(x, y) ? 0 : 255;
  return m;
}

describe("outpaintKeptRect", () => {
  it("finds the picture's rectangle in an outpaint mask (margins to paint around it)", () => {
    expect(outpaintKeptRect(mask((x) => x >= 5 && x < 15))).toEqual({ x0: 5, y0: 0, x1: 15, y1: 10 });
    expect(outpaintKeptRect(mask((x, y) => x >= 2 && x < 18 && y >= 3 && y < 7))).toEqual({ x0: 2, y0: 3, x1: 18, y1: 7 });
  });

  it("is null for an inpaint selection, a mask that keeps all, or one that keeps nothing", () => {
    // A hole to fill inside the picture: the kept pixels are no rectangle.
    expect(outpaintKeptRect(mask((x, y) => !(x >= 8 && x < 12 && y >= 4 && y < 6)))).toBeNull();
    expect(outpaintKeptRect(mask(() => true))).toBeNull();
    expect(outpaintKeptRect(mask(() => false))).toBeNull();
  });
});
