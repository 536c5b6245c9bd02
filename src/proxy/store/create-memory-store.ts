import type { LimitStore } from "./limit-store.js";

/** Operations between two sweeps of expired entries (keeps memory bounded without a timer). */
const SWEEP_EVERY = 1000;

/**
 * The default store: plain maps in this process. Correct for one proxy instance; several
 * instances behind a load balancer each count separately, so use the Redis store there.
 *
 * @param now clock in milliseconds (injected so tests can move across windows and months).
 */
export function createMemoryStore(now: () => number = Date.now): LimitStore {
  const counters = new Map<string, { value: number; expiresAt: number }>();
  const leases = new Map<string, Map<string, number>>();
  const markers = new Map<string, { value: string; expiresAt: number }>();
  let operations = 0;

  const sweep = () => {
    if (++operations % SWEEP_EVERY !== 0) return;
    const t = now();
    for (const [key, entry] of counters) if (entry.expiresAt <= t) counters.delete(key);
    for (const [key, entry] of markers) if (entry.expiresAt <= t) markers.delete(key);
    for (const [key, held] of leases) {
      for (const [id, expiresAt] of held) if (expiresAt <= t) held.delete(id);
      if (held.size === 0) leases.delete(key);
    }
  };
  const live = (key: string) => {
    const entry = counters.get(key);
    if (entry && entry.expiresAt <= now()) {
      counters.delete(key);
      return undefined;
    }
    return entry;
  };

  return {
    kind: "memory",
    async incrementWindowAsync(key, windowMs) {
      sweep();
      const entry = live(key) ?? { value: 0, expiresAt: now() + windowMs };
      entry.value += 1;
      counters.set(key, entry);
      return { count: entry.value, resetInMs: entry.expiresAt - now() };
    },
    async acquireLeaseAsync(key, leaseId, max, leaseMs) {
      sweep();
      const t = now();
      const held = leases.get(key) ?? new Map<string, number>();
      for (const [id, expiresAt] of held) if (expiresAt <= t) held.delete(id);
      if (held.size >= max) return false;
      held.set(leaseId, t + leaseMs);
      leases.set(key, held);
      return true;
    },
    async releaseLeaseAsync(key, leaseId) {
      const held = leases.get(key);
      held?.delete(leaseId);
      if (held?.size === 0) leases.delete(key);
    },
    async addWithinLimitAsync(key, amount, limit, ttlMs) {
      sweep();
      const total = live(key)?.value ?? 0;
      if (total + amount > limit) return { added: false, total };
      counters.set(key, { value: total + amount, expiresAt: now() + ttlMs });
      return { added: true, total: total + amount };
    },
    async addAsync(key, amount, ttlMs) {
      sweep();
      const total = (live(key)?.value ?? 0) + amount;
      counters.set(key, { value: total, expiresAt: now() + ttlMs });
      return total;
    },
    async claimMarkerAsync(key, value, ttlMs) {
      sweep();
      const held = markers.get(key);
      if (held && held.expiresAt > now()) return { value: held.value, created: false };
      markers.set(key, { value, expiresAt: now() + ttlMs });
      return { value, created: true };
    },
    async setMarkerAsync(key, value, ttlMs) {
      markers.set(key, { value, expiresAt: now() + ttlMs });
    },
    async readAsync(key) {
      return live(key)?.value ?? 0;
    },
    async closeAsync() {
      counters.clear();
      leases.clear();
      markers.clear();
    },
  };
}
