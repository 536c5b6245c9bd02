import { cielabToLinearRgb, linearRgbToCielab, type Cielab } from "./linear-rgb-to-cielab.js";
import { linearRgbToOklab, oklabToLinearRgb, type Oklab } from "./linear-rgb-to-oklab.js";
import { parseHexColour } from "./parse-hex-colour.js";
import { linearToSrgbByte, SRGB_BYTE_TO_LINEAR } from "./srgb-to-linear.js";

/**
 * OKLab `[L, a, b]` of a hex colour (`#RGB`, `#RRGGBB` or `#RRGGBBAA`; alpha ignored).
 * @throws Error naming the token when it is not a hex colour.
 */
export function hexToOklab(hex: string): Oklab {
  const { r, g, b } = parseHexColour(hex);
  const out = new Float64Array(3);
  linearRgbToOklab(SRGB_BYTE_TO_LINEAR[r]!, SRGB_BYTE_TO_LINEAR[g]!, SRGB_BYTE_TO_LINEAR[b]!, out);
  return [out[0]!, out[1]!, out[2]!];
}

/**
 * CIELAB D65 `[L*, a*, b*]` of a hex colour (alpha ignored), for ΔE2000 measurements.
 * @throws Error naming the token when it is not a hex colour.
 */
export function hexToCielab(hex: string): Cielab {
  const { r, g, b } = parseHexColour(hex);
  return rgbBytesToCielab(r, g, b);
}

/** CIELAB D65 of an 8-bit sRGB colour (channels 0–255, integers). */
export function rgbBytesToCielab(r: number, g: number, b: number): Cielab {
  const out = new Float64Array(3);
  linearRgbToCielab(SRGB_BYTE_TO_LINEAR[r]!, SRGB_BYTE_TO_LINEAR[g]!, SRGB_BYTE_TO_LINEAR[b]!, out);
  return [out[0]!, out[1]!, out[2]!];
}

/**
 * Nearest 8-bit `#RRGGBB` (upper case) of an OKLab colour; colours outside the sRGB gamut are clipped
 * per channel in linear light.
 */
export function oklabToHex(lab: Oklab): string {
  const lin = new Float64Array(3);
  oklabToLinearRgb(lab[0], lab[1], lab[2], lin);
  const byte = (v: number) => linearToSrgbByte(v).toString(16).padStart(2, "0");
  return `#${byte(lin[0]!)}${byte(lin[1]!)}${byte(lin[2]!)}`.toUpperCase();
}

/**
 * CIELAB D65 of an OKLab colour, through unclipped linear sRGB, so colours outside the sRGB gamut
 * still measure correctly.
 */
export function oklabToCielab(lab: Oklab | Float64Array): Cielab {
  const lin = new Float64Array(3);
  oklabToLinearRgb(lab[0]!, lab[1]!, lab[2]!, lin);
  linearRgbToCielab(lin[0]!, lin[1]!, lin[2]!, lin);
  return [lin[0]!, lin[1]!, lin[2]!];
}

/** OKLab of a CIELAB D65 colour, through unclipped linear sRGB (inverse of {@link oklabToCielab}). */
export function cielabToOklab(lab: Cielab | Float64Array): Oklab {
  const lin = new Float64Array(3);
  cielabToLinearRgb(lab[0]!, lab[1]!, lab[2]!, lin);
  linearRgbToOklab(lin[0]!, lin[1]!, lin[2]!, lin);
  return [lin[0]!, lin[1]!, lin[2]!];
}
