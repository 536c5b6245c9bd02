/// <reference types="@figma/plugin-typings" />
import { describe, expect, it } from "vitest";
import { parseSizeList } from "../../src/core/layout/parse-size-list.js";
import { CARD } from "../main/install-figma-fake.js";
import { countingProxyClient, frameWithGeneratedBackgroundAsync, model, startJob, useVariantsHarness, variantBackgroundOf } from "./variants-harness.js";

/** Twelve IAB placements (the small ones, so the test measures waiting, not PNG encoding). */
const TWELVE = parseSizeList("320x50,300x50,728x90,970x90,300x250,336x280,160x600,250x250,200x200,468x60,234x60,120x600");
/**
 * The current Gemini model with a 512 px tier: Nano Banana 2 (2.1) starts at 1K, so with it each small
 * placement would come back at 1K and this test would time four times the PNG work instead of the waiting.
 */
const LITE = model("gemini-3.1-flash-lite-image");
const h = useVariantsHarness();

describe("variants batch, many sizes at once through the real proxy", () => {
  // The bound is wall time on a shared 2-core machine: a run starved by other processes is tried again.
  it("makes twelve sizes against a 2 s model concurrently, in under 4 s", { timeout: 30_000, retry: 2 }, async () => {
    const card = await frameWithGeneratedBackgroundAsync(h, CARD);
    // Warm up once (module loading, the SDK clients, the JIT), so the clock measures the batch.
    await startJob(h, { sourceNodeId: card.id, sizes: TWELVE, model: LITE }).done;
    await h.proxy.setDefaultAsync("gemini", { latencyMs: 2000 });
    const before = (await h.proxy.requestsAsync("gemini")).length;
    const proxy = countingProxyClient(h);
    const started = performance.now();
    const job = startJob(h, { sourceNodeId: card.id, sizes: TWELVE, model: LITE }, proxy);
    const states = await job.done;
    const elapsed = performance.now() - started;

    expect(states.map((s) => s.status)).toEqual(TWELVE.map(() => "done"));
    expect(states.every((s) => s.plan === "outpaint" && s.placedNodeId)).toBe(true);
    expect((await h.proxy.requestsAsync("gemini")).length - before).toBe(12);
    // All twelve were waiting on the model at the same time.
    expect(proxy.maxInFlight).toBe(12);
    // One at a time this would take 24 s; the issue asks for under 4 s.
    expect(elapsed).toBeLessThan(4000);
  });

  it("rides out a storm of rate limits without failing a size", async () => {
    const card = await frameWithGeneratedBackgroundAsync(h, CARD);
    const sizes = TWELVE.slice(0, 4);
    // More 429s than the proxy's Gemini provider retries by itself (3 tries a request), so some reach the job.
    await h.proxy.enqueueAsync("gemini", ...Array.from({ length: 18 }, (_, i) => ({ rateLimited: { retryAfterS: i === 16 ? 1 : 0 } })));
    const seen = new Set<string>();
    const job = startJob(h, { sourceNodeId: card.id, sizes, onChange: (s) => void seen.add(s.status) });
    const states = await job.done;

    expect(states.map((s) => s.status)).toEqual(sizes.map(() => "done"));
    expect(seen.has("waiting")).toBe(true);
    expect(states.reduce((n, s) => n + s.attempts, 0)).toBeGreaterThan(sizes.length);
    for (const s of states) expect(await variantBackgroundOf(s)).not.toBeNull();
  }, 20_000);

  it("cancels one size while the others run on and complete, and retries it alone", async () => {
    const card = await frameWithGeneratedBackgroundAsync(h, CARD);
    await h.proxy.setDefaultAsync("gemini", { latencyMs: 500 });
    const sizes = TWELVE.slice(4, 8);
    let cancelled = false;
    const job = startJob(h, {
      sourceNodeId: card.id,
      sizes,
      onChange: (s) => {
        // Cancel size 1 once its request is out, so the cancel reaches a running call.
        if (!cancelled && s.index === 1 && s.stage.startsWith("Extending")) {
          cancelled = true;
          job.cancel(1);
        }
      },
    });
    const states = await job.done;
    expect(states.map((s) => s.status)).toEqual(["done", "cancelled", "done", "done"]);
    expect(states[1]!.stage).toMatch(/Cancelled/);
    expect(await variantBackgroundOf(states[1]!)).toBeNull();
    for (const i of [0, 2, 3]) expect(await variantBackgroundOf(states[i]!)).not.toBeNull();

    const retried = await job.retryAsync(1);
    expect(retried.status).toBe("done");
    expect(await variantBackgroundOf(retried)).not.toBeNull();
  }, 20_000);

  it("says why a size failed, lets the others finish, and retries that size alone", async () => {
    const card = await frameWithGeneratedBackgroundAsync(h, CARD);
    await h.proxy.enqueueAsync("gemini", { promptBlocked: "SAFETY" });
    const job = startJob(h, { sourceNodeId: card.id, sizes: TWELVE.slice(0, 3), concurrency: 1 });
    const states = await job.done;
    expect(states.map((s) => s.status)).toEqual(["failed", "done", "done"]);
    expect(states[0]!.error?.code).toBe("content_blocked");
    expect(states[0]!.stage).toBe(states[0]!.error?.message);
    expect(await variantBackgroundOf(states[0]!)).toBeNull();
    expect((await job.retryAsync(0)).status).toBe("done");
  }, 20_000);
});
