import jpeg from "jpeg-js";
import { describe, expect, it } from "vitest";
import { decodeBase64 } from "../../src/core/encoding/base64.js";
import sharp from "sharp";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";
import { checkProviderImageAsync } from "../../src/proxy/check-provider-image.js";
import { synthesizePicture } from "../emulators/synthesize-picture.js";

// What the proxy accepts as a provider's image, and what it passes on (the base64 it received,
// when that is canonical, so a 4096² image is not encoded a second time).

const png = encodePng(synthesizePicture(120, 80, "checked"));
const b64 = Buffer.from(png).toString("base64");

describe("checkProviderImage", () => {
  it("keeps canonical base64 as it came and decodes the same bytes on demand", async () => {
    const image = await checkProviderImageAsync(b64, "gemini");
    expect(image).toMatchObject({ width: 120, height: 80 });
    expect(image.base64).toBe(b64);
    expect(Buffer.from(image.png).equals(Buffer.from(png))).toBe(true);
  });

  it("is not changed by checking another, larger image afterwards", async () => {
    const first = await checkProviderImageAsync(b64, "openai");
    const other = Buffer.from(encodePng(synthesizePicture(400, 300, "other"))).toString("base64");
    await checkProviderImageAsync(other, "openai");
    expect(Buffer.from(first.png).equals(Buffer.from(png))).toBe(true);
    const wrapped = await checkProviderImageAsync(b64.replace(/(.{76})/g, "$1\n"), "openai");
    await checkProviderImageAsync(other, "openai");
    expect(Buffer.from(wrapped.png).equals(Buffer.from(png))).toBe(true);
  });

  it("accepts base64 wrapped in lines and passes it on re-encoded", async () => {
    const image = await checkProviderImageAsync(b64.replace(/(.{76})/g, "$1\r\n"), "openai");
    expect(image.base64).toBeUndefined();
    expect(Buffer.from(image.png).toString("base64")).toBe(b64);
  });

  it("passes base64 in the url-safe alphabet on as it came, and brandfill's decoder reads it", async () => {
    const urlSafe = b64.replace(/\+/g, "-").replace(/\//g, "_");
    expect(urlSafe).not.toBe(b64);
    const image = await checkProviderImageAsync(urlSafe, "gemini");
    expect(image.base64).toBe(urlSafe);
    expect(Buffer.from(decodeBase64(urlSafe)).equals(Buffer.from(png))).toBe(true);
    expect(Buffer.from(image.png).equals(Buffer.from(png))).toBe(true);
  });

  it.each([
    ["characters outside the alphabet", `${b64.slice(0, 40)}*not~base64!${b64.slice(40)}`, /damaged image \(not valid base64\)/],
    ["a cut-off png", Buffer.from(png.subarray(0, png.length >> 1)).toString("base64"), /incomplete image/],
    ["text", Buffer.from("no image here, sorry").toString("base64"), /not an image/],
    ["nothing", "", /without an image/],
  ])("refuses %s with a provider_error", async (_what, data, message) => {
    await expect(checkProviderImageAsync(data, "gemini")).rejects.toThrow(message);
  });

  it("turns a jpeg into a png of the same size", async () => {
    const picture = synthesizePicture(64, 48, "jpeg");
    const data = Buffer.from(jpeg.encode({ width: 64, height: 48, data: Buffer.from(picture.data) }, 90).data).toString("base64");
    const image = await checkProviderImageAsync(data, "gemini");
    expect(image).toMatchObject({ width: 64, height: 48 });
    expect(image.base64).toBeUndefined();
    expect(Buffer.from(image.png.subarray(1, 4)).toString()).toBe("PNG");
    // The PNG holds the JPEG's pixels (sharp decodes what jpeg-js encoded, within JPEG's loss).
    const back = decodePng(image.png);
    expect(back.width).toBe(64);
    let diff = 0;
    for (let i = 0; i < 64 * 48; i++) diff += Math.abs(back.data[i * (back.data.length / (64 * 48))]! - picture.data[i * 4]!);
    expect(diff / (64 * 48)).toBeLessThan(8);
  });

  it("turns a webp into a png, and refuses a damaged one in words", async () => {
    const picture = synthesizePicture(40, 30, "webp");
    const webp = await sharp(Buffer.from(picture.data), { raw: { width: 40, height: 30, channels: 4 } })
      .webp({ lossless: true })
      .toBuffer();
    const image = await checkProviderImageAsync(webp.toString("base64"), "openai");
    expect(image).toMatchObject({ width: 40, height: 30 });
    expect([...decodePng(image.png).data.subarray(0, 4)]).toEqual([...picture.data.subarray(0, 4)]);
    const broken = Buffer.concat([webp.subarray(0, 30), Buffer.alloc(64, 7)]);
    await expect(checkProviderImageAsync(broken.toString("base64"), "openai")).rejects.toThrow(/damaged WebP image/);
  });
});

describe("checkProviderImage on images spanning many decoded pieces", () => {
  // Noise compresses badly, so this PNG's base64 runs over several 64 Ki-character pieces.
  const noise = { width: 300, height: 200, data: new Uint8ClampedArray(300 * 200 * 4) };
  let x = 12345;
  for (let i = 0; i < noise.data.length; i++) noise.data[i] = i % 4 === 3 ? 255 : (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
  const big = encodePng(noise);
  const bigB64 = Buffer.from(big).toString("base64");

  it("passes a long canonical PNG on as it came", async () => {
    expect(bigB64.length).toBeGreaterThan(3 * 65536);
    const image = await checkProviderImageAsync(bigB64, "openai");
    expect(image).toMatchObject({ width: 300, height: 200, base64: bigB64 });
    expect(Buffer.from(image.png).equals(Buffer.from(big))).toBe(true);
  });

  it("refuses damage far into the string and a cut at any point", async () => {
    const damaged = `${bigB64.slice(0, 150_000)}*${bigB64.slice(150_001)}`;
    await expect(checkProviderImageAsync(damaged, "openai")).rejects.toThrow(/not valid base64/);
    for (const keep of [65536 * 3 - 4, 65536 * 2 + 4, 100_003, big.length - 1]) {
      const cut = Buffer.from(big.subarray(0, Math.min(keep, big.length - 1))).toString("base64");
      await expect(checkProviderImageAsync(cut, "gemini")).rejects.toThrow(/incomplete image/);
    }
  });

  it("reads the end of a PNG whose last piece holds only a few bytes", async () => {
    // Pad the PNG with an ancillary chunk before IEND so that its base64 ends 4 characters into a
    // piece of 65,536 characters (49,152 bytes): 2 bytes past a piece boundary.
    const iend = big.length - 12;
    const bytesAfterPadding = Math.ceil((big.length + 12) / 49152) * 49152 + 2;
    const padded = Buffer.concat([big.subarray(0, iend), pngChunk("tEXt", Buffer.alloc(bytesAfterPadding - big.length - 12, 65)), big.subarray(iend)]);
    const text = padded.toString("base64");
    expect(text.length % 65536).toBe(4);
    expect(await checkProviderImageAsync(text, "gemini")).toMatchObject({ width: 300, height: 200, base64: text });
    const cut = padded.subarray(0, padded.length - 1).toString("base64");
    await expect(checkProviderImageAsync(cut, "gemini")).rejects.toThrow(/incomplete image/);
  });
});

/** A PNG chunk: length, type, data, CRC-32 of type + data (PNG spec §5.3). */
function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  let c = ~0;
  for (const byte of body) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(~c >>> 0, 8 + data.length);
  return out;
}
