// The panel's PNG codec in real Chromium. The codec is not reachable from outside the built panel,
// so this file bundles the same module with esbuild (as build.mjs does for the panel) into a blank
// page; panel-png-codec.test.ts checks it again inside the built dist/ui.html.
import { crc32 } from "node:zlib";
import * as esbuild from "esbuild";
import { encode } from "fast-png";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { panelBundleOptions } from "../../build-options.mjs";
import { decodeBase64, encodeBase64 } from "../../src/core/encoding/base64.js";
import { fitCover } from "../../src/core/raster/fit-cover.js";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";
import type { RgbaImage } from "../../src/core/raster/rgba-image.js";
import { loadKodak } from "../core/raster/load-kodak.js";
import { expectWithinCanvasRounding } from "./harness/canvas-rounding.js";
import { launchChromiumAsync, ROOT } from "./harness/start-ui-harness.js";

/** What the page exposes: the codec, and base64 both ways (Playwright passes JSON, not bytes). */
interface CodecGlobal {
  codecPage: {
    codec: {
      decodeAsync(bytes: Uint8Array): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
      encodeAsync(image: { width: number; height: number; data: Uint8ClampedArray }): Promise<Uint8Array>;
    };
    toBase64(bytes: Uint8Array): string;
    fromBase64(text: string): Uint8Array;
  };
}

/** The page's script: the codec module as build.mjs bundles it for the panel, plus base64 helpers. */
const PAGE_ENTRY = `
import { browserPngCodec } from "./ui/lib/browser-png-codec.js";
import { decodeBase64, encodeBase64 } from "./src/core/encoding/base64.js";
globalThis.codecPage = { codec: browserPngCodec, toBase64: encodeBase64, fromBase64: decodeBase64 };
`;

let browser: Browser;
let page: Page;
/** The same codec on a page whose browser has no OffscreenCanvas (Safari before 16.4). */
let pageWithoutOffscreen: Page;
beforeAll(async () => {
  const bundle = await esbuild.build({
    stdin: { contents: PAGE_ENTRY, resolveDir: ROOT, loader: "ts" },
    bundle: true,
    write: false,
    format: "iife",
    target: "es2020",
    platform: "browser",
  });
  browser = await launchChromiumAsync();
  page = await browser.newPage();
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  pageWithoutOffscreen = await browser.newPage();
  await pageWithoutOffscreen.addInitScript(() => {
    delete (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas;
  });
  await pageWithoutOffscreen.goto("about:blank");
  await pageWithoutOffscreen.addScriptTag({ content: bundle.outputFiles[0]!.text });
});
afterAll(async () => {
  await browser?.close();
});

/** Encodes with the browser's codec. */
async function browserEncodeAsync(image: RgbaImage, on: Page = page): Promise<Uint8Array> {
  const png = await on.evaluate(
    async ({ width, height, data }) => {
      const { codec, toBase64, fromBase64 } = (globalThis as unknown as CodecGlobal).codecPage;
      return toBase64(await codec.encodeAsync({ width, height, data: new Uint8ClampedArray(fromBase64(data).buffer) }));
    },
    { width: image.width, height: image.height, data: encodeBase64(new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.length)) },
  );
  return decodeBase64(png);
}

/** Decodes with the browser's codec: the image, or the sentence it rejected with. */
async function browserDecodeAsync(png: Uint8Array, on: Page = page): Promise<RgbaImage | { error: string }> {
  const result = await on.evaluate(async (png): Promise<{ error: string } | { width: number; height: number; data: string }> => {
    const { codec, toBase64, fromBase64 } = (globalThis as unknown as CodecGlobal).codecPage;
    try {
      const image = await codec.decodeAsync(fromBase64(png));
      return { width: image.width, height: image.height, data: toBase64(new Uint8Array(image.data.buffer)) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }, encodeBase64(png));
  if ("error" in result) return { error: result.error };
  return { width: result.width, height: result.height, data: new Uint8ClampedArray(decodeBase64(result.data).buffer) };
}

async function decodedAsync(png: Uint8Array, on: Page = page): Promise<RgbaImage> {
  const result = await browserDecodeAsync(png, on);
  if ("error" in result) throw new Error(result.error);
  return result;
}

/** An opaque image whose channels take every byte value (a seeded xorshift, so runs repeat). */
function noise(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  let s = 0x2545f491;
  for (let i = 0; i < data.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    data[i] = i % 4 === 3 ? 255 : s & 255;
  }
  return { width, height, data };
}

/** Every colour level at every alpha: column = level, row = alpha, channels (c, 255 − c, 7c mod 256). */
function everyAlpha(): RgbaImage {
  const data = new Uint8ClampedArray(256 * 256 * 4);
  for (let a = 0; a < 256; a++) for (let c = 0; c < 256; c++) data.set([c, 255 - c, (c * 7) & 255, a], (a * 256 + c) * 4);
  return { width: 256, height: 256, data };
}

/** The PNG with a chunk inserted after IHDR (which always ends at byte 33). */
function withChunk(png: Uint8Array, type: string, body: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + body.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, body.length);
  chunk.set(new TextEncoder().encode(type), 4);
  chunk.set(body, 8);
  view.setUint32(8 + body.length, crc32(chunk.subarray(4, 8 + body.length)));
  return new Uint8Array([...png.subarray(0, 33), ...chunk, ...png.subarray(33)]);
}

describe("browser png codec", () => {
  test("opaque pixels round-trip byte for byte through the browser and fast-png", async () => {
    for (const image of [fitCover(loadKodak(23), 240, 160), noise(97, 61)]) {
      const browserPng = await browserEncodeAsync(image);
      expect(decodePng(browserPng)).toEqual(image);
      expect(await decodedAsync(encodePng(image))).toEqual(image);
      expect(await decodedAsync(browserPng)).toEqual(image);
    }
  });

  test("translucent pixels keep their alpha and their colour within the canvas rounding", async () => {
    const image = everyAlpha();
    const encoded = decodePng(await browserEncodeAsync(image));
    const decoded = await decodedAsync(encodePng(image));
    expectWithinCanvasRounding(encoded, image);
    expectWithinCanvasRounding(decoded, image);
    // Fully transparent pixels carry no colour; the canvas drops it.
    expect(Array.from(decoded.data.subarray(0, 8))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    // The rounding does not compound: what the browser decoded, it encodes unchanged.
    expect(decodePng(await browserEncodeAsync(decoded))).toEqual(decoded);
  });

  test("without OffscreenCanvas, a <canvas> element gives the same pixels", async () => {
    expect(await pageWithoutOffscreen.evaluate(() => typeof (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas)).toBe("undefined");
    const opaque = noise(97, 61);
    const png = await browserEncodeAsync(opaque, pageWithoutOffscreen);
    expect(decodePng(png)).toEqual(opaque);
    expect(await decodedAsync(encodePng(opaque), pageWithoutOffscreen)).toEqual(opaque);
    const translucent = everyAlpha();
    expectWithinCanvasRounding(decodePng(await browserEncodeAsync(translucent, pageWithoutOffscreen)), translucent);
    expect(await decodedAsync(encodePng(translucent), pageWithoutOffscreen)).toEqual(await decodedAsync(encodePng(translucent)));
    expect(await browserDecodeAsync(png.subarray(0, png.length >> 1), pageWithoutOffscreen)).toEqual({
      error: "The PNG image is damaged or cut off, so the panel cannot read it.",
    });
  });

  test("grey, rgb and indexed pngs decode to the same pixels as fast-png, 16-bit ones within a level", async () => {
    const photo = fitCover(loadKodak(3), 64, 48);
    const n = photo.width * photo.height;
    const grey = new Uint8Array(n).map((_, p) => photo.data[p * 4 + 1]!);
    const rgb = new Uint8Array(n * 3).map((_, i) => photo.data[Math.floor(i / 3) * 4 + (i % 3)]!);
    const rgb16 = new Uint16Array(n * 3).map((_, i) => rgb[i]! * 257 + (i % 200));
    const palette: [number, number, number][] = Array.from({ length: 16 }, (_, i) => [i * 17, 255 - i * 17, (i * 53) & 255]);
    const indexed = new Uint8Array(n).map((_, p) => p % 16);
    const pngs = [
      encode({ width: photo.width, height: photo.height, data: grey, channels: 1, depth: 8 }),
      encode({ width: photo.width, height: photo.height, data: rgb, channels: 3, depth: 8 }),
      encode({ width: photo.width, height: photo.height, data: indexed, channels: 1, depth: 8, palette }),
    ];
    for (const png of pngs) expect(await decodedAsync(png)).toEqual(decodePng(png));
    // Chromium keeps a 16-bit sample's high byte; fast-png rounds v / 257.
    const deep = encode({ width: photo.width, height: photo.height, data: rgb16, channels: 3, depth: 16 });
    const [browser8, node8] = [await decodedAsync(deep), decodePng(deep)];
    expect(browser8.data.every((v, i) => Math.abs(v - node8.data[i]!) <= 1)).toBe(true);
  });

  test("a gamma chunk does not change the pixels: sRGB in, sRGB out", async () => {
    const image = noise(40, 30);
    const gammaOne = new Uint8Array([0, 1, 0x86, 0xa0]); // gAMA 100000: linear light, far from sRGB
    const png = withChunk(encodePng(image), "gAMA", gammaOne);
    expect(decodePng(png)).toEqual(image);
    expect(await decodedAsync(png)).toEqual(image);
  });

  test("bytes that are not a png, and a damaged or cut-off png, are refused with a sentence", async () => {
    const png = encodePng(noise(64, 64));
    const flipped = png.slice();
    for (let i = 60; i < 80; i++) flipped[i] = flipped[i]! ^ 0xa5; // inside the compressed pixels
    expect(await browserDecodeAsync(new TextEncoder().encode("<html>502 Bad Gateway</html>"))).toEqual({ error: "The image is not a PNG the panel can read." });
    expect(await browserDecodeAsync(decodeBase64("/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQ=="))).toEqual({ error: "The image is not a PNG the panel can read." });
    for (const broken of [png.subarray(0, png.length >> 1), png.subarray(0, png.length - 12), flipped, png.subarray(0, 8)]) {
      expect(await browserDecodeAsync(broken)).toEqual({ error: "The PNG image is damaged or cut off, so the panel cannot read it." });
    }
  });

  test("nothing in the panel's bundle pulls in a png library", async () => {
    // The panel exactly as build.mjs bundles it.
    const { metafile } = await esbuild.build({ ...panelBundleOptions, absWorkingDir: ROOT, metafile: true, logLevel: "silent" });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.some((path) => path.endsWith("ui/lib/browser-png-codec.ts"))).toBe(true);
    expect(inputs.filter((path) => /node_modules\/(fast-png|fflate|iobuffer)\/|src\/core\/raster\/png-codec\.ts$/.test(path))).toEqual([]);
  });

  test("figma's largest picture, 4096 × 4096, encodes and decodes", async () => {
    const sizes = await page.evaluate(async () => {
      const { codec } = (globalThis as unknown as CodecGlobal).codecPage;
      const data = new Uint8ClampedArray(4096 * 4096 * 4);
      for (let i = 0; i < data.length; i += 4) data.set([(i >> 2) & 255, (i >> 12) & 255, (i >> 20) & 255, 255], i);
      const png = await codec.encodeAsync({ width: 4096, height: 4096, data });
      const back = await codec.decodeAsync(png);
      let same = back.data.length === data.length;
      for (let i = 0; same && i < data.length; i += 4099) same = back.data[i] === data[i];
      return { width: back.width, height: back.height, same };
    });
    expect(sizes).toEqual({ width: 4096, height: 4096, same: true });
  });
});
