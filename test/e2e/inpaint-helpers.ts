// Test helpers for inpainting end to end: sources from Kodak photos and masks, and the independent
// check that nothing outside mask + feather changed.
import { afterAll, beforeAll, expect } from "vitest";
import { blendMask } from "../../src/core/inpaint/blend-mask.js";
import type { GreyMask } from "../../src/core/inpaint/grey-mask.js";
import { decodePng, encodePng, fastPngCodec } from "../../src/core/raster/png-codec.js";
import { resizeImage } from "../../src/core/raster/resize-image.js";
import type { RgbaImage } from "../../src/core/raster/rgba-image.js";
import { createProxyClient } from "../../src/jobs/proxy-client.js";
import { runInpaintJobAsync, type InpaintJobResult } from "../../src/jobs/run-inpaint-job.js";
import { testMasks } from "../core/inpaint/test-masks.js";
import { loadKodak } from "../core/raster/load-kodak.js";
import { startTestProxyAsync, type TestProxy } from "../proxy/start-test-proxy.js";

/**
 * A landscape Kodak photo downscaled (Lanczos) to `width × width·2/3`: the guarantee does not depend
 * on size, and smaller photos keep each test file fast.
 */
export function smallKodak(n: number, width = 384): RgbaImage {
  return resizeImage(loadKodak(n), width, Math.round((width * 2) / 3));
}

/** The named test masks for a photo: rectangle, ellipse, thin stroke, touching the border, in the corner. */
export function masks(photo: RgbaImage): Record<string, GreyMask> {
  return testMasks(photo.width, photo.height);
}

/** The job's sources as main would send them: the photo and a white-on-black mask picture, as PNG. */
export function sourcesOf(photo: RgbaImage, mask: GreyMask): { image: Uint8Array; mask: Uint8Array } {
  const data = new Uint8ClampedArray(mask.width * mask.height * 4);
  for (let p = 0; p < mask.data.length; p++) data.set([mask.data[p]!, mask.data[p]!, mask.data[p]!, 255], p * 4);
  return { image: encodePng(photo), mask: encodePng({ width: mask.width, height: mask.height, data }) };
}

/**
 * Asserts, for every candidate, on the actual pixels and without the job's own counting: the
 * composite equals the photo byte for byte wherever mask + feather (the blend mask for the job's grow
 * and feather) is 0; the patch is fully transparent there; something did change inside; and the
 * job's reported `changedOutside` is 0.
 */
export function expectUntouchedOutside(photo: RgbaImage, mask: GreyMask, job: InpaintJobResult, label: string): void {
  const blend = blendMask(mask, job.growPx, job.featherPx);
  expect(job.candidates.length, label).toBeGreaterThan(0);
  for (const candidate of job.candidates) {
    const composite = candidate.composite!;
    let outside = 0;
    let inside = 0;
    for (let p = 0; p < blend.data.length; p++) {
      const o = p * 4;
      const same =
        composite.data[o] === photo.data[o] &&
        composite.data[o + 1] === photo.data[o + 1] &&
        composite.data[o + 2] === photo.data[o + 2] &&
        composite.data[o + 3] === photo.data[o + 3];
      if (blend.data[p] === 0 && !same) outside++;
      if (blend.data[p] !== 0 && !same) inside++;
    }
    expect(outside, `${label}: pixels changed outside mask + feather`).toBe(0);
    expect(inside, `${label}: pixels changed inside`).toBeGreaterThan(0);
    expect(candidate.changedOutside, label).toBe(0);
    expect(candidate.summary, label).toBe("0 pixels changed beyond the soft edge");

    const patch = decodePng(candidate.patchPng);
    const { x, y, width, height } = candidate.bounds;
    expect([patch.width, patch.height], label).toEqual([width, height]);
    for (let py = 0; py < height; py++)
      for (let px = 0; px < width; px++) {
        if (blend.data[(py + y) * blend.width + px + x] !== 0) continue;
        if (patch.data[(py * width + px) * 4 + 3] !== 0) throw new Error(`${label}: the patch is not transparent at ${px + x},${py + y} outside mask + feather`);
      }
  }
}

/**
 * Runs the panel's inpaint job on a photo and mask through the proxy at `url`, keeping the
 * composites, and records the size of every picture the proxy returned.
 */
export async function inpaintThroughProxyAsync(
  url: string,
  photo: RgbaImage,
  mask: GreyMask,
  options: { model: string; prompt: string; n?: number; quality?: "low" },
): Promise<{ job: InpaintJobResult; returned: { width: number; height: number }[] }> {
  const client = createProxyClient(url);
  const returned: { width: number; height: number }[] = [];
  const job = await runInpaintJobAsync(
    {
      sources: sourcesOf(photo, mask),
      prompt: options.prompt,
      model: options.model,
      n: options.n ?? 1,
      palette: [],
      keepComposite: true,
      ...(options.quality ? { quality: options.quality } : {}),
    },
    {
      async generateAsync(request, callbacks) {
        const response = await client.generateAsync(request, callbacks);
        returned.push(...response.images.map(({ width, height }) => ({ width, height })));
        return response;
      },
    },
    fastPngCodec,
  );
  return { job, returned };
}

/** Starts the real proxy wired to both emulators before the file's tests, stops it after; returns a getter. */
export function useTestProxy(): () => TestProxy {
  let proxy: TestProxy | undefined;
  beforeAll(async () => {
    proxy = await startTestProxyAsync();
  });
  afterAll(async () => {
    await proxy?.close();
  });
  return () => proxy!;
}
