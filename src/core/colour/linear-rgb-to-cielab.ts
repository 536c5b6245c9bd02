// CIELAB (CIE 15:2004 §8.2.1) relative to D65, for measuring colour differences with ΔE2000.
// sRGB → XYZ matrix derived from the IEC 61966-2-1:1999 primaries and D65 white (x = 0.3127, y = 0.3290,
// Y = 1) at full precision rather than the standard's 4-decimal rounding, so sRGB white lands exactly on
// a* = b* = 0 (the same matrix CSS Color 4 §18 and culori use).

/** A CIELAB colour `[L*, a*, b*]` relative to D65: L* 0–100, a* and b* roughly −128–127. */
export type Cielab = readonly [number, number, number];

const WHITE_X = 0.3127 / 0.329;
const WHITE_Z = (1 - 0.3127 - 0.329) / 0.329;
/** CIE constants ε = (6/29)³ and κ = (29/3)³, exact rationals as CIE 15 recommends. */
const EPSILON = 216 / 24389;
const KAPPA = 24389 / 27;

const RGB_TO_XYZ: Float64Array = Float64Array.from([
  0.4123907992659593, 0.357584339383878, 0.1804807884018343, 0.21263900587151027, 0.715168678767756, 0.07219231536073371, 0.01933081871559182, 0.11919477979462598,
  0.9505321522496606,
]);

function f(t: number): number {
  return t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
}

function fInverse(t: number): number {
  const cube = t * t * t;
  return cube > EPSILON ? cube : (116 * t - 16) / KAPPA;
}

/**
 * Converts linear-light sRGB (each channel 0–1) to CIELAB D65 and writes `L*, a*, b*` into
 * `out[offset..offset+2]`. Allocates nothing.
 */
export function linearRgbToCielab(r: number, g: number, b: number, out: Float64Array, offset = 0): void {
  const fx = f((RGB_TO_XYZ[0]! * r + RGB_TO_XYZ[1]! * g + RGB_TO_XYZ[2]! * b) / WHITE_X);
  const fy = f(RGB_TO_XYZ[3]! * r + RGB_TO_XYZ[4]! * g + RGB_TO_XYZ[5]! * b);
  const fz = f((RGB_TO_XYZ[6]! * r + RGB_TO_XYZ[7]! * g + RGB_TO_XYZ[8]! * b) / WHITE_Z);
  out[offset] = 116 * fy - 16;
  out[offset + 1] = 500 * (fx - fy);
  out[offset + 2] = 200 * (fy - fz);
}

/** Exact inverse of the matrix above, so the two conversions round-trip to 1e-12. */
const XYZ_TO_RGB: Float64Array = invert3x3(RGB_TO_XYZ);

function invert3x3(m: Float64Array): Float64Array {
  const [a, b, c, d, e, f_, g, h, i] = Array.from(m) as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f_ * h;
  const B = -(d * i - f_ * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return Float64Array.from([
    A / det,
    -(b * i - c * h) / det,
    (b * f_ - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f_ - c * d) / det,
    C / det,
    -(a * h - b * g) / det,
    (a * e - b * d) / det,
  ]);
}

/**
 * Converts CIELAB D65 back to linear-light sRGB and writes `r, g, b` into `out[offset..offset+2]`
 * (outside 0–1 when the colour is outside the sRGB gamut).
 */
export function cielabToLinearRgb(L: number, a: number, b: number, out: Float64Array, offset = 0): void {
  const fy = (L + 16) / 116;
  const x = fInverse(fy + a / 500) * WHITE_X;
  const y = fInverse(fy);
  const z = fInverse(fy - b / 200) * WHITE_Z;
  out[offset] = XYZ_TO_RGB[0]! * x + XYZ_TO_RGB[1]! * y + XYZ_TO_RGB[2]! * z;
  out[offset + 1] = XYZ_TO_RGB[3]! * x + XYZ_TO_RGB[4]! * y + XYZ_TO_RGB[5]! * z;
  out[offset + 2] = XYZ_TO_RGB[6]! * x + XYZ_TO_RGB[7]! * y + XYZ_TO_RGB[8]! * z;
}
