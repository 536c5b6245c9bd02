import { describe, expect, it } from "vitest";
import { fillMaskedArea } from "../../../src/core/inpaint/fill-masked-area.js";
import { createGreyMask, type GreyMask } from "../../../src/core/inpaint/grey-mask.js";
import { inpaintTelea } from "../../../src/core/inpaint/inpaint-telea.js";
import { pullPushFill } from "../../../src/core/inpaint/pull-push-fill.js";
import { fitCover } from "../../../src/core/raster/fit-cover.js";
import { createRgbaImage, type RgbaImage } from "../../../src/core/raster/rgba-image.js";
import { loadKodak } from "../raster/load-kodak.js";

/** A photo placed on a wider, taller canvas, the margins masked: what a variant's outpaint sends. */
function outpaintCanvas(n: number): { image: RgbaImage; mask: GreyMask; photo: { x: number; y: number; width: number; height: number } } {
  const src = fitCover(loadKodak(n), 300, 200);
  const photo = { x: 200, y: 30, width: src.width, height: src.height };
  const image = createRgbaImage(700, 260);
  const mask = createGreyMask(700, 260);
  mask.data.fill(255);
  for (let y = 0; y < src.height; y++) {
    image.data.set(src.data.subarray(y * src.width * 4, (y + 1) * src.width * 4), ((y + photo.y) * image.width + photo.x) * 4);
    mask.data.fill(0, (y + photo.y) * image.width + photo.x, (y + photo.y) * image.width + photo.x + src.width);
  }
  return { image, mask, photo };
}

/**
 * Streaks in a box: mean absolute step across rows (vertical) over mean step along rows
 * (horizontal), green channel. Telea's lines run along the direction away from the photo, so a
 * side margin varies from row to row but hardly along a row: a ratio far above 1.
 */
function streakRatio(image: RgbaImage, box: { x: number; y: number; width: number; height: number }): number {
  let across = 0;
  let along = 0;
  const g = (x: number, y: number) => image.data[(y * image.width + x) * 4 + 1]!;
  for (let y = box.y; y < box.y + box.height - 1; y++) {
    for (let x = box.x; x < box.x + box.width - 1; x++) {
      across += Math.abs(g(x, y + 1) - g(x, y));
      along += Math.abs(g(x + 1, y) - g(x, y));
    }
  }
  return across / Math.max(along, 1e-9);
}

function expectUnchangedOutsideMask(out: RgbaImage, image: RgbaImage, mask: GreyMask): void {
  for (let p = 0; p < mask.data.length; p++) {
    if (mask.data[p] !== 0) continue;
    for (let c = 0; c < 4; c++) if (out.data[p * 4 + c] !== image.data[p * 4 + c]) throw new Error(`pixel ${p} changed outside the mask`);
  }
}

describe("pullPushFill", () => {
  it("keeps every known pixel and fills a hole in a flat colour with that colour", () => {
    const image = createRgbaImage(37, 23);
    for (let p = 0; p < 37 * 23; p++) image.data.set([70, 130, 180, 255], p * 4);
    const mask = createGreyMask(37, 23);
    for (let y = 4; y < 20; y++) mask.data.fill(255, y * 37 + 3, y * 37 + 33);
    const out = pullPushFill(image, mask);
    expect(out.data).toEqual(image.data);
  });

  it("stays within the known colours (each filled pixel is a blend of them) on a gradient", () => {
    const image = createRgbaImage(64, 40);
    for (let y = 0; y < 40; y++) for (let x = 0; x < 64; x++) image.data.set([x * 4, 255 - y * 6, 90, 255], (y * 64 + x) * 4);
    const mask = createGreyMask(64, 40);
    for (let y = 10; y < 30; y++) mask.data.fill(255, y * 64 + 16, y * 64 + 48);
    const out = pullPushFill(image, mask);
    expectUnchangedOutsideMask(out, image, mask);
    for (let y = 10; y < 30; y++) {
      for (let x = 16; x < 48; x++) {
        const [r, g] = [out.data[(y * 64 + x) * 4]!, out.data[(y * 64 + x) * 4 + 1]!];
        expect(r).toBeGreaterThanOrEqual(15 * 4 - 1);
        expect(r).toBeLessThanOrEqual(48 * 4 + 1);
        expect(g).toBeGreaterThanOrEqual(255 - 30 * 6 - 1);
        expect(g).toBeLessThanOrEqual(255 - 9 * 6 + 1);
      }
    }
    // Left of the hole is darker in red than its right, and the fill follows.
    expect(out.data[(20 * 64 + 18) * 4]!).toBeLessThan(out.data[(20 * 64 + 45) * 4]!);
  });

  it("never takes colour from under transparent known pixels", () => {
    const image = createRgbaImage(40, 10);
    for (let p = 0; p < 400; p++) image.data.set(p % 40 < 10 ? [255, 0, 0, 255] : [0, 255, 0, 0], p * 4);
    const mask = createGreyMask(40, 10);
    for (let y = 0; y < 10; y++) mask.data.fill(255, y * 40 + 10, y * 40 + 30);
    const out = pullPushFill(image, mask);
    for (let y = 0; y < 10; y++) {
      for (let x = 10; x < 30; x++) {
        const i = (y * 40 + x) * 4;
        if (out.data[i + 3]! > 0) expect([out.data[i], out.data[i + 1]]).toEqual([255, 0]);
      }
    }
  });

  it("refuses a mask over the whole image and a mask of another size", () => {
    const image = createRgbaImage(8, 8);
    const all = createGreyMask(8, 8);
    all.data.fill(255);
    expect(() => pullPushFill(image, all)).toThrow(/covers the whole image/);
    expect(() => pullPushFill(image, createGreyMask(8, 9))).toThrow(/8×9 pixels but the image is 8×8/);
  });
});

describe("fillMaskedArea", () => {
  it("fills small holes exactly as Telea's method does", () => {
    const image = fitCover(loadKodak(19), 160, 120);
    const mask = createGreyMask(160, 120);
    for (let y = 50; y < 66; y++) mask.data.fill(255, y * 160 + 40, y * 160 + 58);
    expect(fillMaskedArea(image, mask, 5).data).toEqual(inpaintTelea(image, mask, 5).data);
  });

  for (const n of [3, 23]) {
    it(`outpaints kodim${n} without streaks far from the photo, and keeps the photo byte for byte`, () => {
      const { image, mask, photo } = outpaintCanvas(n);
      const telea = inpaintTelea(image, mask, 5);
      const filled = fillMaskedArea(image, mask, 5);
      expectUnchangedOutsideMask(filled, image, mask);
      // The side margins farther than FAR × radius (50 px) from the photo.
      const left = { x: 0, y: photo.y, width: photo.x - 60, height: photo.height };
      const right = { x: photo.x + photo.width + 60, y: photo.y, width: image.width - photo.x - photo.width - 60, height: photo.height };
      for (const box of [left, right]) {
        expect(streakRatio(telea, box)).toBeGreaterThan(4);
        expect(streakRatio(filled, box)).toBeLessThan(2);
      }
      // Every filled pixel is opaque, as the photo is.
      for (let p = 0; p < mask.data.length; p++) if (mask.data[p]) expect(filled.data[p * 4 + 3]).toBe(255);
    });
  }

  it("mixes the two fills premultiplied: a see-through margin keeps its colour as it fades", () => {
    // An opaque red disc in the middle, the canvas edge known and fully transparent (colour black),
    // the wide ring between to fill: every filled pixel that shows at all is the disc's red.
    const [W, H] = [320, 240];
    const image = createRgbaImage(W, H);
    const mask = createGreyMask(W, H);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const p = y * W + x;
        const r = Math.hypot(x - W / 2, y - H / 2);
        if (r < 40) image.data.set([255, 0, 0, 255], p * 4);
        else if (x > 4 && y > 4 && x < W - 5 && y < H - 5) mask.data[p] = 255;
      }
    }
    const filled = fillMaskedArea(image, mask, 5);
    let shown = 0;
    for (let p = 0; p < W * H; p++) {
      if (!mask.data[p] || filled.data[p * 4 + 3]! < 8) continue;
      shown++;
      expect(Array.from(filled.data.subarray(p * 4, p * 4 + 3)), `pixel ${p % W},${Math.floor(p / W)}`).toEqual([255, 0, 0]);
    }
    expect(shown).toBeGreaterThan(10_000);
  });

  it("gives the same pixels as Telea marched over the whole hole, blended by the same rule", () => {
    const { image, mask } = outpaintCanvas(23);
    const radius = 5;
    const [nearPx, farPx] = [2 * radius, 10 * radius];
    const full = inpaintTelea(image, mask, radius);
    const far = pullPushFill(image, mask);
    const filled = fillMaskedArea(image, mask, radius);
    // Brute-force distance to the nearest known pixel, on a sample of masked pixels.
    const known: number[] = [];
    for (let p = 0; p < mask.data.length; p++) if (mask.data[p] === 0) known.push(p);
    for (let p = 7; p < mask.data.length; p += 97) {
      if (mask.data[p] === 0) continue;
      const [x, y] = [p % image.width, Math.floor(p / image.width)];
      let d2 = Infinity;
      for (const q of known) d2 = Math.min(d2, ((q % image.width) - x) ** 2 + (Math.floor(q / image.width) - y) ** 2);
      const t = Math.min(1, Math.max(0, (Math.sqrt(d2) - nearPx) / (farPx - nearPx)));
      const blend = t * t * (3 - 2 * t);
      // Mixed premultiplied.
      const o = p * 4;
      const [nearAlpha, farAlpha] = [full.data[o + 3]!, far.data[o + 3]!];
      const alpha = nearAlpha + (farAlpha - nearAlpha) * blend;
      expect(Math.abs(filled.data[o + 3]! - alpha), `alpha at ${x},${y}`).toBeLessThanOrEqual(0.5);
      for (let c = o; c < o + 3; c++) {
        const expected = (full.data[c]! * nearAlpha + (far.data[c]! * farAlpha - full.data[c]! * nearAlpha) * blend) / alpha;
        expect(Math.abs(filled.data[c]! - expected), `pixel ${x},${y}`).toBeLessThanOrEqual(0.5);
      }
    }
  });
});
