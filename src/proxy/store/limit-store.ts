/**
 * The state several proxy instances behind a load balancer must agree on: request counts per
 * time window, leases for requests in flight, and money spent per month. Every operation is
 * atomic in the store itself (a Redis Lua script, or one synchronous step in memory), so two
 * instances checking the same limit at the same moment cannot both slip under it.
 *
 * Keys are short strings chosen by the caller (never a token: tokens are hashed to an id first).
 * Amounts are integers (the budget counts micro-dollars) so Redis can add them exactly.
 */
export interface LimitStore {
  /** Which implementation this is, for logs and bench rows ("memory" or "redis"). */
  readonly kind: "memory" | "redis";
  /**
   * Counts one event in a fixed window: adds 1 to `key`, starting a new window of `windowMs`
   * milliseconds when none is running.
   * @returns the count in the current window (this event included) and milliseconds until it ends.
   */
  incrementWindowAsync(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  /**
   * Takes one of at most `max` leases under `key`, held by `leaseId` for at most `leaseMs`
   * milliseconds (expired leases are dropped first, so a crashed instance cannot hold a slot forever).
   * @returns false when `max` leases are already held.
   */
  acquireLeaseAsync(key: string, leaseId: string, max: number, leaseMs: number): Promise<boolean>;
  /** Gives back a lease; giving back one that expired or was never taken does nothing. */
  releaseLeaseAsync(key: string, leaseId: string): Promise<void>;
  /**
   * Adds `amount` (an integer ≥ 0) to the counter `key` only if the result stays ≤ `limit`,
   * and keeps the counter for `ttlMs` milliseconds.
   * @returns whether it was added, and the counter afterwards (unchanged when refused).
   */
  addWithinLimitAsync(key: string, amount: number, limit: number, ttlMs: number): Promise<{ added: boolean; total: number }>;
  /** Adds an integer (may be negative) to the counter `key` unconditionally; returns the new total. */
  addAsync(key: string, amount: number, ttlMs: number): Promise<number>;
  /**
   * Sets the text `key` to `value` (kept `ttlMs` milliseconds) unless it already holds one.
   * Used for the month's budget marker (create-monthly-budget.ts), which tells a store that lost
   * its counters from one that never had any.
   * @returns the text the key holds afterwards, and whether this call wrote it.
   */
  claimMarkerAsync(key: string, value: string, ttlMs: number): Promise<{ value: string; created: boolean }>;
  /** Overwrites the text `key` with `value`, kept `ttlMs` milliseconds. */
  setMarkerAsync(key: string, value: string, ttlMs: number): Promise<void>;
  /** Reads a counter (0 when absent). */
  readAsync(key: string): Promise<number>;
  /** Releases connections; the store is unusable afterwards. */
  closeAsync(): Promise<void>;
}
