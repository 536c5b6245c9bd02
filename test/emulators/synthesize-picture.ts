import type { RgbaImage } from "../../src/core/raster/rgba-image.js";

/** FNV-1a 32-bit hash (Fowler–Noll–Vo), used to turn a prompt into stable colours. */
export function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A deterministic opaque picture standing in for a model's output: a diagonal gradient between two
 * colours derived from `seed` (usually the prompt), with a faint 32-pixel check so that every region
 * has texture. The same `(width, height, seed)` always gives the same pixels.
 * @param width pixels, integer ≥ 1
 * @param height pixels, integer ≥ 1
 * @returns straight-alpha RGBA, alpha 255 everywhere
 */
export function synthesizePicture(width: number, height: number, seed: string): RgbaImage {
  const h = hashSeed(seed);
  const from = [h & 0xff, (h >>> 8) & 0xff, (h >>> 16) & 0xff];
  const to = [255 - from[0]!, (from[1]! + 128) & 0xff, (h >>> 24) & 0xff];
  const data = new Uint8ClampedArray(width * height * 4);
  const span = Math.max(1, width + height - 2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x + y) / span;
      const check = ((x >> 5) + (y >> 5)) & 1 ? 12 : 0;
      const o = (y * width + x) * 4;
      data[o] = from[0]! + (to[0]! - from[0]!) * t + check;
      data[o + 1] = from[1]! + (to[1]! - from[1]!) * t + check;
      data[o + 2] = from[2]! + (to[2]! - from[2]!) * t + check;
      data[o + 3] = 255;
    }
  }
  return { width, height, data };
}
