import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisStore } from "../../src/proxy/store/create-redis-store.js";
import { createMemoryStore } from "../../src/proxy/store/create-memory-store.js";
import type { LimitStore } from "../../src/proxy/store/limit-store.js";
import { redisSkipReason, startRedisServerAsync, type RedisServer } from "./start-redis-server.js";
import { startGuardedProxyAsync, TOKEN_A1, type GuardedProxy } from "./start-guarded-proxy.js";

// Issue 18, point 1: the concurrency limit cannot be lifted by the client. Leases are the
// proxy's own ids; a client that repeats one X-Request-Id on parallel requests still gets only
// `BRANDFILL_MAX_CONCURRENT` of them running.

const MAX = 5;
const PARALLEL = 40;
const slow = { model: "gpt-image-2", prompt: "lighthouse", width: 1024, height: 1024, quality: "low" };

async function waitForAsync(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 250 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

/** Sends PARALLEL slow requests with one X-Request-Id; resolves with how many were refused and how many reached the provider. */
async function sameIdBurstAsync(proxy: GuardedProxy): Promise<{ refused: number; reachedProvider: number; echoed: string | null }> {
  proxy.openai.enqueue(...Array.from({ length: PARALLEL }, () => ({ hang: true }) as const));
  const abort = new AbortController();
  const pending = Array.from({ length: PARALLEL }, () =>
    proxy.postAsync(slow, TOKEN_A1, { signal: abort.signal, headers: { "x-request-id": "same-id-on-every-request" } }).catch(() => null),
  );
  // Refusals answer at once; the admitted ones hang at the provider until aborted.
  const refusedAnswers: Response[] = [];
  for (const p of pending) void p.then((r) => r && r.status === 429 && refusedAnswers.push(r));
  await waitForAsync(() => refusedAnswers.length + proxy.openai.requests.length >= PARALLEL, "every request to be refused or at the provider");
  const reachedProvider = proxy.openai.requests.length;
  const echoed = refusedAnswers[0]?.headers.get("x-request-id") ?? null;
  abort.abort();
  await Promise.all(pending);
  return { refused: refusedAnswers.length, reachedProvider, echoed };
}

describe.each([
  ["memory", async () => ({ store: createMemoryStore() as LimitStore, close: async () => undefined })],
  [
    "redis",
    async () => {
      const redis: RedisServer = await startRedisServerAsync();
      const store = createRedisStore({ url: redis.url, prefix: "lease:" });
      return {
        store,
        close: async () => {
          await store.closeAsync();
          await redis.close();
        },
      };
    },
  ],
] as const)("concurrent slots with the %s store", (kind, makeStore) => {
  let proxy: GuardedProxy;
  let close: () => Promise<void>;
  beforeAll(async () => {
    if (kind === "redis" && redisSkipReason) return;
    const made = await makeStore();
    close = made.close;
    proxy = await startGuardedProxyAsync({ BRANDFILL_RATE_PER_MIN: "0", BRANDFILL_MAX_CONCURRENT: String(MAX) }, { store: made.store });
  });
  afterAll(async () => {
    await proxy?.close();
    await close?.();
  });

  it.skipIf(kind === "redis" && redisSkipReason !== null)(`admits ${MAX} of ${PARALLEL} parallel requests that all carry the same X-Request-Id`, async () => {
    const { refused, reachedProvider, echoed } = await sameIdBurstAsync(proxy);
    expect(reachedProvider).toBe(MAX);
    expect(refused).toBe(PARALLEL - MAX);
    // The client's id is still echoed (and logged), only not used as the lease.
    expect(echoed).toBe("same-id-on-every-request");
  });
});
