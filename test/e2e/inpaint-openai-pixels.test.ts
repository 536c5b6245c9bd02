import { describe, expect, it } from "vitest";
import { expectUntouchedOutside, inpaintThroughProxyAsync, masks, smallKodak, useTestProxy } from "./inpaint-helpers.js";

const testProxy = useTestProxy();

// The emulator's "alterEverything" imitates a soft mask: it also changes every pixel outside the mask.
describe("inpainting with gpt-image-2 through the real proxy", () => {
  for (const [n, variants] of [
    [7, 1],
    [19, 2],
  ] as const) {
    it(`leaves every pixel outside mask + feather untouched on kodim${n} when the model alters every pixel (${variants} variant${variants > 1 ? "s" : ""})`, async () => {
      const photo = smallKodak(n);
      for (const [name, mask] of Object.entries(masks(photo))) {
        const before = testProxy().openai.requests.length;
        testProxy().openai.enqueue("alterEverything");
        const { job } = await inpaintThroughProxyAsync(testProxy().url, photo, mask, { model: "gpt-image-2", prompt: "a weathered wooden sign", quality: "low", n: variants });
        // One edit call carrying the crop and its mask.
        const sent = testProxy().openai.requests.slice(before);
        expect(sent.map((r) => r.path)).toEqual(["/v1/images/edits"]);
        expect(sent[0]!.form!.files.map((f) => f.name).sort()).toEqual(["image", "mask"]);
        expect(job.candidates).toHaveLength(variants);
        expectUntouchedOutside(photo, mask, job, `kodim${n} ${name}`);
      }
    });
  }
});
