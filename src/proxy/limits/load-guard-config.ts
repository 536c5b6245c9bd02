import { parseAccessTokens, type AccessToken } from "../auth/parse-access-tokens.js";

/** Who may use the proxy and how much (read from the environment; listed in docs/deploy.md). */
export interface GuardConfig {
  /** `BRANDFILL_TOKEN`: accepted bearer tokens; empty = no token asked (loopback only). */
  tokens: AccessToken[];
  /** `BRANDFILL_RATE_PER_MIN`: image requests per token per minute (default 60; 0 = no limit). */
  ratePerMin: number;
  /** `BRANDFILL_MAX_CONCURRENT`: image requests one token may have running at once (default 8; 0 = no limit). */
  maxConcurrent: number;
  /** `BRANDFILL_BUDGET_USD_MONTH`: spend per token per calendar month (UTC) in USD; null = no budget. */
  budgetUsdMonth: number | null;
  /** `BRANDFILL_REDIS_URL`: shared store for several instances; null = in memory. */
  redisUrl: string | null;
  /** `BRANDFILL_REDIS_PREFIX`: key prefix in Redis (default `brandfill:`). */
  redisPrefix: string;
}

/** A whole number ≥ 0 from the environment, or the fallback when unset. */
function count(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0 (0 turns the limit off), got “${raw}”.`);
  return value;
}

/**
 * Reads the authentication and limit settings from environment variables.
 * @throws Error naming the variable when a value is malformed (a token is never echoed).
 */
export function loadGuardConfig(env: Record<string, string | undefined>): GuardConfig {
  const budgetRaw = env.BRANDFILL_BUDGET_USD_MONTH?.trim();
  const budget = budgetRaw ? Number(budgetRaw) : null;
  if (budget !== null && (!Number.isFinite(budget) || budget < 0)) {
    throw new Error(`BRANDFILL_BUDGET_USD_MONTH must be an amount in US dollars ≥ 0 (e.g. 50), got “${budgetRaw}”.`);
  }
  return {
    tokens: parseAccessTokens(env.BRANDFILL_TOKEN),
    ratePerMin: count(env, "BRANDFILL_RATE_PER_MIN", 60),
    maxConcurrent: count(env, "BRANDFILL_MAX_CONCURRENT", 8),
    budgetUsdMonth: budget,
    redisUrl: env.BRANDFILL_REDIS_URL?.trim() || null,
    redisPrefix: env.BRANDFILL_REDIS_PREFIX?.trim() || "brandfill:",
  };
}
