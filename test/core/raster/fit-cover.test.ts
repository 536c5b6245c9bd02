import { describe, expect, it } from "vitest";
import { fitCover } from "../../../src/core/raster/fit-cover.js";
import { createRgbaImage, type RgbaImage } from "../../../src/core/raster/rgba-image.js";

/** White disc of radius r (pixels) centred on a black w×h image, anti-aliased by 4×4 supersampling. */
function disc(w: number, h: number, r: number): RgbaImage {
  const img = createRgbaImage(w, h, [0, 0, 0, 255]);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let inside = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if ((x + (sx + 0.5) / 4 - w / 2) ** 2 + (y + (sy + 0.5) / 4 - h / 2) ** 2 < r * r) inside++;
      const v = Math.round((inside / 16) * 255);
      img.data.set([v, v, v, 255], (y * w + x) * 4);
    }
  return img;
}

/** Width and height of the bright blob, from its second moments (σ·4 = diameter for a uniform disc). */
function blobExtent(img: RgbaImage): { width: number; height: number } {
  let m = 0,
    mx = 0,
    my = 0,
    mxx = 0,
    myy = 0;
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) {
      const v = img.data[(y * img.width + x) * 4]! / 255;
      m += v;
      mx += v * x;
      my += v * y;
      mxx += v * x * x;
      myy += v * y * y;
    }
  const cx = mx / m,
    cy = my / m;
  return { width: 4 * Math.sqrt(mxx / m - cx * cx), height: 4 * Math.sqrt(myy / m - cy * cy) };
}

describe("fitCover", () => {
  it("fills the target size exactly", () => {
    const img = createRgbaImage(300, 200, [1, 2, 3, 255]);
    for (const [w, h] of [
      [100, 300],
      [1200, 100],
      [37, 37],
      [300, 200],
    ] as const) {
      const out = fitCover(img, w, h);
      expect([out.width, out.height]).toEqual([w, h]);
    }
  });

  it("never stretches: a circle stays a circle", () => {
    const img = disc(300, 200, 30);
    for (const [w, h, scale] of [
      [100, 300, 1.5],
      [900, 240, 3],
      [160, 90, 160 / 300],
      [64, 64, 0.32],
    ] as const) {
      const { width, height } = blobExtent(fitCover(img, w, h));
      expect(Math.abs(width - height)).toBeLessThan(0.5);
      expect(Math.abs(width - 60 * scale)).toBeLessThan(1);
    }
  });

  it("keeps the centre of the image in the centre", () => {
    const img = disc(300, 200, 30);
    const out = fitCover(img, 90, 160);
    const centre = (80 * 90 + 45) * 4;
    expect(out.data[centre]!).toBe(255);
    expect(out.data[0]!).toBe(0);
  });
});
