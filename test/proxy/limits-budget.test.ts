import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estimateCostUsd } from "../../src/core/catalog/estimate-cost.js";
import { MODEL_CATALOG } from "../../src/core/catalog/model-catalog.js";
import { resolveModel } from "../../src/core/catalog/resolve-model.js";
import { createMonthlyBudget } from "../../src/proxy/limits/create-monthly-budget.js";
import { GEMINI_IMAGE_MODELS, startGeminiEmulator, startOpenAiEmulator } from "../emulators/index.js";
import { startGuardedProxyAsync, TOKEN_A1, TOKEN_A2, TOKEN_B, type GuardedProxy } from "./start-guarded-proxy.js";

/** gpt-image-2, low quality, 1200×628: $0.005 by the catalog's price table. */
const paid = { model: "gpt-image-2", prompt: "a lighthouse at dusk", width: 1200, height: 628, quality: "low" };
/** No quality: OpenAI picks the tier, so the estimate is unknown (the answer's usage prices it). */
const unestimated = { model: "gpt-image-2", prompt: "a lighthouse at dusk", width: 1200, height: 628 };
/** A model added by BRANDFILL_EXTRA_MODELS: its price is unknown before and after. */
const unpriced = { model: "gemini-4-image", prompt: "a lighthouse at dusk", width: 1024, height: 1024 };
/** What the catalog charges for one low-quality 1024×1024 gpt-image-2 image. */
const SQUARE_LOW = estimateCostUsd(resolveModel("gpt-image-2", MODEL_CATALOG), { width: 1024, height: 1024, openAiSize: "1024x1024" }, "low", 1)!;
const offline = { model: "offline", prompt: "calm meadow", width: 64, height: 64 };

/** Reads until `holds` is true (or 3 s passed) and returns the last value. */
async function eventuallyAsync(read: () => Promise<number>, holds: (value: number) => boolean): Promise<number> {
  let value = await read();
  for (let i = 0; i < 150 && !holds(value); i++) {
    await new Promise((r) => setTimeout(r, 20));
    value = await read();
  }
  return value;
}

describe("monthly budget per token", () => {
  let proxy: GuardedProxy;
  const spent = (id: string) => createMonthlyBudget(proxy.store, 1).spentAsync(id);
  beforeAll(async () => {
    proxy = await startGuardedProxyAsync({ BRANDFILL_BUDGET_USD_MONTH: "0.012", BRANDFILL_RATE_PER_MIN: "0" });
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it("refuses with 429 budget_exceeded before calling the provider once spent + estimate passes it", async () => {
    expect((await proxy.postAsync(paid, TOKEN_A1)).status).toBe(200);
    expect((await proxy.postAsync(paid, TOKEN_A2)).status).toBe(200);
    expect(await spent("team-a")).toBeCloseTo(0.01);
    const calls = proxy.openai.requests.length;
    const refused = await proxy.postAsync(paid, TOKEN_A1);
    expect(refused.status).toBe(429);
    const error = ((await refused.json()) as any).error;
    expect(error).toMatchObject({ code: "budget_exceeded", retryable: false });
    expect(error.message).toMatch(/\$0\.01 of \$0\.012 spent and this request would cost about \$0\.005.*starts again on 1 /);
    const now = new Date();
    const secondsToMonthEnd = (Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) - now.getTime()) / 1000;
    expect(Math.abs(error.retryAfterS - secondsToMonthEnd)).toBeLessThan(60);
    expect(proxy.openai.requests.length).toBe(calls);
    // Free work still runs, and another team has its own budget.
    expect((await proxy.postAsync(offline, TOKEN_A1)).status).toBe(200);
    expect((await proxy.postAsync(paid, TOKEN_B)).status).toBe(200);
  });

  it("does not bill a request the provider failed", async () => {
    const before = await spent(proxy.config.guard.tokens[2]!.id);
    proxy.openai.setDefault({ status: 500 });
    const failed = await proxy.postAsync(paid, TOKEN_B);
    proxy.openai.setDefault("ok");
    expect(failed.status).toBe(503);
    expect(await spent(proxy.config.guard.tokens[2]!.id)).toBeCloseTo(before);
  });
});

describe("budget under concurrency and cancellation", () => {
  let proxy: GuardedProxy;
  const spent = () => createMonthlyBudget(proxy.store, 1).spentAsync("team-a");
  beforeAll(async () => {
    const gemini = await startGeminiEmulator({ models: { ...GEMINI_IMAGE_MODELS, "gemini-4-image": GEMINI_IMAGE_MODELS["gemini-3-pro-image"]! } });
    proxy = await startGuardedProxyAsync(
      { BRANDFILL_BUDGET_USD_MONTH: "0.012", BRANDFILL_RATE_PER_MIN: "0", BRANDFILL_MAX_CONCURRENT: "0", BRANDFILL_EXTRA_MODELS: "gemini-4-image=gemini-3-pro-image" },
      { emulators: { openai: await startOpenAiEmulator(), gemini } },
    );
  });
  afterAll(async () => {
    await proxy?.close();
    await Promise.all([proxy?.openai.close(), proxy?.gemini.close()]);
  });

  it("never lets simultaneous requests overspend: each reserves its estimate first", async () => {
    proxy.openai.setDefault({ latencyMs: 300 });
    const statuses = await Promise.all(Array.from({ length: 6 }, () => proxy.postAsync(paid, TOKEN_A1).then((r) => r.status)));
    proxy.openai.setDefault("ok");
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    expect(await spent()).toBeCloseTo(0.01);
  });

  it("never bills a request the client cancelled, and counts it while it runs", async () => {
    const budget = createMonthlyBudget(proxy.store, 1);
    const before = await spent();
    proxy.openai.enqueue({ hang: true });
    const abort = new AbortController();
    const request = proxy.postAsync({ ...paid, width: 1024, height: 1024 }, TOKEN_B, { signal: abort.signal }).catch((e: Error) => e);
    const tokenB = proxy.config.guard.tokens[2]!.id;
    // Reserved while the provider works, so parallel requests see it.
    expect(
      await eventuallyAsync(
        () => budget.spentAsync(tokenB),
        (v) => v > 0,
      ),
    ).toBe(SQUARE_LOW);
    abort.abort();
    expect(await request).toBeInstanceOf(Error);
    await proxy.openai.waitForClosedConnectionsAsync(1);
    expect(
      await eventuallyAsync(
        () => budget.spentAsync(tokenB),
        (v) => v === 0,
      ),
    ).toBe(0);
    expect(await spent()).toBeCloseTo(before);
    const line = () => proxy.logs.map((l) => JSON.parse(l)).find((l) => l.status === 499);
    await eventuallyAsync(
      async () => (line() ? 1 : 0),
      (v) => v === 1,
    );
    expect(line()).toMatchObject({ model: "gpt-image-2", costUsd: null });
  });

  it("never bills a streamed request the client cancelled midway", async () => {
    const tokenB = proxy.config.guard.tokens[2]!.id;
    const budget = createMonthlyBudget(proxy.store, 1);
    proxy.openai.enqueue({ latencyMs: 4000 });
    const abort = new AbortController();
    const response = await proxy.postAsync({ ...paid, width: 1024, height: 1024 }, TOKEN_B, { signal: abort.signal, headers: { accept: "text/event-stream" } });
    expect(response.status).toBe(200);
    expect(
      await eventuallyAsync(
        () => budget.spentAsync(tokenB),
        (v) => v > 0,
      ),
    ).toBe(SQUARE_LOW);
    abort.abort();
    await proxy.openai.waitForClosedConnectionsAsync(2);
    expect(
      await eventuallyAsync(
        () => budget.spentAsync(tokenB),
        (v) => v === 0,
      ),
    ).toBe(0);
  });

  it("serves a request of unknown price while budget is left, counts it as 0 and logs its cost as null", async () => {
    const tokenB = proxy.config.guard.tokens[2]!.id;
    const budget = createMonthlyBudget(proxy.store, 1);
    const response = await proxy.postAsync(unpriced, TOKEN_B);
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).costUsd).toBeNull();
    expect(await budget.spentAsync(tokenB)).toBe(0);
    const id = response.headers.get("x-request-id");
    expect(proxy.logs.map((l) => JSON.parse(l)).find((l) => l.requestId === id)).toMatchObject({ status: 200, model: "gemini-4-image", costUsd: null });
  });

  it("serves a request without an estimate while budget is left, bills what it cost, then refuses more", async () => {
    // team-a has spent $0.01 of $0.012.
    const response = await proxy.postAsync(unestimated, TOKEN_A1);
    expect(response.status).toBe(200);
    const cost = ((await response.json()) as any).costUsd as number;
    expect(cost).toBeGreaterThan(0);
    expect(await spent()).toBeCloseTo(0.01 + cost);
    for (const body of [unestimated, unpriced, paid]) {
      const refused = await proxy.postAsync(body, TOKEN_A2);
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as any).error.code).toBe("budget_exceeded");
    }
  });
});
