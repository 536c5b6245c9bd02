import { parseHexColour } from "./parse-hex-colour.js";
import { createRgbaImage, type RgbaImage } from "../raster/rgba-image.js";

/** Swatch size in pixels: large enough that a model reads each colour as a flat field. */
const SWATCH_HEIGHT = 128;
const CHIP_WIDTH = 128;

/**
 * A reference image of the locked brand colours: one flat 128×128 px chip per colour, side by
 * side, opaque, in palette order. Models that take reference images (Gemini) see the exact
 * colours instead of only reading hex codes in the prompt.
 *
 * @param palette hex colours (`#RGB`, `#RRGGBB`, `#RRGGBBAA`; alpha ignored), at least one.
 * @returns an RGBA image of (128 × colours) × 128 pixels, straight alpha, fully opaque.
 * @throws Error naming a token that is not a hex colour; RangeError for an empty palette.
 */
export function renderPaletteSwatch(palette: readonly string[]): RgbaImage {
  if (!palette.length) throw new RangeError("A palette swatch needs at least one colour.");
  const colours = palette.map(parseHexColour);
  const image = createRgbaImage(CHIP_WIDTH * colours.length, SWATCH_HEIGHT, [0, 0, 0, 255]);
  const { data, width } = image;
  for (let y = 0; y < SWATCH_HEIGHT; y++) {
    for (let x = 0; x < width; x++) {
      const c = colours[Math.floor(x / CHIP_WIDTH)]!;
      const o = (y * width + x) * 4;
      data[o] = c.r;
      data[o + 1] = c.g;
      data[o + 2] = c.b;
    }
  }
  return image;
}
