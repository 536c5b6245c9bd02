import { describe, expect, it } from "vitest";
import { createGreyMask, type GreyMask } from "../../../src/core/inpaint/grey-mask.js";
import { maskRuns } from "../../../src/core/inpaint/mask-runs.js";
import type { PixelRect } from "../../../src/core/raster/crop-image.js";
import { seededRandom } from "./seeded-random.js";

/** Runs found one byte at a time, as [row, start, end]. */
function naiveRuns(mask: GreyMask, threshold: number, window: PixelRect): number[][] {
  const runs: number[][] = [];
  for (let y = window.y; y < window.y + window.height; y++) {
    let start = -1;
    for (let x = window.x; x <= window.x + window.width; x++) {
      const on = x < window.x + window.width && mask.data[y * mask.width + x]! >= threshold;
      if (on && start < 0) start = x;
      if (!on && start >= 0) {
        runs.push([y, start, x]);
        start = -1;
      }
    }
  }
  return runs;
}

/** A mask with long empty and full stretches (where the four-byte skips act), soft edges and noise, at a byte offset. */
function mixedMask(width: number, height: number, seed: number, offset: number): GreyMask {
  const next = seededRandom(seed);
  const buffer = new Uint8Array(width * height + offset);
  const data = buffer.subarray(offset);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const inBlock = x > width * 0.3 && x < width * 0.7 && y % 7 !== 3;
      const r = next();
      data[y * width + x] = inBlock ? (r < 0.05 ? Math.floor(r * 2000) % 256 : 255) : r < 0.04 ? Math.floor(r * 6400) % 256 : 0;
    }
  return { width, height, data };
}

describe("maskRuns", () => {
  it("finds the same runs as a byte-by-byte scan, for any threshold, window and byte offset", () => {
    for (let seed = 1; seed <= 8; seed++) {
      const mask = mixedMask(37 + seed * 11, 23 + seed, seed, seed % 4);
      for (const threshold of [1, 37, 128, 200, 255]) {
        const windows = [
          { x: 0, y: 0, width: mask.width, height: mask.height },
          { x: 3, y: 2, width: mask.width - 9, height: mask.height - 5 },
        ];
        for (const window of windows) {
          const found = maskRuns(mask, threshold, window);
          const want = naiveRuns(mask, threshold, window);
          const got: number[][] = [];
          for (let y = 0; y < mask.height; y++) for (let k = found?.rowRuns[y] ?? 0; k < (found?.rowRuns[y + 1] ?? 0); k++) got.push([y, found!.starts[k]!, found!.ends[k]!]);
          expect(got, `seed ${seed}, threshold ${threshold}`).toEqual(want);
          if (!found) continue;
          const xs = want.flatMap(([, a, b]) => [a!, b!]);
          expect(found.bounds).toEqual({
            x: Math.min(...xs),
            y: want[0]![0],
            width: Math.max(...xs) - Math.min(...xs),
            height: want.at(-1)![0]! - want[0]![0]! + 1,
          });
        }
      }
    }
  });

  it("returns null when nothing reaches the threshold", () => {
    const mask = createGreyMask(9, 4);
    mask.data[5] = 127;
    expect(maskRuns(mask, 128)).toBeNull();
    expect(maskRuns(mask, 1, { x: 6, y: 0, width: 3, height: 4 })).toBeNull();
    expect(maskRuns(mask, 1)!.bounds).toEqual({ x: 5, y: 0, width: 1, height: 1 });
  });
});
