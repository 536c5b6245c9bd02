import { describe, expect, it } from "vitest";
import { chooseProviderSize } from "../../src/core/catalog/choose-provider-size.js";
import { MODEL_CATALOG } from "../../src/core/catalog/model-catalog.js";
import { resolveModel } from "../../src/core/catalog/resolve-model.js";
import { decodePng } from "../../src/core/raster/png-codec.js";
import { planProviderSize } from "../../src/proxy/plan-provider-size.js";
import { postImagesAsync, postImagesStreamAsync, useProviderProxy } from "./provider-harness.js";

// Issue 15 point 2: a provider picture of another size than asked has been paid for, so it is
// resampled and used; the designer is told when it was smaller (upscaled) or of another shape.

const model = (id: string) => resolveModel(id, MODEL_CATALOG);
const pixelsOf = (data: string) => decodePng(new Uint8Array(Buffer.from(data, "base64")));

describe("planProviderSize", () => {
  const none = null;
  it("passes a picture within the tolerance on untouched", () => {
    expect(planProviderSize({ width: 1360, height: 768 }, { width: 1376, height: 768 }, none)).toEqual({ finish: null });
  });

  it("scales a larger picture down to what was asked, and says nothing", () => {
    expect(planProviderSize({ width: 512, height: 512 }, { width: 1024, height: 1024 }, none)).toEqual({ finish: { width: 512, height: 512, fit: "cover", lock: [] } });
  });

  it("scales a smaller one up and says by how much", () => {
    expect(planProviderSize({ width: 2048, height: 2048 }, { width: 512, height: 512 }, none).note).toBe("The model's picture came back at 512×512, upscaled ×4.");
    const fitted = planProviderSize({ width: 1024, height: 1024 }, { width: 512, height: 512 }, { width: 1000, height: 1000, fit: "cover", lock: ["#E4002B"] });
    expect(fitted).toEqual({ finish: { width: 1000, height: 1000, fit: "cover", lock: ["#E4002B"] }, note: "The model's picture came back at 512×512, upscaled ×2." });
  });

  it("says when a wrong shape was cropped, not when the shape is nearer the frame than asked", () => {
    expect(planProviderSize({ width: 1536, height: 864 }, { width: 1024, height: 1024 }, none).note).toBe(
      "The model's picture came back at 1024×1024, a different shape from the one asked for, so it was cropped to fit.",
    );
    // A 728×90 banner asked at gpt-image-2's widest 3:1, answered at 8:1: nearer the banner than asked.
    expect(planProviderSize({ width: 1408, height: 464 }, { width: 3072, height: 384 }, { width: 728, height: 90, fit: "cover", lock: [] })).toEqual({
      finish: { width: 728, height: 90, fit: "cover", lock: [] },
    });
  });
});

describe("POST /v1/images with a provider answering another size", () => {
  const proxy = useProviderProxy();

  it("uses 1024² for a 512² request (a model ignoring the size tier) at the size asked, with no note", async () => {
    const size = chooseProviderSize(model("gemini-3.1-flash-lite-image"), { width: 512, height: 512 });
    expect(size).toMatchObject({ imageSize: "512", width: 512, height: 512 });
    proxy.gemini.enqueue({ wrongSize: { width: 1024, height: 1024 } });
    const { status, json } = await postImagesAsync(proxy, { model: "gemini-3.1-flash-lite-image", prompt: "a lighthouse", width: 512, height: 512 });
    expect(status).toBe(200);
    expect(json.images[0]).toMatchObject({ width: 512, height: 512 });
    expect(json.images[0].note).toBeUndefined();
    expect([pixelsOf(json.images[0].data).width, pixelsOf(json.images[0].data).height]).toEqual([512, 512]);
  });

  it("uses 3072×384 for a 728×90 banner asked of gpt-image-2 at 3:1, fitted to the banner", async () => {
    const size = chooseProviderSize(model("gpt-image-2"), { width: 728, height: 90 });
    proxy.openai.enqueue({ wrongSize: { width: 3072, height: 384 } });
    const { status, json } = await postImagesAsync(proxy, { model: "gpt-image-2", prompt: "a leaderboard banner", width: 728, height: 90, quality: "low", fit: "cover" });
    expect(status).toBe(200);
    expect(proxy.openai.requests[0]!.json).toMatchObject({ size: size.openAiSize });
    expect([pixelsOf(json.images[0].data).width, pixelsOf(json.images[0].data).height]).toEqual([728, 90]);
    expect(json.images[0].note).toBeUndefined();
    // The provider billed for it: the cost is reported (gpt-image-2, low, non-square).
    expect(json.costUsd).toBe(0.005);
  });

  it("uses 512² for a 2048² request, upscaled, says so, and still reports the cost", async () => {
    proxy.gemini.enqueue({ wrongSize: { width: 512, height: 512 } });
    const { status, json } = await postImagesAsync(proxy, { model: "gemini-3-pro-image", prompt: "a lighthouse", width: 2048, height: 2048, fit: "cover" });
    expect(status).toBe(200);
    expect(json.providerRequest).toMatchObject({ imageSize: "2K" });
    expect(json.images[0]).toMatchObject({ width: 2048, height: 2048, note: "The model's picture came back at 512×512, upscaled ×4." });
    expect([pixelsOf(json.images[0].data).width, pixelsOf(json.images[0].data).height]).toEqual([2048, 2048]);
    expect(json.costUsd).toBe(0.134);
  });

  it("carries the note in the event stream, and refuses only what is not an image", async () => {
    proxy.openai.enqueue({ wrongSize: { width: 1024, height: 1024 } });
    const { events } = await postImagesStreamAsync(proxy, { model: "gpt-image-2", prompt: "a wide shot", width: 1536, height: 864, quality: "low" });
    const image = events.find((e) => e.event === "image")!;
    expect(image.data).toMatchObject({
      width: 1536,
      height: 864,
      note: "The model's picture came back at 1024×1024, a different shape from the one asked for, so it was cropped to fit.",
    });
    expect(events.at(-1)!.event).toBe("done");
    proxy.openai.setDefault("notAnImage");
    const broken = await postImagesAsync(proxy, { model: "gpt-image-2", prompt: "x", width: 1024, height: 1024, quality: "low" });
    expect(broken.status).toBe(502);
    expect(broken.json.error.message).toMatch(/not an image/);
  });
});
