import { Redis } from "ioredis";
import type { LimitStore } from "./limit-store.js";

/**
 * Lua scripts: each runs atomically inside Redis, so instances sharing one Redis agree on every
 * limit. Lease expiry uses Redis's own clock (`TIME`, allowed in scripts since Redis 5 with
 * effects replication) so instances whose clocks differ still agree.
 */
const SCRIPTS = {
  // KEYS[1] counter; ARGV[1] window ms → { count, ms left }
  incrementWindow: `
    local n = redis.call('INCR', KEYS[1])
    local ttl = redis.call('PTTL', KEYS[1])
    if n == 1 or ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
    return { n, ttl }`,
  // KEYS[1] sorted set of lease ids scored by expiry; ARGV lease id, max, lease ms → 1 taken, 0 full
  acquireLease: `
    local t = redis.call('TIME')
    local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
    redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
    if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
    redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
    redis.call('PEXPIRE', KEYS[1], ARGV[3])
    return 1`,
  // KEYS[1] counter; ARGV amount, limit, ttl ms → { 1 added / 0 refused, total }
  addWithinLimit: `
    local total = tonumber(redis.call('GET', KEYS[1]) or '0')
    if total + tonumber(ARGV[1]) > tonumber(ARGV[2]) then return { 0, total } end
    total = redis.call('INCRBY', KEYS[1], ARGV[1])
    redis.call('PEXPIRE', KEYS[1], ARGV[3])
    return { 1, total }`,
  // KEYS[1] marker; ARGV value, ttl ms → { 1 written / 0 already held, value held }
  claimMarker: `
    local held = redis.call('GET', KEYS[1])
    if held then return { 0, held } end
    redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
    return { 1, ARGV[1] }`,
  // KEYS[1] counter; ARGV amount, ttl ms → total
  add: `
    local total = redis.call('INCRBY', KEYS[1], ARGV[1])
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return total`,
} as const;

/** Options of `createRedisStore`. */
export interface RedisStoreOptions {
  /** e.g. `redis://:password@10.0.0.3:6379/0` or `rediss://…` for TLS. */
  url: string;
  /** Prepended to every key so several deployments can share one Redis (default `brandfill:`). */
  prefix?: string;
  /** A command waiting longer than this fails, so a lost Redis turns into an error, not a hang (ms, default 2000). */
  commandTimeoutMs?: number;
}

/** Throws when a Lua reply is not what the script returns (a misconfigured proxy, not user input). */
function pair(reply: unknown): [number, number] {
  if (!Array.isArray(reply) || reply.length !== 2) throw new Error("Unexpected reply from Redis.");
  return [Number(reply[0]), Number(reply[1])];
}

/**
 * The shared store: one Redis (7 or newer tested; 5+ needed for `TIME` in scripts) that every
 * proxy instance points at. Each operation is one Lua script (`EVALSHA`, loaded on first use).
 * Connection loss surfaces as a rejected promise after `commandTimeoutMs`; the guard turns it
 * into a 503 rather than letting requests through unmetered.
 *
 * @throws nothing at creation; connection errors appear on the first command.
 */
export function createRedisStore(options: RedisStoreOptions): LimitStore {
  const prefix = options.prefix ?? "brandfill:";
  const redis = new Redis(options.url, {
    keyPrefix: prefix,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    maxRetriesPerRequest: 1,
    // ioredis logs "Unhandled error event" with the URL (which may hold a password) unless someone listens.
    lazyConnect: false,
  });
  redis.on("error", () => undefined);
  for (const [name, lua] of Object.entries(SCRIPTS)) redis.defineCommand(name, { numberOfKeys: 1, lua });
  const run = (name: keyof typeof SCRIPTS, key: string, ...args: (string | number)[]) =>
    (redis as unknown as Record<string, (...a: (string | number)[]) => Promise<unknown>>)[name]!(key, ...args);

  return {
    kind: "redis",
    async incrementWindowAsync(key, windowMs) {
      const [count, resetInMs] = pair(await run("incrementWindow", key, Math.ceil(windowMs)));
      return { count, resetInMs };
    },
    async acquireLeaseAsync(key, leaseId, max, leaseMs) {
      return Number(await run("acquireLease", key, leaseId, max, Math.ceil(leaseMs))) === 1;
    },
    async releaseLeaseAsync(key, leaseId) {
      await redis.zrem(key, leaseId);
    },
    async addWithinLimitAsync(key, amount, limit, ttlMs) {
      const [added, total] = pair(await run("addWithinLimit", key, Math.round(amount), Math.floor(limit), Math.ceil(ttlMs)));
      return { added: added === 1, total };
    },
    async addAsync(key, amount, ttlMs) {
      return Number(await run("add", key, Math.round(amount), Math.ceil(ttlMs)));
    },
    async claimMarkerAsync(key, value, ttlMs) {
      const reply = await run("claimMarker", key, value, Math.ceil(ttlMs));
      if (!Array.isArray(reply) || reply.length !== 2) throw new Error("Unexpected reply from Redis.");
      return { created: Number(reply[0]) === 1, value: String(reply[1]) };
    },
    async setMarkerAsync(key, value, ttlMs) {
      await redis.set(key, value, "PX", Math.ceil(ttlMs));
    },
    async readAsync(key) {
      return Number((await redis.get(key)) ?? 0);
    },
    async closeAsync() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
