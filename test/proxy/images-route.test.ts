import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodePng } from "../../src/core/raster/png-codec.js";
import { sniffImage } from "../../src/core/image-format/sniff-image.js";
import { encodePng } from "../../src/core/raster/png-codec.js";
import { createRgbaImage } from "../../src/core/raster/rgba-image.js";
import { startTestProxyAsync, type TestProxy } from "./start-test-proxy.js";
import type { ImageOutput, ImagesRequest } from "../../src/core/api/images-request.js";
import { createProxyClient } from "../../src/jobs/proxy-client.js";
import { RETIRED_MODELS } from "../../src/core/catalog/retired-models.js";

let proxy: TestProxy;
beforeAll(async () => {
  proxy = await startTestProxyAsync();
});
afterAll(async () => {
  await proxy?.close();
});

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${proxy.url}/v1/images`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: "null", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as any };
}

function pngBase64(width: number, height: number): string {
  return Buffer.from(encodePng(createRgbaImage(width, height, [10, 200, 30, 255]))).toString("base64");
}

/** Everything a response or log line must never contain. */
function expectNoSecrets(text: string) {
  expect(text).not.toContain("sk-test-openai-key-never-shown");
  expect(text).not.toContain("AIzaTestGeminiKeyNeverShownToUsers00");
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
}

describe("POST /v1/images", () => {
  it("returns a png from the offline model for 1200×628", async () => {
    const { status, json } = await post({ model: "offline", prompt: "calm spring meadow", width: 1200, height: 628 });
    expect(status).toBe(200);
    expect(json.provider).toBe("offline");
    expect(json.costUsd).toBe(0);
    const png = Buffer.from(json.images[0].data, "base64");
    const image = decodePng(new Uint8Array(png));
    expect([image.width, image.height]).toEqual([1200, 628]);
    expect(json.images[0]).toMatchObject({ mimeType: "image/png", width: 1200, height: 628 });
  });

  it("calls gpt-image-2 through the openai sdk with the nearest size and returns its png", async () => {
    const before = proxy.openai.requests.length;
    const { status, json } = await post({ model: "gpt-image-2", prompt: "a lighthouse at dusk", width: 1200, height: 628, quality: "low" });
    expect(status).toBe(200);
    const sent = proxy.openai.requests[before]!;
    expect(sent.path).toBe("/v1/images/generations");
    expect(sent.headers.authorization).toBe("Bearer sk-test-openai-key-never-shown");
    const body = sent.json as Record<string, unknown>;
    expect(body).toMatchObject({ model: "gpt-image-2", prompt: "a lighthouse at dusk", n: 1, quality: "low", output_format: "png" });
    // 1200×628 is 1.91:1; the request keeps that aspect in 16-px steps.
    const [w, h] = String(body.size).split("x").map(Number) as [number, number];
    expect(w % 16).toBe(0);
    expect(h % 16).toBe(0);
    expect(Math.abs(w / h - 1200 / 628)).toBeLessThan(0.03);
    expect(w).toBeGreaterThanOrEqual(1200);
    const sniffed = sniffImage(new Uint8Array(Buffer.from(json.images[0].data, "base64")))!;
    expect(sniffed).toMatchObject({ type: "image/png", width: w, height: h });
    expect(json).toMatchObject({ model: "gpt-image-2", provider: "openai", watermark: "c2pa" });
    expect(json.costUsd).toBe(0.005); // low quality, non-square, within the priced pixel count
  });

  it("calls Nano Banana 2 (gemini-nano-banana-2.1) with an aspect ratio and image size and returns its png", async () => {
    const before = proxy.gemini.requests.length;
    const { status, json } = await post({ model: "gemini-nano-banana-2.1", prompt: "a lighthouse at dusk", width: 1200, height: 628 });
    expect(status).toBe(200);
    const sent = proxy.gemini.requests[before]!;
    expect(sent.path).toMatch(/^\/v1(beta)?\/models\/gemini-nano-banana-2\.1:generateContent$/);
    expect(sent.headers["x-goog-api-key"]).toBe("AIzaTestGeminiKeyNeverShownToUsers00");
    const body = sent.json as { generationConfig: { imageConfig: { aspectRatio: string; imageSize: string }; responseModalities: string[] } };
    expect(body.generationConfig.imageConfig.aspectRatio).toBe("16:9");
    // 1K at 16:9 (about 1360×768) already covers 1200×628, so the cheaper tier is chosen.
    expect(body.generationConfig.imageConfig.imageSize).toBe("1K");
    expect(body.generationConfig.responseModalities).toEqual(["IMAGE"]);
    const image = decodePng(new Uint8Array(Buffer.from(json.images[0].data, "base64")));
    expect(image.width / image.height).toBeCloseTo(16 / 9, 1);
    // No published price for the 2.1 model: the cost is unknown, never guessed.
    expect(json).toMatchObject({ provider: "gemini", watermark: "synthid", costUsd: null });
    expect(json.images[0].note).toBeUndefined();
  });

  it("passes Gemini's published 21:9 size on as it came, with no note", async () => {
    // Google's Gemini 3 table: 21:9 at 1K is 1584×672, 1 % off the 1568×672 brandfill expects.
    const { status, json } = await post({ model: "gemini-3-pro-image", prompt: "a wide valley", width: 1440, height: 616 });
    expect(status).toBe(200);
    expect(json.images[0]).toMatchObject({ width: 1584, height: 672 });
    expect(json.images[0].note).toBeUndefined();
  });

  it("turns an openai moderation block into 422 content_blocked", async () => {
    proxy.openai.enqueue("moderationBlocked");
    const { status, json } = await post({ model: "gpt-image-2", prompt: "something blocked", width: 1024, height: 1024 });
    expect(status).toBe(422);
    expect(json.error).toMatchObject({ code: "content_blocked", provider: "openai", retryable: false });
    expect(json.error.message).toMatch(/safety/i);
  });

  it.each([[{ promptBlocked: "SAFETY" }], [{ finishReason: "IMAGE_SAFETY" }], [{ finishReason: "NO_IMAGE" }], ["textOnly"]] as const)(
    "turns a gemini http 200 block %j into 422 content_blocked",
    async (behaviour) => {
      proxy.gemini.enqueue(behaviour as never);
      const { status, json } = await post({ model: "gemini-nano-banana-2.1", prompt: "something blocked", width: 1024, height: 1024 });
      expect(status).toBe(422);
      expect(json.error.code).toBe("content_blocked");
    },
  );

  it.each([
    [{ prompt: "x", width: 100, height: 100 }, /“model” /],
    [{ model: "offline", prompt: "", width: 100, height: 100 }, /“prompt”/],
    [{ model: "offline", prompt: "x", width: 0, height: 100 }, /“width”/],
    [{ model: "offline", prompt: "x", width: 5000, height: 100 }, /“width”/],
    [{ model: "offline", prompt: "x", width: 100, height: 100, n: 9 }, /“n”/],
    [{ model: "offline", prompt: "x", width: 100, height: 100, colour: "red" }, /colour/],
    [{ model: "dall-e-3", prompt: "x", width: 100, height: 100 }, /retired/],
    [{ model: "gpt-image-9", prompt: "x", width: 100, height: 100 }, /Available models: .*gpt-image-2.*offline/],
    [{ model: "offline", prompt: "x", width: 100, height: 100, image: { data: "aGVsbG8=", mimeType: "image/png" } }, /“image” is not a PNG/],
    [{ model: "offline", prompt: "x", width: 100, height: 100, mask: { data: "aGVsbG8=" } }, /mask/],
    [{ model: "gpt-image-2", prompt: "x", width: 100, height: 100, quality: "max" }, /quality/],
  ])("answers 400 with a message naming what is wrong: %j", async (body, message) => {
    const { status, json } = await post(body);
    expect(status).toBe(400);
    expect(json.error.code).toBe("invalid_request");
    expect(json.error.message).toMatch(message);
    expectNoSecrets(JSON.stringify(json));
  });

  it("answers 400 for a body that is not json", async () => {
    const { status, json } = await post("{not json");
    expect(status).toBe(400);
    expect(json.error.message).toMatch(/not valid JSON/);
  });

  it("answers 400 when the mask and image sizes differ", async () => {
    const { status, json } = await post({
      model: "offline",
      prompt: "x",
      width: 64,
      height: 64,
      image: { data: pngBase64(64, 64), mimeType: "image/png" },
      mask: { data: pngBase64(32, 64) },
    });
    expect(status).toBe(400);
    expect(json.error.message).toMatch(/“mask” is 32×64 px but the image is 64×64/);
  });

  it("answers 413 for an image larger than 4096 px", async () => {
    const { status, json } = await post({ model: "offline", prompt: "x", width: 64, height: 64, image: { data: pngBase64(4100, 1), mimeType: "image/png" } });
    expect(status).toBe(413);
    expect(json.error.code).toBe("payload_too_large");
  });

  it("answers 413 for a body over the configured limit before reading it", async () => {
    const small = await startTestProxyAsync({ BRANDFILL_MAX_BODY_MB: "0.001" });
    try {
      const response = await fetch(`${small.url}/v1/images`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ model: "offline", prompt: "x".repeat(5000), width: 10, height: 10 }),
      });
      expect(response.status).toBe(413);
      expect(((await response.json()) as any).error.code).toBe("payload_too_large");
    } finally {
      await small.close();
    }
  });

  it.each(["truncatedBase64", "invalidBase64", "notAnImage", "malformedJson", { status: 500 }] as const)(
    "answers a typed error, never 500, when openai sends %j",
    async (behaviour) => {
      // The SDK retries 5xx twice: queue enough failures to exhaust the retries.
      proxy.openai.enqueue(behaviour as never, behaviour as never, behaviour as never);
      const { status, json } = await post({ model: "gpt-image-2", prompt: "x", width: 1024, height: 1024, quality: "low" });
      expect([502, 503]).toContain(status);
      expect(json.error.code).toMatch(/^provider_(error|unavailable)$/);
      expectNoSecrets(JSON.stringify(json));
      proxy.openai.setDefault("ok");
    },
  );

  it("answers cors preflight for the plugin iframe's null origin and not for others", async () => {
    const ok = await fetch(`${proxy.url}/v1/images`, {
      method: "OPTIONS",
      headers: { Origin: "null", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
    });
    expect(ok.headers.get("access-control-allow-origin")).toBe("null");
    const other = await fetch(`${proxy.url}/v1/images`, { method: "OPTIONS", headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("lets the plugin's null origin read every answer (image, error, stream) and its request id, and no other origin", async () => {
    const image = await post({ model: "offline", prompt: "a beach", width: 64, height: 64 });
    const refused = await post({ model: "offline", prompt: "", width: 64, height: 64 });
    const stream = await fetch(`${proxy.url}/v1/images`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream", Origin: "null" },
      body: JSON.stringify({ model: "offline", prompt: "a beach", width: 64, height: 64 }),
    });
    await stream.text();
    expect([image.status, refused.status, stream.status]).toEqual([200, 400, 200]);
    for (const headers of [image.headers, refused.headers, stream.headers]) {
      expect(headers.get("access-control-allow-origin")).toBe("null");
      expect(headers.get("access-control-expose-headers")?.split(",")).toEqual(["X-Request-Id", "Retry-After"]);
      expect(headers.get("vary")).toContain("Origin");
      expect(headers.get("x-request-id")).toMatch(/\S/);
    }
    const other = await post({ model: "offline", prompt: "a beach", width: 64, height: 64 }, { Origin: "https://evil.example" });
    expect(other.status).toBe(403);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("fits each picture to the asked size and locks the palette on it, in JSON and in the event stream", async () => {
    const request = { model: "gemini-3-pro-image", prompt: "a red wall", width: 300, height: 250, palette: ["#E4002B"], fit: "cover", lockPalette: true };
    const plainPicture = async () => {
      proxy.gemini.enqueue({ flatColour: [205, 22, 58] });
      const plain = await post({ ...request, fit: undefined, lockPalette: undefined });
      return decodePng(new Uint8Array(Buffer.from(plain.json.images[0].data, "base64")));
    };
    // Without fit and lock: the provider's own size, the drifted red as the model drew it.
    const plain = await plainPicture();
    expect([plain.width, plain.height]).not.toEqual([300, 250]);
    expect(plain.data[0]).toBe(205);
    proxy.gemini.enqueue({ flatColour: [205, 22, 58] });
    const { status, json } = await post(request);
    expect(status).toBe(200);
    const image = decodePng(new Uint8Array(Buffer.from(json.images[0].data, "base64")));
    expect([image.width, image.height, json.images[0].width, json.images[0].height]).toEqual([300, 250, 300, 250]);
    // The flat drifted fill lands on the brand red, and the report says so.
    expect([...image.data.subarray(0, 3)]).not.toEqual([205, 22, 58]);
    expect(json.images[0].lockReport.colours[0]).toMatchObject({ hex: "#E4002B", absent: false });
    expect(json.images[0].lockReport.colours[0].deltaE2000After).toBeLessThanOrEqual(1);
    // The event stream's image event carries the same finishing.
    proxy.gemini.enqueue({ flatColour: [205, 22, 58] });
    const streamed: ImageOutput[] = [];
    await createProxyClient(proxy.url).generateAsync(request as ImagesRequest, { onImage: (_i, img) => streamed.push(img) });
    expect(streamed).toHaveLength(1);
    expect(streamed[0]!.data).toBe(json.images[0].data);
    expect(streamed[0]!.lockReport!.colours[0]!.hex).toBe("#E4002B");
  });

  it("refuses lockPalette without a palette, naming both fields", async () => {
    const { status, json } = await post({ model: "offline", prompt: "a wall", width: 64, height: 64, lockPalette: true });
    expect(status).toBe(400);
    expect(json.error.message).toBe("The request is not valid: “lockPalette” needs “palette”: the colours to lock.");
    const fit = await post({ model: "offline", prompt: "a wall", width: 64, height: 64, fit: "contain" });
    expect(fit.status).toBe(400);
    expect(fit.json.error.message).toMatch(/“fit” must be "cover"/);
  });

  it("never writes a prompt or key to its log lines", async () => {
    await post({ model: "offline", prompt: "secret campaign codename aurora", width: 64, height: 64 });
    const all = proxy.logs.join("\n");
    expect(all).not.toContain("aurora");
    expectNoSecrets(all);
    expect(proxy.logs.length).toBeGreaterThan(0);
    expect(JSON.parse(proxy.logs.at(-1)!)).toMatchObject({ route: "POST /v1/images", model: "offline", status: 200 });
  });
});

describe("GET routes", () => {
  it("reports health with the providers that have keys", async () => {
    const json = (await (await fetch(`${proxy.url}/v1/health`)).json()) as any;
    expect(json).toMatchObject({ ok: true, providers: { openai: true, gemini: true, offline: true } });
  });

  it("lists the catalog with availability and never a key", async () => {
    const text = await (await fetch(`${proxy.url}/v1/models`)).text();
    expectNoSecrets(text);
    const ids = (JSON.parse(text).models as { id: string; available: boolean }[]).filter((m) => m.available).map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(["offline", "gpt-image-2", "gpt-image-2.5-sunburst", "gpt-image-2.6-flare", "gemini-nano-banana-2.1", "gemini-3-pro-image"]));
    const listed = (JSON.parse(text).models as { id: string }[]).map((m) => m.id);
    for (const retired of Object.keys(RETIRED_MODELS)) expect(listed).not.toContain(retired);
  });

  it("answers 400 for every retired id, naming its replacement, before any provider is called", async () => {
    const seen = proxy.openai.requests.length + proxy.gemini.requests.length;
    for (const [id, retired] of Object.entries(RETIRED_MODELS)) {
      const { status, json } = await post({ model: id, prompt: "x", width: 1024, height: 1024 });
      expect(status).toBe(400);
      expect(json.error.code).toBe("invalid_request");
      expect(json.error.message).toContain(`“${id}” has been retired`);
      expect(json.error.message).toContain(`Use ${retired.replacement}`);
      if (retired.alternative) expect(json.error.message).toContain(`or ${retired.alternative} instead`);
    }
    expect(proxy.openai.requests.length + proxy.gemini.requests.length).toBe(seen);
  });
});
