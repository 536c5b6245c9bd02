import { describe, expect, it } from "vitest";
import { blendMask } from "../../../src/core/inpaint/blend-mask.js";
import { compositeInpaint } from "../../../src/core/inpaint/composite-inpaint.js";
import { contextCrop } from "../../../src/core/inpaint/context-crop.js";
import { countChangedPixels } from "../../../src/core/inpaint/count-changed-pixels.js";
import { growMask } from "../../../src/core/inpaint/grow-mask.js";
import { inpaintTelea } from "../../../src/core/inpaint/inpaint-telea.js";
import { makePatch } from "../../../src/core/inpaint/make-patch.js";
import { resampleResult } from "./resample-result.js";
import { cropImage, type PixelRect } from "../../../src/core/raster/crop-image.js";
import { resizeImage } from "../../../src/core/raster/resize-image.js";
import type { RgbaImage } from "../../../src/core/raster/rgba-image.js";
import { loadKodak } from "../raster/load-kodak.js";
import { testMasks } from "./test-masks.js";

/** A hostile fake model: inverts every pixel of the crop it was sent and answers at its own size. */
function invertingModel(source: RgbaImage, crop: PixelRect, width: number, height: number): RgbaImage {
  const out = resizeImage(cropImage(source, crop), width, height);
  for (let i = 0; i < out.data.length; i += 4) {
    out.data[i] = 255 - out.data[i]!;
    out.data[i + 1] = 255 - out.data[i + 1]!;
    out.data[i + 2] = 255 - out.data[i + 2]!;
  }
  return out;
}

function prepare(source: RgbaImage, selection: ReturnType<typeof testMasks>[string]) {
  const blend = blendMask(selection, 4, 8);
  const crop = contextCrop(blend, source);
  return { blend, crop };
}

/** Composites the inverting model's 1024² answer into Kodak photo `n` through one of the test masks. */
function invertedComposite(n: number, maskName: string) {
  const source = loadKodak(n);
  const { blend, crop } = prepare(source, testMasks(source.width, source.height)[maskName]!);
  const result = invertingModel(source, crop, 1024, 1024);
  return { source, blend, image: compositeInpaint({ source, result, blendMask: blend, crop }).image };
}

describe("compositeInpaint", () => {
  for (const n of [2, 5, 12, 21]) {
    it(`changes nothing outside mask and feather on kodim${n}, whatever the model returns`, () => {
      const source = loadKodak(n);
      const sizes = [
        [1024, 1024],
        [1536, 1024],
        [333, 517],
      ] as const;
      for (const [k, [name, selection]] of Object.entries(testMasks(source.width, source.height)).entries()) {
        const { blend, crop } = prepare(source, selection);
        {
          const [w, h] = sizes[(k + n) % sizes.length]!;
          const result = invertingModel(source, crop, w, h);
          const { image, changedInside, changedOutside } = compositeInpaint({ source, result, blendMask: blend, crop });
          // Checked here byte by byte, independently of countChangedPixels.
          let outside = 0;
          let inside = 0;
          for (let p = 0; p < blend.data.length; p++) {
            const o = p * 4;
            const same =
              image.data[o] === source.data[o] && image.data[o + 1] === source.data[o + 1] && image.data[o + 2] === source.data[o + 2] && image.data[o + 3] === source.data[o + 3];
            if (!same) blend.data[p] === 0 ? outside++ : inside++;
          }
          expect(outside, `${name} ${w}×${h}`).toBe(0);
          expect(changedOutside).toBe(0);
          expect(changedInside).toBe(inside);
          expect(inside, name).toBeGreaterThan(0.9 * selection.data.filter((v) => v >= 128).length);
        }
      }
    });
  }

  it("puts the model's pixels where the blend mask is full, at the right place despite the size change", () => {
    const { source, blend, image } = invertedComposite(8, "ellipse");
    let error = 0;
    let count = 0;
    for (let p = 0; p < blend.data.length; p++) {
      if (blend.data[p] !== 255) continue;
      for (let c = 0; c < 3; c++) error += Math.abs(image.data[p * 4 + c]! - (255 - source.data[p * 4 + c]!));
      count += 3;
    }
    // Two resamplings of a detailed photo blur it a little; a misplaced result would be off by far more.
    expect(error / count).toBeLessThan(6);
  });

  it("blends the feather zone between source and result", () => {
    const { source, blend, image } = invertedComposite(8, "rectangle");
    let checked = 0;
    for (let p = 0; p < blend.data.length; p++) {
      const b = blend.data[p]!;
      if (b < 60 || b > 200) continue;
      const s = source.data[p * 4]!;
      if (Math.abs(255 - 2 * s) < 60) continue; // inversion barely moves mid-greys
      const between = (image.data[p * 4]! - s) * (255 - s - image.data[p * 4]!);
      expect(between).toBeGreaterThan(-200);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("equals the plain per-pixel formula over the fully resampled picture, with see-through pixels and crops at the edges", () => {
    const source = loadKodak(23);
    // Some source pixels are see-through or fully transparent (a layer's soft edge).
    for (let p = 0; p < source.width * source.height; p += 7) source.data[p * 4 + 3] = (p * 13) % 256;
    const masks = testMasks(source.width, source.height);
    for (const name of ["thin stroke", "in the corner", "touching the border"]) {
      const { blend, crop } = prepare(source, masks[name]!);
      const result = invertingModel(source, crop, 700, 333);
      for (let p = 0; p < result.width * result.height; p += 5) result.data[p * 4 + 3] = 60 + (p % 196);
      const { image, changedOutside } = compositeInpaint({ source, result, blendMask: blend, crop });
      const dense = resampleResult(result, crop, crop);
      let mismatches = 0;
      for (let y = 0; y < source.height; y++)
        for (let x = 0; x < source.width; x++) {
          const p = y * source.width + x;
          const o = p * 4;
          const want = [...source.data.subarray(o, o + 4)];
          const inCrop = x >= crop.x && y >= crop.y && x < crop.x + crop.width && y < crop.y + crop.height;
          if (inCrop && blend.data[p]! > 0) {
            const r = ((y - crop.y) * crop.width + x - crop.x) * 4;
            const alpha = Math.round((blend.data[p]! * dense.data[r + 3]! * want[3]!) / 65025);
            const picture = new Uint8ClampedArray(3);
            for (let c = 0; c < 3; c++) picture[c] = want[c]! + ((dense.data[r + c]! - want[c]!) * alpha) / want[3]!;
            if (alpha > 0) want.splice(0, 3, ...picture);
          }
          if (want.some((v, c) => v !== image.data[o + c])) mismatches++;
        }
      expect(mismatches, name).toBe(0);
      expect(changedOutside, name).toBe(0);
    }
  });

  it("keeps the offline model's fill intact when composited", () => {
    const source = loadKodak(17);
    const selection = testMasks(source.width, source.height)["touching the border"]!;
    const { blend, crop } = prepare(source, selection);
    const filled = inpaintTelea(cropImage(source, crop), cropMaskOf(growMask(selection, 4), crop));
    const { image, changedOutside, changedInside } = compositeInpaint({ source, result: filled, blendMask: blend, crop });
    expect(changedOutside).toBe(0);
    expect(changedInside).toBeGreaterThan(1000);
    expect(countChangedPixels(source, image).total).toBe(changedInside);
  });
});

describe("makePatch", () => {
  it("covers only the mask's bounds and is transparent outside the mask", () => {
    const source = loadKodak(4);
    for (const [name, selection] of Object.entries(testMasks(source.width, source.height))) {
      const { blend, crop } = prepare(source, selection);
      const result = invertingModel(source, crop, 1024, 1024);
      const { image: patch, bounds } = makePatch({ source, result, blendMask: blend, crop })!;
      const composite = compositeInpaint({ source, result, blendMask: blend, crop }).image;
      expect(bounds.width * bounds.height, name).toBeLessThan(crop.width * crop.height + 1);
      let touchesEdges = [false, false, false, false];
      let worst = 0;
      for (let y = 0; y < bounds.height; y++)
        for (let x = 0; x < bounds.width; x++) {
          const s = (y + bounds.y) * source.width + x + bounds.x;
          const o = (y * bounds.width + x) * 4;
          const a = patch.data[o + 3]!;
          if (blend.data[s] === 0) {
            if (a !== 0) throw new Error(`${name}: patch pixel (${x}, ${y}) is visible outside the mask`);
            continue;
          }
          if (a > 0) touchesEdges = [touchesEdges[0] || x === 0, touchesEdges[1] || y === 0, touchesEdges[2] || x === bounds.width - 1, touchesEdges[3] || y === bounds.height - 1];
          // Normal "over" blending of the patch onto the opaque source gives the composite.
          for (let c = 0; c < 3; c++) {
            const over = source.data[s * 4 + c]! + ((patch.data[o + c]! - source.data[s * 4 + c]!) * a) / 255;
            worst = Math.max(worst, Math.abs(over - composite.data[s * 4 + c]!));
          }
        }
      expect(worst, name).toBeLessThanOrEqual(0.5);
      expect(touchesEdges, name).toEqual([true, true, true, true]);
    }
  });

  it("has nothing to place when the selection lies outside the crop", () => {
    const source = loadKodak(4);
    const { blend } = prepare(source, testMasks(source.width, source.height).rectangle!);
    const crop = { x: 0, y: 0, width: 50, height: 50 };
    expect(makePatch({ source, result: source, blendMask: blend, crop })).toBeNull();
    const { image, changedInside } = compositeInpaint({ source, result: source, blendMask: blend, crop });
    expect(changedInside).toBe(0);
    expect(Buffer.from(image.data).equals(Buffer.from(source.data))).toBe(true);
  });
});

describe("countChangedPixels", () => {
  it("counts differing pixels inside and outside a mask, aligned or not", () => {
    const a = loadKodak(6);
    const copy = new Uint8ClampedArray(a.data.length + 1);
    copy.set(a.data, 1);
    const b = { width: a.width, height: a.height, data: copy.subarray(1) };
    b.data[3] = 0; // pixel 0, alpha only
    const o = (10 * a.width + 10) * 4;
    b.data[o] = b.data[o]! ^ 1;
    const mask = { width: a.width, height: a.height, data: new Uint8Array(a.width * a.height) };
    mask.data[10 * a.width + 10] = 9;
    expect(countChangedPixels(a, b, mask)).toEqual({ total: 2, inside: 1, outside: 1 });
    expect(countChangedPixels(a, a)).toEqual({ total: 0, inside: 0, outside: 0 });
    expect(() => countChangedPixels(a, { width: 1, height: 1, data: new Uint8ClampedArray(4) })).toThrow(/differently sized/);
  });

  it("counts only inside a given rectangle, including its ragged row ends", () => {
    const a = loadKodak(6);
    const b = { width: a.width, height: a.height, data: new Uint8ClampedArray(a.data) };
    const within = { x: 101, y: 40, width: 37, height: 9 };
    // Changes on every edge of the rectangle, just outside it, and a run of neighbours.
    const changed = [
      [101, 40],
      [137, 40],
      [101, 48],
      [137, 48],
      [100, 44],
      [138, 44],
      [120, 39],
      [120, 49],
      [110, 45],
      [111, 45],
      [112, 45],
      [113, 45],
      [114, 45],
    ];
    for (const [x, y] of changed) b.data[(y! * a.width + x!) * 4 + 2]! ^= 4;
    const mask = { width: a.width, height: a.height, data: new Uint8Array(a.width * a.height) };
    mask.data[45 * a.width + 112] = 1;
    expect(countChangedPixels(a, b, mask, within)).toEqual({ total: 9, inside: 1, outside: 8 });
    expect(countChangedPixels(a, b, undefined, { x: 0, y: 0, width: 0, height: 0 })).toEqual({ total: 0, inside: 0, outside: 0 });
    expect(countChangedPixels(a, b)).toEqual({ total: 13, inside: 13, outside: 0 });
    expect(() => countChangedPixels(a, b, mask, { x: 700, y: 0, width: 100, height: 1 })).toThrow(/not whole pixels inside/);
  });
});

function cropMaskOf(mask: { width: number; data: Uint8Array }, crop: PixelRect) {
  const data = new Uint8Array(crop.width * crop.height);
  for (let y = 0; y < crop.height; y++) data.set(mask.data.subarray((y + crop.y) * mask.width + crop.x, (y + crop.y) * mask.width + crop.x + crop.width), y * crop.width);
  return { width: crop.width, height: crop.height, data };
}
