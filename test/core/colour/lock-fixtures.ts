// Test helpers for the lock pass: brand patches painted with a known drift and texture, region
// measurements, and SSIM (Wang, Bovik, Sheikh & Simoncelli 2004, "Image quality assessment: from error
// visibility to structural similarity", IEEE TIP 13(4)) on the OKLab lightness channel.
import { deltaE2000 } from "../../../src/core/colour/delta-e-2000.js";
import { hexToCielab, hexToOklab, rgbBytesToCielab } from "../../../src/core/colour/hex-to-oklab.js";
import type { Cielab } from "../../../src/core/colour/linear-rgb-to-cielab.js";
import { oklabToLinearRgb, type Oklab } from "../../../src/core/colour/linear-rgb-to-oklab.js";
import { rgbaToOklab } from "./rgba-to-oklab.js";
import { linearToSrgbByte } from "../../../src/core/colour/srgb-to-linear.js";
import type { RgbaImage } from "../../../src/core/raster/rgba-image.js";

export type Rgb = readonly [number, number, number];
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** 8-bit sRGB of an OKLab colour, or undefined when it is outside the sRGB gamut. */
export function oklabToBytes(lab: Oklab): Rgb | undefined {
  const lin = new Float64Array(3);
  oklabToLinearRgb(lab[0], lab[1], lab[2], lin);
  if (lin.some((v) => v < -1e-9 || v > 1 + 1e-9)) return undefined;
  return [linearToSrgbByte(lin[0]!), linearToSrgbByte(lin[1]!), linearToSrgbByte(lin[2]!)];
}

/**
 * The colour a model might return for `hex`: moved along the OKLab direction `direction` until its ΔE2000
 * from the hex is `deltaE` (to about ±0.3, 8-bit rounding). Throws when the direction leaves the gamut first.
 */
export function driftColour(hex: string, deltaE: number, direction: Oklab): Rgb {
  const start = hexToOklab(hex);
  const target = hexToCielab(hex);
  const norm = Math.hypot(...direction);
  const at = (s: number) => oklabToBytes([0, 1, 2].map((c) => start[c]! + (s * direction[c]!) / norm) as unknown as Oklab);
  let lo = 0;
  let hi = 0.6;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    const rgb = at(mid);
    if (rgb && deltaE2000(target, rgbBytesToCielab(...rgb)) < deltaE) lo = mid;
    else hi = mid;
  }
  const rgb = at(lo);
  if (!rgb || Math.abs(deltaE2000(target, rgbBytesToCielab(...rgb)) - deltaE) > 0.5) {
    throw new Error(`Cannot drift ${hex} by ΔE2000 ${deltaE} along ${direction.join(",")} inside the sRGB gamut.`);
  }
  return rgb;
}

export function paintFlat(image: RgbaImage, rect: Rect, rgb: Rgb): void {
  forEachPixel(image, rect, (o) => image.data.set(rgb, o));
}

/** A horizontal lightness ramp of ±`span` OKLab L around `centre` (a lit, shaded brand surface). */
export function paintGradient(image: RgbaImage, rect: Rect, centre: Rgb, span: number): void {
  const lab = rgbaToOklab({ width: 1, height: 1, data: new Uint8ClampedArray([...centre, 255]) });
  forEachPixel(image, rect, (o, x) => {
    const t = rect.width > 1 ? (x - rect.x) / (rect.width - 1) : 0.5;
    image.data.set(oklabToBytes([lab[0]! + span * (2 * t - 1), lab[1]!, lab[2]!]) ?? centre, o);
  });
}

/** Gaussian grain: `sigma` 8-bit levels of shared (luminance) noise plus `sigma / 3` per channel. */
export function paintNoise(image: RgbaImage, rect: Rect, centre: Rgb, sigma: number, seed = 1): void {
  const random = gaussian(seed);
  forEachPixel(image, rect, (o) => {
    const shared = random() * sigma;
    for (let c = 0; c < 3; c++) image.data[o + c] = Math.round(centre[c]! + shared + (random() * sigma) / 3);
  });
}

/** Unweighted mean CIELAB D65 of the pixels in `rect`. */
export function meanCielab(image: RgbaImage, rect: Rect): Cielab {
  const sum = [0, 0, 0];
  let n = 0;
  forEachPixel(image, rect, (o) => {
    const lab = rgbBytesToCielab(image.data[o]!, image.data[o + 1]!, image.data[o + 2]!);
    for (let c = 0; c < 3; c++) sum[c]! += lab[c]!;
    n++;
  });
  return [sum[0]! / n, sum[1]! / n, sum[2]! / n];
}

/** ΔE2000 between a hex and the mean colour of `rect`. */
export function regionDeltaE(image: RgbaImage, rect: Rect, hex: string): number {
  return deltaE2000(hexToCielab(hex), meanCielab(image, rect));
}

export function inside(rect: Rect, x: number, y: number): boolean {
  return x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height;
}

/**
 * Mean SSIM (Wang et al. 2004: 11×11 Gaussian window, σ 1.5, K1 0.01, K2 0.03, dynamic range 1) of the
 * OKLab lightness of two images over `rect`, windows kept inside the rect.
 */
export function ssimLightness(a: RgbaImage, b: RgbaImage, rect: Rect): number {
  const { width: w, height: h } = rect;
  const map = ssimMap(lightness(a, rect), lightness(b, rect), w, h);
  let sum = 0;
  let n = 0;
  for (let y = 5; y < h - 5; y++) {
    for (let x = 5; x < w - 5; x++) {
      sum += map[y * w + x]!;
      n++;
    }
  }
  return sum / n;
}

/** Per-pixel SSIM map (Wang et al. 2004) of two lightness planes, Gaussian window σ 1.5 clipped at the image edge. */
export function ssimMap(x: Float64Array, y: Float64Array, width: number, height: number): Float64Array {
  const n = width * height;
  const blur = (f: (i: number) => number) =>
    gaussianBlur(
      Float64Array.from({ length: n }, (_, i) => f(i)),
      width,
      height,
    );
  const mx = blur((i) => x[i]!);
  const my = blur((i) => y[i]!);
  const xx = blur((i) => x[i]! * x[i]!);
  const yy = blur((i) => y[i]! * y[i]!);
  const xy = blur((i) => x[i]! * y[i]!);
  const c1 = 0.01 ** 2;
  const c2 = 0.03 ** 2;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const vx = Math.max(0, xx[i]! - mx[i]! ** 2);
    const vy = Math.max(0, yy[i]! - my[i]! ** 2);
    const cov = xy[i]! - mx[i]! * my[i]!;
    out[i] = ((2 * mx[i]! * my[i]! + c1) * (2 * cov + c2)) / ((mx[i]! ** 2 + my[i]! ** 2 + c1) * (vx + vy + c2));
  }
  return out;
}

function lightness(image: RgbaImage, rect: Rect): Float64Array {
  const crop = new Uint8ClampedArray(rect.width * rect.height * 4);
  for (let y = 0; y < rect.height; y++) {
    const from = ((rect.y + y) * image.width + rect.x) * 4;
    crop.set(image.data.subarray(from, from + rect.width * 4), y * rect.width * 4);
  }
  const lab = rgbaToOklab({ width: rect.width, height: rect.height, data: crop });
  return Float64Array.from({ length: rect.width * rect.height }, (_, i) => lab[i * 3]!);
}

/** Separable 11-tap Gaussian (σ 1.5), taps that fall outside the rect dropped and the rest renormalised. */
export function gaussianBlur(values: Float64Array, w: number, h: number): Float64Array {
  const taps = Array.from({ length: 11 }, (_, i) => Math.exp(-((i - 5) ** 2) / (2 * 1.5 ** 2)));
  const pass = (src: Float64Array, horizontal: boolean) => {
    const dst = new Float64Array(src.length);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let s = 0;
        let t = 0;
        for (let k = -5; k <= 5; k++) {
          const xx = horizontal ? x + k : x;
          const yy = horizontal ? y : y + k;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          s += taps[k + 5]! * src[yy * w + xx]!;
          t += taps[k + 5]!;
        }
        dst[y * w + x] = s / t;
      }
    }
    return dst;
  };
  return pass(pass(values, true), false);
}

export function forEachPixel(image: RgbaImage, rect: Rect, visit: (offset: number, x: number, y: number) => void): void {
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    for (let x = rect.x; x < rect.x + rect.width; x++) visit((y * image.width + x) * 4, x, y);
  }
}

/** Standard normal numbers from mulberry32 (Tommy Ettinger, public domain) and Box–Muller. */
export function gaussian(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
