import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { encode } from "fast-png";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inpaintCommandAsync } from "../../src/cli/inpaint-command.js";
import { blendMask } from "../../src/core/inpaint/blend-mask.js";
import type { GreyMask } from "../../src/core/inpaint/grey-mask.js";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";
import { resizeImage } from "../../src/core/raster/resize-image.js";
import type { RgbaImage } from "../../src/core/raster/rgba-image.js";
import { testMasks } from "../core/inpaint/test-masks.js";
import { loadKodak } from "../core/raster/load-kodak.js";
import { startOpenAiEmulator, type OpenAiEmulator } from "../emulators/index.js";

let dir: string;
let stdout: string[];
let stderr: string[];
let openai: OpenAiEmulator;
const io = (env: Record<string, string | undefined> = {}) => ({ env, stdout: (l: string) => void stdout.push(l), stderr: (l: string) => void stderr.push(l) });

beforeAll(async () => {
  openai = await startOpenAiEmulator({ defaultBehaviour: "alterEverything" });
});
afterAll(async () => {
  await openai?.close();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "brandfill-inpaint-"));
  stdout = [];
  stderr = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A white-on-black mask picture (the command line's convention). */
function maskPicture(mask: GreyMask): RgbaImage {
  const data = new Uint8ClampedArray(mask.width * mask.height * 4);
  for (let p = 0; p < mask.data.length; p++) data.set([mask.data[p]!, mask.data[p]!, mask.data[p]!, 255], p * 4);
  return { width: mask.width, height: mask.height, data };
}

async function filesAsync(photo: RgbaImage, mask: GreyMask) {
  const paths = { image: join(dir, "in.png"), mask: join(dir, "mask.png"), out: join(dir, "out.png") };
  await writeFile(paths.image, encodePng(photo));
  await writeFile(paths.mask, encodePng(maskPicture(mask)));
  return paths;
}

/** Pixels of `out` that differ from `photo` where the independently computed blend mask is 0. */
function changedOutside(photo: RgbaImage, out: RgbaImage, mask: GreyMask, grow: number, feather: number): number {
  const blend = blendMask(mask, grow, feather);
  let changed = 0;
  for (let p = 0; p < blend.data.length; p++) {
    if (blend.data[p] !== 0) continue;
    const o = p * 4;
    if ([0, 1, 2, 3].some((c) => out.data[o + c] !== photo.data[o + c])) changed++;
  }
  return changed;
}

describe("brandfill inpaint", () => {
  it("erases the masked area of a Kodak photo offline and reports zero changes outside it", async () => {
    const photo = loadKodak(19);
    const mask = testMasks(photo.width, photo.height).ellipse!;
    const paths = await filesAsync(photo, mask);
    const code = await inpaintCommandAsync(
      ["inpaint", "--image", paths.image, "--mask", paths.mask, "--prompt", "remove the fence post", "--model", "offline", "--out", paths.out, "--feather", "6", "--grow", "2"],
      io(),
    );
    expect(stderr).toEqual([]);
    expect(code).toBe(0);
    expect(stdout).toHaveLength(1);
    const line = JSON.parse(stdout[0]!);
    expect(line).toMatchObject({
      out: paths.out,
      width: photo.width,
      height: photo.height,
      model: "offline",
      provider: "offline",
      growPx: 2,
      featherPx: 6,
      changedOutside: 0,
      costUsd: 0,
    });
    expect(line.maskPixels).toBeGreaterThan(1000);
    expect(line.changedInside).toBeGreaterThan(line.maskPixels * 0.5);
    expect(line.recipe).toMatchObject({ kind: "inpaint", promptTyped: "remove the fence post", provider: "offline" });
    const out = decodePng(new Uint8Array(await readFile(paths.out)));
    expect([out.width, out.height]).toEqual([photo.width, photo.height]);
    expect(changedOutside(photo, out, mask, 2, 6)).toBe(0);
    // Counted independently: outside the drawn mask, and outside it grown by 2 px, some pixels changed (the soft edge).
    expect(line.changedOutsideDrawn).toBe(changedOutside(photo, out, mask, 0, 0));
    expect(line.changedOutsideGrown).toBe(changedOutside(photo, out, mask, 2, 0));
  });

  it("keeps every pixel outside the mask when the model alters the whole picture", async () => {
    const photo = resizeImage(loadKodak(21), 384, 256);
    const mask = testMasks(384, 256)["touching the border"]!;
    const paths = await filesAsync(photo, mask);
    const env = { OPENAI_API_KEY: "sk-test-cli", OPENAI_BASE_URL: openai.url };
    const code = await inpaintCommandAsync(["--image", paths.image, "--mask", paths.mask, "--prompt", "a stone wall", "--model", "gpt-image-2", "--out", paths.out], io(env));
    expect(stderr).toEqual([]);
    expect(code).toBe(0);
    const line = JSON.parse(stdout[0]!);
    expect(line).toMatchObject({ provider: "openai", changedOutside: 0, growPx: 4, featherPx: 12 });
    expect(openai.requests.at(-1)!.path).toBe("/v1/images/edits");
    expect(changedOutside(photo, decodePng(new Uint8Array(await readFile(paths.out))), mask, 4, 12)).toBe(0);
  });

  it("says how many pixels changed outside the drawn mask and outside the grown one on kodim05 with the defaults", async () => {
    const photo = loadKodak(5);
    const mask = testMasks(photo.width, photo.height).ellipse!;
    const paths = await filesAsync(photo, mask);
    expect(await inpaintCommandAsync(["--image", paths.image, "--mask", paths.mask, "--prompt", "a bicycle", "--out", paths.out], io())).toBe(0);
    const line = JSON.parse(stdout[0]!);
    const out = decodePng(new Uint8Array(await readFile(paths.out)));
    expect(line).toMatchObject({ growPx: 4, featherPx: 12, changedOutside: 0 });
    // The byte-for-byte promise holds beyond the grown and feathered mask only: the soft edge changes pixels.
    expect(line.changedOutsideDrawn).toBe(changedOutside(photo, out, mask, 0, 0));
    expect(line.changedOutsideGrown).toBe(changedOutside(photo, out, mask, 4, 0));
    expect(line.changedOutsideDrawn).toBeGreaterThan(line.changedOutsideGrown);
    expect(line.changedOutsideGrown).toBeGreaterThan(1000);
    expect(changedOutside(photo, out, mask, 4, 12)).toBe(0);
  });

  it("keeps every pixel outside the drawn mask with --grow 0 --feather 0", async () => {
    const photo = resizeImage(loadKodak(5), 192, 128);
    const mask = testMasks(192, 128).ellipse!;
    const paths = await filesAsync(photo, mask);
    expect(await inpaintCommandAsync(["--image", paths.image, "--mask", paths.mask, "--prompt", "x", "--grow", "0", "--feather", "0", "--out", paths.out], io())).toBe(0);
    const line = JSON.parse(stdout[0]!);
    expect(line).toMatchObject({ growPx: 0, featherPx: 0, changedOutside: 0, changedOutsideGrown: 0, changedOutsideDrawn: 0 });
    expect(line.changedInside).toBeGreaterThan(0);
    expect(changedOutside(photo, decodePng(new Uint8Array(await readFile(paths.out))), mask, 0, 0)).toBe(0);
  });

  it("gives an RGB picture back for an RGB picture, and RGBA for RGBA", async () => {
    const photo = resizeImage(loadKodak(3), 96, 64);
    const mask = testMasks(96, 64).rectangle!;
    const paths = await filesAsync(photo, mask);
    const rgb = new Uint8Array(photo.width * photo.height * 3);
    for (let p = 0; p < photo.width * photo.height; p++) rgb.set(photo.data.subarray(p * 4, p * 4 + 3), p * 3);
    await writeFile(paths.image, encode({ width: 96, height: 64, data: rgb, channels: 3, depth: 8 }));
    expect(await inpaintCommandAsync(["--image", paths.image, "--mask", paths.mask, "--prompt", "x", "--out", paths.out], io())).toBe(0);
    const written = new Uint8Array(await readFile(paths.out));
    expect(written[25]).toBe(2); // IHDR colour type 2: RGB
    expect(changedOutside(photo, decodePng(written), mask, 4, 12)).toBe(0);
    await writeFile(paths.image, encodePng(photo));
    expect(await inpaintCommandAsync(["--image", paths.image, "--mask", paths.mask, "--prompt", "x", "--out", paths.out], io())).toBe(0);
    expect(new Uint8Array(await readFile(paths.out))[25]).toBe(6); // RGBA
  });

  it("prints its help on stdout with exit code 0", async () => {
    expect(await inpaintCommandAsync(["inpaint", "--help"], io())).toBe(0);
    expect(stdout.join("\n")).toMatch(/^Usage: brandfill inpaint/);
    expect(stdout.join("\n")).toMatch(/byte for byte/);
    expect(stderr).toEqual([]);
  });

  it("says what is wrong with arguments, files and masks", async () => {
    expect(await inpaintCommandAsync(["--image", "a.png"], io())).toBe(2);
    expect(stderr[0]).toMatch(/^Missing --mask, --prompt, --out\.\nUsage: brandfill inpaint/);
    expect(await inpaintCommandAsync(["--image", "a.png", "--mask", "m.png", "--prompt", "x", "--out", "o.png", "--feather", "-3"], io())).toBe(2);
    expect(stderr[1]).toMatch(/^--feather must be a number of pixels from 0 to 512, got "-3"\./);

    const photo = resizeImage(loadKodak(1), 96, 64);
    const paths = await filesAsync(photo, testMasks(192, 128).rectangle!);
    expect(await inpaintCommandAsync(["--image", paths.image, "--mask", paths.mask, "--prompt", "x", "--out", paths.out], io())).toBe(1);
    expect(stderr[2]).toBe("brandfill inpaint: The mask is 192×128 px but the image is 96×64 px; they must be the same size.");
    expect(await inpaintCommandAsync(["--image", join(dir, "missing.png"), "--mask", paths.mask, "--prompt", "x", "--out", paths.out], io())).toBe(1);
    expect(stderr[3]).toBe(`brandfill inpaint: There is no file “${join(dir, "missing.png")}” (the image).`);
    expect(await inpaintCommandAsync(["--image", paths.image, "--mask", paths.image, "--prompt", "x", "--model", "gpt-image-2", "--out", paths.out], io({}))).toBe(1);
    expect(stderr[4]).toMatch(/^brandfill inpaint: .*needs OpenAI access on the proxy: set OPENAI_API_KEY/);
  });

  it("runs from the installed command", async () => {
    const photo = resizeImage(loadKodak(2), 96, 64);
    const paths = await filesAsync(photo, testMasks(96, 64)["thin stroke"]!);
    const bin = new URL("../../bin/brandfill.mjs", import.meta.url).pathname;
    const { stdout: printed } = await promisify(execFile)(process.execPath, [bin, "inpaint", "--image", paths.image, "--mask", paths.mask, "--prompt", "x", "--out", paths.out], {
      env: { PATH: process.env.PATH },
    });
    expect(JSON.parse(printed)).toMatchObject({ provider: "offline", changedOutside: 0 });
  });
});
