import { describe, expect, it } from "vitest";
import { figmaRgbToHex, parseHexColour, parsePalette } from "../../../src/core/colour/parse-hex-colour.js";

describe("parseHexColour", () => {
  it("reads #RRGGBB in any case into upper-case hex and 0–255 channels", () => {
    expect(parseHexColour("#00aa66")).toEqual({ hex: "#00AA66", r: 0, g: 170, b: 102, alpha: 1 });
  });

  it("doubles each digit of #RGB", () => {
    expect(parseHexColour("#0a6")).toEqual({ hex: "#00AA66", r: 0, g: 170, b: 102, alpha: 1 });
  });

  it("reads the alpha of #RRGGBBAA as 0–1 and keeps it out of hex", () => {
    const colour = parseHexColour("#FFFFFF80");
    expect(colour.hex).toBe("#FFFFFF");
    expect(colour.alpha).toBeCloseTo(128 / 255, 10);
  });

  it("accepts surrounding whitespace", () => {
    expect(parseHexColour("  #123456\n").hex).toBe("#123456");
  });

  it.each(["#12G", "00AA66", "#1234", "#12345", "#1234567", "#123456789", "red", "", "# 123456", "#00AA66;"])("rejects %j with a message naming the token", (token) => {
    expect(() => parseHexColour(token)).toThrow(`“${token.trim()}” is not a hex colour: use #RGB, #RRGGBB or #RRGGBBAA.`);
  });
});

describe("parsePalette", () => {
  it("splits on commas and whitespace and keeps the order typed", () => {
    const palette = parsePalette(" #00AA66,#fff \n #12345680 ,, ");
    expect(palette.map((c) => c.hex)).toEqual(["#00AA66", "#FFFFFF", "#123456"]);
    expect(palette[2]!.alpha).toBeCloseTo(128 / 255, 10);
  });

  it("gives an empty palette for empty text", () => {
    expect(parsePalette("  , ")).toEqual([]);
  });

  it("names a single bad token", () => {
    expect(() => parsePalette("#00AA66, #12G")).toThrow("“#12G” is not a hex colour: use #RGB, #RRGGBB or #RRGGBBAA.");
  });

  it("lists every bad token in one error", () => {
    expect(() => parsePalette("red #00AA66 #12G blue")).toThrow("“red”, “#12G” and “blue” are not hex colours: use #RGB, #RRGGBB or #RRGGBBAA.");
  });
});

describe("Figma colours", () => {
  it("converts Figma 0–1 channels to the nearest 8-bit hex", () => {
    expect(figmaRgbToHex({ r: 0, g: 170 / 255, b: 0.4 })).toBe("#00AA66");
    expect(figmaRgbToHex({ r: 0.999, g: 0.0019, b: 0.5 })).toBe("#FF0080");
  });

  it("clamps out-of-range Figma channels", () => {
    expect(figmaRgbToHex({ r: 1.2, g: -0.1, b: 1 })).toBe("#FF00FF");
  });

  it("round-trips every 8-bit level through Figma channels", () => {
    for (let v = 0; v < 256; v++) {
      const hex = `#${v.toString(16).padStart(2, "0").repeat(3)}`.toUpperCase();
      expect(figmaRgbToHex({ r: v / 255, g: v / 255, b: v / 255 })).toBe(hex);
    }
  });
});
