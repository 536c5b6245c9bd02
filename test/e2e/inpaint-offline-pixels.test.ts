import { describe, it } from "vitest";
import { expectUntouchedOutside, inpaintThroughProxyAsync, masks, smallKodak, useTestProxy } from "./inpaint-helpers.js";

const testProxy = useTestProxy();

describe("inpainting offline through the real proxy", () => {
  // Telea's fill costs in proportion to the hole, so the offline run uses smaller photos.
  for (const n of [3, 15, 23]) {
    it(`leaves every pixel outside mask + feather untouched on kodim${n} for every mask`, async () => {
      const photo = smallKodak(n, 288);
      for (const [name, mask] of Object.entries(masks(photo))) {
        const { job } = await inpaintThroughProxyAsync(testProxy().url, photo, mask, { model: "offline", prompt: "remove it" });
        expectUntouchedOutside(photo, mask, job, `kodim${n} ${name}`);
      }
    });
  }
});
