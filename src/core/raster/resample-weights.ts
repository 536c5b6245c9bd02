/** Resampling kernels offered by `resizeImage`. */
export type ResampleFilter = "lanczos3" | "catmull-rom";

interface Kernel {
  /** Half-width in input pixels at scale 1. */
  readonly support: number;
  readonly weight: (x: number) => number;
}

const sinc = (x: number): number => {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
};

// Lanczos windowed sinc with a = 3 (Duchon 1979, "Lanczos filtering in one and two dimensions").
const LANCZOS3: Kernel = {
  support: 3,
  weight: (x) => (x > -3 && x < 3 ? sinc(x) * sinc(x / 3) : 0),
};

// Keys 1981 cubic convolution with a = -0.5, i.e. Mitchell–Netravali B = 0, C = 0.5 (Catmull–Rom).
const CATMULL_ROM: Kernel = {
  support: 2,
  weight: (t) => {
    const x = Math.abs(t);
    if (x < 1) return 1.5 * x * x * x - 2.5 * x * x + 1;
    if (x < 2) return -0.5 * x * x * x + 2.5 * x * x - 4 * x + 2;
    return 0;
  },
};

/** Per-output-sample contributions: `count[i]` weights (of `taps` slots) starting at input index `start[i]`. */
export interface ResampleWeights {
  readonly start: Int32Array;
  readonly count: Int32Array;
  readonly taps: number;
  readonly weights: Float32Array;
}

/**
 * Weights for mapping `inSize` samples to `outSize`, the output spanning input [offset, offset + span)
 * (in input samples; sample j's centre is j + 0.5). When shrinking, the kernel is stretched by the
 * ratio so every input pixel under an output pixel contributes (area-weighted, no aliasing);
 * weights are clipped to the image and renormalised to sum to 1. Output i's weights are
 * `weights[i · taps + k]` for input `start[i] + k`, k < `count[i]`.
 * @param filter Lanczos-3 (Duchon 1979) or Catmull–Rom (Keys 1981, Mitchell–Netravali B = 0, C = 0.5)
 */
export function resampleWeights(inSize: number, outSize: number, offset: number, span: number, filter: ResampleFilter): ResampleWeights {
  const kernel = filter === "catmull-rom" ? CATMULL_ROM : LANCZOS3;
  const scale = span / outSize;
  const filterScale = Math.max(scale, 1);
  const support = kernel.support * filterScale;
  const taps = Math.ceil(2 * support) + 1;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float32Array(outSize * taps);
  for (let i = 0; i < outSize; i++) {
    const centre = offset + (i + 0.5) * scale;
    // Input pixel j (centre j + 0.5) contributes when |j + 0.5 − centre| < support.
    const lo = Math.max(0, Math.floor(centre - support - 0.5) + 1);
    const hi = Math.min(inSize, Math.ceil(centre + support - 0.5));
    let total = 0;
    const n = Math.max(0, Math.min(hi - lo, taps));
    for (let k = 0; k < n; k++) {
      const w = kernel.weight((lo + k + 0.5 - centre) / filterScale);
      weights[i * taps + k] = w;
      total += w;
    }
    if (total === 0) {
      // The kernel fell between samples (only possible for degenerate spans): take the nearest one.
      const nearest = Math.min(inSize - 1, Math.max(0, Math.floor(centre)));
      start[i] = nearest;
      count[i] = 1;
      weights[i * taps] = 1;
      continue;
    }
    for (let k = 0; k < n; k++) weights[i * taps + k]! /= total;
    start[i] = lo;
    count[i] = n;
  }
  return { start, count, taps, weights };
}
