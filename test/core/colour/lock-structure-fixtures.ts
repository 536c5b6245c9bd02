// Test-side measures of what the lock does to a photograph's local structure (issue 16 point 1), computed
// on every pixel and independently of the pass's own sampled report (src/core/colour/measure-lock-structure.ts).
import { linearRgbToOklab, oklabToLinearRgb } from "../../../src/core/colour/linear-rgb-to-oklab.js";
import { linearToSrgbByte, SRGB_BYTE_TO_LINEAR } from "../../../src/core/colour/srgb-to-linear.js";
import type { RgbaImage } from "../../../src/core/raster/rgba-image.js";
import { forEachPixel, ssimMap, type Rect } from "./lock-fixtures.js";
import { rgbaToOklab } from "./rgba-to-oklab.js";

/**
 * A neighbour step at least this long in OKLab (about ΔE 8, e.g. #B0B0B0 against #C8C8C8) reads as a drawn edge
 * rather than texture; the pass's own measure uses the same definition.
 */
export const HARD_EDGE = 0.08;
/** Neighbours closer than this in OKLab are a smooth area (as in the pass's own measure). */
export const SMOOTH_STEP = 0.02;

/** OKLab of every pixel, `[L, a, b]` per pixel. */
export function oklabOf(image: RgbaImage): Float64Array {
  const n = image.width * image.height;
  const lab = new Float64Array(n * 3);
  for (let p = 0; p < n; p++) {
    const o = p * 4;
    linearRgbToOklab(SRGB_BYTE_TO_LINEAR[image.data[o]!]!, SRGB_BYTE_TO_LINEAR[image.data[o + 1]!]!, SRGB_BYTE_TO_LINEAR[image.data[o + 2]!]!, lab, p * 3);
  }
  return lab;
}

/** 1 per pixel whose RGB the lock changed. */
export function changedMask(input: RgbaImage, output: RgbaImage): Uint8Array {
  const n = input.width * input.height;
  const mask = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    const o = p * 4;
    mask[p] = input.data[o] !== output.data[o] || input.data[o + 1] !== output.data[o + 1] || input.data[o + 2] !== output.data[o + 2] ? 1 : 0;
  }
  return mask;
}

export interface StructureMeasures {
  /** Pixels the lock changed. */
  readonly changed: number;
  /** Mean SSIM (Gaussian 11×11, σ 1.5, K1 0.01, K2 0.03, range 1) of OKLab L over the changed pixels. */
  readonly lightnessSsim: number;
  /** 4-neighbour pairs, one of them changed, that are hard edges ({@link HARD_EDGE}) before / after. */
  readonly hardBefore: number;
  readonly hardAfter: number;
  /** Pairs that became hard: under HARD_EDGE before, at least HARD_EDGE after and at least HARD_EDGE / 2 longer. */
  readonly newHardEdges: number;
  /** Largest change of a neighbour difference (max over R, G, B, 0–255 levels) where the input was smooth (SMOOTH_STEP). */
  readonly maxBoundaryChange: number;
  /** Pairs in smooth areas (input step under 0.02 OKLab) whose step the lock lengthened by 0.02 or more: a visible contour. */
  readonly contourPairs: number;
}

/** All of {@link StructureMeasures} for a lock's input and output (same size). */
export function measureStructure(input: RgbaImage, output: RgbaImage): StructureMeasures {
  const { width, height } = input;
  const a = oklabOf(input);
  const b = oklabOf(output);
  const changed = changedMask(input, output);
  let count = 0;
  for (const c of changed) count += c;
  let hardBefore = 0;
  let hardAfter = 0;
  let newHardEdges = 0;
  let maxBoundaryChange = 0;
  let contourPairs = 0;
  const pair = (p: number, q: number) => {
    if (!changed[p] && !changed[q]) return;
    const before = Math.hypot(a[p * 3]! - a[q * 3]!, a[p * 3 + 1]! - a[q * 3 + 1]!, a[p * 3 + 2]! - a[q * 3 + 2]!);
    const after = Math.hypot(b[p * 3]! - b[q * 3]!, b[p * 3 + 1]! - b[q * 3 + 1]!, b[p * 3 + 2]! - b[q * 3 + 2]!);
    if (before >= HARD_EDGE) hardBefore++;
    if (after >= HARD_EDGE) hardAfter++;
    if (after >= HARD_EDGE && before < HARD_EDGE && after >= before + HARD_EDGE / 2) newHardEdges++;
    if (before < 0.02 && after >= before + 0.02) contourPairs++;
    if (before < SMOOTH_STEP) {
      for (let c = 0; c < 3; c++) {
        const d = Math.abs(output.data[p * 4 + c]! - input.data[p * 4 + c]! - (output.data[q * 4 + c]! - input.data[q * 4 + c]!));
        if (d > maxBoundaryChange) maxBoundaryChange = d;
      }
    }
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      if (x + 1 < width) pair(p, p + 1);
      if (y + 1 < height) pair(p, p + width);
    }
  }
  const La = Float64Array.from({ length: width * height }, (_, i) => a[i * 3]!);
  const Lb = Float64Array.from({ length: width * height }, (_, i) => b[i * 3]!);
  const map = ssimMap(La, Lb, width, height);
  let sum = 0;
  for (let p = 0; p < width * height; p++) if (changed[p]) sum += map[p]!;
  return { changed: count, lightnessSsim: count ? sum / count : 1, hardBefore, hardAfter, newHardEdges, maxBoundaryChange, contourPairs };
}

/**
 * Paints `rect` with `colour` (8-bit sRGB) while keeping the photo's own lightness texture: each pixel gets the
 * colour's OKLab a and b and its lightness plus the pixel's deviation from the rect's mean lightness
 * (clipped per channel where that leaves the gamut, as a renderer would).
 */
export function paintTextured(image: RgbaImage, rect: Rect, colour: readonly [number, number, number]): void {
  const lab = oklabOf(image);
  const target = rgbaToOklab({ width: 1, height: 1, data: new Uint8ClampedArray([...colour, 255]) });
  let mean = 0;
  forEachPixel(image, rect, (o) => {
    mean += lab[(o / 4) * 3]!;
  });
  mean /= rect.width * rect.height;
  const lin = new Float64Array(3);
  forEachPixel(image, rect, (o) => {
    oklabToLinearRgb(target[0]! + lab[(o / 4) * 3]! - mean, target[1]!, target[2]!, lin);
    for (let c = 0; c < 3; c++) image.data[o + c] = linearToSrgbByte(lin[c]!);
  });
}

/** Standard deviation of OKLab lightness over `rect`. */
export function lightnessSigma(image: RgbaImage, rect: Rect): number {
  const lab = oklabOf(image);
  let s = 0;
  let s2 = 0;
  forEachPixel(image, rect, (o) => {
    const L = lab[(o / 4) * 3]!;
    s += L;
    s2 += L * L;
  });
  const n = rect.width * rect.height;
  return Math.sqrt(s2 / n - (s / n) ** 2);
}
