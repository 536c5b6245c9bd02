import { describe, expect, it } from "vitest";
import { chooseProviderSize } from "../../src/core/catalog/choose-provider-size.js";
import { MODEL_CATALOG } from "../../src/core/catalog/model-catalog.js";
import type { GeminiRecordedRequest } from "../emulators/index.js";
import { expectPngOf, image, MASK, REFERENCE_JPEG, REFERENCE_PNG, references, SOURCE, TARGET } from "./provider-fixtures.js";
import { postImagesAsync, useProviderProxy } from "./provider-harness.js";

// Every Gemini model of the catalog through the real proxy and the real @google/genai SDK: what
// the SDK put on the wire is asserted against the emulator's record of it.

const proxy = useProviderProxy();

const geminiModels = MODEL_CATALOG.filter((m) => m.provider === "gemini");

describe.each(geminiModels.map((m) => [m.id, m] as const))("gemini %s through POST /v1/images", (_id, model) => {
  const size = chooseProviderSize(model, TARGET);
  const sent = () => proxy.gemini.requests as GeminiRecordedRequest[];
  const generationConfig = (r: GeminiRecordedRequest) => (r.json as { generationConfig: unknown }).generationConfig;
  const textOf = (r: GeminiRecordedRequest) => (r.json as { contents: { parts: { text?: string }[] }[] }).contents[0]!.parts.flatMap((p) => (p.text ? [p.text] : [])).join("\n");

  it("generates two variants as two calls with the chosen aspect ratio and image size", async () => {
    const { status, json } = await postImagesAsync(proxy, { model: model.id, prompt: "a lighthouse at dusk", ...TARGET, n: 2 });
    expect(status).toBe(200);
    expect(sent()).toHaveLength(2);
    for (const request of sent()) {
      expect(request.model).toBe(model.id);
      expect(request.path).toMatch(new RegExp(`^/v1(beta)?/models/${model.id.replace(/\./g, "\\.")}:generateContent$`));
      expect(generationConfig(request)).toEqual({ responseModalities: ["IMAGE"], imageConfig: { aspectRatio: size.aspectRatio, imageSize: size.imageSize } });
      expect(request.inlineImages).toHaveLength(0);
      expect(textOf(request)).toContain("a lighthouse at dusk");
    }
    expect(json.images).toHaveLength(2);
    for (const out of json.images) expectPngOf(out.data);
    expect(json).toMatchObject({ model: model.id, provider: "gemini", watermark: "synthid", providerRequest: { aspectRatio: size.aspectRatio, imageSize: size.imageSize, n: 2 } });
  });

  it("edits one image sent as inlineData with the instruction", async () => {
    const { status } = await postImagesAsync(proxy, { model: model.id, prompt: "make it night", ...TARGET, image });
    expect(status).toBe(200);
    const [request] = sent();
    expect(request!.inlineImages!.map((i) => i.mimeType)).toEqual(["image/png"]);
    expect(Buffer.from(request!.inlineImages![0]!.bytes).toString("base64")).toBe(SOURCE);
    expect(textOf(request!)).toContain("make it night");
  });

  it("sends references as further inlineData parts with their own types", async () => {
    const { status } = await postImagesAsync(proxy, {
      model: model.id,
      prompt: "in the style of the references",
      ...TARGET,
      image,
      references: references.slice(0, model.maxReferences - 1),
    });
    expect(status).toBe(200);
    const [request] = sent();
    expect(request!.inlineImages!.map((i) => i.mimeType)).toEqual(["image/png", "image/jpeg", "image/png"].slice(0, model.maxReferences));
    expect(Buffer.from(request!.inlineImages![1]!.bytes).toString("base64")).toBe(REFERENCE_JPEG);
  });

  it(`generates with references alone as up to ${model.maxReferences} inlineData parts before the prompt`, async () => {
    const many = Array.from({ length: model.maxReferences }, (_, i) => references[i % 2]!);
    const { status } = await postImagesAsync(proxy, { model: model.id, prompt: "a poster in the style of these", ...TARGET, references: many });
    expect(status).toBe(200);
    const [request] = sent();
    expect(request!.inlineImages).toHaveLength(model.maxReferences);
    expect(request!.inlineImages!.slice(0, 2).map((i) => [i.mimeType, Buffer.from(i.bytes).toString("base64")])).toEqual([
      ["image/jpeg", REFERENCE_JPEG],
      ["image/png", REFERENCE_PNG],
    ]);
    expect(generationConfig(request!)).toEqual({ responseModalities: ["IMAGE"], imageConfig: { aspectRatio: size.aspectRatio, imageSize: size.imageSize } });
  });

  it("refuses a transparent background, which Gemini's imageConfig has no setting for", async () => {
    const { status, json } = await postImagesAsync(proxy, { model: model.id, prompt: "a product cut-out", ...TARGET, background: "transparent" });
    expect(status).toBe(400);
    expect(json.error.message).toMatch(/cannot make a transparent background/);
    expect(sent()).toHaveLength(0);
  });

  it("sends a masked edit at the input limit, leaving out the mask guide that would exceed it", async () => {
    const atLimit = Array.from({ length: model.maxReferences - 1 }, () => references[1]!);
    const { status } = await postImagesAsync(proxy, { model: model.id, prompt: "a red kite in the sky", ...TARGET, image, references: atLimit, mask: MASK });
    expect(status).toBe(200);
    const [request] = sent();
    expect(request!.inlineImages).toHaveLength(model.maxReferences);
    expect(Buffer.from(request!.inlineImages![0]!.bytes).toString("base64")).toBe(SOURCE);
    expect(textOf(request!)).toContain("a red kite in the sky");
  });

  it(`refuses more than ${model.maxReferences} input images with a 400 before calling gemini`, async () => {
    const tooMany = Array.from({ length: model.maxReferences }, () => references[1]!);
    const { status, json } = await postImagesAsync(proxy, { model: model.id, prompt: "x", ...TARGET, image, references: tooMany });
    expect(status).toBe(400);
    expect(json.error.message).toBe(`${model.label} takes at most ${model.maxReferences} input images; this request has ${model.maxReferences + 1}.`);
    expect(sent()).toHaveLength(0);
  });
});
