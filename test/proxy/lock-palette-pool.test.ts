import { afterAll, describe, expect, it } from "vitest";
import { lockPalette } from "../../src/core/colour/lock-palette.js";
import type { RgbaImage } from "../../src/core/raster/rgba-image.js";
import { createLockPool } from "../../src/proxy/lock-palette-pool.js";
import { finishImageAsync } from "../../src/proxy/finish-image.js";
import { sharpPngCodec } from "../../src/proxy/sharp-png-codec.js";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";

/** A drifted brand red with grain beside an untouched photo-like gradient. */
function scene(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      data.set(x < width / 2 ? [205 + (p % 5), 22, 58 - (p % 3), 255] : [(x * 3) & 255, (y * 5) & 255, 120, 255], p * 4);
    }
  return { width, height, data };
}

const pool = createLockPool({ maxThreads: 1, idleTimeoutMs: 1000 });
afterAll(() => pool.closeAsync());

describe("the proxy's lock pool", () => {
  it("locks in a worker thread, byte for byte as on this thread, with the same report", async () => {
    const image = scene(160, 90);
    const here = lockPalette(image, [{ hex: "#E4002B" }]);
    const copy = { ...image, data: new Uint8ClampedArray(image.data) };
    const there = await pool.lockAsync(copy, ["#E4002B"]);
    expect(Buffer.from(there.image.data).equals(Buffer.from(here.image.data))).toBe(true);
    expect(there.report).toEqual(here.report);
    // The pixels were moved to the worker, not copied: the caller's buffer is detached.
    expect(copy.data.byteLength).toBe(0);
  });

  it("copies a view on part of a larger buffer instead of detaching the whole buffer", async () => {
    const image = scene(40, 30);
    const big = new Uint8ClampedArray(image.data.length + 64);
    big.set(image.data, 32);
    const view = { ...image, data: big.subarray(32, 32 + image.data.length) };
    const locked = await pool.lockAsync(view, ["#E4002B"]);
    expect(big.byteLength).toBe(image.data.length + 64);
    expect(Buffer.from(locked.image.data).equals(Buffer.from(lockPalette(image, [{ hex: "#E4002B" }]).image.data))).toBe(true);
  });

  it("runs the proxy's finishing step with the pool and rejects a bad colour with its sentence", async () => {
    const png = encodePng(scene(64, 64));
    const out = await finishImageAsync({ png, width: 64, height: 64 }, { width: 64, height: 64, fit: null, lock: ["#E4002B"] }, sharpPngCodec, pool.lockAsync);
    expect(decodePng(out.png).data[0]).not.toBe(205);
    expect(out.lockReport!.colours[0]!.hex).toBe("#E4002B");
    await expect(pool.lockAsync(scene(8, 8), ["not-a-colour"])).rejects.toThrow(/not-a-colour/);
  });
});
