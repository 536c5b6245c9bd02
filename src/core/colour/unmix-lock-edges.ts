import { linearToSrgbByte, SRGB_BYTE_TO_LINEAR } from "./srgb-to-linear.js";

/** An edge is only unmixed across at least this contrast (8-bit sRGB units): below it a mix is noise. */
const MIN_CONTRAST = 24;
/** Largest distance of a pixel from the line between its neighbours, as a share of their distance, for it to count as their mix. */
const MAX_RESIDUAL = 0.08;
/** Coverage below this is left alone: it would move the pixel by under a tenth of the region's offset. */
const MIN_COVERAGE = 0.1;

/**
 * Words per row of a core mask: one bit per pixel, each row starting on a fresh 32-bit word.
 * Bit `x & 31` of word `y × coreMaskWords(width) + (x >>> 5)` is pixel (x, y).
 */
export function coreMaskWords(width: number): number {
  return (width + 31) >>> 5;
}

/**
 * Corrects the anti-aliased rim of locked regions, which colour-space membership alone misses: a pixel that
 * is 70% brand colour and 30% background sits far from the region in colour space, so it would keep the
 * drifted colour and draw a thin halo around the corrected shape.
 *
 * For each pixel that is not a core member but has a core member on one side (left/right or up/down, else
 * diagonally, for the steps of a curve) and a non-member one or two pixels away on the other (the rim of a
 * curve is often two pixels wide), the pixel is read as a mix of the member p and the background q:
 * coverage `α = (x − q)·(p − q) / |p − q|²`, in linear light (how some renderers blend edges) and in sRGB
 * (how most browsers and design tools do), keeping the reading whose residual is smaller and at most 8% of
 * |p − q| (which must be at least 24 levels). Coverage under 0.1 is left alone. The pixel becomes
 * `x + α (p′ − p)` in that space, p′ being the corrected member: the same mix of the corrected shape and
 * the untouched background, with the pixel's own deviation from the mix kept.
 *
 * The candidates (non-members with a core member among their 8 neighbours) come from the core mask 32
 * pixels at a time: the rows above, at and below are OR-ed, widened by one pixel each way and masked
 * by the row's own non-members, so rows and stretches without members cost one word test. A pixel's
 * reading depends only on the input, the mask within two rows and the corrected core members next to it
 * (which it never rewrites), so rows can be done in any order, each as soon as the colour-space pass is
 * two rows past it (while those rows are still in cache). Allocates nothing.
 *
 * @param source the input pixels as words `r | g << 8 | b << 16 | a << 24`: the whole image, or (with `rowMask`) a
 *   ring of `rowMask + 1` rows holding row y at `(y & rowMask) × width`, for a pass that overwrites its input
 * @param target the output words after the colour-space pass; rim pixels are rewritten in place
 * @param core per pixel, 1 when it is a core member (weight ≈ 1) of a locked region ({@link coreMaskWords} layout);
 *   final for rows `from − 2` to `to + 1`, as are the corrected core members of rows `from − 1` to `to`
 * @param width image width in pixels
 * @param from first row to do (default 0)
 * @param to row after the last to do (default: the image height)
 * @param rowMask with a ring `source`, its row count less one (a power of two less one, at least 7: rows `from − 2`
 *   to `to + 1` must all be held); −1 (default) when `source` is the whole image
 * @returns the number of rim pixels rewritten
 */
export function unmixLockEdges(source: Uint32Array, target: Uint32Array, core: Int32Array, width: number, from = 0, to = target.length / width, rowMask = -1): number {
  const height = target.length / width;
  const words = coreMaskWords(width);
  let rewritten = 0;
  for (let y = from; y < to; y++) rewritten += unmixRow(source, target, core, width, height, words, y, rowMask);
  return rewritten;
}

/** Visits the candidates of row y (see {@link unmixLockEdges}); returns how many it rewrote. */
function unmixRow(source: Uint32Array, target: Uint32Array, core: Int32Array, width: number, height: number, words: number, y: number, rowMask: number): number {
  const row = y * words;
  const hasUp = y > 0;
  const hasDown = y + 1 < height;
  // Valid bits of the row's last word: the padding past the image's right edge is never a candidate.
  const lastMask = width & 31 ? (1 << (width & 31)) - 1 : -1;
  let rewritten = 0;
  let previous = 0;
  let around = (hasUp ? core[row - words]! : 0) | core[row]! | (hasDown ? core[row + words]! : 0);
  for (let w = 0; w < words; w++) {
    const next = w + 1 < words ? (hasUp ? core[row - words + w + 1]! : 0) | core[row + w + 1]! | (hasDown ? core[row + words + w + 1]! : 0) : 0;
    const spread = around | (around << 1) | (around >>> 1) | (previous >>> 31) | (next << 31);
    let candidates = spread & ~core[row + w]!;
    if (w === words - 1) candidates &= lastMask;
    previous = around;
    around = next;
    while (candidates !== 0) {
      const bit = 31 - Math.clz32(candidates & -candidates);
      candidates &= candidates - 1;
      rewritten += visit(source, target, core, width, height, words, (w << 5) + bit, y, rowMask);
    }
  }
  return rewritten;
}

/** 1 when pixel (x, y) is a core member (the caller keeps x and y inside the image). */
function isCore(core: Int32Array, words: number, x: number, y: number): number {
  return (core[y * words + (x >>> 5)]! >>> (x & 31)) & 1;
}

/** Scratch reading of {@link visit}: `[coverage, linear (1) or sRGB (0), member's index in target, in source]`. */
const READING = new Float64Array(4);

/**
 * Re-reads pixel (x, y), a non-member next to a core member, as a mix and rewrites it when it is one.
 * Sides are tried in a fixed order and the largest coverage wins (the first on a tie).
 * @returns 1 when the pixel was rewritten, else 0
 */
function visit(source: Uint32Array, target: Uint32Array, core: Int32Array, width: number, height: number, words: number, x: number, y: number, rowMask: number): number {
  const i = y * width + x;
  const pixel = source[(y & rowMask) * width + x]!;
  if (pixel >>> 24 === 0) return 0;
  READING[0] = 0;
  READING[2] = -1;
  // The 8 neighbours: a core member on one side, the background across the pixel on the other.
  const hasLeft = x > 0;
  const hasRight = x + 1 < width;
  const hasUp = y > 0;
  const hasDown = y + 1 < height;
  const left = hasLeft && isCore(core, words, x - 1, y) !== 0;
  const right = hasRight && isCore(core, words, x + 1, y) !== 0;
  const up = hasUp && isCore(core, words, x, y - 1) !== 0;
  const down = hasDown && isCore(core, words, x, y + 1) !== 0;
  if (left || right || up || down) {
    if (left && hasRight) readSide(source, core, words, width, rowMask, x, y, -1, 0, x + 2 < width);
    if (right && hasLeft) readSide(source, core, words, width, rowMask, x, y, 1, 0, x > 1);
    if (up && hasDown) readSide(source, core, words, width, rowMask, x, y, 0, -1, y + 2 < height);
    if (down && hasUp) readSide(source, core, words, width, rowMask, x, y, 0, 1, y > 1);
  } else if (hasLeft && hasRight && hasUp && hasDown) {
    // Only a diagonal neighbour is a member: a step of a curve's rim.
    const far = x > 1 && x + 2 < width && y > 1 && y + 2 < height;
    if (isCore(core, words, x - 1, y - 1)) readSide(source, core, words, width, rowMask, x, y, -1, -1, far);
    if (isCore(core, words, x + 1, y - 1)) readSide(source, core, words, width, rowMask, x, y, 1, -1, far);
    if (isCore(core, words, x - 1, y + 1)) readSide(source, core, words, width, rowMask, x, y, -1, 1, far);
    if (isCore(core, words, x + 1, y + 1)) readSide(source, core, words, width, rowMask, x, y, 1, 1, far);
  }
  const member = READING[2]!;
  if (member < 0) return 0;
  const coverage = READING[0]!;
  const linear = READING[1] === 1;
  const p = source[READING[3]!]!;
  const corrected = target[member]!;
  let word = pixel & 0xff000000;
  for (let shift = 0; shift <= 16; shift += 8) {
    const xc = (pixel >>> shift) & 255;
    const pc = (p >>> shift) & 255;
    const cc = (corrected >>> shift) & 255;
    const value = linear
      ? linearToSrgbByte(SRGB_BYTE_TO_LINEAR[xc]! + coverage * (SRGB_BYTE_TO_LINEAR[cc]! - SRGB_BYTE_TO_LINEAR[pc]!))
      : Math.min(255, Math.max(0, Math.round(xc + coverage * (cc - pc))));
    word |= value << shift;
  }
  target[i] = word;
  return 1;
}

/**
 * Reads pixel (x, y) as a mix of the core member at (x + dx, y + dy) and the background across it, the
 * pixel beyond first and the one after only when `far` and the first gave no reading (a two-pixel rim);
 * a core member as background ends the reading. Keeps it in {@link READING} when its coverage is larger.
 */
function readSide(source: Uint32Array, core: Int32Array, words: number, width: number, rowMask: number, x: number, y: number, dx: number, dy: number, far: boolean): void {
  const side = ((y + dy) & rowMask) * width + x + dx;
  for (let reach = 1; reach <= (far ? 2 : 1); reach++) {
    if (isCore(core, words, x - reach * dx, y - reach * dy)) return;
    const across = ((y - reach * dy) & rowMask) * width + x - reach * dx;
    const alpha = coverageOf(source[(y & rowMask) * width + x]!, source[side]!, source[across]!);
    if (alpha === 0) continue;
    if (Math.abs(alpha) > READING[0]!) {
      READING[0] = Math.abs(alpha);
      READING[1] = alpha < 0 ? 1 : 0;
      READING[2] = (y + dy) * width + x + dx;
      READING[3] = side;
    }
    return;
  }
}

/**
 * Share (0–1) of pixel `p` in pixel `x` read as a mix of `p` and `q` (words), in linear light or in sRGB,
 * whichever fits better: positive for an sRGB reading, negative for a linear one, 0 when `x` is no such mix.
 */
function coverageOf(x: number, p: number, q: number): number {
  // Most neighbours of a region are simply background, nearly the colour of the pixel beyond: no mix.
  if (manhattan(x, q) < 8 || manhattan(x, p) < 8) return 0;
  fit(x, p, q, false);
  const srgbAlpha = FIT[0]!;
  const srgbResidual = FIT[1]!;
  fit(x, p, q, true);
  if (srgbResidual <= FIT[1]!) return srgbResidual <= MAX_RESIDUAL ** 2 ? srgbAlpha : 0;
  return FIT[1]! <= MAX_RESIDUAL ** 2 ? -FIT[0]! : 0;
}

function manhattan(x: number, y: number): number {
  return Math.abs((x & 255) - (y & 255)) + Math.abs(((x >>> 8) & 255) - ((y >>> 8) & 255)) + Math.abs(((x >>> 16) & 255) - ((y >>> 16) & 255));
}

/** Scratch result of {@link fit}, `[alpha, residual]`, reused so the rim pass allocates nothing. */
const FIT = new Float64Array(2);

/** Least-squares coverage of `p` in `x` between `q` and `p`, and the residual as a share of |p − q|², into {@link FIT}. */
function fit(x: number, p: number, q: number, linear: boolean): void {
  let dd = 0;
  let ed = 0;
  let ee = 0;
  for (let shift = 0; shift <= 16; shift += 8) {
    const xs = (x >>> shift) & 255;
    const ps = (p >>> shift) & 255;
    const qs = (q >>> shift) & 255;
    const d = linear ? (SRGB_BYTE_TO_LINEAR[ps]! - SRGB_BYTE_TO_LINEAR[qs]!) * 255 : ps - qs;
    const e = linear ? (SRGB_BYTE_TO_LINEAR[xs]! - SRGB_BYTE_TO_LINEAR[qs]!) * 255 : xs - qs;
    dd += d * d;
    ed += e * d;
    ee += e * e;
  }
  const alpha = dd ? ed / dd : 0;
  FIT[0] = alpha;
  // |e − α d|² = |e|² − α² |d|²; a reading needs contrast, and a coverage strictly between 0 and 1.
  FIT[1] = dd < MIN_CONTRAST ** 2 || alpha < MIN_COVERAGE || alpha >= 1 ? Infinity : Math.max(0, ee - alpha * alpha * dd) / dd;
}
