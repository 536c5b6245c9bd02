import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodePng } from "../../src/core/raster/png-codec.js";
import { createRgbaImage } from "../../src/core/raster/rgba-image.js";
import { pngBomb } from "./png-bomb.js";
import { findLeak, startGuardedProxyAsync, TOKEN_A1, type GuardedProxy } from "./start-guarded-proxy.js";

// Issue 18, points 2 and 6: cheap hostile requests stay cheap. Each is answered with a 4xx
// sentence (or, for a harmless oddity, served), nothing leaks, the proxy's memory stays bounded
// and other requests are still served. (Speed is measured by `npm run bench -- load`, not here.)

const offline = { model: "offline", prompt: "calm meadow", width: 64, height: 64 };
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const photo = b64(encodePng(createRgbaImage(64, 64, [10, 120, 200, 255])));
/** 64×64 header, 16 MiB of pixel data (about 16 KB of body). */
const bomb = b64(pngBomb(64, 64, 16));
/** Largest resident memory the test process (which runs the proxy) may reach (issue 18: 1.5 GB). */
const MAX_RSS = 1.5e9;

describe("hostile request bodies", () => {
  let proxy: GuardedProxy;
  beforeAll(async () => {
    proxy = await startGuardedProxyAsync({ BRANDFILL_RATE_PER_MIN: "0", BRANDFILL_MAX_CONCURRENT: "0" });
  });
  afterAll(async () => {
    await proxy?.close();
  });

  const refusedWith = async (response: Response, status: number, message: RegExp) => {
    const text = await response.text();
    expect(response.status).toBe(status);
    const error = JSON.parse(text).error;
    expect(error.message).toMatch(message);
    // A sentence: starts with a capital or a quote, ends with a full stop.
    expect(error.message).toMatch(/^[“A-Z].*[.)]$/s);
    expect(findLeak(text)).toBeNull();
  };

  it.each([
    ["the offline model's edit source", { ...offline, image: { data: bomb, mimeType: "image/png" } }, /“image” holds more pixel data than its 64×64 px header allows/],
    [
      "the offline model's mask",
      { ...offline, image: { data: photo, mimeType: "image/png" }, mask: { data: bomb } },
      /“mask” holds more pixel data than its 64×64 px header allows/,
    ],
    ["a Gemini mask", { ...offline, model: "gemini-nano-banana-2.1", image: { data: photo, mimeType: "image/png" }, mask: { data: bomb } }, /“mask” holds more pixel data/],
    [
      "an OpenAI reference",
      {
        ...offline,
        model: "gpt-image-2",
        quality: "low",
        width: 1024,
        height: 1024,
        image: { data: photo, mimeType: "image/png" },
        references: [{ data: bomb, mimeType: "image/png" }],
      },
      /“references\[0\]” holds more pixel data/,
    ],
  ])("refuses a decompression bomb as %s with a 400 sentence, before any provider is called", async (_, body, message) => {
    const calls = proxy.openai.requests.length + proxy.gemini.requests.length;
    await refusedWith(await proxy.postAsync(body), 400, message);
    expect(proxy.openai.requests.length + proxy.gemini.requests.length).toBe(calls);
    expect(process.memoryUsage().rss).toBeLessThan(MAX_RSS);
  });

  it("refuses a PNG whose data ends before its header's rows", async () => {
    const cut = Buffer.from(encodePng(createRgbaImage(64, 64, [1, 2, 3, 255])));
    // Keep the chunk layout valid but make the header promise more rows than the data holds.
    cut.writeUInt32BE(640, 20);
    const crcFixed = b64(fixIhdrCrc(cut));
    await refusedWith(await proxy.postAsync({ ...offline, image: { data: crcFixed, mimeType: "image/png" } }), 400, /cut short|damaged/);
  });

  it("refuses 10,000 references with a sentence", async () => {
    const tiny = b64(encodePng(createRgbaImage(1, 1, [0, 0, 0, 255])));
    const body = { ...offline, model: "gpt-image-2", references: Array.from({ length: 10_000 }, () => ({ data: tiny, mimeType: "image/png" })) };
    await refusedWith(await proxy.postAsync(body), 400, /at most 16 references/);
  });

  it("refuses JSON nested 100,000 deep as not valid, without a stack overflow reaching the client", async () => {
    const deep = `{"model":"offline","prompt":"x","width":64,"height":64,"extra":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const response = await proxy.postAsync(deep);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const text = await response.text();
    expect(JSON.parse(text).error.message).toMatch(/^[“A-Z].*\.$/s);
    expect(findLeak(text)).toBeNull();
  });

  it.each([
    ["NUL characters", "\u0000\u0000\u0000"],
    ["NUL and right-to-left override characters", "\u202e\u0000\u202d\u0000\u2067"],
    ["only right-to-left marks and override characters", "\u200f\u202e\u2067\u200f"],
  ])("refuses a prompt of %s with a sentence", async (_, prompt) => {
    await refusedWith(await proxy.postAsync({ ...offline, prompt }), 400, /“prompt”/);
  });

  it("still serves a right-to-left prompt of real words", async () => {
    expect((await proxy.postAsync({ ...offline, prompt: "\u200fمنظر طبيعي هادئ" })).status).toBe(200);
  });

  it.each([
    ["1e9", 1e9, /“width”/],
    ["negative", -64, /“width”/],
    ["fractional", 63.5, /“width”/],
  ])("refuses a width that is %s with a sentence", async (_, width, message) => {
    await refusedWith(await proxy.postAsync({ ...offline, width }), 400, message);
  });

  it("refuses NaN (not JSON) with a sentence", async () => {
    await refusedWith(await proxy.postAsync('{"model":"offline","prompt":"x","width":NaN,"height":64}'), 400, /not valid JSON/);
  });

  it("serves a request whose X-Request-Id is 10 kB, with an id of its own instead of the client's", async () => {
    const response = await proxy.postAsync(offline, TOKEN_A1, { headers: { "x-request-id": "r".repeat(10_000) } });
    expect(response.status).toBe(200);
    const id = response.headers.get("x-request-id") ?? "";
    expect(id.length).toBeGreaterThan(0);
    expect(id.length).toBeLessThanOrEqual(64);
    expect(proxy.logs.join("\n")).not.toContain("r".repeat(100));
  });
});

describe("slow sockets", () => {
  let proxy: GuardedProxy;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    proxy = await startGuardedProxyAsync({ BRANDFILL_RATE_PER_MIN: "0" });
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await proxy?.close();
  });

  it("keeps serving while 200 connections dribble their headers", async () => {
    const { port } = new URL(proxy.url);
    await Promise.all(
      Array.from(
        { length: 200 },
        () =>
          new Promise<void>((resolve, reject) => {
            const socket = connect(Number(port), "127.0.0.1", () => {
              // Half a request head, never finished: the slowloris attack.
              socket.write(`POST /v1/images HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN_A1}\r\nX-Slow: `);
              resolve();
            });
            socket.on("error", () => undefined);
            socket.once("error", reject);
            sockets.push(socket);
          }),
      ),
    );
    const response = await proxy.postAsync(offline);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { images: unknown[] }).images).toHaveLength(1);
    expect((await fetch(`${proxy.url}/v1/health`)).status).toBe(200);
    expect(process.memoryUsage().rss).toBeLessThan(MAX_RSS);
  });
});

/** Recomputes the IHDR chunk's CRC after its fields were changed (PNG spec, annex D). */
function fixIhdrCrc(png: Buffer): Buffer {
  let crc = 0xffffffff;
  for (const byte of png.subarray(12, 29)) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  png.writeUInt32BE((crc ^ 0xffffffff) >>> 0, 29);
  return png;
}
