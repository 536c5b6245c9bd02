import { linearToSrgbByte, SRGB_BYTE_TO_LINEAR } from "./srgb-to-linear.js";

/** An edge is only unmixed across at least this contrast (8-bit sRGB units): below it a mix is noise. */
const MIN_CONTRAST = 24;
/** Largest distance of a pixel from the line between its neighbours, as a share of their distance, for it to count as their mix. */
const MAX_RESIDUAL = 0.08;
/** Coverage below this is left alone: it would move the pixel by under a tenth of the region's offset. */
const MIN_COVERAGE = 0.1;

/**
 * Corrects the anti-aliased rim of locked regions, which colour-space membership alone misses: a pixel that
 * is 70% brand colour and 30% background sits far from the region in colour space, so it would keep the
 * drifted colour and draw a thin halo around the corrected shape.
 *
 * For each pixel that is not a core member (`labels[i] === 0`) but has a core member on one side
 * (left/right or up/down, else diagonally, for the steps of a curve) and a non-member one or two pixels away
 * on the other (the rim of a curve is often two pixels wide), the pixel is read as a mix of the member p and
 * the background q: coverage `α = (x − q)·(p − q) / |p − q|²`, in linear light (how some renderers blend
 * edges) and in sRGB (how most browsers and design tools do), keeping the reading whose residual is smaller
 * and at most 8% of |p − q| (which must be at least 24 levels). Coverage under 0.1 is left alone. The pixel
 * becomes `x + α (p′ − p)` in that space, p′ being the corrected member: the same mix of the corrected
 * shape and the untouched background, with the pixel's own deviation from the mix kept. Candidates are found
 * from the runs of core members (TypedArray indexOf), so it costs little more than the rim itself.
 * Allocates nothing per pixel.
 *
 * @param source the input pixels as words `r | g << 8 | b << 16 | a << 24`
 * @param target the output words after the colour-space pass; rim pixels are rewritten in place
 * @param labels per pixel, 1 when it is a core member (weight ≈ 1) of a locked region, else 0
 * @param width image width in pixels
 * @returns the number of rim pixels rewritten
 */
export function unmixLockEdges(source: Uint32Array, target: Uint32Array, labels: Uint8Array, width: number): number {
  const height = labels.length / width;
  let rewritten = 0;
  let coverage = 0;
  let linear = false;
  let member = -1;
  const readSide = (i: number, side: number, far: boolean) => {
    const step = i - side;
    // The pixel across first; the one beyond it only when that gave no reading (a two-pixel rim).
    for (let reach = 1; reach <= (far ? 2 : 1); reach++) {
      const background = i + reach * step;
      if (labels[background] !== 0) return;
      const alpha = coverageOf(source[i]!, source[side]!, source[background]!);
      if (alpha === 0) continue;
      if (Math.abs(alpha) > coverage) {
        coverage = Math.abs(alpha);
        linear = alpha < 0;
        member = side;
      }
      return;
    }
  };
  /** Re-reads pixel i (not a core member, next to one) as a mix and rewrites it when it is one. */
  const visit = (i: number) => {
    if (source[i]! >>> 24 === 0) return;
    const row = (i / width) | 0;
    const col = i - row * width;
    coverage = 0;
    member = -1;
    // The 8 neighbours: a core member on one side, the background across the pixel on the other.
    const hasLeft = col > 0;
    const hasRight = col + 1 < width;
    const hasUp = row > 0;
    const hasDown = row + 1 < height;
    const left = hasLeft && labels[i - 1] !== 0;
    const right = hasRight && labels[i + 1] !== 0;
    const up = hasUp && labels[i - width] !== 0;
    const down = hasDown && labels[i + width] !== 0;
    if (left || right || up || down) {
      if (left && hasRight) readSide(i, i - 1, col + 2 < width);
      if (right && hasLeft) readSide(i, i + 1, col > 1);
      if (up && hasDown) readSide(i, i - width, row + 2 < height);
      if (down && hasUp) readSide(i, i + width, row > 1);
    } else if (hasLeft && hasRight && hasUp && hasDown) {
      // Only a diagonal neighbour is a member: a step of a curve's rim.
      const far = col > 1 && col + 2 < width && row > 1 && row + 2 < height;
      if (labels[i - width - 1]) readSide(i, i - width - 1, far);
      if (labels[i - width + 1]) readSide(i, i - width + 1, far);
      if (labels[i + width - 1]) readSide(i, i + width - 1, far);
      if (labels[i + width + 1]) readSide(i, i + width + 1, far);
    }
    if (member < 0) return;
    const x = source[i]!;
    const p = source[member]!;
    const corrected = target[member]!;
    let word = x & 0xff000000;
    for (let shift = 0; shift <= 16; shift += 8) {
      const xc = (x >>> shift) & 255;
      const pc = (p >>> shift) & 255;
      const cc = (corrected >>> shift) & 255;
      const value = linear
        ? linearToSrgbByte(SRGB_BYTE_TO_LINEAR[xc]! + coverage * (SRGB_BYTE_TO_LINEAR[cc]! - SRGB_BYTE_TO_LINEAR[pc]!))
        : Math.min(255, Math.max(0, Math.round(xc + coverage * (cc - pc))));
      word |= value << shift;
    }
    target[i] = word;
    rewritten++;
  };
  /** Visits the non-members among pixels [from, to) (a stretch of the row above or below a run of members). */
  const visitGaps = (from: number, to: number) => {
    for (let z = find(labels, 0, from, to); z < to; z = find(labels, 0, z + 1, to)) visit(z);
  };
  // Runs of core members found with indexOf (a native scan), so rows of background cost almost nothing.
  for (let row = 0; row < height; row++) {
    const start = row * width;
    const end = start + width;
    const first = labels.indexOf(1, start);
    if (first === -1) break;
    if (first >= end) {
      row = ((first / width) | 0) - 1;
      continue;
    }
    for (let s = first; s < end; ) {
      const e = find(labels, 0, s, end);
      if (s > start) visit(s - 1);
      if (e < end) visit(e);
      // The rows above and below, one pixel wider for the diagonal neighbours at the run's ends.
      const from = s > start ? s - 1 : s;
      const to = e < end ? e + 1 : e;
      if (row > 0) visitGaps(from - width, to - width);
      if (row + 1 < height) visitGaps(from + width, to + width);
      s = find(labels, 1, e, end);
    }
  }
  return rewritten;
}

/**
 * Index of the first `value` in `labels[from..to)`, or `to`: a plain loop for short stretches (scattered
 * members in a photo), the native indexOf for long ones (the inside of a large shape).
 */
function find(labels: Uint8Array, value: number, from: number, to: number): number {
  const short = Math.min(to, from + 32);
  for (let i = from; i < short; i++) if (labels[i] === value) return i;
  if (short === to) return to;
  const found = labels.indexOf(value, short);
  return found === -1 || found > to ? to : found;
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
