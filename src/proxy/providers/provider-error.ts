import { BrandfillError } from "../../core/api/api-error.js";

/** Provider names as a designer reads them. */
export const PROVIDER_NAMES = { openai: "OpenAI", gemini: "Google Gemini", offline: "the offline model" } as const;

/** Longest provider message passed on to a designer (characters). */
const MAX_PROVIDER_MESSAGE = 300;

/**
 * Cleans a provider's own error message before a designer sees it: anything that looks like
 * an API key or bearer token is removed, base64 runs are cut, and the length is capped.
 */
export function sanitizeProviderMessage(message: unknown): string {
  const text = typeof message === "string" ? message : "";
  return text
    .replace(/(sk|rk|pk)-[A-Za-z0-9_-]{8,}/g, "[key]")
    .replace(/AIza[0-9A-Za-z_-]{20,}/g, "[key]")
    .replace(/Bearer\s+[A-Za-z0-9._~+/-]+=*/gi, "Bearer [token]")
    .replace(/[A-Za-z0-9+/]{200,}={0,2}/g, "[data]")
    .slice(0, MAX_PROVIDER_MESSAGE)
    .trim();
}

/** Seconds from `retry-after` (seconds or HTTP date) or `retry-after-ms`; undefined when absent. */
export function retryAfterSeconds(headers: { get(name: string): string | null } | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get("retry-after-ms"));
  if (Number.isFinite(ms) && ms > 0) return Math.ceil(ms / 1000);
  const raw = headers.get("retry-after");
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - Date.now()) / 1000)) : undefined;
}

/**
 * The errors every provider maps the same way, by HTTP status, so each provider file only
 * handles what is special to it (moderation codes, block reasons).
 */
export function errorForStatus(
  provider: "openai" | "gemini",
  status: number | undefined,
  providerMessage: string,
  retryAfterS: number | undefined,
  cause: unknown,
): BrandfillError {
  const name = PROVIDER_NAMES[provider];
  const detail = providerMessage ? ` ${name} said: “${providerMessage}”` : "";
  const opts = { provider, cause, ...(retryAfterS !== undefined ? { retryAfterS } : {}) };
  if (status === 401 || status === 403) {
    return new BrandfillError("provider_error", `${name} refused the proxy's API key. Ask whoever runs the proxy to check it.`, { ...opts, retryable: false });
  }
  if (status === 429) {
    return new BrandfillError("rate_limited", `${name} is receiving too many requests right now.${retryAfterS ? ` Try again in ${retryAfterS} s.` : " Try again in a moment."}`, opts);
  }
  if (status === 408 || status === 504) return new BrandfillError("timeout", `${name} took too long to answer. Nothing was placed.`, opts);
  if (status !== undefined && status >= 500) {
    return new BrandfillError("provider_unavailable", `${name} is having trouble right now (error ${status}). Try again in a moment.`, opts);
  }
  if (status !== undefined && status >= 400) {
    return new BrandfillError("provider_error", `${name} could not make this image.${detail}`, { ...opts, retryable: false });
  }
  return new BrandfillError("provider_unavailable", `Could not reach ${name}. Check the proxy's network and try again.`, opts);
}

/**
 * Turns an abort into the right error: `timeout` when the request's deadline passed,
 * `cancelled` when the client went away or pressed Cancel.
 */
export function abortError(signal: AbortSignal, provider: string, cause?: unknown): BrandfillError {
  const reason = signal.reason as { name?: string } | undefined;
  if (reason?.name === "TimeoutError") {
    return new BrandfillError("timeout", "The image service took too long to answer. Nothing was placed.", { provider, cause });
  }
  return new BrandfillError("cancelled", "The request was cancelled.", { provider, cause, retryable: false });
}
