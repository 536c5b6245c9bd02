import { describe, expect, it } from "vitest";
import { chooseProviderSize } from "../../src/core/catalog/choose-provider-size.js";
import { MODEL_CATALOG } from "../../src/core/catalog/model-catalog.js";
import { blendMask } from "../../src/core/inpaint/blend-mask.js";
import { contextCrop } from "../../src/core/inpaint/context-crop.js";
import { INPAINT_DEFAULTS } from "../../src/jobs/run-inpaint-job.js";
import { loadKodak } from "../core/raster/load-kodak.js";
import { expectUntouchedOutside, inpaintThroughProxyAsync, masks, useTestProxy } from "./inpaint-helpers.js";

const testProxy = useTestProxy();

describe("inpainting when the model answers at another size", () => {
  // Full size, so the context crop is a part of the photo and the picture goes back at an offset.
  it("leaves every pixel outside mask + feather untouched on kodim23 at full size", async () => {
    const photo = loadKodak(23);
    const model = MODEL_CATALOG.find((m) => m.id === "gpt-image-2")!;
    for (const [name, mask] of Object.entries(masks(photo))) {
      // 30 % wider and 27 % taller than the size asked for the crop (aspect 2 % off): a size the
      // proxy still accepts, as a provider rounding to its own table would send.
      const crop = contextCrop(blendMask(mask, INPAINT_DEFAULTS.growPx, INPAINT_DEFAULTS.featherPx), photo);
      const asked = chooseProviderSize(model, crop);
      const wrongSize = { width: Math.round(asked.width * 1.3), height: Math.round(asked.height * 1.27) };
      testProxy().openai.enqueue({ wrongSize });
      const { job, returned } = await inpaintThroughProxyAsync(testProxy().url, photo, mask, { model: "gpt-image-2", prompt: "a brass bell", quality: "low" });
      expect(returned).toEqual([wrongSize]);
      expect(job.crop).toEqual(crop);
      expectUntouchedOutside(photo, mask, job, `kodim23 ${name}`);
    }
  });
});
