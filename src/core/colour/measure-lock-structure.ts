import { linearRgbToOklab } from "./linear-rgb-to-oklab.js";
import { SRGB_BYTE_TO_LINEAR } from "./srgb-to-linear.js";

/**
 * What a lock pass did to the local structure of one locked colour's region, measured on the pixels
 * (issue 16: region means hide damage). Shapes and units as in `LockedColourReport.structure`.
 */
export interface LockStructure {
  /**
   * Mean SSIM (Wang, Bovik, Sheikh & Simoncelli 2004, IEEE TIP 13(4); K1 0.01, K2 0.03, dynamic range 1) of
   * OKLab lightness before and after, over 8×8 blocks (a uniform window, as in Wang & Bovik 2002's universal
   * quality index) that the lock changed, each block weighted by its changed pixels. 0–1, 1 untouched.
   */
  readonly lightnessSsim: number;
  /**
   * Estimated number of 4-neighbour pixel pairs the lock turned into a hard edge: closer than {@link HARD_EDGE}
   * in OKLab before, at least that far apart afterwards, and lengthened by at least half of it (a visible new line, not a texture that got
   * a little stronger). Counted on the measured blocks and scaled to the whole image.
   */
  readonly newHardEdges: number;
  /**
   * Largest difference, in 8-bit levels (0–255, largest of R, G, B), between the changes made to two neighbouring
   * pixels where the input had no edge there (closer than {@link SMOOTH_STEP} in OKLab). Inside a region moved as
   * one piece it is about 1 (rounding); it is large only where a region's correction stops abruptly: a contour.
   */
  readonly maxBoundaryChange: number;
}

/**
 * Two neighbouring pixels at least this far apart in OKLab (about ΔE2000 8, e.g. #B0B0B0 against #C8C8C8) read as
 * a drawn edge rather than texture or shading.
 */
export const HARD_EDGE = 0.08;
/**
 * Neighbours closer than this in OKLab (about ΔE2000 2: shading, skies, skin, soft focus) are a smooth area,
 * where a step added by the lock would show as a contour line.
 */
export const SMOOTH_STEP = 0.02;
/**
 * A correction that differs by at least this much (OKLab, about ΔE2000 2) between two neighbours where the picture
 * is smooth draws a line there: twice the just-noticeable difference of adjacent fields.
 */
export const CONTOUR_STEP = 0.02;
/** Side of the measured blocks, in pixels. */
const BLOCK = 8;
/** At most this many blocks (393,216 pixels: a whole 768×512 photo) are measured; larger images are measured on an even lattice of blocks. */
const MAX_BLOCKS = 6144;

/** The lock's result for one pixel colour, as the pass caches it: `r | g << 8 | b << 16`, label in bits 24–29. */
export type LockLookup = (key: number) => number;

/**
 * Measures {@link LockStructure} per region on a lattice of 8×8 blocks, computing each pixel's locked colour
 * with `lookup` (the pass's own cached colour transform), so it can run before the image is written and costs
 * about an eighth of the pass on large images. Anti-aliased rims (rewritten later, at hard edges) are not in it.
 *
 * @param source the input as words `r | g << 8 | b << 16 | a << 24`
 * @param width, height image size in pixels
 * @param reachable per 8×8×8 colour bin, 1 when a pixel there may change (bins as in colour-histogram.ts)
 * @param lookup the locked colour and region label (1 … k, 0 none) of an opaque pixel colour
 * @param k number of regions
 * @returns `structure`: one measure per region, in label order; `contours`: per region, the estimated number of
 *   neighbour pairs in smooth areas whose corrections differ by {@link CONTOUR_STEP} or more (drawn lines)
 */
export function measureLockStructure(
  source: Uint32Array,
  width: number,
  height: number,
  reachable: Uint8Array,
  lookup: LockLookup,
  k: number,
): { structure: LockStructure[]; contours: Float64Array } {
  const bw = Math.ceil(width / BLOCK);
  const bh = Math.ceil(height / BLOCK);
  const stride = Math.max(1, Math.ceil(Math.sqrt((bw * bh) / MAX_BLOCKS)));
  const scale = stride * stride;
  const ssim = new Float64Array(k + 1);
  const ssimWeight = new Float64Array(k + 1);
  const hard = new Float64Array(k + 1);
  const boundary = new Float64Array(k + 1);
  const contours = new Float64Array(k);
  const scratch = createScratch();
  for (let by = 0; by < bh; by += stride) {
    for (let bx = 0; bx < bw; bx += stride) {
      measureBlock(source, width, height, bx * BLOCK, by * BLOCK, reachable, lookup, k, scratch);
      const label = scratch.label;
      if (label === 0) continue;
      ssim[label]! += scratch.ssim * scratch.changed;
      ssimWeight[label]! += scratch.changed;
      hard[label]! += scratch.hard;
      contours[label - 1]! += scratch.contours * scale;
      boundary[label] = Math.max(boundary[label]!, scratch.boundary);
    }
  }
  const structure = Array.from({ length: k }, (_, j) => ({
    lightnessSsim: ssimWeight[j + 1]! ? ssim[j + 1]! / ssimWeight[j + 1]! : 1,
    newHardEdges: Math.round(hard[j + 1]! * scale),
    maxBoundaryChange: boundary[j + 1]!,
  }));
  return { structure, contours };
}

interface Scratch {
  readonly input: Int32Array;
  readonly output: Int32Array;
  readonly inLab: Float64Array;
  readonly outLab: Float64Array;
  readonly votes: Int32Array;
  label: number;
  changed: number;
  ssim: number;
  hard: number;
  boundary: number;
  contours: number;
}

function createScratch(): Scratch {
  return {
    input: new Int32Array(BLOCK * BLOCK),
    output: new Int32Array(BLOCK * BLOCK),
    inLab: new Float64Array(BLOCK * BLOCK * 3),
    outLab: new Float64Array(BLOCK * BLOCK * 3),
    votes: new Int32Array(64),
    label: 0,
    changed: 0,
    ssim: 1,
    hard: 0,
    boundary: 0,
    contours: 0,
  };
}

/** Binned as in colour-histogram.ts `binOfWord` (kept local so the block loop inlines it). */
function binOf(p: number): number {
  return ((p >>> 3) & 0x1f) | ((p >>> 6) & 0x3e0) | ((p >>> 9) & 0x7c00);
}

/**
 * One block at (x0, y0): its pixels before and after, the region most of its changed pixels belong to
 * (`scratch.label`, 0 when nothing changed), its lightness SSIM, new hard edges and largest boundary change.
 */
function measureBlock(source: Uint32Array, width: number, height: number, x0: number, y0: number, reachable: Uint8Array, lookup: LockLookup, k: number, s: Scratch): void {
  const w = Math.min(BLOCK, width - x0);
  const h = Math.min(BLOCK, height - y0);
  s.label = 0;
  let any = false;
  for (let y = 0; y < h && !any; y++) {
    const row = (y0 + y) * width + x0;
    for (let x = 0; x < w; x++) {
      if (reachable[binOf(source[row + x]!)]) {
        any = true;
        break;
      }
    }
  }
  if (!any) return;
  s.votes.fill(0, 0, k + 1);
  let changed = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = source[(y0 + y) * width + x0 + x]!;
      const i = y * BLOCK + x;
      const key = p & 0xffffff;
      let out = key;
      if (p >>> 24 !== 0 && reachable[binOf(p)]) {
        const value = lookup(key);
        out = value & 0xffffff;
        if (out !== key) {
          changed++;
          s.votes[(value >>> 24) & 0x3f]!++;
        }
      }
      s.input[i] = key;
      s.output[i] = out;
    }
  }
  if (changed === 0) return;
  let label = 0;
  for (let j = 1; j <= k; j++) if (s.votes[j]! > s.votes[label]!) label = j;
  if (label === 0) return;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * BLOCK + x;
      toOklab(s.input[i]!, s.inLab, i * 3);
      toOklab(s.output[i]!, s.outLab, i * 3);
    }
  }
  // SSIM over the block's lightness, one uniform window.
  const n = w * h;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      mx += s.inLab[(y * BLOCK + x) * 3]!;
      my += s.outLab[(y * BLOCK + x) * 3]!;
    }
  }
  mx /= n;
  my /= n;
  let vx = 0;
  let vy = 0;
  let cov = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const dx = s.inLab[(y * BLOCK + x) * 3]! - mx;
      const dy = s.outLab[(y * BLOCK + x) * 3]! - my;
      vx += dx * dx;
      vy += dy * dy;
      cov += dx * dy;
    }
  }
  const c1 = 0.01 * 0.01;
  const c2 = 0.03 * 0.03;
  vx /= n;
  vy /= n;
  cov /= n;
  s.ssim = ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
  s.changed = changed;
  s.label = label;
  let hard = 0;
  let boundary = 0;
  s.contours = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * BLOCK + x;
      if (x + 1 < w) {
        const r = pair(s, i, i + 1);
        if (r < 0) hard++;
        else if (r > boundary) boundary = r;
      }
      if (y + 1 < h) {
        const r = pair(s, i, i + BLOCK);
        if (r < 0) hard++;
        else if (r > boundary) boundary = r;
      }
    }
  }
  s.hard = hard;
  s.boundary = boundary;
}

/**
 * One neighbour pair of the block: −1 when the lock made it a new hard edge, else the largest per-channel
 * difference of the two pixels' changes where the input was smooth there (0 elsewhere); counts a contour pair
 * in `s.contours` when those changes differ by {@link CONTOUR_STEP} in OKLab.
 */
function pair(s: Scratch, i: number, j: number): number {
  const ip = s.input[i]!;
  const iq = s.input[j]!;
  const op = s.output[i]!;
  const oq = s.output[j]!;
  if (ip === op && iq === oq) return 0;
  const before = distance(s.inLab, i, j);
  const after = distance(s.outLab, i, j);
  if (after >= HARD_EDGE && before < HARD_EDGE && after >= before + HARD_EDGE / 2) return -1;
  if (before >= SMOOTH_STEP) return 0;
  const dL = s.outLab[i * 3]! - s.inLab[i * 3]! - s.outLab[j * 3]! + s.inLab[j * 3]!;
  const da = s.outLab[i * 3 + 1]! - s.inLab[i * 3 + 1]! - s.outLab[j * 3 + 1]! + s.inLab[j * 3 + 1]!;
  const db = s.outLab[i * 3 + 2]! - s.inLab[i * 3 + 2]! - s.outLab[j * 3 + 2]! + s.inLab[j * 3 + 2]!;
  if (dL * dL + da * da + db * db >= CONTOUR_STEP * CONTOUR_STEP) s.contours++;
  let worst = 0;
  for (let shift = 0; shift <= 16; shift += 8) {
    const d = Math.abs(((op >>> shift) & 255) - ((ip >>> shift) & 255) - ((oq >>> shift) & 255) + ((iq >>> shift) & 255));
    if (d > worst) worst = d;
  }
  return worst;
}

function distance(lab: Float64Array, i: number, j: number): number {
  const dL = lab[i * 3]! - lab[j * 3]!;
  const da = lab[i * 3 + 1]! - lab[j * 3 + 1]!;
  const db = lab[i * 3 + 2]! - lab[j * 3 + 2]!;
  return Math.sqrt(dL * dL + da * da + db * db);
}

/** Bits of the colour → OKLab cache: 65,536 entries (1.8 MB), shared by every measure (colours never go stale). */
const OKLAB_BITS = 16;
const OKLAB_KEYS = new Int32Array(1 << OKLAB_BITS).fill(-1);
const OKLAB_VALUES = new Float64Array(3 << OKLAB_BITS);

/** OKLab of an sRGB colour `r | g << 8 | b << 16` into `out[at..at+2]`, through a direct-mapped cache. */
function toOklab(key: number, out: Float64Array, at: number): void {
  const slot = Math.imul(key, 0x9e3779b1) >>> (32 - OKLAB_BITS);
  if (OKLAB_KEYS[slot] !== key) {
    OKLAB_KEYS[slot] = key;
    linearRgbToOklab(SRGB_BYTE_TO_LINEAR[key & 255]!, SRGB_BYTE_TO_LINEAR[(key >>> 8) & 255]!, SRGB_BYTE_TO_LINEAR[(key >>> 16) & 255]!, OKLAB_VALUES, slot * 3);
  }
  out[at] = OKLAB_VALUES[slot * 3]!;
  out[at + 1] = OKLAB_VALUES[slot * 3 + 1]!;
  out[at + 2] = OKLAB_VALUES[slot * 3 + 2]!;
}
