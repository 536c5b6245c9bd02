import { afterAll, beforeAll, describe, it } from "vitest";
import { startTestProxyAsync, type TestProxy } from "../proxy/start-test-proxy.js";
import { expectUntouchedOutside, inpaintThroughProxyAsync, masks, smallKodak } from "./inpaint-helpers.js";

let proxy: TestProxy;
beforeAll(async () => {
  proxy = await startTestProxyAsync();
});
afterAll(async () => {
  await proxy?.close();
});

describe("inpainting offline through the real proxy", () => {
  // Telea's fill costs in proportion to the hole, so the offline run uses smaller photos.
  for (const n of [3, 15, 23]) {
    it(`leaves every pixel outside mask + feather untouched on kodim${n} for every mask`, async () => {
      const photo = smallKodak(n, 288);
      for (const [name, mask] of Object.entries(masks(photo))) {
        const { job } = await inpaintThroughProxyAsync(proxy.url, photo, mask, { model: "offline", prompt: "remove it" });
        expectUntouchedOutside(photo, mask, job, `kodim${n} ${name}`);
      }
    });
  }
});
