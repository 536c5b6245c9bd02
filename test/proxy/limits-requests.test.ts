import jpeg from "jpeg-js";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodePng } from "../../src/core/raster/png-codec.js";
import { createRgbaImage } from "../../src/core/raster/rgba-image.js";
import { findLeak, startGuardedProxyAsync, TOKEN_A1, TOKEN_A2, TOKEN_B, type GuardedProxy } from "./start-guarded-proxy.js";

const offline = { model: "offline", prompt: "calm meadow", width: 64, height: 64 };
const png = (w: number, h: number) => Buffer.from(encodePng(createRgbaImage(w, h, [10, 120, 200, 255]))).toString("base64");

async function waitForAsync(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

/** Repeats a request (up to 2 s) until it is no longer refused: a freed slot is released just after the answer. */
async function statusOnceFreeAsync(send: () => Promise<Response>): Promise<number> {
  let status = 0;
  for (let i = 0; i < 100 && status !== 200; i++) {
    status = (await send()).status;
    if (status !== 200) await new Promise((r) => setTimeout(r, 20));
  }
  return status;
}

/**
 * Sends raw HTTP/1.1 to the proxy: the head, then body bytes from `nextChunk` for as long as
 * it gives them and no answer has arrived. Resolves with the answer's status line and how
 * many body bytes had been handed to the socket when it came.
 */
function rawPostAsync(url: string, head: string, nextChunk: () => Buffer | null): Promise<{ status: number; sentWhenAnswered: number; head: string; body: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1");
    let sent = 0;
    let answeredAt: number | null = null;
    let response = "";
    const pump = () => {
      while (answeredAt === null) {
        const chunk = nextChunk();
        if (!chunk) return;
        sent += chunk.length;
        if (!socket.write(chunk)) return void socket.once("drain", pump);
      }
    };
    socket.on("connect", () => {
      socket.write(head);
      pump();
    });
    socket.on("data", (data) => {
      answeredAt ??= sent;
      response += data.toString("latin1");
      if (/\r\n\r\n[\s\S]*\}$/.test(response)) {
        socket.destroy();
        const [head = "", body = ""] = response.split("\r\n\r\n");
        resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(response)?.[1]), sentWhenAnswered: answeredAt, head, body });
      }
    });
    socket.on("error", (error) => (answeredAt === null ? reject(error) : undefined));
  });
}

describe("request rate and concurrency per token", () => {
  let proxy: GuardedProxy;
  beforeAll(async () => {
    proxy = await startGuardedProxyAsync({ BRANDFILL_RATE_PER_MIN: "3", BRANDFILL_MAX_CONCURRENT: "0" });
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it("answers 429 rate_limited with retryAfterS once a token used its requests this minute", async () => {
    const statuses = [];
    for (const token of [TOKEN_A1, TOKEN_A2, TOKEN_A1]) statuses.push((await proxy.postAsync(offline, token)).status);
    expect(statuses).toEqual([200, 200, 200]);
    // TOKEN_A2 is TOKEN_A1 rotated (both "team-a"): they share one limit.
    const refused = await proxy.postAsync(offline, TOKEN_A2);
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as any;
    expect(body.error).toMatchObject({ code: "rate_limited", retryable: true });
    expect(body.error.retryAfterS).toBeGreaterThanOrEqual(1);
    expect(body.error.retryAfterS).toBeLessThanOrEqual(60);
    expect(refused.headers.get("retry-after")).toBe(String(body.error.retryAfterS));
    expect(body.error.message).toMatch(/3 image requests this minute.*Try again in \d+ s/);
    // Another team's token has its own count.
    expect((await proxy.postAsync(offline, TOKEN_B)).status).toBe(200);
    const logged = proxy.logs.map((l) => JSON.parse(l)).filter((l) => l.status === 429);
    expect(logged).toEqual([expect.objectContaining({ token: "team-a", code: "rate_limited", requestId: refused.headers.get("x-request-id") })]);
  });
});

describe("concurrent requests per token", () => {
  let proxy: GuardedProxy;
  beforeAll(async () => {
    proxy = await startGuardedProxyAsync({ BRANDFILL_RATE_PER_MIN: "0", BRANDFILL_MAX_CONCURRENT: "2" });
  });
  afterAll(async () => {
    await proxy?.close();
  });
  const slow = { model: "gpt-image-2", prompt: "lighthouse", width: 1024, height: 1024, quality: "low" };

  it("refuses a third request while two are running, and frees the slots when they end", async () => {
    proxy.openai.enqueue({ hang: true }, { hang: true });
    const aborts = [new AbortController(), new AbortController()];
    const running = aborts.map((a) => proxy.postAsync(slow, TOKEN_A1, { signal: a.signal }).catch(() => null));
    await waitForAsync(() => proxy.openai.requests.length >= 2, "two provider calls");
    const third = await proxy.postAsync(offline, TOKEN_A2);
    expect(third.status).toBe(429);
    expect(((await third.json()) as any).error).toMatchObject({ code: "rate_limited", retryAfterS: 5 });
    expect((await proxy.postAsync(offline, TOKEN_B)).status).toBe(200);
    for (const a of aborts) a.abort();
    await Promise.all(running);
    await proxy.openai.waitForClosedConnectionsAsync(2);
    expect(await statusOnceFreeAsync(() => proxy.postAsync(offline, TOKEN_A1))).toBe(200);
  });

  it("holds the slot of a streamed answer until the stream ends", async () => {
    proxy.openai.enqueue({ hang: true }, { hang: true });
    const aborts = [new AbortController(), new AbortController()];
    const streams = await Promise.all(aborts.map((a) => proxy.postAsync(slow, TOKEN_B, { signal: a.signal, headers: { accept: "text/event-stream" } })));
    // The handler has returned (headers are here) but both images are still being made.
    expect(streams.map((s) => s.status)).toEqual([200, 200]);
    await waitForAsync(() => proxy.openai.requests.length >= 4, "two streamed provider calls");
    expect((await proxy.postAsync(offline, TOKEN_B)).status).toBe(429);
    aborts[0]!.abort();
    await streams[0]!.body?.cancel().catch(() => undefined);
    expect(await statusOnceFreeAsync(() => proxy.postAsync(offline, TOKEN_B))).toBe(200);
    aborts[1]!.abort();
  });
});

describe("body and content limits", () => {
  let proxy: GuardedProxy;
  beforeAll(async () => {
    proxy = await startGuardedProxyAsync({ BRANDFILL_MAX_BODY_MB: "1", BRANDFILL_RATE_PER_MIN: "0" });
  });
  afterAll(async () => {
    await proxy?.close();
  });
  const head = (extra: string) => `POST /v1/images HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN_A1}\r\nContent-Type: application/json\r\n${extra}\r\n`;

  it("answers 413 for a declared Content-Length over the limit before any of the body is read", async () => {
    let chunks = 0;
    const answer = await rawPostAsync(proxy.url, head(`Content-Length: ${200 * 1024 * 1024}\r\n`), () => (chunks++ < 1 ? Buffer.from('{"model":"offline","prompt":"') : null));
    expect(answer.status).toBe(413);
    expect(answer.sentWhenAnswered).toBeLessThan(100);
    // The unread rest of the body makes the connection unusable: the client is told not to reuse it.
    expect(answer.head).toMatch(/^connection: close$/im);
    expect(JSON.parse(answer.body).error).toMatchObject({ code: "payload_too_large" });
    expect(JSON.parse(answer.body).error.message).toMatch(/larger than the proxy accepts \(1 MB\)/);
  });

  it("answers 413 to an endless chunked upload after about the limit, without reading the rest", async () => {
    const piece = Buffer.alloc(64 * 1024, 0x61);
    const frame = Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n")]);
    let sent = 0;
    // An unbounded server would have to read all 256 MB before answering.
    const answer = await rawPostAsync(proxy.url, head("Transfer-Encoding: chunked\r\n"), () => ((sent += frame.length) < 256 * 1024 * 1024 ? frame : null));
    expect(answer.status).toBe(413);
    expect(answer.sentWhenAnswered).toBeLessThan(32 * 1024 * 1024);
    expect((await proxy.postAsync(offline)).status).toBe(200);
  });

  it.each([
    [
      "17 references",
      { ...offline, model: "gpt-image-2", references: Array.from({ length: 17 }, () => ({ data: png(8, 8), mimeType: "image/png" })) },
      400,
      /at most 16 references/,
    ],
    ["a prompt over 32,000 characters", { ...offline, prompt: "x".repeat(32_001) }, 400, /“prompt” must be at most 32000 characters/],
    [
      "a JPEG declared as PNG",
      { ...offline, image: { data: Buffer.from(jpeg.encode({ width: 8, height: 8, data: Buffer.alloc(256, 200) }, 80).data).toString("base64"), mimeType: "image/png" } },
      400,
      /says it is image\/png but its content is image\/jpeg/,
    ],
    [
      "a GIF",
      { ...offline, image: { data: Buffer.from("GIF89a\x08\x00\x08\x00\x00\x00\x00;", "latin1").toString("base64"), mimeType: "image/png" } },
      400,
      /“image” is not a PNG, JPEG or WebP image/,
    ],
    [
      "text declared as PNG",
      { ...offline, references: [{ data: Buffer.from("just some text, not an image").toString("base64"), mimeType: "image/png" }] },
      400,
      /“references\[0\]” is not a PNG/,
    ],
    ["an image 4097 px tall", { ...offline, image: { data: png(1, 4097), mimeType: "image/png" } }, 413, /1×4097 px; images can be at most 4096×4096/],
  ])("refuses %s with a sentence naming it", async (_, body, status, message) => {
    const response = await proxy.postAsync(body);
    const text = await response.text();
    expect(response.status).toBe(status);
    expect(JSON.parse(text).error.message).toMatch(message);
    expect(findLeak(text)).toBeNull();
  });

  it("accepts 16 references for a model that takes them", async () => {
    const body = {
      ...offline,
      model: "gpt-image-2",
      quality: "low",
      image: { data: png(64, 64), mimeType: "image/png" },
      references: Array.from({ length: 15 }, () => ({ data: png(8, 8), mimeType: "image/png" })),
    };
    expect((await proxy.postAsync(body)).status).toBe(200);
  });
});
