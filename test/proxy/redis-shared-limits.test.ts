import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMonthlyBudget } from "../../src/proxy/limits/create-monthly-budget.js";
import { createRedisStore } from "../../src/proxy/store/create-redis-store.js";
import { createLimitStoreAsync } from "../../src/proxy/store/create-limit-store.js";
import type { LimitStore } from "../../src/proxy/store/limit-store.js";
import { startGeminiEmulator, startOpenAiEmulator, type GeminiEmulator, type OpenAiEmulator } from "../emulators/index.js";
import { limitStoreContract } from "./limit-store-contract.js";
import { redisSkipReason, startRedisServerAsync, type RedisServer } from "./start-redis-server.js";
import { startGuardedProxyAsync, TOKEN_A1, TOKEN_A2, TOKEN_B, type GuardedProxy } from "./start-guarded-proxy.js";

const paid = { model: "gpt-image-2", prompt: "a lighthouse at dusk", width: 1200, height: 628, quality: "low" };
const offline = { model: "offline", prompt: "calm meadow", width: 64, height: 64 };

describe.skipIf(redisSkipReason !== null)("limits shared through Redis", () => {
  let redis: RedisServer;
  let store: LimitStore;
  beforeAll(async () => {
    redis = await startRedisServerAsync();
    store = await createLimitStoreAsync({ redisUrl: redis.url, redisPrefix: "test:" });
  });
  afterAll(async () => {
    await store?.closeAsync();
    await redis?.close();
  });

  describe("redis store", () => {
    limitStoreContract(() => store);

    it("is the store the configuration asks for", () => {
      expect(store.kind).toBe("redis");
    });
  });

  describe("two proxy instances behind one load balancer", () => {
    let emulators: { openai: OpenAiEmulator; gemini: GeminiEmulator };
    let instances: GuardedProxy[];
    let stores: LimitStore[];
    const env = { BRANDFILL_RATE_PER_MIN: "6", BRANDFILL_MAX_CONCURRENT: "0", BRANDFILL_BUDGET_USD_MONTH: "0.012", BRANDFILL_REDIS_PREFIX: "lb:" };
    beforeAll(async () => {
      emulators = { openai: await startOpenAiEmulator(), gemini: await startGeminiEmulator() };
      // Each instance has its own connection, as two machines would.
      stores = [createRedisStore({ url: redis.url, prefix: "lb:" }), createRedisStore({ url: redis.url, prefix: "lb:" })];
      instances = await Promise.all(stores.map((s) => startGuardedProxyAsync(env, { store: s, emulators })));
    });
    afterAll(async () => {
      await Promise.all((instances ?? []).map((p) => p.close()));
      await Promise.all((stores ?? []).map((s) => s.closeAsync()));
      await Promise.all([emulators?.openai.close(), emulators?.gemini.close()]);
    });

    it("enforce one rate limit between them", async () => {
      // 10 requests of one team alternating between instances: 6 per minute in all, not 6 each.
      const statuses = await Promise.all(Array.from({ length: 10 }, (_, i) => instances[i % 2]!.postAsync(offline, i % 3 ? TOKEN_A1 : TOKEN_A2).then((r) => r.status)));
      expect(statuses.filter((s) => s === 200)).toHaveLength(6);
      expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    });

    it("enforce one monthly budget between them", async () => {
      // The rate window of the test above is still running for team-a: use the other team.
      const statuses = await Promise.all(Array.from({ length: 5 }, (_, i) => instances[i % 2]!.postAsync(paid, TOKEN_B).then((r) => r.status)));
      // $0.012 buys two $0.005 images across both instances.
      expect(statuses.filter((s) => s === 200)).toHaveLength(2);
      expect(statuses.filter((s) => s === 429)).toHaveLength(3);
      expect(await createMonthlyBudget(stores[1]!, 1).spentAsync(instances[0]!.config.guard.tokens[2]!.id)).toBeCloseTo(0.01);
    });
  });

  describe("when Redis is gone", () => {
    it("refuses with 503 instead of serving unmetered, and recovers when Redis is back", async () => {
      const own = await startRedisServerAsync();
      const lost = createRedisStore({ url: own.url, commandTimeoutMs: 300 });
      const proxy = await startGuardedProxyAsync({ BRANDFILL_BUDGET_USD_MONTH: "1" }, { store: lost });
      try {
        expect((await proxy.postAsync(offline)).status).toBe(200);
        await own.close();
        const refused = await proxy.postAsync(offline);
        const text = await refused.text();
        expect(refused.status).toBe(503);
        expect(JSON.parse(text).error).toMatchObject({ code: "provider_unavailable", retryable: true });
        expect(JSON.parse(text).error.message).toMatch(/cannot check its usage limits/);
        expect(text).not.toContain(own.url);
        expect((await fetch(`${proxy.url}/v1/health`)).status).toBe(200);
        // Redis back on the same address: the store reconnects by itself.
        const back = await startRedisServerAsync(Number(new URL(own.url).port));
        try {
          let status = 0;
          for (let i = 0; i < 50 && status !== 200; i++) {
            status = (await proxy.postAsync(offline)).status;
            if (status !== 200) await new Promise((r) => setTimeout(r, 100));
          }
          expect(status).toBe(200);
        } finally {
          await back.close();
        }
      } finally {
        await proxy.close();
        await lost.closeAsync();
      }
    });
  });
});

describe.runIf(redisSkipReason !== null)("limits shared through Redis (skipped)", () => {
  it.skip(redisSkipReason ?? "", () => undefined);
});
