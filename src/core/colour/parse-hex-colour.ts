/**
 * A colour parsed from a hex token such as `#0A6` or `#00AA66CC`.
 * - `hex`: the opaque colour as `#RRGGBB`, upper case (alpha is kept apart in `alpha`).
 * - `r`, `g`, `b`: 8-bit sRGB channels, integers 0–255.
 * - `alpha`: opacity 0–1 (1 unless the token was `#RRGGBBAA`).
 */
export interface HexColour {
  readonly hex: string;
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly alpha: number;
}

/** A Figma `RGB` paint colour: each channel 0–1, sRGB-encoded (as in the Plugin API's `SolidPaint.color`). */
export interface FigmaRgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

const HEX_FORMS = "use #RGB, #RRGGBB or #RRGGBBAA";
const HEX_TOKEN = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/**
 * Parses one hex colour token: `#RGB`, `#RRGGBB` or `#RRGGBBAA`, any letter case, surrounding
 * whitespace allowed. `#RGB` doubles each digit (CSS Color 4 §5.2), so `#0A6` is `#00AA66`.
 * @returns the colour with `hex` as upper-case `#RRGGBB`, channels 0–255 and `alpha` 0–1.
 * @throws Error naming the token, e.g. `“#12G” is not a hex colour: use #RGB, #RRGGBB or #RRGGBBAA.`
 */
export function parseHexColour(token: string): HexColour {
  const trimmed = token.trim();
  const match = HEX_TOKEN.exec(trimmed);
  if (!match) throw new Error(`“${trimmed}” is not a hex colour: ${HEX_FORMS}.`);
  let digits = match[1]!.toUpperCase();
  if (digits.length === 3) digits = digits.replace(/./g, (d) => d + d);
  const byte = (i: number) => parseInt(digits.slice(i, i + 2), 16);
  return {
    hex: `#${digits.slice(0, 6)}`,
    r: byte(0),
    g: byte(2),
    b: byte(4),
    alpha: digits.length === 8 ? byte(6) / 255 : 1,
  };
}

/**
 * Parses a typed palette: hex tokens separated by commas and/or whitespace
 * (`"#00AA66, #fff #12345680"`). Empty text gives an empty palette.
 * @returns every colour in the order typed (duplicates kept: the caller decides).
 * @throws one Error listing every bad token, e.g.
 *   `“red” and “#12G” are not hex colours: use #RGB, #RRGGBB or #RRGGBBAA.`
 */
export function parsePalette(text: string): HexColour[] {
  const tokens = text.split(/[\s,]+/).filter((t) => t.length > 0);
  const bad = tokens.filter((t) => !HEX_TOKEN.test(t));
  if (bad.length === 1) throw new Error(`“${bad[0]}” is not a hex colour: ${HEX_FORMS}.`);
  if (bad.length > 1) {
    const quoted = bad.map((t) => `“${t}”`);
    const list = `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
    throw new Error(`${list} are not hex colours: ${HEX_FORMS}.`);
  }
  return tokens.map(parseHexColour);
}

/**
 * Converts a Figma paint colour (channels 0–1, values outside are clamped) to upper-case `#RRGGBB`,
 * rounding each channel to the nearest 8-bit level as Figma's colour picker shows it.
 */
export function figmaRgbToHex(colour: FigmaRgb): string {
  const byte = (v: number) =>
    Math.round(Math.min(1, Math.max(0, v)) * 255)
      .toString(16)
      .padStart(2, "0");
  return `#${byte(colour.r)}${byte(colour.g)}${byte(colour.b)}`.toUpperCase();
}
