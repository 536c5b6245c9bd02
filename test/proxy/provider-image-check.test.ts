import jpeg from "jpeg-js";
import { describe, expect, it } from "vitest";
import { decodeBase64 } from "../../src/core/encoding/base64.js";
import { encodePng } from "../../src/core/raster/png-codec.js";
import { checkProviderImage } from "../../src/proxy/check-provider-image.js";
import { synthesizePicture } from "../emulators/synthesize-picture.js";

// What the proxy accepts as a provider's image, and what it passes on (the base64 it received,
// when that is canonical, so a 4096² image is not encoded a second time).

const png = encodePng(synthesizePicture(120, 80, "checked"));
const b64 = Buffer.from(png).toString("base64");

describe("checkProviderImage", () => {
  it("keeps canonical base64 as it came and decodes the same bytes on demand", () => {
    const image = checkProviderImage(b64, "gemini");
    expect(image).toMatchObject({ width: 120, height: 80 });
    expect(image.base64).toBe(b64);
    expect(Buffer.from(image.png).equals(Buffer.from(png))).toBe(true);
  });

  it("is not changed by checking another, larger image afterwards", () => {
    const first = checkProviderImage(b64, "openai");
    const other = Buffer.from(encodePng(synthesizePicture(400, 300, "other"))).toString("base64");
    checkProviderImage(other, "openai");
    expect(Buffer.from(first.png).equals(Buffer.from(png))).toBe(true);
    const wrapped = checkProviderImage(b64.replace(/(.{76})/g, "$1\n"), "openai");
    checkProviderImage(other, "openai");
    expect(Buffer.from(wrapped.png).equals(Buffer.from(png))).toBe(true);
  });

  it("accepts base64 wrapped in lines and passes it on re-encoded", () => {
    const image = checkProviderImage(b64.replace(/(.{76})/g, "$1\r\n"), "openai");
    expect(image.base64).toBeUndefined();
    expect(Buffer.from(image.png).toString("base64")).toBe(b64);
  });

  it("passes base64 in the url-safe alphabet on as it came, and brandfill's decoder reads it", () => {
    const urlSafe = b64.replace(/\+/g, "-").replace(/\//g, "_");
    expect(urlSafe).not.toBe(b64);
    const image = checkProviderImage(urlSafe, "gemini");
    expect(image.base64).toBe(urlSafe);
    expect(Buffer.from(decodeBase64(urlSafe)).equals(Buffer.from(png))).toBe(true);
    expect(Buffer.from(image.png).equals(Buffer.from(png))).toBe(true);
  });

  it.each([
    ["characters outside the alphabet", `${b64.slice(0, 40)}*not~base64!${b64.slice(40)}`, /damaged image \(not valid base64\)/],
    ["a cut-off png", Buffer.from(png.subarray(0, png.length >> 1)).toString("base64"), /incomplete image/],
    ["text", Buffer.from("no image here, sorry").toString("base64"), /not an image/],
    ["nothing", "", /without an image/],
  ])("refuses %s with a provider_error", (_what, data, message) => {
    expect(() => checkProviderImage(data, "gemini")).toThrow(message);
  });

  it("turns a jpeg into a png of the same size", () => {
    const picture = synthesizePicture(64, 48, "jpeg");
    const data = Buffer.from(jpeg.encode({ width: 64, height: 48, data: Buffer.from(picture.data) }, 90).data).toString("base64");
    const image = checkProviderImage(data, "gemini");
    expect(image).toMatchObject({ width: 64, height: 48 });
    expect(image.base64).toBeUndefined();
    expect(Buffer.from(image.png.subarray(1, 4)).toString()).toBe("PNG");
  });
});
