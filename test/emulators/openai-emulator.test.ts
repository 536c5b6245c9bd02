import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  type InternalServerError,
  NotFoundError,
  RateLimitError,
  toFile,
} from "openai";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";
import type { RgbaImage } from "../../src/core/raster/rgba-image.js";
import { startOpenAiEmulator, type OpenAiEmulator } from "./index.js";
import { assertOpenApiSchema } from "./openapi-validator.js";
import { sniffImage } from "./sniff-image.js";
import { synthesizePicture } from "./synthesize-picture.js";

/** A JSON body the emulator sent, captured between the emulator and the SDK. */
interface SeenResponse {
  readonly status: number;
  readonly json: unknown;
}

let emu: OpenAiEmulator;
let seen: SeenResponse[];

/** The real SDK, with a fetch that copies every JSON response so each can be checked against the OpenAPI spec. */
function sdk(options: ConstructorParameters<typeof OpenAI>[0] = {}): OpenAI {
  return new OpenAI({
    apiKey: "test-key",
    baseURL: emu.url,
    maxRetries: 0,
    ...options,
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      if (response.headers.get("content-type")?.startsWith("application/json")) {
        const text = await response.clone().text();
        try {
          seen.push({ status: response.status, json: JSON.parse(text) });
        } catch {
          seen.push({ status: response.status, json: undefined });
        }
      }
      return response;
    },
  });
}

beforeAll(async () => {
  emu = await startOpenAiEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.requests.length = 0;
  seen = [];
});
afterEach(() => {
  // Every JSON answer, success or error, must match the published schema (widened only for SDK-documented values).
  for (const response of seen) {
    if (response.json === undefined) continue;
    assertOpenApiSchema(response.status === 200 ? "ImagesResponse" : "ErrorResponse", response.json);
  }
});

const decodeB64 = (b64: string | undefined): RgbaImage => decodePng(new Uint8Array(Buffer.from(b64 ?? "", "base64")));
const bytesOf = (b64: string | undefined) => new Uint8Array(Buffer.from(b64 ?? "", "base64"));
const pngFile = (image: RgbaImage, name = "image.png") => toFile(encodePng(image), name, { type: "image/png" });
const pixel = (img: RgbaImage, x: number, y: number) => Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));

/** An opaque 64×48 input image and a mask whose left half is transparent (the area to edit). */
function inputAndMask(): { image: RgbaImage; mask: RgbaImage } {
  const image = synthesizePicture(64, 48, "input photo");
  const mask = { width: 64, height: 48, data: new Uint8ClampedArray(64 * 48 * 4).fill(255) };
  for (let y = 0; y < 48; y++) for (let x = 0; x < 32; x++) mask.data[(y * 64 + x) * 4 + 3] = 0;
  return { image, mask };
}

describe("openai emulator: generate", () => {
  it("answers with real pngs of the requested size and records the json body the sdk sent", async () => {
    const result = await sdk().images.generate({ model: "gpt-image-2.6-sunburst", prompt: "a red bicycle", size: "1536x1024", quality: "low", n: 2 });
    expect(result.data).toHaveLength(2);
    const first = decodeB64(result.data?.[0]?.b64_json);
    expect([first.width, first.height]).toEqual([1536, 1024]);
    expect(result.data?.[0]?.b64_json).not.toBe(result.data?.[1]?.b64_json);
    expect(result).toMatchObject({ size: "1536x1024", quality: "low", output_format: "png", background: "opaque" });
    expect(result.usage?.output_tokens).toBeGreaterThan(0);
    const [request] = emu.requests;
    expect(request?.path).toBe("/v1/images/generations");
    expect(request?.headers["authorization"]).toBe("Bearer test-key");
    expect(request?.json).toEqual({ model: "gpt-image-2.6-sunburst", prompt: "a red bicycle", size: "1536x1024", quality: "low", n: 2 });
  });

  it("gives the same picture for the same prompt", async () => {
    const a = await sdk().images.generate({ model: "gpt-image-2.6-sunburst", prompt: "same", size: "1024x1024" });
    const b = await sdk().images.generate({ model: "gpt-image-2.6-sunburst", prompt: "same", size: "1024x1024" });
    expect(a.data?.[0]?.b64_json).toBe(b.data?.[0]?.b64_json);
  });

  it("accepts a custom size on gpt-image-2 and rejects it on gpt-image-2.6-sunburst", async () => {
    const ok = await sdk().images.generate({ model: "gpt-image-2", prompt: "wide", size: "1280x512" });
    expect(decodeB64(ok.data?.[0]?.b64_json).width).toBe(1280);
    expect(ok.size).toBe("1280x512");
    const error = await sdk()
      .images.generate({ model: "gpt-image-2.6-sunburst", prompt: "wide", size: "1280x512" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe("size");
  });

  it.each([
    ["1000x1000", "divisible by 16"],
    ["3072x768", "between 1:3 and 3:1"],
    ["3856x1296", "at most 3840"],
    ["768x768", "between 655360 and 8294400"],
  ])("rejects size %s on gpt-image-2", async (size, reason) => {
    const error = await sdk()
      .images.generate({ model: "gpt-image-2", prompt: "x", size })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).message).toContain(reason);
  });

  it("rejects shut-down models with 404 model_not_found and unknown ones with 400", async () => {
    const retired = await sdk()
      .images.generate({ model: "dall-e-3", prompt: "x" })
      .catch((e: unknown) => e);
    expect(retired).toBeInstanceOf(NotFoundError);
    expect((retired as NotFoundError).code).toBe("model_not_found");
    const unknown = await sdk()
      .images.generate({ model: "gpt-4o", prompt: "x" })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(BadRequestError);
    expect((unknown as BadRequestError).param).toBe("model");
  });

  it.each([
    [{ n: 11 }, "n"],
    [{ quality: "xhigh" }, "quality"],
    [{ quality: "hd" }, "quality"],
    [{ output_format: "gif" }, "output_format"],
    [{ background: "transparent", output_format: "jpeg" }, "background"],
    [{ partial_images: 4, stream: true }, "partial_images"],
    [{ response_format: "url" }, "response_format"],
  ] as const)("rejects %j with param %s", async (extra, param) => {
    const error = await sdk()
      .images.generate({ model: "gpt-image-2", prompt: "x", ...(extra as object) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).param).toBe(param);
    expect((error as BadRequestError).type).toBe("invalid_request_error");
  });

  it("accepts xhigh quality on the 2.5 models", async () => {
    const result = await sdk().images.generate({ model: "gpt-image-2.5-flare", prompt: "x", quality: "xhigh", size: "1024x640" });
    expect(result.quality).toBe("xhigh");
  });

  it("encodes real jpeg and webp files when asked", async () => {
    const jpeg = await sdk().images.generate({ model: "gpt-image-2.6-flare", prompt: "x", output_format: "jpeg", size: "1024x1024" });
    expect(sniffImage(bytesOf(jpeg.data?.[0]?.b64_json))).toEqual({ format: "jpeg", width: 1024, height: 1024 });
    const webp = await sdk().images.generate({ model: "gpt-image-2.6-flare", prompt: "x", output_format: "webp", size: "1024x1536" });
    expect(sniffImage(bytesOf(webp.data?.[0]?.b64_json))).toEqual({ format: "webp", width: 1024, height: 1536 });
  });

  it("makes transparent backgrounds really transparent", async () => {
    const result = await sdk().images.generate({ model: "gpt-image-2.6-sunburst", prompt: "logo", background: "transparent", size: "1024x1024" });
    const image = decodeB64(result.data?.[0]?.b64_json);
    expect(result.background).toBe("transparent");
    expect(pixel(image, 0, 0)[3]).toBe(0);
    expect(pixel(image, 512, 512)[3]).toBe(255);
  });

  it("answers 401 in openai's error shape without a bearer token or with the wrong key", async () => {
    const response = await fetch(`${emu.url}/images/generations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-image-2", prompt: "x" }),
    });
    const body = await response.json();
    expect(response.status).toBe(401);
    assertOpenApiSchema("ErrorResponse", body);
    const strict = await startOpenAiEmulator({ apiKey: "right" });
    try {
      const rejected = await new OpenAI({ apiKey: "wrong", baseURL: strict.url, maxRetries: 0 }).images.generate({ model: "gpt-image-2", prompt: "x" }).catch((e: unknown) => e);
      expect(rejected).toBeInstanceOf(AuthenticationError);
      expect((rejected as AuthenticationError).code).toBe("invalid_api_key");
    } finally {
      await strict.close();
    }
  });
});

describe("openai emulator: edit", () => {
  it("sends one image as field image and changes only the transparent mask area", async () => {
    const { image, mask } = inputAndMask();
    const result = await sdk().images.edit({
      model: "gpt-image-2.6-sunburst",
      prompt: "replace the left half",
      image: await pngFile(image),
      mask: await pngFile(mask, "mask.png"),
    });
    const out = decodeB64(result.data?.[0]?.b64_json);
    expect([out.width, out.height]).toEqual([64, 48]);
    expect(pixel(out, 48, 20)).toEqual(pixel(image, 48, 20));
    expect(pixel(out, 10, 20)).not.toEqual(pixel(image, 10, 20));
    const form = emu.requests[0]?.form;
    expect(form?.files.map((f) => [f.name, f.filename, f.type])).toEqual([
      ["image", "image.png", "image/png"],
      ["mask", "mask.png", "image/png"],
    ]);
    expect(form?.files[0]?.bytes).toEqual(encodePng(image));
    expect(form?.fields).toEqual({ model: "gpt-image-2.6-sunburst", prompt: "replace the left half" });
  });

  it("alters pixels outside the mask too when behaving like a soft mask", async () => {
    const { image, mask } = inputAndMask();
    emu.enqueue("alterEverything");
    const result = await sdk().images.edit({ model: "gpt-image-2", prompt: "soft mask", image: await pngFile(image), mask: await pngFile(mask, "mask.png") });
    const out = decodeB64(result.data?.[0]?.b64_json);
    expect(pixel(out, 48, 20)[0]).toBe(pixel(image, 48, 20)[0]! ^ 0x80);
  });

  it("sends several images as repeated image[] fields and sizes the answer after the first", async () => {
    const result = await sdk().images.edit({
      model: "gpt-image-2",
      prompt: "combine",
      image: [await pngFile(synthesizePicture(32, 32, "a"), "a.png"), await pngFile(synthesizePicture(48, 32, "b"), "b.png")],
      n: 2,
    });
    expect(result.size).toBe("32x32");
    expect(result.data).toHaveLength(2);
    expect(emu.requests[0]?.form?.files.map((f) => f.name)).toEqual(["image[]", "image[]"]);
    expect(emu.requests[0]?.form?.fields["n"]).toBe("2");
  });

  it("sends a one-element image array as image[], not image", async () => {
    await sdk().images.edit({ model: "gpt-image-2", prompt: "x", image: [await pngFile(synthesizePicture(16, 16, "a"))] });
    expect(emu.requests[0]?.form?.files.map((f) => f.name)).toEqual(["image[]"]);
  });

  it("rejects markup combined with a mask", async () => {
    const { image, mask } = inputAndMask();
    const error = await sdk()
      .images.edit({ model: "gpt-image-2.5-flare", prompt: "x", image: await pngFile(image), mask: await pngFile(mask, "mask.png"), markup: await pngFile(mask, "markup.png") })
      .catch((e: unknown) => e);
    expect((error as BadRequestError).param).toBe("markup");
  });

  it("rejects an image uploaded as application/octet-stream, as toFile without a type does", async () => {
    const error = await sdk()
      .images.edit({ model: "gpt-image-2", prompt: "x", image: await toFile(encodePng(synthesizePicture(16, 16, "a")), "a.png") })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).code).toBe("unsupported_file_mimetype");
    expect(emu.requests[0]?.form?.files[0]?.type).toBe("application/octet-stream");
  });

  it("rejects bytes that are not an image even when declared image/png", async () => {
    const error = await sdk()
      .images.edit({ model: "gpt-image-2", prompt: "x", image: await toFile(new TextEncoder().encode("not a png"), "a.png", { type: "image/png" }) })
      .catch((e: unknown) => e);
    expect((error as BadRequestError).code).toBe("invalid_image_format");
  });

  it("rejects a mask whose size differs from the first image", async () => {
    const error = await sdk()
      .images.edit({ model: "gpt-image-2", prompt: "x", image: await pngFile(synthesizePicture(32, 32, "a")), mask: await pngFile(synthesizePicture(16, 16, "m"), "mask.png") })
      .catch((e: unknown) => e);
    expect((error as BadRequestError).param).toBe("mask");
  });

  it("rejects input_fidelity on gpt-image-2", async () => {
    const error = await sdk()
      .images.edit({ model: "gpt-image-2", prompt: "x", image: await pngFile(synthesizePicture(16, 16, "a")), input_fidelity: "high" })
      .catch((e: unknown) => e);
    expect((error as BadRequestError).param).toBe("input_fidelity");
  });

  it("streams image_edit events for a streaming edit", async () => {
    const stream = await sdk().images.edit({ model: "gpt-image-2.6-sunburst", prompt: "x", image: await pngFile(synthesizePicture(40, 40, "a")), stream: true, partial_images: 1 });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types).toEqual(["image_edit.partial_image", "image_edit.completed"]);
    expect(emu.requests[0]?.form?.fields["stream"]).toBe("true");
  });
});

describe("openai emulator: streaming", () => {
  it("streams partial images then the completed event with usage, as the sdk parses them", async () => {
    const stream = await sdk().images.generate({ model: "gpt-image-2.6-sunburst", prompt: "stream", stream: true, partial_images: 2, size: "1024x1024", quality: "low" });
    const events = [];
    for await (const event of stream) events.push(event);
    expect(events.map((e) => [e.type, "partial_image_index" in e ? e.partial_image_index : null])).toEqual([
      ["image_generation.partial_image", 0],
      ["image_generation.partial_image", 1],
      ["image_generation.completed", null],
    ]);
    for (const event of events) assertOpenApiSchema("ImageGenStreamEvent", event);
    const done = events[2];
    expect(done?.type === "image_generation.completed" ? done.usage.total_tokens : 0).toBeGreaterThan(0);
    expect(decodeB64(done?.b64_json).width).toBe(1024);
    expect(emu.requests[0]?.json).toMatchObject({ stream: true, partial_images: 2 });
  });

  it("makes the sdk throw on an error event in the stream", async () => {
    emu.enqueue({ streamError: { afterPartials: 1 } });
    const stream = await sdk().images.generate({ model: "gpt-image-2.6-sunburst", prompt: "x", stream: true, partial_images: 2, size: "1024x1024" });
    const types: string[] = [];
    const error = await (async () => {
      for await (const event of stream) types.push(event.type);
    })().catch((e: unknown) => e);
    expect(types).toEqual(["image_generation.partial_image"]);
    expect(error).toBeInstanceOf(APIError);
  });
});

describe("openai emulator: failures", () => {
  it("makes the sdk retry a 429 honouring retry-after, then succeed", async () => {
    emu.enqueue({ rateLimited: { retryAfterS: 0 } });
    const result = await sdk({ maxRetries: 2 }).images.generate({ model: "gpt-image-2.6-flare", prompt: "retry me", size: "1024x1024", quality: "low" });
    expect(result.data).toHaveLength(1);
    expect(emu.requests.map((r) => r.headers["x-stainless-retry-count"])).toEqual(["0", "1"]);
  });

  it("sends retry-after and retry-after-ms headers with a rate limit", async () => {
    emu.enqueue({ rateLimited: { retryAfterS: 7, retryAfterMs: 6500 } });
    const error = await sdk()
      .images.generate({ model: "gpt-image-2", prompt: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).code).toBe("rate_limit_exceeded");
    expect((error as RateLimitError).headers.get("retry-after")).toBe("7");
    expect((error as RateLimitError).headers.get("retry-after-ms")).toBe("6500");
  });

  it("turns a moderation block into a bad request error with code moderation_blocked", async () => {
    emu.enqueue("moderationBlocked");
    const error = await sdk({ maxRetries: 2 })
      .images.generate({ model: "gpt-image-2.6-sunburst", prompt: "blocked" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).code).toBe("moderation_blocked");
    expect((error as BadRequestError).type).toBe("image_generation_user_error");
    expect(emu.requests).toHaveLength(1);
  });

  it("reports exhausted quota as a 429 with code insufficient_quota", async () => {
    emu.enqueue("insufficientQuota");
    const error = await sdk()
      .images.generate({ model: "gpt-image-2.6-sunburst", prompt: "x" })
      .catch((e: unknown) => e);
    expect((error as RateLimitError).code).toBe("insufficient_quota");
  });

  it("answers 500 and 503 in json and 502 as an html gateway page", async () => {
    emu.enqueue({ status: 500 }, { status: 502 }, { status: 503, shouldRetry: false });
    const errors = [];
    for (let i = 0; i < 3; i++)
      errors.push(
        await sdk()
          .images.generate({ model: "gpt-image-2.6-sunburst", prompt: "x" })
          .catch((e: unknown) => e),
      );
    expect(errors.map((e) => (e as InternalServerError).status)).toEqual([500, 502, 503]);
    expect((errors[0] as InternalServerError).type).toBe("server_error");
    expect((errors[1] as InternalServerError).message).toContain("502 Bad Gateway");
    expect((errors[2] as InternalServerError).headers.get("x-should-retry")).toBe("false");
  });

  it("is not retried by the sdk when x-should-retry is false", async () => {
    emu.enqueue({ status: 503, shouldRetry: false });
    await sdk({ maxRetries: 2 })
      .images.generate({ model: "gpt-image-2.6-sunburst", prompt: "x" })
      .catch(() => undefined);
    expect(emu.requests).toHaveLength(1);
  });

  it("returns corrupted or mismatched image payloads when scripted", async () => {
    emu.enqueue("truncatedBase64", "invalidBase64", "notAnImage", { wrongSize: { width: 64, height: 64 } });
    const ask = () => sdk().images.generate({ model: "gpt-image-2.6-sunburst", prompt: "x", size: "1024x1024" });
    const truncated = bytesOf((await ask()).data?.[0]?.b64_json);
    expect(sniffImage(truncated)?.format).toBe("png");
    expect(() => decodePng(truncated)).toThrow();
    expect((await ask()).data?.[0]?.b64_json).toMatch(/[^A-Za-z0-9+/=]/);
    expect(sniffImage(bytesOf((await ask()).data?.[0]?.b64_json))).toBeUndefined();
    const wrong = await ask();
    expect(wrong.size).toBe("1024x1024");
    expect(decodeB64(wrong.data?.[0]?.b64_json).width).toBe(64);
  });

  it("makes the sdk fail on a cut-off json body", async () => {
    emu.enqueue("malformedJson");
    const error = await sdk()
      .images.generate({ model: "gpt-image-2.6-sunburst", prompt: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(APIError);
  });

  it("resets the connection, which the sdk retries as a connection error", async () => {
    emu.enqueue("resetConnection");
    const ok = await sdk({ maxRetries: 1 }).images.generate({ model: "gpt-image-2.6-sunburst", prompt: "x", size: "1024x1024" });
    expect(ok.data).toHaveLength(1);
    emu.enqueue("resetConnection");
    const error = await sdk()
      .images.generate({ model: "gpt-image-2.6-sunburst", prompt: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
  });

  it("counts a hanging request the caller aborts as a closed connection", async () => {
    emu.enqueue({ hang: true });
    const before = emu.closedConnections;
    const controller = new AbortController();
    const pending = sdk()
      .images.generate({ model: "gpt-image-2.6-sunburst", prompt: "x" }, { signal: controller.signal })
      .catch((e: unknown) => e);
    while (emu.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect(await pending).toBeInstanceOf(APIUserAbortError);
    await emu.waitForClosedConnectionsAsync(before + 1);
    expect(emu.closedConnections).toBe(before + 1);
  });

  it("gives up on a slow answer when the sdk timeout passes", async () => {
    emu.enqueue({ latencyMs: 5000 });
    const before = emu.closedConnections;
    const error = await sdk({ timeout: 100 })
      .images.generate({ model: "gpt-image-2.6-sunburst", prompt: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    await emu.waitForClosedConnectionsAsync(before + 1);
  });

  it("dribbles a slow body in several chunks that still parse", async () => {
    emu.enqueue({ slowBody: { chunks: 5, intervalMs: 10 } });
    const response = await fetch(`${emu.url}/images/generations`, {
      method: "POST",
      headers: { authorization: "Bearer k", "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-image-2.6-sunburst", prompt: "x", size: "1024x1024" }),
    });
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    expect(chunks.length).toBeGreaterThanOrEqual(5);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    expect(decodeB64(body.data[0].b64_json).width).toBe(1024);
  });

  it("lets close end a hanging request without keeping the process alive", async () => {
    const local = await startOpenAiEmulator({ defaultBehaviour: { hang: true } });
    const pending = fetch(`${local.url}/images/generations`, { method: "POST", headers: { authorization: "Bearer k" }, body: "{}" }).catch((e: unknown) => e);
    while (local.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await local.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(local.closedConnections).toBe(0);
  });

  it("is reachable through OPENAI_BASE_URL", async () => {
    const previous = process.env["OPENAI_BASE_URL"];
    process.env["OPENAI_BASE_URL"] = emu.url;
    try {
      await new OpenAI({ apiKey: "env-key", maxRetries: 0 }).images.generate({ model: "gpt-image-2.6-sunburst", prompt: "env", size: "1024x1024" });
    } finally {
      if (previous === undefined) delete process.env["OPENAI_BASE_URL"];
      else process.env["OPENAI_BASE_URL"] = previous;
    }
    expect(emu.requests[0]?.headers["authorization"]).toBe("Bearer env-key");
  });
});
