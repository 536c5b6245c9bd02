import { describe, expect, it } from "vitest";
import { BrandfillError } from "../../src/core/api/api-error.js";
import { deltaE2000 } from "../../src/core/colour/delta-e-2000.js";
import { hexToCielab, rgbBytesToCielab } from "../../src/core/colour/hex-to-oklab.js";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";
import type { RgbaImage } from "../../src/core/raster/rgba-image.js";
import { finishImageAsync, type ImageFinish } from "../../src/proxy/finish-image.js";
import { sharpPngCodec } from "../../src/proxy/sharp-png-codec.js";
import { loadKodak } from "../core/raster/load-kodak.js";
import { cropImage } from "../../src/core/raster/crop-image.js";

/** A flat red drifted ΔE2000 ≈ 6 off #E4002B, with grain: what a model does to a brand fill. */
function driftedRed(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) data.set([205 + (p % 5), 22, 58 - (p % 3), 255], p * 4);
  return { width, height, data };
}

const meanDeltaE = (image: RgbaImage, hex: string) => {
  const sum = [0, 0, 0];
  for (let o = 0; o < image.data.length; o += 4) for (let c = 0; c < 3; c++) sum[c]! += image.data[o + c]!;
  const n = image.data.length / 4;
  return deltaE2000(hexToCielab(hex), rgbBytesToCielab(Math.round(sum[0]! / n), Math.round(sum[1]! / n), Math.round(sum[2]! / n)));
};

const asProviderImage = (image: RgbaImage) => ({ png: encodePng(image), width: image.width, height: image.height });

describe("the proxy's png codec (sharp)", () => {
  it("round-trips straight-alpha rgba byte for byte, translucent pixels included", async () => {
    const photo = cropImage(loadKodak(3), { x: 200, y: 100, width: 97, height: 61 });
    const data = new Uint8ClampedArray(photo.data);
    for (let o = 3; o < data.length; o += 4) data[o] = (o * 37) & 255; // every alpha from 0 to 255
    const image = { width: photo.width, height: photo.height, data };
    const back = await sharpPngCodec.decodeAsync(await sharpPngCodec.encodeAsync(image));
    expect([back.width, back.height]).toEqual([image.width, image.height]);
    expect(Buffer.from(back.data).equals(Buffer.from(data))).toBe(true);
    // And fast-png reads sharp's PNG the same way.
    expect(Buffer.from(decodePng(await sharpPngCodec.encodeAsync(image)).data).equals(Buffer.from(data))).toBe(true);
  });

  it("reads a grey png as rgba", async () => {
    const grey = Buffer.from(
      await (await import("sharp"))
        .default(Buffer.alloc(12 * 7, 90), { raw: { width: 12, height: 7, channels: 1 } })
        .png()
        .toBuffer(),
    );
    const image = await sharpPngCodec.decodeAsync(grey);
    expect(image.data.length).toBe(12 * 7 * 4);
    expect([...image.data.subarray(0, 4)]).toEqual([90, 90, 90, 255]);
  });
});

describe("finishImageAsync", () => {
  const finish = (over: Partial<ImageFinish>): ImageFinish => ({ width: 64, height: 64, fit: null, lock: [], ...over });

  it("passes the provider's image on untouched when nothing is asked", async () => {
    const image = asProviderImage(driftedRed(20, 10));
    expect(await finishImageAsync(image, finish({}), sharpPngCodec)).toBe(image);
  });

  it("fits to exactly the asked size, cover and centred, never stretched", async () => {
    // Left half black, right half white, 200×100 → 50×100 keeps the centre column band.
    const src: RgbaImage = { width: 200, height: 100, data: new Uint8ClampedArray(200 * 100 * 4) };
    for (let p = 0; p < 200 * 100; p++) src.data.set(p % 200 < 100 ? [0, 0, 0, 255] : [255, 255, 255, 255], p * 4);
    const out = await finishImageAsync(asProviderImage(src), finish({ width: 50, height: 100, fit: "cover" }), sharpPngCodec);
    expect([out.width, out.height]).toEqual([50, 100]);
    const image = decodePng(out.png);
    expect(image.data[(50 * 50 + 5) * 4]).toBe(0); // left quarter still black
    expect(image.data[(50 * 50 + 44) * 4]).toBe(255); // right quarter still white
    expect(out.lockReport).toBeUndefined();
  });

  it("locks a drifted brand colour to within ΔE2000 1 and reports it without the OKLab region", async () => {
    const drifted = driftedRed(96, 64);
    expect(meanDeltaE(drifted, "#E4002B")).toBeGreaterThan(3);
    const out = await finishImageAsync(asProviderImage(drifted), finish({ width: 96, height: 64, lock: ["#E4002B"] }), sharpPngCodec);
    expect(meanDeltaE(decodePng(out.png), "#E4002B")).toBeLessThanOrEqual(1);
    const colour = out.lockReport!.colours[0]!;
    expect(colour).toMatchObject({ hex: "#E4002B", absent: false });
    expect(colour.deltaE2000After!).toBeLessThanOrEqual(1);
    expect(colour.deltaE2000Before!).toBeGreaterThan(3);
    expect("region" in colour).toBe(false);
  });

  it("answers a picture it cannot read with a retryable provider_error sentence", async () => {
    const broken = { png: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), width: 4, height: 4 };
    const error = await finishImageAsync(broken, finish({ lock: ["#E4002B"] }), sharpPngCodec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrandfillError);
    expect(error).toMatchObject({ code: "provider_error", retryable: true });
    expect((error as Error).message).toMatch(/could not be read/);
  });
});
