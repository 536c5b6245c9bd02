import { describe, expect, it } from "vitest";
import { encodePng } from "../../src/core/raster/png-codec.js";
import { alterImage } from "./alter-image.js";
import { BehaviourQueue } from "./behaviour-queue.js";
import { decodeImageAsync } from "./decode-image.js";
import { encodeImageAsAsync } from "./encode-image-as.js";
import { FLASH_25, GEMINI_IMAGE_MODELS, geminiOutputSize } from "./gemini-image-models.js";
import { checkFlexibleSize, checkOpenAiImageParams } from "./openai-image-rules.js";
import { sniffImage } from "./sniff-image.js";
import { synthesizePicture } from "./synthesize-picture.js";

describe("sniffImage", () => {
  it("reads the size of png, jpeg and webp files from their headers", async () => {
    const picture = synthesizePicture(37, 21, "s");
    expect(sniffImage(encodePng(picture))).toEqual({ format: "png", width: 37, height: 21 });
    expect(sniffImage(await encodeImageAsAsync(picture, "jpeg"))).toEqual({ format: "jpeg", width: 37, height: 21 });
    expect(sniffImage(await encodeImageAsAsync(picture, "webp"))).toEqual({ format: "webp", width: 37, height: 21 });
  });

  it("returns undefined for text and for a truncated header", () => {
    expect(sniffImage(new TextEncoder().encode("hello world, not an image"))).toBeUndefined();
    expect(sniffImage(encodePng(synthesizePicture(4, 4, "t")).subarray(0, 12))).toBeUndefined();
  });

  it("decodes jpeg and webp uploads back to pixels", async () => {
    const picture = synthesizePicture(16, 8, "d");
    const fromWebp = await decodeImageAsync(await encodeImageAsAsync(picture, "webp"));
    expect(fromWebp?.data).toEqual(picture.data);
    const fromJpeg = await decodeImageAsync(await encodeImageAsAsync(picture, "jpeg"));
    expect([fromJpeg?.width, fromJpeg?.height]).toEqual([16, 8]);
    expect(await decodeImageAsync(new Uint8Array([1, 2, 3]))).toBeUndefined();
  });
});

describe("gemini output sizes", () => {
  const flash25 = FLASH_25;
  const pro3 = GEMINI_IMAGE_MODELS["gemini-3-pro-image"]!;
  const flash31 = GEMINI_IMAGE_MODELS["gemini-3.1-flash-lite-image"]!;

  it("follows google's table for 16:9 at 1K", () => {
    expect(geminiOutputSize(flash25, "16:9", undefined)).toEqual({ width: 1344, height: 768 });
    expect(geminiOutputSize(pro3, "16:9", "1K")).toEqual({ width: 1376, height: 768 });
  });

  it("doubles at 2K, quadruples at 4K and halves at 512 on gemini 3 models", () => {
    expect(geminiOutputSize(pro3, "3:2", "2K")).toEqual({ width: 2464, height: 1632 });
    expect(geminiOutputSize(pro3, "1:1", "4K")).toEqual({ width: 4096, height: 4096 });
    expect(geminiOutputSize(flash31, "1:8", "512")).toEqual({ width: 192, height: 1536 });
  });

  it("keeps the retired gemini-2.5-flash-image table near 1024 px whatever the image size", () => {
    expect(geminiOutputSize(flash25, "1:1", "4K")).toEqual({ width: 1024, height: 1024 });
  });

  it("picks the listed ratio nearest to the input when none is asked", () => {
    expect(geminiOutputSize(pro3, undefined, "1K", { width: 1000, height: 560 })).toEqual({ width: 1376, height: 768 });
    expect(geminiOutputSize(pro3, undefined, "1K")).toEqual({ width: 1024, height: 1024 });
  });
});

describe("openai size rules", () => {
  it.each([
    [1024, 640, true],
    [3840, 2160, true],
    [1024, 624, false],
    [3840, 1280, true],
    [3840, 1264, false],
    [3856, 2160, false],
    [2880, 2880, true],
    [2896, 2896, false],
    [1000, 1008, false],
  ])("judges %ix%i valid: %s", (width, height, valid) => {
    expect(checkFlexibleSize(width, height) === undefined).toBe(valid);
  });

  it("rejects an unknown parameter by name", () => {
    expect(checkOpenAiImageParams("generations", { model: "gpt-image-2", prompt: "x", seed: 1 })?.body.error).toMatchObject({ param: "seed", code: "unknown_parameter" });
    expect(checkOpenAiImageParams("edits", { model: "gpt-image-2", prompt: "x", moderation: "low" })?.body.error.param).toBe("moderation");
  });
});

describe("alterImage", () => {
  it("paints only where the mask is transparent unless told to alter everything", () => {
    const source = synthesizePicture(8, 8, "src");
    const mask = { width: 8, height: 8, data: new Uint8ClampedArray(8 * 8 * 4).fill(255) };
    mask.data[3] = 0;
    const kept = alterImage(source, { width: 8, height: 8, seed: "p", mask });
    expect(kept.data.subarray(4)).toEqual(source.data.subarray(4));
    expect(kept.data.subarray(0, 3)).not.toEqual(source.data.subarray(0, 3));
    const soft = alterImage(source, { width: 8, height: 8, seed: "p", mask, alterEverything: true });
    expect(soft.data[4]).toBe(source.data[4]! ^ 0x80);
  });

  it("resamples to the output size", () => {
    const out = alterImage(synthesizePicture(8, 8, "src"), { width: 16, height: 4, seed: "p" });
    expect([out.width, out.height, out.data.length]).toEqual([16, 4, 16 * 4 * 4]);
  });
});

describe("BehaviourQueue", () => {
  it("hands out queued behaviours in order, then the default", () => {
    const queue = new BehaviourQueue<string>("ok");
    queue.enqueue("a", "b");
    queue.setDefault("slow");
    expect([queue.next(), queue.next(), queue.next(), queue.pending]).toEqual(["a", "b", "slow", 0]);
  });
});
