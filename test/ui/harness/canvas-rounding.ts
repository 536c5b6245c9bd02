// Runs in Node: the precision the panel's PNG codec promises (ui/lib/browser-png-codec.ts), as an assertion.
import { expect } from "vitest";
import type { RgbaImage } from "../../../src/core/raster/rgba-image.js";

/**
 * Colour levels (0–255) a channel may move by at `alpha` (1–254) through the browser's premultiplied
 * canvas: ⌈127.5 / alpha⌉, half the premultiplied grid's step seen in straight alpha, rounded up.
 */
export function canvasRoundingBound(alpha: number): number {
  return Math.ceil(127.5 / alpha);
}

/**
 * Asserts `actual` is `expected` as the browser codec may give it back: same size, alpha exact
 * everywhere, colour exact where alpha is 255, within {@link canvasRoundingBound} where it is
 * translucent, and anything where it is 0. Fails naming the first pixel out of bounds.
 */
export function expectWithinCanvasRounding(actual: RgbaImage, expected: RgbaImage): void {
  expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
  for (let o = 0; o < expected.data.length; o += 4) {
    const alpha = expected.data[o + 3]!;
    const got = actual.data[o + 3]!;
    const bound = alpha === 255 ? 0 : alpha === 0 ? 255 : canvasRoundingBound(alpha);
    const worst = Math.max(...[0, 1, 2].map((c) => Math.abs(actual.data[o + c]! - expected.data[o + c]!)));
    if (got !== alpha || worst > bound) {
      const p = o / 4;
      expect.fail(
        `pixel (${p % expected.width}, ${Math.floor(p / expected.width)}) is ${actual.data.subarray(o, o + 4).join(",")}, expected ${expected.data.subarray(o, o + 4).join(",")} within ${bound} colour levels`,
      );
    }
  }
}
