import { describe, expect, it } from "vitest";
import { createMonthlyBudget } from "../../src/proxy/limits/create-monthly-budget.js";
import { loadGuardConfig } from "../../src/proxy/limits/load-guard-config.js";
import { monthWindow } from "../../src/proxy/limits/month-window.js";
import { createMemoryStore } from "../../src/proxy/store/create-memory-store.js";
import { limitStoreContract } from "./limit-store-contract.js";

describe("memory store", () => {
  const store = createMemoryStore();
  limitStoreContract(() => store);

  it("starts a new window once the old one has ended", async () => {
    let now = 1_000_000;
    const clocked = createMemoryStore(() => now);
    await clocked.incrementWindowAsync("rate:x", 60_000);
    now += 30_000;
    expect(await clocked.incrementWindowAsync("rate:x", 60_000)).toEqual({ count: 2, resetInMs: 30_000 });
    now += 30_000;
    expect(await clocked.incrementWindowAsync("rate:x", 60_000)).toEqual({ count: 1, resetInMs: 60_000 });
  });

  it("drops a lease that outlived its time, so a lost release cannot block a token forever", async () => {
    let now = 0;
    const clocked = createMemoryStore(() => now);
    expect(await clocked.acquireLeaseAsync("busy:x", "lost", 1, 5000)).toBe(true);
    expect(await clocked.acquireLeaseAsync("busy:x", "next", 1, 5000)).toBe(false);
    now = 5000;
    expect(await clocked.acquireLeaseAsync("busy:x", "next", 1, 5000)).toBe(true);
  });
});

describe("monthly budget", () => {
  it("counts per calendar month in UTC and says when the next one starts", () => {
    const july = Date.UTC(2025, 6, 31, 23, 59, 0);
    expect(monthWindow(july)).toEqual({ key: "2025-07", resetInMs: 60_000, resetsOn: "1 August" });
    expect(monthWindow(Date.UTC(2025, 11, 15)).key).toBe("2025-12");
    expect(monthWindow(Date.UTC(2025, 11, 15)).resetsOn).toBe("1 January");
  });

  it("starts from zero in a new month", async () => {
    let now = Date.UTC(2025, 6, 31, 12);
    const budget = createMonthlyBudget(
      createMemoryStore(() => now),
      0.01,
      () => now,
    );
    await (await budget.reserveAsync("team", 0.01)).settleAsync(0.01);
    await expect(budget.reserveAsync("team", 0.005)).rejects.toMatchObject({ code: "budget_exceeded", retryAfterS: 12 * 3600 });
    now = Date.UTC(2025, 7, 1, 0, 0, 1);
    await expect(budget.reserveAsync("team", 0.005)).resolves.toBeDefined();
  });

  it("replaces the estimate by the real cost, counts an unknown cost as 0 and gives back a release", async () => {
    const budget = createMonthlyBudget(createMemoryStore(), 1);
    const a = await budget.reserveAsync("team", 0.2);
    expect(await budget.spentAsync("team")).toBeCloseTo(0.2);
    await a.settleAsync(0.15);
    expect(await budget.spentAsync("team")).toBeCloseTo(0.15);
    await (await budget.reserveAsync("team", 0.3)).settleAsync(null);
    expect(await budget.spentAsync("team")).toBeCloseTo(0.15);
    const c = await budget.reserveAsync("team", 0.5);
    await c.releaseAsync();
    await c.settleAsync(0.5); // a hold settles once
    expect(await budget.spentAsync("team")).toBeCloseTo(0.15);
  });

  it("lets free requests through a used-up budget but not paid ones of unknown price", async () => {
    const budget = createMonthlyBudget(createMemoryStore(), 0.1);
    await expect(budget.reserveAsync("team", null)).resolves.toBeDefined();
    await (await budget.reserveAsync("team", 0.1)).settleAsync(0.1);
    await expect(budget.reserveAsync("team", 0)).resolves.toBeDefined();
    await expect(budget.reserveAsync("team", null)).rejects.toMatchObject({ code: "budget_exceeded" });
    await expect(budget.reserveAsync("team", 0.001)).rejects.toThrow(/\$0\.10 of \$0\.10 spent and this request would cost about \$0\.001/);
  });
});

describe("limit settings", () => {
  it("reads defaults and turns a limit off with 0", () => {
    expect(loadGuardConfig({})).toMatchObject({ tokens: [], ratePerMin: 60, maxConcurrent: 8, budgetUsdMonth: null, redisUrl: null, redisPrefix: "brandfill:" });
    expect(loadGuardConfig({ BRANDFILL_RATE_PER_MIN: "0", BRANDFILL_MAX_CONCURRENT: "0", BRANDFILL_BUDGET_USD_MONTH: "0" })).toMatchObject({
      ratePerMin: 0,
      maxConcurrent: 0,
      budgetUsdMonth: 0,
    });
  });

  it.each([
    [{ BRANDFILL_RATE_PER_MIN: "ten" }, /BRANDFILL_RATE_PER_MIN must be a whole number/],
    [{ BRANDFILL_MAX_CONCURRENT: "-1" }, /BRANDFILL_MAX_CONCURRENT must be a whole number/],
    [{ BRANDFILL_BUDGET_USD_MONTH: "$50" }, /BRANDFILL_BUDGET_USD_MONTH must be an amount in US dollars/],
  ])("names the variable when %j is malformed", (env, message) => {
    expect(() => loadGuardConfig(env)).toThrow(message);
  });
});
