import { ApiError, GoogleGenAI } from "@google/genai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";
import { startGeminiEmulator, type GeminiEmulator } from "./index.js";
import { synthesizePicture } from "./synthesize-picture.js";

let emu: GeminiEmulator;

beforeAll(async () => {
  emu = await startGeminiEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.requests.length = 0;
});

const gemini = (apiVersion?: string) => new GoogleGenAI({ apiKey: "test-key", httpOptions: { baseUrl: emu.url, ...(apiVersion ? { apiVersion } : {}) } });

function imageOf(response: { candidates?: { content?: { parts?: { inlineData?: { data?: string; mimeType?: string } }[] } }[] }) {
  const part = response.candidates?.[0]?.content?.parts?.find((p) => p.inlineData);
  return { mimeType: part?.inlineData?.mimeType, image: decodePng(new Uint8Array(Buffer.from(part?.inlineData?.data ?? "", "base64"))) };
}

describe("gemini emulator with the real @google/genai sdk", () => {
  it("answers generateContent with a png sized by aspect ratio and image size on the default v1 path", async () => {
    const response = await gemini().models.generateContent({
      model: "gemini-3.1-flash-image",
      contents: "a lighthouse at dusk",
      config: { responseModalities: ["TEXT", "IMAGE"], imageConfig: { aspectRatio: "16:9", imageSize: "512" } },
    });
    const { mimeType, image } = imageOf(response);
    expect(mimeType).toBe("image/png");
    expect([image.width, image.height]).toEqual([688, 384]);
    expect(response.text).toContain("image");
    const [request] = emu.requests;
    expect(request?.path).toBe("/v1/models/gemini-3.1-flash-image:generateContent");
    expect(request?.headers["x-goog-api-key"]).toBe("test-key");
    expect(request?.json).toMatchObject({ generationConfig: { responseModalities: ["TEXT", "IMAGE"], imageConfig: { aspectRatio: "16:9", imageSize: "512" } } });
  });

  it("serves the v1beta path and records decoded inline images of an edit", async () => {
    const input = encodePng(synthesizePicture(80, 40, "input"));
    const response = await gemini("v1beta").models.generateContent({
      model: "gemini-2.5-flash-image",
      contents: [{ role: "user", parts: [{ text: "make it night" }, { inlineData: { mimeType: "image/png", data: Buffer.from(input).toString("base64") } }] }],
      config: { responseModalities: ["IMAGE"], imageConfig: { aspectRatio: "21:9" } },
    });
    const { image } = imageOf(response);
    expect([image.width, image.height]).toEqual([1536, 672]);
    expect(emu.requests[0]?.path).toBe("/v1beta/models/gemini-2.5-flash-image:generateContent");
    expect(emu.requests[0]?.inlineImages?.[0]?.bytes).toEqual(input);
  });

  it("reports a blocked prompt as http 200 with promptFeedback and no candidates", async () => {
    emu.enqueue({ promptBlocked: "PROHIBITED_CONTENT" });
    const response = await gemini().models.generateContent({ model: "gemini-3-pro-image", contents: "blocked" });
    expect(response.candidates).toBeUndefined();
    expect(response.promptFeedback?.blockReason).toBe("PROHIBITED_CONTENT");
  });

  it("rejects an aspect ratio the model does not offer with invalid argument", async () => {
    const error = await gemini()
      .models.generateContent({ model: "gemini-3-pro-image", contents: "x", config: { imageConfig: { aspectRatio: "8:1" } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toContain("INVALID_ARGUMENT");
  });

  it("throws a 429 without retrying unless retryOptions are set", async () => {
    emu.enqueue({ rateLimited: { retryAfterS: 3 } });
    const error = await gemini().models.generateContent({ model: "gemini-3-pro-image", contents: "x" }).catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(429);
    expect((error as ApiError).message).toContain('"retryDelay":"3s"');
    expect(emu.requests).toHaveLength(1);
  });
});
