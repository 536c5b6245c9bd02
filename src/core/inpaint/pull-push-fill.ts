import type { RgbaImage } from "../raster/rgba-image.js";
import type { GreyMask } from "./grey-mask.js";

/** One level of the pyramid: premultiplied RGBA (r·a, g·a, b·a, a) per pixel and its weight 0–1. */
interface Level {
  readonly width: number;
  readonly height: number;
  /** 4 floats per pixel: colour premultiplied by alpha, then alpha, all 0–255, each times `weight`. */
  readonly sum: Float32Array;
  readonly weight: Float32Array;
}

/**
 * Fills the masked pixels of an image with the smooth membrane that the known pixels span: the
 * pull-push algorithm (Gortler, Grzeszczuk, Szeliski & Cohen, "The Lumigraph", SIGGRAPH 1996,
 * §3.5.2). Pull: halve the image level by level, each coarse pixel the weight-averaged colour of
 * its 2×2 children and weight min(1, Σ child weights), until a level has no hole. Push: from the
 * coarsest level down, each fine pixel keeps its own colour in proportion to its weight and takes
 * the rest from the coarser level, sampled bilinearly (so no blocks show). Far from the known
 * pixels this gives a soft, streak-free continuation of the colours around the hole, which
 * Telea's method (`inpaintTelea`), propagating boundary pixels along straight lines, cannot.
 *
 * Channels are averaged premultiplied by alpha (colour under transparent pixels never leaks in)
 * and returned straight. O(pixels): each level is a quarter of the one below.
 * @param image straight-alpha RGBA, 0–255
 * @param mask 0–255, same size; every pixel with a value > 0 is refilled, the rest are copied byte for byte
 * @returns a new image; identical to the source outside the mask
 * @throws RangeError when the sizes differ or the mask covers the whole image.
 */
export function pullPushFill(image: RgbaImage, mask: GreyMask): RgbaImage {
  const { width, height } = image;
  if (mask.width !== width || mask.height !== height) {
    throw new RangeError(`The mask is ${mask.width}×${mask.height} pixels but the image is ${width}×${height}; they must match.`);
  }
  const base: Level = { width, height, sum: new Float32Array(width * height * 4), weight: new Float32Array(width * height) };
  let known = 0;
  for (let p = 0; p < width * height; p++) {
    if (mask.data[p] !== 0) continue;
    const a = image.data[p * 4 + 3]!;
    for (let c = 0; c < 3; c++) base.sum[p * 4 + c] = (image.data[p * 4 + c]! * a) / 255;
    base.sum[p * 4 + 3] = a;
    base.weight[p] = 1;
    known++;
  }
  if (known === 0) throw new RangeError("The mask covers the whole image, so there is nothing to fill it from.");

  // Pull: until a level has weight everywhere (at worst 1×1, which then has some).
  const levels = [base];
  for (let level = base; !isFull(level); ) {
    level = pull(level);
    levels.push(level);
  }
  // Push: each level's holes take the (already complete) coarser level's colour.
  for (let i = levels.length - 2; i >= 0; i--) push(levels[i + 1]!, levels[i]!);

  const out = new Uint8ClampedArray(image.data);
  for (let p = 0; p < width * height; p++) {
    if (mask.data[p] === 0) continue;
    const a = base.sum[p * 4 + 3]!;
    for (let c = 0; c < 3; c++) out[p * 4 + c] = a > 0 ? (base.sum[p * 4 + c]! * 255) / a : 0;
    out[p * 4 + 3] = a;
  }
  return { width, height, data: out };
}

function isFull(level: Level): boolean {
  return level.weight.every((w) => w >= 1);
}

/** The next coarser level: 2×2 children summed (an odd last row or column counts alone). */
function pull(fine: Level): Level {
  const width = Math.ceil(fine.width / 2);
  const height = Math.ceil(fine.height / 2);
  const sum = new Float32Array(width * height * 4);
  const weight = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const q = y * width + x;
      let w = 0;
      for (let dy = 0; dy < 2; dy++) {
        const fy = 2 * y + dy;
        if (fy >= fine.height) break;
        for (let dx = 0; dx < 2; dx++) {
          const fx = 2 * x + dx;
          if (fx >= fine.width) break;
          const p = fy * fine.width + fx;
          w += fine.weight[p]!;
          for (let c = 0; c < 4; c++) sum[q * 4 + c]! += fine.sum[p * 4 + c]!;
        }
      }
      // Colour stays the children's weighted mean; the weight saturates at 1 (Gortler et al.).
      if (w > 0) {
        const scale = Math.min(1, w) / w;
        for (let c = 0; c < 4; c++) sum[q * 4 + c]! *= scale;
      }
      weight[q] = Math.min(1, w);
    }
  }
  return { width, height, sum, weight };
}

/**
 * Completes `fine` from the complete level above it: sum += (1 − weight) × coarse colour at the
 * pixel's centre (bilinear between coarse pixel centres, clamped at the edges); weight becomes 1.
 */
function push(coarse: Level, fine: Level): void {
  for (let y = 0; y < fine.height; y++) {
    const cy = Math.min(coarse.height - 1, Math.max(0, (y + 0.5) / 2 - 0.5));
    const y0 = Math.floor(cy);
    const y1 = Math.min(coarse.height - 1, y0 + 1);
    const ty = cy - y0;
    for (let x = 0; x < fine.width; x++) {
      const p = y * fine.width + x;
      const missing = 1 - fine.weight[p]!;
      if (missing <= 0) continue;
      const cx = Math.min(coarse.width - 1, Math.max(0, (x + 0.5) / 2 - 0.5));
      const x0 = Math.floor(cx);
      const x1 = Math.min(coarse.width - 1, x0 + 1);
      const tx = cx - x0;
      const i00 = (y0 * coarse.width + x0) * 4;
      const i01 = (y0 * coarse.width + x1) * 4;
      const i10 = (y1 * coarse.width + x0) * 4;
      const i11 = (y1 * coarse.width + x1) * 4;
      for (let c = 0; c < 4; c++) {
        const top = coarse.sum[i00 + c]! + (coarse.sum[i01 + c]! - coarse.sum[i00 + c]!) * tx;
        const bottom = coarse.sum[i10 + c]! + (coarse.sum[i11 + c]! - coarse.sum[i10 + c]!) * tx;
        fine.sum[p * 4 + c]! += missing * (top + (bottom - top) * ty);
      }
      fine.weight[p] = 1;
    }
  }
}
