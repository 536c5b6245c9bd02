import { createMemoryStore } from "./create-memory-store.js";
import type { LimitStore } from "./limit-store.js";

/**
 * The store the configuration asks for: Redis when `redisUrl` is set (several instances agree),
 * otherwise in memory (one instance). `ioredis` is loaded only when Redis is used, so a
 * deployment without Redis does not need it installed.
 */
export async function createLimitStoreAsync(options: { redisUrl: string | null; redisPrefix?: string }): Promise<LimitStore> {
  if (!options.redisUrl) return createMemoryStore();
  const { createRedisStore } = await import("./create-redis-store.js");
  return createRedisStore({ url: options.redisUrl, ...(options.redisPrefix ? { prefix: options.redisPrefix } : {}) });
}
