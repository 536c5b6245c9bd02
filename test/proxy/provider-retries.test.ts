import { describe, expect, it } from "vitest";
import { postImagesAsync, useProviderProxy } from "./provider-harness.js";

// Retries inside one request's deadline: the OpenAI SDK's own (honouring retry-after), the
// Gemini SDK's retryOptions for 5xx, and brandfill's RetryInfo-aware wait for Gemini 429s. A
// wait that cannot fit in the deadline is not started: the designer is told when to try again.

const proxy = useProviderProxy({ env: { BRANDFILL_DEADLINE_S: "5" } });

const OPENAI = { model: "gpt-image-2", prompt: "a lighthouse", width: 1024, height: 1024, quality: "low" };
const GEMINI = { model: "gemini-3.1-flash-lite-image", prompt: "a lighthouse", width: 400, height: 400 };

describe("openai retries", () => {
  it("waits as long as retry-after asks after a 429 and then succeeds", async () => {
    proxy.openai.enqueue({ rateLimited: { retryAfterS: 1 } });
    const started = performance.now();
    const { status, json } = await postImagesAsync(proxy, OPENAI);
    const waited = performance.now() - started;
    expect(status).toBe(200);
    expect(json.images).toHaveLength(1);
    expect(proxy.openai.requests.map((r) => r.headers["x-stainless-retry-count"])).toEqual(["0", "1"]);
    // retry-after: 1 was honoured (the SDK's own backoff would have been 0.5 s or less).
    expect(waited).toBeGreaterThanOrEqual(950);
  });

  it("retries a 500 and a 503 and succeeds", async () => {
    proxy.openai.enqueue({ status: 500 }, { status: 503 });
    const { status } = await postImagesAsync(proxy, OPENAI);
    expect(status).toBe(200);
    expect(proxy.openai.requests).toHaveLength(3);
  });

  it("answers 429 with the provider's wait at once when retry-after outlasts the deadline", async () => {
    proxy.openai.enqueue({ rateLimited: { retryAfterS: 30 } });
    const response = await fetch(`${proxy.url}/v1/images`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(OPENAI) });
    const json = (await response.json()) as any;
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(json.error).toMatchObject({ code: "rate_limited", provider: "openai", retryable: true, retryAfterS: 30 });
    expect(json.error.message).toMatch(/Try again in 30 s/);
    expect(proxy.openai.requests).toHaveLength(1);
  });

  it("stops after its retries when the rate limit does not lift", async () => {
    proxy.openai.enqueue(...Array.from({ length: 3 }, () => ({ rateLimited: { retryAfterS: 0 } })));
    const { status, json } = await postImagesAsync(proxy, OPENAI);
    expect(status).toBe(429);
    expect(json.error.code).toBe("rate_limited");
    expect(proxy.openai.requests).toHaveLength(3);
  });
});

describe("gemini retries", () => {
  it("waits for the RetryInfo delay after a 429 and then succeeds", async () => {
    proxy.gemini.enqueue({ rateLimited: { retryAfterS: 1 } });
    const started = performance.now();
    const { status, json } = await postImagesAsync(proxy, GEMINI);
    expect(status).toBe(200);
    expect(json.images).toHaveLength(1);
    expect(proxy.gemini.requests).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("lets the sdk retry a 503 and succeeds", async () => {
    proxy.gemini.enqueue({ status: 503 });
    const { status } = await postImagesAsync(proxy, GEMINI);
    expect(status).toBe(200);
    expect(proxy.gemini.requests).toHaveLength(2);
  });

  it("answers 429 with the RetryInfo delay at once when it outlasts the deadline", async () => {
    proxy.gemini.enqueue({ rateLimited: { retryAfterS: 53 } });
    const { status, json } = await postImagesAsync(proxy, GEMINI);
    expect(status).toBe(429);
    expect(json.error).toMatchObject({ code: "rate_limited", provider: "gemini", retryAfterS: 53 });
    expect(proxy.gemini.requests).toHaveLength(1);
  });

  // Issue 18, point 3: a 429 whose wait is only in the Retry-After header (no RetryInfo).
  it("waits as long as the Retry-After header asks when the body has no RetryInfo, then succeeds", async () => {
    proxy.gemini.enqueue({ rateLimited: { retryAfterS: 2, headerOnly: true } });
    const started = performance.now();
    const { status } = await postImagesAsync(proxy, GEMINI);
    expect(status).toBe(200);
    expect(proxy.gemini.requests).toHaveLength(2);
    // The header's 2 s were honoured (brandfill's own fallback wait is 1 s).
    expect(performance.now() - started).toBeGreaterThanOrEqual(1950);
  });

  it("answers 429 with the Retry-After header's wait, passed on to the client, when it outlasts the deadline", async () => {
    proxy.gemini.enqueue({ rateLimited: { retryAfterS: 40, headerOnly: true } });
    const response = await fetch(`${proxy.url}/v1/images`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(GEMINI) });
    const json = (await response.json()) as any;
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("40");
    expect(json.error).toMatchObject({ code: "rate_limited", provider: "gemini", retryAfterS: 40 });
    expect(json.error.message).toMatch(/Try again in 40 s/);
    // Not retried: the wait cannot fit in the 5 s deadline.
    expect(proxy.gemini.requests).toHaveLength(1);
  });
});
