import fc from "fast-check";
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiErrorBody } from "../../src/core/api/api-error.js";
import { encodePng } from "../../src/core/raster/png-codec.js";
import { createRgbaImage } from "../../src/core/raster/rgba-image.js";
import { findLeak, GEMINI_KEY, OPENAI_KEY, startGuardedProxyAsync, TOKEN_A1, TOKEN_A2, TOKEN_B, type GuardedProxy } from "./start-guarded-proxy.js";

/** Put in every generated prompt: it must never come back. */
const MARKER = "fuzz-prompt-marker-q8z";
/** Longest one request may take before it counts as a hang (ms). */
const HANG_MS = 8000;

const tinyPng = Buffer.from(encodePng(createRgbaImage(8, 8, [200, 30, 30, 255]))).toString("base64");
const truncatedPng = tinyPng.slice(0, 40);
const tooTallPng = Buffer.from(encodePng(createRgbaImage(1, 4097, [0, 0, 0, 255]))).toString("base64");

/** A number a client might send where a pixel size belongs: small valid, edges, huge, negative, fractional, wrong types. */
const pixels = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 96 }) },
  { weight: 3, arbitrary: fc.constantFrom(0, -1, 4097, 2 ** 31, -(2 ** 53), Number.MAX_SAFE_INTEGER, 1e308, -1e308, 0.5, 63.9, 1e-300) },
  { weight: 2, arbitrary: fc.oneof(fc.double(), fc.integer(), fc.string({ maxLength: 6 }), fc.constant(null), fc.boolean(), fc.constant([64]), fc.constant({})) },
);

/** What goes where base64 belongs: real tiny images, broken ones, not base64 at all. */
const base64 = fc.oneof(
  fc.constant(tinyPng),
  fc.constant(tinyPng),
  fc.constant(truncatedPng),
  fc.constant(tooTallPng),
  fc.constant("aGVsbG8="),
  fc.constant(""),
  fc.constant("%%%not-base64%%%"),
  fc.constant("/9j/4AAQ"),
  fc.base64String({ maxLength: 200 }),
  fc.string({ maxLength: 40 }),
  fc.integer(),
);
const mime = fc.oneof(fc.constantFrom("image/png", "image/jpeg", "image/webp", "image/gif", "text/plain", ""), fc.string({ maxLength: 12 }));
const imageInput = fc.oneof(fc.record({ data: base64, mimeType: mime }, { requiredKeys: [] }), fc.jsonValue({ maxDepth: 2 }));

/** A `POST /v1/images` body close to valid, with any field wrong, missing or extra. */
const imagesBody = fc.record(
  {
    model: fc.oneof(
      fc.constantFrom(
        "offline",
        "offline",
        "gpt-image-2",
        "gpt-image-2.6-flare",
        "gemini-nano-banana-2.1",
        "gpt-image-1",
        "gpt-image-1-mini",
        "gemini-2.5-flash-image",
        "dall-e-3",
        "",
      ),
      fc.string({ maxLength: 20 }),
      fc.integer(),
      fc.constant(null),
    ),
    prompt: fc.oneof(
      fc.string({ maxLength: 60 }).map((s) => `${MARKER} ${s}`),
      fc.constant(""),
      fc.constant(`${MARKER}${"x".repeat(32_001)}`),
      fc.integer(),
      fc.constant(null),
      fc.constant([MARKER]),
    ),
    width: pixels,
    height: pixels,
    n: fc.oneof(fc.integer({ min: -2, max: 10 }), fc.double(), fc.string({ maxLength: 3 })),
    quality: fc.oneof(fc.constantFrom("low", "medium", "high", "auto", "max", "ultra"), fc.string({ maxLength: 8 }), fc.integer()),
    palette: fc.oneof(fc.array(fc.oneof(fc.constantFrom("#0A66C2", "#fff", "0A66C2", "#GGGGGG"), fc.string({ maxLength: 8 })), { maxLength: 40 }), fc.string({ maxLength: 8 })),
    keepClear: fc.oneof(
      fc.array(fc.record({ x: fc.double(), y: fc.double({ min: 0, max: 1 }), width: fc.double({ min: -1, max: 2 }), height: fc.constantFrom(0.5, -0.1, 1.5) }), { maxLength: 70 }),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    image: imageInput,
    mask: fc.oneof(fc.record({ data: base64 }), fc.jsonValue({ maxDepth: 1 })),
    references: fc.oneof(fc.array(imageInput, { maxLength: 20 }), fc.jsonValue({ maxDepth: 1 })),
    extra: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: [] },
);

/** A valid request with at most one field replaced by anything: reaches the providers and the budget. */
const nearValidBody = fc
  .tuple(
    fc.oneof(
      { weight: 8, arbitrary: fc.constant({ model: "offline", prompt: `${MARKER} meadow`, width: 48, height: 32 }) },
      { weight: 1, arbitrary: fc.constant({ model: "gpt-image-2", prompt: `${MARKER} meadow`, width: 64, height: 64, quality: "low" }) },
      { weight: 1, arbitrary: fc.constant({ model: "gemini-nano-banana-2.1", prompt: `${MARKER} meadow`, width: 64, height: 64 }) },
    ),
    fc.option(
      fc.tuple(
        fc.constantFrom("model", "prompt", "width", "height", "n", "quality", "palette", "keepClear", "image", "mask", "references"),
        fc.oneof(pixels, base64, fc.jsonValue({ maxDepth: 2 }), imageInput),
      ),
    ),
  )
  .map(([valid, change]) => JSON.stringify(change ? { ...valid, [change[0]]: change[1] } : valid));

/** Any body a client might send: near-valid JSON, random JSON, broken JSON, binary. */
const body = fc.oneof(
  { weight: 3, arbitrary: nearValidBody },
  { weight: 6, arbitrary: imagesBody.map((b) => JSON.stringify(b)) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "{",
      '{"model":',
      "null",
      "[]",
      '"text"',
      "{}",
      '{"model":"offline","prompt":"x","width":1e999}',
      "\u0000",
      '{"__proto__":{"model":"offline"}}',
      `{"model":"offline","prompt":"${"x".repeat(1_100_000)}"}`,
    ),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const path = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("/v1/images", "/v1/health", "/v1/models") },
  {
    weight: 2,
    arbitrary: fc.constantFrom("/", "/v1", "/v1/images/", "/V1/IMAGES", "/v1/images/../models", "/v1//images", "/v2/images", "/v1/images?x=1", "/%00", "/v1/%2e%2e/health"),
  },
  { weight: 2, arbitrary: fc.tuple(fc.webPath(), fc.webQueryParameters()).map(([p, q]) => `${p.startsWith("/") ? p : `/${p}`}${q ? `?${q}` : ""}`) },
);

const anyRequest = fc.record({
  method: fc.constantFrom("GET", "POST", "POST", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"),
  path,
  body,
  authorization: fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(`Bearer ${TOKEN_A1}`, `Bearer ${TOKEN_A2}`, `Bearer ${TOKEN_B}`) },
    { weight: 2, arbitrary: fc.constantFrom(undefined, "", "Bearer", `bearer ${TOKEN_A1}`, `Bearer ${TOKEN_A1}x`, `Basic ${TOKEN_A1}`, `Bearer ${OPENAI_KEY}`) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40, unit: "binary-ascii" }) },
  ),
  contentType: fc.oneof(
    fc.constantFrom("application/json", "application/json", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", undefined),
    fc.string({ maxLength: 20, unit: "binary-ascii" }),
  ),
  accept: fc.constantFrom(undefined, "application/json", "text/event-stream", "*/*"),
  origin: fc.constantFrom(undefined, "null", "https://brand.example", "https://evil.example"),
});
/** Mostly image requests that pass authentication, so validation and providers are reached. */
const request = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      method: fc.constant("POST"),
      path: fc.constant("/v1/images"),
      body,
      authorization: fc.constantFrom(`Bearer ${TOKEN_A1}`, `Bearer ${TOKEN_B}`, `Bearer ${TOKEN_B}`),
      contentType: fc.constantFrom("application/json", "application/json", "text/plain", undefined),
      accept: fc.constantFrom(undefined, undefined, "text/event-stream"),
      origin: fc.constantFrom(undefined, "null"),
    }),
  },
  { weight: 2, arbitrary: anyRequest },
);
type FuzzRequest = typeof request extends fc.Arbitrary<infer T> ? T : never;

/** Header values fetch accepts (no control characters); anything else is left out. */
const headerSafe = (v: string | undefined) => (v !== undefined && /^[\t\x20-\x7e]*$/.test(v) ? v : undefined);

function toRequest(base: string, r: FuzzRequest): Request {
  const headers: Record<string, string> = {};
  for (const [name, value] of [
    ["authorization", r.authorization],
    ["content-type", r.contentType],
    ["accept", r.accept],
    ["origin", r.origin],
  ] as const) {
    const safe = headerSafe(value);
    if (safe !== undefined) headers[name] = safe;
  }
  const sendsBody = r.method !== "GET" && r.method !== "HEAD" && r.body !== undefined;
  return new Request(`${base}${r.path}`, {
    method: r.method,
    headers,
    ...(sendsBody ? { body: r.body as NonNullable<RequestInit["body"]> } : {}),
    signal: AbortSignal.timeout(HANG_MS),
  });
}

/** Reads a whole answer or fails as a hang. */
async function answerAsync(response: Promise<Response>): Promise<{ status: number; text: string; type: string }> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no complete answer within ${HANG_MS} ms (hang)`)), HANG_MS)));
  try {
    return await Promise.race([response.then(async (r) => ({ status: r.status, text: await r.text(), type: r.headers.get("content-type") ?? "" })), hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** What must hold for every answer, whatever was sent. */
function checkAnswer(r: FuzzRequest, answer: { status: number; text: string; type: string }): void {
  expect(answer.status, `${r.method} ${r.path}`).not.toBe(500);
  expect(answer.status).toBeGreaterThanOrEqual(200);
  expect(answer.status).toBeLessThan(600);
  expect(answer.text).not.toContain(MARKER);
  for (const secret of [OPENAI_KEY, GEMINI_KEY, TOKEN_A1, TOKEN_A2, TOKEN_B]) expect(answer.text).not.toContain(secret);
  if (answer.status >= 400) {
    expect(findLeak(answer.text)).toBeNull();
    if (r.method !== "HEAD") expect(v.is(ApiErrorBody, JSON.parse(answer.text))).toBe(true);
  } else if (answer.type.startsWith("text/event-stream")) {
    // Stream errors are events: same rules for their data.
    for (const m of answer.text.matchAll(/event: error\ndata: (.*)\n/g)) expect(findLeak(m[1]!)).toBeNull();
  } else {
    expect(answer.text).not.toMatch(/\n\s+at /);
  }
}

describe("malformed requests at every route", () => {
  let proxy: GuardedProxy;
  beforeAll(async () => {
    proxy = await startGuardedProxyAsync({ BRANDFILL_RATE_PER_MIN: "0", BRANDFILL_BUDGET_USD_MONTH: "5", BRANDFILL_MAX_BODY_MB: "1" });
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it("never answer 500, hang, or show a key, a token, a prompt or a stack trace (in process)", async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const answer = await answerAsync(Promise.resolve(proxy.app.fetch(toRequest("http://proxy.test", r))));
        seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
        checkAnswer(r, answer);
      }),
      { numRuns: 2000 },
    );
    // The generator reaches every layer: success, validation, auth, routing, body and image limits.
    expect([...seen.keys()]).toEqual(expect.arrayContaining([200, 204, 400, 401, 404, 413]));
    expect(proxy.logs.length).toBeGreaterThan(500);
    const logs = proxy.logs.join("\n");
    expect(logs).not.toContain(MARKER);
    expect(findLeak(logs)).toBeNull();
  });

  it("never answer 500, hang, or leak over real HTTP, with rate limits on", async () => {
    const limited = await startGuardedProxyAsync({ BRANDFILL_RATE_PER_MIN: "40", BRANDFILL_MAX_CONCURRENT: "4", BRANDFILL_BUDGET_USD_MONTH: "0.02", BRANDFILL_MAX_BODY_MB: "1" });
    const seen = new Set<number>();
    try {
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const answer = await answerAsync(fetch(toRequest(limited.url, r)));
          seen.add(answer.status);
          checkAnswer(r, answer);
        }),
        { numRuns: 300 },
      );
      expect([...seen]).toEqual(expect.arrayContaining([200, 400, 401, 429]));
      expect((await fetch(`${limited.url}/v1/health`)).status).toBe(200);
      expect(findLeak(limited.logs.join("\n"))).toBeNull();
      expect(limited.logs.join("\n")).not.toContain(MARKER);
    } finally {
      await limited.close();
    }
  });
});
