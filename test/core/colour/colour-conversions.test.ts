import { converter } from "culori";
import { describe, expect, it } from "vitest";
import { hexToCielab, hexToOklab, oklabToHex } from "../../../src/core/colour/hex-to-oklab.js";
import { cielabToLinearRgb, linearRgbToCielab } from "../../../src/core/colour/linear-rgb-to-cielab.js";
import { linearRgbToOklab, oklabToLinearRgb } from "../../../src/core/colour/linear-rgb-to-oklab.js";
import { rgbaToOklab } from "./rgba-to-oklab.js";
import { linearToSrgb, linearToSrgbByte, SRGB_BYTE_TO_LINEAR, srgbToLinear } from "../../../src/core/colour/srgb-to-linear.js";

const toOklab = converter("oklab");
const toLab65 = converter("lab65");

/** A spread of sRGB colours: every 17th level on each axis (4,096 colours, corners included). */
function* grid(): Generator<[number, number, number]> {
  for (let r = 0; r < 256; r += 17) for (let g = 0; g < 256; g += 17) for (let b = 0; b < 256; b += 17) yield [r, g, b];
}

const hex = (r: number, g: number, b: number) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, "0")).join("")}`.toUpperCase();

describe("sRGB transfer", () => {
  it("round-trips every 8-bit level through linear light, by formula and by table", () => {
    for (let v = 0; v < 256; v++) {
      expect(Math.round(linearToSrgb(srgbToLinear(v / 255)) * 255)).toBe(v);
      expect(linearToSrgbByte(SRGB_BYTE_TO_LINEAR[v]!)).toBe(v);
    }
  });

  it("clips out-of-range linear values to 0 and 255", () => {
    expect(linearToSrgbByte(-0.2)).toBe(0);
    expect(linearToSrgbByte(1.7)).toBe(255);
    expect(linearToSrgbByte(Number.NaN)).toBe(0);
  });
});

describe("OKLab", () => {
  it("agrees with culori's OKLab to 1e-6", () => {
    for (const [r, g, b] of grid()) {
      const ours = hexToOklab(hex(r, g, b));
      const theirs = toOklab(hex(r, g, b))!;
      expect(ours[0]).toBeCloseTo(theirs.l, 6);
      expect(ours[1]).toBeCloseTo(theirs.a, 6);
      expect(ours[2]).toBeCloseTo(theirs.b, 6);
    }
  });

  it("puts white at L 1 on the grey axis and black at 0", () => {
    const white = hexToOklab("#FFFFFF");
    expect(white[0]).toBeCloseTo(1, 6);
    expect(Math.hypot(white[1], white[2])).toBeLessThan(1e-6);
    expect(hexToOklab("#000000")).toEqual([0, 0, 0]);
  });

  it("round-trips 8-bit colours through OKLab exactly", () => {
    const lab = new Float64Array(3);
    const lin = new Float64Array(3);
    for (const [r, g, b] of grid()) {
      linearRgbToOklab(SRGB_BYTE_TO_LINEAR[r]!, SRGB_BYTE_TO_LINEAR[g]!, SRGB_BYTE_TO_LINEAR[b]!, lab);
      oklabToLinearRgb(lab[0]!, lab[1]!, lab[2]!, lin);
      expect([linearToSrgbByte(lin[0]!), linearToSrgbByte(lin[1]!), linearToSrgbByte(lin[2]!)]).toEqual([r, g, b]);
      expect(oklabToHex([lab[0]!, lab[1]!, lab[2]!])).toBe(hex(r, g, b));
    }
  });

  it("converts a whole buffer the same as pixel by pixel", () => {
    const data = new Uint8ClampedArray([0, 170, 102, 255, 255, 255, 255, 0, 12, 34, 56, 128]);
    const lab = rgbaToOklab({ width: 3, height: 1, data });
    expect(lab).toBeInstanceOf(Float32Array);
    expect(lab).toHaveLength(9);
    const expected = [...hexToOklab("#00AA66"), ...hexToOklab("#FFFFFF"), ...hexToOklab("#0C2238")];
    expected.forEach((v, i) => expect(lab[i]).toBeCloseTo(v, 6));
  });

  it("refuses a reuse buffer that is too short", () => {
    const image = { width: 2, height: 2, data: new Uint8ClampedArray(16) };
    expect(() => rgbaToOklab(image, new Float32Array(11))).toThrow("12 are needed");
  });
});

describe("CIELAB D65", () => {
  it("agrees with culori's lab65 to 1e-6", () => {
    for (const [r, g, b] of grid()) {
      const ours = hexToCielab(hex(r, g, b));
      const theirs = toLab65(hex(r, g, b))!;
      expect(Math.abs(ours[0] - theirs.l)).toBeLessThan(1e-6);
      expect(Math.abs(ours[1] - theirs.a)).toBeLessThan(1e-6);
      expect(Math.abs(ours[2] - theirs.b)).toBeLessThan(1e-6);
    }
  });

  it("round-trips linear sRGB through CIELAB", () => {
    const lab = new Float64Array(3);
    const lin = new Float64Array(3);
    for (const [r, g, b] of grid()) {
      const [lr, lg, lb] = [SRGB_BYTE_TO_LINEAR[r]!, SRGB_BYTE_TO_LINEAR[g]!, SRGB_BYTE_TO_LINEAR[b]!];
      linearRgbToCielab(lr, lg, lb, lab);
      cielabToLinearRgb(lab[0]!, lab[1]!, lab[2]!, lin);
      expect(Math.abs(lin[0]! - lr) + Math.abs(lin[1]! - lg) + Math.abs(lin[2]! - lb)).toBeLessThan(1e-9);
    }
  });
});
