import { BIN_COUNT, type ColourHistogram } from "./colour-histogram.js";
import { deltaE2000 } from "./delta-e-2000.js";
import { oklabToCielab } from "./hex-to-oklab.js";
import type { Cielab } from "./linear-rgb-to-cielab.js";
import type { Oklab } from "./linear-rgb-to-oklab.js";
import { invertSymmetric, largestEigenvalueBound, type LockRegion } from "./lock-membership.js";

/** What {@link findLockRegions} found for one locked colour: a region, or why there is none. */
export type LockRegionSearch =
  | { readonly found: true; readonly region: LockRegion; readonly estimatedShare: number }
  | {
      readonly found: false;
      /** "none": nothing within reach of the hex; "tiny": under `minShare`; "taken": another hex is nearer. */
      readonly reason: "none" | "tiny" | "taken";
      readonly estimatedShare: number;
      /** For "taken": index of the locked colour that keeps the region. */
      readonly takenBy?: number;
    };

/** Tuning of the region search. */
export interface FindLockRegionsOptions {
  /** ΔE2000 from the locked hex within which a region may start (default 17: drifts up to 15 plus spread). */
  readonly searchDeltaE?: number;
  /** Regions holding less than this share of the opaque pixels are "tiny" (default 0.001, i.e. 0.1%). */
  readonly minShare?: number;
}

/** Bins farther than this (OKLab) from the hex are not searched: past ΔE2000 17 for any sRGB colour. */
const SEARCH_RADIUS = 0.35;
/** Mean-shift and density kernel width (OKLab): about two JNDs, a little more than a bin. */
const DENSITY_RADIUS = 0.04;
/** Width (ΔE2000) of the Gaussian prior that prefers regions near the hex over bigger ones farther away. */
const PRIOR_DELTA_E = 8;
/** A region starts from the bins within 1.5 × MIN_RADIUS of its mode; its 3σ half-axes stay under MAX_RADIUS (OKLab), but a lit surface's lightness axis. */
const MIN_RADIUS = 0.03;
const MAX_RADIUS = 0.15;
/**
 * A lit surface ({@link isLitSurface}) may grow along lightness to a 3σ half-axis of 0.5 OKLab (σ ≈ 0.17: deep
 * shade to highlight), as long as across its lightness line it stays within a 3σ of 0.06 (σ 0.02: a few JNDs, with
 * the 0.01 regularisation), and its line's slope stays within 0.15 (a and b change by at most 0.015 per 0.1 of L).
 */
const MAX_LIGHTNESS = 0.5;
const MAX_ACROSS = 0.06;
const MAX_SLOPE = 0.15;
/** Seeds tried per locked colour: after one whose region turns out to be another colour, the next densest near the hex. */
const SEED_ATTEMPTS = 3;
/** Added to the covariance's diagonal (σ = 0.01 OKLab), so a flat region still has a 3σ core of 0.03. */
const MIN_SIGMA = 0.01;

/**
 * Finds, for each locked colour, the region of the image that belongs to it, in OKLab.
 *
 * Everything runs on the image's colour histogram (`buildColourHistogram`: 32³ bins from a ~1 Mpx
 * grid), so it costs the same for any image size:
 * 1. **Seed**: among bins within `searchDeltaE` (ΔE2000) of the hex, the one with the highest kernel
 *    density (Epanechnikov, 0.04 OKLab) times a Gaussian prior on its ΔE2000 from the hex (σ = 8), so a
 *    region drifted by ΔE2000 ≈ 15 is found, and a nearby region beats a bigger one farther away.
 * 2. **Mode**: mean shift (Comaniciu & Meer 2002, "Mean shift: a robust approach toward feature space
 *    analysis", IEEE TPAMI 24(5)) from the seed with the same kernel, to the region's densest colour.
 * 3. **Extent**: the region grows from the mode as a trimmed Gaussian ({@link growRegion}): mean and
 *    covariance of the bins within Mahalanobis distance 3.5, re-estimated until stable. A flat region stays
 *    a point, a lit gradient becomes a long thin ellipsoid along its ramp, grain a round one; a gap in colour
 *    space stops it, and a neighbouring colour off the region's axis stays out. Its 3σ half-axes stay within
 *    0.15 OKLab, except along lightness on a lit surface (shade to highlight at near-constant hue, tight across:
 *    up to 0.5). 0.01² is added to the covariance's diagonal, so every region has a core at least 0.03 wide.
 * 4. **Falloff**: `max(0.025, 0.4 × |hex − centre|)` OKLab: the farther a region must move, the wider
 *    the band over which its edge colours blend into untouched ones.
 * 5. **Checks**: a region whose mean is beyond `searchDeltaE` is not the colour: its bins are set aside and the
 *    next seed is tried (3 seeds at most, then "none"), since a brand surface spread over its shading can be less
 *    dense than a large mode of the picture's own colours nearby; a region under
 *    `minShare` of the pixels is "tiny"; when two hexes land on the same
 *    region, the one farther from it (ΔE2000) gets "taken".
 *
 * @param hist the image's colour histogram (fully transparent pixels are not in it)
 * @param targets each locked hex in OKLab and CIELAB D65
 * @returns one search result per target, same order
 */
export function findLockRegions(
  hist: ColourHistogram,
  targets: readonly { readonly oklab: Oklab; readonly cielab: Cielab }[],
  options: FindLockRegionsOptions = {},
): LockRegionSearch[] {
  const searchDeltaE = options.searchDeltaE ?? 17;
  const minShare = options.minShare ?? 0.001;
  const density = binDensities(hist);
  const order = Int32Array.from(density.keys()).sort((x, y) => density[y]! - density[x]!);
  const centre = new Float64Array(3);
  const next = new Float64Array(3);

  const results: LockRegionSearch[] = targets.map(({ oklab, cielab }) => {
    // Bins of regions already tried and found to be other colours: the next seed is looked for outside them.
    const excluded = new Uint8Array(hist.count.length);
    for (let attempt = 0; attempt < SEED_ATTEMPTS; attempt++) {
      const seed = densestNear(hist, order, density, oklab, cielab, searchDeltaE, excluded);
      if (seed < 0) break;
      centre.set([hist.L[seed]!, hist.a[seed]!, hist.b[seed]!]);
      for (let step = 0; step < 20; step++) {
        if (!windowMean(hist, centre, DENSITY_RADIUS, next)) break;
        const moved = Math.hypot(next[0]! - centre[0]!, next[1]! - centre[1]!, next[2]! - centre[2]!);
        centre.set(next);
        if (moved < 1e-5) break;
      }
      const { mean, covariance, mass } = growRegion(hist, centre);
      // A region whose mean lies beyond the search window is some other colour that merely starts near the hex (a
      // large mode of the picture's own colours, whose density outweighs a brand surface spread over its shading):
      // its bins, and the seed, are set aside and the next densest colour near the hex is tried.
      if (deltaE2000(cielab, oklabToCielab(mean)) > searchDeltaE) {
        excluded[seed] = 1;
        markEllipsoid(hist, mean, covariance, 3.5, excluded);
        continue;
      }
      const region = regionFrom(mean, covariance, oklab);
      const estimatedShare = hist.total ? mass / hist.total : 0;
      if (estimatedShare < minShare) return { found: false, reason: "tiny", estimatedShare };
      return { found: true, region, estimatedShare };
    }
    return { found: false, reason: "none", estimatedShare: 0 };
  });

  // Two hexes on one region: the hex nearer the region keeps it.
  for (let i = 0; i < results.length; i++) {
    for (let j = 0; j < results.length; j++) {
      const a = results[i]!;
      const b = results[j]!;
      if (i === j || !a.found || !b.found) continue;
      const apart = Math.hypot(...([0, 1, 2] as const).map((c) => a.region.centre[c] - b.region.centre[c]));
      if (apart > 3 * MIN_SIGMA) continue;
      const da = deltaE2000(targets[i]!.cielab, oklabToCielab(a.region.centre));
      const db = deltaE2000(targets[j]!.cielab, oklabToCielab(b.region.centre));
      if (da > db || (da === db && i > j)) {
        results[i] = { found: false, reason: "taken", estimatedShare: a.estimatedShare, takenBy: j };
      }
    }
  }
  return results;
}

/** A region from its mean and raw covariance: regularised, with its falloff and reach. */
function regionFrom(mean: Float64Array, raw: Float64Array, target: Oklab): LockRegion {
  const c = regularise(raw);
  const centre: Oklab = [mean[0]!, mean[1]!, mean[2]!];
  const falloff = Math.max(0.025, 0.4 * Math.hypot(target[0] - centre[0], target[1] - centre[1], target[2] - centre[2]));
  return {
    centre,
    covariance: c as unknown as LockRegion["covariance"],
    falloff,
    reach: 3 * Math.sqrt(largestEigenvalueBound(c)) + falloff,
  };
}

/**
 * Count-weighted mean of the bins within `radius` of `centre` (Epanechnikov kernel when `kernel`, flat
 * otherwise), written to `out`; with `covariance`, also their covariance `[LL, La, Lb, aa, ab, bb]` about
 * that mean. Returns the count inside the window (0 leaves `out` untouched).
 */
function windowMean(h: ColourHistogram, centre: Float64Array, radius: number, out: Float64Array, covariance?: Float64Array, kernel = true): number {
  let weight = 0;
  let count = 0;
  const s = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  const r2 = radius * radius;
  for (let i = 0; i < h.count.length; i++) {
    const L = h.L[i]!;
    const a = h.a[i]!;
    const b = h.b[i]!;
    const dL = L - centre[0]!;
    const da = a - centre[1]!;
    const db = b - centre[2]!;
    const d2 = dL * dL + da * da + db * db;
    if (d2 >= r2) continue;
    const w = h.count[i]! * (kernel ? 1 - d2 / r2 : 1);
    weight += w;
    count += h.count[i]!;
    addMoments(s, w, L, a, b);
  }
  if (weight === 0) return 0;
  momentsToMean(s, weight, out, covariance);
  return count;
}

/**
 * Grows a region from its mode as a trimmed Gaussian: start with the bins within 0.045 of the mode, then
 * repeatedly take the bins within Mahalanobis distance 3.5 of the current mean and covariance (plus
 * {@link MIN_SIGMA}² on the diagonal) and re-estimate both, until the selection stops changing. Along a
 * gradient the ellipsoid reaches 1.7× further each round until the gradient ends; grain converges to its
 * bell; a gap in colour space stops it; a neighbouring cluster off the region's axis stays out. Growth past
 * a 3σ half-axis of {@link MAX_RADIUS} stops at the last smaller ellipsoid, unless the region is a lit surface
 * ({@link isLitSurface}): a brand colour in deep shade and highlight spreads along lightness at near-constant hue
 * (σ_L up to 0.15), and measuring and correcting only its mid-tones would miss its mean by ΔE2000 2–4.
 * @returns the mean, the raw covariance `[LL, La, Lb, aa, ab, bb]` and the pixel count of the region
 */
function growRegion(h: ColourHistogram, mode: Float64Array): { mean: Float64Array; covariance: Float64Array; mass: number } {
  let mean = Float64Array.from(mode);
  let covariance = new Float64Array(6);
  let mass = windowMean(h, mode, 1.5 * MIN_RADIUS, mean, covariance, false);
  let selected = -1;
  for (let round = 0; round < 12; round++) {
    const inverse = invertSymmetric(regularise(covariance));
    const nextMean = new Float64Array(3);
    const nextCovariance = new Float64Array(6);
    const { count, bins } = ellipsoidMean(h, mean, inverse, 3.5, nextMean, nextCovariance);
    const bounded = regularise(nextCovariance);
    if (count === 0 || (3 * Math.sqrt(largestEigenvalueBound(bounded)) > MAX_RADIUS && !isLitSurface(bounded))) break;
    mean = nextMean;
    covariance = nextCovariance;
    mass = count;
    if (bins === selected) break;
    selected = bins;
  }
  return { mean, covariance, mass };
}

/**
 * True when the colours spread along lightness like one surface in shade and light, and may grow past
 * {@link MAX_RADIUS} along it: lightness 3σ within {@link MAX_LIGHTNESS}; across the lightness regression line
 * (the covariance of a and b given L, the Schur complement `C_ab − c_abL c_abLᵀ / C_LL`) 3σ within
 * {@link MAX_ACROSS}; and the line's slope `(da/dL, db/dL)` within {@link MAX_SLOPE}, i.e. near-constant hue and
 * chroma from shade to highlight. A ramp from the colour into grey or into another hue has another slope; another
 * colour beside the surface widens it across. `c` is the regularised covariance `[LL, La, Lb, aa, ab, bb]`.
 */
function isLitSurface(c: readonly number[]): boolean {
  const [LL, La, Lb, aa, ab, bb] = c as [number, number, number, number, number, number];
  if (3 * Math.sqrt(LL) > MAX_LIGHTNESS) return false;
  const sa = La / LL;
  const sb = Lb / LL;
  if (Math.hypot(sa, sb) > MAX_SLOPE) return false;
  // Covariance of (a, b) given L, and its largest eigenvalue (closed form for 2×2).
  const xx = aa - La * sa;
  const xy = ab - La * sb;
  const yy = bb - Lb * sb;
  return 3 * Math.sqrt((xx + yy) / 2 + Math.sqrt(((xx - yy) / 2) ** 2 + xy * xy)) <= MAX_ACROSS;
}

/** Sets `marked[i]` for every bin within Mahalanobis distance `limit` of `mean` (raw covariance, regularised here). */
function markEllipsoid(h: ColourHistogram, mean: Float64Array, covariance: Float64Array, limit: number, marked: Uint8Array): void {
  const inv = invertSymmetric(regularise(covariance));
  for (let i = 0; i < h.count.length; i++) {
    if (mahalanobis2(inv, h.L[i]! - mean[0]!, h.a[i]! - mean[1]!, h.b[i]! - mean[2]!) <= limit * limit) marked[i] = 1;
  }
}

/** Squared Mahalanobis length of `(x, y, z)` under the inverse covariance `inv` (`[LL, La, Lb, aa, ab, bb]`). */
function mahalanobis2(inv: readonly number[], x: number, y: number, z: number): number {
  return inv[0]! * x * x + inv[3]! * y * y + inv[5]! * z * z + 2 * (inv[1]! * x * y + inv[2]! * x * z + inv[4]! * y * z);
}

/** Count-weighted mean and covariance of the bins within Mahalanobis distance `limit` (inverse covariance `inv`). */
function ellipsoidMean(
  h: ColourHistogram,
  centre: Float64Array,
  inv: readonly number[],
  limit: number,
  out: Float64Array,
  covariance: Float64Array,
): { count: number; bins: number } {
  const s = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  let count = 0;
  let bins = 0;
  for (let i = 0; i < h.count.length; i++) {
    const L = h.L[i]!;
    const a = h.a[i]!;
    const b = h.b[i]!;
    if (mahalanobis2(inv, L - centre[0]!, a - centre[1]!, b - centre[2]!) > limit * limit) continue;
    const w = h.count[i]!;
    count += w;
    bins++;
    addMoments(s, w, L, a, b);
  }
  if (count) momentsToMean(s, count, out, covariance);
  return { count, bins };
}

function addMoments(s: number[], w: number, L: number, a: number, b: number): void {
  s[0]! += w * L;
  s[1]! += w * a;
  s[2]! += w * b;
  s[3]! += w * L * L;
  s[4]! += w * L * a;
  s[5]! += w * L * b;
  s[6]! += w * a * a;
  s[7]! += w * a * b;
  s[8]! += w * b * b;
}

function momentsToMean(s: readonly number[], weight: number, out: Float64Array, covariance?: Float64Array): void {
  const mL = s[0]! / weight;
  const ma = s[1]! / weight;
  const mb = s[2]! / weight;
  out[0] = mL;
  out[1] = ma;
  out[2] = mb;
  if (!covariance) return;
  covariance[0] = Math.max(0, s[3]! / weight - mL * mL);
  covariance[1] = s[4]! / weight - mL * ma;
  covariance[2] = s[5]! / weight - mL * mb;
  covariance[3] = Math.max(0, s[6]! / weight - ma * ma);
  covariance[4] = s[7]! / weight - ma * mb;
  covariance[5] = Math.max(0, s[8]! / weight - mb * mb);
}

/** The covariance plus {@link MIN_SIGMA}² on the diagonal. */
function regularise(c: Float64Array): number[] {
  const r = Array.from(c);
  r[0]! += MIN_SIGMA ** 2;
  r[3]! += MIN_SIGMA ** 2;
  r[5]! += MIN_SIGMA ** 2;
  return r;
}

/**
 * Kernel density (Epanechnikov, {@link DENSITY_RADIUS} in OKLab) at every non-empty bin, over the bins up to
 * two grid steps away (0.04 OKLab is at most two 8-level steps anywhere in sRGB). Shared by all locked colours.
 */
function binDensities(h: ColourHistogram): Float64Array {
  // Per row of 32 bins along red (index `bin >> 5`), a bit per non-empty bin: empty neighbours cost nothing.
  const rows = new Int32Array(BIN_COUNT >> 5);
  for (let i = 0; i < h.bin.length; i++) rows[h.bin[i]! >> 5]! |= 1 << (h.bin[i]! & 31);
  const density = new Float64Array(h.count.length);
  for (let i = 0; i < h.count.length; i++) density[i] = densityAt(h, rows, h.bin[i]!, h.L[i]!, h.a[i]!, h.b[i]!);
  return density;
}

/**
 * The kernel density at OKLab `(L, a, b)`, the colour of bin `bin`, over the non-empty bins up to two steps
 * away (`rows` marks them), summed in bin order. One call per bin, so V8 optimises it once, not on every pass.
 */
function densityAt(h: ColourHistogram, rows: Int32Array, bin: number, L: number, a: number, b: number): number {
  const { slot, count, L: Ls, a: as, b: bs } = h;
  const r2 = DENSITY_RADIUS * DENSITY_RADIUS;
  const red = bin & 31;
  const green = (bin >> 5) & 31;
  const blue = bin >> 10;
  // Bits red − 2 … red + 2 of a row, clipped to 0 … 31.
  const window = (red + 3 > 31 ? -1 : (1 << (red + 3)) - 1) & ~(red < 2 ? 0 : (1 << (red - 2)) - 1);
  let sum = 0;
  for (let bz = Math.max(0, blue - 2); bz <= Math.min(31, blue + 2); bz++) {
    for (let gy = Math.max(0, green - 2); gy <= Math.min(31, green + 2); gy++) {
      const row = gy | (bz << 5);
      let used = rows[row]! & window;
      while (used !== 0) {
        const j = slot[(row << 5) | (31 - Math.clz32(used & -used))]!;
        used &= used - 1;
        // x × x is what V8 gives for x ** 2 (fdlibm's pow returns it for y = 2), without the call to pow.
        const dL = Ls[j]! - L;
        const da = as[j]! - a;
        const db = bs[j]! - b;
        const d2 = dL * dL + da * da + db * db;
        if (d2 < r2) sum += count[j]! * (1 - d2 / r2);
      }
    }
  }
  return sum;
}

/**
 * The bin to start mean shift from: among bins within `searchDeltaE` (ΔE2000) of the hex and not `excluded`, the one
 * with the highest density times a Gaussian prior on its ΔE2000 from the hex. −1 when none is within reach.
 * `order` lists the bins by falling density, so ΔE2000 is only computed while density alone could still win.
 */
function densestNear(h: ColourHistogram, order: Int32Array, density: Float64Array, target: Oklab, cielab: Cielab, searchDeltaE: number, excluded: Uint8Array): number {
  let best = -1;
  let bestScore = 0;
  for (const i of order) {
    if (density[i]! <= bestScore) break;
    if (excluded[i]) continue;
    const dL = h.L[i]! - target[0];
    const da = h.a[i]! - target[1];
    const db = h.b[i]! - target[2];
    if (dL * dL + da * da + db * db >= SEARCH_RADIUS * SEARCH_RADIUS) continue;
    const distance = deltaE2000(cielab, oklabToCielab([h.L[i]!, h.a[i]!, h.b[i]!]));
    if (distance > searchDeltaE) continue;
    const score = density[i]! * Math.exp(-0.5 * (distance / PRIOR_DELTA_E) ** 2);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}
