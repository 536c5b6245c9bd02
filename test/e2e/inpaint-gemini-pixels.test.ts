import { describe, expect, it } from "vitest";
import { expectUntouchedOutside, inpaintThroughProxyAsync, masks, smallKodak, useTestProxy } from "./inpaint-helpers.js";

const testProxy = useTestProxy();

// Gemini has no mask: the emulator, like the model can, changes every pixel of the picture it is sent.
describe("inpainting with Gemini through the real proxy", () => {
  for (const n of [5, 15]) {
    it(`leaves every pixel outside mask + feather untouched on kodim${n}, whatever Gemini repaints`, async () => {
      const photo = smallKodak(n);
      for (const [name, mask] of Object.entries(masks(photo))) {
        const before = testProxy().gemini.requests.length;
        const { job } = await inpaintThroughProxyAsync(testProxy().url, photo, mask, { model: "gemini-nano-banana-2.1", prompt: "a bed of tulips" });
        // The context crop and the mask as a guide, with the region named in the instruction.
        const sent = testProxy().gemini.requests[before]!;
        expect(sent.inlineImages).toHaveLength(2);
        expect(JSON.stringify(sent.json)).toMatch(/a bed of tulips\\nEdit only .+ of the first image \(x \d+–\d+%, y \d+–\d+%\)\./);
        expectUntouchedOutside(photo, mask, job, `kodim${n} ${name}`);
      }
    });
  }
});
