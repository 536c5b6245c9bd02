import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createRedisStore } from "../../src/proxy/store/create-redis-store.js";
import { redisSkipReason, startRedisServerAsync, type RedisServer } from "./start-redis-server.js";
import { startGuardedProxyAsync, TOKEN_B, type GuardedProxy } from "./start-guarded-proxy.js";

// Issue 18, point 5: budgets survive a Redis restart. With the documented Redis (compose.yaml's
// arguments) a kill -9 and restart keeps every team's spend; a Redis that comes back without its
// counters is noticed, and paid requests are refused with a sentence instead of running unmetered.

/** $0.012 buys two $0.005 images. */
const BUDGET = { BRANDFILL_BUDGET_USD_MONTH: "0.012", BRANDFILL_RATE_PER_MIN: "0", BRANDFILL_MAX_CONCURRENT: "0" };
const paid = { model: "gpt-image-2", prompt: "a lighthouse at dusk", width: 1200, height: 628, quality: "low" };
const offline = { model: "offline", prompt: "calm meadow", width: 64, height: 64 };

/** The redis-server arguments of compose.yaml's `redis` service (everything after the program name). */
function documentedRedisArgs(): string[] {
  const compose = parse(readFileSync(fileURLToPath(new URL("../../compose.yaml", import.meta.url)), "utf8")) as { services: { redis: { command: string[] } } };
  const [program, ...args] = compose.services.redis.command;
  expect(program).toBe("redis-server");
  return args;
}

/** Kills Redis with SIGKILL (no shutdown save), as a crash or an evicted container would. */
async function killHardAsync(redis: RedisServer): Promise<void> {
  const exited = new Promise((resolve) => redis.process.once("exit", resolve));
  redis.process.kill("SIGKILL");
  await exited;
}

/** The first answer that is not the store-down 503 (the store reconnects by itself within seconds). */
async function onceReconnectedAsync(send: () => Promise<Response>): Promise<Response> {
  for (let i = 0; i < 100; i++) {
    const response = await send();
    if (response.status !== 503) return response;
    await response.arrayBuffer();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the proxy never reached the restarted Redis");
}

describe.skipIf(redisSkipReason !== null)("budgets and a Redis restart", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  /** A proxy with the $0.012 budget on its own Redis (started with `persistence` args in a temp dir). */
  async function startAsync(persistence?: string[]): Promise<{ proxy: GuardedProxy; redis: RedisServer; restartAsync(): Promise<RedisServer> }> {
    const dir = mkdtempSync(join(tmpdir(), "brandfill-redis-"));
    const redis = await startRedisServerAsync(undefined, { ...(persistence ? { persistence } : {}), dir });
    const store = createRedisStore({ url: redis.url, commandTimeoutMs: 1500 });
    const proxy = await startGuardedProxyAsync(BUDGET, { store });
    let current = redis;
    cleanups.push(async () => {
      await proxy.close();
      await store.closeAsync();
      await current.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return {
      proxy,
      redis,
      async restartAsync() {
        current = await startRedisServerAsync(Number(new URL(redis.url).port), { ...(persistence ? { persistence } : {}), dir });
        return current;
      },
    };
  }

  it("keeps the month's spend through kill -9 and restart with the documented Redis", async () => {
    const { proxy, redis, restartAsync } = await startAsync(documentedRedisArgs());
    expect([(await proxy.postAsync(paid, TOKEN_B)).status, (await proxy.postAsync(paid, TOKEN_B)).status]).toEqual([200, 200]);
    await killHardAsync(redis);
    await restartAsync();
    // $0.010 spent before the crash: a third $0.005 image would pass the $0.012 budget.
    const third = await onceReconnectedAsync(() => proxy.postAsync(paid, TOKEN_B));
    expect(third.status).toBe(429);
    const error = ((await third.json()) as any).error;
    expect(error.code).toBe("budget_exceeded");
    expect(error.message).toMatch(/\(\$0\.01 of \$0\.012 spent/);
  });

  it("notices a Redis that came back without its counters and refuses paid requests with a sentence", async () => {
    const { proxy, redis, restartAsync } = await startAsync();
    expect((await proxy.postAsync(paid, TOKEN_B)).status).toBe(200);
    await killHardAsync(redis);
    await restartAsync();
    // Without persistence the counters are gone: admitting this would start the budget from zero.
    const refused = await onceReconnectedAsync(() => proxy.postAsync(paid, TOKEN_B));
    expect(refused.status).toBe(429);
    const error = ((await refused.json()) as any).error;
    expect(error).toMatchObject({ code: "budget_exceeded", retryable: false });
    expect(error.message).toMatch(/lost its record of this month's spending.*offline model still works.*whoever runs your team's proxy/);
    expect(proxy.openai.requests).toHaveLength(1);
    // Another instance that never saw the marker (a fresh start) is refused too: the loss is kept in Redis.
    const fresh = await startGuardedProxyAsync(BUDGET, { store: createRedisStore({ url: redis.url }), emulators: { openai: proxy.openai, gemini: proxy.gemini } });
    cleanups.push(async () => {
      await fresh.close();
      await fresh.store.closeAsync();
    });
    expect((await fresh.postAsync(paid, TOKEN_B)).status).toBe(429);
    // Free requests still run.
    expect((await proxy.postAsync(offline, TOKEN_B)).status).toBe(200);
  });
});

describe.runIf(redisSkipReason !== null)("budgets and a Redis restart (skipped)", () => {
  it.skip(redisSkipReason ?? "", () => undefined);
});
