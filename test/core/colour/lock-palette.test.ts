import { describe, expect, it } from "vitest";
import { deltaE2000 } from "../../../src/core/colour/delta-e-2000.js";
import { hexToOklab, rgbBytesToCielab } from "../../../src/core/colour/hex-to-oklab.js";
import { lockPalette, type LockReport } from "../../../src/core/colour/lock-palette.js";
import { createLockMembership, membershipWeights } from "../../../src/core/colour/lock-membership.js";
import { rgbaToOklab } from "./rgba-to-oklab.js";
import { linearToSrgb, srgbToLinear } from "../../../src/core/colour/srgb-to-linear.js";
import { createRgbaImage, type RgbaImage } from "../../../src/core/raster/rgba-image.js";
import { loadKodak } from "../raster/load-kodak.js";
import { driftColour, inside, oklabToBytes, paintFlat, paintGradient, paintNoise, regionDeltaE, ssimLightness, type Rect, type Rgb } from "./lock-fixtures.js";

type Texture = "flat" | "gradient" | "noise";
interface Patch {
  readonly hex: string;
  /** ΔE2000 the "model" drifted the colour by, along `direction` in OKLab. */
  readonly drift: number;
  readonly direction: readonly [number, number, number];
  readonly texture: Texture;
}

const RECTS: readonly Rect[] = [
  { x: 40, y: 40, width: 160, height: 120 },
  { x: 300, y: 40, width: 160, height: 120 },
  { x: 40, y: 300, width: 160, height: 120 },
  { x: 300, y: 300, width: 160, height: 120 },
];

/** Brand patches painted on Kodak photographs: every texture, drifts of ΔE2000 2–15 in different directions. */
const SCENES: readonly { photo: number; patches: readonly Patch[] }[] = [
  {
    photo: 16,
    patches: [
      { hex: "#00AA66", drift: 2, direction: [1, 0, 0], texture: "flat" },
      { hex: "#E4002B", drift: 15, direction: [0, 0, -1], texture: "gradient" },
      { hex: "#1A3C8F", drift: 15, direction: [0, 1, 0], texture: "noise" },
      { hex: "#FFB81C", drift: 15, direction: [0, -1, 0], texture: "flat" },
    ],
  },
  {
    photo: 2,
    patches: [
      { hex: "#1A3C8F", drift: 5, direction: [1, 0, 0], texture: "gradient" },
      { hex: "#6A1B9A", drift: 5, direction: [0, -1, 0], texture: "noise" },
      { hex: "#00AA66", drift: 10, direction: [0, 1, -1], texture: "noise" },
      { hex: "#FFB81C", drift: 15, direction: [0, -1, 0], texture: "flat" },
    ],
  },
  {
    photo: 1,
    patches: [
      { hex: "#6A1B9A", drift: 10, direction: [0, 0, 1], texture: "flat" },
      { hex: "#00AA66", drift: 10, direction: [0, 1, 0], texture: "gradient" },
      { hex: "#1A3C8F", drift: 2, direction: [0, 1, 0], texture: "noise" },
      { hex: "#E4002B", drift: 5, direction: [0, -1, 0], texture: "flat" },
    ],
  },
  {
    photo: 4,
    patches: [
      { hex: "#0B5563", drift: 5, direction: [0, 0, 1], texture: "flat" },
      { hex: "#E4002B", drift: 2, direction: [0, 0, -1], texture: "gradient" },
      { hex: "#FFB81C", drift: 10, direction: [0, 0, -1], texture: "noise" },
      { hex: "#6A1B9A", drift: 15, direction: [0, -1, 1], texture: "gradient" },
    ],
  },
];

function paint(image: RgbaImage, rect: Rect, colour: Rgb, texture: Texture, seed: number): void {
  if (texture === "flat") paintFlat(image, rect, colour);
  else if (texture === "gradient") paintGradient(image, rect, colour, 0.06);
  else paintNoise(image, rect, colour, 6, seed);
}

/** `rect` grown by `by` pixels on every side. */
const grown = (rect: Rect, by: number): Rect => ({ x: rect.x - by, y: rect.y - by, width: rect.width + 2 * by, height: rect.height + 2 * by });

/** Number of pixels for which `test(offset, x, y)` holds. */
function pixelsWhere(image: RgbaImage, test: (o: number, x: number, y: number) => boolean): number {
  let n = 0;
  for (let y = 0; y < image.height; y++) for (let x = 0; x < image.width; x++) if (test((y * image.width + x) * 4, x, y)) n++;
  return n;
}

const hexAt = (image: RgbaImage, o: number) => `#${[0, 1, 2].map((c) => image.data[o + c]!.toString(16).padStart(2, "0")).join("")}`.toUpperCase();

function samePixel(a: RgbaImage, b: RgbaImage, o: number): boolean {
  return a.data[o] === b.data[o] && a.data[o + 1] === b.data[o + 1] && a.data[o + 2] === b.data[o + 2] && a.data[o + 3] === b.data[o + 3];
}

/** The OKLab membership weight of a pixel in the report's regions (0: it belongs to no locked colour). */
function membershipOf(report: LockReport): (image: RgbaImage, o: number) => number {
  const regions = report.colours.flatMap((c) => (c.region ? [c.region] : []));
  const membership = createLockMembership(regions);
  const weights = new Float64Array(regions.length);
  return (image, o) => {
    const lab = rgbaToOklab({ width: 1, height: 1, data: image.data.slice(o, o + 4) });
    return membershipWeights(membership, lab[0]!, lab[1]!, lab[2]!, weights);
  };
}

describe("lockPalette on photographs with drifted brand patches", () => {
  for (const scene of SCENES) {
    const label = scene.patches.map((p) => `${p.texture} ΔE${p.drift}`).join(", ");
    it(`brings every patch mean within ΔE2000 1 and keeps texture on kodim${scene.photo} (${label})`, () => {
      const input = loadKodak(scene.photo);
      scene.patches.forEach((p, i) => paint(input, RECTS[i]!, driftColour(p.hex, p.drift, p.direction), p.texture, i + 1));
      const before = new Uint8ClampedArray(input.data);
      const { image: output, report } = lockPalette(
        input,
        scene.patches.map((p) => ({ hex: p.hex })),
      );

      expect(input.data).toEqual(before);
      scene.patches.forEach((patch, i) => {
        const rect = RECTS[i]!;
        const colour = report.colours[i]!;
        expect(regionDeltaE(input, rect, patch.hex)).toBeGreaterThan(patch.drift * 0.6);
        expect(regionDeltaE(output, rect, patch.hex)).toBeLessThanOrEqual(1);
        if (patch.texture === "flat") {
          expect(pixelsWhere(output, (o, x, y) => inside(rect, x, y) && hexAt(output, o) !== patch.hex)).toBe(0);
        } else {
          expect(ssimLightness(input, output, rect)).toBeGreaterThanOrEqual(0.95);
        }
        expect(colour.absent).toBe(false);
        expect(colour.deltaE2000Before).toBeCloseTo(regionDeltaE(input, rect, patch.hex), 0);
        expect(colour.deltaE2000After).toBeLessThanOrEqual(1);
        // Grain's outliers can fall outside the region; a few photo pixels of the colour can fall in.
        expect(colour.share).toBeGreaterThan((0.97 * rect.width * rect.height) / (output.width * output.height));
        expect(colour.share).toBeLessThan((1.1 * rect.width * rect.height) / (output.width * output.height));
      });

      // Outside the patches, only pixels whose colour belongs to a locked colour's region may change,
      // and the patches' 2-pixel rim, which is read as a mix of patch and photo.
      const belongs = membershipOf(report);
      const changed = pixelsWhere(output, (o, x, y) => !RECTS.some((r) => inside(r, x, y)) && !samePixel(input, output, o));
      const stray = pixelsWhere(output, (o, x, y) => !RECTS.some((r) => inside(grown(r, 2), x, y)) && !samePixel(input, output, o) && belongs(input, o) === 0);
      expect(stray).toBe(0);
      expect(changed).toBeLessThan(0.005 * output.width * output.height);
    });
  }

  it("writes, in place, the very pixels it writes to a copy: patches, anti-aliased rims and the untouched photo", () => {
    const scene = SCENES[0]!;
    const input = loadKodak(scene.photo);
    scene.patches.forEach((p, i) => paint(input, RECTS[i]!, driftColour(p.hex, p.drift, p.direction), p.texture, i + 1));
    // A disc of drifted brand blue with edges 4×4 supersampled (blended in sRGB), so the rim pass has work.
    const disc = driftColour("#1A3C8F", 10, [0, 1, 0]);
    for (let y = 200; y < 300; y++) {
      for (let x = 560; x < 660; x++) {
        let covered = 0;
        for (let s = 0; s < 16; s++) covered += Math.hypot(x + ((s % 4) + 0.5) / 4 - 610, y + (Math.floor(s / 4) + 0.5) / 4 - 250) < 40 ? 1 / 16 : 0;
        const o = (y * input.width + x) * 4;
        for (let c = 0; c < 3; c++) input.data[o + c] = Math.round(disc[c]! * covered + input.data[o + c]! * (1 - covered));
      }
    }
    const palette = [...scene.patches.map((p) => ({ hex: p.hex })), { hex: "#1A3C8F" }];
    const copied = lockPalette(input, palette);
    const given = { ...input, data: new Uint8ClampedArray(input.data) };
    const inPlace = lockPalette(given, palette, { inPlace: true });

    expect(inPlace.image.data.buffer).toBe(given.data.buffer);
    expect(Buffer.from(inPlace.image.data).equals(Buffer.from(copied.image.data))).toBe(true);
    expect(inPlace.report).toEqual(copied.report);
    // The rim really was rewritten: pixels of the disc's edge changed, as in the copy.
    const rimChanged = pixelsWhere(input, (o, x, y) => {
      const r = Math.hypot(x - 610, y - 250);
      return r > 38 && r < 42 && !samePixel(input, copied.image, o);
    });
    expect(rimChanged).toBeGreaterThan(100);
  });

  it("leaves a photograph byte-identical outside a patch and its rim when it holds none of its colours", () => {
    const input = loadKodak(16);
    const patch = SCENES[0]!.patches[2]!;
    paint(input, RECTS[0]!, driftColour(patch.hex, patch.drift, patch.direction), patch.texture, 3);
    const { image: output } = lockPalette(input, [{ hex: patch.hex }]);
    expect(pixelsWhere(output, (o, x, y) => !inside(grown(RECTS[0]!, 2), x, y) && !samePixel(input, output, o))).toBe(0);
    expect(pixelsWhere(output, (o, x, y) => inside(RECTS[0]!, x, y) && !samePixel(input, output, o))).toBeGreaterThan(0.97 * 160 * 120);
  });
});

describe("lockPalette on flat graphics", () => {
  /** A poster: warm paper background, a drifted brand green card, a drifted navy bar, a coral dot that is not locked. */
  function poster(): { image: RgbaImage; card: Rect; bar: Rect; dot: Rect } {
    const image = createRgbaImage(480, 320, [244, 241, 234, 255]);
    const card = { x: 30, y: 30, width: 200, height: 150 };
    const bar = { x: 30, y: 220, width: 420, height: 60 };
    const dot = { x: 300, y: 60, width: 100, height: 100 };
    paintFlat(image, card, driftColour("#00AA66", 5, [0, 0, 1]));
    paintFlat(image, bar, driftColour("#001F5B", 10, [0, 1, 0]));
    paintFlat(image, dot, [255, 111, 97]);
    return { image, card, bar, dot };
  }

  it("makes flat brand shapes exactly the hex and leaves everything else byte-identical", () => {
    const { image, card, bar } = poster();
    const { image: output, report } = lockPalette(image, [{ hex: "#00AA66" }, { hex: "#001F5B" }]);
    const wrong = pixelsWhere(output, (o, x, y) =>
      inside(card, x, y) ? hexAt(output, o) !== "#00AA66" : inside(bar, x, y) ? hexAt(output, o) !== "#001F5B" : !samePixel(image, output, o),
    );
    expect(wrong).toBe(0);
    for (const colour of report.colours) expect(colour.deltaE2000After).toBeLessThan(1e-6);
    expect(report.colours.map((c) => c.pixelCount)).toEqual([card.width * card.height, bar.width * bar.height]);
    expect(report.colours[0]!.deltaE2000Before).toBeGreaterThan(4.5);
    expect(report.colours[1]!.meanBefore).not.toBe("#001F5B");
    expect(report.colours[1]!.meanAfter).toBe("#001F5B");
  });

  it("reports a locked colour that is not in the image as absent, with a warning naming it", () => {
    const { image } = poster();
    const { image: output, report } = lockPalette(image, [{ hex: "#00AA66" }, { hex: "#FF00FF", name: "brand magenta" }]);
    const magenta = report.colours[1]!;
    expect(magenta).toMatchObject({ hex: "#FF00FF", name: "brand magenta", absent: true, deltaE2000Before: null, deltaE2000After: null });
    expect(magenta.warning).toBe("#FF00FF (brand magenta) was not found in the image: no region is within ΔE2000 17 of it, so nothing was corrected for it.");
    expect(report.colours[0]!.absent).toBe(false);
    expect(output.data).not.toEqual(image.data);
  });

  it("leaves a colour covering a tiny share alone and says so", () => {
    const image = createRgbaImage(400, 300, [244, 241, 234, 255]);
    paintFlat(image, { x: 10, y: 10, width: 8, height: 8 }, driftColour("#00AA66", 5, [0, 0, 1]));
    const { image: output, report } = lockPalette(image, [{ hex: "#00AA66" }]);
    expect(report.colours[0]!.absent).toBe(true);
    expect(report.colours[0]!.warning).toMatch(/^#00AA66 \(jade\) covers only 0\.05% of the image, too little to correct/);
    expect(output.data).toEqual(image.data);
  });

  it("gives a region claimed by two close hexes to the nearer one", () => {
    const image = createRgbaImage(300, 200, [244, 241, 234, 255]);
    paintFlat(image, { x: 20, y: 20, width: 150, height: 100 }, driftColour("#00AA66", 3, [1, 0, 0]));
    const { report } = lockPalette(image, [{ hex: "#00A060" }, { hex: "#00AA66" }]);
    expect(report.colours[0]!.absent).toBe(true);
    expect(report.colours[0]!.warning).toContain("its nearest region is closer to #00AA66, which was locked instead");
    expect(report.colours[1]!.deltaE2000After).toBeLessThan(1e-6);
  });

  it("locks a repeated hex once and accepts #RGB", () => {
    const { image } = poster();
    const { report } = lockPalette(image, [{ hex: "#00AA66" }, { hex: "#0a6" }, { hex: "#00aa66ff" }]);
    expect(report.colours.map((c) => c.hex)).toEqual(["#00AA66"]);
  });

  it("rejects a bad hex by naming it", () => {
    const { image } = poster();
    expect(() => lockPalette(image, [{ hex: "#00AA6" }])).toThrow("“#00AA6” is not a hex colour");
  });

  it("rejects image data of the wrong length", () => {
    expect(() => lockPalette({ width: 4, height: 4, data: new Uint8ClampedArray(60) }, [{ hex: "#FFFFFF" }])).toThrow(RangeError);
  });

  it("returns an identical copy and an empty report for an empty palette", () => {
    const { image } = poster();
    const { image: output, report } = lockPalette(image, []);
    expect(output.data).toEqual(image.data);
    expect(output.data).not.toBe(image.data);
    expect(report.colours).toEqual([]);
  });

  it("keeps alpha and leaves fully transparent pixels alone", () => {
    const image = createRgbaImage(200, 100, [0, 0, 0, 0]);
    const drifted = driftColour("#00AA66", 8, [0, 1, 0]);
    paintFlat(image, { x: 0, y: 0, width: 150, height: 100 }, drifted);
    for (let i = 0; i < 200 * 100; i++) image.data[i * 4 + 3] = i % 200 < 100 ? 255 : i % 200 < 150 ? 90 : 0;
    const { image: output, report } = lockPalette(image, [{ hex: "#00AA66" }]);
    for (let i = 0; i < 200 * 100; i++) {
      const o = i * 4;
      expect(output.data[o + 3]).toBe(image.data[o + 3]);
      if (i % 200 < 150) expect(hexAt(output, o)).toBe("#00AA66");
      else expect(samePixel(image, output, o)).toBe(true);
    }
    expect(report.colours[0]!.pixelCount).toBe(150 * 100);
  });

  it("brings a white background exactly to white", () => {
    const image = createRgbaImage(300, 200, [238, 236, 240, 255]);
    paintFlat(image, { x: 50, y: 50, width: 100, height: 80 }, [0, 170, 102]);
    const { image: output, report } = lockPalette(image, [{ hex: "#FFFFFF" }]);
    expect(hexAt(output, 0)).toBe("#FFFFFF");
    expect(hexAt(output, (60 * 300 + 60) * 4)).toBe("#00AA66");
    expect(report.colours[0]!.deltaE2000After).toBeLessThan(1e-6);
  });

  it("blends a ramp out of a region without a step (no banding)", () => {
    // A soft vignette: the drifted brand colour fading into a far grey over 400 px.
    const width = 400;
    const image = createRgbaImage(width, 40, [0, 0, 0, 255]);
    const start = rgbaToOklab({ width: 1, height: 1, data: new Uint8ClampedArray([...driftColour("#1A3C8F", 10, [0, 1, 0]), 255]) });
    const end = hexToOklab("#8A8A8A");
    const rampStart = 150;
    for (let x = 0; x < width; x++) {
      const t = Math.max(0, (x - rampStart) / (width - rampStart));
      const lab = [0, 1, 2].map((c) => start[c]! + t * (end[c]! - start[c]!)) as unknown as [number, number, number];
      paintFlat(image, { x, y: 0, width: 1, height: 40 }, oklabToBytes(lab)!);
    }
    const { image: output, report } = lockPalette(image, [{ hex: "#1A3C8F" }]);
    const row = rgbaToOklab(output);
    const inRow = rgbaToOklab(image);
    const step = (lab: Float32Array, x: number) => Math.hypot(lab[(x + 1) * 3]! - lab[x * 3]!, lab[(x + 1) * 3 + 1]! - lab[x * 3 + 1]!, lab[(x + 1) * 3 + 2]! - lab[x * 3 + 2]!);
    const offset = Math.hypot(...[0, 1, 2].map((c) => hexToOklab("#1A3C8F")[c]! - start[c]!));
    let worst = 0;
    for (let x = 0; x < width - 1; x++) worst = Math.max(worst, step(row, x) - step(inRow, x));
    // A hard cut would jump by the whole offset in one pixel.
    expect(worst).toBeLessThan(0.25 * offset);
    expect(report.colours[0]!.deltaE2000After).toBeLessThanOrEqual(1);
    expect(hexAt(output, (width - 1) * 4)).toBe(hexAt(image, (width - 1) * 4));
  });

  it.each([
    ["linear light", true],
    ["sRGB", false],
  ])("carries an anti-aliased rim (blended in %s) along with the corrected shape, without a halo", (_, linear) => {
    // A disc of drifted brand blue on white, edges 4×4 supersampled, as a renderer would draw it.
    const size = 160;
    const background: Rgb = [255, 255, 255];
    const drifted = driftColour("#1A3C8F", 10, [0, 1, 0]);
    const brand: Rgb = [0x1a, 0x3c, 0x8f];
    const encode = (v: number) => (linear ? linearToSrgb(v) : v);
    const decode = (v: number) => (linear ? srgbToLinear(v) : v);
    const mix = (p: Rgb, c: number) => [0, 1, 2].map((i) => Math.round(255 * encode(decode(p[i]! / 255) * c + decode(background[i]! / 255) * (1 - c)))) as unknown as Rgb;
    const coverage = new Float64Array(size * size);
    const image = createRgbaImage(size, size, [...background, 255]);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        let inDisc = 0;
        for (let s = 0; s < 16; s++) inDisc += Math.hypot(x + ((s % 4) + 0.5) / 4 - 80, y + (Math.floor(s / 4) + 0.5) / 4 - 80) < 55 ? 1 : 0;
        coverage[y * size + x] = inDisc / 16;
        image.data.set(mix(drifted, inDisc / 16), (y * size + x) * 4);
      }
    }
    const { image: output } = lockPalette(image, [{ hex: "#1A3C8F" }]);
    const rgbAt = (img: RgbaImage, i: number): Rgb => [img.data[i * 4]!, img.data[i * 4 + 1]!, img.data[i * 4 + 2]!];
    let sum = 0;
    let rim = 0;
    let worst = 0;
    let worstUntouched = 0;
    for (let i = 0; i < size * size; i++) {
      const c = coverage[i]!;
      if (c === 0 || c === 1) continue;
      const ideal = rgbBytesToCielab(...mix(brand, c));
      const error = deltaE2000(ideal, rgbBytesToCielab(...rgbAt(output, i)));
      sum += error;
      rim++;
      worst = Math.max(worst, error);
      worstUntouched = Math.max(worstUntouched, deltaE2000(ideal, rgbBytesToCielab(...rgbAt(image, i))));
    }
    expect(sum / rim).toBeLessThan(1);
    expect(worst).toBeLessThan(0.5 * worstUntouched);
  });

  it("produces a report that survives JSON", () => {
    const { image } = poster();
    const { report } = lockPalette(image, [{ hex: "#00AA66" }, { hex: "#FF00FF" }]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
