import OpenAI, { BadRequestError, toFile } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";
import type { RgbaImage } from "../../src/core/raster/rgba-image.js";
import { startOpenAiEmulator, type OpenAiEmulator } from "./index.js";
import { synthesizePicture } from "./synthesize-picture.js";

let emu: OpenAiEmulator;
let client: OpenAI;

beforeAll(async () => {
  emu = await startOpenAiEmulator();
  client = new OpenAI({ apiKey: "test-key", baseURL: emu.url, maxRetries: 2 });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.requests.length = 0;
});

const decodeB64 = (b64: string | undefined): RgbaImage => decodePng(new Uint8Array(Buffer.from(b64 ?? "", "base64")));

/** An opaque 64×48 input image with a mask whose left half is transparent (the area to edit). */
function inputAndMask(): { image: RgbaImage; mask: RgbaImage } {
  const image = synthesizePicture(64, 48, "input photo");
  const mask = { width: 64, height: 48, data: new Uint8ClampedArray(64 * 48 * 4).fill(255) };
  for (let y = 0; y < 48; y++) for (let x = 0; x < 32; x++) mask.data[(y * 64 + x) * 4 + 3] = 0;
  return { image, mask };
}

describe("openai emulator with the real openai sdk", () => {
  it("generates a real png of the requested size and records the json body the sdk sent", async () => {
    const result = await client.images.generate({ model: "gpt-image-1.5", prompt: "a red bicycle", size: "1536x1024", quality: "low", n: 2 });
    expect(result.data).toHaveLength(2);
    const first = decodeB64(result.data?.[0]?.b64_json);
    expect([first.width, first.height]).toEqual([1536, 1024]);
    expect(result.size).toBe("1536x1024");
    expect(result.quality).toBe("low");
    expect(result.usage?.output_tokens).toBeGreaterThan(0);
    const [request] = emu.requests;
    expect(request?.path).toBe("/v1/images/generations");
    expect(request?.headers["authorization"]).toBe("Bearer test-key");
    expect(request?.json).toEqual({ model: "gpt-image-1.5", prompt: "a red bicycle", size: "1536x1024", quality: "low", n: 2 });
  });

  it("sends one image as field image and changes only the transparent mask area", async () => {
    const { image, mask } = inputAndMask();
    const result = await client.images.edit({
      model: "gpt-image-1.5",
      prompt: "replace the left half",
      image: await toFile(encodePng(image), "image.png", { type: "image/png" }),
      mask: await toFile(encodePng(mask), "mask.png", { type: "image/png" }),
    });
    const out = decodeB64(result.data?.[0]?.b64_json);
    expect([out.width, out.height]).toEqual([64, 48]);
    const pixel = (img: RgbaImage, x: number, y: number) => Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));
    expect(pixel(out, 48, 20)).toEqual(pixel(image, 48, 20));
    expect(pixel(out, 10, 20)).not.toEqual(pixel(image, 10, 20));
    const files = emu.requests[0]?.form?.files ?? [];
    expect(files.map((f) => [f.name, f.filename, f.type])).toEqual([
      ["image", "image.png", "image/png"],
      ["mask", "mask.png", "image/png"],
    ]);
    expect(emu.requests[0]?.form?.fields["prompt"]).toBe("replace the left half");
  });

  it("alters pixels outside the mask too when told to behave like a soft mask", async () => {
    const { image, mask } = inputAndMask();
    emu.enqueue("alterEverything");
    const result = await client.images.edit({
      model: "gpt-image-2",
      prompt: "soft mask",
      image: await toFile(encodePng(image), "image.png", { type: "image/png" }),
      mask: await toFile(encodePng(mask), "mask.png", { type: "image/png" }),
    });
    const out = decodeB64(result.data?.[0]?.b64_json);
    const o = (20 * 64 + 48) * 4;
    expect(out.data[o]).toBe(image.data[o]! ^ 0x80);
  });

  it("sends several images as repeated image[] fields", async () => {
    const a = encodePng(synthesizePicture(32, 32, "a"));
    const b = encodePng(synthesizePicture(48, 32, "b"));
    const result = await client.images.edit({
      model: "gpt-image-2",
      prompt: "combine",
      image: [await toFile(a, "a.png", { type: "image/png" }), await toFile(b, "b.png", { type: "image/png" })],
    });
    expect(result.size).toBe("32x32");
    expect(emu.requests[0]?.form?.files.map((f) => f.name)).toEqual(["image[]", "image[]"]);
  });

  it("retries a 429 honouring retry-after and then succeeds", async () => {
    emu.enqueue({ rateLimited: { retryAfterS: 0 } });
    const result = await client.images.generate({ model: "gpt-image-1-mini", prompt: "retry me", size: "1024x1024", quality: "low" });
    expect(result.data).toHaveLength(1);
    expect(emu.requests.map((r) => r.headers["x-stainless-retry-count"])).toEqual(["0", "1"]);
  });

  it("turns a moderation block into a bad request error with code moderation_blocked", async () => {
    emu.enqueue("moderationBlocked");
    const error = await client.images.generate({ model: "gpt-image-1.5", prompt: "blocked" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).code).toBe("moderation_blocked");
    expect((error as BadRequestError).type).toBe("image_generation_user_error");
    expect(emu.requests).toHaveLength(1);
  });

  it("streams partial images then the completed event with usage", async () => {
    const stream = await client.images.generate({ model: "gpt-image-1.5", prompt: "stream", stream: true, partial_images: 2, size: "1024x1024", quality: "low" });
    const events = [];
    for await (const event of stream) events.push(event);
    expect(events.map((e) => e.type)).toEqual(["image_generation.partial_image", "image_generation.partial_image", "image_generation.completed"]);
    const done = events[2];
    expect(done?.type === "image_generation.completed" && done.usage.total_tokens).toBeGreaterThan(0);
    expect(decodeB64(done?.b64_json).width).toBe(1024);
    expect(emu.requests[0]?.json).toMatchObject({ stream: true, partial_images: 2 });
  });
});
