import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAiMaskPng } from "../../src/core/inpaint/open-ai-mask-png.js";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";
import { resizeImage } from "../../src/core/raster/resize-image.js";
import type { RgbaImage } from "../../src/core/raster/rgba-image.js";
import { loadKodak } from "../core/raster/load-kodak.js";
import { testMasks } from "../core/inpaint/test-masks.js";
import { startTestProxyAsync, type TestProxy } from "./start-test-proxy.js";

let proxy: TestProxy;
beforeAll(async () => {
  proxy = await startTestProxyAsync();
});
afterAll(async () => {
  await proxy?.close();
});

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

async function post(body: unknown) {
  const response = await fetch(`${proxy.url}/v1/images`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as any };
}

const image = (json: any, i = 0): RgbaImage => decodePng(new Uint8Array(Buffer.from(json.images[i].data, "base64")));

describe("offline edits through POST /v1/images", () => {
  const photo = resizeImage(loadKodak(3), 384, 256);
  const masks = testMasks(384, 256);
  const whole = { x: 0, y: 0, width: 384, height: 256 };

  for (const [name, what] of [
    ["ellipse", "an ellipse"],
    ["thin stroke", "a thin stroke"],
    ["in the corner", "a corner touching two borders"],
  ] as const) {
    it(`fills ${what} from its surroundings and keeps every other pixel`, async () => {
      const mask = masks[name]!;
      const { status, json } = await post({
        model: "offline",
        prompt: "remove it",
        width: 384,
        height: 256,
        image: { data: b64(encodePng(photo)), mimeType: "image/png" },
        mask: { data: b64(encodePng(openAiMaskPng(mask, whole))) },
      });
      expect(status).toBe(200);
      expect(json.providerRequest).toMatchObject({ operation: "inpaint" });
      const out = image(json);
      let kept = 0;
      let filled = 0;
      let error = 0;
      for (let p = 0; p < 384 * 256; p++) {
        const o = p * 4;
        const same = [0, 1, 2, 3].every((c) => out.data[o + c] === photo.data[o + c]);
        if (mask.data[p] === 0) {
          if (!same) throw new Error(`pixel ${p} outside the mask changed`);
          kept++;
        } else {
          filled++;
          for (let c = 0; c < 3; c++) error += Math.abs(out.data[o + c]! - photo.data[o + c]!);
        }
      }
      expect(kept + filled).toBe(384 * 256);
      // Filled from the surroundings: close to the photo that was there (mean error per channel well under 40 of 255).
      expect(error / (filled * 3)).toBeLessThan(40);
    });
  }

  it("returns the image unchanged, resized to the asked size, for an edit without a mask", async () => {
    const { status, json } = await post({ model: "offline", prompt: "keep", width: 192, height: 128, image: { data: b64(encodePng(photo)), mimeType: "image/png" } });
    expect(status).toBe(200);
    const out = image(json);
    expect([out.width, out.height]).toEqual([192, 128]);
    expect(Buffer.from(out.data).equals(Buffer.from(resizeImage(photo, 192, 128).data))).toBe(true);
  });

  it("makes variants that differ and says so when the mask leaves nothing to fill from", async () => {
    const mask = masks.rectangle!;
    const body = {
      model: "offline",
      prompt: "x",
      width: 384,
      height: 256,
      n: 2,
      image: { data: b64(encodePng(photo)), mimeType: "image/png" },
      mask: { data: b64(encodePng(openAiMaskPng(mask, whole))) },
    };
    const { json } = await post(body);
    expect(json.images).toHaveLength(2);
    expect(json.images[0].data).not.toBe(json.images[1].data);

    const everything = { width: 384, height: 256, data: new Uint8Array(384 * 256).fill(255) };
    const { status, json: error } = await post({ ...body, n: 1, mask: { data: b64(encodePng(openAiMaskPng(everything, whole))) } });
    expect(status).toBe(400);
    expect(error.error.message).toBe("The mask covers the whole image, so there is nothing to fill it from. Leave part of the image outside the mask.");
  });
});

describe("gemini masked edits", () => {
  it("names the region in words and sends the mask as the last image", async () => {
    const photo = resizeImage(loadKodak(5), 384, 256);
    const mask = testMasks(384, 256)["touching the border"]!;
    const before = proxy.gemini.requests.length;
    const { status } = await post({
      model: "gemini-nano-banana-2.1",
      prompt: "a red bicycle",
      width: 384,
      height: 256,
      image: { data: b64(encodePng(photo)), mimeType: "image/png" },
      mask: { data: b64(encodePng(openAiMaskPng(mask, { x: 0, y: 0, width: 384, height: 256 }))) },
    });
    expect(status).toBe(200);
    const sent = proxy.gemini.requests[before]!;
    const text = JSON.stringify(sent.json);
    // The mask covers x 0–12 %, y 20–50 %: the middle of the left side.
    expect(text).toContain("a red bicycle\\nEdit only the middle left of the first image (x 0–12%, y 20–50%). The last image is a mask given as a guide");
    expect(sent.inlineImages?.map((i) => i.mimeType)).toEqual(["image/png", "image/png"]);
  });
});
