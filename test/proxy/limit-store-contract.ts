import { expect, it } from "vitest";
import type { LimitStore } from "../../src/proxy/store/limit-store.js";

/**
 * The behaviour every `LimitStore` must have, run against the memory store and against Redis.
 * `store()` returns the store under test; keys are made unique per call.
 */
export function limitStoreContract(store: () => LimitStore): void {
  let n = 0;
  const key = (name: string) => `${name}:${Date.now()}:${n++}`;

  it("counts events in a window and says when it ends", async () => {
    const k = key("rate");
    const first = await store().incrementWindowAsync(k, 60_000);
    const second = await store().incrementWindowAsync(k, 60_000);
    expect([first.count, second.count]).toEqual([1, 2]);
    expect(second.resetInMs).toBeGreaterThan(50_000);
    expect(second.resetInMs).toBeLessThanOrEqual(60_000);
  });

  it("hands out at most max leases and takes back released ones", async () => {
    const k = key("busy");
    expect(await store().acquireLeaseAsync(k, "a", 2, 60_000)).toBe(true);
    expect(await store().acquireLeaseAsync(k, "b", 2, 60_000)).toBe(true);
    expect(await store().acquireLeaseAsync(k, "c", 2, 60_000)).toBe(false);
    await store().releaseLeaseAsync(k, "a");
    await store().releaseLeaseAsync(k, "never-taken");
    expect(await store().acquireLeaseAsync(k, "c", 2, 60_000)).toBe(true);
    expect(await store().acquireLeaseAsync(k, "d", 2, 60_000)).toBe(false);
  });

  it("adds within a limit atomically and refuses what would pass it", async () => {
    const k = key("spent");
    expect(await store().addWithinLimitAsync(k, 600, 1000, 60_000)).toEqual({ added: true, total: 600 });
    expect(await store().addWithinLimitAsync(k, 500, 1000, 60_000)).toEqual({ added: false, total: 600 });
    expect(await store().addWithinLimitAsync(k, 400, 1000, 60_000)).toEqual({ added: true, total: 1000 });
    expect(await store().addAsync(k, -250, 60_000)).toBe(750);
    expect(await store().readAsync(k)).toBe(750);
    expect(await store().readAsync(key("absent"))).toBe(0);
  });

  it("never lets concurrent reservations pass the limit together", async () => {
    const k = key("race");
    const results = await Promise.all(Array.from({ length: 50 }, () => store().addWithinLimitAsync(k, 100, 1000, 60_000)));
    expect(results.filter((r) => r.added)).toHaveLength(10);
    expect(await store().readAsync(k)).toBe(1000);
  });

  it("never hands out more leases than max to concurrent callers", async () => {
    const k = key("busy-race");
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => store().acquireLeaseAsync(k, `lease-${i}`, 7, 60_000)));
    expect(results.filter(Boolean)).toHaveLength(7);
  });

  it("writes a marker once, tells the writer it did, and lets it be overwritten", async () => {
    const k = key("marker");
    const claims = await Promise.all(["a", "b", "c"].map((v) => store().claimMarkerAsync(k, v, 60_000)));
    // Exactly one concurrent claim wins; every caller reads the winner's value.
    expect(claims.filter((c) => c.created)).toHaveLength(1);
    const winner = claims.find((c) => c.created)!.value;
    expect(claims.map((c) => c.value)).toEqual([winner, winner, winner]);
    await store().setMarkerAsync(k, "lost:1", 60_000);
    expect(await store().claimMarkerAsync(k, "d", 60_000)).toEqual({ value: "lost:1", created: false });
  });
}
