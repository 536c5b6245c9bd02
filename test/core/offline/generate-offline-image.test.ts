import { mkdirSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { deltaE2000 } from "../../../src/core/colour/delta-e-2000.js";
import { hexToCielab, rgbBytesToCielab } from "../../../src/core/colour/hex-to-oklab.js";
import { lockPalette } from "../../../src/core/colour/lock-palette.js";
import { generateOfflineImage } from "../../../src/core/offline/generate-offline-image.js";
import type { UnitBox } from "../../../src/core/prompt/describe-region.js";
import { encodePng } from "../../../src/core/raster/png-codec.js";
import type { RgbaImage } from "../../../src/core/raster/rgba-image.js";

/** Largest jump (0–255, any channel) between a pixel and its right or lower neighbour, split by whether it lies near a zone edge. */
function edges(image: RgbaImage, zones: readonly UnitBox[], band = 3): { atBoundary: number; elsewhere: number } {
  const { width, height, data } = image;
  const near = (x: number, y: number) =>
    zones.some((z) => {
      const x0 = z.x * width,
        x1 = (z.x + z.width) * width,
        y0 = z.y * height,
        y1 = (z.y + z.height) * height;
      const inY = y >= y0 - band && y <= y1 + band;
      const inX = x >= x0 - band && x <= x1 + band;
      return (inY && (Math.abs(x - x0) <= band || Math.abs(x - x1) <= band)) || (inX && (Math.abs(y - y0) <= band || Math.abs(y - y1) <= band));
    });
  let atBoundary = 0;
  let elsewhere = 0;
  for (let y = 0; y < height - 1; y++) {
    for (let x = 0; x < width - 1; x++) {
      const o = (y * width + x) * 4;
      let jump = 0;
      for (let c = 0; c < 3; c++) jump = Math.max(jump, Math.abs(data[o + c]! - data[o + 4 + c]!), Math.abs(data[o + c]! - data[o + width * 4 + c]!));
      if (near(x, y)) atBoundary = Math.max(atBoundary, jump);
      else elsewhere = Math.max(elsewhere, jump);
    }
  }
  return { atBoundary, elsewhere };
}

/** Smallest ΔE2000 between `hex` and any pixel (every pixel looked at). */
function nearest(image: RgbaImage, hex: string): number {
  const target = hexToCielab(hex);
  let best = Infinity;
  const seen = new Set<number>();
  for (let i = 0; i < image.data.length; i += 4) {
    const key = (image.data[i]! << 16) | (image.data[i + 1]! << 8) | image.data[i + 2]!;
    if (seen.has(key)) continue;
    seen.add(key);
    best = Math.min(best, deltaE2000(target, rgbBytesToCielab(image.data[i]!, image.data[i + 1]!, image.data[i + 2]!)));
  }
  return best;
}

// The case: 1200×628 with a copy block and a button on the left (its seams were at x≈612, y≈55 and y≈288).
const TWO_ZONES: UnitBox[] = [
  { x: 0.05, y: 0.09, width: 0.46, height: 0.37 },
  { x: 0.05, y: 0.6, width: 0.3, height: 0.15 },
];
const CASES = [
  { name: "three brand colours, two zones, 1200×628", width: 1200, height: 628, palette: ["#E30613", "#FFD400", "#0057B8"], keepClear: TWO_ZONES },
  { name: "one navy, two zones, 1200×628", width: 1200, height: 628, palette: ["#0E2A47"], keepClear: TWO_ZONES },
  {
    name: "hero palette, a story with a headline band",
    width: 1080,
    height: 1920,
    palette: ["#F7F5F1", "#4659FF", "#000000"],
    keepClear: [{ x: 0.1, y: 0.2, width: 0.8, height: 0.3 }],
  },
  {
    name: "five colours in a leaderboard with three zones",
    width: 728,
    height: 90,
    palette: ["#00AA66", "#FFFFFF", "#1A1A1A", "#F24E1E", "#A259FF"],
    keepClear: [
      { x: 0.02, y: 0.1, width: 0.1, height: 0.8 },
      { x: 0.3, y: 0.2, width: 0.3, height: 0.6 },
      { x: 0.8, y: 0.25, width: 0.17, height: 0.5 },
    ],
  },
];

describe("the offline model's composition", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s: no edge at a keep-clear boundary, every palette colour present", (name, c) => {
    const image = generateOfflineImage({ prompt: "spring sale", ...c });
    mkdirSync("test-output/offline", { recursive: true });
    writeFileSync(`test-output/offline/${name.replace(/[^a-z0-9]+/gi, "-")}.png`, encodePng(image));
    const { atBoundary, elsewhere } = edges(image, c.keepClear);
    // No seam: nothing at a zone's edge jumps more than the composition's own softest edges elsewhere, and never a visible step.
    expect(atBoundary).toBeLessThanOrEqual(Math.max(elsewhere, 2));
    // On full-size frames the calm fade is wide enough that a zone's edge is not even a 3-level step.
    if (c.height >= 600) expect(atBoundary).toBeLessThanOrEqual(3);
    for (const hex of c.palette) expect(nearest(image, hex), `${hex} in ${name}`).toBeLessThanOrEqual(2);
  });

  it("gives the palette lock every requested colour to find (none comes back absent)", () => {
    const palette = ["#E30613", "#FFD400", "#0057B8"];
    const image = generateOfflineImage({ prompt: "spring sale", width: 600, height: 314, palette, keepClear: TWO_ZONES });
    const { report } = lockPalette(
      image,
      palette.map((hex) => ({ hex })),
    );
    expect(report.colours.map((c) => [c.hex, c.absent])).toEqual(palette.map((hex) => [hex, false]));
    for (const c of report.colours) expect(c.deltaE2000After).toBeLessThanOrEqual(2);
  });

  it("makes tints and shades of a single colour, not a flat rectangle", () => {
    const image = generateOfflineImage({ prompt: "navy", width: 600, height: 314, palette: ["#0E2A47"], keepClear: [] });
    const lightness = new Set<number>();
    for (let i = 0; i < image.data.length; i += 4) lightness.add(image.data[i]! + image.data[i + 1]! + image.data[i + 2]!);
    expect(lightness.size).toBeGreaterThan(60);
    expect(nearest(image, "#0E2A47")).toBeLessThanOrEqual(2);
  });

  it("is deterministic and differs by seed", () => {
    const input = { prompt: "p", width: 64, height: 48, palette: ["#E30613", "#0057B8"], keepClear: TWO_ZONES };
    expect(generateOfflineImage(input).data).toEqual(generateOfflineImage(input).data);
    expect(generateOfflineImage({ ...input, seed: 1 }).data).not.toEqual(generateOfflineImage(input).data);
  });
});
