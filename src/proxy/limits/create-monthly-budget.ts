import { BrandfillError } from "../../core/api/api-error.js";
import type { LimitStore } from "../store/limit-store.js";
import { monthWindow } from "./month-window.js";

/** Money is counted in micro-dollars so the shared store adds integers exactly. */
const MICRO = 1_000_000;
/** Counters outlive their month by a week, so a late settlement still finds its counter. */
const KEEP_AFTER_MONTH_MS = 7 * 24 * 3600 * 1000;

/** A reservation against a token's budget, settled once when the provider call ends. */
export interface BudgetHold {
  /** Replaces the reserved estimate by the real cost (null = unknown, counted as 0). */
  settleAsync(costUsd: number | null): Promise<void>;
  /** Gives the reservation back: the request failed or the client cancelled it. */
  releaseAsync(): Promise<void>;
}

/** A token's monthly spending limit, kept in a `LimitStore`. */
export interface MonthlyBudget {
  /**
   * Reserves `estimateUsd` for one request before the provider is called, so concurrent
   * requests cannot all slip under the limit. Refused when spent (reservations included) +
   * estimate would exceed the budget; a paid request of unknown price is refused once the
   * budget is used up; a free request (estimate 0, price known) is never refused.
   * @throws BrandfillError `budget_exceeded` (429) with `retryAfterS` until the month ends.
   */
  reserveAsync(tokenId: string, estimateUsd: number | null): Promise<BudgetHold>;
  /** Spent so far this month (USD, reservations included). */
  spentAsync(tokenId: string): Promise<number>;
}

/** Dollars as a designer reads them: cents, or a tenth of a cent where prices need it ($0.005). */
const usd = (micro: number) => `$${(micro / MICRO).toFixed(micro % 10_000 === 0 ? 2 : 3)}`;

/**
 * A per-token budget for the calendar month (UTC) from the cost accounting: each successful
 * request adds its `costUsd`.
 * @param budgetUsd the monthly limit in USD (≥ 0).
 * @param now clock in milliseconds (injected for tests).
 */
export function createMonthlyBudget(store: LimitStore, budgetUsd: number, now: () => number = Date.now): MonthlyBudget {
  const limit = Math.round(budgetUsd * MICRO);
  const keyOf = (tokenId: string, month: string) => `spent:${tokenId}:${month}`;
  return {
    async reserveAsync(tokenId, estimateUsd) {
      const month = monthWindow(now());
      const key = keyOf(tokenId, month.key);
      const ttl = month.resetInMs + KEEP_AFTER_MONTH_MS;
      const reserved = estimateUsd === null ? 0 : Math.round(estimateUsd * MICRO);
      if (estimateUsd === 0) return { settleAsync: async () => undefined, releaseAsync: async () => undefined };
      // Unknown price: allowed while something is left (spent ≤ limit − 1 µ$), counted at its real cost later.
      const { added, total } = await store.addWithinLimitAsync(key, reserved, estimateUsd === null ? limit - 1 : limit, ttl);
      if (!added) {
        const estimate = estimateUsd === null ? "" : ` and this request would cost about ${usd(reserved)}`;
        throw new BrandfillError(
          "budget_exceeded",
          `This month's budget for your token is used up (${usd(total)} of ${usd(limit)} spent${estimate}). It starts again on ${month.resetsOn} (UTC); ask whoever runs the proxy to raise it, or use the offline model.`,
          { retryable: false, retryAfterS: Math.ceil(month.resetInMs / 1000) },
        );
      }
      let open = true;
      const adjust = async (micro: number) => {
        if (!open) return;
        open = false;
        if (micro !== 0) await store.addAsync(key, micro, ttl);
      };
      return {
        settleAsync: (costUsd) => adjust(Math.round((costUsd ?? 0) * MICRO) - reserved),
        releaseAsync: () => adjust(-reserved),
      };
    },
    async spentAsync(tokenId) {
      return (await store.readAsync(keyOf(tokenId, monthWindow(now()).key))) / MICRO;
    },
  };
}
