// sRGB transfer functions, IEC 61966-2-1:1999 (the piecewise curve: linear below 0.04045,
// power 2.4 above), with lookup tables so whole-buffer paths never call Math.pow per pixel.

/**
 * Decodes one sRGB-encoded channel to linear light.
 * @param value sRGB channel 0–1 (values outside are extended symmetrically, as CSS Color 4 does)
 * @returns linear-light channel, 0–1 for in-range input
 */
export function srgbToLinear(value: number): number {
  const abs = Math.abs(value);
  const linear = abs <= 0.04045 ? abs / 12.92 : ((abs + 0.055) / 1.055) ** 2.4;
  return value < 0 ? -linear : linear;
}

/**
 * Encodes one linear-light channel to sRGB (inverse of {@link srgbToLinear}).
 * @param value linear channel 0–1 (values outside are extended symmetrically)
 * @returns sRGB channel, 0–1 for in-range input
 */
export function linearToSrgb(value: number): number {
  const abs = Math.abs(value);
  const encoded = abs <= 0.0031308 ? abs * 12.92 : 1.055 * abs ** (1 / 2.4) - 0.055;
  return value < 0 ? -encoded : encoded;
}

/** Linear-light value (0–1) of each 8-bit sRGB level 0–255: `SRGB_BYTE_TO_LINEAR[v] = srgbToLinear(v / 255)`. */
export const SRGB_BYTE_TO_LINEAR: Float64Array = (() => {
  const table = new Float64Array(256);
  for (let v = 0; v < 256; v++) table[v] = srgbToLinear(v / 255);
  return table;
})();

/**
 * Steps in the linear → 8-bit table. At 2^16 a step is 1.5e-5 linear, which near black (where the
 * curve is steepest, 12.92) is 0.05 of an 8-bit level, so an exact level never rounds to its neighbour.
 */
const LINEAR_STEPS = 65536;
const LINEAR_TO_BYTE: Uint8Array = (() => {
  const table = new Uint8Array(LINEAR_STEPS + 1);
  for (let i = 0; i <= LINEAR_STEPS; i++) table[i] = Math.round(linearToSrgb(i / LINEAR_STEPS) * 255);
  return table;
})();

/**
 * Encodes a linear-light channel to an 8-bit sRGB level through a 65,537-entry table, clamping to 0–255
 * (this clamp is the gamut clip of the lock pass). Agrees with `Math.round(linearToSrgb(v) * 255)`
 * except within 0.05 of a level's rounding boundary.
 * @param value linear channel (any number; NaN gives 0)
 * @returns integer 0–255
 */
export function linearToSrgbByte(value: number): number {
  if (!(value > 0)) return 0;
  if (value >= 1) return 255;
  return LINEAR_TO_BYTE[(value * LINEAR_STEPS + 0.5) | 0]!;
}
