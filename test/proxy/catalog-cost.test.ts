import { describe, expect, it } from "vitest";
import { actualCostUsd } from "../../src/core/catalog/actual-cost.js";
import { chooseProviderSize } from "../../src/core/catalog/choose-provider-size.js";
import { estimateCostUsd } from "../../src/core/catalog/estimate-cost.js";
import { MODEL_CATALOG, type ModelEntry } from "../../src/core/catalog/model-catalog.js";
import { resolveModel } from "../../src/core/catalog/resolve-model.js";
import { postImagesAsync, postImagesStreamAsync, useProviderProxy } from "./provider-harness.js";

// Cost: estimated before a run from the catalog, and the actual cost after it from what the
// provider reported (tokens where per-token prices are known, else images × per-image price).

const model = (id: string) => resolveModel(id, MODEL_CATALOG);
/** gpt-image-2 as if OpenAI had published per-token prices (USD per million tokens). */
const TOKEN_PRICED: ModelEntry = {
  ...model("gpt-image-2"),
  price: { kind: "by-quality", square: {}, nonSquare: {}, tokens: { textInput: 5, imageInput: 8, imageOutput: 30 } },
};

describe("actualCostUsd", () => {
  const square = { width: 1024, height: 1024, openAiSize: "1024x1024" };

  it("prices tokens by class when per-token prices are known", () => {
    const tokens = { textInput: 100, imageInput: 646, imageOutput: 1056, textOutput: 0 };
    // 100 × 5 + 646 × 8 + 1056 × 30 = 37,348 µ$
    expect(actualCostUsd(TOKEN_PRICED, square, "medium", { images: 1, tokens })).toBe(0.037348);
  });

  it("is unknown when a token class that was used has no price", () => {
    expect(actualCostUsd(TOKEN_PRICED, square, "low", { images: 1, tokens: { textInput: 10, imageInput: 0, imageOutput: 272, textOutput: 5 } })).toBeNull();
  });

  it("uses the quality openai reports for an auto request", () => {
    const gpt2 = model("gpt-image-2");
    expect(estimateCostUsd(gpt2, square, "auto", 2)).toBeNull();
    expect(actualCostUsd(gpt2, square, "auto", { images: 2, quality: "medium", tokens: { textInput: 3, imageInput: 0, imageOutput: 2112, textOutput: 0 } })).toBe(0.106);
  });

  it("counts only the images that came back", () => {
    const pro = model("gemini-3-pro-image");
    const size = chooseProviderSize(pro, { width: 2000, height: 2000 });
    expect(size.imageSize).toBe("2K");
    expect(estimateCostUsd(pro, size, undefined, 4)).toBe(0.536);
    expect(actualCostUsd(pro, size, undefined, { images: 3 })).toBe(0.402);
  });

  it("is unknown for every model without a published price, and zero offline", () => {
    for (const m of MODEL_CATALOG) {
      const size = chooseProviderSize(m, { width: 1024, height: 1024 });
      const cost = actualCostUsd(m, size, m.qualities.includes("low") ? "low" : undefined, { images: 1 });
      if (m.price.kind === "unknown") expect(cost, m.id).toBeNull();
      else if (m.price.kind === "free") expect(cost, m.id).toBe(0);
      else expect(cost, m.id).toBeGreaterThan(0);
    }
  });
});

describe("cost through POST /v1/images", () => {
  // The catalog is configuration: swap in a token-priced gpt-image-2 for one case.
  const proxy = useProviderProxy({
    configure: (config) =>
      void config.catalog.splice(
        config.catalog.findIndex((m) => m.id === "gpt-image-2"),
        1,
        TOKEN_PRICED,
      ),
  });

  it("prices an openai run from the usage it returned when per-token prices are known", async () => {
    const { status, json } = await postImagesAsync(proxy, { model: "gpt-image-2", prompt: "a lighthouse at dusk", width: 816, height: 816, quality: "low" });
    expect(status).toBe(200);
    const { input_tokens_details: input, output_tokens: output } = json.usage;
    expect(output).toBeGreaterThan(0);
    expect(json.costUsd).toBeCloseTo((input.text_tokens * 5 + input.image_tokens * 8 + output * 30) / 1e6, 6);
  });

  it("prices an auto-quality openai run by the quality openai says it used × images", async () => {
    const { json } = await postImagesAsync(proxy, { model: "gpt-image-2-2026-04-21", prompt: "a lighthouse", width: 1024, height: 1024, n: 2 });
    expect(proxy.openai.requests[0]!.json).not.toHaveProperty("quality");
    // The emulator answers `quality: "medium"` for auto: 2 × $0.053 (gpt-image-2's square price).
    expect(json.costUsd).toBe(0.106);
  });

  it("prices gemini by size tier × the variants that came back", async () => {
    proxy.gemini.enqueue("ok", { finishReason: "IMAGE_OTHER" }, "ok");
    const { json } = await postImagesAsync(proxy, { model: "gemini-3-pro-image", prompt: "a lighthouse", width: 1200, height: 628, n: 3 });
    expect(json.images).toHaveLength(2);
    expect(json.providerRequest.imageSize).toBe("1K");
    expect(json.costUsd).toBe(0.268);
  });

  it("says unknown, not a guess, for a model without a price, in json and in the event stream", async () => {
    const { json } = await postImagesAsync(proxy, { model: "gpt-image-2.5-flare", prompt: "a lighthouse", width: 1024, height: 1024, quality: "high" });
    expect(json.images).toHaveLength(1);
    expect(json.costUsd).toBeNull();
    const { events } = await postImagesStreamAsync(proxy, { model: "gemini-3.1-flash-lite-image", prompt: "a lighthouse", width: 512, height: 512 });
    expect(events.at(-1)).toMatchObject({ event: "done", data: { costUsd: null } });
  });
});
