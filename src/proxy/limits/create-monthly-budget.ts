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
   * @throws BrandfillError `budget_exceeded` (429) with `retryAfterS` until the month ends, or
   *   without it when the store lost this month's counters.
   */
  reserveAsync(tokenId: string, estimateUsd: number | null): Promise<BudgetHold>;
  /** Spent so far this month (USD, reservations included). */
  spentAsync(tokenId: string): Promise<number>;
}

/** The month's marker key: written at the month's first budgeted request, kept as long as its counters. */
const markerKeyOf = (month: string) => `budget-epoch:${month}`;
/** Marker values: `<ms>:<uuid>` as first written; `lost:<ms>` once an instance noticed lost counters; `ack:…` written by an operator who accepted the loss (docs/deploy.md, "Redis"). */
const LOST = "lost:";
const ACKNOWLEDGED = "ack:";

/**
 * The store lost this month's counters: refuse rather than start the budget again from zero.
 * A plain sentence for the designer; the operator's steps are in docs/deploy.md ("Redis").
 */
function countersLost(): BrandfillError {
  return new BrandfillError(
    "budget_exceeded",
    "The proxy has lost its record of this month's spending (its Redis store restarted without saving it), so requests that cost money are paused to protect your team's budget. The offline model still works; ask whoever runs your team's proxy to restore the records.",
    { retryable: false },
  );
}

/** Dollars as a designer reads them: cents, or a tenth of a cent where prices need it ($0.005). */
const usd = (micro: number) => `$${(micro / MICRO).toFixed(micro % 10_000 === 0 ? 2 : 3)}`;

/**
 * A per-token budget for the calendar month (UTC) from the cost accounting: each successful
 * request adds its `costUsd`.
 *
 * Lost counters are noticed, not silently restarted from zero: the month's first budgeted request
 * writes a marker beside the counters (`budget-epoch:<month>`), and every instance remembers the
 * marker it saw. When the marker has gone or changed under an instance (the Redis it shares was
 * restarted without persistence, so counters and marker vanished together), that instance marks
 * the month `lost` in the store and every instance refuses paid requests with a sentence until an
 * operator restores the data or accepts the loss (docs/deploy.md, "Redis"). Free requests still run.
 * @param budgetUsd the monthly limit in USD (≥ 0).
 * @param now clock in milliseconds (injected for tests).
 */
export function createMonthlyBudget(store: LimitStore, budgetUsd: number, now: () => number = Date.now): MonthlyBudget {
  const limit = Math.round(budgetUsd * MICRO);
  const keyOf = (tokenId: string, month: string) => `spent:${tokenId}:${month}`;
  /** The marker this instance saw for each month (in memory: what survives when the store does not). */
  const seen = new Map<string, string>();

  /** @throws the `countersLost` error when the month's marker shows the counters were lost. */
  const checkMarkerAsync = async (month: string, ttl: number) => {
    const key = markerKeyOf(month);
    const { value } = await store.claimMarkerAsync(key, `${now()}:${crypto.randomUUID()}`, ttl);
    if (value.startsWith(LOST)) throw countersLost();
    const known = seen.get(month);
    if (known !== undefined && value !== known && !value.startsWith(ACKNOWLEDGED)) {
      // The marker this instance saw is gone: so are the counters written beside it.
      await store.setMarkerAsync(key, `${LOST}${now()}`, ttl);
      throw countersLost();
    }
    seen.set(month, value);
  };
  return {
    async reserveAsync(tokenId, estimateUsd) {
      const month = monthWindow(now());
      const key = keyOf(tokenId, month.key);
      const ttl = month.resetInMs + KEEP_AFTER_MONTH_MS;
      const reserved = estimateUsd === null ? 0 : Math.round(estimateUsd * MICRO);
      if (estimateUsd === 0) return { settleAsync: async () => undefined, releaseAsync: async () => undefined };
      await checkMarkerAsync(month.key, ttl);
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
