import type { Context, MiddlewareHandler } from "hono";
import { BrandfillError } from "../../core/api/api-error.js";
import { estimateCostUsd } from "../../core/catalog/estimate-cost.js";
import { createTokenCheck } from "../auth/create-token-check.js";
import type { PreparedCall } from "../prepare-provider-call.js";
import type { ImageProvider } from "../providers/image-provider.js";
import type { LimitStore } from "../store/limit-store.js";
import { createMonthlyBudget } from "./create-monthly-budget.js";
import type { GuardConfig } from "./load-guard-config.js";
import { releaseWhenDone } from "./release-when-done.js";

declare module "hono" {
  interface ContextVariableMap {
    /** Id of the caller's token (`anonymous` when the proxy asks for none); never the token itself. */
    tokenId: string;
  }
}

/** Fixed rate window (ms): limits are per minute. */
const RATE_WINDOW_MS = 60_000;
/** Suggested wait when all of a token's concurrent slots are busy (seconds). */
const BUSY_RETRY_S = 5;

/** Who may use the proxy and how much: wired into the Hono app by `createApp`. */
export interface RequestGuard {
  /**
   * Middleware for every route, after CORS: requires `Authorization: Bearer <token>` when tokens
   * are configured and sets `c.var.tokenId`; otherwise 401 `unauthorized`. `GET /v1/health`
   * stays open without a header (load balancers probe it) but still refuses a wrong token, so
   * the panel's "Check" button catches one.
   */
  authenticate: MiddlewareHandler;
  /**
   * Middleware for `POST /v1/images`, before the body is read: the token's requests per minute
   * and requests in flight → 429 `rate_limited` with `retryAfterS`. A slot is held until the
   * answer (a streamed one included) has been sent or the client has gone.
   */
  limitRequests: MiddlewareHandler;
  /**
   * Reserves the estimated cost of `call` against the token's monthly budget before any
   * provider is called, and returns `provider` wrapped so the reservation becomes the real
   * `costUsd` on success and is given back on failure or when the client cancelled.
   * @throws BrandfillError `budget_exceeded` (429), or `provider_unavailable` (503) when the store is unreachable.
   */
  chargeAsync(c: Context, call: PreparedCall, provider: ImageProvider): Promise<ImageProvider>;
}

/** Options of `createRequestGuard`. */
export interface RequestGuardOptions {
  config: Pick<GuardConfig, "tokens" | "ratePerMin" | "maxConcurrent" | "budgetUsdMonth">;
  store: LimitStore;
  /** Longest a concurrent slot is held if its release is lost (ms): the request deadline plus a margin. */
  leaseMs: number;
  /** Where rejection log lines go (one JSON object per line); nothing logged when absent. */
  logLine?: (line: string) => void;
  /** Clock in milliseconds (tests). */
  now?: () => number;
}

/** The store failed: refuse rather than serve unmetered (a lost Redis must not open the budget). */
function storeDown(cause: unknown): BrandfillError {
  return new BrandfillError("provider_unavailable", "The proxy cannot check its usage limits right now. Try again in a moment.", { cause, retryAfterS: 5 });
}

/** A client that went away (not the deadline) aborted this signal. */
function cancelledByClient(signal: AbortSignal): boolean {
  return signal.aborted && (signal.reason as { name?: string } | undefined)?.name !== "TimeoutError";
}

/**
 * Authentication, rate and concurrency limits and the monthly budget, all per token and all
 * kept in `store`, so instances sharing a Redis store enforce one limit together.
 */
export function createRequestGuard(options: RequestGuardOptions): RequestGuard {
  const { config, store } = options;
  const check = createTokenCheck(config.tokens);
  const budget = config.budgetUsdMonth === null ? null : createMonthlyBudget(store, config.budgetUsdMonth, options.now);

  const refuse = (c: Context, error: BrandfillError) => {
    options.logLine?.(
      JSON.stringify({
        at: new Date().toISOString(),
        requestId: c.get("requestId"),
        route: `${c.req.method} ${c.req.path.slice(0, 100)}`,
        token: c.get("tokenId"),
        status: error.status,
        code: error.code,
      }),
    );
    if (error.retryAfterS !== undefined) c.header("Retry-After", String(error.retryAfterS));
    if (error.code === "unauthorized") c.header("WWW-Authenticate", 'Bearer realm="brandfill"');
    // A refused upload is not read; a client reusing the connection would send into a closed socket.
    if (c.req.raw.body) c.header("Connection", "close");
    return c.json(error.toBody(), error.status as 401);
  };

  const authenticate: MiddlewareHandler = async (c, next) => {
    if (config.tokens.length === 0) {
      c.set("tokenId", "anonymous");
      return next();
    }
    const header = c.req.header("authorization");
    const id = check(header);
    if (id !== null) {
      c.set("tokenId", id);
      return next();
    }
    if (header === undefined && c.req.method === "GET" && c.req.path === "/v1/health") return next();
    return refuse(
      c,
      new BrandfillError(
        "unauthorized",
        header === undefined
          ? "This proxy needs a token. Enter the token you were given in the plugin's Settings."
          : "The token in the plugin's Settings is not one this proxy accepts. Ask whoever runs the proxy for the current token.",
      ),
    );
  };

  const limitRequests: MiddlewareHandler = async (c, next) => {
    const tokenId = c.get("tokenId") ?? "anonymous";
    // The proxy's own id, never the client's X-Request-Id: leases with one id collapse into one
    // slot, so a client repeating its id on parallel requests would lift the limit.
    const leaseId = crypto.randomUUID();
    const busyKey = `busy:${tokenId}`;
    try {
      if (config.ratePerMin > 0) {
        const { count, resetInMs } = await store.incrementWindowAsync(`rate:${tokenId}`, RATE_WINDOW_MS);
        if (count > config.ratePerMin) {
          const wait = Math.max(1, Math.ceil(resetInMs / 1000));
          return refuse(
            c,
            new BrandfillError("rate_limited", `Your token has made ${config.ratePerMin} image requests this minute, the most this proxy allows. Try again in ${wait} s.`, {
              retryAfterS: wait,
            }),
          );
        }
      }
      if (config.maxConcurrent > 0 && !(await store.acquireLeaseAsync(busyKey, leaseId, config.maxConcurrent, options.leaseMs))) {
        return refuse(
          c,
          new BrandfillError("rate_limited", `Your token already has ${config.maxConcurrent} images being made, the most this proxy runs at once. Try again when one finishes.`, {
            retryAfterS: BUSY_RETRY_S,
          }),
        );
      }
    } catch (error) {
      return refuse(c, storeDown(error));
    }
    if (config.maxConcurrent === 0) return next();
    const release = () => void store.releaseLeaseAsync(busyKey, leaseId).catch(() => undefined);
    try {
      await next();
    } catch (error) {
      release();
      throw error;
    }
    // A streamed answer is still being produced when the handler returns: hold the slot until it ends.
    const body = c.res.body;
    if (body && (c.res.headers.get("content-type") ?? "").startsWith("text/event-stream")) {
      c.res = new Response(releaseWhenDone(body, release), c.res);
    } else {
      release();
    }
  };

  return {
    authenticate,
    limitRequests,
    async chargeAsync(c, call, provider) {
      if (!budget) return provider;
      const estimate = estimateCostUsd(call.model, call.size, call.quality, call.n);
      let hold;
      try {
        hold = await budget.reserveAsync(c.get("tokenId") ?? "anonymous", estimate);
      } catch (error) {
        throw error instanceof BrandfillError ? error : storeDown(error);
      }
      const settle = (work: Promise<void>) =>
        work.catch((error) =>
          options.logLine?.(
            JSON.stringify({ at: new Date().toISOString(), requestId: c.get("requestId"), token: c.get("tokenId"), event: "budget-settle-failed", error: (error as Error).name }),
          ),
        );
      return {
        id: provider.id,
        async runAsync(providerCall) {
          try {
            const result = await provider.runAsync(providerCall);
            await settle(cancelledByClient(providerCall.signal) ? hold.releaseAsync() : hold.settleAsync(result.costUsd));
            return result;
          } catch (error) {
            await settle(hold.releaseAsync());
            throw error;
          }
        },
      };
    },
  };
}
