import { describe, expect, it } from "vitest";
import { chooseProviderSize } from "../../src/core/catalog/choose-provider-size.js";
import { MODEL_CATALOG, type ModelEntry } from "../../src/core/catalog/model-catalog.js";
import type { RecordedRequest } from "../emulators/index.js";
import { decodePng } from "../../src/core/raster/png-codec.js";
import { expectPngOf, image, MASK, REFERENCE_JPEG, REFERENCE_PNG, references, SOURCE, TARGET } from "./provider-fixtures.js";
import { postImagesAsync, useProviderProxy } from "./provider-harness.js";

// Every OpenAI model of the catalog through the real proxy and the real openai SDK: what the SDK
// put on the wire is asserted against the emulator's record of it.

const proxy = useProviderProxy();

const openAiModels = MODEL_CATALOG.filter((m) => m.provider === "openai");

/** The quality a test asks each OpenAI model for: the top tier where offered, so it is seen on the wire. */
const qualityFor = (m: ModelEntry) => (m.qualities.includes("xhigh") ? "xhigh" : "low");

/** Multipart fields and files of an OpenAI edit, as the real SDK sent them. */
function editForm(request: RecordedRequest) {
  expect(request.path).toBe("/v1/images/edits");
  expect(request.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
  return request.form!;
}

describe.each(openAiModels.map((m) => [m.id, m] as const))("openai %s through POST /v1/images", (_id, model) => {
  const size = chooseProviderSize(model, TARGET);

  it("generates two variants in one call with the chosen size, quality and n", async () => {
    const { status, json } = await postImagesAsync(proxy, { model: model.id, prompt: "a lighthouse at dusk", ...TARGET, n: 2, quality: qualityFor(model) });
    expect(status).toBe(200);
    expect(proxy.openai.requests).toHaveLength(1);
    const sent = proxy.openai.requests[0]!;
    expect(sent.path).toBe("/v1/images/generations");
    expect(sent.json).toEqual({ model: model.id, prompt: "a lighthouse at dusk", n: 2, size: size.openAiSize, quality: qualityFor(model), output_format: "png" });
    expect(json.images).toHaveLength(2);
    for (const out of json.images) expectPngOf(out.data, size.width, size.height);
    expect(json).toMatchObject({ model: model.id, provider: "openai", watermark: "c2pa", providerRequest: { size: size.openAiSize, n: 2 } });
  });

  it("edits one image, uploaded as a typed png in the `image` field", async () => {
    const { status, json } = await postImagesAsync(proxy, { model: model.id, prompt: "make it night", ...TARGET, image });
    expect(status).toBe(200);
    const form = editForm(proxy.openai.requests[0]!);
    expect(form.fields).toMatchObject({ model: model.id, prompt: "make it night", n: "1", size: size.openAiSize, output_format: "png" });
    expect(form.files.map((f) => [f.name, f.type])).toEqual([["image", "image/png"]]);
    expect(Buffer.from(form.files[0]!.bytes).toString("base64")).toBe(SOURCE);
    // The SDK: "For gpt-image-2, omit this parameter"; brandfill never sends it.
    expect(form.fields).not.toHaveProperty("input_fidelity");
    expect(form.fields).not.toHaveProperty("background");
    expectPngOf(json.images[0].data, size.width, size.height);
  });

  it(`generates with references through the edits endpoint, up to ${model.maxReferences} \`image[]\` files`, async () => {
    const many = Array.from({ length: model.maxReferences }, (_, i) => references[i % 2]!);
    const { status, json } = await postImagesAsync(proxy, { model: model.id, prompt: "a poster in the style of these", ...TARGET, references: many });
    expect(status).toBe(200);
    const form = editForm(proxy.openai.requests[0]!);
    expect(form.fields).toEqual({ model: model.id, prompt: "a poster in the style of these", n: "1", size: size.openAiSize, output_format: "png" });
    expect(form.files).toHaveLength(model.maxReferences);
    expect(form.files.every((f) => f.name === "image[]")).toBe(true);
    expect(form.files.slice(0, 2).map((f) => [f.type, Buffer.from(f.bytes).toString("base64")])).toEqual([
      ["image/jpeg", REFERENCE_JPEG],
      ["image/png", REFERENCE_PNG],
    ]);
    expect(json.providerRequest).toMatchObject({ endpoint: "edits", inputImages: model.maxReferences });
    expectPngOf(json.images[0].data, size.width, size.height);
  });

  if (model.transparentBackground) {
    it("asks for a transparent background and returns a png with real transparency", async () => {
      const { status, json } = await postImagesAsync(proxy, { model: model.id, prompt: "a product cut-out", ...TARGET, background: "transparent" });
      expect(status).toBe(200);
      expect(proxy.openai.requests[0]!.json).toEqual({
        model: model.id,
        prompt: "a product cut-out",
        n: 1,
        size: size.openAiSize,
        background: "transparent",
        output_format: "png",
      });
      const pixels = decodePng(new Uint8Array(Buffer.from(json.images[0].data, "base64")));
      expect(pixels.data[3]).toBe(0); // the emulator clears the border, as a cut-out has
      expect(json.providerRequest).toMatchObject({ background: "transparent" });
    });
  } else {
    it("refuses a transparent background with a sentence, before calling openai", async () => {
      const { status, json } = await postImagesAsync(proxy, { model: model.id, prompt: "a product cut-out", ...TARGET, background: "transparent" });
      expect(status).toBe(400);
      expect(json.error.message).toBe(`${model.label} cannot make a transparent background. Turn off “Transparent background” or choose a model that offers it.`);
      expect(proxy.openai.requests).toHaveLength(0);
    });
  }

  it("edits with references as repeated `image[]` files, each with its own type", async () => {
    const { status } = await postImagesAsync(proxy, { model: model.id, prompt: "in the style of the references", ...TARGET, image, references });
    expect(status).toBe(200);
    const form = editForm(proxy.openai.requests[0]!);
    expect(form.files.map((f) => [f.name, f.type])).toEqual([
      ["image[]", "image/png"],
      ["image[]", "image/jpeg"],
      ["image[]", "image/png"],
    ]);
    expect(form.files.map((f) => f.filename)).toEqual(["image-0.png", "image-1.jpg", "image-2.png"]);
  });

  it("sends a mask as a png file beside the image", async () => {
    const { status } = await postImagesAsync(proxy, { model: model.id, prompt: "a red kite in the sky", ...TARGET, image, mask: MASK });
    expect(status).toBe(200);
    const form = editForm(proxy.openai.requests[0]!);
    expect(form.files.map((f) => [f.name, f.type])).toEqual([
      ["image", "image/png"],
      ["mask", "image/png"],
    ]);
    expect(Buffer.from(form.files[1]!.bytes).toString("base64")).toBe(MASK.data);
  });

  it(`refuses more than ${model.maxReferences} input images with a 400 before calling openai`, async () => {
    const tooMany = Array.from({ length: model.maxReferences }, () => references[1]!);
    const { status, json } = await postImagesAsync(proxy, { model: model.id, prompt: "x", ...TARGET, image, references: tooMany });
    expect(status).toBe(400);
    expect(json.error.message).toBe(`${model.label} takes at most ${model.maxReferences} input images; this request has ${model.maxReferences + 1}.`);
    expect(proxy.openai.requests).toHaveLength(0);
  });
});
