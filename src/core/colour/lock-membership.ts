import { BIN_COUNT, binOklabBounds } from "./colour-histogram.js";
import type { Oklab } from "./linear-rgb-to-oklab.js";

/**
 * One locked colour's region in OKLab, modelled as an ellipsoid around its colours, as found in an image.
 * - `centre`: mean OKLab `[L, a, b]` of the region's colours.
 * - `covariance`: their covariance `[LL, La, Lb, aa, ab, bb]` (OKLab², regularised so a flat region still
 *   has a 0.03-wide core). A lit gradient gives a long thin ellipsoid along L, grain a round one.
 * - `falloff`: width (OKLab) of the band outside the 3σ surface over which membership falls to 0.
 * - `reach`: OKLab distance from `centre` beyond which no colour belongs (3 × a bound of the largest σ,
 *   plus `falloff`).
 * - `spread`: when set, the band is measured in the region's own σ rather than in OKLab: membership falls from
 *   Mahalanobis distance 3 to `3 + spread`, so the band is wide along the region's long axis (the shading of a lit
 *   surface continues there) and thin across it (other colours), `falloff` being its width along the longest axis.
 * - `memberBand`: width (OKLab) of the part of the band whose colours still count as the region's own (in its
 *   pixel count and mean); the rest is the fade into other colours. Default `falloff / 2`.
 */
export interface LockRegion {
  readonly centre: Oklab;
  readonly covariance: readonly [number, number, number, number, number, number];
  readonly falloff: number;
  readonly reach: number;
  readonly memberBand?: number;
  readonly spread?: number;
}

/** The regions of a lock pass as flat arrays, ready for per-pixel weighing. Not shared between passes. */
export interface LockMembership {
  readonly k: number;
  readonly centre: Float64Array;
  /** Inverse covariance per region, `[LL, La, Lb, aa, ab, bb]`. */
  readonly inverse: Float64Array;
  readonly falloff: Float64Array;
  /** Per region, its `spread` (0 when its band is measured in OKLab). */
  readonly spread: Float64Array;
  /**
   * Per region, a squared OKLab distance from its centre beyond which a colour's weight is exactly 0:
   * `(3 √λ̂ + falloff)²` with λ̂ ≥ the largest eigenvalue of the covariance, plus 0.02% for rounding.
   */
  readonly beyond: Float64Array;
  /** Per region, the weight at the outer edge of its `memberBand`: a colour weighing at least this is a member. */
  readonly memberWeight: Float64Array;
  /** 1 where some colour of the 8×8×8 sRGB bin may belong to a region (bins as in colour-histogram.ts). */
  readonly reachable: Uint8Array;
  /** Scratch: squared Mahalanobis distance per region of the colour being weighed. */
  readonly m2: Float64Array;
}

/** Mahalanobis radius of the core: inside it a colour belongs wholly (3σ holds 97% of Gaussian grain in 3D). */
const CORE = 3;
/** Sharpness of the hand-over between overlapping regions (a tempered Gaussian-mixture posterior). */
const TEMPER = 2;

/**
 * Flattens regions for {@link membershipWeights} and marks the colour bins that can reach any of them.
 * @throws RangeError when a covariance is not positive definite.
 */
export function createLockMembership(regions: readonly LockRegion[]): LockMembership {
  const k = regions.length;
  const membership: LockMembership = {
    k,
    centre: new Float64Array(regions.flatMap((r) => [...r.centre])),
    inverse: new Float64Array(regions.flatMap((r) => invertSymmetric(r.covariance))),
    falloff: Float64Array.from(regions, (r) => r.falloff),
    spread: Float64Array.from(regions, (r) => r.spread ?? 0),
    memberWeight: Float64Array.from(regions, (r) => {
      const t = Math.min(1, (r.memberBand ?? r.falloff / 2) / r.falloff);
      return Math.max(1e-6, 1 - t * t * (3 - 2 * t));
    }),
    beyond: Float64Array.from(regions, (r) => (1.0002 * (CORE * Math.sqrt(largestEigenvalueBound(r.covariance)) + r.falloff)) ** 2),
    reachable: new Uint8Array(BIN_COUNT),
    m2: new Float64Array(k),
  };
  const bounds = binOklabBounds();
  // Region by region over all bins: tight loops, and the same test as bin by bin.
  for (let j = 0; j < k; j++) markReachable(bounds, membership.centre, j, regions[j]!.reach, membership.reachable);
  return membership;
}

/** Sets `reachable[bin]` for every bin with a colour that may be within `reach` of region j's centre. */
function markReachable(bounds: Float32Array, centres: Float64Array, j: number, reach: number, reachable: Uint8Array): void {
  const L = centres[j * 3]!;
  const a = centres[j * 3 + 1]!;
  const b = centres[j * 3 + 2]!;
  for (let bin = 0; bin < BIN_COUNT; bin++) {
    const dL = bounds[bin * 4]! - L;
    const da = bounds[bin * 4 + 1]! - a;
    const db = bounds[bin * 4 + 2]! - b;
    if (Math.sqrt(dL * dL + da * da + db * db) - bounds[bin * 4 + 3]! < reach) reachable[bin] = 1;
  }
}

/**
 * How much an OKLab colour belongs to each region, written to `w` (length ≥ k). Allocates nothing.
 *
 * A region's weight is its falloff times its responsibility. Falloff: 1 inside the 3σ ellipsoid
 * (Mahalanobis distance m ≤ 3); outside, the colour's Euclidean distance past that surface,
 * `|v| (1 − 3/m)`, runs through a smoothstep from 1 to 0 over `falloff`, so colours at the edge move partly
 * and corrected and untouched colours meet without a step. Responsibility: `exp(−2 m²)` normalised over
 * the regions within reach, so where regions overlap a colour goes almost wholly to the one it is nearer
 * in units of that region's spread, with a smooth hand-over. The weights sum to at most 1.
 * @returns the sum of the weights, 0 when the colour belongs to no region
 */
export function membershipWeights(m: LockMembership, L: number, a: number, b: number, w: Float64Array): number {
  const { k, centre, inverse, falloff, spread, beyond, m2: distances } = m;
  let nearest = Infinity;
  for (let j = 0; j < k; j++) {
    const x = L - centre[j * 3]!;
    const y = a - centre[j * 3 + 1]!;
    const z = b - centre[j * 3 + 2]!;
    const d2 = x * x + y * y + z * z;
    // Far from the region its weight is 0 (m ≥ |v| / √λ̂ puts t past 1): skip the square roots.
    if (d2 > beyond[j]!) {
      w[j] = 0;
      continue;
    }
    const s = j * 6;
    const m2 = inverse[s]! * x * x + inverse[s + 3]! * y * y + inverse[s + 5]! * z * z + 2 * (inverse[s + 1]! * x * y + inverse[s + 2]! * x * z + inverse[s + 4]! * y * z);
    let weight = 1;
    if (m2 > CORE * CORE) {
      const t = spread[j]! > 0 ? (Math.sqrt(m2) - CORE) / spread[j]! : (Math.sqrt(d2) * (1 - CORE / Math.sqrt(m2))) / falloff[j]!;
      weight = t >= 1 ? 0 : 1 - t * t * (3 - 2 * t);
    }
    w[j] = weight;
    distances[j] = m2;
    if (weight > 0 && m2 < nearest) nearest = m2;
  }
  if (nearest === Infinity) return 0;
  let responsibility = 0;
  for (let j = 0; j < k; j++) {
    if (w[j] === 0) continue;
    // The nearest region's responsibility is exp(0) = 1; others fall off from there (no underflow).
    const r = distances[j] === nearest ? 1 : Math.exp(-TEMPER * (distances[j]! - nearest));
    distances[j] = r;
    responsibility += r;
  }
  let sum = 0;
  for (let j = 0; j < k; j++) {
    if (w[j] === 0) continue;
    w[j] = (w[j]! * distances[j]!) / responsibility;
    sum += w[j]!;
  }
  return sum;
}

/**
 * An upper bound of the largest eigenvalue of a symmetric 3×3 `[xx, xy, xz, yy, yz, zz]`: the largest
 * absolute row sum (Gershgorin's circle theorem). Tight for the near-diagonal covariances of colour regions,
 * and a bound, so a region's reach is never underestimated.
 */
export function largestEigenvalueBound(c: readonly number[]): number {
  const [xx, xy, xz, yy, yz, zz] = c.map(Math.abs) as [number, number, number, number, number, number];
  return Math.max(xx + xy + xz, xy + yy + yz, xz + yz + zz);
}

/** Inverse of a symmetric 3×3 matrix given as `[xx, xy, xz, yy, yz, zz]`, in the same layout. */
export function invertSymmetric(c: readonly number[]): number[] {
  const [xx, xy, xz, yy, yz, zz] = c as [number, number, number, number, number, number];
  const A = yy * zz - yz * yz;
  const B = xz * yz - xy * zz;
  const C = xy * yz - xz * yy;
  const det = xx * A + xy * B + xz * C;
  if (!(det > 0)) throw new RangeError("A lock region's colour covariance is not positive definite.");
  return [A / det, B / det, C / det, (xx * zz - xz * xz) / det, (xy * xz - xx * yz) / det, (xx * yy - xy * xy) / det];
}
