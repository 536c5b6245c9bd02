import { ApiError, GoogleGenAI, type GenerateContentResponse } from "@google/genai";
import { OAuth2Client } from "google-auth-library";
import jpeg from "jpeg-js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";
import { startGeminiEmulator, type GeminiEmulator } from "./index.js";
import { sniffImage } from "./sniff-image.js";
import { synthesizePicture } from "./synthesize-picture.js";

let emu: GeminiEmulator;

beforeAll(async () => {
  emu = await startGeminiEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.requests.length = 0;
});

type HttpOptions = NonNullable<ConstructorParameters<typeof GoogleGenAI>[0]>["httpOptions"];
const gemini = (httpOptions: HttpOptions = {}) => new GoogleGenAI({ apiKey: "test-key", httpOptions: { baseUrl: emu.url, ...httpOptions } });

/** A Vertex AI client authenticated by an OAuth2 client that already holds an unexpired fake token: no network. */
function vertex(): GoogleGenAI {
  const authClient = new OAuth2Client();
  authClient.setCredentials({ access_token: "fake-vertex-token", expiry_date: Date.now() + 3_600_000 });
  return new GoogleGenAI({ vertexai: true, project: "brandfill-test", location: "europe-west4", googleAuthOptions: { authClient }, httpOptions: { baseUrl: emu.url } });
}

function inlineBytes(response: GenerateContentResponse): { mimeType?: string; bytes: Uint8Array } {
  const part = response.candidates?.[0]?.content?.parts?.find((p) => p.inlineData);
  return { ...(part?.inlineData?.mimeType ? { mimeType: part.inlineData.mimeType } : {}), bytes: new Uint8Array(Buffer.from(part?.inlineData?.data ?? "", "base64")) };
}
const textOf = (response: GenerateContentResponse) => response.candidates?.[0]?.content?.parts?.flatMap((p) => (p.text ? [p.text] : [])).join("") ?? "";
const input = (width: number, height: number, seed = "input") => ({
  inlineData: { mimeType: "image/png", data: Buffer.from(encodePng(synthesizePicture(width, height, seed))).toString("base64") },
});

describe("gemini emulator: generateContent", () => {
  it("answers on the default v1 path with a png sized by aspect ratio and image size", async () => {
    const response = await gemini().models.generateContent({
      model: "gemini-3.1-flash-lite-image",
      contents: "a lighthouse at dusk",
      config: { responseModalities: ["TEXT", "IMAGE"], imageConfig: { aspectRatio: "16:9", imageSize: "512" } },
    });
    const { mimeType, bytes } = inlineBytes(response);
    expect(mimeType).toBe("image/png");
    const image = decodePng(bytes);
    expect([image.width, image.height]).toEqual([688, 384]);
    expect(textOf(response)).toContain("image");
    expect(response.candidates?.[0]?.finishReason).toBe("STOP");
    expect(response.usageMetadata?.candidatesTokenCount).toBe(747);
    expect(response.modelVersion).toBe("gemini-3.1-flash-lite-image");
    const [request] = emu.requests;
    expect(request?.path).toBe("/v1/models/gemini-3.1-flash-lite-image:generateContent");
    expect(request?.apiVersion).toBe("v1");
    expect(request?.headers["x-goog-api-key"]).toBe("test-key");
    expect(request?.json).toEqual({
      contents: [{ role: "user", parts: [{ text: "a lighthouse at dusk" }] }],
      generationConfig: { responseModalities: ["TEXT", "IMAGE"], imageConfig: { aspectRatio: "16:9", imageSize: "512" } },
    });
  });

  it("serves v1beta and sizes Nano Banana 2 (gemini-nano-banana-2.1) from its table at 1K, 8:1", async () => {
    const response = await gemini({ apiVersion: "v1beta" }).models.generateContent({
      model: "gemini-nano-banana-2.1",
      contents: "wide banner",
      config: { responseModalities: ["IMAGE"], imageConfig: { aspectRatio: "8:1", imageSize: "1K" } },
    });
    const image = decodePng(inlineBytes(response).bytes);
    expect([image.width, image.height]).toEqual([3072, 384]);
    expect(response.candidates?.[0]?.content?.parts).toHaveLength(1);
    expect(emu.requests[0]?.path).toBe("/v1beta/models/gemini-nano-banana-2.1:generateContent");
  });

  it("records decoded inline images of an edit and answers an altered image of the asked aspect", async () => {
    const photo = input(80, 40);
    const response = await gemini().models.generateContent({
      model: "gemini-3.1-flash-lite-image",
      contents: [{ role: "user", parts: [{ text: "make it night" }, photo] }],
      config: { responseModalities: ["IMAGE"], imageConfig: { aspectRatio: "1:1", imageSize: "512" } },
    });
    const image = decodePng(inlineBytes(response).bytes);
    expect([image.width, image.height]).toEqual([512, 512]);
    const source = synthesizePicture(80, 40, "input");
    expect(image.data[0]).toBe(source.data[0]! ^ 0x80);
    expect(emu.requests[0]?.inlineImages?.[0]).toEqual({ mimeType: "image/png", bytes: encodePng(source) });
  });

  it("keeps the input's shape when an edit asks for no aspect ratio", async () => {
    const response = await gemini().models.generateContent({
      model: "gemini-3.1-flash-lite-image",
      contents: [{ role: "user", parts: [{ text: "edit" }, input(160, 90)] }],
      config: { imageConfig: { imageSize: "512" } },
    });
    const image = decodePng(inlineBytes(response).bytes);
    expect([image.width, image.height]).toEqual([688, 384]);
  });

  it("streams text and image as separate sse chunks, the last with finishReason", async () => {
    const stream = await gemini().models.generateContentStream({
      model: "gemini-3.1-flash-lite-image",
      contents: "stream",
      config: { imageConfig: { aspectRatio: "1:4", imageSize: "512" } },
    });
    const chunks: GenerateContentResponse[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks).toHaveLength(2);
    expect(textOf(chunks[0]!)).not.toBe("");
    expect(chunks[1]?.candidates?.[0]?.finishReason).toBe("STOP");
    expect(sniffImage(inlineBytes(chunks[1]!).bytes)).toEqual({ format: "png", width: 256, height: 1024 });
    expect(emu.requests[0]?.path).toBe("/v1/models/gemini-3.1-flash-lite-image:streamGenerateContent");
    expect(emu.requests[0]?.query).toEqual({ alt: "sse" });
  });

  it("makes the sdk throw on an error chunk in the middle of a stream", async () => {
    emu.enqueue("streamError");
    const stream = await gemini().models.generateContentStream({ model: "gemini-3.1-flash-lite-image", contents: "x", config: { imageConfig: { imageSize: "512" } } });
    const seen: GenerateContentResponse[] = [];
    const error = await (async () => {
      for await (const chunk of stream) seen.push(chunk);
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(1);
    expect((error as ApiError).status).toBe(500);
  });

  it("answers a real jpeg when scripted", async () => {
    emu.enqueue("jpeg");
    const response = await gemini().models.generateContent({
      model: "gemini-3.1-flash-lite-image",
      contents: "x",
      config: { imageConfig: { aspectRatio: "3:2", imageSize: "512" } },
    });
    const { mimeType, bytes } = inlineBytes(response);
    expect(mimeType).toBe("image/jpeg");
    const decoded = jpeg.decode(bytes);
    expect([decoded.width, decoded.height]).toEqual([616, 408]);
  });

  it("is reachable through GOOGLE_GEMINI_BASE_URL", async () => {
    const previous = process.env["GOOGLE_GEMINI_BASE_URL"];
    process.env["GOOGLE_GEMINI_BASE_URL"] = emu.url;
    try {
      await new GoogleGenAI({ apiKey: "env-key" }).models.generateContent({ model: "gemini-3.1-flash-lite-image", contents: "env", config: { imageConfig: { imageSize: "512" } } });
    } finally {
      if (previous === undefined) delete process.env["GOOGLE_GEMINI_BASE_URL"];
      else process.env["GOOGLE_GEMINI_BASE_URL"] = previous;
    }
    expect(emu.requests[0]?.headers["x-goog-api-key"]).toBe("env-key");
  });
});

describe("gemini emulator: vertex ai", () => {
  it("serves the regional publisher path with a bearer token and honours a jpeg output type", async () => {
    const response = await vertex().models.generateContent({
      model: "gemini-3-pro-image",
      contents: "x",
      config: { imageConfig: { aspectRatio: "4:5", outputMimeType: "image/jpeg" } },
    });
    const request = emu.requests[0];
    expect(request?.path).toBe("/v1beta1/projects/brandfill-test/locations/europe-west4/publishers/google/models/gemini-3-pro-image:generateContent");
    expect(request?.vertex).toEqual({ project: "brandfill-test", location: "europe-west4" });
    expect(request?.headers["authorization"]).toBe("Bearer fake-vertex-token");
    expect(request?.headers["x-goog-api-key"]).toBeUndefined();
    expect(request?.json).toMatchObject({ generationConfig: { imageConfig: { aspectRatio: "4:5", imageOutputOptions: { mimeType: "image/jpeg" } } } });
    expect(sniffImage(inlineBytes(response).bytes)).toEqual({ format: "jpeg", width: 896, height: 1136 });
  });

  it("rejects a vertex call without a bearer token with 401", async () => {
    const response = await fetch(`${emu.url}/v1/projects/p/locations/europe-west4/publishers/google/models/gemini-3-pro-image:generateContent`, { method: "POST", body: "{}" });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 401, status: "UNAUTHENTICATED" } });
  });
});

describe("gemini emulator: refusals and errors", () => {
  it.each(["SAFETY", "PROHIBITED_CONTENT", "OTHER", "IMAGE_SAFETY"] as const)("reports a prompt blocked for %s as http 200 with no candidates", async (reason) => {
    emu.enqueue({ promptBlocked: reason });
    const response = await gemini().models.generateContent({ model: "gemini-3-pro-image", contents: "blocked" });
    expect(response.candidates).toBeUndefined();
    expect(response.promptFeedback?.blockReason).toBe(reason);
  });

  it("reports an image refusal as a candidate with that finish reason and no image, dropping finishMessage", async () => {
    emu.enqueue({ finishReason: "IMAGE_SAFETY" });
    const response = await gemini().models.generateContent({ model: "gemini-3-pro-image", contents: "x" });
    const candidate = response.candidates?.[0];
    expect(candidate?.finishReason).toBe("IMAGE_SAFETY");
    expect(candidate?.content).toBeUndefined();
    expect(candidate?.finishMessage).toBeUndefined();
  });

  it("answers text only when scripted or when IMAGE is not among the modalities", async () => {
    emu.enqueue("textOnly");
    const scripted = await gemini().models.generateContent({ model: "gemini-3-pro-image", contents: "x" });
    expect(scripted.candidates?.[0]?.content?.parts?.map((p) => Object.keys(p))).toEqual([["text"]]);
    const textModality = await gemini().models.generateContent({ model: "gemini-3-pro-image", contents: "x", config: { responseModalities: ["TEXT"] } });
    expect(inlineBytes(textModality).bytes).toHaveLength(0);
  });

  it.each([
    ["gemini-3-pro-image", { aspectRatio: "8:1" }, "aspect"],
    ["gemini-3-pro-image", { imageSize: "512" }, "image size"],
    ["gemini-3-pro-image", { aspectRatio: "1:4" }, "aspect"],
    ["gemini-nano-banana-2.1", { imageSize: "512" }, "image size"],
    ["gemini-3.1-flash-lite-image", { imageSize: "1k" }, "image size"],
  ])("rejects %s with %j as invalid argument", async (model, imageConfig, words) => {
    const error = await gemini()
      .models.generateContent({ model, contents: "x", config: { imageConfig } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toContain("INVALID_ARGUMENT");
    expect((error as ApiError).message).toContain(words);
  });

  it("rejects more reference images than the model takes", async () => {
    const parts = [{ text: "x" }, ...Array.from({ length: 15 }, (_, i) => input(8, 8, `ref${i}`))];
    const error = await gemini()
      .models.generateContent({ model: "gemini-3-pro-image", contents: [{ role: "user", parts }] })
      .catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(400);
  });

  it("rejects an inline image whose bytes are not an image", async () => {
    const parts = [{ text: "x" }, { inlineData: { mimeType: "image/png", data: Buffer.from("plain text").toString("base64") } }];
    const error = await gemini()
      .models.generateContent({ model: "gemini-3.1-flash-lite-image", contents: [{ role: "user", parts }] })
      .catch((e: unknown) => e);
    expect((error as ApiError).message).toContain("Unable to process input image");
  });

  it("answers an unknown model with 404 not found and a missing key with 403", async () => {
    const missing = await gemini()
      .models.generateContent({ model: "gemini-3-pro-image-preview", contents: "x" })
      .catch((e: unknown) => e);
    expect((missing as ApiError).status).toBe(404);
    // Shut down in 2026 though the SDK's model list still has them.
    for (const model of ["gemini-2.5-flash-image", "gemini-3.1-flash-image"]) {
      const gone = await gemini()
        .models.generateContent({ model, contents: "x" })
        .catch((e: unknown) => e);
      expect((gone as ApiError).status).toBe(404);
    }
    expect((missing as ApiError).message).toContain("NOT_FOUND");
    const response = await fetch(`${emu.url}/v1beta/models/gemini-3-pro-image:generateContent`, { method: "POST", body: "{}" });
    expect(response.status).toBe(403);
  });

  it("throws a 429 with a RetryInfo detail and retry-after, without retrying by default", async () => {
    emu.enqueue({ rateLimited: { retryAfterS: 3 } });
    const error = await gemini()
      .models.generateContent({ model: "gemini-3-pro-image", contents: "x" })
      .catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(429);
    const body = JSON.parse((error as ApiError).message) as { error: { status: string; details: { "@type": string; retryDelay?: string }[] } };
    expect(body.error.status).toBe("RESOURCE_EXHAUSTED");
    expect(body.error.details.find((d) => d["@type"].endsWith("RetryInfo"))?.retryDelay).toBe("3s");
    expect(emu.requests).toHaveLength(1);
  });

  it("is retried through a 503 when retryOptions are set", async () => {
    emu.enqueue({ status: 503 });
    const response = await gemini({ retryOptions: { attempts: 3, initialDelay: 0.01, maxDelay: 0.02 } }).models.generateContent({
      model: "gemini-3.1-flash-lite-image",
      contents: "x",
      config: { imageConfig: { imageSize: "512" } },
    });
    expect(inlineBytes(response).bytes.length).toBeGreaterThan(0);
    expect(emu.requests).toHaveLength(2);
  });

  it("is not retried after a connection reset even with retryOptions", async () => {
    emu.enqueue("resetConnection");
    const error = await gemini({ retryOptions: { attempts: 3, initialDelay: 0.01, maxDelay: 0.02 } })
      .models.generateContent({ model: "gemini-3.1-flash-lite-image", contents: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(emu.requests).toHaveLength(1);
  });

  it("answers 500 internal and 503 unavailable in google's shape", async () => {
    emu.enqueue({ status: 500 }, { status: 503 });
    const first = await gemini()
      .models.generateContent({ model: "gemini-3-pro-image", contents: "x" })
      .catch((e: unknown) => e);
    const second = await gemini()
      .models.generateContent({ model: "gemini-3-pro-image", contents: "x" })
      .catch((e: unknown) => e);
    expect(JSON.parse((first as ApiError).message)).toMatchObject({ error: { code: 500, status: "INTERNAL" } });
    expect(JSON.parse((second as ApiError).message)).toMatchObject({ error: { code: 503, status: "UNAVAILABLE" } });
  });

  it("returns corrupted or mismatched image data when scripted", async () => {
    emu.enqueue("truncatedBase64", "invalidBase64", "notAnImage", { wrongSize: { width: 32, height: 16 } });
    const ask = () => gemini().models.generateContent({ model: "gemini-3.1-flash-lite-image", contents: "x", config: { imageConfig: { imageSize: "512" } } });
    const truncated = inlineBytes(await ask()).bytes;
    expect(sniffImage(truncated)?.format).toBe("png");
    expect(() => decodePng(truncated)).toThrow();
    const invalid = (await ask()).candidates?.[0]?.content?.parts?.find((p) => p.inlineData)?.inlineData?.data;
    expect(invalid).toMatch(/[^A-Za-z0-9+/=]/);
    expect(sniffImage(inlineBytes(await ask()).bytes)).toBeUndefined();
    expect(sniffImage(inlineBytes(await ask()).bytes)).toMatchObject({ width: 32, height: 16 });
  });

  it("makes the sdk fail on a cut-off json body", async () => {
    emu.enqueue("malformedJson");
    const error = await gemini()
      .models.generateContent({ model: "gemini-3-pro-image", contents: "x" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyntaxError);
  });

  it("counts a hanging request aborted by the caller as a closed connection", async () => {
    emu.enqueue({ hang: true });
    const before = emu.closedConnections;
    const controller = new AbortController();
    const pending = gemini()
      .models.generateContent({ model: "gemini-3-pro-image", contents: "x", config: { abortSignal: controller.signal } })
      .catch((e: unknown) => e);
    while (emu.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    await emu.waitForClosedConnectionsAsync(before + 1);
  });

  it("delivers a slowly dribbled body intact", async () => {
    emu.enqueue({ slowBody: { chunks: 4, intervalMs: 5 } });
    const response = await gemini().models.generateContent({ model: "gemini-3.1-flash-lite-image", contents: "x", config: { imageConfig: { imageSize: "512" } } });
    expect(decodePng(inlineBytes(response).bytes).width).toBe(512);
  });
});
