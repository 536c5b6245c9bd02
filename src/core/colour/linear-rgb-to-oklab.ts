// OKLab: Björn Ottosson, "A perceptual color space for image processing" (2020),
// https://bottosson.github.io/posts/oklab/ — matrices as published there (the revised 2021 values,
// which make sRGB white map to a = b = 0 and L = 1).

/** An OKLab colour `[L, a, b]`: L 0–1 (black to white), a and b roughly −0.4–0.4 (0 on the grey axis). */
export type Oklab = readonly [number, number, number];

/**
 * Converts linear-light sRGB (each channel 0–1; D65 white) to OKLab and writes `L, a, b` into
 * `out[offset..offset+2]`. Allocates nothing, so buffer loops can call it per pixel; `out` is always a
 * Float64Array so the stores stay monomorphic (V8 slows down by 3× when one such function sees several array types).
 */
export function linearRgbToOklab(r: number, g: number, b: number, out: Float64Array, offset = 0): void {
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  out[offset] = 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s;
  out[offset + 1] = 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s;
  out[offset + 2] = 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s;
}

/**
 * Converts OKLab `L, a, b` back to linear-light sRGB and writes `r, g, b` into `out[offset..offset+2]`.
 * Colours outside the sRGB gamut come out below 0 or above 1: clipping is the caller's choice.
 */
export function oklabToLinearRgb(L: number, a: number, b: number, out: Float64Array, offset = 0): void {
  const l_ = L + 0.3963377774 * a + 0.2158037573 * b;
  const m_ = L - 0.1055613458 * a - 0.0638541728 * b;
  const s_ = L - 0.0894841775 * a - 1.291485548 * b;
  const l = l_ * l_ * l_;
  const m = m_ * m_ * m_;
  const s = s_ * s_ * s_;
  out[offset] = 4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s;
  out[offset + 1] = -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s;
  out[offset + 2] = -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s;
}
